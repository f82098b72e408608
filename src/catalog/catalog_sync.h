// CatalogSyncClient: keeps the register's Catalog current by pulling deltas from
// the server (protocol: docs/catalog.md, "Catalog sync protocol").
//
//   GET {prefix}/api/v1/stores/{store_id}/catalog?since={version}&wait={seconds}
//   200 <delta JSON, delta_json.h>   from_version == since, or 0 for a snapshot
//   204                              nothing newer appeared within `wait`
//
// A long poll: the server holds the request until a version newer than `since`
// exists or `wait` seconds have passed, so a change reaches an online register
// within about a second. Each answer is applied in full before the next request,
// which always asks from the catalog's own version; nothing else is stored. A
// delta from the catalog's version goes to Catalog::Apply, a snapshot (from
// version 0) to Catalog::Replace; a delta from any other version is refused
// without change (Conflict, field "from_version") and the next request asks
// again. Offline the catalog stays as it is and lookups go on working.
//
// Thread-safety: PullOnce and Run from one thread at a time; status() from any.
// A stop requested while Run waits in a long poll cancels the request
// (http::HttpClient::Cancel), so Run returns at once; the client is then done.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <stop_token>
#include <string>

#include "base/clock.h"
#include "base/result.h"
#include "base/strong_id.h"
#include "catalog/catalog.h"
#include "http/client.h"

namespace kasse::catalog {

// A store of the chain; its registers share one catalog. (Belongs in domain/ids.h.)
using StoreId = StrongId<struct StoreIdTag>;

struct CatalogSyncLimits {
  // The server's hold of a long poll; below the 30–60 s idle timeouts of common proxies.
  static constexpr std::chrono::seconds kDefaultWait{25};
  static constexpr std::chrono::seconds kMaxWait{120};
  // How long an answer may take beyond the wait.
  static constexpr std::chrono::milliseconds kDefaultTimeout{10'000};
  // After a failure the pause doubles from kMinBackoff up to kMaxBackoff.
  static constexpr std::chrono::milliseconds kMinBackoff{500};
  static constexpr std::chrono::milliseconds kMaxBackoff{60'000};
  // The least time between the starts of two polls that found nothing new, so a
  // server (or proxy) that answers 204 at once is not polled in a tight loop.
  static constexpr std::chrono::milliseconds kMinPollInterval{1'000};
  static constexpr size_t kMaxStoreIdBytes = 64;
};

struct CatalogSyncStatus {
  bool online = false;  // the last request was answered and its answer applied
  std::string last_error;
  int64_t last_success_ms = 0;  // UTC ms of the last such answer
};

class CatalogSyncClient {
 public:
  struct Options {
    std::string server_url;                                       // http://host:port[/prefix]
    StoreId store_id;                                             // letters, digits, '.', '_', '-'
    std::string token;                                            // if set, sent as "Authorization: Bearer <token>"
    std::chrono::seconds wait = CatalogSyncLimits::kDefaultWait;  // 0: the server answers at once
    std::chrono::milliseconds timeout = CatalogSyncLimits::kDefaultTimeout;
  };

  // InvalidArgument for a malformed server URL (field "server.url"), store ID
  // ("store_id"), wait beyond kMaxWait ("wait") or a timeout that is not positive.
  static Result<std::unique_ptr<CatalogSyncClient>> Create(Options options, Catalog& catalog, Clock& clock);

  // One request: 1 if a delta or snapshot was applied, 0 if the server had nothing
  // newer (204). Errors: Unavailable (no connection, timeout, HTTP status other than
  // 200 and 204), InvalidArgument for a malformed delta, Conflict for a delta from
  // another version, and whatever Catalog::Apply or Replace refuse.
  Result<int> PullOnce();
  // Pulls until `stop` is requested, backing off after failures.
  void Run(const std::stop_token& stop);
  CatalogSyncStatus status() const;

 private:
  CatalogSyncClient(Options options, http::Url url, Catalog& catalog, Clock& clock);
  Result<int> Pull();
  Status Take(int64_t since, const CatalogDelta& delta);
  void Record(const Status& outcome);
  // Waits for `pause` or until stop is requested.
  void Pause(const std::stop_token& stop, std::chrono::milliseconds pause);

  Options options_;
  http::Url url_;
  Catalog& catalog_;
  Clock& clock_;
  http::HttpClient client_;
  mutable std::mutex mutex_;
  std::condition_variable_any stopped_;
  CatalogSyncStatus status_;
};

}  // namespace kasse::catalog
