// docs/openapi.json against the code: it is a valid OpenAPI 3.0 document, every
// route the server's Add*Routes functions register is described in it, a
// running `kasse server` serves every operation it describes, and each route's
// declared http::Access is the security the document gives it. A route added
// without documenting it, documented without being served, or declared with
// another access than documented fails here.
#include "server/openapi.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "base/clock.h"
#include "base/temp_dir.h"
#include "domain/vat.h"
#include "http/client.h"
#include "masterdata/master_data_api.h"
#include "masterdata/master_data_service.h"
#include "ops/json_log.h"
#include "ops/metrics_registry.h"
#include "server/credentials.h"
#include "server/ingest_service.h"
#include "server/journal_api.h"
#include "server/report_api.h"
#include "server/server_app.h"
#include "server/server_database.h"
#include "server/server_metrics.h"
#include "server/testing/loopback_config.h"

namespace kasse::server {
namespace {

using Json = nlohmann::json;
using Operation = std::pair<std::string, std::string>;  // ("GET", "/api/v1/stores/{store_id}")

constexpr std::string_view kParameterRef = "#/components/parameters/";

Json Spec() { return Json::parse(OpenApiJson()); }

// Every operation the document describes, keyed by (METHOD, path template).
std::map<Operation, Json> Operations(const Json& spec) {
  std::map<Operation, Json> operations;
  for (const auto& [path, item] : spec.at("paths").items()) {
    for (const auto& [method, operation] : item.items()) {
      if (method == "parameters" || method == "summary" || method == "description" || method == "servers") continue;
      std::string upper = method;
      std::transform(upper.begin(), upper.end(), upper.begin(), [](unsigned char c) { return std::toupper(c); });
      operations.emplace(Operation{upper, path}, operation);
    }
  }
  return operations;
}

std::set<Operation> DocumentedOperations() {
  std::set<Operation> operations;
  for (const auto& [operation, description] : Operations(Spec())) operations.insert(operation);
  return operations;
}

std::string Listed(const std::set<Operation>& operations) {
  std::string text;
  for (const auto& [method, path] : operations) text += "\n  " + method + " " + path;
  return text;
}

std::string AccessName(http::Access access) {
  switch (access) {
    case http::Access::kPublic: return "public";
    case http::Access::kDevice: return "device";
    case http::Access::kAdmin: return "admin";
  }
  return "?";
}

// The access an operation's security requirement stands for: none (`[]`, or no
// `security` where the document sets none either) is public, the adminToken scheme
// admin, the deviceCredential scheme device; std::nullopt for anything else.
std::optional<http::Access> AccessOf(const Json& security) {
  if (!security.is_array() || security.size() > 1) return std::nullopt;
  if (security.empty()) return http::Access::kPublic;
  const Json& requirement = security[0];
  if (!requirement.is_object() || requirement.size() != 1) return std::nullopt;
  if (requirement.contains("adminToken")) return http::Access::kAdmin;
  if (requirement.contains("deviceCredential")) return http::Access::kDevice;
  return std::nullopt;
}

// Every documented operation with the access its security requirement stands for.
std::map<Operation, std::optional<http::Access>> DocumentedAccess() {
  Json spec = Spec();
  Json global = spec.value("security", Json::array());
  std::map<Operation, std::optional<http::Access>> documented;
  for (const auto& [operation, description] : Operations(spec)) {
    documented[operation] = AccessOf(description.value("security", global));
  }
  return documented;
}

// One line per route whose declared access is not the one docs/openapi.json gives it.
std::vector<std::string> AccessMismatches(const std::vector<http::RouteInfo>& routes) {
  std::map<Operation, std::optional<http::Access>> documented = DocumentedAccess();
  std::vector<std::string> mismatches;
  for (const http::RouteInfo& route : routes) {
    std::string name = route.method + " " + route.pattern + ": declared " + AccessName(route.access);
    auto found = documented.find({route.method, route.pattern});
    if (found == documented.end()) {
      mismatches.push_back(name + ", not documented");
    } else if (!found->second) {
      mismatches.push_back(name + ", documented with a security requirement that is no Access");
    } else if (*found->second != route.access) {
      mismatches.push_back(name + ", documented " + AccessName(*found->second));
    }
  }
  return mismatches;
}

// The path with every {placeholder} filled, so the router matches it.
std::string Concrete(const std::string& pattern) {
  std::string path;
  for (size_t i = 0; i < pattern.size(); ++i) {
    if (pattern[i] != '{') {
      path += pattern[i];
      continue;
    }
    i = pattern.find('}', i);
    path += "1";
  }
  return path;
}

// The server's routes, registered by the same functions ServerApp calls, over real
// objects on a scratch SQLite database.
class ServerRoutes {
 public:
  ServerRoutes() {
    Result<std::unique_ptr<storage::SqlPool>> pool = OpenServerDatabase(dir_.File("server.db"), 2);
    EXPECT_TRUE(pool.ok()) << pool.status().ToString();
    if (!pool.ok()) return;
    pool_ = std::move(pool).value();
    credentials_ = std::make_unique<Credentials>(*pool_, clock_);
    metrics_ = std::make_unique<ServerMetrics>(registry_, *pool_, clock_);
    ingest_ = std::make_unique<IngestService>(*pool_, VatTable::Germany(), clock_, std::vector<Projection*>{});
    master_data_ = std::make_unique<masterdata::MasterDataService>(*pool_);
    auto check_admin = [this](std::string_view authorization) { return credentials_->CheckAdmin(authorization); };
    AddEnrollmentRoutes(router_, *credentials_, master_data_->store(), log_);
    AddJournalRoutes(router_, {*ingest_, *pool_, *credentials_, *metrics_, log_, refusals_});
    AddReportRoutes(router_, *pool_, check_admin);
    masterdata::AddMasterDataRoutes(router_, *master_data_, check_admin);
    masterdata::AddCatalogRoute(router_, *master_data_, [this](std::string_view authorization) {
      return credentials_->Authenticate(authorization);
    });
    AddOpenApiRoute(router_);
  }

