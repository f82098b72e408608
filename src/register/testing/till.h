// Test support for the register module: a complete register (database, software
// TSE behind an on/off switch, service) in a directory, and journal checks.
// Included by tests only.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "base/temp_dir.h"
#include "fiscal/receipt_qr.h"
#include "register/register_service.h"
#include "samples/reference_receipts.h"
#include "signing/switchable_signing_unit.h"
#include "signing/tse_qr_code.h"

namespace kasse::reg::testing {

using journal::JournalEntry;
using journal::ReceiptEntry;

inline const SaleItem kMilk{ArticleNumber("100234"), "Milch 1L", Money::FromCents(119), VatKey(2),
                            ProductGroupId("10")};
inline const SaleItem kSoap{ArticleNumber("200111"), "Spülmittel", Money::FromCents(249), VatKey(1),
                            ProductGroupId("20")};
inline const SaleItem kBattery{ArticleNumber("200999"), "Batterien", Money::FromCents(499), VatKey(1),
                               ProductGroupId("20")};
inline const journal::Cashier kAnna{"7", "Anna"};
inline constexpr int64_t kStart = 1788423302000;

// One register: its database, a software TSE behind an on/off switch, the service.
struct Till {
  explicit Till(const TempDir& dir, const std::string& vfs = "", const std::string& register_id = "K-0101-01") {
    storage::SqliteDatabase::Options options;
    options.vfs = vfs;
    Result<std::unique_ptr<JournalStore>> opened = JournalStore::Open(dir.File("register.db"), options);
    EXPECT_TRUE(opened.ok()) << opened.status().ToString();
    store = std::move(opened).value();
    key = std::make_unique<crypto::EcPrivateKey>(*SoftwareSigningUnit::LoadOrCreateKey(dir.File("tse-key.pem")));
    software = std::make_unique<signing::SoftwareSigningUnit>(std::move(*key), clock, *store);
    tse = std::make_unique<signing::SwitchableSigningUnit>(*software);
    service = std::make_unique<RegisterService>(RegisterId(register_id), vat, *store, *tse, clock);
    started = service->Start();
  }
  using SoftwareSigningUnit = signing::SoftwareSigningUnit;

  FakeClock clock{kStart};
  VatTable vat = VatTable::Germany();
  std::unique_ptr<JournalStore> store;
  std::unique_ptr<crypto::EcPrivateKey> key;
  std::unique_ptr<signing::SoftwareSigningUnit> software;
  std::unique_ptr<signing::SwitchableSigningUnit> tse;
  std::unique_ptr<RegisterService> service;
  Status started;
};

inline Status VerifyQr(const signing::TseTransaction& tx) {
  Result<fiscal::ReceiptQrCode> code = signing::ReceiptQrOf(tx);
  if (!code.ok()) return code.status();
  return fiscal::VerifyReceiptQr(*code);
}

inline std::vector<JournalEntry> Journal(JournalStore& store) { return *store.ReadAfter(0, 1'000'000); }

}  // namespace kasse::reg::testing
