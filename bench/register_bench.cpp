// Finishing a sale at the register: the AddPayment that settles it, in which the
// software TSE signs FinishTransaction (ECDSA P-256) and the journal entry is
// committed durably (WAL, synchronous=FULL). The target: p99 ≤ 2 ms.
//
// BM_FinishSaleVsRawSqlite, the figure and its baseline. Four workloads in one
// temporary directory on the real disk, interleaved in batches of 100 (who goes
// first rotates each round) so that noise on a shared machine hits all alike:
//  - ours: a real register (JournalStore on the default VFS, software TSE with a
//    P-256 key, SystemClock, the WAL checkpointed in the background by
//    WalCheckpointer as in `kasse register`) with a shift open; each sale gets 3–5 items (each a
//    durable step; the first also starts the TSE transaction), then one cash
//    payment settles it. Every step is timed on its own.
//  - raw: SQLite's C API directly (allowed in bench code only), WAL +
//    synchronous=FULL, one transaction per sale inserting a journal entry body as
//    ours writes it into a table with an INTEGER PRIMARY KEY and updating a
//    counters row.
//  - sign: crypto::EcPrivateKey::SignPlain (P-256, SHA-256) over 200 bytes.
//  - fsync: 4 KB pwrite + fdatasync on a file in the same directory.
// Steps during which the main database file changed (a checkpoint ran, in the step
// or beside it in the background) are also counted apart.
//
// BM_FinishSaleDiagnosis, why: the register as shipped; with the automatic WAL
// checkpoint off and a checkpoint every 10 sales between sales (timed apart); and
// register and raw baseline on tmpfs, where fsync is a no-op (what the code costs
// without the disk). Also the JSON encoding of each finished entry.
//
// Percentiles are nearest-rank over the timed samples (warm-up excluded), in µs.
// The tables go to stderr; the headline figures are also benchmark counters.
#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fcntl.h>
#include <functional>
#include <memory>
#include <optional>
#include <random>
#include <stdexcept>
#include <string>
#include <string_view>
#include <sys/stat.h>
#include <unistd.h>
#include <utility>
#include <vector>

#include <benchmark/benchmark.h>
#include <sqlite3.h>

#include "bench_support.h"
#include "base/clock.h"
#include "base/temp_dir.h"
#include "crypto/ec_private_key.h"
#include "journal/entry_json.h"
#include "register/journal_store.h"
#include "register/register_service.h"
#include "register/wal_checkpointer.h"
#include "signing/software_signing_unit.h"

