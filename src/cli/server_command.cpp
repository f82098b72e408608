#include <ostream>
#include <signal.h>

#include "base/clock.h"
#include "cli/commands.h"
#include "ops/config.h"
#include "server/credentials.h"
#include "server/server_app.h"
#include "server/server_database.h"

namespace kasse::cli {

namespace {

// The configuration from the file, the environment and the flags, in that order of precedence.
Result<server::ServerConfig> LoadConfig(const ServerFlags& flags) {
  ops::ConfigLayers layers(server::ServerConfigSchema());
  if (!flags.config_file.empty()) KASSE_RETURN_IF_ERROR(layers.LoadToml(flags.config_file));
  KASSE_RETURN_IF_ERROR(layers.ApplyEnvironment("KASSE_", ops::ProcessEnvironment("KASSE_")));
  std::map<std::string, std::string> given;
  for (const auto& [key, value] : flags.values) {
    if (!value.empty()) given[key] = value;
  }
  KASSE_RETURN_IF_ERROR(layers.ApplyFlags(given));
  return server::ServerConfigFrom(layers);
}

// The database target with a password in a URL masked, for printing.
std::string RedactedDatabase(const std::string& target) {
  size_t scheme = target.find("://");
  size_t at = target.find('@');
  if (scheme == std::string::npos || at == std::string::npos) return target;
  size_t colon = target.find(':', scheme + 3);
  if (colon == std::string::npos || colon > at) return target;
  return target.substr(0, colon + 1) + "***" + target.substr(at);
}

// The command that replaces the admin token of the database the server runs on.
std::string AdminTokenCommand(const ServerFlags& flags, const server::ServerConfig& config) {
  std::string command = "kasse admin-token";
  if (!flags.config_file.empty()) command += " --config " + flags.config_file;
  auto db = flags.values.find("database.url");
  if (db != flags.values.end() && !db->second.empty()) command += " --db " + RedactedDatabase(config.db);
  return command;
}

}  // namespace

int RunAdminToken(const ServerFlags& flags, std::ostream& out, std::ostream& err) {
  Result<server::ServerConfig> loaded = LoadConfig(flags);
  if (!loaded.ok()) {
    err << "kasse admin-token: " << loaded.status().ToString() << "\n";
    return 2;
  }
  Result<std::unique_ptr<storage::SqlPool>> pool = server::OpenServerDatabase(loaded->db, 1);
  if (!pool.ok()) {
    err << "kasse admin-token: " << pool.status().ToString() << "\n";
    return 1;
  }
  SystemClock clock;
  server::Credentials credentials(**pool, clock);
  Result<std::string> token = credentials.ReplaceAdminToken();
  if (!token.ok()) {
    err << "kasse admin-token: " << token.status().ToString() << "\n";
    return 1;
  }
  out << "new admin token for database " << RedactedDatabase(loaded->db)
      << " (shown this once; only its hash is stored; the old one no longer works):\n  " << *token << "\n"
      << std::flush;
  return 0;
}

int RunServer(const ServerFlags& flags, std::ostream& out, std::ostream& err) {
  Result<server::ServerConfig> loaded = LoadConfig(flags);
  if (!loaded.ok()) {
    err << "kasse server: " << loaded.status().ToString() << "\n";
    return 2;
  }
  const server::ServerConfig& config = *loaded;
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  server::ServerApp app(config);
  Result<std::optional<std::string>> admin = app.Start();
  if (!admin.ok()) {
    err << "kasse server: " << admin.status().ToString() << "\n";
    return 1;
  }
  out << "server ready at " << app.url() << " (database " << RedactedDatabase(config.db) << ")\n";
  if (admin->has_value()) {
    out << "admin token (shown this once; only its hash is stored):\n  " << **admin << "\n"
        << "make an enrollment code for a register of the master data (docs/master-data.md):\n"
        << "  curl -X POST " << app.url() << "/api/v1/enrollments -H 'Authorization: Bearer <admin token>' "
        << "-d '{\"register_id\":\"K-0101-01\"}'\n";
  } else {
    out << "admin token: this database has one already (made at its first start and shown then; only its hash is "
           "stored, so it cannot be shown again)\n"
        << "a new one, which retires the old: " << AdminTokenCommand(flags, config) << "\n";
  }
  out << "Ctrl-C stops it.\n" << std::flush;
  int signal = 0;
  sigwait(&stop_signals, &signal);
  out << "stopping server\n" << std::flush;
  app.Stop();
  return 0;
}

}  // namespace kasse::cli
