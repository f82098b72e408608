// Test and benchmark support: the configuration of a server in the test's own
// process over `db` (a SQLite file or a postgresql:// URL), listening on a free
// port of 127.0.0.1.
#pragma once

#include <string>

#include "ops/json_log.h"
#include "server/server_config.h"

namespace kasse::server::testing {

inline ServerConfig LoopbackConfig(const std::string& db, ops::LogLevel level = ops::LogLevel::kInfo) {
  ServerConfig config;
  config.db = db;
  config.listen = "127.0.0.1:0";
  config.log_level = level;
  return config;
}

}  // namespace kasse::server::testing
