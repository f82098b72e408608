#include "server/server_app.h"

#include <algorithm>
#include <charconv>
#include <iostream>
#include <map>
#include <optional>

#include "base/clock.h"
#include "domain/vat.h"
#include "http/server.h"
#include "masterdata/article_import.h"
#include "masterdata/master_data_api.h"
#include "ops/json_log.h"
#include "ops/log_throttle.h"
#include "ops/metrics_registry.h"
#include "server/credentials.h"
#include "server/ingest_service.h"
#include "server/journal_api.h"
#include "server/openapi.h"
#include "server/register_admin_api.h"
#include "server/register_time_zones.h"
#include "server/report_api.h"
#include "server/sale_facts.h"
#include "server/server_database.h"
#include "server/server_metrics.h"

namespace kasse::server {
namespace {

constexpr std::string_view kImportPath = "/api/v1/articles/import";  // takes bigger bodies
constexpr std::string_view kJournalPath = "/api/v1/registers/{register}/journal";
// The body limit of a route that needs no credential: enrollment sends a code and a
// device ID, and nothing else public takes a body.
constexpr size_t kPublicBodyBytes = size_t{16} * 1024;

Result<std::pair<std::string, uint16_t>> SplitListen(const std::string& listen) {
  size_t colon = listen.rfind(':');
  unsigned port = 0;
  const char* end = listen.data() + listen.size();
  if (colon == std::string::npos || std::from_chars(listen.data() + colon + 1, end, port).ptr != end || port > 65535) {
    return Status::InvalidArgument("listen", "must be HOST:PORT");
  }
  return std::pair<std::string, uint16_t>(listen.substr(0, colon), static_cast<uint16_t>(port));
}

void AddOperationsRoutes(http::Router& router, storage::SqlPool& pool, ops::MetricsRegistry& metrics) {
  router.Add("GET", "/healthz", http::Access::kPublic,
             [](const http::HttpRequest&) { return http::HttpResponse::Json(200, R"({"status":"ok"})"); });
  router.Add("GET", "/readyz", http::Access::kPublic, [&pool](const http::HttpRequest&) {
    Result<storage::SqlPool::Lease> db = pool.Acquire();
    Status ready = db.ok() ? (*db)->QueryValue("SELECT 1").status() : db.status();
    if (!ready.ok()) {
      return http::HttpResponse::Error(Status::Unavailable("the database cannot be reached: " + ready.message()));
    }
    return http::HttpResponse::Json(200, R"({"status":"ready"})");
  });
  router.Add("GET", "/metrics", http::Access::kPublic, [&metrics](const http::HttpRequest&) {
    http::HttpResponse response;
    response.status = 200;
    response.content_type = std::string(ops::MetricsRegistry::kContentType);
    response.body = metrics.Render();
    return response;
  });
}

// Every change an admin makes (master data, imports, enrollment codes) and every
// refused admin request is a privileged action: one log line each. Admin routes are
// those added with http::Access::kAdmin; the registers' traffic on the device routes
// (journal uploads, receipt lookups, catalog polls) is counted in the metrics.
void AuditAdminRequest(ops::Logger& log, const http::HttpRequest& request, const http::HttpResponse& response) {
  if (request.route_access != http::Access::kAdmin) return;
  bool refused = response.status == 401 || response.status == 403;
  if (request.method == "GET" && !refused) return;
  log.Log(refused ? ops::LogLevel::kWarn : ops::LogLevel::kInfo, refused ? "admin request refused" : "admin action",
          {{"method", request.method}, {"path", request.path}, {"status", int64_t{response.status}}});
}

}  // namespace

struct ServerApp::Parts {
  SystemClock clock;
  std::unique_ptr<ops::Logger> log;
  ops::MetricsRegistry metrics_registry;
  std::unique_ptr<storage::SqlPool> pool;
  std::unique_ptr<ServerMetrics> metrics;
  std::unique_ptr<RegisterTimeZones> time_zones;
  std::unique_ptr<SaleFacts> sale_facts;
  std::unique_ptr<masterdata::MasterDataService> master_data;
  std::unique_ptr<Credentials> credentials;
  std::unique_ptr<IngestService> ingest;
  std::unique_ptr<ops::LogThrottle> refusals;
  std::optional<JournalRouteDeps> journal;
  http::Router router;
  std::unique_ptr<http::HttpServer> server;

