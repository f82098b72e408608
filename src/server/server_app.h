// ServerApp: the central server as a running process (`kasse server`), wired
// together: the store, credentials, ingestion and the HTTP routes.
//
// So far it serves what the registers need (issue 4 is in progress): enrollment,
// journal upload, receipt lookup, and /healthz. SQLite only; PostgreSQL follows.
// At the first start it creates the admin token and returns it from Start() so the
// caller can show it once.
//
// Thread-safety: Start() and Stop() from one thread.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "base/result.h"

namespace kasse::server {

class Credentials;

struct ServerConfig {
  std::string db;  // SQLite file
  std::string listen = "127.0.0.1:8080";
  int threads = 2;
};

class ServerApp {
 public:
  explicit ServerApp(ServerConfig config);
  ~ServerApp();

  // The new admin token at the first start, else std::nullopt.
  Result<std::optional<std::string>> Start();
  void Stop();
  std::string url() const;
  Credentials& credentials();

 private:
  struct Parts;
  ServerConfig config_;
  std::unique_ptr<Parts> parts_;
};

}  // namespace kasse::server
