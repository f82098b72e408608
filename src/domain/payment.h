// Payment: one tender on a receipt: cash, card or voucher, possibly one of several.
//
// `amount` is in euro: what the customer handed over (positive) or what was paid
// back on a return (negative). Cash may be in a foreign currency; then `foreign`
// holds the amount in that currency and `amount` its euro value at the register's
// exchange rate. Only cash can exceed what is owed: the difference is change, paid
// out in euro cash. A voucher that is worth more than the rest of the bill keeps
// its remaining value; it never produces change.
//
// Thread-safety: a value type.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "domain/money.h"

namespace kasse {

enum class PaymentMethod {
  kCash,
  kGirocard,    // EC card (DSFinV-K ZAHLART_TYP ECKarte)
  kCreditCard,  // Kreditkarte
  kVoucher,     // a multi-purpose voucher or gift card (Guthabenkarte)
};

std::string_view PaymentMethodName(PaymentMethod method);  // "cash", "girocard", …
bool IsCash(PaymentMethod method);

struct ForeignAmount {
  std::string currency;  // ISO 4217, upper case, not "EUR"
  Money amount;          // in that currency
};

struct Payment {
  PaymentMethod method = PaymentMethod::kCash;
  Money amount;                          // in euro
  std::optional<ForeignAmount> foreign;  // cash in another currency
};

}  // namespace kasse
