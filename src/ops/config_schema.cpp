#include "ops/config_schema.h"

#include <algorithm>
#include <stdexcept>

namespace kasse::ops {
namespace {

bool IsValidPart(std::string_view part) {
  if (part.empty() || !(part[0] >= 'a' && part[0] <= 'z')) return false;
  return std::all_of(part.begin(), part.end(),
                     [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'; });
}

bool IsValidKey(std::string_view key) {
  size_t parts = 0;
  while (true) {
    size_t dot = key.find('.');
    if (!IsValidPart(key.substr(0, dot))) return false;
    ++parts;
    if (dot == std::string_view::npos) return parts >= 2;
    key.remove_prefix(dot + 1);
  }
}

}  // namespace

std::string_view ConfigTypeNoun(ConfigType type) {
  switch (type) {
    case ConfigType::kString: return "a string";
    case ConfigType::kInt: return "an integer";
    case ConfigType::kBool: return "a boolean";
  }
  return "a value";
}

std::string FormatConfigValue(const ConfigValue& value) {
  if (const auto* text = std::get_if<std::string>(&value)) return "\"" + *text + "\"";
  if (const auto* number = std::get_if<int64_t>(&value)) return std::to_string(*number);
  return std::get<bool>(value) ? "true" : "false";
}

std::string EnvironmentName(std::string_view prefix, std::string_view key) {
  std::string name(prefix);
  for (char c : key) name += c == '.' ? '_' : static_cast<char>(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c);
  return name;
}

ConfigSchema& ConfigSchema::String(std::string key, std::string default_value, std::string description) {
  return Add(std::move(key), ConfigValue(std::move(default_value)), std::move(description));
}

ConfigSchema& ConfigSchema::Int(std::string key, int64_t default_value, std::string description) {
  return Add(std::move(key), ConfigValue(default_value), std::move(description));
}

ConfigSchema& ConfigSchema::Bool(std::string key, bool default_value, std::string description) {
  return Add(std::move(key), ConfigValue(default_value), std::move(description));
}

ConfigSchema& ConfigSchema::Add(std::string key, ConfigValue default_value, std::string description) {
  if (!IsValidKey(key)) throw std::invalid_argument("invalid config key \"" + key + "\"");
  for (const ConfigKeySpec& known : keys_) {
    if (EnvironmentName("", known.key) == EnvironmentName("", key)) {
      throw std::invalid_argument("config key " + key + " clashes with " + known.key);
    }
  }
  keys_.push_back(ConfigKeySpec{std::move(key), std::move(default_value), std::move(description)});
  return *this;
}

const ConfigKeySpec* ConfigSchema::Find(std::string_view key) const {
  auto found = std::find_if(keys_.begin(), keys_.end(), [&](const ConfigKeySpec& spec) { return spec.key == key; });
  return found == keys_.end() ? nullptr : &*found;
}

std::string ConfigSchema::Describe(std::string_view env_prefix) const {
  std::string out;
  for (const ConfigKeySpec& spec : keys_) {
    out += spec.key + " = " + FormatConfigValue(spec.default_value) + "  (" + EnvironmentName(env_prefix, spec.key) +
           ")  " + spec.description + "\n";
  }
  return out;
}

}  // namespace kasse::ops
