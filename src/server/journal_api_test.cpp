// The log of refused journal uploads (journal_api.h, RecordRefusedUpload): every
// refusal, whatever its cause (a wrong credential, the database down during the
// credential check), is counted and logged, at most one line per register and code
// per kRefusalLogInterval, with the number held back.
#include "server/journal_api.h"

#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "base/clock.h"
#include "base/temp_dir.h"
#include "domain/vat.h"
#include "ops/metrics_registry.h"
#include "server/server_database.h"

namespace kasse::server {
namespace {

constexpr int64_t kNow = 1'796'000'000'000;  // 2026-11-28

class RefusedUploadLogTest : public ::testing::Test {
 protected:
  void SetUp() override {
    pool_ = *OpenServerDatabase(dir_.File("server.db"), 2);
    credentials_ = std::make_unique<Credentials>(*pool_, clock_);
    metrics_ = std::make_unique<ServerMetrics>(registry_, *pool_, clock_);
    ingest_ = std::make_unique<IngestService>(*pool_, VatTable::Germany(), clock_, std::vector<Projection*>{});
  }

  JournalRouteDeps Deps() { return {*ingest_, *pool_, *credentials_, *metrics_, log_, refusals_}; }

  // "register code suppressed" of each "journal upload refused" line.
  std::vector<std::string> Lines() const {
    std::vector<std::string> lines;
    std::istringstream in(log_out_.str());
    for (std::string line; std::getline(in, line);) {
      nlohmann::json json = nlohmann::json::parse(line, nullptr, false);
      if (!json.is_object() || json.value("msg", "") != "journal upload refused") continue;
      lines.push_back(json.value("register_id", "") + " " + json.value("code", "") + " " +
                      std::to_string(json.value("suppressed_since_last", -1)));
    }
    return lines;
  }

  TempDir dir_;
  FakeClock clock_{kNow};
  std::ostringstream log_out_;
  ops::Logger log_{log_out_, ops::LogLevel::kInfo, clock_};
  ops::LogThrottle refusals_{clock_, kRefusalLogInterval};
  ops::MetricsRegistry registry_;
  std::unique_ptr<storage::SqlPool> pool_;
  std::unique_ptr<Credentials> credentials_;
  std::unique_ptr<ServerMetrics> metrics_;
  std::unique_ptr<IngestService> ingest_;
};

TEST_F(RefusedUploadLogTest, ADatabaseOutageIsLoggedOncePerIntervalAndCountedEveryTime) {
  const Status down = Status::Unavailable("cannot connect to PostgreSQL");
  for (int i = 0; i < 20; ++i) RecordRefusedUpload(Deps(), "K-0101-01", down);
  RecordRefusedUpload(Deps(), "K-0101-02", down);
  RecordRefusedUpload(Deps(), "K-0101-01", Status::Unauthenticated("unknown or retired device credential"));
  EXPECT_EQ(Lines(), (std::vector<std::string>{"K-0101-01 UNAVAILABLE 0", "K-0101-02 UNAVAILABLE 0",
                                               "K-0101-01 UNAUTHENTICATED 0"}));
  clock_.Advance(std::chrono::duration_cast<std::chrono::milliseconds>(kRefusalLogInterval).count());
  RecordRefusedUpload(Deps(), "K-0101-01", down);
  EXPECT_EQ(Lines().back(), "K-0101-01 UNAVAILABLE 19");
  EXPECT_NE(registry_.Render().find(R"(kasse_ingest_errors_total{code="UNAVAILABLE"} 22)"), std::string::npos)
      << registry_.Render();
}

}  // namespace
}  // namespace kasse::server
