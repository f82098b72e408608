#include <sstream>
#include <string>

#include <gtest/gtest.h>

#include "base/temp_dir.h"
#include "http/client.h"
#include "journal/entry_json.h"
#include "loadgen/enrollment.h"
#include "loadgen/journal_uploader.h"
#include "loadgen/load_run.h"
#include "loadgen/simulated_register.h"
#include "server/server_app.h"
#include "storage/sql_pool.h"

namespace kasse::loadgen {
namespace {

// A real server on SQLite in a temporary directory, on a free port.
class LoadgenTest : public ::testing::Test {
 protected:
  void SetUp() override {
    server::ServerConfig config;
    config.db = dir_.File("server.db");
    config.listen = "127.0.0.1:0";
    config.log_level = ops::LogLevel::kError;
    app_ = std::make_unique<server::ServerApp>(config, log_);
    Result<std::optional<std::string>> admin = app_->Start();
    ASSERT_TRUE(admin.ok()) << admin.status().ToString();
    admin_token_ = **admin;
  }

  LoadOptions Options(size_t registers, size_t entries) {
    LoadOptions options;
    options.server_url = app_->url();
    options.admin_token = admin_token_;
    options.registers = registers;
    options.entries_per_register = entries;
    options.batch = 25;
    options.concurrency = 2;
    options.register_prefix = "T";
    return options;
  }

  int64_t Count(const std::string& sql) {
    Result<std::unique_ptr<storage::SqlPool>> pool = storage::OpenSqlPool(dir_.File("server.db"), 1);
    EXPECT_TRUE(pool.ok());
    Result<storage::SqlPool::Lease> db = (*pool)->Acquire();
    return (*(*db)->QueryValue(sql))->AsInt();
  }

