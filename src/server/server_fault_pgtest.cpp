// Faults during ingestion, on both backends: the server process killed with
// SIGKILL while many registers upload, and (PostgreSQL) the database restarted.
// Afterwards every register's whole journal is on the server exactly once: every
// acknowledged entry survived, the registers sent the rest again, and no sale
// fact is doubled.
#include <atomic>
#include <cstdlib>
#include <fstream>
#include <signal.h>
#include <sstream>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

#include <gtest/gtest.h>

#include "http/client.h"
#include "http/server.h"
#include "journal/entry_json.h"
#include "register/sync_client.h"
#include "register/testing/till.h"
#include "server/credentials.h"
#include "server/journal_store.h"
#include "server/server_app.h"
#include "server/server_database.h"
#include "storage/testing/scratch_database.h"

namespace kasse::server {
namespace {

using namespace reg::testing;  // NOLINT(google-build-using-namespace): the test vocabulary

constexpr int kRegisters = 6;
constexpr int kSalesPerRegister = 30;
constexpr size_t kBatchEntries = 4;  // many small batches, so a kill lands mid-stream

uint16_t FreePort() {
  http::HttpServer probe({}, [](http::HttpRequest&) { return http::HttpResponse::Json(200, "{}"); });
  EXPECT_TRUE(probe.Start().ok());
  return probe.port();
}

// One register: its own directory, journal, TSE and sync client.
struct SimulatedRegister {
  SimulatedRegister(const std::string& id, const std::string& url, const std::string& token)
      : till(dir, "", id), register_id(id) {
    EXPECT_TRUE(till.service->OpenShift(kAnna, Money::FromCents(1000)).ok());
    for (int i = 0; i < kSalesPerRegister; ++i) {
      EXPECT_TRUE(till.service->AddItem(i % 2 == 0 ? kSoap : kMilk, Quantity::Pieces(1 + i % 3)).ok());
      int64_t due = (i % 2 == 0 ? 249 : 119) * (1 + i % 3);
      EXPECT_TRUE(
          till.service->AddPayment(samples::Pay(i % 3 == 0 ? PaymentMethod::kGirocard : PaymentMethod::kCash, due))
              .ok());
    }
    outbox = *reg::JournalStore::Open(dir.File("register.db"), {});
    reg::SyncClient::Options options;
    options.server_url = url;
    options.token = token;
    options.batch_entries = kBatchEntries;
    options.timeout = std::chrono::milliseconds(3000);
    client = *reg::SyncClient::Create(options, RegisterId(id), *outbox, till.clock);
  }

  TempDir dir;
  Till till;
  std::string register_id;
  std::unique_ptr<reg::JournalStore> outbox;
  std::unique_ptr<reg::SyncClient> client;
};

class ServerFaultTest : public ::testing::TestWithParam<storage::SqlDialect> {
 protected:
  void SetUp() override {
    Result<std::unique_ptr<storage::ScratchDatabase>> db = storage::ScratchDatabase::Create(GetParam());
    ASSERT_TRUE(db.ok()) << db.status().ToString();
    db_ = std::move(*db);
    pool_ = *OpenServerDatabase(db_->target(), 2);
    config_.db = db_->target();
    config_.listen = "127.0.0.1:" + std::to_string(FreePort());
    config_.threads = 4;
    url_ = "http://" + config_.listen;
    Credentials credentials(*pool_, clock_);
    for (int i = 1; i <= kRegisters; ++i) {
      std::string id = "K-0101-0" + std::to_string(i);
      std::string code = *credentials.CreateEnrollmentCode(RegisterId(id), false);
      registers_.push_back(std::make_unique<SimulatedRegister>(id, url_, credentials.Enroll(code, "pos")->token));
    }
  }
  void TearDown() override { StopServer(); }

