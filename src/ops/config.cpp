#include "ops/config.h"

#include <algorithm>
#include <charconv>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <toml++/toml.h>
#include <tuple>
#include <vector>

extern char** environ;  // NOLINT(readability-identifier-naming): POSIX

namespace kasse::ops {
namespace {

struct Problem {
  toml::source_position position;
  std::string key;
  std::string message;  // empty for an unknown key
};

std::string At(std::string_view source_name, const toml::source_position& position) {
  return std::string(source_name) + ":" + std::to_string(position.line) + ":" + std::to_string(position.column);
}

std::optional<ConfigValue> ValueOfType(const toml::node& node, ConfigType type) {
  switch (type) {
    case ConfigType::kString:
      if (const auto* text = node.as_string()) return ConfigValue(text->get());
      break;
    case ConfigType::kInt:
      if (const auto* number = node.as_integer()) return ConfigValue(number->get());
      break;
    case ConfigType::kBool:
      if (const auto* flag = node.as_boolean()) return ConfigValue(flag->get());
      break;
  }
  return std::nullopt;
}

// Flattens `table` into `layer`, collecting unknown keys and wrong types.
void Flatten(const toml::table& table, const std::string& prefix, const ConfigSchema& schema,
             std::map<std::string, ConfigValue, std::less<>>& layer, std::vector<Problem>& problems) {
  for (const auto& [name, node] : table) {
    std::string key = prefix.empty() ? std::string(name.str()) : prefix + "." + std::string(name.str());
    if (const auto* nested = node.as_table()) {
      Flatten(*nested, key, schema, layer, problems);
      continue;
    }
    const ConfigKeySpec* spec = schema.Find(key);
    if (spec == nullptr) {
      problems.push_back(Problem{node.source().begin, key, ""});
      continue;
    }
    std::optional<ConfigValue> value = ValueOfType(node, spec->type());
    if (!value) {
      problems.push_back(
          Problem{node.source().begin, key, key + " must be " + std::string(ConfigTypeNoun(spec->type()))});
      continue;
    }
    layer[key] = std::move(*value);
  }
}

Status ErrorOf(std::vector<Problem> problems, std::string_view source_name) {
  std::sort(problems.begin(), problems.end(), [](const Problem& a, const Problem& b) {
    return std::tie(a.position.line, a.position.column) < std::tie(b.position.line, b.position.column);
  });
  std::vector<const Problem*> unknown;
  for (const Problem& problem : problems) {
    if (problem.message.empty()) unknown.push_back(&problem);
  }
  if (unknown.size() == 1) {
    return Status::InvalidArgument(unknown[0]->key,
                                   At(source_name, unknown[0]->position) + ": unknown setting " + unknown[0]->key);
  }
  if (!unknown.empty()) {
    std::string message = std::string(source_name) + ": unknown settings ";
    for (const Problem* problem : unknown) {
      if (problem != unknown.front()) message += ", ";
      message += problem->key + " (line " + std::to_string(problem->position.line) + ")";
    }
    return Status::InvalidArgument(unknown[0]->key, message);
  }
  const Problem& first = problems.front();
  return Status::InvalidArgument(first.key, At(source_name, first.position) + ": " + first.message);
}

Result<ConfigValue> ParseText(const ConfigKeySpec& spec, std::string_view text, std::string_view origin) {
  switch (spec.type()) {
    case ConfigType::kString: return ConfigValue(std::string(text));
    case ConfigType::kInt: {
      int64_t number = 0;
      auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), number);
      if (!text.empty() && error == std::errc() && end == text.data() + text.size()) return ConfigValue(number);
      break;
    }
    case ConfigType::kBool:
      if (text == "true" || text == "1") return ConfigValue(true);
      if (text == "false" || text == "0") return ConfigValue(false);
      break;
  }
  return Status::InvalidArgument(spec.key, spec.key + " must be " + std::string(ConfigTypeNoun(spec.type())) +
                                               ", got \"" + std::string(text) + "\" (from " + std::string(origin) +
                                               ")");
}

}  // namespace

