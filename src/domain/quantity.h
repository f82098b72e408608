// Quantity: how much of an article a line sells, in pieces or in milli-units.
//
// Every quantity is held as an integer number of thousandths of its unit, so a
// piece quantity of 3 is 3000 and 0.755 kg is 755. Piece quantities must be whole
// (validation rejects 1.5 pieces); weighed goods (kg, l, m) carry up to three
// decimals, the resolution of a calibrated scale. Negative quantities are
// returned goods.
//
// Price × quantity (LineAmount) is the unit price in cents times the milli-units,
// divided by 1000 and rounded half away from zero to whole cents ("kaufmännisch").
// Rounding away from zero makes a return exactly mirror its sale:
//   1.99 €/kg × 0.755 kg = 1.50245 → 1.50;   2.99 €/kg × 0.250 kg = 0.7475 → 0.75;
//   2.99 €/kg × -0.250 kg = -0.7475 → -0.75.
//
// Thread-safety: a value type.
#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

#include "base/result.h"
#include "domain/money.h"

namespace kasse {

enum class Unit { kPiece, kKilogram, kLiter, kMeter };

// "Stück", "kg", "l", "m": the unit as printed and as DSFinV-K EINHEIT.
std::string_view UnitSymbol(Unit unit);
// "piece", "kg", "l", "m": the unit in JSON and database columns, and back.
std::string_view UnitCode(Unit unit);
std::optional<Unit> UnitFromCode(std::string_view code);
bool IsWeighed(Unit unit);

class Quantity {
 public:
  static constexpr int64_t kMilliPerUnit = 1000;

  constexpr Quantity() = default;
  // Throws std::overflow_error if count × 1000 does not fit (a bug: untrusted
  // input goes through Parse or is bounded by validation first).
  static constexpr Quantity Pieces(int64_t count) {
    int64_t milli = 0;
    if (__builtin_mul_overflow(count, kMilliPerUnit, &milli)) throw std::overflow_error("piece count overflows");
    return Quantity(Unit::kPiece, milli);
  }
  static constexpr Quantity Milli(Unit unit, int64_t milli) { return Quantity(unit, milli); }

  // Parses "3", "-1", "0,755" or "0.755" in `unit`: at most three decimals,
  // and none that are non-zero for pieces. The error's field is empty.
  static Result<Quantity> Parse(std::string_view text, Unit unit);

  constexpr Unit unit() const { return unit_; }
  constexpr int64_t milli() const { return milli_; }
  constexpr bool is_whole() const { return milli_ % kMilliPerUnit == 0; }
  constexpr bool is_negative() const { return milli_ < 0; }
  constexpr bool is_zero() const { return milli_ == 0; }

  // "3" for pieces, "0.755" for weighed goods; ToGermanString uses ','.
  std::string ToString() const;
  std::string ToGermanString() const;

  // Throws std::overflow_error for the one value that has no negation.
  Quantity operator-() const {
    int64_t negated = 0;
    if (__builtin_sub_overflow(int64_t{0}, milli_, &negated)) throw std::overflow_error("quantity negation overflows");
    return Quantity(unit_, negated);
  }
  friend constexpr bool operator==(Quantity, Quantity) = default;

 private:
  constexpr Quantity(Unit unit, int64_t milli) : unit_(unit), milli_(milli) {}

  Unit unit_ = Unit::kPiece;
  int64_t milli_ = 0;
};

// unit_price × quantity, rounded half away from zero to the cent (see above).
// OutOfRange if the result exceeds Money::kMaxCents.
Result<Money> LineAmount(Money unit_price, Quantity quantity);

}  // namespace kasse
