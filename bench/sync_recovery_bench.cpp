// Sync recovery: how long after a server outage ends until every register has
// drained the backlog it built up meanwhile (issue 10, item 11: one register stayed
// offline ~40 s after a 60 s outage, sitting in a 60 s backoff).
//
// A real ServerApp (SQLite) in this process, kRegisters SimulatedRegisters (the
// real RegisterService, software TSE, JournalStore on tmpfs) each with the real
// reg::SyncClient on its own thread, woken by Notify() after each sale as in
// `kasse register`. The registers sell (a basket each about once per
// kMeanGapMillis) and are in sync; the server goes away for kOutage while they go
// on selling; then a new ServerApp starts on the same port over the same database,
// and the selling stops. Measured: from that restart to the moment each register's
// SyncClient reports its whole journal acknowledged (a monitor polls every
// kPollMillis). Run twice: with the client's defaults, and with the settings it
// had before (backoff up to 60 s, ended by nothing), for comparison.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <optional>
#include <random>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include <benchmark/benchmark.h>

#include "bench_support.h"
#include "base/temp_dir.h"
#include "http/client.h"
#include "loadgen/enrollment.h"
#include "loadgen/latency_samples.h"
#include "loadgen/simulated_register.h"
#include "register/sync_client.h"
#include "server/server_app.h"
#include "server/testing/loopback_config.h"

