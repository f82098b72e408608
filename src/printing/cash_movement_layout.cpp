#include "printing/cash_movement_layout.h"

#include "printing/detail/document_frame.h"
#include "printing/detail/tse_block.h"

namespace kasse::printing {
namespace {

void AddMovement(Printout& out, const journal::JournalEntry& entry, const journal::CashMovementEntry& movement) {
  std::string_view title = movement.amount.is_negative() ? "KASSENENTNAHME" : "KASSENEINLAGE";
  out.AddCentered("*** " + std::string(title) + " ***", LineStyle::kBold);
  out.AddLeftRight("Art", CashMovementLabel(movement.kind));
  detail::AddIdentity(
      out, {movement.receipt_number, movement.started_ms, movement.finished_ms, entry.register_id, movement.cashier});
  out.AddRule();
  out.AddLeftRight("BETRAG EUR", movement.amount.ToGermanString(), LineStyle::kTotal);
  if (!movement.note.empty()) out.Add("Notiz: " + movement.note);
}

void AddSignatureLine(Printout& out) {
  out.AddBlank();
  out.AddBlank();
  out.Add(std::string(Printout::kColumns, '_'));
  out.Add("Unterschrift");
}

}  // namespace

std::string_view CashMovementLabel(journal::CashMovementKind kind) {
  switch (kind) {
    case journal::CashMovementKind::kOpeningFloat: return "Anfangsbestand";
    case journal::CashMovementKind::kPrivateDeposit: return "Privateinlage";
    case journal::CashMovementKind::kPrivateWithdrawal: return "Privatentnahme";
    case journal::CashMovementKind::kDeposit: return "Einzahlung";
    case journal::CashMovementKind::kPayout: return "Auszahlung";
    case journal::CashMovementKind::kTransit: return "Geldtransit";
    case journal::CashMovementKind::kDifference: return "Kassendifferenz (Soll/Ist)";
  }
  return "Kassenbewegung";
}

Result<Printout> LayoutCashMovement(const SellerInfo& seller, const journal::JournalEntry& entry) {
  const auto* movement = std::get_if<journal::CashMovementEntry>(&entry.payload);
  if (movement == nullptr) return Status::InvalidArgument("payload", "the entry is no cash movement");
  KASSE_RETURN_IF_ERROR(detail::CheckRegister(seller, entry));
  Printout out;
  detail::AddSellerHeader(out, seller);
  out.AddRule();
  AddMovement(out, entry, *movement);
  detail::AddTseBlock(out, movement->tse);
  AddSignatureLine(out);
  return out;
}

}  // namespace kasse::printing
