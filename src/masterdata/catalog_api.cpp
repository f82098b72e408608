// The CSV import route and the registers' catalog route (master_data_api.h).
#include <charconv>
#include <chrono>
#include <functional>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "catalog/catalog_sync.h"
#include "catalog/delta_json.h"
#include "masterdata/detail/routes.h"

namespace kasse::masterdata {
namespace detail {

using http::HttpRequest;
using http::HttpResponse;

Result<int64_t> IntegerParam(const std::string& text, std::string_view field, int64_t min, int64_t max) {
  int64_t value = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || error != std::errc() || end != text.data() + text.size() || value < min || value > max) {
    return Status::InvalidArgument(field,
                                   "must be an integer from " + std::to_string(min) + " to " + std::to_string(max));
  }
  return value;
}

std::optional<std::string> QueryParam(const HttpRequest& request, const std::string& name) {
  auto it = request.query.find(name);
  if (it == request.query.end()) return std::nullopt;
  return it->second;
}

HttpResponse NoContent() {
  HttpResponse response;
  response.status = 204;
  response.content_type.clear();
  return response;
}

http::Handler AdminOnly(const CheckAdmin& check_admin, http::Handler handler) {
  return [check_admin, handler = std::move(handler)](const HttpRequest& request) {
    Status admin = check_admin(request.Header("authorization"));
    if (!admin.ok()) return HttpResponse::Error(admin);
    return handler(request);
  };
}

namespace {

HttpResponse ImportAnswer(const ImportOutcome& outcome) {
  nlohmann::json json{{"articles", outcome.articles},
                      {"catalog_version", outcome.catalog_version},
                      {"dry_run", outcome.dry_run},
                      {"prices", outcome.prices},
                      {"rows", outcome.rows}};
  if (outcome.problems.empty()) return HttpResponse::Json(200, json.dump());
  size_t bad = outcome.problems.size() + outcome.more_problems;
  HttpResponse response = HttpResponse::Error(Status::InvalidArgument(
      "body", std::to_string(bad) + " bad row" + (bad == 1 ? "" : "s") + "; nothing was imported"));
  nlohmann::json body = nlohmann::json::parse(response.body);
  nlohmann::json rows = nlohmann::json::array();
  for (const ImportProblem& problem : outcome.problems) {
    rows.push_back({{"line", problem.line}, {"field", problem.field}, {"message", problem.message}});
  }
  body["rows"] = std::move(rows);
  body["more_rows"] = outcome.more_problems;
  response.body = body.dump();
  return response;
}

Result<bool> DryRunOf(const HttpRequest& request) {
  std::optional<std::string> dry_run = QueryParam(request, "dry_run");
  if (!dry_run.has_value() || *dry_run == "false" || *dry_run == "0") return false;
  if (*dry_run == "true" || *dry_run == "1" || dry_run->empty()) return true;
  return Status::InvalidArgument("dry_run", "must be true or false");
}

bool IsCsv(const std::string& content_type) {
  std::string_view type{content_type};
  type = type.substr(0, type.find(';'));
  while (!type.empty() && type.back() == ' ') type.remove_suffix(1);
  return type == "text/csv" || type == "application/csv";
}

}  // namespace

void AddImportRoute(http::Router& router, MasterDataService& service, const CheckAdmin& check_admin) {
  router.Add("POST", "/api/v1/articles/import", http::Access::kAdmin,
             AdminOnly(check_admin, [&service](const HttpRequest& request) {
               if (!IsCsv(request.Header("content-type"))) {
                 return HttpResponse::Error(Status::InvalidArgument("content-type", "send text/csv"));
               }
               Result<bool> dry_run = DryRunOf(request);
               if (!dry_run.ok()) return HttpResponse::Error(dry_run.status());
               Result<ImportOutcome> outcome = service.ImportArticles(request.body, *dry_run);
               if (!outcome.ok()) return HttpResponse::Error(outcome.status());
               return ImportAnswer(*outcome);
             }));
}

}  // namespace detail

namespace {

using http::HttpRequest;
using http::HttpResponse;

// 401 without a device credential, 404 for an unknown store, 403 for a register of another store.
Status AuthorizeDevice(MasterDataStore& store, const AuthenticateDevice& authenticate, const HttpRequest& request,
                       const StoreId& store_id) {
  Result<RegisterId> device = authenticate(request.Header("authorization"));
  if (!device.ok()) return device.status();
  KASSE_RETURN_IF_ERROR(store.GetStore(store_id).status());
  Result<Register> register_record = store.GetRegister(*device);
  if (register_record.status().IsNotFound()) {
    return Status::PermissionDenied("register " + device->value() + " belongs to no store");
  }
  if (!register_record.ok()) return register_record.status();
  if (register_record->store != store_id) {
    return Status::PermissionDenied("register " + device->value() + " belongs to store " +
                                    register_record->store.value());
  }
  return Status::Ok();
}

HttpResponse NoStore(HttpResponse response) {
  response.headers.emplace_back("Cache-Control", "no-store");
  return response;
}

HttpResponse CatalogAnswer(const Result<std::optional<catalog::CatalogDelta>>& delta) {
  if (!delta.ok()) return NoStore(HttpResponse::Error(delta.status()));
  if (!delta->has_value()) return NoStore(detail::NoContent());
  return NoStore(HttpResponse::Json(200, catalog::EncodeDelta(**delta)));
}

// Holds the poll without a thread: the feed answers when a commit concerns the
// store, the server with 204 when `wait` runs out or it stops.
HttpResponse WaitForChange(CatalogFeed& feed, const StoreId& store_id, int64_t since, std::chrono::seconds wait) {
  http::DeferredResponse deferred;
  deferred.timeout = wait;
  deferred.start = [&feed, store_id, since, wait](const std::function<void(HttpResponse)>& complete) {
    feed.Watch(
        store_id, since, CatalogFeed::Clock::now() + wait,
        [complete](const Result<std::optional<catalog::CatalogDelta>>& delta) { complete(CatalogAnswer(delta)); });
  };
  deferred.on_timeout = [] { return NoStore(detail::NoContent()); };
  return HttpResponse::Defer(std::move(deferred));
}

}  // namespace

void AddCatalogRoute(http::Router& router, MasterDataService& service, AuthenticateDevice authenticate_device) {
  router.Add("GET", "/api/v1/stores/{store_id}/catalog", http::Access::kDevice,
             [&service, authenticate = std::move(authenticate_device)](const HttpRequest& request) {
               StoreId store_id(request.path_params.at("store_id"));
               Result<int64_t> since =
                   detail::IntegerParam(detail::QueryParam(request, "since").value_or(""), "since", 0, INT64_MAX);
               if (!since.ok()) return NoStore(HttpResponse::Error(since.status()));
               Result<int64_t> wait = detail::IntegerParam(detail::QueryParam(request, "wait").value_or("0"), "wait", 0,
                                                           catalog::CatalogSyncLimits::kMaxWait.count());
               if (!wait.ok()) return NoStore(HttpResponse::Error(wait.status()));
               Status authorized = AuthorizeDevice(service.store(), authenticate, request, store_id);
               if (!authorized.ok()) return NoStore(HttpResponse::Error(authorized));
               Result<std::optional<catalog::CatalogDelta>> delta = service.feed().ChangesSince(store_id, *since);
               if (delta.ok() && !delta->has_value() && *wait > 0) {
                 return WaitForChange(service.feed(), store_id, *since, std::chrono::seconds(*wait));
               }
               return CatalogAnswer(delta);
             });
}

}  // namespace kasse::masterdata
