// Gtin: a Global Trade Item Number (GTIN-8, -12, -13 or -14) with a valid check digit.
//
// The check digit is the GS1 mod-10 digit: weights 3,1,3,… from the right over
// the other digits, and the digit that brings the sum to a multiple of ten.
// EAN-13 numbers with prefix 20–29 are restricted-circulation numbers a store
// assigns itself; InStoreEanRules decodes the price or weight some of them carry.
//
// Thread-safety: a value type.
#pragma once

#include <compare>
#include <string>
#include <string_view>

#include "base/result.h"

namespace kasse {

class Gtin {
 public:
  // Accepts exactly 8, 12, 13 or 14 digits whose last digit is the check digit.
  static Result<Gtin> Parse(std::string_view digits);

  // The check digit for `digits` (the number without its check digit, 1–17 digits).
  static int CheckDigit(std::string_view digits);

  const std::string& digits() const { return digits_; }
  // Zero-padded to 14 digits, the form GS1 compares GTINs in.
  std::string ToGtin14() const;
  // EAN-13 with prefix 20–29.
  bool IsRestrictedCirculation() const;

  friend auto operator<=>(const Gtin&, const Gtin&) = default;

 private:
  explicit Gtin(std::string digits) : digits_(std::move(digits)) {}
  std::string digits_;
};

}  // namespace kasse
