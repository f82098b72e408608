// Ingestion throughput, end to end, against the raw baseline (issue 4: at least
// 50 % of raw).
//
// ours: a real ServerApp in this process (HTTP server with its default 4 threads
// and 8 database connections, SaleFacts projection) on a fresh database; the
// load generator's uploaders send pre-generated, signed journals of kRegisters
// registers over keep-alive HTTP from kConcurrency threads, batches of kBatch.
// Timed: from the first upload to the last acknowledgement. Each batch is HTTP,
// JSON, the checks (totals, ECDSA signature), and one transaction with the
// entries, the progress row and the sale facts, committed durably.
//
// raw: the same write statements with the same parameters (recorded by running
// IngestService against a RecordingConnection, raw_ingest.h), replayed by
// kConcurrency threads through sqlite3 / libpq directly, one transaction per
// batch of the same size, same durability (SQLite WAL + synchronous=FULL;
// PostgreSQL synchronous_commit on), into a fresh database with the same schema.
//
// SQLite files live in a temporary directory on the real disk. PostgreSQL: the
// server in $KASSE_BENCH_POSTGRES_URL, else a throwaway one started with
// scripts/testing/postgres (skipped if that fails). The four workloads run
// kRounds times, the order rotating each round, so noise hits all alike; the
// table shows each run and the median per workload, and the ratio of medians.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <memory>
#include <mutex>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include <benchmark/benchmark.h>

#include "bench_support.h"
#include "base/temp_dir.h"
#include "bench_server.h"
#include "journal/entry_check.h"
#include "journal/entry_json.h"
#include "loadgen/enrollment.h"
#include "loadgen/load_run.h"
#include "loadgen/simulated_register.h"
#include "raw_ingest.h"
#include "server/ingest_service.h"
#include "server/sale_facts.h"
#include "server/server_app.h"
#include "server/server_database.h"
#include "storage/sql_pool.h"
#include "sync/protocol.h"

namespace kasse::bench {
namespace {

constexpr size_t kRegisters = 16;
constexpr size_t kEntriesPerRegister = 600;
constexpr size_t kBatch = 200;
constexpr size_t kConcurrency = 4;
constexpr int kRounds = 3;

using SteadyClock = std::chrono::steady_clock;

double SecondsSince(SteadyClock::time_point start) {
  return std::chrono::duration<double>(SteadyClock::now() - start).count();
}

struct Workload {
  std::vector<RegisterId> ids;
  std::vector<std::vector<std::string>> journals;  // per register, encoded, seq 1..
  std::vector<std::vector<RecordedBatch>> raw;     // per register, per batch
  size_t entries = 0;
  double ingest_cpu_seconds = 0;  // IngestService against the recording connection
  double batch_cpu_seconds = 0;   // sync::DecodeBatch alone
  double decode_cpu_seconds = 0;  // journal::DecodeEntry alone
  double check_cpu_seconds = 0;   // journal::CheckEntry alone (totals, ECDSA signature)
};

Workload Generate() {
  Workload w;
  w.ids.resize(kRegisters);
  w.journals.resize(kRegisters);
  std::vector<std::jthread> threads;
  for (size_t t = 0; t < 2; ++t) {
    threads.emplace_back([&w, t] {
      for (size_t i = t; i < kRegisters; i += 2) {
        w.ids[i] = RegisterId("K-" + std::to_string(1000 + i) + "-01");
        Result<std::vector<std::string>> journal = loadgen::GenerateJournal(w.ids[i], kEntriesPerRegister, i + 1);
        Check(journal.status(), "generate");
        w.journals[i] = std::move(journal).value();
      }
    });
  }
  threads.clear();
  for (const auto& journal : w.journals) w.entries += journal.size();
  return w;
}

// Records every batch's writes, and times ingestion without a database.
void Record(Workload& w) {
  std::vector<RecordedStatement> sink;
  auto pool = std::move(storage::SqlPool::Open(
                            [&sink]() -> Result<std::unique_ptr<storage::SqlConnection>> {
                              return std::unique_ptr<storage::SqlConnection>(new RecordingConnection(&sink));
                            },
                            1))
                  .value();
  SystemClock clock;
  server::SaleFacts facts(VatTable::Germany(), server::UtcBusinessDay);
  server::IngestService ingest(*pool, VatTable::Germany(), clock, {&facts});
  w.raw.resize(kRegisters);
  std::vector<std::string> bodies;
  for (size_t i = 0; i < kRegisters; ++i) {
    for (size_t first = 0; first < w.journals[i].size(); first += kBatch) {
      size_t last = std::min(first + kBatch, w.journals[i].size());
      bodies.push_back(sync::EncodeBatch({w.journals[i].begin() + static_cast<std::ptrdiff_t>(first),
                                          w.journals[i].begin() + static_cast<std::ptrdiff_t>(last)}));
    }
  }
  auto start = SteadyClock::now();
  size_t b = 0;
  for (size_t i = 0; i < kRegisters; ++i) {
    for (size_t first = 0; first < w.journals[i].size(); first += kBatch) {
      sink.clear();
      Result<server::IngestOutcome> outcome = ingest.Ingest(w.ids[i], bodies[b++]);
      Check(outcome.status(), "record");
      if (!outcome->ack.quarantined.empty()) throw std::runtime_error("an entry was quarantined while recording");
      w.raw[i].push_back(sink);
    }
  }
  w.ingest_cpu_seconds = SecondsSince(start);
  start = SteadyClock::now();
  for (const std::string& body : bodies) Check(sync::DecodeBatch(body).status(), "decode batch");
  w.batch_cpu_seconds = SecondsSince(start);
  std::vector<journal::JournalEntry> decoded;
  start = SteadyClock::now();
  for (const auto& journal : w.journals) {
    for (const std::string& body : journal) decoded.push_back(*journal::DecodeEntry(body));
  }
  w.decode_cpu_seconds = SecondsSince(start);
  VatTable vat = VatTable::Germany();
  start = SteadyClock::now();
  for (const journal::JournalEntry& entry : decoded) Check(journal::CheckEntry(entry, vat), "check");
  w.check_cpu_seconds = SecondsSince(start);
}

// A throwaway database: a file in `dir`, or a new PostgreSQL database.
class Databases {
 public:
  explicit Databases(std::string postgres_url) : postgres_url_(std::move(postgres_url)) {}
  std::string Fresh(bool postgres) {
    std::string name = "kbench_" + std::to_string(++count_);
    if (!postgres) return dir_.File(name + ".db");
    auto admin = std::move(storage::OpenSqlPool(postgres_url_, 1)).value();
    Check((*std::move(admin->Acquire()).value()).Execute("CREATE DATABASE " + name), "create database");
    return postgres_url_.substr(0, postgres_url_.rfind('/') + 1) + name;
  }

