// Test support for the printing module: a seller, journal entries built from the
// REFERENCE.md baskets, and a software TSE that really signs them. Included by
// tests only.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "base/clock.h"
#include "journal/entry.h"
#include "printing/seller_info.h"
#include "signing/software_signing_unit.h"

namespace kasse::printing::testing {

inline constexpr int64_t kStartMs = 1788423302123;   // 2026-09-03T08:15:02.123Z = 10:15:02 MESZ
inline constexpr int64_t kFinishMs = 1788423400456;  // 2026-09-03T08:16:40.456Z
inline RegisterId Register() { return RegisterId("K-0101-01"); }

SellerInfo Seller();

// A receipt entry for `receipt` with the totals ValidateReceipt computes, receipt
// number 123, cashier Anna Müller and the fixed TSE transaction below.
journal::JournalEntry ReceiptEntryFor(const Receipt& receipt);

// The TV-7 cash sale with a fixed, not really signed TSE transaction (tx 4711,
// counters 9500/9502, software unit, not certified): the golden receipt.
journal::JournalEntry Tv7Entry();

// A fixed transaction with deterministic base64 signature and public key.
signing::TseTransaction FixedTransaction(const std::string& process_data);

journal::ReceiptEntry& ReceiptOf(journal::JournalEntry& entry);

// Every line of `text` that is wider than 42 code points, for a failure message.
std::vector<std::string> TooWideLines(const std::string& text);

// `line` with runs of spaces collapsed to one and no leading or trailing space.
std::string Squeeze(const std::string& line);

// True if some line of `text`, squeezed, equals `expected`.
bool HasSqueezedLine(const std::string& text, const std::string& expected);

// A software TSE (P-256, not certified) on a fake clock.
class SigningTse {
 public:
  SigningTse();
  // Starts and finishes a Kassenbeleg-V1 transaction for the entry's receipt and
  // stores it in the entry's TseRecord.
  void Sign(journal::JournalEntry& entry);

 private:
  FakeClock clock_{kStartMs};
  signing::InMemoryTseStateStore store_;
  signing::SoftwareSigningUnit unit_;
};

}  // namespace kasse::printing::testing
