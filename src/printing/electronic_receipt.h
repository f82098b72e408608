// The electronic receipt: the same receipt as LayoutReceipt, as JSON (for apps
// and e-mail systems) and as one self-contained HTML page (§146a (2) AO allows an
// electronic receipt in a standard format with the customer's consent).
//
// JSON shape, format "kasse-receipt-1" (stable: fields are only ever added):
//
//   format          "kasse-receipt-1"
//   seller          {name, store, street, postcode, city, vat_id, tax_number}
//   register_id     the register's serial number (TSE client id)
//   closing_number  the Z number the receipt is closed under
//   receipt_number  Bon-Nr.
//   type            Vorgangstyp: "Beleg", "AVBelegabbruch", "AVTraining", …
//   aborted         true for AVBelegabbruch
//   return          null, or {without_receipt, original: null or
//                   {register_id, closing_number, receipt_id}}
//   cashier         {id, name}
//   started_at, finished_at   register clock, ISO 8601 UTC "2026-09-03T08:15:02.123Z"
//                   (null if the stored time is outside 1970–9999)
//   currency        "EUR"
//   lines[]         {position (1-based), article, text, quantity ("3", "0.755",
//                   "-1"), unit ("Stück", "kg", "l", "m"), unit_price, amount,
//                   line_discount, receipt_discount, gross, vat_key, vat_letter};
//                   gross = amount − line_discount − receipt_discount, and the
//                   discounts are signed like the amount
//   total, change   amounts
//   payments[]      {method ("cash", "girocard", "credit_card", "voucher"), label
//                   ("Bar", …), amount (euro), foreign: null or {currency, amount}}
//   vat[]           {letter, key, rate ("19.00"), net, vat, gross}
//   tse             {status: "signed", certified, transaction_number,
//                   signature_counter, start, finish (ISO UTC), client_id,
//                   serial_number, signature_algorithm, time_format, process_type,
//                   process_data, signature, public_key, qr_code (the DSFinV-K QR
//                   string, or null if the stored data cannot form one)}
//                   or {status: "failed", reason, transaction_number (of a start
//                   that was never finished, else null)}
//   footer          the seller's footer, "" if none
//
// Amounts are strings with two decimals and '.' ("11.05", "-2.49"), never
// floating-point numbers; counters are JSON integers.
//
// HTML: UTF-8, inline CSS, no scripts and no external resources (a
// Content-Security-Policy meta tag forbids both). Every text is HTML-escaped, as
// article texts come from the catalog and may be hostile. The QR string is shown
// in a <code> element that also carries it as data-qr-code.
//
// Texts in both are sanitised as on paper (detail/utf8_text.h), so the output is
// always valid UTF-8.
//
// Thread-safety: pure functions.
#pragma once

#include <string>

#include "base/result.h"
#include "journal/entry.h"
#include "printing/seller_info.h"

namespace kasse::printing {

inline constexpr const char* kReceiptJsonFormat = "kasse-receipt-1";

// Errors as LayoutReceipt.
Result<std::string> ReceiptJson(const SellerInfo& seller, const journal::JournalEntry& entry);
Result<std::string> ReceiptHtml(const SellerInfo& seller, const journal::JournalEntry& entry);

}  // namespace kasse::printing
