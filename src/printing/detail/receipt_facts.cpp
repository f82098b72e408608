#include "printing/detail/receipt_facts.h"

#include <algorithm>
#include <map>

namespace kasse::printing::detail {
namespace {

constexpr int kFirstFreeLetterKey = 9;  // keys 1–8 are A–H
constexpr char kLastLetter = 'Z';

}  // namespace

Result<std::vector<LineTotals>> LineTotalsOf(const Receipt& receipt) {
  Receipt neutral = receipt;  // one key known to every table: the keys do not change the amounts
  for (ReceiptLine& line : neutral.lines) line.vat_key = VatKey(1);
  Result<ReceiptTotals> totals = ComputeTotals(neutral, VatTable::Germany());
  if (!totals.ok()) return totals.status();
  return std::move(totals->lines);
}

char VatLetter(VatKey key, const std::vector<VatTotals>& vat) {
  if (key.value() >= 1 && key.value() < kFirstFreeLetterKey) return static_cast<char>('A' + key.value() - 1);
  std::vector<int> others;
  for (const VatTotals& row : vat) {
    if (row.key.value() < 1 || row.key.value() >= kFirstFreeLetterKey) others.push_back(row.key.value());
  }
  std::sort(others.begin(), others.end());
  auto found = std::find(others.begin(), others.end(), key.value());
  if (found == others.end()) return '?';
  int letter = 'A' + kFirstFreeLetterKey - 1 + static_cast<int>(found - others.begin());
  return letter <= kLastLetter ? static_cast<char>(letter) : '?';
}

std::string FormatRate(VatRate rate) {
  std::string text = rate.ToGermanString();  // "19,00"
  while (text.back() == '0') text.pop_back();
  if (text.back() == ',') text.pop_back();
  return text + " %";
}

std::string_view PaymentLabel(PaymentMethod method) {
  switch (method) {
    case PaymentMethod::kCash: return "Bar";
    case PaymentMethod::kGirocard: return "Girocard";
    case PaymentMethod::kCreditCard: return "Kreditkarte";
    case PaymentMethod::kVoucher: return "Gutschein";
  }
  return "Zahlung";
}

std::string_view ReceiptTitle(ReceiptType type) {
  switch (type) {
    case ReceiptType::kBeleg: return "";
    case ReceiptType::kAVRechnung: return "Rechnung";
    case ReceiptType::kAVTransfer: return "Transfer";
    case ReceiptType::kAVBestellung: return "Bestellung";
    case ReceiptType::kAVTraining: return "TRAINING - kein Verkauf";
    case ReceiptType::kAVBelegstorno: return "Belegstorno";
    case ReceiptType::kAVBelegabbruch: return "ABGEBROCHEN";
    case ReceiptType::kAVSachbezug: return "Sachbezug";
    case ReceiptType::kAVSonstige: return "Sonstiger Vorgang";
  }
  return "";
}

bool IsReturn(const Receipt& receipt) {
  return receipt.original.has_value() || receipt.return_without_receipt ||
         std::any_of(receipt.lines.begin(), receipt.lines.end(),
                     [](const ReceiptLine& line) { return line.quantity.is_negative(); });
}

std::array<std::string, 2> ReturnReference(const ReceiptReference& original) {
  return {"Rückgabe zu Bon " + original.receipt_id.value(),
          "Kasse " + original.register_id.value() + ", Z-Nr. " + std::to_string(original.closing_number)};
}

std::string QuantityDetail(const ReceiptLine& line) {
  const Quantity& quantity = line.quantity;
  if (IsWeighed(quantity.unit())) {
    std::string unit(UnitSymbol(quantity.unit()));
    return quantity.ToGermanString() + " " + unit + " x " + line.unit_price.ToGermanString() + " €/" + unit;
  }
  if (quantity == Quantity::Pieces(1)) return "";
  return quantity.ToGermanString() + " x " + line.unit_price.ToGermanString() + " €";
}

std::vector<std::pair<VatKey, Money>> ReceiptDiscountPerKey(const Receipt& receipt,
                                                            const std::vector<LineTotals>& totals) {
  std::map<VatKey, Money> per_key;
  for (size_t i = 0; i < totals.size() && i < receipt.lines.size(); ++i) {
    if (!totals[i].receipt_discount.is_zero()) per_key[receipt.lines[i].vat_key] += totals[i].receipt_discount;
  }
  return {per_key.begin(), per_key.end()};
}

}  // namespace kasse::printing::detail