Status ConfigLayers::LoadToml(const std::string& path) {
  std::error_code error;
  bool exists = std::filesystem::exists(path, error);
  if (error) return Status::Unavailable("cannot read config file " + path + ": " + error.message());
  if (!exists) return Status::NotFound("", "config file " + path + " not found");
  if (!std::filesystem::is_regular_file(path, error)) {
    return Status::InvalidArgument("", "config file " + path + " is not a regular file");
  }
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  if (!in || !text) return Status::Unavailable("cannot read config file " + path);
  return LoadTomlText(text.str(), path);
}

Status ConfigLayers::LoadTomlText(std::string_view text, std::string_view source_name) {
  toml::table table;
  try {
    table = toml::parse(text, source_name);
  } catch (const toml::parse_error& error) {
    return Status::InvalidArgument("", At(source_name, error.source().begin) + ": " + std::string(error.description()));
  }
  Layer layer;
  std::vector<Problem> problems;
  Flatten(table, "", schema_, layer, problems);
  if (!problems.empty()) return ErrorOf(std::move(problems), source_name);
  file_ = std::move(layer);
  return Status::Ok();
}

Status ConfigLayers::ApplyEnvironment(std::string_view prefix, const std::map<std::string, std::string>& environment) {
  Layer layer;
  for (const ConfigKeySpec& spec : schema_.keys()) {
    std::string name = EnvironmentName(prefix, spec.key);
    auto found = environment.find(name);
    if (found == environment.end()) continue;
    Result<ConfigValue> value = ParseText(spec, found->second, name);
    if (!value.ok()) return value.status();
    layer[spec.key] = std::move(*value);
  }
  environment_ = std::move(layer);
  return Status::Ok();
}

Status ConfigLayers::ApplyFlags(const std::map<std::string, std::string>& flags) {
  Layer layer;
  for (const auto& [key, text] : flags) {
    const ConfigKeySpec* spec = schema_.Find(key);
    if (spec == nullptr) return Status::InvalidArgument(key, "unknown setting " + key);
    Result<ConfigValue> value = ParseText(*spec, text, "the command line");
    if (!value.ok()) return value.status();
    layer[key] = std::move(*value);
  }
  flags_ = std::move(layer);
  return Status::Ok();
}

Result<ConfigValue> ConfigLayers::Get(std::string_view key, ConfigType type) const {
  const ConfigKeySpec* spec = schema_.Find(key);
  if (spec == nullptr) return Status::NotFound(key, "unknown setting " + std::string(key));
  if (spec->type() != type) {
    return Status::InvalidArgument(key, spec->key + " is " + std::string(ConfigTypeNoun(spec->type())) + ", not " +
                                            std::string(ConfigTypeNoun(type)));
  }
  for (const Layer* layer : {&flags_, &environment_, &file_}) {
    auto found = layer->find(key);
    if (found != layer->end()) return found->second;
  }
  return spec->default_value;
}

Result<std::string> ConfigLayers::GetString(std::string_view key) const {
  Result<ConfigValue> value = Get(key, ConfigType::kString);
  if (!value.ok()) return value.status();
  return std::get<std::string>(*value);
}

Result<int64_t> ConfigLayers::GetInt(std::string_view key) const {
  Result<ConfigValue> value = Get(key, ConfigType::kInt);
  if (!value.ok()) return value.status();
  return std::get<int64_t>(*value);
}

Result<bool> ConfigLayers::GetBool(std::string_view key) const {
  Result<ConfigValue> value = Get(key, ConfigType::kBool);
  if (!value.ok()) return value.status();
  return std::get<bool>(*value);
}

ConfigSource ConfigLayers::SourceOf(std::string_view key) const {
  if (flags_.contains(key)) return ConfigSource::kFlag;
  if (environment_.contains(key)) return ConfigSource::kEnvironment;
  if (file_.contains(key)) return ConfigSource::kFile;
  return ConfigSource::kDefault;
}

std::map<std::string, std::string> ProcessEnvironment(std::string_view prefix) {
  std::map<std::string, std::string> variables;
  for (char** entry = environ; *entry != nullptr; ++entry) {
    std::string_view text(*entry);
    size_t equals = text.find('=');
    if (equals == std::string_view::npos || !text.starts_with(prefix)) continue;
    variables.emplace(text.substr(0, equals), text.substr(equals + 1));
  }
  return variables;
}

}  // namespace kasse::ops
