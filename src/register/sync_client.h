// SyncClient: the register's outbox. Uploads journal entries to the server in
// order and in batches, exactly once in effect, whatever the network does
// (protocol: sync/protocol.h, docs/sync-protocol.md).
//
// The journal itself is the outbox: entries after the acknowledged sequence number
// are pending, and only the server's acknowledgement moves that number. A batch
// that failed, timed out or was acknowledged in part is simply sent again from
// the acknowledged position; the server answers a replay with the same
// acknowledgement and stores nothing twice. Being offline for days is normal:
// entries wait in the journal and drain in batches on reconnect.
//
// Failures back off exponentially (Backoff) with full jitter, from kMinBackoff to
// kMaxBackoff (10 s), seeded per client so registers do not retry in step. A
// backoff ends early, so that after an outage every register is back within a
// few seconds, without a thundering herd:
//   - a new journal entry (Notify) ends it, once kMinBackoff has passed since the
//     failure (a burst of sales does not hammer a server that is down);
//   - every kProbeInterval (jittered ±50 %) a cheap probe, GET /readyz, ends it
//     when the server answers 200 (no database work, no credential).
// Notify also wakes an idle client at once. Run cancels the request in flight when
// stop is requested (the batch is simply sent again next time).
//
// Thread-safety: SyncOnce/Drain/Run from one thread (with its own JournalStore
// connection); Notify() and status() from any thread.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <random>
#include <stop_token>
#include <string>

#include "base/clock.h"
#include "base/result.h"
#include "domain/ids.h"
#include "http/client.h"
#include "register/journal_store.h"

namespace kasse::reg {

struct SyncLimits {
  static constexpr std::chrono::milliseconds kMinBackoff{500};
  static constexpr std::chrono::milliseconds kMaxBackoff{10'000};
  static constexpr std::chrono::milliseconds kProbeInterval{2'000};  // during a backoff, ±50 %
  static constexpr std::chrono::milliseconds kIdlePoll{5'000};       // re-check even without Notify
  static constexpr size_t kBatchEntries = 200;
};

// Exponential backoff with full jitter: the n-th delay is uniform in
// [min, min(max, min·2^n)].
class Backoff {
 public:
  Backoff(std::chrono::milliseconds min, std::chrono::milliseconds max, uint64_t seed = 42)
      : min_(min), max_(max), random_(seed) {}
  std::chrono::milliseconds Next();
  void Reset() { failures_ = 0; }

 private:
  std::chrono::milliseconds min_;
  std::chrono::milliseconds max_;
  std::mt19937_64 random_;
  int failures_ = 0;
};

struct SyncStatus {
  bool online = false;  // the last attempt reached the server and was accepted
  int64_t last_seq = 0;
  int64_t acked_seq = 0;
  int64_t backlog = 0;  // entries not yet acknowledged
  int64_t quarantined = 0;
  std::string last_error;
  int64_t last_success_ms = 0;
};

class SyncClient {
 public:
  struct Options {
    std::string server_url;  // http://host:port[/prefix]
    std::string token;       // device credential, sent as "Authorization: Bearer …"
    std::chrono::milliseconds timeout = std::chrono::milliseconds(10'000);
    size_t batch_entries = SyncLimits::kBatchEntries;
    std::chrono::milliseconds retry_gap = SyncLimits::kMinBackoff;  // the least time from a failure to a retry
    std::chrono::milliseconds min_backoff = SyncLimits::kMinBackoff;
    std::chrono::milliseconds max_backoff = SyncLimits::kMaxBackoff;
    std::chrono::milliseconds probe_interval = SyncLimits::kProbeInterval;
  };

  // `store` must be this client's own connection to the register database.
  static Result<std::unique_ptr<SyncClient>> Create(Options options, RegisterId register_id, JournalStore& store,
                                                    Clock& clock);

  // One upload of the next batch, if any: the number of entries newly
  // acknowledged (0 when there was nothing to send), or why it failed.
  Result<int64_t> SyncOnce();
  // Uploads until nothing is pending or an attempt fails.
  Status Drain();
  // Uploads continuously until `stop` is requested.
  void Run(const std::stop_token& stop);
  // A new entry is in the journal.
  void Notify();
  SyncStatus status() const;
  // How many backoffs ended early, by Notify or by the probe (for tests and benchmarks).
  int64_t early_retries() const;

 private:
  SyncClient(Options options, http::Url url, RegisterId register_id, JournalStore& store, Clock& clock);
  Result<int64_t> Upload(int64_t acked, int64_t head, const std::vector<journal::JournalEntry>& batch);
  void Record(const Status& outcome, int64_t acked, int64_t last);
  // Waits out a backoff of `delay`, ending early as described above.
  void WaitOut(const std::stop_token& stop, std::chrono::milliseconds delay, std::mt19937_64& random);
  // GET /readyz answered 200.
  bool ServerReady();

  Options options_;
  http::Url url_;
  RegisterId register_id_;
  JournalStore& store_;
  Clock& clock_;
  http::HttpClient client_;
  mutable std::mutex mutex_;
  std::condition_variable_any wake_;
  bool notified_ = false;
  int64_t early_retries_ = 0;
  SyncStatus status_;
};

}  // namespace kasse::reg
