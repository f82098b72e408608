#include <nlohmann/json.hpp>

#include "fiscal/tse_time.h"
#include "printing/detail/document_frame.h"
#include "printing/detail/receipt_facts.h"
#include "printing/detail/tse_block.h"
#include "printing/detail/utf8_text.h"
#include "printing/electronic_receipt.h"
#include "signing/tse_qr_code.h"

namespace kasse::printing {
namespace {

using json = nlohmann::ordered_json;

std::string Text(std::string_view text) { return detail::SanitizeText(text); }

json IsoOrNull(int64_t unix_ms) {
  if (unix_ms < 0 || unix_ms > fiscal::kMaxTseUnixMs) return nullptr;
  return fiscal::TseTimeToIso(unix_ms);
}

json SellerJson(const SellerInfo& seller) {
  return {{"name", Text(seller.business_name)},   {"store", Text(seller.store_name)}, {"street", Text(seller.street)},
          {"postcode", Text(seller.postcode)},    {"city", Text(seller.city)},        {"vat_id", Text(seller.vat_id)},
          {"tax_number", Text(seller.tax_number)}};
}

json ReturnJson(const Receipt& receipt) {
  if (!detail::IsReturn(receipt)) return nullptr;
  json original = nullptr;
  if (receipt.original) {
    original = {{"register_id", Text(receipt.original->register_id.value())},
                {"closing_number", receipt.original->closing_number},
                {"receipt_id", Text(receipt.original->receipt_id.value())}};
  }
  return {{"without_receipt", receipt.return_without_receipt}, {"original", original}};
}

json LineJson(size_t index, const ReceiptLine& line, const LineTotals& totals, const std::vector<VatTotals>& vat) {
  return {{"position", index + 1},
          {"article", Text(line.article.value())},
          {"text", Text(line.text)},
          {"quantity", line.quantity.ToString()},
          {"unit", std::string(UnitSymbol(line.quantity.unit()))},
          {"unit_price", line.unit_price.ToString()},
          {"amount", totals.amount.ToString()},
          {"line_discount", totals.line_discount.ToString()},
          {"receipt_discount", totals.receipt_discount.ToString()},
          {"gross", totals.gross.ToString()},
          {"vat_key", line.vat_key.value()},
          {"vat_letter", std::string(1, detail::VatLetter(line.vat_key, vat))}};
}

json PaymentJson(const Payment& payment) {
  json foreign = nullptr;
  if (payment.foreign) {
    foreign = {{"currency", Text(payment.foreign->currency)}, {"amount", payment.foreign->amount.ToString()}};
  }
  return {{"method", std::string(PaymentMethodName(payment.method))},
          {"label", std::string(detail::PaymentLabel(payment.method))},
          {"amount", payment.amount.ToString()},
          {"foreign", foreign}};
}

json VatJson(const VatTotals& row, const std::vector<VatTotals>& vat) {
  return {{"letter", std::string(1, detail::VatLetter(row.key, vat))},
          {"key", row.key.value()},
          {"rate", row.rate.ToString()},
          {"net", row.net.ToString()},
          {"vat", row.vat.ToString()},
          {"gross", row.gross.ToString()}};
}

json SignedTseJson(const signing::TseTransaction& tx) {
  Result<std::string> qr = signing::ReceiptQrText(tx);
  return {{"status", "signed"},
          {"certified", tx.unit.certified},
          {"transaction_number", tx.transaction_number},
          {"signature_counter", tx.finish.signature_counter},
          {"start", IsoOrNull(tx.start.log_time_ms)},
          {"finish", IsoOrNull(tx.finish.log_time_ms)},
          {"client_id", Text(tx.client_id)},
          {"serial_number", Text(tx.unit.serial_number_hex)},
          {"signature_algorithm", Text(tx.unit.signature_algorithm)},
          {"time_format", Text(tx.unit.time_format)},
          {"process_type", Text(tx.process_type)},
          {"process_data", Text(tx.process_data)},
          {"signature", Text(tx.finish.value_base64)},
          {"public_key", Text(tx.unit.public_key_base64)},
          {"qr_code", qr.ok() ? json(Text(*qr)) : json(nullptr)}};
}

json TseJson(const journal::TseRecord& tse) {
  if (tse.transaction && tse.failure.empty()) return SignedTseJson(*tse.transaction);
  json started = tse.started ? json(tse.started->transaction_number) : json(nullptr);
  return {{"status", "failed"}, {"reason", Text(detail::FailureReason(tse))}, {"transaction_number", started}};
}

json ReceiptBody(const journal::JournalEntry& entry, const journal::ReceiptEntry& receipt,
                 const std::vector<LineTotals>& totals) {
  json lines = json::array();
  for (size_t i = 0; i < receipt.receipt.lines.size(); ++i) {
    lines.push_back(LineJson(i, receipt.receipt.lines[i], totals[i], receipt.vat));
  }
  json payments = json::array();
  for (const Payment& payment : receipt.receipt.payments) payments.push_back(PaymentJson(payment));
  json vat = json::array();
  for (const VatTotals& row : receipt.vat) vat.push_back(VatJson(row, receipt.vat));
  return {{"register_id", Text(entry.register_id.value())},
          {"closing_number", entry.closing_number},
          {"receipt_number", receipt.receipt_number},
          {"type", std::string(ReceiptTypeName(receipt.receipt.type))},
          {"aborted", receipt.receipt.type == ReceiptType::kAVBelegabbruch},
          {"return", ReturnJson(receipt.receipt)},
          {"cashier", {{"id", Text(receipt.cashier.id)}, {"name", Text(receipt.cashier.name)}}},
          {"started_at", IsoOrNull(receipt.started_ms)},
          {"finished_at", IsoOrNull(receipt.finished_ms)},
          {"currency", "EUR"},
          {"lines", lines},
          {"total", receipt.total.ToString()},
          {"payments", payments},
          {"change", receipt.change.ToString()},
          {"vat", vat},
          {"tse", TseJson(receipt.tse)}};
}

}  // namespace

Result<std::string> ReceiptJson(const SellerInfo& seller, const journal::JournalEntry& entry) {
  Result<const journal::ReceiptEntry*> receipt = detail::ReceiptPayload(seller, entry);
  if (!receipt.ok()) return receipt.status();
  Result<std::vector<LineTotals>> totals = detail::LineTotalsOf((*receipt)->receipt);
  if (!totals.ok()) return totals.status();
  json document = {{"format", kReceiptJsonFormat}, {"seller", SellerJson(seller)}};
  document.update(ReceiptBody(entry, **receipt, *totals));
  document["footer"] = Text(seller.footer);
  return document.dump(2);
}

}  // namespace kasse::printing
