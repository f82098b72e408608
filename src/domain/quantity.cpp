#include "domain/quantity.h"

#include <array>
#include <utility>

#include "domain/detail/fixed_point.h"
#include "domain/receipt_limits.h"
#include "domain/rounding.h"
#include "domain/text.h"

namespace kasse {

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

namespace {
constexpr std::array<std::pair<Unit, std::string_view>, 4> kUnitCodes = {
    {{Unit::kPiece, "piece"}, {Unit::kKilogram, "kg"}, {Unit::kLiter, "l"}, {Unit::kMeter, "m"}}};
}  // namespace

std::string_view UnitCode(Unit unit) {
  for (const auto& [value, code] : kUnitCodes) {
    if (value == unit) return code;
  }
  return "piece";
}

std::optional<Unit> UnitFromCode(std::string_view code) {
  for (const auto& [value, known] : kUnitCodes) {
    if (known == code) return value;
  }
  return std::nullopt;
}

Result<Quantity> Quantity::Parse(std::string_view text, Unit unit) {
  Result<int64_t> milli = ParseFixedPoint(text, 3, limits::kMaxQuantityMilli);
  if (!milli.ok()) return milli.status();
  Quantity quantity(unit, *milli);
  if (unit == Unit::kPiece && !quantity.is_whole()) {
    return Status::InvalidArgument("", QuoteForMessage(text) + " is not a whole number of pieces");
  }
  return quantity;
}

std::string Quantity::ToString() const {
  return unit_ == Unit::kPiece && is_whole() ? std::to_string(milli_ / kMilliPerUnit)
                                             : FormatFixedPoint(milli_, 3, '.');
}

std::string Quantity::ToGermanString() const {
  return unit_ == Unit::kPiece && is_whole() ? std::to_string(milli_ / kMilliPerUnit)
                                             : FormatFixedPoint(milli_, 3, ',');
}

Result<Money> LineAmount(Money unit_price, Quantity quantity) {
  Int128 product = static_cast<Int128>(unit_price.cents()) * quantity.milli();
  Int128 limit = static_cast<Int128>(Money::kMaxCents) * Quantity::kMilliPerUnit;
  if (product > limit || product < -limit) {
    return Status::OutOfRange("", "price × quantity exceeds the largest amount Kasse accepts");
  }
  return Money::FromCents(RoundedQuotient(product, Quantity::kMilliPerUnit));
}

}  // namespace kasse
