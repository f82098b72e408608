#include "domain/detail/fixed_point.h"

#include "domain/text.h"

namespace kasse {
namespace {

Status Malformed(std::string_view text, int decimals) {
  return Status::InvalidArgument("", QuoteForMessage(text) + " is not a number with at most " +
                                         std::to_string(decimals) + " decimals like 12,5 or 12.5");
}

}  // namespace

Result<int64_t> ParseFixedPoint(std::string_view text, int decimals, int64_t max_magnitude) {
  std::string_view digits = text;
  bool negative = !digits.empty() && digits.front() == '-';
  if (negative) digits.remove_prefix(1);
  int64_t value = 0;
  int integer_digits = 0;
  int fraction_digits = -1;  // -1: no separator seen yet
  for (char c : digits) {
    if (c == '.' || c == ',') {
      if (fraction_digits >= 0) {
        return Status::InvalidArgument("", QuoteForMessage(text) +
                                               " has more than one decimal separator (digit grouping is "
                                               "not accepted)");
      }
      fraction_digits = 0;
      continue;
    }
    if (c < '0' || c > '9') return Malformed(text, decimals);
    if (fraction_digits >= 0 && ++fraction_digits > decimals) {
      return Status::InvalidArgument(
          "", QuoteForMessage(text) + " has more than " + std::to_string(decimals) + " decimals");
    }
    integer_digits += fraction_digits < 0 ? 1 : 0;
    value = value * 10 + (c - '0');
    if (value > max_magnitude)
      return Status::OutOfRange("", QuoteForMessage(text) + " is too large");  // scaling only grows it
  }
  if (integer_digits == 0 || fraction_digits == 0) return Malformed(text, decimals);
  for (int i = fraction_digits < 0 ? 0 : fraction_digits; i < decimals; ++i) {
    if (value > max_magnitude / 10) return Status::OutOfRange("", QuoteForMessage(text) + " is too large");
    value *= 10;
  }
  return negative ? -value : value;
}

std::string FormatFixedPoint(int64_t value, int decimals, char decimal_separator) {
  // The unsigned magnitude, so INT64_MIN formats too.
  uint64_t magnitude = value < 0 ? uint64_t{0} - static_cast<uint64_t>(value) : static_cast<uint64_t>(value);
  std::string fraction;
  for (int i = 0; i < decimals; ++i, magnitude /= 10)
    fraction.insert(fraction.begin(), static_cast<char>('0' + magnitude % 10));
  std::string out = (value < 0 ? "-" : "") + std::to_string(magnitude);
  if (decimals > 0) out += decimal_separator + fraction;
  return out;
}

}  // namespace kasse
