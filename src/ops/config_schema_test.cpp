#include "ops/config_schema.h"

#include <stdexcept>

#include <gtest/gtest.h>

namespace kasse::ops {
namespace {

TEST(ConfigSchemaTest, MalformedKeysAreAProgrammingError) {
  for (const char* key :
       {"", "listen", "server.", ".listen", "Server.listen", "server.listen-port", "server..x", "server.1x"}) {
    EXPECT_THROW(ConfigSchema().String(key, "", ""), std::invalid_argument) << key;
  }
}

TEST(ConfigSchemaTest, KeysWithTheSameEnvironmentNameAreAProgrammingError) {
  ConfigSchema schema;
  schema.String("server.data_dir", "", "");
  EXPECT_THROW(schema.String("server.data_dir", "", ""), std::invalid_argument);
  EXPECT_THROW(schema.String("server.data.dir", "", ""), std::invalid_argument);
}

TEST(ConfigSchemaTest, KnowsItsKeysWithTypeAndDefault) {
  ConfigSchema schema;
  schema.String("server.listen", "0.0.0.0:8080", "Address.").Int("server.threads", 2, "Threads.");
  const ConfigKeySpec* threads = schema.Find("server.threads");
  ASSERT_NE(threads, nullptr);
  EXPECT_EQ(threads->type(), ConfigType::kInt);
  EXPECT_EQ(threads->default_value, ConfigValue(int64_t{2}));
  EXPECT_EQ(schema.Find("server.thread"), nullptr);
}

TEST(ConfigSchemaTest, DescribesEveryKeyOnOneLine) {
  ConfigSchema schema;
  schema.String("server.listen", "0.0.0.0:8080", "Address and port of the HTTP server.")
      .Int("server.threads", 2, "Worker threads.")
      .Bool("log.json", true, "Write logs as JSON lines.");
  EXPECT_EQ(schema.Describe("KASSE_"),
            "server.listen = \"0.0.0.0:8080\"  (KASSE_SERVER_LISTEN)  Address and port of the HTTP server.\n"
            "server.threads = 2  (KASSE_SERVER_THREADS)  Worker threads.\n"
            "log.json = true  (KASSE_LOG_JSON)  Write logs as JSON lines.\n");
}

}  // namespace
}  // namespace kasse::ops
