#include "printing/detail/document_frame.h"

#include "printing/detail/local_time.h"

namespace kasse::printing::detail {
namespace {

void AddTimes(Printout& out, int64_t started_ms, int64_t finished_ms) {
  std::optional<LocalTime> start = GermanLocalTime(started_ms);
  std::optional<LocalTime> end = GermanLocalTime(finished_ms);
  bool same_day = start && end && FormatDate(*start) == FormatDate(*end);
  std::string begin = !start     ? IsoUtcOrInvalid(started_ms)
                      : same_day ? FormatClockWithZone(*start)
                                 : FormatDateTime(*start);
  out.AddLeftRight("Beginn " + begin, "Ende " + (end ? FormatClockWithZone(*end) : IsoUtcOrInvalid(finished_ms)));
}

}  // namespace

Status CheckRegister(const SellerInfo& seller, const journal::JournalEntry& entry) {
  if (seller.register_id == entry.register_id) return Status::Ok();
  return Status::InvalidArgument("register_id", "the entry belongs to register '" + entry.register_id.value() +
                                                    "', the seller information to '" + seller.register_id.value() +
                                                    "'");
}

Result<const journal::ReceiptEntry*> ReceiptPayload(const SellerInfo& seller, const journal::JournalEntry& entry) {
  const auto* receipt = std::get_if<journal::ReceiptEntry>(&entry.payload);
  if (receipt == nullptr) return Status::InvalidArgument("payload", "the entry is no receipt");
  KASSE_RETURN_IF_ERROR(CheckRegister(seller, entry));
  return receipt;
}

void AddSellerHeader(Printout& out, const SellerInfo& seller) {
  out.AddCentered(seller.business_name, LineStyle::kBold);
  if (!seller.store_name.empty()) out.AddCentered(seller.store_name);
  out.AddCentered(seller.street);
  out.AddCentered(seller.postcode + " " + seller.city);
  if (!seller.vat_id.empty()) out.AddCentered("USt-IdNr. " + seller.vat_id);
  if (!seller.tax_number.empty()) out.AddCentered("St.-Nr. " + seller.tax_number);
}

void AddIdentity(Printout& out, const Identity& identity) {
  std::optional<LocalTime> end = GermanLocalTime(identity.finished_ms);
  out.AddLeftRight("Bon-Nr. " + std::to_string(identity.receipt_number),
                   "Datum " + (end ? FormatDate(*end) : std::string("ungültig")));
  AddTimes(out, identity.started_ms, identity.finished_ms);
  out.AddLeftRight("Kasse " + identity.register_id.value(), "Kassierer " + identity.cashier.name);
}

void AddFooter(Printout& out, const SellerInfo& seller) {
  if (seller.footer.empty()) return;
  out.AddBlank();
  out.AddCentered(seller.footer);
}

}  // namespace kasse::printing::detail
