#include "base/status.h"

namespace kasse {

std::string_view CodeName(Status::Code code) {
  switch (code) {
    case Status::Code::kOk: return "OK";
    case Status::Code::kInvalidArgument: return "INVALID_ARGUMENT";
    case Status::Code::kNotFound: return "NOT_FOUND";
    case Status::Code::kConflict: return "CONFLICT";
    case Status::Code::kOutOfRange: return "OUT_OF_RANGE";
    case Status::Code::kUnavailable: return "UNAVAILABLE";
    case Status::Code::kUnauthenticated: return "UNAUTHENTICATED";
    case Status::Code::kPermissionDenied: return "PERMISSION_DENIED";
    case Status::Code::kInternal: return "INTERNAL";
  }
  return "UNKNOWN";
}

std::string IndexedField(std::string_view name, size_t index) {
  return std::string(name) + "[" + std::to_string(index) + "]";
}

Status Status::WithFieldPrefix(std::string_view prefix) const {
  if (ok()) return *this;
  Status copy = *this;
  if (field_.empty()) {
    copy.field_ = std::string(prefix);
  } else if (field_.front() == '[') {
    copy.field_ = std::string(prefix) + field_;
  } else {
    copy.field_ = std::string(prefix) + "." + field_;
  }
  return copy;
}

std::string Status::ToString() const {
  if (ok()) return "OK";
  std::string out(CodeName(code_));
  out += ' ';
  if (!field_.empty()) {
    out += field_;
    out += ": ";
  }
  out += message_;
  return out;
}

}  // namespace kasse
