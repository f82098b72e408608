#include "server/server_config.h"

#include <gtest/gtest.h>

namespace kasse::server {
namespace {

Result<ServerConfig> Load(std::string_view toml, const std::map<std::string, std::string>& environment,
                          const std::map<std::string, std::string>& flags) {
  ops::ConfigLayers layers(ServerConfigSchema());
  KASSE_RETURN_IF_ERROR(layers.LoadTomlText(toml, "server.toml"));
  KASSE_RETURN_IF_ERROR(layers.ApplyEnvironment("KASSE_", environment));
  KASSE_RETURN_IF_ERROR(layers.ApplyFlags(flags));
  return ServerConfigFrom(layers);
}

TEST(ServerConfigTest, OutOfRangeAndUnknownValuesNameTheirKey) {
  EXPECT_EQ(Load("[server]\nthreads = 0\n", {}, {}).status().field(), "server.threads");
  EXPECT_EQ(Load("[database]\nconnections = 100000\n", {}, {}).status().field(), "database.connections");
  EXPECT_EQ(Load("", {}, {{"log.level", "chatty"}}).status().field(), "log.level");
  EXPECT_EQ(Load("[server]\nmax_connections_per_client = -1\n", {}, {}).status().field(),
            "server.max_connections_per_client");
  EXPECT_EQ(Load("", {{"KASSE_SERVER_MAX_CONNECTIONS_PER_CLIENT", "0"}}, {})->max_connections_per_client, 0);
  EXPECT_EQ(Load("", {{"KASSE_DATABASE_URL", ""}}, {}).status().field(), "database.url");
  Status unknown = Load("[server]\nlisten_port = 1\n", {}, {}).status();
  EXPECT_TRUE(unknown.IsInvalidArgument());
  EXPECT_NE(unknown.message().find("server.listen_port"), std::string::npos) << unknown.ToString();
}

TEST(ServerConfigTest, FlagsBeatEnvironmentBeatsFile) {
  std::string_view toml = "[server]\nlisten = \"0.0.0.0:80\"\nthreads = 3\n[database]\nurl = \"file.db\"\n";
  Result<ServerConfig> config = Load(toml, {{"KASSE_SERVER_THREADS", "5"}, {"KASSE_DATABASE_URL", "env.db"}},
                                     {{"database.url", "postgresql://kasse@127.0.0.1:5432/kasse"}});
  ASSERT_TRUE(config.ok()) << config.status().ToString();
  EXPECT_EQ(config->listen, "0.0.0.0:80");
  EXPECT_EQ(config->threads, 5);
  EXPECT_EQ(config->db, "postgresql://kasse@127.0.0.1:5432/kasse");
  EXPECT_EQ(config->db_connections, ServerConfig{}.db_connections);
  EXPECT_EQ(config->log_level, ops::LogLevel::kInfo);
}

}  // namespace
}  // namespace kasse::server
