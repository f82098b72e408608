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
// Failures back off exponentially (Backoff) with jitter, from kMinBackoff to
// kMaxBackoff; a new journal entry (Notify) wakes an idle client at once.
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
  static constexpr std::chrono::milliseconds kMaxBackoff{60'000};
  static constexpr std::chrono::milliseconds kIdlePoll{5'000};  // re-check even without Notify
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

 private:
  SyncClient(Options options, http::Url url, RegisterId register_id, JournalStore& store, Clock& clock);
  Result<int64_t> Upload(int64_t acked, int64_t head, const std::vector<journal::JournalEntry>& batch);
  void Record(const Status& outcome, int64_t acked, int64_t last);

  Options options_;
  http::Url url_;
  RegisterId register_id_;
  JournalStore& store_;
  Clock& clock_;
  http::HttpClient client_;
  mutable std::mutex mutex_;
  std::condition_variable_any wake_;
  bool notified_ = false;
  SyncStatus status_;
};

}  // namespace kasse::reg
