// Freshness: how long after a register commits a sale the server holds it, with
// kRegisters registers selling at once (issue 4: p50 and p99 at 100 registers).
//
// A real ServerApp in this process (SQLite on the real disk, and PostgreSQL if one
// can be had as in ingest_bench.cpp). Each register is a SimulatedRegister (the
// real RegisterService, software TSE, JournalStore on tmpfs, since a till has its
// own disk) with the real reg::SyncClient running on its own thread and its own
// database connection, woken by Notify() after each sale as in `kasse register`.
// One driver thread rings up a basket at each register about once per
// kMeanGapMillis (uniformly 0.5–1.5 × that), i.e. about kRegisters sales/s in all.
//
// Freshness of an entry: from the moment RingUp (the durable commit at the
// register) returned, to the moment the register's SyncClient reports it
// acknowledged, which the server sends only after its transaction committed. A
// monitor thread polls every client's status each kPollMicros, so the figure is
// late by at most that much.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <memory>
#include <mutex>
#include <random>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include <benchmark/benchmark.h>

#include "bench_support.h"
#include "base/temp_dir.h"
#include "bench_server.h"
#include "http/client.h"
#include "loadgen/enrollment.h"
#include "loadgen/latency_samples.h"
#include "loadgen/simulated_register.h"
#include "register/sync_client.h"
#include "server/server_app.h"
#include "storage/sql_pool.h"

