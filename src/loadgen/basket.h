// Basket: what one customer does at a till, drawn at random in a realistic mix
// for the load generator: 1–15 lines (most baskets small), goods at 19 % and 7 %
// VAT, some weighed by the kilogram, paid by card or cash; now and then a
// return of an earlier sale, or a sale the cashier aborts.
//
// The assortment is a small supermarket's: prices, VAT keys and product groups as
// the catalog would hand them to the register.
//
// Thread-safety: a BasketMix belongs to one thread (it holds its random engine).
#pragma once

#include <cstdint>
#include <random>
#include <vector>

#include "domain/payment.h"
#include "domain/quantity.h"
#include "register/sale.h"

namespace kasse::loadgen {

enum class BasketKind { kSale, kReturn, kAbort };

struct BasketLine {
  reg::SaleItem item;
  Quantity quantity;
};

struct Basket {
  BasketKind kind = BasketKind::kSale;
  std::vector<BasketLine> lines;  // empty for a return (it takes back a line of an earlier sale)
  PaymentMethod method = PaymentMethod::kCash;
};

struct BasketLimits {
  static constexpr int kMaxLines = 15;
  static constexpr int kReturnsPerMille = 30;
  static constexpr int kAbortsPerMille = 20;
  static constexpr int kCardPerMille = 550;
  static constexpr int kWeighedPerMille = 150;
};

class BasketMix {
 public:
  explicit BasketMix(uint64_t seed) : random_(seed) {}
  Basket Next();

 private:
  int Below(int bound) { return static_cast<int>(random_() % static_cast<uint64_t>(bound)); }
  BasketLine Line();

  std::mt19937_64 random_;
};

}  // namespace kasse::loadgen
