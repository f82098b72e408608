#include "journal/entry_check.h"

#include <gtest/gtest.h>

#include "domain/receipt_validation.h"
#include "fiscal/process_data.h"
#include "samples/reference_receipts.h"
#include "signing/software_signing_unit.h"

namespace kasse::journal {
namespace {

// Entries signed for real by a software unit, as a register writes them.
class EntryCheckTest : public ::testing::Test {
 protected:
  EntryCheckTest() : unit_(*crypto::EcPrivateKey::Generate(crypto::Curve::kP256), clock_, state_) {}

  TseRecord Sign(const std::string& process_data) {
    signing::TseStarted started = *unit_.StartTransaction("K1", "Kassenbeleg-V1", "");
    clock_.Advance(30'000);
    signing::TseTransaction tx;
    tx.client_id = "K1";
    tx.transaction_number = started.transaction_number;
    tx.process_type = "Kassenbeleg-V1";
    tx.process_data = process_data;
    tx.start = started.signature;
    tx.finish = *unit_.FinishTransaction("K1", started.transaction_number, "Kassenbeleg-V1", process_data);
    tx.unit = *unit_.Info();
    return TseRecord{tx, std::nullopt, ""};
  }

  JournalEntry Sale(Receipt receipt) {
    ReceiptTotals totals = *ValidateReceipt(receipt, vat_);
    ReceiptEntry entry;
    entry.receipt_number = 1;
    entry.receipt = receipt;
    entry.vat = totals.vat;
    entry.total = totals.total;
    entry.change = totals.change;
    entry.tse = Sign(fiscal::KassenbelegProcessData(receipt, totals));
    return JournalEntry{1, RegisterId("K1"), 1, 0, entry};
  }

  ReceiptEntry& ReceiptOf(JournalEntry& entry) { return std::get<ReceiptEntry>(entry.payload); }

  FakeClock clock_{1788423302000};
  signing::InMemoryTseStateStore state_;
  signing::SoftwareSigningUnit unit_;
  VatTable vat_ = VatTable::Germany();
};

TEST_F(EntryCheckTest, SignedSaleReturnAndCashMovementPass) {
  EXPECT_TRUE(CheckEntry(Sale(samples::Tv7CashSale()), vat_).ok());
  EXPECT_TRUE(CheckEntry(Sale(samples::Tv10Return()), vat_).ok());
  CashMovementEntry movement;
  movement.kind = CashMovementKind::kTransit;
  movement.amount = Money::FromCents(-5000);
  movement.tse = Sign(fiscal::CashMovementProcessData(movement.amount));
  EXPECT_TRUE(CheckEntry(JournalEntry{2, RegisterId("K1"), 1, 0, movement}, vat_).ok());
}

TEST_F(EntryCheckTest, StatedRatesOfVariableKeysAreHonoured) {
  // A sale from when the general rate was 16 % (2020): checked against its own rate.
  VatTable then = vat_;
  ASSERT_TRUE(then.SetRate(VatKey(1), VatRate(1600)).ok());
  Receipt receipt = samples::Tv7CashSale();
  ReceiptTotals totals = *ValidateReceipt(receipt, then);
  JournalEntry entry = Sale(receipt);
  ReceiptOf(entry).vat = totals.vat;
  ReceiptOf(entry).tse = Sign(fiscal::KassenbelegProcessData(receipt, totals));
  EXPECT_TRUE(CheckEntry(entry, vat_).ok()) << CheckEntry(entry, vat_).ToString();
}

struct Tamper {
  std::string name;
  std::function<void(JournalEntry&)> change;
  std::string field;
};

class EntryCheckRejectTest : public EntryCheckTest, public ::testing::WithParamInterface<Tamper> {};

TEST_P(EntryCheckRejectTest, NamesWhatDoesNotAddUp) {
  JournalEntry entry = Sale(samples::Tv7CashSale());
  GetParam().change(entry);
  Status status = CheckEntry(entry, vat_);
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.field(), GetParam().field) << status.ToString();
}

INSTANTIATE_TEST_SUITE_P(
    Cases, EntryCheckRejectTest,
    ::testing::Values(
        Tamper{"TotalChanged", [](JournalEntry& e) { std::get<ReceiptEntry>(e.payload).total = Money::FromCents(1); },
               "payload.total_cents"},
        Tamper{"ChangeChanged", [](JournalEntry& e) { std::get<ReceiptEntry>(e.payload).change = Money::FromCents(0); },
               "payload.change_cents"},
        Tamper{"VatChanged",
               [](JournalEntry& e) { std::get<ReceiptEntry>(e.payload).vat[0].vat = Money::FromCents(120); },
               "payload.vat[0]"},
        Tamper{"VatKeyMissing", [](JournalEntry& e) { std::get<ReceiptEntry>(e.payload).vat.pop_back(); },
               "payload.vat"},
        Tamper{"PriceChanged",
               [](JournalEntry& e) {
                 std::get<ReceiptEntry>(e.payload).receipt.lines[0].unit_price = Money::FromCents(100);
               },
               "payload.vat[1]"},  // milk is 7 %, the second key
        Tamper{"UnpaidSale", [](JournalEntry& e) { std::get<ReceiptEntry>(e.payload).receipt.payments.clear(); },
               "payload.payments"},
        Tamper{"SignatureOfAnotherSale",
               [](JournalEntry& e) {
                 std::get<ReceiptEntry>(e.payload).tse.transaction->process_data =
                     "Beleg^7.48_3.57_0.00_0.00_0.00^11.06:Bar";
               },
               "payload.tse.transaction.process_data"},
        Tamper{"SignatureForged",
               [](JournalEntry& e) {
                 std::string& value = std::get<ReceiptEntry>(e.payload).tse.transaction->finish.value_base64;
                 value[5] = value[5] == 'A' ? 'B' : 'A';
               },
               "payload.tse.transaction"},
        Tamper{"CounterChanged",
               [](JournalEntry& e) { std::get<ReceiptEntry>(e.payload).tse.transaction->finish.signature_counter++; },
               "payload.tse.transaction"},
        Tamper{"OtherRegister", [](JournalEntry& e) { e.register_id = RegisterId("K2"); },
               "payload.tse.transaction.client_id"},
        Tamper{"NeitherSignedNorFailed", [](JournalEntry& e) { std::get<ReceiptEntry>(e.payload).tse = TseRecord{}; },
               "payload.tse"}),
    [](const auto& param_info) { return param_info.param.name; });

TEST_F(EntryCheckTest, AnUnsignedSaleWithItsFailureReasonPasses) {
  JournalEntry entry = Sale(samples::Tv7CashSale());
  ReceiptOf(entry).tse = TseRecord{std::nullopt, std::nullopt, "TSE ausgefallen: timeout"};
  EXPECT_TRUE(CheckEntry(entry, vat_).ok());
}

}  // namespace
}  // namespace kasse::journal