namespace kasse::reg {
namespace {

constexpr int kWarmUpSales = 100;
constexpr int kBatch = 100;
constexpr int kRounds = 20;  // kRounds × kBatch = 2,000 timed samples per workload
constexpr int kSalesPerCheckpoint = 10;
constexpr size_t kSignedBytes = 200;
constexpr size_t kFsyncBytes = 4096;
constexpr int64_t kFsyncFileBlocks = 256;
constexpr double kTargetP99Micros = 2000;
constexpr const char* kTmpfs = "/dev/shm";

// Articles as the catalog would hand them to the register.
struct ItemSpec {
  std::string_view article;
  std::string_view text;
  int64_t cents;
  int vat_key;
  std::string_view group;
};
constexpr std::array<ItemSpec, 8> kItems = {{
    {"100234", "Weihenstephan Frische Vollmilch 3,5 % 1 l", 119, 2, "WG10"},
    {"200111", "Frosch Spülmittel Zitrone 500 ml", 249, 1, "WG20"},
    {"200999", "Varta Batterien Mignon AA 4 Stück", 499, 1, "WG20"},
    {"101777", "Ritter Sport Alpenmilch 100 g", 149, 2, "WG12"},
    {"103050", "Kölln Haferflocken zart 500 g", 179, 2, "WG13"},
    {"104001", "Gerolsteiner Sprudel 1,5 l", 89, 1, "WG30"},
    {"105300", "Hochland Sandwich Scheiben 200 g", 229, 2, "WG10"},
    {"201450", "Tempo Taschentücher 10 × 10 Stück", 199, 1, "WG21"},
}};

SaleItem PickItem(std::mt19937_64& random) {
  const ItemSpec& spec = kItems[random() % kItems.size()];
  return SaleItem{ArticleNumber(std::string(spec.article)), std::string(spec.text), Money::FromCents(spec.cents),
                  VatKey(spec.vat_key), ProductGroupId(std::string(spec.group))};
}

void CheckSqlite(int code, sqlite3* db, std::string_view what) {
  if (code != SQLITE_OK && code != SQLITE_DONE) {
    throw std::runtime_error(std::string(what) + ": " + sqlite3_errmsg(db));
  }
}

using bench::Check;
using Clock = std::chrono::steady_clock;

double MicrosSince(Clock::time_point start) {
  return std::chrono::duration<double, std::micro>(Clock::now() - start).count();
}

// Size and modification time of a database's main file.
std::pair<int64_t, int64_t> FileStamp(const std::string& path) {
  struct stat info {};
  if (stat(path.c_str(), &info) != 0) throw std::runtime_error("cannot stat " + path);
  return {info.st_size, info.st_mtim.tv_sec * 1'000'000'000 + info.st_mtim.tv_nsec};
}

// TempDir honours $TMPDIR; this points it at `base` for one directory.
std::unique_ptr<TempDir> TempDirUnder(const char* base) {
  const char* old = std::getenv("TMPDIR");
  std::optional<std::string> saved = old != nullptr ? std::optional<std::string>(old) : std::nullopt;
  setenv("TMPDIR", base, 1);
  auto dir = std::make_unique<TempDir>();
  if (saved) {
    setenv("TMPDIR", saved->c_str(), 1);
  } else {
    unsetenv("TMPDIR");
  }
  return dir;
}

class Samples {
 public:
  void Add(double micros) { micros_.push_back(micros); }
  size_t size() const { return micros_.size(); }

  // Nearest rank: the smallest sample with at least `quantile` of all samples at or below it.
  double Percentile(double quantile) const {
    if (micros_.empty()) return 0;
    std::vector<double> sorted = micros_;
    std::sort(sorted.begin(), sorted.end());
    auto rank = static_cast<size_t>(std::ceil(quantile * static_cast<double>(sorted.size())));
    return sorted[std::clamp<size_t>(rank, 1, sorted.size()) - 1];
  }
  double Max() const { return micros_.empty() ? 0 : *std::max_element(micros_.begin(), micros_.end()); }
  size_t CountAbove(double micros) const {
    return static_cast<size_t>(std::count_if(micros_.begin(), micros_.end(), [&](double m) { return m > micros; }));
  }

 private:
  std::vector<double> micros_;
};

// Samples of one kind of step, and the same split by whether a checkpoint ran in it.
struct StepTimes {
  Samples all;
  Samples with_checkpoint;
  Samples without_checkpoint;

  void Add(double micros, bool checkpointed) {
    all.Add(micros);
    (checkpointed ? with_checkpoint : without_checkpoint).Add(micros);
  }
};

// A complete register as the agent runs it, with a shift open. `pragmas`, run on
// its connection after JournalStore::Open, change it for the diagnosis only.
class Register {
 public:
  Register(const TempDir& dir, const std::string& name, std::string_view pragmas = "")
      : db_path_(dir.File(name + ".db")),
        store_(Open(db_path_, pragmas)),
        tse_(std::move(signing::SoftwareSigningUnit::LoadOrCreateKey(dir.File(name + "-tse-key.pem"))).value(), clock_,
             *store_),
        service_(RegisterId("K-0101-01"), vat_, *store_, tse_, clock_) {
    Check(service_.Start(), "start");
    Check(service_.OpenShift(journal::Cashier{"7", "Anna Schmidt"}, Money::FromCents(15000)).status(), "open shift");
  }

  // Checkpoints in the background, as `kasse register` does (RegisterAgent).
  void StartBackgroundCheckpoints() {
    Result<std::unique_ptr<WalCheckpointer>> checkpointer = WalCheckpointer::Start(db_path_);
    Check(checkpointer.status(), "checkpointer");
    checkpointer_ = std::move(checkpointer).value();
  }

  RegisterService& service() { return service_; }
  std::pair<int64_t, int64_t> DatabaseStamp() const { return FileStamp(db_path_); }
  double TimeCheckpoint() {
    auto start = Clock::now();
    Check(store_->database().Execute("PRAGMA wal_checkpoint(PASSIVE)"), "checkpoint");
    return MicrosSince(start);
  }

 private:
  static std::unique_ptr<JournalStore> Open(const std::string& path, std::string_view pragmas) {
    Result<std::unique_ptr<JournalStore>> store = JournalStore::Open(path, storage::SqliteDatabase::Options{});
    Check(store.status(), "open journal store");
    if (!pragmas.empty()) Check((*store)->database().Execute(pragmas), "pragmas");
    return std::move(store).value();
  }

  std::string db_path_;
  SystemClock clock_;
  VatTable vat_ = VatTable::Germany();
  std::unique_ptr<JournalStore> store_;
  signing::SoftwareSigningUnit tse_;
  RegisterService service_;
  std::unique_ptr<WalCheckpointer> checkpointer_;
};

struct SaleTimes {
  StepTimes first_item;   // AddItem that starts the TSE transaction
  StepTimes other_items;  // the following AddItems
  StepTimes finish;       // the AddPayment that settles the sale
};

// Times `step` and whether `till` ran a checkpoint in it (stat outside the timed part).
template <typename Step>
void TimeStep(Register& till, StepTimes* times, Step step) {
  auto before = till.DatabaseStamp();
  auto start = Clock::now();
  step();
  double micros = MicrosSince(start);
  if (times != nullptr) times->Add(micros, till.DatabaseStamp() != before);
}

// Rings up 3–5 items and pays cash, rounded up to the next euro; returns the journal entry.
journal::JournalEntry RingUpSale(Register& till, std::mt19937_64& random, SaleTimes* times) {
  RegisterService& service = till.service();
  int items = 3 + static_cast<int>(random() % 3);
  for (int i = 0; i < items; ++i) {
    SaleItem item = PickItem(random);
    Quantity quantity = Quantity::Pieces(1 + static_cast<int64_t>(random() % 3));
    StepTimes* step = times == nullptr ? nullptr : i == 0 ? &times->first_item : &times->other_items;
    TimeStep(till, step, [&] { Check(service.AddItem(item, quantity), "add item"); });
  }
  int64_t due = service.sale()->Due().cents();
  Payment cash{PaymentMethod::kCash, Money::FromCents((due + 99) / 100 * 100), std::nullopt};
  std::optional<journal::JournalEntry> entry;
  TimeStep(till, times == nullptr ? nullptr : &times->finish, [&] {
    Result<std::optional<journal::JournalEntry>> paid = service.AddPayment(cash);
    Check(paid.status(), "pay");
    entry = std::move(paid).value();
  });
  if (!entry) throw std::runtime_error("the payment did not settle the sale");
  return std::move(*entry);
}

// The baseline: what a durable commit of one journal entry costs with nothing but SQLite.
class RawJournal {
 public:
  explicit RawJournal(std::string path) : path_(std::move(path)) {
    sqlite3* db = nullptr;
    int code = sqlite3_open_v2(path_.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
    db_.reset(db);
    CheckSqlite(code, db, "open raw database");
    Execute(
        "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;"
        "CREATE TABLE journal(seq INTEGER PRIMARY KEY, body TEXT NOT NULL);"
        "CREATE TABLE counters(id INTEGER PRIMARY KEY, sales INTEGER NOT NULL);"
        "INSERT INTO counters VALUES (1, 0);");
    begin_ = Prepare("BEGIN IMMEDIATE");
    insert_ = Prepare("INSERT INTO journal(seq, body) VALUES (?1, ?2)");
    update_ = Prepare("UPDATE counters SET sales = sales + 1 WHERE id = 1");
    commit_ = Prepare("COMMIT");
  }

  void Append(const std::string& body, StepTimes* times) {
    auto before = FileStamp(path_);
    auto start = Clock::now();
    Step(begin_.get());
    sqlite3_bind_int64(insert_.get(), 1, ++seq_);
    sqlite3_bind_text(insert_.get(), 2, body.data(), static_cast<int>(body.size()), SQLITE_STATIC);
    Step(insert_.get());
    Step(update_.get());
    Step(commit_.get());
    double micros = MicrosSince(start);
    if (times != nullptr) times->Add(micros, FileStamp(path_) != before);
  }

 private:
  struct CloseDb {
    void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
  };
  struct Finalize {
    void operator()(sqlite3_stmt* stmt) const { sqlite3_finalize(stmt); }
  };
  using Statement = std::unique_ptr<sqlite3_stmt, Finalize>;

  void Execute(const char* sql) {
    CheckSqlite(sqlite3_exec(db_.get(), sql, nullptr, nullptr, nullptr), db_.get(), sql);
  }
  Statement Prepare(const char* sql) {
    sqlite3_stmt* stmt = nullptr;
    CheckSqlite(sqlite3_prepare_v2(db_.get(), sql, -1, &stmt, nullptr), db_.get(), sql);
    return Statement(stmt);
  }
  void Step(sqlite3_stmt* stmt) {
    int code = sqlite3_step(stmt);
    sqlite3_reset(stmt);
    CheckSqlite(code, db_.get(), sqlite3_sql(stmt));
  }

  std::string path_;
  std::unique_ptr<sqlite3, CloseDb> db_;
  Statement begin_;
  Statement insert_;
  Statement update_;
  Statement commit_;
  int64_t seq_ = 0;
};

// One 4 KB block rewritten and flushed, at rotating offsets of a preallocated file.
class FsyncProbe {
 public:
  explicit FsyncProbe(const std::string& path)
      : fd_(open(path.c_str(), O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0600)), block_(kFsyncBytes, 'k') {
    if (fd_ < 0) throw std::runtime_error("cannot create " + path);
    for (int64_t i = 0; i < kFsyncFileBlocks; ++i) Write(i);
    fsync(fd_);
  }
  FsyncProbe(const FsyncProbe&) = delete;
  FsyncProbe& operator=(const FsyncProbe&) = delete;
  ~FsyncProbe() { close(fd_); }

  double Time() {
    auto start = Clock::now();
    Write(next_++ % kFsyncFileBlocks);
    if (fdatasync(fd_) != 0) throw std::runtime_error("fdatasync failed");
    return MicrosSince(start);
  }

 private:
  void Write(int64_t block) {
    auto offset = static_cast<off_t>(block * static_cast<int64_t>(kFsyncBytes));
    if (pwrite(fd_, block_.data(), block_.size(), offset) != static_cast<ssize_t>(block_.size())) {
      throw std::runtime_error("pwrite failed");
    }
  }

  int fd_;
  std::string block_;
  int64_t next_ = 0;
};

double TimeSign(const crypto::EcPrivateKey& key, const std::vector<uint8_t>& message) {
  auto start = Clock::now();
  Result<crypto::Bytes> signature = key.SignPlain(crypto::HashAlgorithm::kSha256, message);
  double micros = MicrosSince(start);
  Check(signature.status(), "sign");
  benchmark::DoNotOptimize(signature);
  return micros;
}

// Runs every workload's batch once per round; who goes first rotates.
void Interleave(const std::vector<std::function<void(int round)>>& workloads) {
  for (int round = 0; round < kRounds; ++round) {
    for (size_t k = 0; k < workloads.size(); ++k) workloads[(static_cast<size_t>(round) + k) % workloads.size()](round);
  }
}

// Appends a batch of warm-up bodies to `raw`, cycling through them.
void AppendBatch(RawJournal& raw, const std::vector<std::string>& bodies, int round, StepTimes* times) {
  for (int i = 0; i < kBatch; ++i) raw.Append(bodies[static_cast<size_t>(round * kBatch + i) % bodies.size()], times);
}

void PrintHeader(const char* title) {
  std::fprintf(stderr, "\n%s: %d sales per register after %d warm-up, interleaved in batches of %d (µs)\n", title,
               kRounds * kBatch, kWarmUpSales, kBatch);
  std::fprintf(stderr, "%-52s %5s %6s %6s %6s %6s %6s %5s\n", "", "n", "p50", "p90", "p99", "p99.9", "max", ">2ms");
}

void PrintRow(const char* name, const Samples& samples) {
  std::fprintf(stderr, "%-52s %5zu %6.0f %6.0f %6.0f %6.0f %6.0f %5zu\n", name, samples.size(),
               samples.Percentile(0.50), samples.Percentile(0.90), samples.Percentile(0.99), samples.Percentile(0.999),
               samples.Max(), samples.CountAbove(kTargetP99Micros));
}

void PrintSplitRows(const char* name, const StepTimes& times) {
  PrintRow(name, times.all);
  PrintRow("  of which ran a WAL checkpoint", times.with_checkpoint);
  PrintRow("  of which did not", times.without_checkpoint);
}

void PrintComparison(const char* ours_name, const Samples& ours, const char* base_name, const Samples& base) {
  std::fprintf(stderr, "\n%-6s %14s %14s %7s\n", "", ours_name, base_name, "ratio");
  for (double quantile : {0.50, 0.99}) {
    double a = ours.Percentile(quantile);
    double b = base.Percentile(quantile);
    std::fprintf(stderr, "p%-5.0f %14.0f %14.0f %6.1fx\n", quantile * 100, a, b, a / b);
  }
}

struct Figures {
  SaleTimes ours;
  StepTimes raw;
  Samples sign;
  Samples fsync;
  double mean_body_bytes = 0;
};

Figures RunAgainstBaseline() {
  TempDir dir;
  Register till(dir, "register");
  till.StartBackgroundCheckpoints();
  RawJournal raw(dir.File("raw.db"));
  FsyncProbe probe(dir.File("fsync.probe"));
  crypto::EcPrivateKey key = std::move(crypto::EcPrivateKey::Generate(crypto::Curve::kP256)).value();
  std::vector<uint8_t> message(kSignedBytes, 0x5a);
  std::mt19937_64 random(42);

  std::vector<std::string> bodies;
  bodies.reserve(kWarmUpSales);
  for (int i = 0; i < kWarmUpSales; ++i) bodies.push_back(journal::EncodeEntry(RingUpSale(till, random, nullptr)));
  AppendBatch(raw, bodies, 0, nullptr);
  Figures f;
  for (const std::string& body : bodies) f.mean_body_bytes += static_cast<double>(body.size()) / kWarmUpSales;

  Interleave({
      [&](int) {
        for (int i = 0; i < kBatch; ++i) RingUpSale(till, random, &f.ours);
      },
      [&](int round) { AppendBatch(raw, bodies, round, &f.raw); },
      [&](int) {
        for (int i = 0; i < kBatch; ++i) f.sign.Add(TimeSign(key, message));
      },
      [&](int) {
        for (int i = 0; i < kBatch; ++i) f.fsync.Add(probe.Time());
      },
  });
  return f;
}

void FinishSaleVsRawSqlite(benchmark::State& state) {
  for (auto _ : state) {
    Figures f = RunAgainstBaseline();
    PrintHeader("finishing a sale vs raw SQLite");
    PrintSplitRows("ours: finish sale (AddPayment: sign + commit)", f.ours.finish);
    PrintRow("ours: first AddItem (TSE start + commit)", f.ours.first_item.all);
    PrintRow("ours: further AddItem (commit)", f.ours.other_items.all);
    PrintSplitRows("raw SQLite: insert + update + commit", f.raw);
    PrintRow("ECDSA P-256 SignPlain, 200 bytes", f.sign);
    PrintRow("4 KB pwrite + fdatasync", f.fsync);
    PrintComparison("ours: finish", f.ours.finish.all, "raw SQLite", f.raw.all);
    double p99 = f.ours.finish.all.Percentile(0.99);
    std::fprintf(stderr, "journal entry body %.0f bytes on average; target p99 <= %.0f µs: %s\n\n", f.mean_body_bytes,
                 kTargetP99Micros, p99 <= kTargetP99Micros ? "met" : "MISSED");
    state.counters["finish_p50_us"] = f.ours.finish.all.Percentile(0.50);
    state.counters["finish_p99_us"] = p99;
    state.counters["raw_p50_us"] = f.raw.all.Percentile(0.50);
    state.counters["raw_p99_us"] = f.raw.all.Percentile(0.99);
    state.counters["p99_ratio"] = p99 / f.raw.all.Percentile(0.99);
  }
}

struct Diagnosis {
  SaleTimes shipped;
  SaleTimes deferred;  // automatic checkpoint off, a checkpoint every kSalesPerCheckpoint sales
  Samples checkpoint;
  SaleTimes on_tmpfs;
  StepTimes raw_on_tmpfs;
  Samples encode;
};

Diagnosis RunDiagnosis() {
  TempDir dir;
  std::unique_ptr<TempDir> tmpfs = TempDirUnder(kTmpfs);
  Register shipped(dir, "shipped");
  Register deferred(dir, "deferred", "PRAGMA wal_autocheckpoint=0");
  Register on_tmpfs(*tmpfs, "register");
  RawJournal raw_on_tmpfs(tmpfs->File("raw.db"));
  std::mt19937_64 random(42);
  std::vector<std::string> bodies;
  for (Register* till : {&shipped, &deferred, &on_tmpfs}) {
    for (int i = 0; i < kWarmUpSales; ++i) bodies.push_back(journal::EncodeEntry(RingUpSale(*till, random, nullptr)));
  }
  AppendBatch(raw_on_tmpfs, bodies, 0, nullptr);
  Diagnosis d;
  Interleave({
      [&](int) {
        for (int i = 0; i < kBatch; ++i) {
          journal::JournalEntry entry = RingUpSale(shipped, random, &d.shipped);
          auto start = Clock::now();
          benchmark::DoNotOptimize(journal::EncodeEntry(entry));
          d.encode.Add(MicrosSince(start));
        }
      },
      [&](int) {
        for (int i = 0; i < kBatch; ++i) {
          RingUpSale(deferred, random, &d.deferred);
          if ((i + 1) % kSalesPerCheckpoint == 0) d.checkpoint.Add(deferred.TimeCheckpoint());
        }
      },
      [&](int) {
        for (int i = 0; i < kBatch; ++i) RingUpSale(on_tmpfs, random, &d.on_tmpfs);
      },
      [&](int round) { AppendBatch(raw_on_tmpfs, bodies, round, &d.raw_on_tmpfs); },
  });
  return d;
}

void FinishSaleDiagnosis(benchmark::State& state) {
  for (auto _ : state) {
    Diagnosis d = RunDiagnosis();
    PrintHeader("diagnosis");
    PrintSplitRows("as shipped: finish sale", d.shipped.finish);
    PrintSplitRows("as shipped: first AddItem", d.shipped.first_item);
    PrintSplitRows("as shipped: further AddItem", d.shipped.other_items);
    PrintRow("checkpoint between sales: finish sale", d.deferred.finish.all);
    PrintRow("checkpoint between sales: first AddItem", d.deferred.first_item.all);
    PrintRow("checkpoint between sales: further AddItem", d.deferred.other_items.all);
    PrintRow("checkpoint between sales: the checkpoint (10 sales)", d.checkpoint);
    PrintRow("on tmpfs (no flush): finish sale", d.on_tmpfs.finish.all);
    PrintRow("on tmpfs (no flush): raw SQLite commit", d.raw_on_tmpfs.all);
    PrintRow("EncodeEntry of the finished entry", d.encode);
    PrintComparison("between sales", d.deferred.finish.all, "as shipped", d.shipped.finish.all);
    PrintComparison("tmpfs: ours", d.on_tmpfs.finish.all, "tmpfs: raw", d.raw_on_tmpfs.all);
    std::fprintf(stderr, "\n");
    state.counters["shipped_p99_us"] = d.shipped.finish.all.Percentile(0.99);
    state.counters["deferred_p99_us"] = d.deferred.finish.all.Percentile(0.99);
    state.counters["tmpfs_p50_us"] = d.on_tmpfs.finish.all.Percentile(0.50);
  }
}

BENCHMARK(FinishSaleVsRawSqlite)->Name("BM_FinishSaleVsRawSqlite")->Iterations(1)->Unit(benchmark::kSecond);
BENCHMARK(FinishSaleDiagnosis)->Name("BM_FinishSaleDiagnosis")->Iterations(1)->Unit(benchmark::kSecond);

}  // namespace
}  // namespace kasse::reg

BENCHMARK_MAIN();
