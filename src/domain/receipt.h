// Receipt: a sale, return or other Vorgang (business event) as the register records it.
//
// This is the input a cashier builds: lines, an optional receipt discount, the
// payments, and for a return the original receipt it refers to. Everything
// derived from it (line amounts, VAT breakdown, change) is computed by
// ValidateReceipt, which also checks it; see receipt_validation.h.
//
// Conventions:
//  - unit_price is the gross price per piece or per kg/l/m and never negative.
//  - A returned item is a line with a negative quantity; a receipt with one must
//    name its original or be flagged as a return without receipt. A return is a new Beleg with negative amounts, not an
//    AVBelegstorno (a TSE cannot sign that; docs/fiscal.md §2).
//  - Discounts are positive amounts that reduce a line's magnitude.
//
// Thread-safety: a value type.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/ids.h"
#include "domain/money.h"
#include "domain/payment.h"
#include "domain/quantity.h"
#include "domain/vat.h"

namespace kasse {

// The Vorgangstyp in processData and DSFinV-K BON_TYP.
enum class ReceiptType {
  kBeleg,           // a sale or return
  kAVRechnung,      // invoice
  kAVTransfer,      // transfer between registers
  kAVBestellung,    // order
  kAVTraining,      // training mode
  kAVBelegstorno,   // listed by DSFinV-K, but no TSE can sign it: rejected
  kAVBelegabbruch,  // aborted receipt
  kAVSachbezug,     // benefit in kind
  kAVSonstige,      // other
};

std::string_view ReceiptTypeName(ReceiptType type);  // "Beleg", "AVBelegabbruch", …

struct ReceiptLine {
  ArticleNumber article;
  std::string text;  // as printed, DSFinV-K ARTIKELTEXT
  Quantity quantity;
  Money unit_price;
  Money line_discount;
  VatKey vat_key{1};
  ProductGroupId product_group;
};

// Where a return points to: the original's register, closing number and receipt
// (DSFinV-K references.csv REF_Z_KASSE_ID, REF_Z_NR, REF_BON_ID).
struct ReceiptReference {
  RegisterId register_id;
  int64_t closing_number = 0;
  ReceiptId receipt_id;
};

struct Receipt {
  ReceiptType type = ReceiptType::kBeleg;
  std::vector<ReceiptLine> lines;
  Money receipt_discount;
  std::vector<Payment> payments;
  std::optional<ReceiptReference> original;
  // A return whose original receipt the customer cannot show: allowed, and
  // flagged for review (the register records who approved it).
  bool return_without_receipt = false;
};

}  // namespace kasse
