#include "fiscal/process_data.h"

#include <algorithm>
#include <map>
#include <tuple>

namespace kasse::fiscal {
namespace {

// Sort key: cash before Unbar, then EUR before any foreign code, then by code.
using PaymentGroup = std::tuple<bool, bool, std::string>;  // (!cash, foreign, currency)

std::map<PaymentGroup, Money> SumPerGroup(const std::vector<ProcessDataPayment>& payments) {
  std::map<PaymentGroup, Money> sums;
  for (const ProcessDataPayment& payment : payments) {
    sums[{!payment.cash, payment.currency != "EUR", payment.currency}] += payment.amount;
  }
  return sums;
}

}  // namespace

std::string KassenbelegProcessData(ReceiptType type, const SlotAmounts& gross_per_slot,
                                   const std::vector<ProcessDataPayment>& payments) {
  std::string out(ReceiptTypeName(type));
  out += '^';
  for (size_t slot = 0; slot < gross_per_slot.size(); ++slot) {
    if (slot > 0) out += '_';
    out += gross_per_slot[slot].ToString();
  }
  out += '^';
  bool first = true;
  for (const auto& [group, amount] : SumPerGroup(payments)) {
    if (amount.is_zero()) continue;
    const auto& [non_cash, foreign, currency] = group;
    if (!first) out += '_';
    first = false;
    out += amount.ToString();
    out += non_cash ? ":Unbar" : ":Bar";
    if (foreign) out += ":" + currency;
  }
  return out;
}

std::string KassenbelegProcessData(const Receipt& receipt, const ReceiptTotals& totals) {
  SlotAmounts slots{};
  for (const VatTotals& vat : totals.vat) slots[static_cast<size_t>(vat.slot - 1)] += vat.gross;
  std::vector<ProcessDataPayment> payments;
  for (const Payment& payment : receipt.payments) {
    if (payment.foreign) {
      payments.push_back({true, payment.foreign->amount, payment.foreign->currency});
    } else {
      payments.push_back({IsCash(payment.method), payment.amount, "EUR"});
    }
  }
  if (!totals.change.is_zero()) payments.push_back({true, -totals.change, "EUR"});
  return KassenbelegProcessData(receipt.type, slots, payments);
}

std::string CashMovementProcessData(Money amount) {
  SlotAmounts slots{};
  slots[4] = amount;
  return KassenbelegProcessData(ReceiptType::kBeleg, slots, {{true, amount, "EUR"}});
}

}  // namespace kasse::fiscal
