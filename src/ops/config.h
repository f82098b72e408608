// ConfigLayers: the settings of `kasse server`, layered. Later layers win,
// whatever order they are applied in:
//
//   schema default  <  TOML file  <  environment (KASSE_SERVER_LISTEN)  <  command-line flag
//
//   ConfigLayers config(schema);
//   KASSE_RETURN_IF_ERROR(config.LoadToml("/etc/kasse/server.toml"));
//   KASSE_RETURN_IF_ERROR(config.ApplyEnvironment("KASSE_", ProcessEnvironment()));
//   KASSE_RETURN_IF_ERROR(config.ApplyFlags({{"server.listen", "127.0.0.1:9000"}}));
//   Result<int64_t> threads = config.GetInt("server.threads");
//
// Every layer is checked against the ConfigSchema when applied; applying a layer
// again replaces it, and a layer with an error changes nothing:
//  - TOML: tables flatten to dotted keys ([server] listen = ... is "server.listen").
//    A syntax error is InvalidArgument "path:line:column: reason"; a key the schema
//    does not know is InvalidArgument naming every such key; a value of the wrong
//    type is InvalidArgument "path:line:column: server.threads must be an integer".
//    A missing file is NotFound, an unreadable one Unavailable.
//  - Environment and flags carry text, read by the key's type: integers in decimal,
//    booleans as true/false/1/0. The environment is shared with other programs, so
//    variables with the prefix that name no key are ignored; a flag that names no
//    key is InvalidArgument.
// Errors carry the dotted key as their field when there is one.
//
// Thread-safety: apply the layers on one thread; afterwards the const getters may
// run on any.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>

#include "base/result.h"
#include "ops/config_schema.h"

namespace kasse::ops {

enum class ConfigSource { kDefault, kFile, kEnvironment, kFlag };

class ConfigLayers {
 public:
  explicit ConfigLayers(ConfigSchema schema) : schema_(std::move(schema)) {}

  Status LoadToml(const std::string& path);
  // The same for TOML text already read; `source_name` stands in for the path in errors.
  Status LoadTomlText(std::string_view text, std::string_view source_name);
  // `environment`: variable name → value, e.g. ProcessEnvironment().
  Status ApplyEnvironment(std::string_view prefix, const std::map<std::string, std::string>& environment);
  // `flags`: dotted key → value as given on the command line.
  Status ApplyFlags(const std::map<std::string, std::string>& flags);

  // NotFound for a key the schema does not know; InvalidArgument when the key has
  // another type ("server.threads is an integer, not a string").
  Result<std::string> GetString(std::string_view key) const;
  Result<int64_t> GetInt(std::string_view key) const;
  Result<bool> GetBool(std::string_view key) const;
  // Which layer the current value of a known key comes from.
  ConfigSource SourceOf(std::string_view key) const;

  const ConfigSchema& schema() const { return schema_; }

 private:
  using Layer = std::map<std::string, ConfigValue, std::less<>>;

  Result<ConfigValue> Get(std::string_view key, ConfigType type) const;

  ConfigSchema schema_;
  Layer file_;
  Layer environment_;
  Layer flags_;
};

// The variables of this process whose names start with `prefix` (all when empty).
// Reads `environ`: call it at start-up, before threads that might call setenv.
std::map<std::string, std::string> ProcessEnvironment(std::string_view prefix = "");

}  // namespace kasse::ops
