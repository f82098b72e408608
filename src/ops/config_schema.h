// ConfigSchema: every setting `kasse server` knows, with its type, default and a
// one-line description, so the loader can refuse unknown keys and wrong types and
// `kasse server --help` and the docs can list them.
//
//   ConfigSchema schema;
//   schema.String("server.listen", "0.0.0.0:8080", "Address and port of the HTTP server.")
//       .Int("server.threads", 2, "Worker threads.")
//       .Bool("log.json", true, "Write logs as JSON lines.");
//
// Keys are "section.key" (lower-case letters, digits and '_' in each part, at least
// two parts); each key is also reachable as an environment variable, the prefix
// plus the key in upper case with '.' as '_' ("KASSE_SERVER_LISTEN"). A malformed
// or repeated key, or two keys with the same environment name, are programming
// errors: the builder throws std::invalid_argument.
//
// Thread-safety: build it on one thread; afterwards the const methods may run on any.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace kasse::ops {

enum class ConfigType { kString, kInt, kBool };

using ConfigValue = std::variant<std::string, int64_t, bool>;  // alternatives in ConfigType order

struct ConfigKeySpec {
  std::string key;  // "server.listen"
  ConfigValue default_value;
  std::string description;

  ConfigType type() const { return static_cast<ConfigType>(default_value.index()); }
};

// "a string", "an integer", "a boolean": for messages such as "server.threads must be an integer".
std::string_view ConfigTypeNoun(ConfigType type);
// A value as it would be written in TOML: "\"0.0.0.0:8080\"", "2", "true".
std::string FormatConfigValue(const ConfigValue& value);
// "KASSE_SERVER_LISTEN" for prefix "KASSE_" and key "server.listen".
std::string EnvironmentName(std::string_view prefix, std::string_view key);

class ConfigSchema {
 public:
  ConfigSchema& String(std::string key, std::string default_value, std::string description);
  ConfigSchema& Int(std::string key, int64_t default_value, std::string description);
  ConfigSchema& Bool(std::string key, bool default_value, std::string description);

  // The key's spec, or nullptr when the schema does not know it.
  const ConfigKeySpec* Find(std::string_view key) const;
  const std::vector<ConfigKeySpec>& keys() const { return keys_; }

  // One line per key, in the order added, for --help:
  //   server.listen = "0.0.0.0:8080"  (KASSE_SERVER_LISTEN)  Address and port of the HTTP server.
  std::string Describe(std::string_view env_prefix) const;

 private:
  ConfigSchema& Add(std::string key, ConfigValue default_value, std::string description);

  std::vector<ConfigKeySpec> keys_;
};

}  // namespace kasse::ops
