#include "printing/z_report_layout.h"

#include "printing/detail/document_frame.h"
#include "printing/detail/local_time.h"
#include "printing/detail/receipt_facts.h"
#include "printing/detail/vat_table_layout.h"

namespace kasse::printing {
namespace {

std::string DateTimeOrInvalid(int64_t unix_ms) {
  std::optional<detail::LocalTime> time = detail::GermanLocalTime(unix_ms);
  return time ? detail::FormatDateTime(*time) : detail::IsoUtcOrInvalid(unix_ms);
}

void AddIdentity(Printout& out, const journal::JournalEntry& entry, const journal::ShiftClosed& closing,
                 std::optional<int64_t> shift_opened_ms) {
  out.AddCentered("*** KASSENABSCHLUSS ***", LineStyle::kBold);
  out.AddLeftRight("Z-Nr.", std::to_string(closing.z_number));
  out.AddLeftRight("Kasse", entry.register_id.value());
  out.AddLeftRight("Kassierer", closing.cashier.name);
  if (shift_opened_ms) out.AddLeftRight("Zeitraum von", DateTimeOrInvalid(*shift_opened_ms));
  out.AddLeftRight(shift_opened_ms ? "bis" : "Abschluss", DateTimeOrInvalid(entry.recorded_ms));
  if (closing.first_receipt_number == 0) {
    out.AddLeftRight("Bon-Nr.", "keine Belege");
  } else {
    out.AddLeftRight(
        "Bon-Nr.", std::to_string(closing.first_receipt_number) + " - " + std::to_string(closing.last_receipt_number));
  }
}

void AddSales(Printout& out, const journal::ShiftClosed& closing) {
  out.AddRule();
  out.Add("UMSATZ NACH STEUERSATZ", LineStyle::kBold);
  detail::AddVatTable(out, closing.vat);
  out.AddLeftRight("UMSATZ EUR", closing.sales_total.ToGermanString(), LineStyle::kTotal);
}

void AddPayments(Printout& out, const journal::ShiftClosed& closing) {
  out.AddRule();
  out.Add("ZAHLUNGSARTEN", LineStyle::kBold);
  for (const journal::PaymentTotal& payment : closing.payments) {
    std::string label(detail::PaymentLabel(payment.method));
    if (IsCash(payment.method) || payment.currency != "EUR") label += " " + payment.currency;
    out.AddLeftRight(label, payment.amount.ToGermanString());
  }
}

void AddCash(Printout& out, const journal::ShiftClosed& closing) {
  out.AddRule();
  out.Add("BARGELD EUR", LineStyle::kBold);
  out.AddLeftRight("Soll-Bestand", closing.expected_cash.ToGermanString());
  out.AddLeftRight("Ist-Bestand (gezählt)", closing.counted_cash.ToGermanString());
  out.AddLeftRight("Differenz", closing.difference.ToGermanString(), LineStyle::kBold);
}

}  // namespace

Result<Printout> LayoutZReport(const SellerInfo& seller, const journal::JournalEntry& entry,
                               std::optional<int64_t> shift_opened_ms) {
  const auto* closing = std::get_if<journal::ShiftClosed>(&entry.payload);
  if (closing == nullptr) return Status::InvalidArgument("payload", "the entry is no closing (shift_closed)");
  KASSE_RETURN_IF_ERROR(detail::CheckRegister(seller, entry));
  Printout out;
  detail::AddSellerHeader(out, seller);
  out.AddRule();
  AddIdentity(out, entry, *closing, shift_opened_ms);
  AddSales(out, *closing);
  AddPayments(out, *closing);
  AddCash(out, *closing);
  return out;
}

}  // namespace kasse::printing
