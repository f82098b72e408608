#include "domain/money.h"

#include <stdexcept>

#include "domain/detail/fixed_point.h"

namespace kasse {

Result<Money> Money::Parse(std::string_view text) {
  Result<int64_t> cents = ParseFixedPoint(text, 2, kMaxCents);
  if (!cents.ok()) return cents.status();
  return Money(*cents);
}

std::string Money::ToString() const { return FormatFixedPoint(cents_, 2, '.'); }
std::string Money::ToGermanString() const { return FormatFixedPoint(cents_, 2, ','); }

Money Money::operator-() const {
  int64_t negated = 0;
  if (__builtin_sub_overflow(int64_t{0}, cents_, &negated)) throw std::overflow_error("Money negation overflows");
  return Money(negated);
}

Money& Money::operator+=(Money other) {
  int64_t sum = 0;
  if (__builtin_add_overflow(cents_, other.cents_, &sum)) throw std::overflow_error("Money addition overflows");
  cents_ = sum;
  return *this;
}

Money& Money::operator-=(Money other) {
  int64_t difference = 0;
  if (__builtin_sub_overflow(cents_, other.cents_, &difference)) {
    throw std::overflow_error("Money subtraction overflows");
  }
  cents_ = difference;
  return *this;
}

Money Abs(Money amount) { return amount.is_negative() ? -amount : amount; }

}  // namespace kasse
