#include "loadgen/load_run.h"

#include <atomic>
#include <cstdio>
#include <functional>
#include <memory>
#include <mutex>
#include <random>
#include <thread>

#include "loadgen/enrollment.h"
#include "loadgen/journal_uploader.h"
#include "loadgen/simulated_register.h"
#include "sync/protocol.h"

namespace kasse::loadgen {
namespace {

using SteadyClock = std::chrono::steady_clock;
constexpr size_t kErrorsShown = 5;

double MillisSince(SteadyClock::time_point start) {
  return std::chrono::duration<double, std::milli>(SteadyClock::now() - start).count();
}

// "LG<unix ms>-<4 random hex digits>": two runs in the same millisecond still differ.
std::string DefaultPrefix() {
  auto millis =
      std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch());
  std::random_device random;
  char suffix[8];
  std::snprintf(suffix, sizeof suffix, "%04x", static_cast<unsigned>(random() & 0xffffU));
  return "LG" + std::to_string(millis.count()) + "-" + suffix;
}

// Runs `work(i, thread)` for i in [0, count) on `threads` threads, `thread` being
// the index of the thread that runs it (so each thread can own its HTTP client);
// the first error wins.
Status ForEach(size_t count, size_t threads, const std::function<Status(size_t, size_t)>& work) {
  std::atomic<size_t> next{0};
  std::mutex mutex;
  Status first = Status::Ok();
  std::vector<std::jthread> pool;
  for (size_t t = 0; t < std::min(threads, count); ++t) {
    pool.emplace_back([&, t] {
      for (size_t i = next++; i < count; i = next++) {
        Status done = work(i, t);
        std::lock_guard lock(mutex);
        if (!done.ok() && first.ok()) first = done;
        if (!first.ok()) return;
      }
    });
  }
  pool.clear();
  return first;
}

// One upload thread: its registers in turn, one batch each per turn.
void Upload(std::vector<JournalUploader*> mine, size_t batch, LoadReport& total, std::mutex& mutex) {
  LoadReport report;
  std::vector<int> failures(mine.size(), 0);
  bool pending = true;
  while (pending) {
    pending = false;
    for (size_t i = 0; i < mine.size(); ++i) {
      if (mine[i]->done() || failures[i] >= LoadLimits::kMaxConsecutiveErrors) continue;
      auto start = SteadyClock::now();
      Result<BatchOutcome> sent = mine[i]->SendNext(batch);
      double millis = MillisSince(start);
      if (sent.ok() && !sent->gap) {
        failures[i] = 0;
        ++report.batches;
        report.batch_millis.Add(millis);
        report.entries += static_cast<size_t>(sent->newly_acknowledged);
        report.quarantined += sent->quarantined;
      } else {
        ++failures[i];
        ++report.errors;
        if (report.first_errors.size() < kErrorsShown) {
          report.first_errors.push_back(mine[i]->register_id().value() + ": " +
                                        (sent.ok() ? "gap, resending" : sent.status().ToString()));
        }
      }
      pending = true;
    }
  }
  std::lock_guard lock(mutex);
  total.batches += report.batches;
  total.entries += report.entries;
  total.errors += report.errors;
  total.quarantined += report.quarantined;
  total.batch_millis.Merge(report.batch_millis);
  for (std::string& error : report.first_errors) {
    if (total.first_errors.size() < kErrorsShown) total.first_errors.push_back(std::move(error));
  }
}

}  // namespace

Status ValidateLoadOptions(const LoadOptions& options) {
  Result<http::Url> url = http::ParseUrl(options.server_url);
  if (!url.ok()) return Status::InvalidArgument("server", url.status().message());
  if (options.admin_token.empty()) return Status::InvalidArgument("admin-token", "is required");
  if (options.registers < 1 || options.registers > LoadLimits::kMaxRegisters) {
    return Status::InvalidArgument("registers", "must be 1 to " + std::to_string(LoadLimits::kMaxRegisters));
  }
  if (options.entries_per_register < 1 || options.entries_per_register > LoadLimits::kMaxEntriesPerRegister) {
    return Status::InvalidArgument("entries-per-register",
                                   "must be 1 to " + std::to_string(LoadLimits::kMaxEntriesPerRegister));
  }
  if (options.batch < 1 || options.batch > sync::kMaxBatchEntries) {
    return Status::InvalidArgument("batch", "must be 1 to " + std::to_string(sync::kMaxBatchEntries));
  }
  if (options.concurrency < 1 || options.concurrency > LoadLimits::kMaxConcurrency) {
    return Status::InvalidArgument("concurrency", "must be 1 to " + std::to_string(LoadLimits::kMaxConcurrency));
  }
  std::string prefix = options.register_prefix.empty() ? DefaultPrefix() : options.register_prefix;
  return ValidateRegisterId(RegisterId(prefix + "-" + std::to_string(options.registers)));
}