namespace kasse::bench {
namespace {

constexpr size_t kRegisters = 100;
constexpr int64_t kMeanGapMillis = 1000;
constexpr std::chrono::seconds kInSync{3};
constexpr std::chrono::seconds kOutage{30};
constexpr std::chrono::seconds kDrainLimit{120};
constexpr std::chrono::milliseconds kPollMillis{5};

using SteadyClock = std::chrono::steady_clock;

struct Till {
  std::unique_ptr<loadgen::SimulatedRegister> reg;
  std::unique_ptr<reg::JournalStore> sync_store;
  std::unique_ptr<reg::SyncClient> sync;
  std::jthread sync_thread;
  loadgen::BasketMix mix{1};
  int64_t last_seq = 0;
};

struct Figures {
  loadgen::LatencySamples back;  // ms from the restart until the register's journal was all acknowledged
  size_t backlog = 0;            // entries written during the outage, all registers
  size_t not_drained = 0;        // registers still behind after kDrainLimit
};

std::unique_ptr<server::ServerApp> StartServer(const std::string& db, const std::string& listen) {
  server::ServerConfig config = server::testing::LoopbackConfig(db, ops::LogLevel::kError);
  config.listen = listen;
  auto app = std::make_unique<server::ServerApp>(config);
  Check(app->Start().status(), "server start");
  return app;
}

// Sells one basket at each register whose turn it is, until `end`.
void Sell(std::vector<std::unique_ptr<Till>>& tills, SteadyClock::time_point end, std::mt19937_64& random) {
  std::uniform_int_distribution<int64_t> gap(kMeanGapMillis / 2, kMeanGapMillis * 3 / 2);
  std::vector<SteadyClock::time_point> due(tills.size());
  for (auto& at : due) at = SteadyClock::now() + std::chrono::milliseconds(gap(random));
  while (true) {
    size_t next = static_cast<size_t>(std::min_element(due.begin(), due.end()) - due.begin());
    if (due[next] >= end) break;
    std::this_thread::sleep_until(due[next]);
    Till& till = *tills[next];
    Result<journal::JournalEntry> entry = till.reg->RingUp(till.mix.Next());
    Check(entry.status(), "sale");
    till.last_seq = entry->seq;
    till.sync->Notify();
    due[next] += std::chrono::milliseconds(gap(random));
  }
}

Figures Measure(const reg::SyncClient::Options& settings) {
  std::unique_ptr<TempDir> dir = TempDirOnTmpfs();
  TempDir server_dir;
  std::string db = server_dir.File("server.db");
  std::string url;
  std::string admin_token;
  {  // the first start makes the admin token and picks a free port, which the restarts keep
    server::ServerConfig config = server::testing::LoopbackConfig(db, ops::LogLevel::kError);
    server::ServerApp app(config);
    Result<std::optional<std::string>> admin = app.Start();
    Check(admin.status(), "server start");
    admin_token = admin->value_or("");
    url = app.url();
  }
  http::Url parsed = *http::ParseUrl(url);
  std::string listen = parsed.host + ":" + std::to_string(parsed.port);
  std::unique_ptr<server::ServerApp> server = StartServer(db, listen);
  http::HttpClient admin_client(parsed.host, parsed.port);
  SystemClock clock;
  std::vector<std::unique_ptr<Till>> tills;
  for (size_t i = 0; i < kRegisters; ++i) {
    auto till = std::make_unique<Till>();
    RegisterId id("K-" + std::to_string(3000 + i) + "-01");
    std::string path = dir->File(id.value() + ".db");
    Result<std::unique_ptr<loadgen::SimulatedRegister>> opened = loadgen::SimulatedRegister::Open(id, path, clock);
    Check(opened.status(), "register");
    till->reg = std::move(opened).value();
    till->sync_store = std::move(reg::JournalStore::Open(path, {})).value();
    Result<std::string> token = loadgen::EnrollRegister(admin_client, "", admin_token, id, "BENCH", "bench");
    Check(token.status(), "enroll");
    reg::SyncClient::Options options = settings;
    options.server_url = url;
    options.token = *token;
    till->sync = std::move(reg::SyncClient::Create(options, id, *till->sync_store, clock)).value();
    till->mix = loadgen::BasketMix(i + 1);
    till->last_seq = 2;  // the shift and its opening float
    reg::SyncClient* sync = till->sync.get();
    till->sync_thread = std::jthread([sync](const std::stop_token& stop) { sync->Run(stop); });
    tills.push_back(std::move(till));
  }
  std::mt19937_64 random(11);
  Sell(tills, SteadyClock::now() + kInSync, random);
  std::vector<int64_t> before_outage;
  for (auto& till : tills) before_outage.push_back(till->last_seq);
  server.reset();  // the outage
  Sell(tills, SteadyClock::now() + kOutage, random);
  Figures f;
  for (size_t i = 0; i < tills.size(); ++i) f.backlog += static_cast<size_t>(tills[i]->last_seq - before_outage[i]);
  server = StartServer(db, listen);
  auto restarted = SteadyClock::now();
  std::vector<bool> back(tills.size(), false);
  size_t left = tills.size();
  while (left > 0 && SteadyClock::now() < restarted + kDrainLimit) {
    for (size_t i = 0; i < tills.size(); ++i) {
      if (back[i] || tills[i]->sync->status().acked_seq < tills[i]->last_seq) continue;
      back[i] = true;
      --left;
      f.back.Add(std::chrono::duration<double, std::milli>(SteadyClock::now() - restarted).count());
    }
    std::this_thread::sleep_for(kPollMillis);
  }
  f.not_drained = left;
  for (auto& till : tills) till->sync_thread.request_stop();
  tills.clear();
  return f;
}

void Print(const char* settings, const Figures& f) {
  std::fprintf(stderr,
               "%-26s backlog %5zu entries   all drained after p50 %7.0f ms   p90 %7.0f ms   max %7.0f ms   "
               "not drained %zu\n",
               settings, f.backlog, f.back.Percentile(0.50), f.back.Percentile(0.90), f.back.Max(), f.not_drained);
}

void SyncRecovery(benchmark::State& state) {
  for (auto _ : state) {
    std::fprintf(stderr, "\nsync recovery: %zu registers selling a basket each every %lld ms, a %lld s outage\n",
                 kRegisters, static_cast<long long>(kMeanGapMillis), static_cast<long long>(kOutage.count()));
    Figures now = Measure(reg::SyncClient::Options{});
    Print("now (10 s cap, probe)", now);
    state.counters["p50_ms"] = now.back.Percentile(0.50);
    state.counters["max_ms"] = now.back.Max();
    reg::SyncClient::Options before;
    before.max_backoff = std::chrono::seconds(60);
    before.retry_gap = before.max_backoff;  // a new entry did not end a backoff
    before.probe_interval = std::chrono::hours(1);
    Figures old = Measure(before);
    Print("before (60 s cap, no probe)", old);
    state.counters["before_max_ms"] = old.back.Max();
    std::fprintf(stderr, "\n");
  }
}

BENCHMARK(SyncRecovery)->Name("BM_SyncRecovery")->Iterations(1)->Unit(benchmark::kSecond);

}  // namespace
}  // namespace kasse::bench

BENCHMARK_MAIN();
