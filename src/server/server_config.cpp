#include "server/server_config.h"

namespace kasse::server {
namespace {

constexpr int64_t kMaxThreads = 256;
constexpr int64_t kMaxConnections = 512;
constexpr int64_t kMaxConnectionsPerClient = 100'000;

Result<int> Bounded(const ops::ConfigLayers& layers, std::string_view key, int64_t max) {
  Result<int64_t> value = layers.GetInt(key);
  if (!value.ok()) return value.status();
  if (*value < 1 || *value > max) {
    return Status::InvalidArgument(key, "must be between 1 and " + std::to_string(max));
  }
  return static_cast<int>(*value);
}

}  // namespace

ops::ConfigSchema ServerConfigSchema() {
  ServerConfig defaults;
  ops::ConfigSchema schema;
  schema.String("server.listen", defaults.listen, "HOST:PORT the HTTP API listens on")
      .Int("server.threads", defaults.threads, "HTTP server threads")
      .Int("server.max_connections_per_client", defaults.max_connections_per_client,
           "open connections from one IP address (0: no cap; behind a proxy, the proxy is one address)")
      .String("database.url", defaults.db, "SQLite file path, or postgresql://user@host:port/database")
      .Int("database.connections", defaults.db_connections, "database connections of this server process")
      .String("log.level", "info", "debug, info, warn or error (JSON lines on stderr)");
  return schema;
}

Result<ServerConfig> ServerConfigFrom(const ops::ConfigLayers& layers) {
  ServerConfig config;
  Result<std::string> listen = layers.GetString("server.listen");
  if (!listen.ok()) return listen.status();
  config.listen = *listen;
  Result<std::string> db = layers.GetString("database.url");
  if (!db.ok()) return db.status();
  if (db->empty()) return Status::InvalidArgument("database.url", "is empty");
  config.db = *db;
  Result<int> threads = Bounded(layers, "server.threads", kMaxThreads);
  if (!threads.ok()) return threads.status();
  config.threads = *threads;
  Result<int64_t> per_client = layers.GetInt("server.max_connections_per_client");
  if (!per_client.ok()) return per_client.status();
  if (*per_client < 0 || *per_client > kMaxConnectionsPerClient) {
    return Status::InvalidArgument("server.max_connections_per_client",
                                   "must be between 0 and " + std::to_string(kMaxConnectionsPerClient));
  }
  config.max_connections_per_client = static_cast<int>(*per_client);
  Result<int> connections = Bounded(layers, "database.connections", kMaxConnections);
  if (!connections.ok()) return connections.status();
  config.db_connections = *connections;
  Result<std::string> level = layers.GetString("log.level");
  if (!level.ok()) return level.status();
  Result<ops::LogLevel> parsed = ops::ParseLogLevel(*level);
  if (!parsed.ok()) return Status::InvalidArgument("log.level", "must be debug, info, warn or error");
  config.log_level = *parsed;
  return config;
}

}  // namespace kasse::server
