// ServerConfig: the settings of `kasse server`, and where they come from.
//
// Layered (ops/config.h): defaults < a TOML file (--config) < environment
// variables (KASSE_SERVER_LISTEN, KASSE_DATABASE_URL, …) < command-line flags.
// ServerConfigSchema() lists every key with its default and meaning; `kasse
// server --help` prints it and docs/operations.md describes it.
//
// Thread-safety: value types and pure functions.
#pragma once

#include <string>

#include "base/result.h"
#include "ops/config.h"
#include "ops/json_log.h"

namespace kasse::server {

struct ServerConfig {
  std::string db = "kasse-server.db";  // a SQLite file or a postgresql:// URL
  std::string listen = "127.0.0.1:8080";
  int threads = 4;         // HTTP threads
  int db_connections = 8;  // database connections of this process
  // Open connections from one IP address (0: no cap, e.g. behind a reverse proxy, where
  // every connection comes from the proxy's address).
  int max_connections_per_client = 256;
  ops::LogLevel log_level = ops::LogLevel::kInfo;
};

ops::ConfigSchema ServerConfigSchema();

// The configuration the layers describe; InvalidArgument naming the key for a
// value out of range.
Result<ServerConfig> ServerConfigFrom(const ops::ConfigLayers& layers);

}  // namespace kasse::server
