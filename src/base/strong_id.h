// StrongId<Tag>: a string identifier that cannot be mixed up with another kind.
//
// StoreId, RegisterId and friends are distinct types, so passing a register ID
// where a store ID is expected does not compile. The value is opaque text; which
// characters are allowed is checked where the ID enters the system.
//
// Thread-safety: a value type.
#pragma once

#include <compare>
#include <string>
#include <utility>

namespace kasse {

template <typename Tag>
class StrongId {
 public:
  StrongId() = default;
  explicit StrongId(std::string value) : value_(std::move(value)) {}

  const std::string& value() const { return value_; }
  bool empty() const { return value_.empty(); }

  friend auto operator<=>(const StrongId&, const StrongId&) = default;

 private:
  std::string value_;
};

}  // namespace kasse
