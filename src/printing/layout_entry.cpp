#include "printing/layout_entry.h"

#include "printing/cash_movement_layout.h"
#include "printing/receipt_layout.h"
#include "printing/z_report_layout.h"

namespace kasse::printing {

Result<Printout> LayoutEntry(const SellerInfo& seller, const journal::JournalEntry& entry) {
  if (std::holds_alternative<journal::ReceiptEntry>(entry.payload)) return LayoutReceipt(seller, entry);
  if (std::holds_alternative<journal::CashMovementEntry>(entry.payload)) return LayoutCashMovement(seller, entry);
  if (std::holds_alternative<journal::ShiftClosed>(entry.payload)) return LayoutZReport(seller, entry);
  return Status::InvalidArgument("payload",
                                 "a " + std::string(journal::KindName(entry.payload)) + " entry has no printout");
}

}  // namespace kasse::printing
