#include "journal/entry_check.h"

#include "domain/receipt_validation.h"
#include "fiscal/process_data.h"
#include "fiscal/receipt_qr.h"
#include "signing/tse_qr_code.h"

namespace kasse::journal {
namespace {

constexpr int kLastVariableRateKey = 4;  // UST_SCHLUESSEL 1–4 carry the rate in force at the time

Status Invalid(std::string_view field, const std::string& message) { return Status::InvalidArgument(field, message); }

}  // namespace

Result<VatTable> TableAsStated(const std::vector<VatTotals>& stated, const VatTable& table) {
  VatTable as_stated = table;
  for (size_t i = 0; i < stated.size(); ++i) {
    const VatTotals& vat = stated[i];
    if (vat.key.value() >= 1 && vat.key.value() <= kLastVariableRateKey) {
      Status set = as_stated.SetRate(vat.key, vat.rate);
      if (!set.ok()) return set.WithFieldPrefix("payload." + IndexedField("vat", i));
    }
  }
  return as_stated;
}

namespace {

Status CheckTotals(const ReceiptEntry& entry, const ReceiptTotals& totals) {
  if (entry.vat.size() != totals.vat.size()) {
    return Invalid("payload.vat", "lists " + std::to_string(entry.vat.size()) + " VAT keys; the lines use " +
                                      std::to_string(totals.vat.size()));
  }
  for (size_t i = 0; i < totals.vat.size(); ++i) {
    const VatTotals& stated = entry.vat[i];
    const VatTotals& computed = totals.vat[i];
    if (stated.key != computed.key || stated.rate != computed.rate || stated.slot != computed.slot ||
        stated.gross != computed.gross || stated.net != computed.net || stated.vat != computed.vat) {
      return Invalid("payload." + IndexedField("vat", i),
                     "does not match the lines: key " + std::to_string(computed.key.value()) + " gross " +
                         computed.gross.ToString() + " net " + computed.net.ToString() + " VAT " +
                         computed.vat.ToString());
    }
  }
  if (entry.total != totals.total) {
    return Invalid("payload.total_cents",
                   "is " + entry.total.ToString() + "; the lines add up to " + totals.total.ToString());
  }
  if (entry.change != totals.change) {
    return Invalid("payload.change_cents",
                   "is " + entry.change.ToString() + "; the payments give " + totals.change.ToString());
  }
  return Status::Ok();
}

Status CheckTse(const JournalEntry& entry, const TseRecord& tse, const std::string& process_data) {
  if (!tse.transaction) {
    if (tse.failure.empty()) return Invalid("payload.tse", "is neither signed nor marked as failed");
    return Status::Ok();
  }
  const signing::TseTransaction& tx = *tse.transaction;
  if (tx.client_id != entry.register_id.value()) {
    return Invalid("payload.tse.transaction.client_id", "is not the register " + entry.register_id.value());
  }
  if (tx.process_type != fiscal::kProcessTypeKassenbeleg) {
    return Invalid("payload.tse.transaction.process_type", "must be Kassenbeleg-V1");
  }
  if (tx.process_data != process_data) {
    return Invalid("payload.tse.transaction.process_data",
                   "signs '" + tx.process_data + "' but the entry yields '" + process_data + "'");
  }
  Result<fiscal::ReceiptQrCode> code = signing::ReceiptQrOf(tx);
  if (!code.ok()) return code.status().WithFieldPrefix("payload");
  Status verified = fiscal::VerifyReceiptQr(*code);
  if (!verified.ok()) return Invalid("payload.tse.transaction", "signature check failed: " + verified.message());
  return Status::Ok();
}

Status CheckReceipt(const JournalEntry& entry, const ReceiptEntry& receipt, const VatTable& vat_table) {
  Result<VatTable> table = TableAsStated(receipt.vat, vat_table);
  if (!table.ok()) return table.status();
  Result<ReceiptTotals> totals = ValidateReceipt(receipt.receipt, *table);
  if (!totals.ok()) return totals.status().WithFieldPrefix("payload");
  KASSE_RETURN_IF_ERROR(CheckTotals(receipt, *totals));
  return CheckTse(entry, receipt.tse, fiscal::KassenbelegProcessData(receipt.receipt, *totals));
}

Status CheckCashMovement(const JournalEntry& entry, const CashMovementEntry& movement) {
  if (movement.amount.is_zero()) return Invalid("payload.amount_cents", "must not be zero");
  if (Abs(movement.amount).cents() > Money::kMaxCents) return Invalid("payload.amount_cents", "is too large");
  return CheckTse(entry, movement.tse, fiscal::CashMovementProcessData(movement.amount));
}

}  // namespace

Status CheckEntry(const JournalEntry& entry, const VatTable& vat_table) {
  if (const auto* receipt = std::get_if<ReceiptEntry>(&entry.payload)) {
    return CheckReceipt(entry, *receipt, vat_table);
  }
  if (const auto* movement = std::get_if<CashMovementEntry>(&entry.payload)) {
    return CheckCashMovement(entry, *movement);
  }
  return Status::Ok();  // shift and outage notes carry no amounts and no signature
}

}  // namespace kasse::journal
