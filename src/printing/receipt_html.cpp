#include "printing/detail/document_frame.h"
#include "printing/detail/local_time.h"
#include "printing/detail/receipt_facts.h"
#include "printing/detail/tse_block.h"
#include "printing/detail/utf8_text.h"
#include "printing/electronic_receipt.h"
#include "signing/tse_qr_code.h"

namespace kasse::printing {
namespace {

constexpr std::string_view kHead =
    "<!DOCTYPE html>\n<html lang=\"de\">\n<head>\n<meta charset=\"utf-8\">\n"
    "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n"
    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";

constexpr std::string_view kStyle =
    "<style>\n"
    "body{font-family:system-ui,sans-serif;background:#eee;margin:0;padding:1rem}\n"
    "main{max-width:26rem;margin:auto;background:#fff;padding:1rem 1.25rem;box-shadow:0 1px 4px #0003}\n"
    "header,footer,.banner{text-align:center}h1{font-size:1.2rem;margin:.2rem 0}header p{margin:0}\n"
    ".banner{font-weight:bold;border:2px solid #000;padding:.2rem;margin:.5rem 0}\n"
    "table{width:100%;border-collapse:collapse;margin:.5rem 0}td,th{padding:.1rem .2rem;text-align:left;"
    "vertical-align:top}.num{text-align:right;white-space:nowrap}small{color:#444}\n"
    ".total th,.total td{font-size:1.3rem;font-weight:bold;border-top:2px solid #000}\n"
    "dl{display:grid;grid-template-columns:auto 1fr;gap:0 .5rem;margin:.5rem 0}dt{font-weight:bold}\n"
    "dd{margin:0;overflow-wrap:anywhere}code{display:block;overflow-wrap:anywhere;font-size:.75rem;"
    "background:#f4f4f4;padding:.4rem}\n.warning{color:#b00;font-weight:bold}\n"
    "</style>\n";

// Sanitised (valid UTF-8, no control characters) and escaped for text and attribute values.
std::string Escape(std::string_view raw) {
  std::string escaped;
  for (char c : detail::SanitizeText(raw)) {
    switch (c) {
      case '&': escaped += "&amp;"; break;
      case '<': escaped += "&lt;"; break;
      case '>': escaped += "&gt;"; break;
      case '"': escaped += "&quot;"; break;
      case '\'': escaped += "&#39;"; break;
      default: escaped += c;
    }
  }
  return escaped;
}

std::string Element(std::string_view tag, std::string_view text, std::string_view attributes = "") {
  std::string open(tag);
  if (!attributes.empty()) open.append(" ").append(attributes);
  return "<" + open + ">" + Escape(text) + "</" + std::string(tag) + ">";
}

std::string LocalOrIso(int64_t unix_ms) {
  std::optional<detail::LocalTime> time = detail::GermanLocalTime(unix_ms);
  return time ? detail::FormatDateTime(*time) : detail::IsoUtcOrInvalid(unix_ms);
}

void AddDefinition(std::string& out, std::string_view term, std::string_view value) {
  out += Element("dt", term) + Element("dd", value) + "\n";
}

void AddHeader(std::string& out, const SellerInfo& seller, const journal::ReceiptEntry& receipt) {
  out += kHead;
  out += Element("title", "Beleg " + std::to_string(receipt.receipt_number) + " – " + seller.business_name) + "\n";
  out += kStyle;
  out += "</head>\n<body>\n<main>\n<header>\n" + Element("h1", seller.business_name) + "\n";
  for (const std::string& line : {seller.store_name, seller.street, seller.postcode + " " + seller.city}) {
    if (!line.empty()) out += Element("p", line) + "\n";
  }
  if (!seller.vat_id.empty()) out += Element("p", "USt-IdNr. " + seller.vat_id) + "\n";
  if (!seller.tax_number.empty()) out += Element("p", "St.-Nr. " + seller.tax_number) + "\n";
  out += "</header>\n";
}

void AddBanners(std::string& out, const Receipt& receipt) {
  std::string_view title = detail::ReceiptTitle(receipt.type);
  if (!title.empty()) out += Element("p", title, "class=\"banner\"") + "\n";
  if (!detail::IsReturn(receipt)) return;
  out += Element("p", receipt.return_without_receipt ? "RÜCKGABE OHNE BELEG" : "RÜCKGABE", "class=\"banner\"") + "\n";
  if (!receipt.original) return;
  auto [reference, register_and_closing] = detail::ReturnReference(*receipt.original);
  out += Element("p", reference + " (" + register_and_closing + ")", "class=\"banner\"") + "\n";
}

void AddMeta(std::string& out, const journal::JournalEntry& entry, const journal::ReceiptEntry& receipt) {
  out += "<dl class=\"meta\">\n";
  AddDefinition(out, "Bon-Nr.", std::to_string(receipt.receipt_number));
  AddDefinition(out, "Vorgangsbeginn", LocalOrIso(receipt.started_ms));
  AddDefinition(out, "Vorgangsende", LocalOrIso(receipt.finished_ms));
  AddDefinition(out, "Kasse", entry.register_id.value());
  AddDefinition(out, "Kassierer", receipt.cashier.name);
  out += "</dl>\n";
}

void AddAmountRow(std::string& out, std::string_view label, std::string_view detail_text, Money amount,
                  std::string_view letter) {
  out += "<tr><td>" + Escape(label);
  if (!detail_text.empty()) out += "<br>" + Element("small", detail_text);
  out += "</td>" + Element("td", amount.ToGermanString(), "class=\"num\"") + Element("td", letter) + "</tr>\n";
}

void AddLines(std::string& out, const journal::ReceiptEntry& receipt, const std::vector<LineTotals>& totals) {
  out +=
      "<table class=\"lines\">\n<thead><tr><th>Artikel</th><th class=\"num\">EUR</th><th>MwSt</th></tr></thead>\n"
      "<tbody>\n";
  for (size_t i = 0; i < receipt.receipt.lines.size(); ++i) {
    const ReceiptLine& line = receipt.receipt.lines[i];
    std::string letter(1, detail::VatLetter(line.vat_key, receipt.vat));
    AddAmountRow(out, line.text, detail::QuantityDetail(line), totals[i].amount, letter);
    if (!totals[i].line_discount.is_zero()) AddAmountRow(out, "Rabatt", "", -totals[i].line_discount, letter);
  }
  for (const auto& [key, share] : detail::ReceiptDiscountPerKey(receipt.receipt, totals)) {
    AddAmountRow(out, "Bonrabatt", "", -share, std::string(1, detail::VatLetter(key, receipt.vat)));
  }
  out += "<tr class=\"total\"><th>SUMME EUR</th>" + Element("td", receipt.total.ToGermanString(), "class=\"num\"") +
         "<td></td></tr>\n</tbody>\n</table>\n";
}

void AddPayments(std::string& out, const journal::ReceiptEntry& receipt) {
  out += "<table class=\"payments\">\n";
  for (const Payment& payment : receipt.receipt.payments) {
    std::string label(detail::PaymentLabel(payment.method));
    if (payment.foreign) label += " " + payment.foreign->amount.ToGermanString() + " " + payment.foreign->currency;
    out += "<tr>" + Element("td", label) + Element("td", payment.amount.ToGermanString(), "class=\"num\"") + "</tr>\n";
  }
  if (receipt.change.is_positive()) {
    out += "<tr>" + Element("td", "Rückgeld") + Element("td", receipt.change.ToGermanString(), "class=\"num\"") +
           "</tr>\n";
  }
  out += "</table>\n";
}

void AddVat(std::string& out, const std::vector<VatTotals>& vat) {
  out +=
      "<table class=\"vat\">\n<thead><tr><th>Satz</th><th class=\"num\">Netto</th><th class=\"num\">MwSt</th>"
      "<th class=\"num\">Brutto</th></tr></thead>\n<tbody>\n";
  for (const VatTotals& row : vat) {
    std::string rate = std::string(1, detail::VatLetter(row.key, vat)) + " " + detail::FormatRate(row.rate);
    out += "<tr>" + Element("td", rate) + Element("td", row.net.ToGermanString(), "class=\"num\"") +
           Element("td", row.vat.ToGermanString(), "class=\"num\"") +
           Element("td", row.gross.ToGermanString(), "class=\"num\"") + "</tr>\n";
  }
  out += "</tbody>\n</table>\n";
}

void AddSignedTse(std::string& out, const signing::TseTransaction& tx) {
  if (!tx.unit.certified) out += Element("p", detail::kNotCertifiedMarker, "class=\"warning\"") + "\n";
  out += "<dl>\n";
  AddDefinition(out, "TSE-Transaktionsnummer", std::to_string(tx.transaction_number));
  AddDefinition(out, "TSE-Signaturzähler", std::to_string(tx.finish.signature_counter));
  AddDefinition(out, "TSE-Start (UTC)", detail::IsoUtcOrInvalid(tx.start.log_time_ms));
  AddDefinition(out, "TSE-Ende (UTC)", detail::IsoUtcOrInvalid(tx.finish.log_time_ms));
  AddDefinition(out, "Seriennummer Kasse", tx.client_id);
  AddDefinition(out, "Seriennummer TSE", tx.unit.serial_number_hex);
  AddDefinition(out, "Signaturalgorithmus", tx.unit.signature_algorithm);
  AddDefinition(out, "Zeitformat", tx.unit.time_format);
  AddDefinition(out, "Prozesstyp", tx.process_type);
  AddDefinition(out, "Signatur", tx.finish.value_base64);
  out += "</dl>\n";
  Result<std::string> qr = signing::ReceiptQrText(tx);
  if (!qr.ok()) {
    out += Element("p", "QR-Code nicht darstellbar: " + qr.status().message()) + "\n";
    return;
  }
  out += Element("p", "QR-Code-Daten (DSFinV-K):") + "\n";
  out += Element("code", *qr, "class=\"qr\" data-qr-code=\"" + Escape(*qr) + "\"") + "\n";
}

void AddTse(std::string& out, const journal::TseRecord& tse) {
  out += "<section class=\"tse\">\n<h2>TSE</h2>\n";
  if (tse.transaction && tse.failure.empty()) {
    AddSignedTse(out, *tse.transaction);
  } else {
    out += Element("p", detail::kTseFailedMarker, "class=\"warning\"") + "\n";
    out += Element("p", "Grund: " + detail::FailureReason(tse)) + "\n";
  }
  out += "</section>\n";
}

}  // namespace

Result<std::string> ReceiptHtml(const SellerInfo& seller, const journal::JournalEntry& entry) {
  Result<const journal::ReceiptEntry*> payload = detail::ReceiptPayload(seller, entry);
  if (!payload.ok()) return payload.status();
  const journal::ReceiptEntry& receipt = **payload;
  Result<std::vector<LineTotals>> totals = detail::LineTotalsOf(receipt.receipt);
  if (!totals.ok()) return totals.status();
  std::string out;
  AddHeader(out, seller, receipt);
  AddBanners(out, receipt.receipt);
  AddMeta(out, entry, receipt);
  AddLines(out, receipt, *totals);
  AddPayments(out, receipt);
  AddVat(out, receipt.vat);
  AddTse(out, receipt.tse);
  if (!seller.footer.empty()) out += "<footer>" + Element("p", seller.footer) + "</footer>\n";
  out += "</main>\n</body>\n</html>\n";
  return out;
}

}  // namespace kasse::printing
