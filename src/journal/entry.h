// JournalEntry: one record of a register's journal, the signed source of truth.
//
// A register records every finished Vorgang (business event) as one entry, numbered
// consecutively per register from 1 with no gaps (`seq`). The same entries travel
// to the server unchanged, where stock, bookings and reports are derived from
// them. The layout on disk and on the wire is written down in
// docs/journal-format.md; entry_json.h converts both ways.
//
// Kinds:
//  - ShiftOpened / ShiftClosed: a cashier's shift; closing it is the Kassenabschluss
//    (Z report, daily closing) with the next Z number.
//  - ReceiptEntry: a sale, return or aborted sale (AVBelegabbruch), with its TSE record.
//  - CashMovementEntry: cash into or out of the drawer that is not a sale
//    (opening float, Einlage, Entnahme, Geldtransit, counting difference), also signed.
//  - TseOutageStarted / TseOutageEnded: the signing unit failed and came back
//    (AEAO zu §146a Nr. 7.1, TV-14).
//
// Thread-safety: value types.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "domain/ids.h"
#include "domain/money.h"
#include "domain/receipt.h"
#include "domain/receipt_totals.h"
#include "signing/signing_unit.h"

namespace kasse::journal {

struct Cashier {
  std::string id;    // DSFinV-K BEDIENER_ID
  std::string name;  // BEDIENER_NAME
};

// What the signing unit did for one Vorgang. In a journal entry it holds either the
// finished transaction, or the reason the unit could not sign (DSFinV-K
// TSE_TA_FEHLER); a Vorgang signed in part (the unit failed between start and
// finish) also keeps the start in `started`. While a sale is still being rung up,
// only `started` is set.
struct TseRecord {
  std::optional<signing::TseTransaction> transaction;
  std::optional<signing::TseStarted> started;  // only when the finish failed
  std::string failure;                         // empty when signed

  bool signed_ok() const { return transaction.has_value(); }
};

// A manager's approval of a discount: who, and why.
struct Approval {
  std::string manager_id;
  std::string reason;
};

struct ShiftOpened {
  Cashier cashier;
};

struct ReceiptEntry {
  int64_t receipt_number = 0;  // BON_NR, consecutive per register over receipts and cash movements
  Cashier cashier;
  Receipt receipt;
  // The VAT breakdown and total as printed: the rates in force at the time of the
  // sale, kept so that a later rate change never alters a past receipt.
  std::vector<VatTotals> vat;
  Money total;
  Money change;
  int64_t started_ms = 0;   // first item (register clock, UTC)
  int64_t finished_ms = 0;  // payment done or abort
  std::optional<Approval> discount_approval;
  TseRecord tse;
};

// GV_TYP of DSFinV-K for cash that moves without a sale.
enum class CashMovementKind {
  kOpeningFloat,       // Anfangsbestand
  kPrivateDeposit,     // Privateinlage
  kPrivateWithdrawal,  // Privatentnahme
  kDeposit,            // Einzahlung (e.g. change money brought in)
  kPayout,             // Auszahlung (e.g. a small purchase paid from the drawer)
  kTransit,            // Geldtransit (drawer to safe or bank, or back)
  kDifference,         // DifferenzSollIst: counted minus expected at closing
};

std::string_view CashMovementKindName(CashMovementKind kind);  // "Anfangsbestand", …
std::optional<CashMovementKind> CashMovementKindFromName(std::string_view name);

struct CashMovementEntry {
  int64_t receipt_number = 0;
  Cashier cashier;
  CashMovementKind kind = CashMovementKind::kDeposit;
  Money amount;  // positive into the drawer, negative out of it
  std::string note;
  int64_t started_ms = 0;
  int64_t finished_ms = 0;
  TseRecord tse;
};

// Totals of one payment method over a closing.
struct PaymentTotal {
  PaymentMethod method = PaymentMethod::kCash;
  std::string currency;  // "EUR" or the foreign cash currency
  Money amount;          // in euro
};

struct ShiftClosed {
  int64_t z_number = 0;  // Z_NR, consecutive per register from 1
  Cashier cashier;
  int64_t first_receipt_number = 0;  // Z_START_ID; 0 when the closing holds no receipt
  int64_t last_receipt_number = 0;   // Z_ENDE_ID
  Money expected_cash;               // opening float + cash sales + cash movements
  Money counted_cash;
  Money difference;            // counted − expected
  Money sales_total;           // Σ of Beleg receipts (returns included)
  std::vector<VatTotals> vat;  // Beleg receipts per VAT key
  std::vector<PaymentTotal> payments;
};

struct TseOutageStarted {
  std::string reason;
};

struct TseOutageEnded {
  int64_t started_ms = 0;
  std::string reason;
};

using Payload =
    std::variant<ShiftOpened, ReceiptEntry, CashMovementEntry, ShiftClosed, TseOutageStarted, TseOutageEnded>;

struct JournalEntry {
  int64_t seq = 0;             // 1, 2, 3, … per register
  RegisterId register_id;      // also the TSE client id and DSFinV-K Z_KASSE_ID
  int64_t closing_number = 0;  // the Z number this entry is (or will be) closed under
  int64_t recorded_ms = 0;     // when it was written (register clock, UTC)
  Payload payload;
};

// "shift_opened", "receipt", "cash_movement", "shift_closed", "tse_outage_started", "tse_outage_ended".
std::string_view KindName(const Payload& payload);

// The receipt number (BON_NR) of a receipt or cash movement; none for other kinds.
std::optional<int64_t> ReceiptNumberOf(const Payload& payload);

// "<register id>/<receipt id>": how journals index the sale a return refers to.
std::string OriginalKey(const ReceiptReference& original);
// The OriginalKey of a return; none for anything else.
std::optional<std::string> OriginalKeyOf(const Payload& payload);

}  // namespace kasse::journal
