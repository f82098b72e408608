// RegisterService: one register's operations (shift, sale, return, cash, closing),
// each made durable and signed before it counts.
//
// It drives the pure Sale state machine and, for every accepted step, writes the
// new state to the JournalStore in one transaction. The signing unit is called
// inside that transaction, so with the software unit its counters commit with
// the step. A step that cannot be stored (disk full, I/O error) is refused with
// the store's error and leaves the in-memory state as it was.
//
// TSE rules (docs/fiscal.md §1, §2):
//  - the transaction starts with the first item and is finished, with the full
//    processData, before the sale counts as done (and before any receipt prints);
//  - an unreachable unit does not stop selling: the entry records the failure
//    ("TSE ausgefallen"), the outage's start and end are journaled (TV-14), and a
//    sale whose start failed is never signed later;
//  - on start-up an interrupted sale is finished as AVBelegabbruch, and
//    transactions the unit still holds open for this register without a sale in
//    the database are finished as aborts too.
//
// Thread-safety: one thread at a time (the local API serialises calls).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "base/clock.h"
#include "base/result.h"
#include "journal/entry.h"
#include "register/journal_store.h"
#include "register/receipt_directory.h"
#include "register/sale.h"
#include "signing/signing_unit.h"

namespace kasse::reg {

struct ShiftState {
  bool open = false;
  journal::Cashier cashier;
  int64_t closing_number = 1;  // the Z number the next closing gets
};

class RegisterService {
 public:
  RegisterService(RegisterId register_id, const VatTable& vat_table, JournalStore& store,
                  signing::SigningUnit& signing_unit, Clock& clock);

  // Loads the shift and recovers from an interrupted run. Call once before anything else.
  Status Start();

  const RegisterId& register_id() const { return register_id_; }
  const ShiftState& shift() const { return shift_; }
  const std::optional<TseOutage>& tse_outage() const { return outage_; }
  // The sale being rung up, or nullptr.
  const Sale* sale() const { return sale_ ? &*sale_ : nullptr; }

  Result<journal::JournalEntry> OpenShift(const journal::Cashier& cashier, Money opening_float);
  // The Kassenabschluss: records the counted cash and its difference, and the Z report.
  Result<journal::JournalEntry> CloseShift(Money counted_cash);

  Status AddItem(const SaleItem& item, Quantity quantity);
  Status SetQuantity(size_t line, Quantity quantity);
  Status VoidLine(size_t line);
  Status SetLineDiscount(size_t line, Money discount, const journal::Approval& approval);
  Status SetReceiptDiscount(Money discount, const journal::Approval& approval);

  // Where returns look up sales of the store's other registers (the server); none:
  // only this register's receipts can be returned with a receipt.
  void set_receipt_directory(ReceiptDirectory* directory) { directory_ = directory; }

  // Starts a return against receipt `receipt_number` of register `sold_at` (this
  // register if empty), or, with no number, a return without receipt (flagged).
  Status StartReturn(std::optional<int64_t> receipt_number, const RegisterId& sold_at = RegisterId());
  // Takes back `quantity` (positive) of original line `line` at its original price.
  // During a return against a receipt, AddItem and SetQuantity are held to the same
  // rule: only articles the original sold, at most what it sold minus what was
  // returned already (at any register), and the refund never above what the
  // original still holds. A return against a receipt with nothing left to return
  // is refused at StartReturn.
  Status ReturnLine(size_t line, Quantity quantity);

  // Adds a payment; when it settles the sale, the sale is finished and its
  // journal entry returned.
  Result<std::optional<journal::JournalEntry>> AddPayment(const Payment& payment);
  Status ClearPayments();
  Result<journal::JournalEntry> AbortSale();
  // Leaves the open sale in any state: one where nothing has happened yet (no line,
  // no TSE transaction: an empty return) is discarded without a journal entry
  // (nullopt); any other is aborted as AbortSale does.
  Result<std::optional<journal::JournalEntry>> LeaveSale();
  Result<int64_t> ParkSale();
  Result<std::vector<ParkedSale>> ParkedSales() { return store_.ListParked(); }
  Status ResumeSale(int64_t slot);

  Result<journal::JournalEntry> MoveCash(journal::CashMovementKind kind, Money amount, const std::string& note);

 private:
  template <typename Change>
  Status SaleStep(Change change);
  Sale NewSale() const;
  // Stores `next` as the open sale (a SaleStep that replaces it whole).
  Status CommitSale(const Sale& next);
  bool ReturnsAgainstReceipt() const;
  // Commits `next`, a step of a return against a receipt, if it stays within the
  // original (`original`, or looked up).
  Status ReturnStep(const Sale& next, const OriginalSale* original = nullptr);
  void BeginStep();
  Result<journal::JournalEntry> Finish(const journal::ReceiptEntry& entry);
  Result<journal::JournalEntry> AppendEntry(journal::Payload payload);
  journal::TseRecord StartTransaction();
  journal::TseRecord FinishTransaction(const journal::TseRecord& record, const std::string& process_data);
  Status NoteTseResult(const Status& status);
  Status FlushTseEvents();
  Result<journal::JournalEntry> SignCashMovement(journal::CashMovementKind kind, Money amount, const std::string& note);
  Status AbortInterruptedSale();
  Status AbortOrphanTransactions();
  Status RequireShift() const;
  // The sale `number` of `register_id` with every return made against it so far.
  Result<OriginalSale> FindOriginal(const RegisterId& register_id, int64_t number);

  RegisterId register_id_;
  const VatTable& vat_table_;
  JournalStore& store_;
  signing::SigningUnit& signing_unit_;
  ReceiptDirectory* directory_ = nullptr;
  Clock& clock_;
  ShiftState shift_;
  std::optional<Sale> sale_;
  std::optional<TseOutage> outage_;
  // Outage changes seen during the current step, journaled with it.
  std::vector<journal::Payload> pending_tse_events_;
  std::optional<TseOutage> pending_outage_;
};

}  // namespace kasse::reg