  TempDir dir_;
  std::ostringstream log_;
  std::unique_ptr<server::ServerApp> app_;
  std::string admin_token_;
};

TEST_F(LoadgenTest, WrongAdminTokenIsRefusedBeforeAnyUpload) {
  LoadOptions options = Options(2, 5);
  options.admin_token = "not-the-token";
  std::ostringstream progress;
  Result<LoadReport> report = RunLoad(options, progress);
  EXPECT_TRUE(report.status().IsUnauthenticated()) << report.status().ToString();
  EXPECT_EQ(Count("SELECT COUNT(*) FROM journal_entries"), 0);
}

TEST_F(LoadgenTest, UnreachableServerIsUnavailable) {
  LoadOptions options = Options(2, 5);
  app_->Stop();
  std::ostringstream progress;
  Result<LoadReport> report = RunLoad(options, progress);
  EXPECT_TRUE(report.status().IsUnavailable()) << report.status().ToString();
}

struct BadOption {
  std::string name;
  std::function<void(LoadOptions&)> change;
  std::string field;
};

class LoadOptionsTest : public ::testing::TestWithParam<BadOption> {};

TEST_P(LoadOptionsTest, IsRefusedNamingTheOption) {
  LoadOptions options;
  options.server_url = "http://127.0.0.1:8080";
  options.admin_token = "t";
  options.registers = 3;
  options.entries_per_register = 10;
  ASSERT_TRUE(ValidateLoadOptions(options).ok());
  GetParam().change(options);
  Status status = ValidateLoadOptions(options);
  EXPECT_TRUE(status.IsInvalidArgument()) << status.ToString();
  EXPECT_EQ(status.field(), GetParam().field);
}

INSTANTIATE_TEST_SUITE_P(
    Cases, LoadOptionsTest,
    ::testing::Values(BadOption{"NoRegisters", [](LoadOptions& o) { o.registers = 0; }, "registers"},
                      BadOption{"NoEntries", [](LoadOptions& o) { o.entries_per_register = 0; },
                                "entries-per-register"},
                      BadOption{"ZeroBatch", [](LoadOptions& o) { o.batch = 0; }, "batch"},
                      BadOption{"BatchOverProtocolLimit", [](LoadOptions& o) { o.batch = 501; }, "batch"},
                      BadOption{"NoConcurrency", [](LoadOptions& o) { o.concurrency = 0; }, "concurrency"},
                      BadOption{"NoAdminToken", [](LoadOptions& o) { o.admin_token.clear(); }, "admin-token"},
                      BadOption{"NotAUrl", [](LoadOptions& o) { o.server_url = "ftp://x"; }, "server"},
                      BadOption{"BadPrefix", [](LoadOptions& o) { o.register_prefix = "a b"; }, "register_id"}),
    [](const ::testing::TestParamInfo<BadOption>& param_info) { return param_info.param.name; });

TEST_F(LoadgenTest, EveryEntryIsStoredOnceAndNoneQuarantined) {
  std::ostringstream progress;
  Result<LoadReport> report = RunLoad(Options(3, 80), progress);
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_EQ(report->entries, 240u);
  EXPECT_EQ(report->errors, 0u) << FormatLoadReport(*report);
  EXPECT_EQ(report->quarantined, 0u);
  EXPECT_EQ(report->batches, 3u * 4u);  // 80 entries in batches of 25
  EXPECT_EQ(Count("SELECT COUNT(*) FROM journal_entries WHERE quarantine IS NULL"), 240);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM journal_entries"), 240);
  EXPECT_GT(Count("SELECT COUNT(*) FROM sale_receipts"), 200);  // the projection ran
  EXPECT_NE(FormatLoadReport(*report).find("quarantined          0"), std::string::npos);
}

// Issue 10, item 12: enrollment ran on admin clients picked by work item while
// threads took items dynamically, so two threads shared one connection and read
// each other's answers ("bad version", another register's credential). Each
// thread now owns its client.
TEST_F(LoadgenTest, ManyRegistersEnrollOverSeveralThreads) {
  LoadOptions options = Options(24, 3);
  options.concurrency = 4;
  std::ostringstream progress;
  Result<LoadReport> report = RunLoad(options, progress);
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_EQ(report->entries, 72u);
  EXPECT_EQ(report->errors, 0u) << FormatLoadReport(*report);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM devices"), 24);
}

// Run IDs were whole seconds, so a second run in the same second re-enrolled the
// first run's registers and was refused.
TEST_F(LoadgenTest, RunsOneAfterTheOtherGetTheirOwnRegisters) {
  for (int run = 0; run < 3; ++run) {
    LoadOptions options = Options(2, 3);
    options.register_prefix.clear();
    std::ostringstream progress;
    Result<LoadReport> report = RunLoad(options, progress);
    ASSERT_TRUE(report.ok()) << "run " << run << ": " << report.status().ToString();
    EXPECT_EQ(report->entries, 6u);
  }
  EXPECT_EQ(Count("SELECT COUNT(*) FROM devices"), 6);
}

// A 403 is the server refusing this credential, not an unavailable server.
TEST_F(LoadgenTest, AnotherRegistersCredentialIsPermissionDenied) {
  http::Url url = *http::ParseUrl(app_->url());
  http::HttpClient client(url.host, url.port);
  Result<std::string> first = EnrollRegister(client, "", admin_token_, RegisterId("P-1"), "P", "loadgen");
  Result<std::string> second = EnrollRegister(client, "", admin_token_, RegisterId("P-2"), "P", "loadgen");
  ASSERT_TRUE(first.ok() && second.ok()) << first.status().ToString() << second.status().ToString();
  Result<std::vector<std::string>> journal = GenerateJournal(RegisterId("P-2"), 2, 1);
  ASSERT_TRUE(journal.ok());
  JournalUploader uploader(url, RegisterId("P-2"), *first, *journal, LoadLimits::kTimeout);
  Result<BatchOutcome> sent = uploader.SendNext(10);
  EXPECT_TRUE(sent.status().IsPermissionDenied()) << sent.status().ToString();
  EXPECT_EQ(sent.status().ToString().rfind("PERMISSION_DENIED", 0), 0u) << sent.status().ToString();
  EXPECT_NE(sent.status().message().find("belongs to register P-1"), std::string::npos) << sent.status().ToString();
}

// The mix the issue asks for: 1–15 lines, both VAT rates, weighed goods, cash and
// card, returns and aborts.
TEST(GenerateJournalTest, HasARealisticMix) {
  Result<std::vector<std::string>> journal = GenerateJournal(RegisterId("K-0101-01"), 400, 7);
  ASSERT_TRUE(journal.ok()) << journal.status().ToString();
  ASSERT_EQ(journal->size(), 400u);
  int returns = 0, aborts = 0, weighed = 0, card = 0, cash = 0, vat19 = 0, vat7 = 0;
  size_t most_lines = 0;
  for (size_t i = 0; i < journal->size(); ++i) {
    Result<journal::JournalEntry> entry = journal::DecodeEntry((*journal)[i]);
    ASSERT_TRUE(entry.ok()) << entry.status().ToString();
    EXPECT_EQ(entry->seq, static_cast<int64_t>(i + 1));
    const auto* receipt = std::get_if<journal::ReceiptEntry>(&entry->payload);
    if (receipt == nullptr) continue;
    EXPECT_TRUE(receipt->tse.signed_ok());
    const Receipt& sale = receipt->receipt;
    returns += sale.original.has_value() ? 1 : 0;
    aborts += sale.type == ReceiptType::kAVBelegabbruch ? 1 : 0;
    most_lines = std::max(most_lines, sale.lines.size());
    for (const ReceiptLine& line : sale.lines) {
      weighed += line.quantity.unit() == Unit::kKilogram ? 1 : 0;
      (line.vat_key.value() == 1 ? vat19 : vat7) += 1;
    }
    for (const Payment& payment : sale.payments) (IsCash(payment.method) ? cash : card) += 1;
  }
  EXPECT_GT(returns, 0);
  EXPECT_GT(aborts, 0);
  EXPECT_GT(weighed, 0);
  EXPECT_GT(card, 50);
  EXPECT_GT(cash, 50);
  EXPECT_GT(vat19, 100);
  EXPECT_GT(vat7, 100);
  EXPECT_GE(most_lines, 10u);
  EXPECT_LE(most_lines, 15u);
}

}  // namespace
}  // namespace kasse::loadgen
