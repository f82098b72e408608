#include "journal/entry.h"

#include <array>
#include <utility>

namespace kasse::journal {
namespace {

constexpr std::array<std::pair<CashMovementKind, std::string_view>, 7> kCashMovementNames = {{
    {CashMovementKind::kOpeningFloat, "Anfangsbestand"},
    {CashMovementKind::kPrivateDeposit, "Privateinlage"},
    {CashMovementKind::kPrivateWithdrawal, "Privatentnahme"},
    {CashMovementKind::kDeposit, "Einzahlung"},
    {CashMovementKind::kPayout, "Auszahlung"},
    {CashMovementKind::kTransit, "Geldtransit"},
    {CashMovementKind::kDifference, "DifferenzSollIst"},
}};

struct KindNamer {
  std::string_view operator()(const ShiftOpened&) const { return "shift_opened"; }
  std::string_view operator()(const ReceiptEntry&) const { return "receipt"; }
  std::string_view operator()(const CashMovementEntry&) const { return "cash_movement"; }
  std::string_view operator()(const ShiftClosed&) const { return "shift_closed"; }
  std::string_view operator()(const TseOutageStarted&) const { return "tse_outage_started"; }
  std::string_view operator()(const TseOutageEnded&) const { return "tse_outage_ended"; }
};

}  // namespace

std::string_view CashMovementKindName(CashMovementKind kind) {
  for (const auto& [value, name] : kCashMovementNames) {
    if (value == kind) return name;
  }
  return "";
}

std::optional<CashMovementKind> CashMovementKindFromName(std::string_view name) {
  for (const auto& [value, known] : kCashMovementNames) {
    if (known == name) return value;
  }
  return std::nullopt;
}

std::string_view KindName(const Payload& payload) { return std::visit(KindNamer{}, payload); }

std::optional<int64_t> ReceiptNumberOf(const Payload& payload) {
  if (const auto* receipt = std::get_if<ReceiptEntry>(&payload)) return receipt->receipt_number;
  if (const auto* movement = std::get_if<CashMovementEntry>(&payload)) return movement->receipt_number;
  return std::nullopt;
}

std::string OriginalKey(const ReceiptReference& original) {
  return original.register_id.value() + "/" + original.receipt_id.value();
}

std::optional<std::string> OriginalKeyOf(const Payload& payload) {
  const auto* receipt = std::get_if<ReceiptEntry>(&payload);
  if (receipt == nullptr || !receipt->receipt.original) return std::nullopt;
  return OriginalKey(*receipt->receipt.original);
}

}  // namespace kasse::journal
