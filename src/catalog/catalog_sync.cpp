#include "catalog/catalog_sync.h"

#include <algorithm>
#include <utility>
#include <vector>

#include "catalog/delta_json.h"

namespace kasse::catalog {
namespace {

// The most of an HTTP error's body quoted in a message.
constexpr size_t kMaxQuotedBodyBytes = 300;

static_assert(kMaxDeltaBytes <= http::ClientLimits::kMaxResponseBytes, "the client must be able to receive any delta");

bool IsStoreIdChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
}

bool IsValidStoreId(const std::string& id) {
  return !id.empty() && id.size() <= CatalogSyncLimits::kMaxStoreIdBytes &&
         std::all_of(id.begin(), id.end(), IsStoreIdChar);
}

}  // namespace

Result<std::unique_ptr<CatalogSyncClient>> CatalogSyncClient::Create(Options options, Catalog& catalog, Clock& clock) {
  Result<http::Url> url = http::ParseUrl(options.server_url);
  if (!url.ok()) return url.status().WithFieldPrefix("server");
  if (!IsValidStoreId(options.store_id.value())) {
    return Status::InvalidArgument("store_id", "must be 1 to " + std::to_string(CatalogSyncLimits::kMaxStoreIdBytes) +
                                                   " letters, digits, '.', '_' or '-'");
  }
  if (options.wait.count() < 0 || options.wait > CatalogSyncLimits::kMaxWait) {
    return Status::InvalidArgument("wait",
                                   "must be 0 to " + std::to_string(CatalogSyncLimits::kMaxWait.count()) + " seconds");
  }
  if (options.timeout.count() <= 0) return Status::InvalidArgument("timeout", "must be positive");
  return std::unique_ptr<CatalogSyncClient>(new CatalogSyncClient(std::move(options), *url, catalog, clock));
}

CatalogSyncClient::CatalogSyncClient(Options options, http::Url url, Catalog& catalog, Clock& clock)
    : options_(std::move(options)),
      url_(std::move(url)),
      catalog_(catalog),
      clock_(clock),
      client_(url_.host, url_.port, options_.wait + options_.timeout) {}

Result<int> CatalogSyncClient::PullOnce() {
  Result<int> pulled = Pull();
  Record(pulled.status());
  return pulled;
}

Result<int> CatalogSyncClient::Pull() {
  int64_t since = catalog_.version();
  std::string target = url_.path_prefix + "/api/v1/stores/" + options_.store_id.value() +
                       "/catalog?since=" + std::to_string(since) + "&wait=" + std::to_string(options_.wait.count());
  std::vector<std::pair<std::string, std::string>> headers;
  if (!options_.token.empty()) headers.emplace_back("Authorization", "Bearer " + options_.token);
  Result<http::HttpResponse> response = client_.Send("GET", target, "", headers);
  if (!response.ok()) return response.status();
  if (response->status == 204) return 0;
  if (response->status != 200) {
    return Status::Unavailable("server answered " + std::to_string(response->status) + ": " +
                               response->body.substr(0, kMaxQuotedBodyBytes));
  }
  Result<CatalogDelta> delta = DecodeDelta(response->body);
  if (!delta.ok()) {
    const Status& error = delta.status();
    std::string message = "malformed delta from the server: " + error.message();
    return error.IsOutOfRange() ? Status::OutOfRange(error.field(), message)
                                : Status::InvalidArgument(error.field(), message);
  }
  KASSE_RETURN_IF_ERROR(Take(since, *delta));
  return 1;
}

Status CatalogSyncClient::Take(int64_t since, const CatalogDelta& delta) {
  if (delta.from_version == since) return catalog_.Apply(delta);
  if (delta.from_version == 0) return catalog_.Replace(delta);
  return Status::Conflict("from_version", "asked for the changes since version " + std::to_string(since) +
                                              ", the server sent a delta from version " +
                                              std::to_string(delta.from_version));
}

void CatalogSyncClient::Record(const Status& outcome) {
  std::lock_guard lock(mutex_);
  status_.online = outcome.ok();
  if (outcome.ok()) {
    status_.last_error.clear();
    status_.last_success_ms = clock_.NowUnixMillis();
  } else {
    status_.last_error = outcome.ToString();
  }
}

CatalogSyncStatus CatalogSyncClient::status() const {
  std::lock_guard lock(mutex_);
  return status_;
}

void CatalogSyncClient::Pause(const std::stop_token& stop, std::chrono::milliseconds pause) {
  std::unique_lock lock(mutex_);
  stopped_.wait_for(lock, stop, pause, [] { return false; });
}

void CatalogSyncClient::Run(const std::stop_token& stop) {
  // A stop ends the long poll in flight at once (a till that is shut down stops within a second).
  std::stop_callback cancel(stop, [this] { client_.Cancel(); });
  std::chrono::milliseconds backoff{0};
  while (!stop.stop_requested()) {
    auto started = std::chrono::steady_clock::now();
    Result<int> pulled = PullOnce();
    if (!pulled.ok()) {
      backoff = std::clamp(backoff * 2, CatalogSyncLimits::kMinBackoff, CatalogSyncLimits::kMaxBackoff);
      Pause(stop, backoff);
      continue;
    }
    backoff = std::chrono::milliseconds(0);
    if (*pulled == 0) {
      auto next = started + CatalogSyncLimits::kMinPollInterval;
      Pause(stop, std::chrono::duration_cast<std::chrono::milliseconds>(next - std::chrono::steady_clock::now()));
    }
  }
}

}  // namespace kasse::catalog
