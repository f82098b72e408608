// VAT keys, rates and the net/VAT split of a gross amount.
//
// A VatKey is the DSFinV-K UST_SCHLUESSEL (Anlage 2 of 2024-12-05, see
// docs/fiscal.md §5). Keys 1–4 name a kind of rate ("general rate at
// the time of sale"), not a number, so a VatTable states the rate each key has in
// the business's configuration; keys 5–8 are 0 %, the two-digit keys are fixed
// historical rates, and keys from 1000 up are defined per business.
//
// Each key also has a processData slot (1–5): the position of its gross sum in a
// Kassenbeleg-V1 processData string (REFERENCE.md §2, TV-13).
//
// SplitGross computes net and VAT from a gross amount by the Bruttomethode: the
// VAT is gross × rate / (100 % + rate), rounded half away from zero to the cent,
// and net = gross − VAT. Kasse applies it once per receipt per VAT key (TV-9).
//
// Thread-safety: VatTable is immutable after configuration; const methods may be
// called from any thread.
#pragma once

#include <compare>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "domain/money.h"

namespace kasse {

class VatKey {
 public:
  constexpr explicit VatKey(int value) : value_(value) {}
  constexpr int value() const { return value_; }
  friend constexpr auto operator<=>(VatKey, VatKey) = default;

 private:
  int value_;
};

// A VAT rate in hundredths of a percent: 19 % is 1900, 5.5 % is 550.
class VatRate {
 public:
  static constexpr int kHundredPercent = 10000;

  constexpr explicit VatRate(int basis_points) : basis_points_(basis_points) {}
  constexpr int basis_points() const { return basis_points_; }
  std::string ToString() const;        // "19.00", "5.50"
  std::string ToGermanString() const;  // "19,00", "5,50": receipts, DSFinV-K UST_SATZ
  friend constexpr auto operator<=>(VatRate, VatRate) = default;

 private:
  int basis_points_;
};

struct VatKeyInfo {
  VatKey key;
  VatRate rate;
  int slot;                 // processData slot 1..5
  std::string description;  // DSFinV-K UST_BESCHR
};

class VatTable {
 public:
  static constexpr int kFirstCustomKey = 1000;
  static constexpr int kSlots = 5;

  // The keys of DSFinV-K Anlage 2 with the German rates in force since 2025:
  // 1 = 19 %, 2 = 7 %, 3 = 7.8 % (§24(1) Nr. 3 UStG since 1.1.2025), 4 = 5.5 %.
  static VatTable Germany();

  // Sets the rate of key 1–4, e.g. for a temporary rate change. Keys 1–4 keep
  // distinct rates, so each rate names one slot; the business's own keys take
  // the slot of their rate anew, and the change is refused (Conflict) if one
  // of them would match no slot any more.
  Status SetRate(VatKey key, VatRate rate);
  // Defines a business's own key (>= 1000). Its slot follows from its rate,
  // which must equal the rate of key 1, 2, 3 or 4, or be 0 %.
  Status DefineCustomKey(VatKey key, VatRate rate, std::string description);

  // NotFound for keys that Anlage 2 reserves or that are not configured (9, 14–999).
  Result<VatKeyInfo> Lookup(VatKey key) const;
  const std::vector<VatKeyInfo>& keys() const { return keys_; }

 private:
  VatTable() = default;  // only Germany() builds a table: keys 1–4 always exist
  VatKeyInfo* Find(VatKey key);
  Result<int> SlotForRate(VatRate rate) const;
  Status AssignCustomSlots();

  std::vector<VatKeyInfo> keys_;  // sorted by key
};

struct VatSplit {
  Money gross;
  Money net;
  Money vat;
};

// Bruttomethode: vat = round_half_away(gross × rate / (10000 + rate)), net = gross − vat.
VatSplit SplitGross(Money gross, VatRate rate);

}  // namespace kasse