  // Decides from the head, before the body is read: a route that needs a credential
  // and lacks a valid one is refused (its body never read); the others get the body
  // limit of their access (small for public routes, large only for an admin's import).
  http::HeadDecision DecideHead(const http::HttpRequest& head) {
    std::map<std::string, std::string> params;
    std::optional<http::RouteInfo> route = router.Find(head.method, head.path, &params);
    if (!route || route->access == http::Access::kPublic) return {kPublicBodyBytes, std::nullopt};
    std::string authorization = head.Header("authorization");
    Status allowed = route->access == http::Access::kAdmin ? credentials->CheckAdmin(authorization)
                                                           : credentials->Authenticate(authorization).status();
    if (allowed.ok()) {
      bool import = route->method == "POST" && route->pattern == kImportPath;
      return {import ? masterdata::kMaxImportBodyBytes : http::ServerLimits::kMaxBodyBytes, std::nullopt};
    }
    http::HttpResponse refusal = http::HttpResponse::Error(allowed);
    if (route->pattern == kJournalPath) RecordRefusedUpload(*journal, params["register"], allowed);
    http::HttpRequest refused = head;
    refused.route_pattern = route->pattern;
    refused.route_access = route->access;
    AuditAdminRequest(*log, refused, refusal);
    return {0, std::move(refusal)};
  }
};

ServerApp::ServerApp(ServerConfig config, std::ostream& log_out) : config_(std::move(config)), log_out_(log_out) {}
ServerApp::ServerApp(ServerConfig config) : ServerApp(std::move(config), std::cerr) {}

ServerApp::~ServerApp() { Stop(); }

Result<std::optional<std::string>> ServerApp::Start() {
  Result<std::pair<std::string, uint16_t>> listen = SplitListen(config_.listen);
  if (!listen.ok()) return listen.status();
  auto parts = std::make_unique<Parts>();
  parts->log = std::make_unique<ops::Logger>(log_out_, config_.log_level, parts->clock);
  Result<std::unique_ptr<storage::SqlPool>> pool =
      OpenServerDatabase(config_.db, static_cast<size_t>(std::max(config_.db_connections, 1)));
  if (!pool.ok()) return pool.status();
  parts->pool = std::move(pool).value();
  parts->metrics = std::make_unique<ServerMetrics>(parts->metrics_registry, *parts->pool, parts->clock);
  parts->credentials = std::make_unique<Credentials>(*parts->pool, parts->clock);
  Result<std::optional<std::string>> admin = parts->credentials->CreateAdminTokenIfNone();
  if (!admin.ok()) return admin.status();
  parts->time_zones = std::make_unique<RegisterTimeZones>(parts->clock);
  RegisterTimeZones* zones = parts->time_zones.get();
  parts->sale_facts = std::make_unique<SaleFacts>(
      VatTable::Germany(), [zones](storage::SqlConnection& db, const RegisterId& register_id, int64_t utc_ms) {
        return zones->BusinessDay(db, register_id, utc_ms);
      });
  parts->master_data = std::make_unique<masterdata::MasterDataService>(*parts->pool);
  parts->ingest = std::make_unique<IngestService>(*parts->pool, VatTable::Germany(), parts->clock,
                                                  std::vector<Projection*>{parts->sale_facts.get()});
  AddEnrollmentRoutes(parts->router, *parts->credentials, parts->master_data->store(), *parts->log);
  parts->refusals = std::make_unique<ops::LogThrottle>(parts->clock, kRefusalLogInterval);
  parts->journal.emplace(JournalRouteDeps{*parts->ingest, *parts->pool, *parts->credentials, *parts->metrics,
                                          *parts->log, *parts->refusals});
  AddJournalRoutes(parts->router, *parts->journal);
  Credentials* credentials = parts->credentials.get();
  auto check_admin = [credentials](std::string_view authorization) { return credentials->CheckAdmin(authorization); };
  masterdata::AddMasterDataRoutes(parts->router, *parts->master_data, check_admin);
  masterdata::AddCatalogRoute(parts->router, *parts->master_data, [credentials](std::string_view authorization) {
    return credentials->Authenticate(authorization);
  });
  AddReportRoutes(parts->router, *parts->pool, check_admin);
  AddRegisterAdminRoutes(parts->router,
                         {*parts->pool, parts->master_data->store(), check_admin, *parts->log, parts->clock});
  AddOperationsRoutes(parts->router, *parts->pool, parts->metrics_registry);
  AddOpenApiRoute(parts->router);
  http::HttpServer::Options options;
  options.host = listen->first;
  options.port = listen->second;
  options.threads = config_.threads;
  options.max_connections_per_client = config_.max_connections_per_client;
  Parts* raw = parts.get();
  options.on_head = [raw](const http::HttpRequest& head) { return raw->DecideHead(head); };
  ops::Logger* log = parts->log.get();
  options.log = [log](const std::string& message) { log->Error("http", {{"error", message}}); };
  parts->server = std::make_unique<http::HttpServer>(options, [raw](http::HttpRequest& request) {
    http::HttpResponse response = raw->router.Handle(request);
    AuditAdminRequest(*raw->log, request, response);
    return response;
  });
  KASSE_RETURN_IF_ERROR(parts->server->Start());
  parts->log->Info("server started",
                   {{"url", "http://" + listen->first + ":" + std::to_string(parts->server->port())},
                    {"backend", parts->pool->dialect() == storage::SqlDialect::kPostgres ? "postgresql" : "sqlite"},
                    {"admin_token_created", admin->has_value()},
                    {"max_connections", parts->server->connection_limit()},
                    {"max_connections_per_client", config_.max_connections_per_client}});
  parts_ = std::move(parts);
  return admin;
}

void ServerApp::Stop() {
  if (!parts_) return;
  parts_->server->Stop();
  parts_->master_data.reset();  // answers polls still held with 204
  parts_->log->Info("server stopped");
  parts_.reset();
}

std::string ServerApp::url() const {
  if (!parts_) return "";
  return "http://" + config_.listen.substr(0, config_.listen.rfind(':')) + ":" + std::to_string(parts_->server->port());
}

Credentials& ServerApp::credentials() { return *parts_->credentials; }

std::vector<http::RouteInfo> ServerApp::routes() const {
  if (!parts_) return {};
  return parts_->router.routes();
}

}  // namespace kasse::server
