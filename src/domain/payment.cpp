#include "domain/payment.h"

namespace kasse {

std::string_view PaymentMethodName(PaymentMethod method) {
  switch (method) {
    case PaymentMethod::kCash: return "cash";
    case PaymentMethod::kGirocard: return "girocard";
    case PaymentMethod::kCreditCard: return "credit_card";
    case PaymentMethod::kVoucher: return "voucher";
  }
  return "unknown";
}

bool IsCash(PaymentMethod method) { return method == PaymentMethod::kCash; }

}  // namespace kasse
