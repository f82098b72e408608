#include "domain/vat.h"

#include <algorithm>

#include "domain/detail/fixed_point.h"
#include "domain/rounding.h"
#include "domain/text.h"

namespace kasse {
namespace {

constexpr size_t kMaxDescriptionBytes = 55;  // DSFinV-K vat.csv UST_BESCHR

}  // namespace

std::string VatRate::ToString() const { return FormatFixedPoint(basis_points_, 2, '.'); }
std::string VatRate::ToGermanString() const { return FormatFixedPoint(basis_points_, 2, ','); }

VatTable VatTable::Germany() {
  VatTable table;
  table.keys_ = {
      {VatKey(1), VatRate(1900), 1, "Regelsteuersatz"},
      {VatKey(2), VatRate(700), 2, "Ermäßigter Steuersatz"},
      {VatKey(3), VatRate(780), 3, "Durchschnittsatz (§ 24 Abs. 1 Nr. 3 UStG)"},
      {VatKey(4), VatRate(550), 4, "Durchschnittsatz (§ 24 Abs. 1 Nr. 1 UStG)"},
      {VatKey(5), VatRate(0), 5, "Nicht Steuerbar"},
      {VatKey(6), VatRate(0), 5, "Umsatzsteuerfrei"},
      {VatKey(7), VatRate(0), 5, "UmsatzsteuerNichtErmittelbar"},
      {VatKey(8), VatRate(0), 5, "Ermäßigter Steuersatz (§ 12 Abs. 3 UStG)"},
      {VatKey(11), VatRate(1900), 1, "Historischer Regelsteuersatz 19 %"},
      {VatKey(12), VatRate(700), 2, "Historischer ermäßigter Steuersatz 7 %"},
      {VatKey(13), VatRate(1070), 3, "Historischer Durchschnittsatz 10,7 %"},
      {VatKey(21), VatRate(1600), 1, "Historischer Regelsteuersatz 16 %"},
      {VatKey(22), VatRate(500), 2, "Historischer ermäßigter Steuersatz 5 %"},
      {VatKey(23), VatRate(950), 3, "Historischer Durchschnittsatz 9,5 %"},
      {VatKey(33), VatRate(900), 3, "Historischer Durchschnittsatz 9,0 %"},
      {VatKey(43), VatRate(840), 3, "Historischer Durchschnittsatz 8,4 %"},
  };
  return table;
}

VatKeyInfo* VatTable::Find(VatKey key) {
  auto it = std::find_if(keys_.begin(), keys_.end(), [key](const VatKeyInfo& info) { return info.key == key; });
  return it == keys_.end() ? nullptr : &*it;
}

Result<VatKeyInfo> VatTable::Lookup(VatKey key) const {
  auto it = std::find_if(keys_.begin(), keys_.end(), [key](const VatKeyInfo& info) { return info.key == key; });
  if (it == keys_.end()) {
    return Status::NotFound("",
                            "unknown VAT key " + std::to_string(key.value()) +
                                " (DSFinV-K UST_SCHLUESSEL 1–8, 11–13, 21–23, 33, 43 or a configured key from 1000)");
  }
  return *it;
}

Status VatTable::SetRate(VatKey key, VatRate rate) {
  if (key.value() < 1 || key.value() > 4) {
    return Status::InvalidArgument(
        "key", "only keys 1–4 have a configurable rate; key " + std::to_string(key.value()) + " has a fixed rate");
  }
  if (rate.basis_points() <= 0 || rate.basis_points() > VatRate::kHundredPercent) {
    return Status::InvalidArgument("rate", "must be above 0 % and at most 100 %");
  }
  for (int other = 1; other <= 4; ++other) {
    if (other != key.value() && Find(VatKey(other))->rate == rate) {
      return Status::Conflict("rate", rate.ToString() + " % is already the rate of key " + std::to_string(other));
    }
  }
  VatTable changed = *this;
  changed.Find(key)->rate = rate;
  KASSE_RETURN_IF_ERROR(changed.AssignCustomSlots());
  *this = std::move(changed);
  return Status::Ok();
}

Status VatTable::AssignCustomSlots() {
  for (VatKeyInfo& info : keys_) {
    if (info.key.value() < kFirstCustomKey) continue;
    Result<int> slot = SlotForRate(info.rate);
    if (!slot.ok()) {
      return Status::Conflict(
          "rate", "VAT key " + std::to_string(info.key.value()) + " would match no slot: " + slot.status().message());
    }
    info.slot = *slot;
  }
  return Status::Ok();
}

Result<int> VatTable::SlotForRate(VatRate rate) const {
  if (rate.basis_points() == 0) return 5;
  for (int key = 1; key <= 4; ++key) {
    if (keys_[static_cast<size_t>(key - 1)].rate == rate) return key;
  }
  return Status::InvalidArgument("rate", rate.ToString() +
                                             " % matches none of the rates of keys 1–4 or 0 %, so no "
                                             "processData slot can hold it");
}

Status VatTable::DefineCustomKey(VatKey key, VatRate rate, std::string description) {
  if (key.value() < kFirstCustomKey) {
    return Status::InvalidArgument("key", "a business's own VAT keys start at 1000");
  }
  if (Find(key) != nullptr)
    return Status::Conflict("key", "VAT key " + std::to_string(key.value()) + " is already defined");
  if (rate.basis_points() < 0 || rate.basis_points() > VatRate::kHundredPercent) {
    return Status::InvalidArgument("rate", "must be between 0 % and 100 %");
  }
  KASSE_RETURN_IF_ERROR(ValidateText(description, kMaxDescriptionBytes).WithFieldPrefix("description"));
  Result<int> slot = SlotForRate(rate);
  if (!slot.ok()) return slot.status();
  keys_.push_back({key, rate, *slot, std::move(description)});
  std::sort(keys_.begin(), keys_.end(), [](const VatKeyInfo& a, const VatKeyInfo& b) { return a.key < b.key; });
  return Status::Ok();
}

VatSplit SplitGross(Money gross, VatRate rate) {
  int64_t vat = RoundedQuotient(static_cast<Int128>(gross.cents()) * rate.basis_points(),
                                VatRate::kHundredPercent + rate.basis_points());
  Money vat_amount = Money::FromCents(vat);
  return {gross, gross - vat_amount, vat_amount};
}

}  // namespace kasse
