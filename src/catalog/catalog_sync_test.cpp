#include "catalog/catalog_sync.h"

#include <chrono>
#include <condition_variable>
#include <future>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "base/temp_dir.h"
#include "catalog/delta_json.h"
#include "catalog/detail/test_records.h"
#include "http/router.h"
#include "http/server.h"

namespace kasse::catalog {
namespace {

using namespace test_records;          // NOLINT(google-build-using-namespace)
using namespace std::chrono_literals;  // NOLINT(google-build-using-namespace)

constexpr char kStore[] = "F-0042";
constexpr char kToken[] = "s3cret";

// The server side of the catalog protocol, reduced to what the client relies on:
// a history of deltas, a snapshot for a register it has no delta for, long polls
// held on a condition variable, and faults to switch on.
class FakeCatalogServer {
 public:
  FakeCatalogServer() {
    for (const std::string prefix : {"", "/hq"}) {
      router_.Add("GET", prefix + "/api/v1/stores/{store}/catalog", http::Access::kDevice,
                  [this](const http::HttpRequest& r) { return Answer(r); });
    }
    http::HttpServer::Options options;
    options.threads = 2;
    server_ = std::make_unique<http::HttpServer>(options, [this](http::HttpRequest& r) { return router_.Handle(r); });
    EXPECT_TRUE(server_->Start().ok());
  }
  FakeCatalogServer(const FakeCatalogServer&) = delete;
  FakeCatalogServer& operator=(const FakeCatalogServer&) = delete;
  ~FakeCatalogServer() {
    ReleasePolls();  // a held poll would make Stop() wait for its grace period
    server_.reset();
  }

  std::string url() const { return "http://127.0.0.1:" + std::to_string(server_->port()); }

  // A new version: `delta` leads from the server's version to the next.
  void Publish(const CatalogDelta& delta) {
    {
      std::lock_guard lock(mutex);
      steps_[delta.from_version] = EncodeDelta(delta);
      version_ = delta.to_version;
    }
    changed_.notify_all();
  }
  // Back to a backup: the server's state is `snapshot`, and its history is gone.
  void Restore(const CatalogDelta& snapshot) {
    std::lock_guard lock(mutex);
    steps_.clear();
    snapshot_ = EncodeDelta(snapshot);
    version_ = snapshot.to_version;
  }
  // Answers held polls at once and holds no more, as a server shutting down.
  void ReleasePolls() {
    {
      std::lock_guard lock(mutex);
      released_ = true;
    }
    changed_.notify_all();
  }
  // Waits until the server holds a poll for the changes since `version`.
  bool AwaitHeldPoll(int64_t version) {
    std::unique_lock lock(mutex);
    return held_.wait_for(lock, 5s, [&] { return held_since_ == version; });
  }

  std::mutex mutex;
  std::vector<std::string> targets;         // of every request
  std::vector<std::string> authorizations;  // of every request
  int fail_next = 0;                        // answer 500 this many times
  std::optional<std::string> next_body;     // answer the next request with this, 200
  bool ignore_wait = false;                 // hold polls until released

 private:
  http::HttpResponse Answer(const http::HttpRequest& request) {
    std::unique_lock lock(mutex);
    targets.push_back(request.target);
    authorizations.push_back(request.Header("authorization"));
    if (request.path_params.at("store") != kStore) {
      return http::HttpResponse::Error(Status::NotFound("store_id", "no such store"));
    }
    if (fail_next > 0) {
      --fail_next;
      return http::HttpResponse::Json(500, R"({"error":{"code":"INTERNAL","message":"db down","field":""}})");
    }
    if (next_body.has_value()) {
      std::string body = std::move(*next_body);
      next_body.reset();
      return http::HttpResponse::Json(200, std::move(body));
    }
    int64_t since = std::stoll(request.query.at("since"));
    if (since == version_) {
      held_since_ = since;
      held_.notify_all();
      auto newer = [&] { return version_ != since || released_; };
      if (ignore_wait) {
        changed_.wait(lock, newer);
      } else {
        changed_.wait_for(lock, std::chrono::seconds(std::stoll(request.query.at("wait"))), newer);
      }
      held_since_ = -1;
      if (since == version_) return http::HttpResponse::Text(204, "");
    }
    auto step = steps_.find(since);
    if (step != steps_.end()) return http::HttpResponse::Json(200, step->second);
    if (snapshot_.has_value()) return http::HttpResponse::Json(200, *snapshot_);
    return http::HttpResponse::Error(Status::Internal("no delta from version " + std::to_string(since)));
  }

