#include "register/register_service.h"

#include <algorithm>
#include <set>

#include "domain/receipt_validation.h"
#include "fiscal/process_data.h"

namespace kasse::reg {
namespace {

constexpr const char* kProcessType = fiscal::kProcessTypeKassenbeleg;

std::string Reason(const Status& status) { return "TSE ausgefallen: " + status.message(); }

}  // namespace

RegisterService::RegisterService(RegisterId register_id, const VatTable& vat_table, JournalStore& store,
                                 signing::SigningUnit& signing_unit, Clock& clock)
    : register_id_(std::move(register_id)),
      vat_table_(vat_table),
      store_(store),
      signing_unit_(signing_unit),
      clock_(clock) {}

Status RegisterService::Start() {
  Result<std::optional<TseOutage>> outage = store_.LoadOutage();
  if (!outage.ok()) return outage.status();
  outage_ = *outage;
  Result<int64_t> last_z = store_.LastZNumber();
  if (!last_z.ok()) return last_z.status();
  shift_ = ShiftState{};
  shift_.closing_number = *last_z + 1;
  Result<std::vector<journal::JournalEntry>> entries = store_.ReadClosing(shift_.closing_number);
  if (!entries.ok()) return entries.status();
  for (const journal::JournalEntry& entry : *entries) {
    if (const auto* opened = std::get_if<journal::ShiftOpened>(&entry.payload)) {
      shift_.open = true;
      shift_.cashier = opened->cashier;
    }
  }
  KASSE_RETURN_IF_ERROR(AbortInterruptedSale());
  return AbortOrphanTransactions();
}

Status RegisterService::RequireShift() const {
  if (!shift_.open) return Status::Conflict("shift", "no shift is open; open one with a cashier and a float");
  return Status::Ok();
}

// --- the signing unit -------------------------------------------------------

Status RegisterService::NoteTseResult(const Status& status) {
  if (!status.ok() && !pending_outage_) {
    pending_outage_ = TseOutage{clock_.NowUnixMillis(), Reason(status)};
    pending_tse_events_.emplace_back(journal::TseOutageStarted{pending_outage_->reason});
  } else if (status.ok() && pending_outage_) {
    pending_tse_events_.emplace_back(journal::TseOutageEnded{pending_outage_->started_ms, pending_outage_->reason});
    pending_outage_.reset();
  }
  return status;
}

void RegisterService::BeginStep() {
  pending_tse_events_.clear();
  pending_outage_ = outage_;
}

Status RegisterService::FlushTseEvents() {
  if (pending_tse_events_.empty() && pending_outage_.has_value() == outage_.has_value()) return Status::Ok();
  for (journal::Payload& event : pending_tse_events_) {
    Result<journal::JournalEntry> appended = AppendEntry(std::move(event));
    if (!appended.ok()) return appended.status();
  }
  pending_tse_events_.clear();
  return store_.SaveOutage(pending_outage_);
}

journal::TseRecord RegisterService::StartTransaction() {
  journal::TseRecord record;
  Result<signing::TseStarted> started = signing_unit_.StartTransaction(register_id_.value(), kProcessType, "");
  (void)NoteTseResult(started.status());
  if (started.ok()) {
    record.started = *started;
  } else {
    record.failure = Reason(started.status());
  }
  return record;
}

journal::TseRecord RegisterService::FinishTransaction(const journal::TseRecord& record,
                                                      const std::string& process_data) {
  if (!record.started) return record;  // the start failed: never signed later (TV-14)
  journal::TseRecord finished = record;
  Result<signing::TseSignature> signature = signing_unit_.FinishTransaction(
      register_id_.value(), record.started->transaction_number, kProcessType, process_data);
  Result<signing::TseInfo> info = signature.ok() ? signing_unit_.Info() : Result<signing::TseInfo>(signature.status());
  (void)NoteTseResult(info.status());
  if (!info.ok()) {
    finished.failure = Reason(info.status());
    return finished;
  }
  signing::TseTransaction tx;
  tx.client_id = register_id_.value();
  tx.transaction_number = record.started->transaction_number;
  tx.process_type = kProcessType;
  tx.process_data = process_data;
  tx.start = record.started->signature;
  tx.finish = *signature;
  tx.unit = *info;
  finished.transaction = std::move(tx);
  finished.started.reset();
  return finished;
}

// --- journal ----------------------------------------------------------------

Result<journal::JournalEntry> RegisterService::AppendEntry(journal::Payload payload) {
  journal::JournalEntry entry;
  entry.register_id = register_id_;
  entry.closing_number = shift_.closing_number;
  entry.recorded_ms = clock_.NowUnixMillis();
  entry.payload = std::move(payload);
  return store_.Append(std::move(entry));
}

template <typename Change>
Status RegisterService::SaleStep(Change change) {
  KASSE_RETURN_IF_ERROR(RequireShift());
  Sale next = sale_ ? *sale_ : NewSale();
  KASSE_RETURN_IF_ERROR(change(next));
  BeginStep();
  Result<storage::SqliteTransaction> tx = store_.Begin();
  if (!tx.ok()) return tx.status();
  journal::TseRecord& tse = next.mutable_tse();
  if (!next.empty() && !tse.started && tse.failure.empty()) tse = StartTransaction();  // the first item
  KASSE_RETURN_IF_ERROR(FlushTseEvents());
  KASSE_RETURN_IF_ERROR(store_.SaveActiveSale(next.draft()));
  KASSE_RETURN_IF_ERROR(tx->Commit());
  outage_ = pending_outage_;
  sale_ = std::move(next);
  return Status::Ok();
}

Sale RegisterService::NewSale() const {
  journal::ReceiptEntry draft;
  draft.cashier = shift_.cashier;
  draft.started_ms = clock_.NowUnixMillis();
  return Sale(vat_table_, std::move(draft));
}

Status RegisterService::CommitSale(const Sale& next) {
  return SaleStep([&](Sale& sale) {
    sale = next;
    return Status::Ok();
  });
}

bool RegisterService::ReturnsAgainstReceipt() const { return sale_ && sale_->draft().receipt.original.has_value(); }

Status RegisterService::AddItem(const SaleItem& item, Quantity quantity) {
  if (ReturnsAgainstReceipt()) {
    Sale next = *sale_;
    KASSE_RETURN_IF_ERROR(next.AddItem(item, quantity));
    return ReturnStep(next);
  }
  return SaleStep([&](Sale& sale) { return sale.AddItem(item, quantity); });
}

Status RegisterService::SetQuantity(size_t line, Quantity quantity) {
  if (!sale_) return Status::Conflict("sale", "no sale is open");
  if (ReturnsAgainstReceipt()) {
    Sale next = *sale_;
    KASSE_RETURN_IF_ERROR(next.SetQuantity(line, quantity));
    return ReturnStep(next);
  }
  return SaleStep([&](Sale& sale) { return sale.SetQuantity(line, quantity); });
}

Status RegisterService::VoidLine(size_t line) {
  if (!sale_) return Status::Conflict("sale", "no sale is open");
  return SaleStep([&](Sale& sale) { return sale.VoidLine(line); });
}

Status RegisterService::SetLineDiscount(size_t line, Money discount, const journal::Approval& approval) {
  if (!sale_) return Status::Conflict("sale", "no sale is open");
  return SaleStep([&](Sale& sale) { return sale.SetLineDiscount(line, discount, approval); });
}

Status RegisterService::SetReceiptDiscount(Money discount, const journal::Approval& approval) {
  if (!sale_) return Status::Conflict("sale", "no sale is open");
  return SaleStep([&](Sale& sale) { return sale.SetReceiptDiscount(discount, approval); });
}

Status RegisterService::ClearPayments() {
  if (!sale_) return Status::Conflict("sale", "no sale is open");
  return SaleStep([&](Sale& sale) {
    sale.ClearPayments();
    return Status::Ok();
  });
}

// --- finishing ----------------------------------------------------------------

Result<journal::JournalEntry> RegisterService::Finish(const journal::ReceiptEntry& completed) {
  journal::ReceiptEntry entry = completed;
  entry.finished_ms = clock_.NowUnixMillis();
  Result<ReceiptTotals> totals = ValidateReceipt(entry.receipt, vat_table_);
  if (!totals.ok()) return totals.status();
  BeginStep();
  Result<storage::SqliteTransaction> tx = store_.Begin();
  if (!tx.ok()) return tx.status();
  entry.tse = FinishTransaction(entry.tse, fiscal::KassenbelegProcessData(entry.receipt, *totals));
  KASSE_RETURN_IF_ERROR(FlushTseEvents());
  Result<int64_t> last_receipt = store_.LastReceiptNumber();
  if (!last_receipt.ok()) return last_receipt.status();
  entry.receipt_number = *last_receipt + 1;
  Result<journal::JournalEntry> appended = AppendEntry(entry);
  if (!appended.ok()) return appended.status();
  KASSE_RETURN_IF_ERROR(store_.ClearActiveSale());
  KASSE_RETURN_IF_ERROR(tx->Commit());
  outage_ = pending_outage_;
  sale_.reset();
  return appended;
}

Result<std::optional<journal::JournalEntry>> RegisterService::AddPayment(const Payment& payment) {
  if (!sale_ || sale_->empty()) return Status::Conflict("sale", "there is nothing to pay");
  Sale next = *sale_;
  KASSE_RETURN_IF_ERROR(next.AddPayment(payment));
  if (next.CheckComplete().ok()) {
    Result<journal::JournalEntry> finished = Finish(next.Complete());
    if (!finished.ok()) return finished.status();
    return std::optional<journal::JournalEntry>(std::move(finished).value());
  }
  KASSE_RETURN_IF_ERROR(CommitSale(next));
  return std::optional<journal::JournalEntry>();
}

Result<journal::JournalEntry> RegisterService::AbortSale() {
  if (!sale_) return Status::Conflict("sale", "no sale is open");
  return Finish(sale_->Abort());
}

Result<std::optional<journal::JournalEntry>> RegisterService::LeaveSale() {
  if (!sale_) return Status::Conflict("sale", "no sale is open");
  if (!sale_->untouched()) {
    Result<journal::JournalEntry> aborted = AbortSale();
    if (!aborted.ok()) return aborted.status();
    return std::optional<journal::JournalEntry>(std::move(aborted).value());
  }
  Result<storage::SqliteTransaction> tx = store_.Begin();
  if (!tx.ok()) return tx.status();
  KASSE_RETURN_IF_ERROR(store_.ClearActiveSale());
  KASSE_RETURN_IF_ERROR(tx->Commit());
  sale_.reset();
  return std::optional<journal::JournalEntry>();
}

Result<int64_t> RegisterService::ParkSale() {
  if (!sale_ || sale_->empty()) return Status::Conflict("sale", "there is no sale to park");
  if (sale_->has_payments()) return Status::Conflict("payments", "a sale being paid cannot be parked");
  Result<storage::SqliteTransaction> tx = store_.Begin();
  if (!tx.ok()) return tx.status();
  Result<int64_t> slot = store_.Park(sale_->draft(), clock_.NowUnixMillis());
  if (!slot.ok()) return slot.status();
  KASSE_RETURN_IF_ERROR(store_.ClearActiveSale());
  KASSE_RETURN_IF_ERROR(tx->Commit());
  sale_.reset();
  return slot;
}

Status RegisterService::ResumeSale(int64_t slot) {
  KASSE_RETURN_IF_ERROR(RequireShift());
  if (sale_ && !sale_->empty()) return Status::Conflict("sale", "park or finish the current sale first");
  Result<std::vector<ParkedSale>> parked = store_.ListParked();
  if (!parked.ok()) return parked.status();
  auto found = std::find_if(parked->begin(), parked->end(), [&](const ParkedSale& p) { return p.slot == slot; });
  if (found == parked->end()) return Status::NotFound("slot", "no parked sale " + std::to_string(slot));
  Result<storage::SqliteTransaction> tx = store_.Begin();
  if (!tx.ok()) return tx.status();
  KASSE_RETURN_IF_ERROR(store_.RemoveParked(slot));
  KASSE_RETURN_IF_ERROR(store_.SaveActiveSale(found->draft));
  KASSE_RETURN_IF_ERROR(tx->Commit());
  sale_ = Sale(vat_table_, found->draft);
  return Status::Ok();
}

// --- cash and shifts ----------------------------------------------------------

Result<journal::JournalEntry> RegisterService::SignCashMovement(journal::CashMovementKind kind, Money amount,
                                                                const std::string& note) {
  journal::CashMovementEntry movement;
  movement.cashier = shift_.cashier;
  movement.kind = kind;
  movement.amount = amount;
  movement.note = note;
  movement.started_ms = clock_.NowUnixMillis();
  journal::TseRecord started = StartTransaction();
  movement.finished_ms = clock_.NowUnixMillis();
  movement.tse = FinishTransaction(started, fiscal::CashMovementProcessData(amount));
  KASSE_RETURN_IF_ERROR(FlushTseEvents());
  Result<int64_t> last_receipt = store_.LastReceiptNumber();
  if (!last_receipt.ok()) return last_receipt.status();
  movement.receipt_number = *last_receipt + 1;
  return AppendEntry(movement);
}

Result<journal::JournalEntry> RegisterService::MoveCash(journal::CashMovementKind kind, Money amount,
                                                        const std::string& note) {
  KASSE_RETURN_IF_ERROR(RequireShift());
  if (kind == journal::CashMovementKind::kOpeningFloat || kind == journal::CashMovementKind::kDifference) {
    return Status::InvalidArgument("kind", "the opening float and the counting difference are recorded by the shift");
  }
  if (amount.is_zero()) return Status::InvalidArgument("amount", "must not be zero");
  bool into_drawer = kind == journal::CashMovementKind::kPrivateDeposit || kind == journal::CashMovementKind::kDeposit;
  bool out_of_drawer =
      kind == journal::CashMovementKind::kPrivateWithdrawal || kind == journal::CashMovementKind::kPayout;
  if ((into_drawer && amount.is_negative()) || (out_of_drawer && amount.is_positive())) {
    return Status::InvalidArgument("amount",
                                   into_drawer ? "a deposit must be positive" : "a withdrawal must be negative");
  }
  if (Abs(amount).cents() > Money::kMaxCents) return Status::OutOfRange("amount", "is too large");
  BeginStep();
  Result<storage::SqliteTransaction> tx = store_.Begin();
  if (!tx.ok()) return tx.status();
  Result<journal::JournalEntry> entry = SignCashMovement(kind, amount, note);
  if (!entry.ok()) return entry.status();
  KASSE_RETURN_IF_ERROR(tx->Commit());
  outage_ = pending_outage_;
  return entry;
}

}  // namespace kasse::reg
