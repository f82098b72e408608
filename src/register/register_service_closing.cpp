// RegisterService: shifts, the Kassenabschluss, and recovery at start-up.
#include <map>
#include <set>

#include "fiscal/process_data.h"
#include "register/register_service.h"

namespace kasse::reg {
namespace {

// Cash in the drawer and the closing's totals, summed from its journal entries.
struct ClosingSums {
  Money expected_cash;
  Money sales_total;
  int64_t first_receipt = 0;
  int64_t last_receipt = 0;
  std::map<int, VatTotals> vat;
  std::map<std::pair<PaymentMethod, std::string>, Money> payments;
};

void AddReceiptNumber(ClosingSums& sums, int64_t number) {
  if (sums.first_receipt == 0) sums.first_receipt = number;
  sums.last_receipt = number;
}

void AddReceipt(ClosingSums& sums, const journal::ReceiptEntry& entry) {
  AddReceiptNumber(sums, entry.receipt_number);
  if (entry.receipt.type != ReceiptType::kBeleg) return;  // only Beleg enters the closing totals
  sums.sales_total += entry.total;
  for (const VatTotals& vat : entry.vat) {
    auto [it, inserted] = sums.vat.try_emplace(vat.key.value(), vat);
    if (!inserted) {
      it->second.gross += vat.gross;
      it->second.net += vat.net;
      it->second.vat += vat.vat;
    }
  }
  for (const Payment& payment : entry.receipt.payments) {
    std::string currency = payment.foreign ? payment.foreign->currency : "EUR";
    sums.payments[{payment.method, currency}] += payment.amount;
    if (payment.method == PaymentMethod::kCash && !payment.foreign) sums.expected_cash += payment.amount;
  }
  if (!entry.change.is_zero()) {
    sums.payments[{PaymentMethod::kCash, "EUR"}] -= entry.change;
    sums.expected_cash -= entry.change;
  }
}

ClosingSums SumClosing(const std::vector<journal::JournalEntry>& entries) {
  ClosingSums sums;
  for (const journal::JournalEntry& entry : entries) {
    if (const auto* receipt = std::get_if<journal::ReceiptEntry>(&entry.payload)) AddReceipt(sums, *receipt);
    if (const auto* movement = std::get_if<journal::CashMovementEntry>(&entry.payload)) {
      AddReceiptNumber(sums, movement->receipt_number);
      if (movement->kind != journal::CashMovementKind::kDifference) sums.expected_cash += movement->amount;
    }
  }
  return sums;
}

}  // namespace

Result<journal::JournalEntry> RegisterService::OpenShift(const journal::Cashier& cashier, Money opening_float) {
  if (shift_.open) return Status::Conflict("shift", "a shift is already open; close it first");
  if (cashier.id.empty() || cashier.name.empty()) return Status::InvalidArgument("cashier", "needs an id and a name");
  if (opening_float.is_negative()) return Status::InvalidArgument("opening_float", "must not be negative");
  if (opening_float.cents() > Money::kMaxCents) return Status::OutOfRange("opening_float", "is too large");
  BeginStep();
  Result<storage::SqliteTransaction> tx = store_.Begin();
  if (!tx.ok()) return tx.status();
  Result<journal::JournalEntry> opened = AppendEntry(journal::ShiftOpened{cashier});
  if (!opened.ok()) return opened.status();
  ShiftState previous = shift_;
  shift_.cashier = cashier;  // the float's entry names the cashier
  if (!opening_float.is_zero()) {
    Result<journal::JournalEntry> float_entry =
        SignCashMovement(journal::CashMovementKind::kOpeningFloat, opening_float, "");
    if (!float_entry.ok()) {
      shift_ = previous;
      return float_entry.status();
    }
  }
  Status committed = tx->Commit();
  if (!committed.ok()) {
    shift_ = previous;
    return committed;
  }
  outage_ = pending_outage_;
  shift_.open = true;
  return opened;
}

Result<journal::JournalEntry> RegisterService::CloseShift(Money counted_cash) {
  KASSE_RETURN_IF_ERROR(RequireShift());
  if (sale_ && !sale_->empty()) return Status::Conflict("sale", "finish or abort the current sale before closing");
  Result<std::vector<ParkedSale>> parked = store_.ListParked();
  if (!parked.ok()) return parked.status();
  if (!parked->empty()) return Status::Conflict("parked", "resume and finish or abort the parked sales before closing");
  if (counted_cash.is_negative()) return Status::InvalidArgument("counted_cash", "must not be negative");
  if (counted_cash.cents() > Money::kMaxCents) return Status::OutOfRange("counted_cash", "is too large");
  Result<std::vector<journal::JournalEntry>> entries = store_.ReadClosing(shift_.closing_number);
  if (!entries.ok()) return entries.status();
  ClosingSums sums = SumClosing(*entries);

  BeginStep();
  Result<storage::SqliteTransaction> tx = store_.Begin();
  if (!tx.ok()) return tx.status();
  if (sale_) KASSE_RETURN_IF_ERROR(store_.ClearActiveSale());  // an empty sale: nothing was started
  Money difference = counted_cash - sums.expected_cash;
  if (!difference.is_zero()) {
    Result<journal::JournalEntry> diff = SignCashMovement(journal::CashMovementKind::kDifference, difference, "");
    if (!diff.ok()) return diff.status();
    AddReceiptNumber(sums, std::get<journal::CashMovementEntry>(diff->payload).receipt_number);
  }
  journal::ShiftClosed closed;
  closed.z_number = shift_.closing_number;
  closed.cashier = shift_.cashier;
  closed.first_receipt_number = sums.first_receipt;
  closed.last_receipt_number = sums.last_receipt;
  closed.expected_cash = sums.expected_cash;
  closed.counted_cash = counted_cash;
  closed.difference = difference;
  closed.sales_total = sums.sales_total;
  for (const auto& [key, vat] : sums.vat) closed.vat.push_back(vat);
  for (const auto& [method_currency, amount] : sums.payments) {
    closed.payments.push_back({method_currency.first, method_currency.second, amount});
  }
  Result<journal::JournalEntry> entry = AppendEntry(closed);
  if (!entry.ok()) return entry.status();
  KASSE_RETURN_IF_ERROR(tx->Commit());
  outage_ = pending_outage_;
  sale_.reset();
  shift_ = ShiftState{false, {}, closed.z_number + 1};
  return entry;
}

Status RegisterService::AbortInterruptedSale() {
  Result<std::optional<journal::ReceiptEntry>> active = store_.LoadActiveSale();
  if (!active.ok()) return active.status();
  if (!*active) return Status::Ok();
  Sale interrupted(vat_table_, **active);
  if (interrupted.empty() && !interrupted.draft().tse.started) {
    BeginStep();
    Result<storage::SqliteTransaction> tx = store_.Begin();
    if (!tx.ok()) return tx.status();
    KASSE_RETURN_IF_ERROR(store_.ClearActiveSale());
    return tx->Commit();
  }
  sale_ = interrupted;
  Result<journal::JournalEntry> aborted = Finish(interrupted.Abort());
  if (!aborted.ok()) sale_.reset();
  return aborted.status();
}

Status RegisterService::AbortOrphanTransactions() {
  Result<std::vector<uint64_t>> open = signing_unit_.OpenTransactions(register_id_.value());
  if (!open.ok()) return Status::Ok();  // an unreachable unit: its open transactions are closed on a later start
  Result<std::vector<ParkedSale>> parked = store_.ListParked();
  if (!parked.ok()) return parked.status();
  std::set<uint64_t> known;
  for (const ParkedSale& sale : *parked) {
    if (sale.draft.tse.started) known.insert(sale.draft.tse.started->transaction_number);
  }
  for (uint64_t number : *open) {
    if (known.contains(number)) continue;
    journal::ReceiptEntry orphan;
    orphan.receipt.type = ReceiptType::kAVBelegabbruch;
    orphan.cashier = shift_.cashier;
    orphan.started_ms = clock_.NowUnixMillis();
    orphan.tse.started = signing::TseStarted{number, {}};
    Result<journal::JournalEntry> aborted = Finish(orphan);
    if (!aborted.ok()) return aborted.status();
  }
  return Status::Ok();
}

}  // namespace kasse::reg
