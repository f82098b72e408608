#include "domain/quantity.h"

#include "domain/rounding.h"

namespace kasse {
namespace {

// Bounds the magnitude Parse accepts: a million units, more than any line holds.
constexpr int64_t kMaxParsedMilli = 1'000'000 * Quantity::kMilliPerUnit;

std::string Quoted(std::string_view text) { return "'" + std::string(text.substr(0, 40)) + "'"; }

}  // namespace

std::string_view UnitSymbol(Unit unit) {
  switch (unit) {
    case Unit::kPiece: return "Stück";
    case Unit::kKilogram: return "kg";
    case Unit::kLiter: return "l";
    case Unit::kMeter: return "m";
  }
  return "?";
}

bool IsWeighed(Unit unit) { return unit != Unit::kPiece; }

Result<Quantity> Quantity::Parse(std::string_view text, Unit unit) {
  if (text.empty()) return Status::InvalidArgument("", "quantity is empty");
  std::string_view rest = text;
  bool negative = false;
  if (rest.front() == '-') {
    negative = true;
    rest.remove_prefix(1);
  }
  int64_t milli = 0;
  int integer_digits = 0;
  int decimals = -1;
  for (char c : rest) {
    if (c == '.' || c == ',') {
      if (decimals >= 0) return Status::InvalidArgument("", Quoted(text) + " has more than one decimal separator");
      decimals = 0;
      continue;
    }
    if (c < '0' || c > '9') return Status::InvalidArgument("", Quoted(text) + " is not a quantity like 3 or 0,755");
    if (decimals >= 0) {
      if (++decimals > 3) return Status::InvalidArgument("", Quoted(text) + " has more than three decimal places");
    } else {
      ++integer_digits;
    }
    milli = milli * 10 + (c - '0');
    if (milli > kMaxParsedMilli) return Status::OutOfRange("", Quoted(text) + " is too large");
  }
  if (integer_digits == 0 || decimals == 0)
    return Status::InvalidArgument("", Quoted(text) + " is not a quantity like 3 or 0,755");
  for (int i = decimals < 0 ? 0 : decimals; i < 3; ++i) milli *= 10;  // ≤ 10^9 × 1000: no overflow
  if (milli > kMaxParsedMilli) return Status::OutOfRange("", Quoted(text) + " is too large");
  Quantity quantity(unit, negative ? -milli : milli);
  if (unit == Unit::kPiece && !quantity.is_whole()) {
    return Status::InvalidArgument("", Quoted(text) + " is not a whole number of pieces");
  }
  return quantity;
}

std::string Quantity::Format(char decimal_separator) const {
  uint64_t magnitude = milli_ < 0 ? uint64_t{0} - static_cast<uint64_t>(milli_) : static_cast<uint64_t>(milli_);
  std::string out = milli_ < 0 ? "-" : "";
  out += std::to_string(magnitude / kMilliPerUnit);
  if (unit_ == Unit::kPiece && is_whole()) return out;
  std::string fraction = std::to_string(magnitude % kMilliPerUnit);
  out += decimal_separator;
  out += std::string(3 - fraction.size(), '0') + fraction;
  return out;
}

std::string Quantity::ToString() const { return Format('.'); }
std::string Quantity::ToGermanString() const { return Format(','); }

Result<Money> LineAmount(Money unit_price, Quantity quantity) {
  Int128 product = static_cast<Int128>(unit_price.cents()) * quantity.milli();
  Int128 limit = static_cast<Int128>(Money::kMaxCents) * Quantity::kMilliPerUnit;
  if (product > limit || product < -limit) {
    return Status::OutOfRange("", "price × quantity exceeds the largest amount Kasse accepts");
  }
  return Money::FromCents(RoundedQuotient(product, Quantity::kMilliPerUnit));
}

}  // namespace kasse
