// A ServerApp in the benchmark's own process over `target` (a SQLite file or a
// postgresql:// URL), on a free loopback port, logging only errors, into memory.
// Started by the constructor (std::runtime_error if it cannot start); admin_token()
// is the token its first start made.
#pragma once

#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>

#include "http/client.h"
#include "server/server_app.h"
#include "server/testing/loopback_config.h"

namespace kasse::bench {

class BenchServer {
 public:
  explicit BenchServer(const std::string& target)
      : app_(server::testing::LoopbackConfig(target, ops::LogLevel::kError), log_) {
    Result<std::optional<std::string>> admin = app_.Start();
    if (!admin.ok()) throw std::runtime_error("server start: " + admin.status().ToString());
    if (!admin->has_value()) throw std::runtime_error("server start: the database is not fresh (no admin token)");
    admin_token_ = **admin;
  }

  std::string url() const { return app_.url(); }
  const std::string& admin_token() const { return admin_token_; }
  // A keep-alive client of the server.
  http::HttpClient Client() const {
    http::Url url = *http::ParseUrl(app_.url());
    return http::HttpClient(url.host, url.port);
  }

 private:
  std::ostringstream log_;
  server::ServerApp app_;
  std::string admin_token_;
};

}  // namespace kasse::bench
