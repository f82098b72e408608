// Server processes against many uploading registers, on both backends: a server
// killed with SIGKILL mid-stream, two servers over one database taking the same
// registers' uploads at once, and (PostgreSQL) the database restarted.
// Afterwards every register's whole journal is on the server exactly once: every
// acknowledged entry survived, the registers sent the rest again, and no sale
// fact is doubled.
#include <atomic>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <thread>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "http/client.h"
#include "journal/entry_json.h"
#include "masterdata/master_data_store.h"
#include "masterdata/testing/master_data_fixture.h"
#include "register/sync_client.h"
#include "register/testing/till.h"
#include "server/credentials.h"
#include "server/journal_store.h"
#include "server/server_app.h"
#include "server/server_database.h"
#include "server/testing/server_process.h"
#include "storage/testing/scratch_database.h"

namespace kasse::server {
namespace {

using namespace reg::testing;  // NOLINT(google-build-using-namespace): the test vocabulary

constexpr int kRegisters = 6;
constexpr int kSalesPerRegister = 30;
constexpr size_t kBatchEntries = 4;  // many small batches, so a kill lands mid-stream

// One register: its own directory, journal, TSE and sync client.
struct SimulatedRegister {
  SimulatedRegister(const std::string& id, const std::string& url, const std::string& token)
      : till(dir, "", id), register_id(id), token_(token) {
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

  // Another sync client of this register, with its own outbox connection, sending to `url`.
  reg::SyncClient& AddClient(const std::string& url) {
    outboxes_.push_back(*reg::JournalStore::Open(dir.File("register.db"), {}));
    reg::SyncClient::Options options;
    options.server_url = url;
    options.token = token_;
    options.batch_entries = kBatchEntries;
    options.timeout = std::chrono::milliseconds(3000);
    clients_.push_back(*reg::SyncClient::Create(options, RegisterId(register_id), *outboxes_.back(), till.clock));
    return *clients_.back();
  }

  TempDir dir;
  Till till;
  std::string register_id;
  std::unique_ptr<reg::JournalStore> outbox;
  std::unique_ptr<reg::SyncClient> client;

  const std::string& token() const { return token_; }

 private:
  std::string token_;
  std::vector<std::unique_ptr<reg::JournalStore>> outboxes_;
  std::vector<std::unique_ptr<reg::SyncClient>> clients_;
};

// Uploads through `client` until the register's journal is acknowledged.
void UploadAll(reg::SyncClient& client, const std::atomic<bool>& stop) {
  while (!stop) {
    Result<int64_t> sent = client.SyncOnce();
    if (sent.ok() && *sent == 0 && client.status().backlog == 0) return;
    if (!sent.ok()) std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
}

class ServerProcessTest : public ::testing::TestWithParam<storage::SqlDialect> {
 protected:
  void SetUp() override {
    Result<std::unique_ptr<storage::ScratchDatabase>> db = storage::ScratchDatabase::Create(GetParam());
    ASSERT_TRUE(db.ok()) << db.status().ToString();
    db_ = std::move(*db);
    pool_ = *OpenServerDatabase(db_->target(), 2);
    config_.db = db_->target();
    config_.listen = "127.0.0.1:0";
    config_.threads = 4;
    admin_ = **Credentials(*pool_, clock_).CreateAdminTokenIfNone();  // before the server's first start makes one
    StartServer();
    config_.listen = "127.0.0.1:" + std::to_string(server_->port());  // a restart listens there again
    url_ = server_->url();
    Credentials credentials(*pool_, clock_);
    for (int i = 1; i <= kRegisters; ++i) {
      std::string id = "K-0101-0" + std::to_string(i);
      std::string code = *credentials.CreateEnrollmentCode(RegisterId(id), false);
      registers_.push_back(std::make_unique<SimulatedRegister>(id, url_, credentials.Enroll(code, "pos")->token));
    }
  }

  // `kasse server` in a process of its own; SIGKILL ends it.
  void StartServer() {
    Result<std::unique_ptr<testing::ServerProcess>> server =
        testing::ServerProcess::Start(KASSE_BINARY, config_, server_dir_.path());
    ASSERT_TRUE(server.ok()) << server.status().ToString();
    server_ = std::move(*server);
  }

  // Every register uploads in its own thread until its journal is acknowledged or stop.
  void Upload(std::atomic<bool>& stop) {
    std::vector<std::thread> threads;
    for (auto& simulated : registers_) {
      threads.emplace_back([&stop, r = simulated.get()] { UploadAll(*r->client, stop); });
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
  std::string admin_;
  TempDir server_dir_;  // the servers' output
  std::unique_ptr<testing::ServerProcess> server_;
};

TEST_P(ServerProcessTest, KilledServerLosesNoAcknowledgedEntryAndDoublesNothing) {
  std::atomic<bool> stop{false};
  std::thread uploads([&] { Upload(stop); });
  int64_t total = 0;
  for (auto& r : registers_) total += static_cast<int64_t>(Journal(*r->till.store).size());
  // Kill the server when about a third has arrived.
  while (ServerCount("SELECT COUNT(*) FROM journal_entries") < total / 3) {
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  server_->Kill();
  int64_t acknowledged_before = 0;
  for (auto& r : registers_) acknowledged_before += *r->outbox->AckedSeq();
  StartServer();
  uploads.join();
  EXPECT_GT(acknowledged_before, 0);
  EXPECT_LT(acknowledged_before, total);  // the kill came mid-stream
  ExpectEverythingOnce();
}

// Two server processes over one database, as behind a load balancer that spreads
// a register's requests over both: every register uploads through both servers
// at once (a thread and an outbox connection per server), so the same batches
// reach both, concurrently and out of turn; each register's progress row is
// what keeps them in order. Then a price changed through one server reaches a
// register's catalog poll held by the other, and each server reports what the
// other ingested.
TEST_P(ServerProcessTest, TwoServersOverOneDatabaseStoreEverythingOnce) {
  ServerConfig second_config = config_;
  second_config.listen = "127.0.0.1:0";
  Result<std::unique_ptr<testing::ServerProcess>> second =
      testing::ServerProcess::Start(KASSE_BINARY, second_config, server_dir_.path());
  ASSERT_TRUE(second.ok()) << second.status().ToString();
  masterdata::MasterDataStore master_data(*pool_);
  ASSERT_TRUE(master_data.PutStore(masterdata::testing::MakeStore("B1")).ok());
  ASSERT_TRUE(master_data.PutRegister(masterdata::testing::MakeRegister("K-0101-01", "B1")).ok());
  ASSERT_TRUE(master_data.PutProductGroup({ProductGroupId("MOPRO"), "Molkereiprodukte"}).ok());
  ASSERT_TRUE(
      master_data
          .PutArticle(masterdata::testing::MakeArticle("1001", {masterdata::testing::WithCheckDigit("400000000001")}))
          .ok());

  std::atomic<bool> stop{false};
  std::vector<std::thread> threads;
  for (auto& r : registers_) {
    reg::SyncClient& via_second = r->AddClient((*second)->url());
    threads.emplace_back([&stop, r = r.get()] { UploadAll(*r->client, stop); });
    threads.emplace_back([&stop, &via_second] { UploadAll(via_second, stop); });
  }
  for (std::thread& thread : threads) thread.join();
  ExpectEverythingOnce();

  // The catalog: K-0101-01 polls the second server, the admin changes a price through the first.
  std::string device = "Bearer " + registers_[0]->token();  // K-0101-01
  auto call = [](uint16_t port, const std::string& method, const std::string& target, const std::string& body,
                 const std::string& authorization) {
    http::HttpClient client("127.0.0.1", port, std::chrono::seconds(60));
    Result<http::HttpResponse> response = client.Send(method, target, body, {{"Authorization", authorization}});
    return response.ok() ? *response : http::HttpResponse::Error(response.status());
  };
  uint16_t first_port = server_->port();
  uint16_t second_port = (*second)->port();
  http::HttpResponse snapshot = call(second_port, "GET", "/api/v1/stores/B1/catalog?since=0", "", device);
  ASSERT_EQ(snapshot.status, 200) << snapshot.body;
  int64_t version = nlohmann::json::parse(snapshot.body)["to_version"].get<int64_t>();
  http::HttpResponse polled;
  std::thread poll([&] {
    polled =
        call(second_port, "GET", "/api/v1/stores/B1/catalog?since=" + std::to_string(version) + "&wait=50", "", device);
  });
  http::HttpResponse put =
      call(first_port, "PUT", "/api/v1/stores/B1/prices/1001/0", R"({"unit_price_cents":129})", "Bearer " + admin_);
  EXPECT_EQ(put.status, 200) << put.body;
  poll.join();
  ASSERT_EQ(polled.status, 200) << polled.body;  // 204 would mean the change never reached the poll
  nlohmann::json delta = nlohmann::json::parse(polled.body);
  EXPECT_GT(delta["to_version"].get<int64_t>(), version);
  ASSERT_EQ(delta["upsert_prices"].size(), 1u);
  EXPECT_EQ(delta["upsert_prices"][0]["unit_price_cents"], 129);

  // Each server shows what both ingested.
  for (uint16_t port : {first_port, second_port}) {
    http::HttpResponse state = call(port, "GET", "/api/v1/sync/registers", "", "Bearer " + admin_);
    ASSERT_EQ(state.status, 200) << state.body;
    nlohmann::json registers = nlohmann::json::parse(state.body)["registers"];
    ASSERT_EQ(registers.size(), static_cast<size_t>(kRegisters));
    for (const nlohmann::json& r : registers) EXPECT_EQ(r["backlog"], 0) << r.dump();
  }
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

INSTANTIATE_TEST_SUITE_P(Backends, ServerProcessTest,
                         ::testing::Values(storage::SqlDialect::kSqlite, storage::SqlDialect::kPostgres),
                         [](const ::testing::TestParamInfo<storage::SqlDialect>& param_info) {
                           return storage::BackendName(param_info.param);
                         });

}  // namespace
}  // namespace kasse::server