  std::map<int64_t, std::string> steps_;  // from_version → delta
  std::optional<std::string> snapshot_;
  int64_t version_ = 0;
  bool released_ = false;
  int64_t held_since_ = -1;
  std::condition_variable changed_;
  std::condition_variable held_;
  http::Router router_;
  std::unique_ptr<http::HttpServer> server_;
};

// The milk costs `cents` from tomorrow on.
CatalogDelta MilkPriceChange(int64_t from_version, int64_t cents) {
  CatalogDelta delta;
  delta.from_version = from_version;
  delta.to_version = from_version + 1;
  delta.upsert_prices = {MakePrice("1001", cents, kT0 + kDay)};
  return delta;
}

class CatalogSyncTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Result<Catalog> catalog = Catalog::Open(dir_.File("catalog.db"), VatTable::Germany());
    ASSERT_TRUE(catalog.ok()) << catalog.status().ToString();
    catalog_ = std::move(catalog).value();
  }

  Result<std::unique_ptr<CatalogSyncClient>> Create(const std::string& url, std::chrono::seconds wait = 0s,
                                                    std::chrono::milliseconds timeout = 5s) {
    CatalogSyncClient::Options options;
    options.server_url = url;
    options.store_id = StoreId(kStore);
    options.token = kToken;
    options.wait = wait;
    options.timeout = timeout;
    return CatalogSyncClient::Create(options, *catalog_, clock_);
  }
  std::unique_ptr<CatalogSyncClient> Client(const std::string& url, std::chrono::seconds wait = 0s,
                                            std::chrono::milliseconds timeout = 5s) {
    return std::move(Create(url, wait, timeout)).value();
  }
  // The number of deltas one pull applied, or -1 after a failure.
  static int Pulled(CatalogSyncClient& client) {
    Result<int> pulled = client.PullOnce();
    EXPECT_TRUE(pulled.ok()) << pulled.status().ToString();
    return pulled.ok() ? *pulled : -1;
  }
  Money MilkPriceTomorrow() const {
    return catalog_->FindByGtin(*Gtin::Parse(kMilkGtin), kT0 + kDay)->price.unit_price;
  }

  TempDir dir_;
  FakeClock clock_{kT0};
  std::optional<Catalog> catalog_;
};

TEST_F(CatalogSyncTest, UnreachableServerLeavesTheCatalogWorking) {
  ASSERT_TRUE(catalog_->Apply(StoreDelta()).ok());
  std::unique_ptr<CatalogSyncClient> client = Client("http://127.0.0.1:1", 0s, 300ms);
  EXPECT_TRUE(client->PullOnce().status().IsUnavailable());
  EXPECT_FALSE(client->status().online);
  EXPECT_FALSE(client->status().last_error.empty());
  EXPECT_EQ(catalog_->version(), 1);
  EXPECT_EQ(MilkPriceTomorrow(), Money::FromCents(119));
}

TEST_F(CatalogSyncTest, ServerErrorFailsThePullAndTheNextOneSucceeds) {
  FakeCatalogServer server;
  server.Publish(StoreDelta());
  server.fail_next = 1;
  std::unique_ptr<CatalogSyncClient> client = Client(server.url());
  Status failed = client->PullOnce().status();
  EXPECT_TRUE(failed.IsUnavailable()) << failed.ToString();
  EXPECT_NE(client->status().last_error.find("500"), std::string::npos);
  EXPECT_EQ(catalog_->version(), 0);
  EXPECT_EQ(Pulled(*client), 1);
  EXPECT_TRUE(client->status().online);
  EXPECT_EQ(catalog_->version(), 1);
}

TEST_F(CatalogSyncTest, StaleDeltaIsRefusedWithoutChange) {
  FakeCatalogServer server;
  server.Publish(StoreDelta());
  std::unique_ptr<CatalogSyncClient> client = Client(server.url());
  ASSERT_EQ(Pulled(*client), 1);
  server.next_body = EncodeDelta(MilkPriceChange(2, 139));  // skips version 1 → 2
  Status refused = client->PullOnce().status();
  EXPECT_TRUE(refused.IsConflict()) << refused.ToString();
  EXPECT_EQ(refused.field(), "from_version");
  EXPECT_EQ(catalog_->version(), 1);
  EXPECT_EQ(MilkPriceTomorrow(), Money::FromCents(119));
  server.Publish(MilkPriceChange(1, 129));
  EXPECT_EQ(Pulled(*client), 1);  // asks from its own version again
  std::lock_guard lock(server.mutex);
  EXPECT_EQ(server.targets.back(), "/api/v1/stores/F-0042/catalog?since=1&wait=0");
  EXPECT_EQ(MilkPriceTomorrow(), Money::FromCents(129));
}

