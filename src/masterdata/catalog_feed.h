// CatalogFeed: the server side of the catalog sync (docs/catalog.md, "Catalog sync
// protocol"): a store's catalog as deltas "since version N", and the waiting of a
// long poll.
//
// Versions. The catalog has one version sequence for all stores (the
// catalog_version row, see master_data_store.h): every committed catalog change
// takes the next number, so a store's versions grow with every change that
// concerns it and never repeat. A store's delta from `since` lists what concerns
// that store (product groups, articles, its own prices) changed after `since`,
// and ends at the current version. Because writers increment that one row first,
// they commit in version order, and a reader that sees version N sees every
// change up to N; DeltaSince reads in one snapshot (REPEATABLE READ on
// PostgreSQL, the write lock on SQLite), so a delta never mixes two versions.
//
// Snapshots. `since` 0, or above the current version (a register ahead of a
// server restored from a backup), gets a snapshot: from_version 0, every group,
// article and price of the store, no deletions. Tombstones are kept without
// pruning, so every `since` up to the current version has a delta; a tombstone
// whose key exists again is left out (an article deleted and created again is an
// upsert).
//
// Waiting. Watch(store, since, deadline, callback) calls `callback` once: with
// the delta as soon as something concerning the store is committed after
// `since`, with std::nullopt at the deadline (the 204 answer) or when the feed
// stops, or with the error of a failed read. A watcher thread re-checks when
// NotifyCommitted() reports a commit of this process, and every
// kRecheckInterval, because another server process over the same PostgreSQL
// may have committed; it reads deltas once per (store, since) pair, however many
// registers wait on it. Callbacks run on that thread and must not block.
//
// Thread-safety: every method may be called from any thread.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include "base/result.h"
#include "catalog/catalog_delta.h"
#include "masterdata/records.h"
#include "storage/sql_pool.h"

namespace kasse::masterdata {

class CatalogFeed {
 public:
  static constexpr std::chrono::milliseconds kRecheckInterval{1000};
  using Clock = std::chrono::steady_clock;
  using Callback = std::function<void(Result<std::optional<catalog::CatalogDelta>>)>;

  explicit CatalogFeed(storage::SqlPool& pool);
  CatalogFeed(const CatalogFeed&) = delete;
  CatalogFeed& operator=(const CatalogFeed&) = delete;
  ~CatalogFeed();  // Stop()

  Result<int64_t> CurrentVersion();
  // The delta (or snapshot) from `since` to the current version. NotFound (field
  // "store_id") for an unknown store, InvalidArgument for a negative `since`.
  Result<catalog::CatalogDelta> DeltaSince(const StoreId& store, int64_t since);
  // As DeltaSince, but std::nullopt when nothing concerning the store was committed
  // after `since` (then a long poll waits).
  Result<std::optional<catalog::CatalogDelta>> ChangesSince(const StoreId& store, int64_t since);

  void Watch(const StoreId& store, int64_t since, Clock::time_point deadline, Callback callback);
  // A catalog change of this process was committed (MasterDataStore's listener).
  void NotifyCommitted(int64_t version);
  // Answers every watcher with std::nullopt and ends the watcher thread; later
  // Watch calls are answered at once with std::nullopt.
  void Stop();

 private:
  struct Watcher {
    StoreId store;
    int64_t since = 0;
    Clock::time_point deadline;
    Callback callback;
    int64_t checked = -1;  // the version this watcher was last checked at
  };
  using Answer = std::pair<Callback, Result<std::optional<catalog::CatalogDelta>>>;

  Result<std::optional<catalog::CatalogDelta>> Read(const StoreId& store, int64_t since, bool only_if_changed);
  void Run();
  std::vector<Answer> Check(std::vector<Watcher>& watchers);

  storage::SqlPool& pool_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::vector<Watcher> watchers_;  // guarded by mutex_
  bool stopping_ = false;          // guarded by mutex_
  bool notified_ = false;          // guarded by mutex_
  std::thread thread_;
};

}  // namespace kasse::masterdata