namespace kasse::bench {
namespace {

constexpr size_t kRegisters = 100;
constexpr int64_t kMeanGapMillis = 1000;
constexpr std::chrono::seconds kWarmUp{3};
constexpr std::chrono::seconds kMeasured{20};
constexpr std::chrono::seconds kDrain{10};
constexpr std::chrono::microseconds kPollMicros{500};

using SteadyClock = std::chrono::steady_clock;

// One till with its outbox.
struct Till {
  std::unique_ptr<loadgen::SimulatedRegister> reg;
  std::unique_ptr<reg::JournalStore> sync_store;
  std::unique_ptr<reg::SyncClient> sync;
  std::jthread sync_thread;
  loadgen::BasketMix mix{1};
  std::mutex mutex;
  std::map<int64_t, SteadyClock::time_point> committed;  // seq -> when RingUp returned (measured window only)
};

struct Figures {
  loadgen::LatencySamples freshness;
  size_t sales = 0;
  size_t not_acknowledged = 0;
  size_t quarantined = 0;
};

Figures Measure(const std::string& target) {
  BenchServer server(target);
  http::HttpClient admin_client = server.Client();
  std::unique_ptr<TempDir> dir = TempDirOnTmpfs();
  SystemClock clock;
  std::vector<std::unique_ptr<Till>> tills;
  for (size_t i = 0; i < kRegisters; ++i) {
    auto till = std::make_unique<Till>();
    RegisterId id("K-" + std::to_string(2000 + i) + "-01");
    std::string path = dir->File(id.value() + ".db");
    Result<std::unique_ptr<loadgen::SimulatedRegister>> opened = loadgen::SimulatedRegister::Open(id, path, clock);
    Check(opened.status(), "register");
    till->reg = std::move(opened).value();
    till->sync_store = std::move(reg::JournalStore::Open(path, {})).value();
    Result<std::string> token = loadgen::EnrollRegister(admin_client, "", server.admin_token(), id, "BENCH", "bench");
    Check(token.status(), "enroll");
    reg::SyncClient::Options options;
    options.server_url = server.url();
    options.token = *token;
    till->sync = std::move(reg::SyncClient::Create(options, id, *till->sync_store, clock)).value();
    till->mix = loadgen::BasketMix(i + 1);
    reg::SyncClient* sync = till->sync.get();
    till->sync_thread = std::jthread([sync](const std::stop_token& stop) { sync->Run(stop); });
    tills.push_back(std::move(till));
  }

  Figures f;
  std::atomic<bool> measuring{false};
  std::atomic<bool> stop_monitor{false};
  std::mutex samples_mutex;
  std::jthread monitor([&] {
    while (!stop_monitor) {
      for (auto& till : tills) {
        int64_t acked = till->sync->status().acked_seq;
        auto now = SteadyClock::now();
        std::lock_guard lock(till->mutex);
        for (auto it = till->committed.begin(); it != till->committed.end() && it->first <= acked;) {
          std::lock_guard samples(samples_mutex);
          f.freshness.Add(std::chrono::duration<double, std::milli>(now - it->second).count());
          it = till->committed.erase(it);
        }
      }
      std::this_thread::sleep_for(kPollMicros);
    }
  });

  std::mt19937_64 random(7);
  std::uniform_int_distribution<int64_t> gap(kMeanGapMillis / 2, kMeanGapMillis * 3 / 2);
  std::vector<SteadyClock::time_point> due(kRegisters);
  auto start = SteadyClock::now();
  for (auto& at : due) at = start + std::chrono::milliseconds(gap(random));
  auto end = start + kWarmUp + kMeasured;
  while (true) {
    size_t next = static_cast<size_t>(std::min_element(due.begin(), due.end()) - due.begin());
    if (due[next] >= end) break;
    std::this_thread::sleep_until(due[next]);
    measuring = SteadyClock::now() >= start + kWarmUp;
    Till& till = *tills[next];
    Result<journal::JournalEntry> entry = till.reg->RingUp(till.mix.Next());
    Check(entry.status(), "sale");
    if (measuring) {
      std::lock_guard lock(till.mutex);
      till.committed[entry->seq] = SteadyClock::now();
      ++f.sales;
    }
    till.sync->Notify();
    due[next] += std::chrono::milliseconds(gap(random));
  }
  auto drain_end = SteadyClock::now() + kDrain;
  auto pending = [&] {
    size_t n = 0;
    for (auto& till : tills) {
      std::lock_guard lock(till->mutex);
      n += till->committed.size();
    }
    return n;
  };
  while (pending() > 0 && SteadyClock::now() < drain_end) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  stop_monitor = true;
  monitor.join();
  f.not_acknowledged = pending();
  for (auto& till : tills) f.quarantined += static_cast<size_t>(till->sync->status().quarantined);
  for (auto& till : tills) till->sync_thread.request_stop();
  for (auto& till : tills) till->sync->Notify();
  tills.clear();
  return f;
}

std::string PostgresDatabase(const std::string& dir) {
  std::string url;
  if (const char* given = std::getenv("KASSE_BENCH_POSTGRES_URL")) {
    url = given;
  } else {
    std::string command = std::string(KASSE_SOURCE_DIR) + "/scripts/testing/postgres start " + dir + " >/dev/null";
    if (std::system(command.c_str()) != 0) return "";
    std::ifstream file(dir + "/url");
    std::getline(file, url);
  }
  auto admin = std::move(storage::OpenSqlPool(url, 1)).value();
  Check((*std::move(admin->Acquire()).value()).Execute("CREATE DATABASE kfresh"), "create database");
  return url.substr(0, url.rfind('/') + 1) + "kfresh";
}

void Print(const char* backend, const Figures& f) {
  std::fprintf(stderr,
               "%-10s sales %5zu   freshness p50 %6.1f ms   p90 %6.1f ms   p99 %6.1f ms   max %7.1f ms   "
               "not acknowledged %zu   quarantined %zu\n",
               backend, f.sales, f.freshness.Percentile(0.50), f.freshness.Percentile(0.90),
               f.freshness.Percentile(0.99), f.freshness.Max(), f.not_acknowledged, f.quarantined);
}

void Freshness(benchmark::State& state) {
  for (auto _ : state) {
    std::fprintf(stderr, "\nfreshness: %zu registers, a sale each every %lld ms on average, %lld s measured\n",
                 kRegisters, static_cast<long long>(kMeanGapMillis), static_cast<long long>(kMeasured.count()));
    TempDir dir;
    Figures sqlite = Measure(dir.File("server.db"));
    Print("SQLite", sqlite);
    state.counters["sqlite_p50_ms"] = sqlite.freshness.Percentile(0.50);
    state.counters["sqlite_p99_ms"] = sqlite.freshness.Percentile(0.99);
    std::string pg_dir = dir.File("pg");
    std::string postgres = PostgresDatabase(pg_dir);
    if (postgres.empty()) {
      std::fprintf(stderr, "PostgreSQL: skipped (no server could be started)\n");
      continue;
    }
    Figures pg = Measure(postgres);
    Print("PostgreSQL", pg);
    state.counters["postgres_p50_ms"] = pg.freshness.Percentile(0.50);
    state.counters["postgres_p99_ms"] = pg.freshness.Percentile(0.99);
    if (std::getenv("KASSE_BENCH_POSTGRES_URL") == nullptr) {
      (void)std::system((std::string(KASSE_SOURCE_DIR) + "/scripts/testing/postgres stop " + pg_dir).c_str());
    }
    std::fprintf(stderr, "\n");
  }
}

BENCHMARK(Freshness)->Name("BM_Freshness")->Iterations(1)->Unit(benchmark::kSecond);

}  // namespace
}  // namespace kasse::bench

BENCHMARK_MAIN();