Result<LoadReport> RunLoad(const LoadOptions& options, std::ostream& progress) {
  KASSE_RETURN_IF_ERROR(ValidateLoadOptions(options));
  http::Url url = *http::ParseUrl(options.server_url);
  const std::string prefix = options.register_prefix.empty() ? DefaultPrefix() : options.register_prefix;
  size_t n = options.registers;
  std::vector<RegisterId> ids;
  for (size_t i = 0; i < n; ++i) ids.emplace_back(prefix + "-" + std::to_string(i + 1));

  progress << "enrolling " << n << " registers (" << prefix << "-1 …) at " << options.server_url << std::endl;
  std::vector<std::string> tokens(n);
  {
    http::HttpClient first_client(url.host, url.port, LoadLimits::kTimeout);
    Result<std::string> first =
        EnrollRegister(first_client, url.path_prefix, options.admin_token, ids[0], prefix, "loadgen");
    if (!first.ok()) return first.status();  // an unreachable server or a wrong token stops here
    tokens[0] = *first;
  }
  // One admin client per thread: an HttpClient is one connection for one thread at a time.
  std::vector<std::unique_ptr<http::HttpClient>> admin_clients;
  for (size_t t = 0; t < options.concurrency; ++t) {
    admin_clients.push_back(std::make_unique<http::HttpClient>(url.host, url.port, LoadLimits::kTimeout));
  }
  KASSE_RETURN_IF_ERROR(ForEach(n - 1, options.concurrency, [&](size_t i, size_t thread) {
    http::HttpClient& client = *admin_clients[thread];
    Result<std::string> token =
        EnrollRegister(client, url.path_prefix, options.admin_token, ids[i + 1], prefix, "loadgen");
    if (!token.ok()) return token.status();
    tokens[i + 1] = *token;
    return Status::Ok();
  }));
  admin_clients.clear();

  progress << "generating " << n << " × " << options.entries_per_register << " signed journal entries" << std::endl;
  std::vector<std::unique_ptr<JournalUploader>> uploaders(n);
  KASSE_RETURN_IF_ERROR(ForEach(n, options.concurrency, [&](size_t i, size_t /*thread*/) {
    Result<std::vector<std::string>> journal =
        GenerateJournal(ids[i], options.entries_per_register, options.seed * 1'000'003 + i);
    if (!journal.ok()) return journal.status();
    uploaders[i] =
        std::make_unique<JournalUploader>(url, ids[i], tokens[i], std::move(journal).value(), LoadLimits::kTimeout);
    return Status::Ok();
  }));

  progress << "uploading in batches of up to " << options.batch << " over " << options.concurrency << " threads"
           << std::endl;
  std::vector<JournalUploader*> all;
  all.reserve(uploaders.size());
  for (const std::unique_ptr<JournalUploader>& uploader : uploaders) all.push_back(uploader.get());
  return UploadJournals(all, options.batch, options.concurrency);
}

LoadReport UploadJournals(const std::vector<JournalUploader*>& uploaders, size_t batch, size_t concurrency) {
  LoadReport report;
  report.registers = uploaders.size();
  std::mutex mutex;
  auto start = SteadyClock::now();
  {
    std::vector<std::jthread> threads;
    for (size_t t = 0; t < std::min(concurrency, uploaders.size()); ++t) {
      std::vector<JournalUploader*> mine;
      for (size_t i = t; i < uploaders.size(); i += concurrency) mine.push_back(uploaders[i]);
      threads.emplace_back(Upload, std::move(mine), batch, std::ref(report), std::ref(mutex));
    }
  }
  report.seconds = MillisSince(start) / 1000;
  return report;
}

std::string FormatLoadReport(const LoadReport& report) {
  char text[512];
  double seconds = report.seconds > 0 ? report.seconds : 1e-9;
  std::snprintf(text, sizeof text,
                "registers            %zu\n"
                "entries              %zu in %.2f s\n"
                "entries/s            %.0f\n"
                "batches/s            %.1f (%zu batches)\n"
                "batch latency p50    %.1f ms\n"
                "batch latency p99    %.1f ms\n"
                "errors               %zu\n"
                "quarantined          %zu\n",
                report.registers, report.entries, report.seconds, static_cast<double>(report.entries) / seconds,
                static_cast<double>(report.batches) / seconds, report.batches, report.batch_millis.Percentile(0.50),
                report.batch_millis.Percentile(0.99), report.errors, report.quarantined);
  std::string out = text;
  for (const std::string& error : report.first_errors) out += "  error: " + error + "\n";
  return out;
}

}  // namespace kasse::loadgen
