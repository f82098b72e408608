// ServerApp: the central server as a running process (`kasse server`), wired
// together: the database pool, credentials, ingestion with its projections, the
// HTTP routes, metrics and the JSON log.
//
// Routes: enrollment, journal upload, receipt lookup (journal_api.h), master data,
// CSV import and the registers' catalog long poll (masterdata/), reports
// (report_api.h), /healthz (the process is up), /readyz (it can reach its
// database) and /metrics (Prometheus). Each admin change and each refused admin request
// (a route added with http::Access::kAdmin) is logged. SQLite or PostgreSQL
// (ServerConfig::db). At the first start it creates the admin token and returns it
// from Start() so the caller can show it once.
//
// Thread-safety: Start() and Stop() from one thread.
#pragma once

#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "base/result.h"
#include "http/router.h"
#include "server/server_config.h"

namespace kasse::server {

class Credentials;

class ServerApp {
 public:
  // Logs go to `log_out` as JSON lines.
  ServerApp(ServerConfig config, std::ostream& log_out);
  explicit ServerApp(ServerConfig config);  // logs to std::cerr
  ~ServerApp();

  // The new admin token at the first start, else std::nullopt.
  Result<std::optional<std::string>> Start();
  void Stop();
  std::string url() const;
  Credentials& credentials();
  // Every route the started server answers, with its declared access.
  std::vector<http::RouteInfo> routes() const;

 private:
  struct Parts;
  ServerConfig config_;
  std::ostream& log_out_;
  std::unique_ptr<Parts> parts_;
};

}  // namespace kasse::server
