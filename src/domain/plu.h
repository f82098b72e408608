// Plu: a price look-up number, typed at the register or printed by a scale.
//
// A PLU has 1 to 5 digits (1–99999) and names an article in the store's own
// catalogue, e.g. 4011 for bananas (IFPS produce codes are 4 digits, 5 with a
// leading 9 for organic). Because a GTIN has at least 8 digits, any code of up
// to 5 digits is a PLU and longer codes are GTINs; nothing is ambiguous.
//
// Thread-safety: a value type.
#pragma once

#include <compare>
#include <string>
#include <string_view>

#include "base/result.h"

namespace kasse {

class Plu {
 public:
  static constexpr int kMaxDigits = 5;

  static Result<Plu> Parse(std::string_view digits);

  int value() const { return value_; }
  std::string ToString() const { return std::to_string(value_); }

  friend auto operator<=>(const Plu&, const Plu&) = default;

 private:
  explicit Plu(int value) : value_(value) {}
  int value_;
};

}  // namespace kasse
