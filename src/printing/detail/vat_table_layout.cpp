#include "printing/detail/vat_table_layout.h"

#include <string>

#include "printing/detail/receipt_facts.h"
#include "printing/detail/utf8_text.h"

namespace kasse::printing::detail {
namespace {

constexpr size_t kRateColumns = 9;
constexpr size_t kAmountColumns = 11;

std::string PadRight(std::string text, size_t width) {
  size_t text_width = DisplayWidth(text);
  if (text_width < width) text.append(width - text_width, ' ');
  return text;
}

std::string Row(const std::string& rate, const std::string& net, const std::string& vat, const std::string& gross) {
  return PadRight(rate, kRateColumns) + AlignRight(net, kAmountColumns) + AlignRight(vat, kAmountColumns) +
         AlignRight(gross, kAmountColumns);
}

void AddRow(Printout& out, const VatTotals& row, char letter) {
  std::string rate = std::string(1, letter) + " " + FormatRate(row.rate);
  std::string line = Row(rate, row.net.ToGermanString(), row.vat.ToGermanString(), row.gross.ToGermanString());
  if (DisplayWidth(line) <= Printout::kColumns && DisplayWidth(rate) < kRateColumns) {
    out.Add(line);
    return;
  }
  out.Add(rate);
  out.AddLeftRight("  Netto", row.net.ToGermanString());
  out.AddLeftRight("  MwSt", row.vat.ToGermanString());
  out.AddLeftRight("  Brutto", row.gross.ToGermanString());
}

}  // namespace

void AddVatTable(Printout& out, const std::vector<VatTotals>& vat) {
  if (vat.empty()) return;
  out.Add(Row("Satz", "Netto", "MwSt", "Brutto"));
  for (const VatTotals& row : vat) AddRow(out, row, VatLetter(row.key, vat));
}

}  // namespace kasse::printing::detail
