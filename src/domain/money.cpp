#include "domain/money.h"

#include <stdexcept>

namespace kasse {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

std::string Quoted(std::string_view text) { return "'" + std::string(text.substr(0, 40)) + "'"; }

Status TooLarge(std::string_view text) {
  return Status::OutOfRange("", Quoted(text) + " exceeds the largest amount Kasse accepts");
}

}  // namespace

Result<Money> Money::Parse(std::string_view text) {
  if (text.empty()) return Status::InvalidArgument("", "amount is empty");
  std::string_view rest = text;
  bool negative = false;
  if (rest.front() == '-') {
    negative = true;
    rest.remove_prefix(1);
  }
  int64_t cents = 0;
  int integer_digits = 0;
  int decimals = -1;  // -1: no separator seen yet
  for (char c : rest) {
    if (c == '.' || c == ',') {
      if (decimals >= 0) {
        return Status::InvalidArgument(
            "", Quoted(text) + " has more than one decimal separator (digit grouping is not accepted)");
      }
      decimals = 0;
      continue;
    }
    if (!IsDigit(c)) return Status::InvalidArgument("", Quoted(text) + " is not an amount like 12.34 or 12,34");
    if (decimals >= 0) {
      if (++decimals > 2) return Status::InvalidArgument("", Quoted(text) + " has more than two decimal places");
    } else {
      ++integer_digits;
    }
    cents = cents * 10 + (c - '0');
    if (cents > kMaxCents) return TooLarge(text);  // scaling below only grows it
  }
  if (integer_digits == 0)
    return Status::InvalidArgument("", Quoted(text) + " needs a digit before the decimal separator");
  if (decimals == 0) return Status::InvalidArgument("", Quoted(text) + " needs a digit after the decimal separator");
  for (int i = decimals < 0 ? 0 : decimals; i < 2; ++i) {
    if (cents > kMaxCents / 10) return TooLarge(text);
    cents *= 10;
  }
  return Money(negative ? -cents : cents);
}

std::string Money::Format(char decimal_separator) const {
  // Work on the unsigned magnitude so INT64_MIN formats correctly too.
  uint64_t magnitude = cents_ < 0 ? uint64_t{0} - static_cast<uint64_t>(cents_) : static_cast<uint64_t>(cents_);
  std::string out = std::to_string(magnitude / 100);
  out += decimal_separator;
  uint64_t fraction = magnitude % 100;
  out += static_cast<char>('0' + fraction / 10);
  out += static_cast<char>('0' + fraction % 10);
  return cents_ < 0 ? "-" + out : out;
}

std::string Money::ToString() const { return Format('.'); }
std::string Money::ToGermanString() const { return Format(','); }

Money Money::operator-() const {
  int64_t negated = 0;
  if (__builtin_sub_overflow(int64_t{0}, cents_, &negated)) throw std::overflow_error("Money negation overflows");
  return Money(negated);
}

Money& Money::operator+=(Money other) {
  if (__builtin_add_overflow(cents_, other.cents_, &cents_)) throw std::overflow_error("Money addition overflows");
  return *this;
}

Money& Money::operator-=(Money other) {
  if (__builtin_sub_overflow(cents_, other.cents_, &cents_)) throw std::overflow_error("Money subtraction overflows");
  return *this;
}

Money Abs(Money amount) { return amount.is_negative() ? -amount : amount; }

}  // namespace kasse
