#include "server/server_app.h"

#include <charconv>

#include "base/clock.h"
#include "domain/vat.h"
#include "http/server.h"
#include "server/credentials.h"
#include "server/ingest_service.h"
#include "server/journal_api.h"
#include "server/journal_store.h"

namespace kasse::server {

struct ServerApp::Parts {
  SystemClock clock;
  std::unique_ptr<SqliteServerStore> store;
  std::unique_ptr<Credentials> credentials;
  std::unique_ptr<IngestService> ingest;
  http::Router router;
  std::unique_ptr<http::HttpServer> server;
};

ServerApp::ServerApp(ServerConfig config) : config_(std::move(config)) {}

ServerApp::~ServerApp() { Stop(); }

Result<std::optional<std::string>> ServerApp::Start() {
  if (config_.db.starts_with("postgresql://")) {
    return Status::InvalidArgument("db", "PostgreSQL is not supported yet; give a SQLite file");
  }
  size_t colon = config_.listen.rfind(':');
  unsigned port = 0;
  const char* end = config_.listen.data() + config_.listen.size();
  if (colon == std::string::npos || std::from_chars(config_.listen.data() + colon + 1, end, port).ptr != end ||
      port > 65535) {
    return Status::InvalidArgument("listen", "must be HOST:PORT");
  }
  auto parts = std::make_unique<Parts>();
  Result<std::unique_ptr<SqliteServerStore>> store = SqliteServerStore::Open(config_.db);
  if (!store.ok()) return store.status();
  parts->store = std::move(store).value();
  Result<std::unique_ptr<Credentials>> credentials = Credentials::Open(config_.db, parts->clock);
  if (!credentials.ok()) return credentials.status();
  parts->credentials = std::move(credentials).value();
  Result<std::optional<std::string>> admin = parts->credentials->CreateAdminTokenIfNone();
  if (!admin.ok()) return admin.status();
  parts->ingest = std::make_unique<IngestService>(*parts->store, VatTable::Germany(), parts->clock);
  AddEnrollmentRoutes(parts->router, *parts->credentials);
  AddJournalRoutes(parts->router, *parts->ingest, *parts->store, *parts->credentials);
  parts->router.Add("GET", "/healthz",
                    [](const http::HttpRequest&) { return http::HttpResponse::Json(200, R"({"status":"ok"})"); });
  http::HttpServer::Options options;
  options.host = config_.listen.substr(0, colon);
  options.port = static_cast<uint16_t>(port);
  options.threads = config_.threads;
  Parts* raw = parts.get();
  parts->server =
      std::make_unique<http::HttpServer>(options, [raw](http::HttpRequest& r) { return raw->router.Handle(r); });
  KASSE_RETURN_IF_ERROR(parts->server->Start());
  parts_ = std::move(parts);
  return admin;
}

void ServerApp::Stop() {
  if (!parts_) return;
  parts_->server->Stop();
  parts_.reset();
}

std::string ServerApp::url() const {
  if (!parts_) return "";
  return "http://" + config_.listen.substr(0, config_.listen.rfind(':')) + ":" + std::to_string(parts_->server->port());
}

Credentials& ServerApp::credentials() { return *parts_->credentials; }

}  // namespace kasse::server