TEST_F(CatalogSyncTest, MalformedOrRefusedDeltaChangesNothing) {
  FakeCatalogServer server;
  server.Publish(StoreDelta());
  std::unique_ptr<CatalogSyncClient> client = Client(server.url());
  ASSERT_EQ(Pulled(*client), 1);
  server.next_body = R"({"from_version":1,"to_version":2,"upsert_groups":[]})";
  Status malformed = client->PullOnce().status();
  EXPECT_TRUE(malformed.IsInvalidArgument()) << malformed.ToString();
  EXPECT_EQ(malformed.field(), "upsert_articles");
  EXPECT_NE(malformed.message().find("malformed delta from the server"), std::string::npos);
  CatalogDelta bad_gtin = MilkPriceChange(1, 129);
  bad_gtin.upsert_articles = {MakeArticle("2001", "Zahnpasta", {kMilkGtin, "4006381333932"})};
  server.next_body = EncodeDelta(bad_gtin);
  Status refused = client->PullOnce().status();
  EXPECT_TRUE(refused.IsInvalidArgument()) << refused.ToString();
  EXPECT_EQ(refused.field(), "upsert_articles[0].gtins[1]");
  EXPECT_EQ(catalog_->version(), 1);
  EXPECT_EQ(MilkPriceTomorrow(), Money::FromCents(119));
}

TEST_F(CatalogSyncTest, DeltasApplyInOrderAndNothingNewIsNoChange) {
  FakeCatalogServer server;
  server.Publish(StoreDelta());
  server.Publish(MilkPriceChange(1, 129));
  std::unique_ptr<CatalogSyncClient> client = Client(server.url());
  EXPECT_EQ(Pulled(*client), 1);
  EXPECT_EQ(catalog_->version(), 1);
  EXPECT_EQ(Pulled(*client), 1);
  EXPECT_EQ(catalog_->version(), 2);
  EXPECT_EQ(MilkPriceTomorrow(), Money::FromCents(129));
  EXPECT_EQ(Pulled(*client), 0);  // 204
  EXPECT_EQ(catalog_->version(), 2);
  EXPECT_TRUE(client->status().online);
  EXPECT_EQ(client->status().last_success_ms, kT0);
  std::lock_guard lock(server.mutex);
  EXPECT_EQ(server.targets, (std::vector<std::string>{"/api/v1/stores/F-0042/catalog?since=0&wait=0",
                                                      "/api/v1/stores/F-0042/catalog?since=1&wait=0",
                                                      "/api/v1/stores/F-0042/catalog?since=2&wait=0"}));
  EXPECT_EQ(server.authorizations[0], "Bearer s3cret");
}

TEST_F(CatalogSyncTest, SnapshotReplacesTheCatalogWhenTheServerHasNoDelta) {
  FakeCatalogServer server;
  server.Publish(StoreDelta());
  server.Publish(MilkPriceChange(1, 129));
  std::unique_ptr<CatalogSyncClient> client = Client(server.url());
  ASSERT_EQ(Pulled(*client), 1);
  ASSERT_EQ(Pulled(*client), 1);
  CatalogDelta backup = StoreDelta();  // version 1 again, without the dish soap
  backup.upsert_articles.erase(backup.upsert_articles.begin() + 2);
  backup.upsert_prices.erase(backup.upsert_prices.begin() + 2);
  server.Restore(backup);
  EXPECT_EQ(Pulled(*client), 1);
  EXPECT_EQ(catalog_->version(), 1);
  EXPECT_EQ(catalog_->size(), 5u);
  EXPECT_EQ(MilkPriceTomorrow(), Money::FromCents(119));
  server.Publish(MilkPriceChange(1, 139));
  EXPECT_EQ(Pulled(*client), 1);
  EXPECT_EQ(MilkPriceTomorrow(), Money::FromCents(139));
}