  // The server in a child process, as `kasse server` runs; SIGKILL ends it.
  void StartServer() {
    child_ = fork();
    ASSERT_GE(child_, 0);
    if (child_ == 0) {
      std::ostringstream log;
      ServerApp app(config_, log);
      if (!app.Start().ok()) _exit(3);
      while (true) pause();
    }
    http::HttpClient probe("127.0.0.1", static_cast<uint16_t>(std::stoi(config_.listen.substr(10))));
    for (int i = 0; i < 500; ++i) {
      Result<http::HttpResponse> ready = probe.Send("GET", "/readyz", "");
      if (ready.ok() && ready->status == 200) return;
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    FAIL() << "server did not become ready";
  }
  void KillServer() {
    ASSERT_EQ(kill(child_, SIGKILL), 0);
    int status = 0;
    waitpid(child_, &status, 0);
    child_ = -1;
  }
  void StopServer() {
    if (child_ <= 0) return;
    kill(child_, SIGTERM);
    kill(child_, SIGKILL);
    waitpid(child_, nullptr, 0);
    child_ = -1;
  }

  // Every register uploads in its own thread until its journal is acknowledged or stop.
  void Upload(std::atomic<bool>& stop) {
    std::vector<std::thread> threads;
    for (auto& simulated : registers_) {
      threads.emplace_back([&stop, r = simulated.get()] {
        while (!stop) {
          Result<int64_t> sent = r->client->SyncOnce();
          if (sent.ok() && *sent == 0 && r->client->status().backlog == 0) return;
          if (!sent.ok()) std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
      });
    }
    for (std::thread& thread : threads) thread.join();
  }

  int64_t ServerCount(const std::string& sql) { return (*(*pool_->Acquire())->QueryValue(sql))->AsInt(); }

  // The whole journal of every register is on the server, byte for byte, once.
  void ExpectEverythingOnce() {
    storage::SqlPool::Lease db = *pool_->Acquire();
    int64_t receipts = 0;
    for (auto& r : registers_) {
      std::vector<JournalEntry> journal = Journal(*r->till.store);
      EXPECT_EQ(*JournalStore::AckedSeq(*db, RegisterId(r->register_id)), static_cast<int64_t>(journal.size()));
      for (const JournalEntry& entry : journal) {
        std::optional<std::string> body = *JournalStore::Body(*db, RegisterId(r->register_id), entry.seq);
        ASSERT_TRUE(body.has_value()) << r->register_id << " seq " << entry.seq;
        EXPECT_EQ(*body, journal::EncodeEntry(entry));
        if (std::holds_alternative<ReceiptEntry>(entry.payload)) ++receipts;
      }
    }
    EXPECT_EQ(ServerCount("SELECT COUNT(*) FROM sale_receipts"), receipts);
    EXPECT_EQ(ServerCount("SELECT SUM(receipts) FROM sales_rollup"), receipts);
    EXPECT_EQ(ServerCount("SELECT COUNT(*) FROM journal_entries WHERE quarantine IS NOT NULL"), 0);
  }

  FakeClock clock_{kStart};
  std::unique_ptr<storage::ScratchDatabase> db_;
  std::unique_ptr<storage::SqlPool> pool_;
  ServerConfig config_;
  std::string url_;
  std::vector<std::unique_ptr<SimulatedRegister>> registers_;
  pid_t child_ = -1;
};

TEST_P(ServerFaultTest, KilledServerLosesNoAcknowledgedEntryAndDoublesNothing) {
  StartServer();
  std::atomic<bool> stop{false};
  std::thread uploads([&] { Upload(stop); });
  int64_t total = 0;
  for (auto& r : registers_) total += static_cast<int64_t>(Journal(*r->till.store).size());
  // Kill the server when about a third has arrived.
  while (ServerCount("SELECT COUNT(*) FROM journal_entries") < total / 3) {
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  KillServer();
  int64_t acknowledged_before = 0;
  for (auto& r : registers_) acknowledged_before += *r->outbox->AckedSeq();
  StartServer();
  uploads.join();
  EXPECT_GT(acknowledged_before, 0);
  EXPECT_LT(acknowledged_before, total);  // the kill came mid-stream
  ExpectEverythingOnce();
}

// Runs the project's PostgreSQL script on a private server of this test.
int Postgres(const std::string& action, const std::string& dir) {
  std::string command = std::string(KASSE_SOURCE_DIR) + "/scripts/testing/postgres " + action + " " + dir;
  return std::system(command.c_str());  // NOLINT(cert-env33-c): the project's own script, fixed arguments
}

// PostgreSQL restarted while registers upload: the server reconnects, the
// registers' retries deliver the rest, and nothing is lost or doubled. The test
// restarts a PostgreSQL of its own, not the one other tests share.
TEST(PostgresRestartTest, ServerReconnectsAndLosesNothing) {
  TempDir pg_dir;
  ASSERT_EQ(Postgres("start", pg_dir.path().string()), 0);
  std::string url;
  std::getline(std::ifstream(pg_dir.File("url")), url);
  ASSERT_FALSE(url.empty());
  FakeClock clock{kStart};
  std::unique_ptr<storage::SqlPool> pool = *OpenServerDatabase(url, 2);
  ServerConfig config;
  config.db = url;
  config.listen = "127.0.0.1:0";
  std::ostringstream log;
  ServerApp server(config, log);
  ASSERT_TRUE(server.Start().ok());
  Credentials credentials(*pool, clock);
  std::vector<std::unique_ptr<SimulatedRegister>> registers;
  int64_t total = 0;
  for (int i = 1; i <= kRegisters; ++i) {
    std::string id = "K-0101-0" + std::to_string(i);
    std::string code = *credentials.CreateEnrollmentCode(RegisterId(id), false);
    registers.push_back(std::make_unique<SimulatedRegister>(id, server.url(), credentials.Enroll(code, "pos")->token));
    total += static_cast<int64_t>(Journal(*registers.back()->till.store).size());
  }
  std::atomic<int64_t> acked{0};
  std::vector<std::thread> threads;
  for (auto& simulated : registers) {
    threads.emplace_back([&acked, r = simulated.get()] {
      int64_t mine = 0;
      for (int attempt = 0; attempt < 5000; ++attempt) {
        Result<int64_t> sent = r->client->SyncOnce();
        if (sent.ok()) {
          mine += *sent;
          acked += *sent;
          if (*sent == 0 && r->client->status().backlog == 0) return;
        } else {
          std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
        if (mine > 20 && attempt % 50 == 0) std::this_thread::sleep_for(std::chrono::milliseconds(5));
      }
    });
  }
  while (acked < total / 3) std::this_thread::sleep_for(std::chrono::milliseconds(2));
  ASSERT_EQ(Postgres("restart", pg_dir.path().string()), 0);
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(acked, total);
  {
    storage::SqlPool::Lease db = *pool->Acquire();  // the pool reconnects as well
    EXPECT_EQ((*db->QueryValue("SELECT COUNT(*) FROM journal_entries"))->AsInt(), total);
    int64_t receipts = total - 2 * kRegisters;  // all but each register's shift opening and float
    EXPECT_EQ((*db->QueryValue("SELECT COUNT(*) FROM sale_receipts"))->AsInt(), receipts);
  }
  EXPECT_NE(log.str().find("journal upload refused"), std::string::npos);  // the restart was felt
  server.Stop();
  pool.reset();
  Postgres("stop", pg_dir.path().string());
}

INSTANTIATE_TEST_SUITE_P(Backends, ServerFaultTest,
                         testing::Values(storage::SqlDialect::kSqlite, storage::SqlDialect::kPostgres),
                         [](const testing::TestParamInfo<storage::SqlDialect>& param_info) {
                           return storage::BackendName(param_info.param);
                         });

}  // namespace
}  // namespace kasse::server
