// Status: the outcome of an operation that can fail in an expected way.
//
// Expected failures (bad input, unknown ID, duplicate, offline) are values, not
// exceptions. A Status is either OK or carries a code, the name of the offending
// field (a path such as "lines[2].unit_price", may be empty) and a message meant
// for the person who sent the input. Errors become HTTP responses in one place,
// which maps Code to a status code and serialises {code, message, field}.
//
// Thread-safety: a value type; distinct objects may be used from any thread.
#pragma once

#include <string>
#include <string_view>

namespace kasse {

class [[nodiscard]] Status {
 public:
  enum class Code {
    kOk,
    kInvalidArgument,   // the input is malformed or violates a rule
    kNotFound,          // a referenced ID does not exist
    kConflict,          // the input clashes with existing state
    kOutOfRange,        // a value is too large to represent
    kUnavailable,       // a dependency (network, TSE, database) is down
    kUnauthenticated,   // no credential, or one that is not valid
    kPermissionDenied,  // a valid credential that may not do this
    kInternal,          // a bug or broken invariant
  };

  Status() = default;  // OK

  static Status Ok() { return Status(); }
  static Status InvalidArgument(std::string_view field, std::string_view message) {
    return Status(Code::kInvalidArgument, field, message);
  }
  static Status NotFound(std::string_view field, std::string_view message) {
    return Status(Code::kNotFound, field, message);
  }
  static Status Conflict(std::string_view field, std::string_view message) {
    return Status(Code::kConflict, field, message);
  }
  static Status OutOfRange(std::string_view field, std::string_view message) {
    return Status(Code::kOutOfRange, field, message);
  }
  static Status Unavailable(std::string_view message) { return Status(Code::kUnavailable, "", message); }
  static Status Unauthenticated(std::string_view message) {
    return Status(Code::kUnauthenticated, "authorization", message);
  }
  static Status PermissionDenied(std::string_view message) {
    return Status(Code::kPermissionDenied, "authorization", message);
  }
  static Status Internal(std::string_view message) { return Status(Code::kInternal, "", message); }

  bool ok() const { return code_ == Code::kOk; }
  bool IsInvalidArgument() const { return code_ == Code::kInvalidArgument; }
  bool IsNotFound() const { return code_ == Code::kNotFound; }
  bool IsConflict() const { return code_ == Code::kConflict; }
  bool IsOutOfRange() const { return code_ == Code::kOutOfRange; }
  bool IsUnavailable() const { return code_ == Code::kUnavailable; }
  bool IsUnauthenticated() const { return code_ == Code::kUnauthenticated; }
  bool IsPermissionDenied() const { return code_ == Code::kPermissionDenied; }

  Code code() const { return code_; }
  const std::string& field() const { return field_; }
  const std::string& message() const { return message_; }

  // Returns a copy whose field path is `prefix` + "." + field (or just `prefix`),
  // so a nested validator can report "lines[2].quantity" without knowing its index.
  Status WithFieldPrefix(std::string_view prefix) const;

  // "INVALID_ARGUMENT lines[2].unit_price: must not be negative", or "OK".
  std::string ToString() const;

  friend bool operator==(const Status&, const Status&) = default;

 private:
  Status(Code code, std::string_view field, std::string_view message) : code_(code), field_(field), message_(message) {}

  Code code_ = Code::kOk;
  std::string field_;
  std::string message_;
};

// Stable machine-readable name of a code, as used in the API's error JSON.
std::string_view CodeName(Status::Code code);

// "lines[2]": the field path of one element of a list.
std::string IndexedField(std::string_view name, size_t index);

}  // namespace kasse