TEST_F(CatalogSyncTest, LongPollIsAnsweredWhenANewVersionAppears) {
  FakeCatalogServer server;
  server.Publish(StoreDelta());
  std::unique_ptr<CatalogSyncClient> client = Client(server.url(), 60s);
  ASSERT_EQ(Pulled(*client), 1);
  auto started = std::chrono::steady_clock::now();
  std::future<Result<int>> poll = std::async(std::launch::async, [&] { return client->PullOnce(); });
  ASSERT_TRUE(server.AwaitHeldPoll(1));
  server.Publish(MilkPriceChange(1, 129));
  Result<int> answered = poll.get();
  ASSERT_TRUE(answered.ok()) << answered.status().ToString();
  EXPECT_EQ(*answered, 1);
  EXPECT_LT(std::chrono::steady_clock::now() - started, 10s);  // answered at once, not after the wait
  EXPECT_EQ(MilkPriceTomorrow(), Money::FromCents(129));
  std::lock_guard lock(server.mutex);
  EXPECT_EQ(server.targets.back(), "/api/v1/stores/F-0042/catalog?since=1&wait=60");
}

TEST_F(CatalogSyncTest, ServerHoldingBeyondTheTimeoutIsUnavailable) {
  FakeCatalogServer server;
  server.ignore_wait = true;
  std::unique_ptr<CatalogSyncClient> client = Client(server.url(), 0s, 200ms);
  Status status = client->PullOnce().status();
  EXPECT_TRUE(status.IsUnavailable()) << status.ToString();
}

TEST_F(CatalogSyncTest, RunFollowsTheServerUntilStopped) {
  FakeCatalogServer server;
  server.Publish(StoreDelta());
  std::unique_ptr<CatalogSyncClient> client = Client(server.url(), 60s);
  {
    std::jthread runner([&](const std::stop_token& stop) { client->Run(stop); });
    ASSERT_TRUE(server.AwaitHeldPoll(1));
    server.Publish(MilkPriceChange(1, 129));
    ASSERT_TRUE(server.AwaitHeldPoll(2));  // it applied version 2 and waits for more
    runner.request_stop();
    server.ReleasePolls();
  }
  EXPECT_EQ(catalog_->version(), 2);
  EXPECT_EQ(MilkPriceTomorrow(), Money::FromCents(129));
}

// Issue 10, item 25: `kasse register` waited for its held long poll (up to 25 s)
// after SIGTERM. A stop cancels the poll; the server still holds it afterwards.
TEST_F(CatalogSyncTest, StopCancelsTheHeldLongPoll) {
  FakeCatalogServer server;
  server.Publish(StoreDelta());
  server.ignore_wait = true;  // the server would hold the poll until the test ends
  std::unique_ptr<CatalogSyncClient> client = Client(server.url(), 60s);
  auto stopped = std::chrono::steady_clock::now();
  {
    std::jthread runner([&](const std::stop_token& stop) { client->Run(stop); });
    ASSERT_TRUE(server.AwaitHeldPoll(1));
    stopped = std::chrono::steady_clock::now();
  }                                                           // requests stop and joins
  EXPECT_LT(std::chrono::steady_clock::now() - stopped, 5s);  // generous: a held poll lasts 60 s
  EXPECT_NE(client->status().last_error.find("cancelled"), std::string::npos) << client->status().last_error;
  EXPECT_EQ(catalog_->version(), 1);
}

TEST_F(CatalogSyncTest, PathPrefixAndNoToken) {
  FakeCatalogServer server;
  CatalogSyncClient::Options options;
  options.server_url = server.url() + "/hq/";
  options.store_id = StoreId(kStore);
  options.wait = 0s;
  std::unique_ptr<CatalogSyncClient> client = *CatalogSyncClient::Create(options, *catalog_, clock_);
  EXPECT_EQ(Pulled(*client), 0);
  std::lock_guard lock(server.mutex);
  EXPECT_EQ(server.targets[0], "/hq/api/v1/stores/F-0042/catalog?since=0&wait=0");
  EXPECT_EQ(server.authorizations[0], "");
}

TEST_F(CatalogSyncTest, BadOptionsAreRefused) {
  EXPECT_EQ(Create("https://hq.example").status().field(), "server.url");
  EXPECT_EQ(Create("http://127.0.0.1:8080", 121s).status().field(), "wait");
  EXPECT_EQ(Create("http://127.0.0.1:8080", 0s, 0ms).status().field(), "timeout");
  for (const char* store : {"", "F 42", "../F-0042", "F/42", "F-0042?since=9"}) {
    CatalogSyncClient::Options options;
    options.server_url = "http://127.0.0.1:8080";
    options.store_id = StoreId(store);
    Status status = CatalogSyncClient::Create(options, *catalog_, clock_).status();
    EXPECT_EQ(status.field(), "store_id") << store;
  }
}

}  // namespace
}  // namespace kasse::catalog
