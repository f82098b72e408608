#include "printing/receipt_layout.h"

#include "printing/detail/document_frame.h"
#include "printing/detail/receipt_facts.h"
#include "printing/detail/tse_block.h"
#include "printing/detail/utf8_text.h"
#include "printing/detail/vat_table_layout.h"

namespace kasse::printing {
namespace {

constexpr size_t kMaxArticleTextLines = 3;
constexpr std::string_view kIndent = "  ";

void AddBanners(Printout& out, const Receipt& receipt) {
  std::string_view title = detail::ReceiptTitle(receipt.type);
  if (!title.empty()) out.AddCentered("*** " + std::string(title) + " ***", LineStyle::kBold);
  if (!detail::IsReturn(receipt)) return;
  if (receipt.return_without_receipt) {
    out.AddCentered("*** RÜCKGABE OHNE BELEG ***", LineStyle::kBold);
  } else {
    out.AddCentered("*** RÜCKGABE ***", LineStyle::kBold);
  }
  if (!receipt.original) return;
  for (const std::string& line : detail::ReturnReference(*receipt.original)) out.AddCentered(line);
}

std::string AmountWithLetter(Money amount, char letter) { return amount.ToGermanString() + " " + letter; }

// The article text on the left, wrapped; amount and VAT letter on the right of its first line.
void AddArticle(Printout& out, std::string_view text, Money amount, char letter) {
  std::string right = AmountWithLetter(amount, letter);
  size_t text_width = Printout::kColumns - 1 - detail::DisplayWidth(right);
  std::vector<std::string> lines = detail::WrapText(detail::SanitizeText(text), text_width, kMaxArticleTextLines);
  if (lines.empty()) lines.emplace_back();
  out.AddLeftRight(lines.front(), right);
  for (size_t i = 1; i < lines.size(); ++i) out.Add(lines[i]);
}

void AddLine(Printout& out, const ReceiptLine& line, const LineTotals& totals, char letter) {
  AddArticle(out, line.text, totals.amount, letter);
  std::string detail_text = detail::QuantityDetail(line);
  if (!detail_text.empty()) out.Add(std::string(kIndent) + detail_text);
  if (!totals.line_discount.is_zero()) {
    out.AddLeftRight(std::string(kIndent) + "Rabatt", AmountWithLetter(-totals.line_discount, letter));
  }
}

Status AddLines(Printout& out, const journal::ReceiptEntry& receipt) {
  Result<std::vector<LineTotals>> totals = detail::LineTotalsOf(receipt.receipt);
  if (!totals.ok()) return totals.status();
  const std::vector<ReceiptLine>& lines = receipt.receipt.lines;
  for (size_t i = 0; i < lines.size(); ++i) {
    AddLine(out, lines[i], (*totals)[i], detail::VatLetter(lines[i].vat_key, receipt.vat));
  }
  for (const auto& [key, share] : detail::ReceiptDiscountPerKey(receipt.receipt, *totals)) {
    out.AddLeftRight("Bonrabatt", AmountWithLetter(-share, detail::VatLetter(key, receipt.vat)));
  }
  return Status::Ok();
}

std::string PaymentText(const Payment& payment) {
  std::string text(detail::PaymentLabel(payment.method));
  if (payment.foreign) text += " " + payment.foreign->amount.ToGermanString() + " " + payment.foreign->currency;
  return text;
}

void AddTotalAndPayments(Printout& out, const journal::ReceiptEntry& receipt) {
  if (!receipt.receipt.lines.empty()) out.AddRule();
  out.AddLeftRight("SUMME EUR", receipt.total.ToGermanString(), LineStyle::kTotal);
  out.AddRule('=');
  for (const Payment& payment : receipt.receipt.payments) {
    out.AddLeftRight(PaymentText(payment), payment.amount.ToGermanString());
  }
  if (receipt.change.is_positive()) out.AddLeftRight("Rückgeld", receipt.change.ToGermanString());
}

}  // namespace

Result<Printout> LayoutReceipt(const SellerInfo& seller, const journal::JournalEntry& entry) {
  Result<const journal::ReceiptEntry*> payload = detail::ReceiptPayload(seller, entry);
  if (!payload.ok()) return payload.status();
  const journal::ReceiptEntry* receipt = *payload;
  Printout out;
  detail::AddSellerHeader(out, seller);
  out.AddRule();
  AddBanners(out, receipt->receipt);
  detail::AddIdentity(
      out, {receipt->receipt_number, receipt->started_ms, receipt->finished_ms, entry.register_id, receipt->cashier});
  out.AddRule();
  KASSE_RETURN_IF_ERROR(AddLines(out, *receipt));
  AddTotalAndPayments(out, *receipt);
  out.AddBlank();
  detail::AddVatTable(out, receipt->vat);
  detail::AddTseBlock(out, receipt->tse);
  detail::AddFooter(out, seller);
  return out;
}

}  // namespace kasse::printing