 private:
  TempDir dir_;
  std::string postgres_url_;
  int count_ = 0;
};

// ours: entries per second through a real server.
double RunOurs(const Workload& w, const std::string& target) {
  BenchServer server(target);
  http::HttpClient client = server.Client();
  http::Url url = *http::ParseUrl(server.url());
  std::vector<std::unique_ptr<loadgen::JournalUploader>> uploaders;
  std::vector<loadgen::JournalUploader*> all;
  for (size_t i = 0; i < kRegisters; ++i) {
    Result<std::string> token = loadgen::EnrollRegister(client, "", server.admin_token(), w.ids[i], "BENCH", "bench");
    Check(token.status(), "enroll");
    uploaders.push_back(std::make_unique<loadgen::JournalUploader>(url, w.ids[i], *token, w.journals[i],
                                                                   std::chrono::milliseconds(60'000)));
    all.push_back(uploaders.back().get());
  }
  loadgen::LoadReport report = loadgen::UploadJournals(all, kBatch, kConcurrency);
  if (report.entries != w.entries || report.errors != 0 || report.quarantined != 0) {
    throw std::runtime_error("ours: incomplete run\n" + loadgen::FormatLoadReport(report));
  }
  return static_cast<double>(report.entries) / report.seconds;
}

// raw: the same writes through the driver.
double RunRaw(const Workload& w, const std::string& target, bool postgres) {
  Check(server::OpenServerDatabase(target, 1).status(), "migrate");  // the same schema, then closed
  std::vector<std::unique_ptr<RawWriter>> writers;
  for (size_t t = 0; t < kConcurrency; ++t) {
    writers.push_back(postgres ? OpenPostgresRawWriter(target) : OpenSqliteRawWriter(target));
  }
  auto start = SteadyClock::now();
  {
    std::vector<std::jthread> threads;
    for (size_t t = 0; t < kConcurrency; ++t) {
      threads.emplace_back([&w, &writers, t] {
        // The registers of this thread in turn, one batch each, as the uploaders do.
        std::vector<size_t> next(kRegisters, 0);
        bool pending = true;
        while (pending) {
          pending = false;
          for (size_t i = t; i < kRegisters; i += kConcurrency) {
            if (next[i] == w.raw[i].size()) continue;
            writers[t]->Write(w.raw[i][next[i]++]);
            pending = true;
          }
        }
      });
    }
  }
  return static_cast<double>(w.entries) / SecondsSince(start);
}

std::string StartPostgres(const std::string& dir) {
  if (const char* url = std::getenv("KASSE_BENCH_POSTGRES_URL")) return url;
  std::string command = std::string(KASSE_SOURCE_DIR) + "/scripts/testing/postgres start " + dir + " >/dev/null";
  if (std::system(command.c_str()) != 0) return "";
  std::ifstream file(dir + "/url");
  std::string url;
  std::getline(file, url);
  return url;
}

void StopPostgres(const std::string& dir) {
  if (std::getenv("KASSE_BENCH_POSTGRES_URL") != nullptr) return;
  std::string command = std::string(KASSE_SOURCE_DIR) + "/scripts/testing/postgres stop " + dir + " >/dev/null";
  (void)std::system(command.c_str());
}

double Median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  return values.empty() ? 0 : values[values.size() / 2];
}

void IngestVsRaw(benchmark::State& state) {
  for (auto _ : state) {
    TempDir pg_dir;
    std::string postgres_url = StartPostgres(pg_dir.path().string());
    Workload w = Generate();
    Record(w);
    Databases databases(postgres_url);
    struct Run {
      const char* name;
      std::function<double()> once;
      std::vector<double> rates;
    };
    std::vector<Run> runs = {
        {"ours SQLite", [&] { return RunOurs(w, databases.Fresh(false)); }, {}},
        {"raw SQLite", [&] { return RunRaw(w, databases.Fresh(false), false); }, {}},
    };
    if (!postgres_url.empty()) {
      runs.push_back({"ours PostgreSQL", [&] { return RunOurs(w, databases.Fresh(true)); }, {}});
      runs.push_back({"raw PostgreSQL", [&] { return RunRaw(w, databases.Fresh(true), true); }, {}});
    }
    for (int round = 0; round < kRounds; ++round) {
      for (size_t k = 0; k < runs.size(); ++k) {
        Run& run = runs[(static_cast<size_t>(round) + k) % runs.size()];
        run.rates.push_back(run.once());
      }
    }
    StopPostgres(pg_dir.path().string());
    std::fprintf(stderr,
                 "\ningestion: %zu registers × %zu entries = %zu entries, batches of %zu, %zu client threads, "
                 "%d rounds (entries/s)\n",
                 kRegisters, kEntriesPerRegister, w.entries, kBatch, kConcurrency, kRounds);
    for (const Run& run : runs) {
      std::fprintf(stderr, "%-18s median %8.0f   runs:", run.name, Median(run.rates));
      for (double rate : run.rates) std::fprintf(stderr, " %8.0f", rate);
      std::fprintf(stderr, "\n");
    }
    for (size_t k = 0; k + 1 < runs.size(); k += 2) {
      double ratio = Median(runs[k].rates) / Median(runs[k + 1].rates);
      std::fprintf(stderr, "%-18s %.0f %% of raw (target >= 50 %%: %s)\n", runs[k].name, 100 * ratio,
                   ratio >= 0.5 ? "met" : "MISSED");
      state.counters[std::string(runs[k].name) + " entries/s"] = Median(runs[k].rates);
      state.counters[std::string(runs[k].name) + " ratio"] = ratio;
    }
    double n = static_cast<double>(w.entries);
    std::fprintf(stderr,
                 "CPU per entry, one thread, no database: IngestService %.0f µs, of which DecodeBatch %.0f µs, "
                 "DecodeEntry %.0f µs, CheckEntry %.0f µs\n"
                 "statements per batch of %zu: %zu\n\n",
                 1e6 * w.ingest_cpu_seconds / n, 1e6 * w.batch_cpu_seconds / n, 1e6 * w.decode_cpu_seconds / n,
                 1e6 * w.check_cpu_seconds / n, kBatch, w.raw[0][0].size());
    if (postgres_url.empty()) std::fprintf(stderr, "PostgreSQL: skipped (no server could be started)\n");
  }
}

BENCHMARK(IngestVsRaw)->Name("BM_IngestVsRaw")->Iterations(1)->Unit(benchmark::kSecond);

}  // namespace
}  // namespace kasse::bench

BENCHMARK_MAIN();
