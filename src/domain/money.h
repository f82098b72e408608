// Money: an amount in euro, held as an integer number of cents.
//
// Never floating point. Parsing accepts the forms a person or a file writes:
// "12.34" and German "12,34", "-2.49", "12", "12,5" (= 12.50). It rejects digit
// grouping ("1.234,56"), more than two decimals, stray characters, and values
// beyond kMax. Formatting writes a '.' ("12.34", the TSE/processData form) or a
// ',' (German receipts and CSV exports) and never groups digits.
//
// Arithmetic is exact. +, - and unary - throw std::overflow_error on int64
// overflow: amounts are bounded by validation (see receipt_limits.h) long before
// that, so reaching it is a bug, not an expected failure.
//
// Thread-safety: a value type.
#pragma once

#include <compare>
#include <cstdint>
#include <string>
#include <string_view>

#include "base/result.h"

namespace kasse {

class Money {
 public:
  // The largest magnitude Parse accepts: 10^15 euro, far beyond any real amount
  // and far enough from INT64_MAX that sums of many such values cannot overflow.
  static constexpr int64_t kMaxCents = 100'000'000'000'000'000;

  constexpr Money() = default;
  static constexpr Money FromCents(int64_t cents) { return Money(cents); }
  static constexpr Money Zero() { return Money(0); }

  // Parses "12.34" or "12,34" (either separator, at most two decimals).
  // The error's field is empty; the caller adds it with WithFieldPrefix.
  static Result<Money> Parse(std::string_view text);

  constexpr int64_t cents() const { return cents_; }
  constexpr bool is_zero() const { return cents_ == 0; }
  constexpr bool is_negative() const { return cents_ < 0; }
  constexpr bool is_positive() const { return cents_ > 0; }

  std::string ToString() const;        // "12.34", "-2.49", "0.00"
  std::string ToGermanString() const;  // "12,34", "-2,49", "0,00"

  Money operator-() const;
  Money& operator+=(Money other);
  Money& operator-=(Money other);
  friend Money operator+(Money a, Money b) { return a += b; }
  friend Money operator-(Money a, Money b) { return a -= b; }

  friend constexpr auto operator<=>(Money, Money) = default;

 private:
  constexpr explicit Money(int64_t cents) : cents_(cents) {}

  int64_t cents_ = 0;
};

// |amount|
Money Abs(Money amount);

}  // namespace kasse
