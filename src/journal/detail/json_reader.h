// JsonReader: strict, path-aware access to a parsed JSON object (nlohmann::json),
// for decoding untrusted input into domain values with errors that name the field.
//
//   JsonReader r(json, "receipt");
//   int64_t n = r.Int("receipt_number");      // records "receipt.receipt_number: …" on failure
//   if (!r.ok()) return r.status();
//
// The first failure is kept and later calls return defaults, so decoders read
// straight through and check once. Unknown members are an error (a typo must not
// pass silently); call Finish() after reading every known member.
//
// Thread-safety: one reader per thread.
#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "base/status.h"

namespace kasse::journal::detail {

class JsonReader {
 public:
  // `value` must outlive the reader. `path` prefixes every field name in errors.
  JsonReader(const nlohmann::json& value, std::string path);

  bool ok() const { return status_.ok(); }
  const Status& status() const { return status_; }
  const std::string& path() const { return path_; }

  int64_t Int(std::string_view name);
  std::optional<int64_t> OptionalInt(std::string_view name);
  std::string String(std::string_view name);
  std::string OptionalString(std::string_view name);  // "" when absent
  bool Bool(std::string_view name, bool absent_value);
  // A nested object or array; nullptr (and an error unless optional) when absent or of another type.
  const nlohmann::json* Object(std::string_view name, bool optional = false);
  const nlohmann::json* Array(std::string_view name);

  // Records an error for `name` (relative to this reader's path) unless one is already kept.
  void Fail(std::string_view name, std::string_view message);
  // Adopts the first error of a nested decoder.
  void Absorb(const Status& nested);
  // Path of a member, for nested readers: "receipt.lines[2]".
  std::string PathOf(std::string_view name) const;
  // Reports members that were never read.
  Status Finish();

 private:
  const nlohmann::json* Member(std::string_view name, bool optional);

  const nlohmann::json& value_;
  std::string path_;
  std::set<std::string, std::less<>> seen_;
  Status status_;
};

}  // namespace kasse::journal::detail
