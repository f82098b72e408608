#include "journal/detail/json_reader.h"

namespace kasse::journal::detail {

JsonReader::JsonReader(const nlohmann::json& value, std::string path) : value_(value), path_(std::move(path)) {
  if (!value_.is_object()) status_ = Status::InvalidArgument(path_, "must be a JSON object");
}

std::string JsonReader::PathOf(std::string_view name) const {
  if (path_.empty()) return std::string(name);
  if (name.empty()) return path_;
  return path_ + "." + std::string(name);
}

void JsonReader::Fail(std::string_view name, std::string_view message) {
  if (status_.ok()) status_ = Status::InvalidArgument(PathOf(name), message);
}

void JsonReader::Absorb(const Status& nested) {
  if (status_.ok() && !nested.ok()) status_ = nested;
}

const nlohmann::json* JsonReader::Member(std::string_view name, bool optional) {
  if (!status_.ok()) return nullptr;
  seen_.emplace(name);
  auto it = value_.find(name);
  if (it == value_.end() || it->is_null()) {
    if (!optional) Fail(name, "is required");
    return nullptr;
  }
  return &*it;
}

int64_t JsonReader::Int(std::string_view name) {
  const nlohmann::json* member = Member(name, false);
  if (member == nullptr) return 0;
  if (!member->is_number_integer()) {
    Fail(name, "must be an integer");
    return 0;
  }
  if (member->is_number_unsigned() && member->get<uint64_t>() > static_cast<uint64_t>(INT64_MAX)) {
    Fail(name, "is too large");
    return 0;
  }
  return member->get<int64_t>();
}

std::optional<int64_t> JsonReader::OptionalInt(std::string_view name) {
  if (!status_.ok()) return std::nullopt;
  auto it = value_.find(name);
  if (it == value_.end() || it->is_null()) {
    seen_.emplace(name);
    return std::nullopt;
  }
  return Int(name);
}

std::string JsonReader::String(std::string_view name) {
  const nlohmann::json* member = Member(name, false);
  if (member == nullptr) return {};
  if (!member->is_string()) {
    Fail(name, "must be a string");
    return {};
  }
  return member->get<std::string>();
}

std::string JsonReader::OptionalString(std::string_view name) {
  if (!status_.ok()) return {};
  auto it = value_.find(name);
  if (it == value_.end() || it->is_null()) {
    seen_.emplace(name);
    return {};
  }
  return String(name);
}

bool JsonReader::Bool(std::string_view name, bool absent_value) {
  const nlohmann::json* member = Member(name, true);
  if (member == nullptr) return absent_value;
  if (!member->is_boolean()) {
    Fail(name, "must be true or false");
    return absent_value;
  }
  return member->get<bool>();
}

const nlohmann::json* JsonReader::Object(std::string_view name, bool optional) {
  const nlohmann::json* member = Member(name, optional);
  if (member != nullptr && !member->is_object()) {
    Fail(name, "must be a JSON object");
    return nullptr;
  }
  return member;
}

const nlohmann::json* JsonReader::Array(std::string_view name) {
  const nlohmann::json* member = Member(name, false);
  if (member != nullptr && !member->is_array()) {
    Fail(name, "must be a JSON array");
    return nullptr;
  }
  return member;
}

Status JsonReader::Finish() {
  if (!status_.ok()) return status_;
  for (const auto& [key, unused] : value_.items()) {
    if (!seen_.contains(key)) {
      Fail(key, "is not a known field");
      break;
    }
  }
  return status_;
}

}  // namespace kasse::journal::detail