  http::Router& router() { return router_; }

 private:
  TempDir dir_;
  SystemClock clock_;
  std::ostringstream log_out_;
  ops::Logger log_{log_out_, ops::LogLevel::kError, clock_};
  ops::LogThrottle refusals_{clock_, kRefusalLogInterval};
  ops::MetricsRegistry registry_;
  std::unique_ptr<storage::SqlPool> pool_;
  std::unique_ptr<Credentials> credentials_;
  std::unique_ptr<ServerMetrics> metrics_;
  std::unique_ptr<IngestService> ingest_;
  std::unique_ptr<masterdata::MasterDataService> master_data_;
  http::Router router_;
};

TEST(OpenApiTest, IsAnOpenApi3DocumentWithAVersion) {
  Json spec = Json::parse(OpenApiJson(), nullptr, /*allow_exceptions=*/false);
  ASSERT_FALSE(spec.is_discarded()) << "docs/openapi.json is not valid JSON";
  ASSERT_TRUE(spec.is_object());
  EXPECT_EQ(spec.value("openapi", "").rfind("3.0.", 0), 0u) << spec.value("openapi", "");
  EXPECT_FALSE(spec["info"].value("version", "").empty());
  EXPECT_FALSE(spec["info"].value("title", "").empty());
  EXPECT_TRUE(spec["components"]["schemas"].contains("Error"));
  EXPECT_TRUE(spec["components"]["securitySchemes"].contains("adminToken"));
  EXPECT_TRUE(spec["components"]["securitySchemes"].contains("deviceCredential"));
}

TEST(OpenApiTest, EveryOperationHasResponsesAndEveryPlaceholderAParameter) {
  Json spec = Spec();
  for (const auto& [path, item] : spec["paths"].items()) {
    for (const auto& [method, operation] : item.items()) {
      SCOPED_TRACE(method + " " + path);
      EXPECT_FALSE(operation.value("operationId", "").empty());
      EXPECT_FALSE(operation["responses"].empty());
      std::set<std::string> declared;
      for (const Json& parameter : operation.value("parameters", Json::array())) {
        const Json& resolved =
            parameter.contains("$ref")
                ? spec["components"]["parameters"][parameter["$ref"].get<std::string>().substr(kParameterRef.size())]
                : parameter;
        if (resolved.value("in", "") == "path") declared.insert(resolved.value("name", ""));
      }
      std::set<std::string> placeholders;
      for (size_t open = path.find('{'); open != std::string::npos; open = path.find('{', open + 1)) {
        placeholders.insert(path.substr(open + 1, path.find('}', open) - open - 1));
      }
      EXPECT_EQ(declared, placeholders);
    }
  }
}

TEST(OpenApiTest, EveryRouteTheServerRegistersIsDocumented) {
  ServerRoutes routes;
  std::vector<http::RouteInfo> registered = routes.router().routes();
  ASSERT_FALSE(registered.empty());
  std::set<Operation> documented = DocumentedOperations();
  std::set<Operation> undocumented;
  for (const http::RouteInfo& route : registered) {
    if (!documented.contains({route.method, route.pattern})) undocumented.insert({route.method, route.pattern});
  }
  EXPECT_TRUE(undocumented.empty()) << "routes missing from docs/openapi.json:" << Listed(undocumented);
}

TEST(OpenApiTest, TheServerServesEveryDocumentedOperation) {
  TempDir dir;
  ServerConfig config = testing::LoopbackConfig(dir.File("server.db"));
  std::ostringstream log;
  ServerApp app(config, log);
  Result<std::optional<std::string>> started = app.Start();
  ASSERT_TRUE(started.ok()) << started.status().ToString();
  Result<http::Url> url = http::ParseUrl(app.url());
  ASSERT_TRUE(url.ok());
  http::HttpClient client(url->host, url->port);
  std::set<Operation> missing;
  for (const auto& [method, pattern] : DocumentedOperations()) {
    // Without credentials: a served route refuses (401) or answers; only the router
    // answers 405, or 404 on field "path".
    Result<http::HttpResponse> response =
        client.Send(method, Concrete(pattern), method == "PUT" || method == "POST" ? "{}" : "");
    ASSERT_TRUE(response.ok()) << method << " " << pattern << ": " << response.status().ToString();
    Json body = Json::parse(response->body, nullptr, false);
    bool unrouted = response->status == 405 ||
                    (response->status == 404 && body.is_object() && body["error"].value("field", "") == "path");
    if (unrouted) missing.insert({method, pattern});
  }
  EXPECT_TRUE(missing.empty()) << "documented in docs/openapi.json but not served by kasse server:" << Listed(missing);
}

TEST(OpenApiTest, EveryRouteDeclaresTheAccessTheDocumentGivesIt) {
  TempDir dir;
  ServerConfig config = testing::LoopbackConfig(dir.File("server.db"));
  std::ostringstream log;
  ServerApp app(config, log);
  ASSERT_TRUE(app.Start().ok());
  std::vector<http::RouteInfo> routes = app.routes();
  ASSERT_FALSE(routes.empty());
  std::vector<std::string> mismatches = AccessMismatches(routes);
  std::string listed;
  for (const std::string& mismatch : mismatches) listed += "\n  " + mismatch;
  EXPECT_TRUE(mismatches.empty()) << "routes whose access disagrees with docs/openapi.json:" << listed;
}

TEST(OpenApiTest, AnAccessOtherThanTheDocumentedSecurityIsAMismatch) {
  EXPECT_EQ(AccessMismatches({{"GET", "/healthz", http::Access::kPublic},
                              {"POST", "/api/v1/enroll", http::Access::kDevice},
                              {"GET", "/api/v1/stores/{store_id}/catalog", http::Access::kAdmin},
                              {"PUT", "/api/v1/organisation", http::Access::kPublic},
                              {"GET", "/api/v1/nowhere", http::Access::kAdmin}}),
            (std::vector<std::string>{"POST /api/v1/enroll: declared device, documented public",
                                      "GET /api/v1/stores/{store_id}/catalog: declared admin, documented device",
                                      "PUT /api/v1/organisation: declared public, documented admin",
                                      "GET /api/v1/nowhere: declared admin, not documented"}));
  EXPECT_EQ(AccessOf(Json::parse(R"([{"adminToken":[]},{"deviceCredential":[]}])")), std::nullopt);
  EXPECT_EQ(AccessOf(Json::parse(R"([{"basicAuth":[]}])")), std::nullopt);
}

TEST(OpenApiTest, TheRouteServesTheDocumentAsJson) {
  http::Router router;
  AddOpenApiRoute(router);
  http::HttpRequest request;
  request.method = "GET";
  request.path = "/api/v1/openapi.json";
  http::HttpResponse response = router.Handle(request);
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(response.content_type, "application/json");
  EXPECT_EQ(response.body, OpenApiJson());
}

TEST(OpenApiTest, RouterListsItsRoutesAsRegistered) {
  http::Router router;
  auto ok = [](const http::HttpRequest&) { return http::HttpResponse::Json(200, "{}"); };
  router.Add("GET", "/a/{id}/b", http::Access::kAdmin, ok);
  router.Add("PUT", "c//d/", http::Access::kDevice, ok);
  router.Add("GET", "/", http::Access::kPublic, ok);
  EXPECT_EQ(router.routes(), (std::vector<http::RouteInfo>{{"GET", "/a/{id}/b", http::Access::kAdmin},
                                                           {"PUT", "/c/d", http::Access::kDevice},
                                                           {"GET", "/", http::Access::kPublic}}));
}

}  // namespace
}  // namespace kasse::server
