#include "domain/receipt_totals.h"

#include <algorithm>
#include <map>
#include <numeric>

#include "domain/rounding.h"

namespace kasse {
namespace {

// Spreads `discount` over `bases` (only the positive ones) in proportion, by
// largest remainder: each share is rounded down, and the cents left over go to
// the largest fractional parts, earlier lines first on a tie.
std::vector<int64_t> SpreadDiscount(int64_t discount, const std::vector<int64_t>& bases) {
  std::vector<int64_t> shares(bases.size(), 0);
  Int128 base_sum = 0;
  for (int64_t base : bases) base_sum += std::max<int64_t>(base, 0);
  if (discount == 0 || base_sum == 0) return shares;
  std::vector<Int128> remainders(bases.size(), -1);
  int64_t assigned = 0;
  for (size_t i = 0; i < bases.size(); ++i) {
    if (bases[i] <= 0) continue;
    Int128 scaled = static_cast<Int128>(discount) * bases[i];
    shares[i] = static_cast<int64_t>(scaled / base_sum);
    remainders[i] = scaled % base_sum;
    assigned += shares[i];
  }
  std::vector<size_t> order(bases.size());
  std::iota(order.begin(), order.end(), size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return remainders[a] > remainders[b]; });
  for (size_t k = 0; assigned < discount; ++k, ++assigned) ++shares[order[k]];
  return shares;
}

}  // namespace

Result<ReceiptTotals> ComputeTotals(const Receipt& receipt, const VatTable& vat_table) {
  ReceiptTotals totals;
  std::vector<int64_t> bases;
  for (const ReceiptLine& line : receipt.lines) {
    Result<Money> amount = LineAmount(line.unit_price, line.quantity);
    if (!amount.ok()) return amount.status();
    Money discount = amount->is_negative() ? -line.line_discount : line.line_discount;
    totals.lines.push_back({*amount, discount, Money::Zero(), *amount - discount});
    bases.push_back(totals.lines.back().gross.cents());
  }
  std::vector<int64_t> shares = SpreadDiscount(receipt.receipt_discount.cents(), bases);
  std::map<VatKey, Money> gross_per_key;
  for (size_t i = 0; i < totals.lines.size(); ++i) {
    LineTotals& line = totals.lines[i];
    line.receipt_discount = Money::FromCents(shares[i]);
    line.gross -= line.receipt_discount;
    gross_per_key[receipt.lines[i].vat_key] += line.gross;
    totals.total += line.gross;
  }
  for (const auto& [key, gross] : gross_per_key) {
    Result<VatKeyInfo> info = vat_table.Lookup(key);
    if (!info.ok()) return info.status();
    VatSplit split = SplitGross(gross, info->rate);
    totals.vat.push_back({key, info->rate, info->slot, split.gross, split.net, split.vat});
  }
  for (const Payment& payment : receipt.payments) totals.paid += payment.amount;
  if (totals.total.is_positive() && totals.paid > totals.total) totals.change = totals.paid - totals.total;
  return totals;
}

}  // namespace kasse
