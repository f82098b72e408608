#include "ops/config.h"

#include <fstream>

#include <gtest/gtest.h>

#include "base/temp_dir.h"

namespace kasse::ops {
namespace {

ConfigSchema ServerSchema() {
  ConfigSchema schema;
  schema.String("server.listen", "0.0.0.0:8080", "Address and port of the HTTP server.")
      .Int("server.threads", 2, "Worker threads.")
      .String("server.data_dir", "/var/lib/kasse", "Where the server keeps its database.")
      .Bool("log.json", true, "Write logs as JSON lines.")
      .String("log.level", "info", "debug, info, warn or error.");
  return schema;
}

class ConfigTest : public ::testing::Test {
 protected:
  std::string WriteFile(const std::string& text) {
    std::string path = dir_.File("server.toml");
    std::ofstream(path) << text;
    return path;
  }

  TempDir dir_;
  ConfigLayers config_{ServerSchema()};
};

TEST_F(ConfigTest, AMissingFileIsNotFound) {
  Status status = config_.LoadToml(dir_.File("nope.toml"));
  EXPECT_TRUE(status.IsNotFound()) << status.ToString();
  EXPECT_NE(status.message().find("nope.toml"), std::string::npos);
}

TEST_F(ConfigTest, BadTomlIsAnErrorWithLineAndColumn) {
  std::string path = WriteFile("[server]\nlisten = \"0.0.0.0:8080\"\nthreads = = 4\n");
  Status status = config_.LoadToml(path);
  EXPECT_TRUE(status.IsInvalidArgument());
  EXPECT_TRUE(status.message().starts_with(path + ":3:")) << status.message();
}

TEST_F(ConfigTest, AnUnknownKeyIsAnErrorNamingIt) {
  Status status = config_.LoadTomlText("[server]\nlisten = \"x\"\nlisten_port = 80\n", "server.toml");
  EXPECT_TRUE(status.IsInvalidArgument());
  EXPECT_EQ(status.field(), "server.listen_port");
  EXPECT_EQ(status.message(), "server.toml:3:15: unknown setting server.listen_port");
}

TEST_F(ConfigTest, EveryUnknownKeyIsListedInFileOrder) {
  Status status = config_.LoadTomlText("top = 1\n[server]\nzeta = 1\nalpha = 2\n[[plugins]]\nname = \"x\"\n", "s.toml");
  EXPECT_EQ(status.message(),
            "s.toml: unknown settings top (line 1), server.zeta (line 3), server.alpha (line 4), "
            "plugins (line 5)");
}

TEST_F(ConfigTest, AValueOfTheWrongTypeIsAnErrorWithItsPosition) {
  Status status = config_.LoadTomlText("[server]\nthreads = \"4\"\n", "server.toml");
  EXPECT_TRUE(status.IsInvalidArgument());
  EXPECT_EQ(status.field(), "server.threads");
  EXPECT_EQ(status.message(), "server.toml:2:11: server.threads must be an integer");
  EXPECT_EQ(config_.LoadTomlText("log = { json = 1 }\n", "s.toml").message(),
            "s.toml:1:16: log.json must be a boolean");
  EXPECT_EQ(config_.LoadTomlText("[server]\nlisten = [\"a\"]\n", "s.toml").message(),
            "s.toml:2:10: server.listen must be a string");
}

TEST_F(ConfigTest, ALayerWithAnErrorChangesNothing) {
  ASSERT_TRUE(config_.LoadTomlText("[server]\nthreads = 8\n", "a.toml").ok());
  EXPECT_FALSE(config_.LoadTomlText("[server]\nthreads = 16\nlisten = 1\n", "b.toml").ok());
  EXPECT_EQ(*config_.GetInt("server.threads"), 8);
  ASSERT_TRUE(config_.ApplyEnvironment("KASSE_", {{"KASSE_SERVER_THREADS", "4"}}).ok());
  EXPECT_FALSE(config_.ApplyEnvironment("KASSE_", {{"KASSE_SERVER_THREADS", "5"}, {"KASSE_LOG_JSON", "yes"}}).ok());
  EXPECT_EQ(*config_.GetInt("server.threads"), 4);
}

TEST_F(ConfigTest, EnvironmentValuesOfTheWrongTypeAreErrorsNamingTheVariable) {
  Status status = config_.ApplyEnvironment("KASSE_", {{"KASSE_SERVER_THREADS", "four"}});
  EXPECT_TRUE(status.IsInvalidArgument());
  EXPECT_EQ(status.field(), "server.threads");
  EXPECT_EQ(status.message(), "server.threads must be an integer, got \"four\" (from KASSE_SERVER_THREADS)");
  for (const char* bad : {"", "4 ", "+4", "0x10", "99999999999999999999"}) {
    EXPECT_FALSE(config_.ApplyEnvironment("KASSE_", {{"KASSE_SERVER_THREADS", bad}}).ok()) << bad;
  }
  EXPECT_FALSE(config_.ApplyEnvironment("KASSE_", {{"KASSE_LOG_JSON", "TRUE"}}).ok());
}

TEST_F(ConfigTest, AFlagForAnUnknownKeyOrOfTheWrongTypeIsAnError) {
  Status unknown = config_.ApplyFlags({{"server.port", "80"}});
  EXPECT_TRUE(unknown.IsInvalidArgument());
  EXPECT_EQ(unknown.field(), "server.port");
  EXPECT_EQ(config_.ApplyFlags({{"log.json", "maybe"}}).message(),
            "log.json must be a boolean, got \"maybe\" (from the command line)");
}

TEST_F(ConfigTest, GettingAnUnknownKeyOrWithTheWrongTypeIsAnError) {
  EXPECT_TRUE(config_.GetString("server.port").status().IsNotFound());
  Status wrong = config_.GetString("server.threads").status();
  EXPECT_TRUE(wrong.IsInvalidArgument());
  EXPECT_EQ(wrong.message(), "server.threads is an integer, not a string");
  EXPECT_TRUE(config_.GetBool("server.listen").status().IsInvalidArgument());
  EXPECT_TRUE(config_.GetInt("log.json").status().IsInvalidArgument());
}

TEST_F(ConfigTest, UnknownEnvironmentVariablesAreIgnored) {
  EXPECT_TRUE(config_.ApplyEnvironment("KASSE_", {{"KASSE_SERVER_PORT", "x"}, {"HOME", "/root"}}).ok());
}

TEST_F(ConfigTest, DefaultsApplyWhenNoLayerSetsAKey) {
  EXPECT_EQ(*config_.GetString("server.listen"), "0.0.0.0:8080");
  EXPECT_EQ(*config_.GetInt("server.threads"), 2);
  EXPECT_TRUE(*config_.GetBool("log.json"));
  EXPECT_EQ(config_.SourceOf("server.listen"), ConfigSource::kDefault);
}

TEST_F(ConfigTest, FlagsOverrideEnvironmentOverridesFileOverridesDefault) {
  std::string path = WriteFile(
      "# kasse server\n[server]\nlisten = \"10.0.0.1:80\"\nthreads = 4\ndata_dir = \"/srv/kasse\"\n"
      "[log]\njson = false\n");
  // Applied in reverse order on purpose: precedence does not depend on it.
  ASSERT_TRUE(config_.ApplyFlags({{"server.listen", "127.0.0.1:9000"}}).ok());
  ASSERT_TRUE(config_
                  .ApplyEnvironment(
                      "KASSE_",
                      {{"KASSE_SERVER_LISTEN", "10.0.0.2:81"}, {"KASSE_SERVER_THREADS", "-1"}, {"KASSE_LOG_JSON", "1"}})
                  .ok());
  ASSERT_TRUE(config_.LoadToml(path).ok());

  EXPECT_EQ(*config_.GetString("server.listen"), "127.0.0.1:9000");
  EXPECT_EQ(config_.SourceOf("server.listen"), ConfigSource::kFlag);
  EXPECT_EQ(*config_.GetInt("server.threads"), -1);
  EXPECT_EQ(config_.SourceOf("server.threads"), ConfigSource::kEnvironment);
  EXPECT_TRUE(*config_.GetBool("log.json"));
  EXPECT_EQ(*config_.GetString("server.data_dir"), "/srv/kasse");
  EXPECT_EQ(config_.SourceOf("server.data_dir"), ConfigSource::kFile);
  EXPECT_EQ(*config_.GetString("log.level"), "info");
  EXPECT_EQ(config_.SourceOf("log.level"), ConfigSource::kDefault);
}

TEST_F(ConfigTest, DottedKeysAndInlineTablesFlattenLikeSections) {
  ASSERT_TRUE(config_.LoadTomlText("server.threads = 3\nlog = { level = \"warn\" }\n", "s.toml").ok());
  EXPECT_EQ(*config_.GetInt("server.threads"), 3);
  EXPECT_EQ(*config_.GetString("log.level"), "warn");
}

TEST(ProcessEnvironmentTest, ReadsVariablesWithThePrefix) {
  ASSERT_EQ(setenv("KASSE_OPS_TEST_VAR", "a=b", 1), 0);
  std::map<std::string, std::string> environment = ProcessEnvironment("KASSE_OPS_TEST_");
  EXPECT_EQ(environment, (std::map<std::string, std::string>{{"KASSE_OPS_TEST_VAR", "a=b"}}));
  unsetenv("KASSE_OPS_TEST_VAR");
}

}  // namespace
}  // namespace kasse::ops
