#include "printing/cash_movement_layout.h"

#include <gtest/gtest.h>

#include "printing/testing/sample_entries.h"

namespace kasse::printing {
namespace {

using testing::HasSqueezedLine;

journal::JournalEntry Withdrawal() {
  journal::CashMovementEntry movement;
  movement.receipt_number = 124;
  movement.cashier = {"7", "Anna Müller"};
  movement.kind = journal::CashMovementKind::kTransit;
  movement.amount = Money::FromCents(-50000);
  movement.note = "Tresor, Umschlag 17";
  movement.started_ms = testing::kStartMs;
  movement.finished_ms = testing::kStartMs + 1000;
  movement.tse.transaction = testing::FixedTransaction("Beleg^0.00_0.00_0.00_0.00_-500.00^-500.00:Bar");
  return {18, testing::Register(), 57, testing::kStartMs + 1100, movement};
}

TEST(CashMovementLayoutTest, WithdrawalSlipShowsKindAmountAndTse) {
  Result<Printout> printout = LayoutCashMovement(testing::Seller(), Withdrawal());
  ASSERT_TRUE(printout.ok()) << printout.status().ToString();
  std::string text = printout->ToText();
  for (const char* line :
       {"*** KASSENENTNAHME ***", "Art Geldtransit", "Bon-Nr. 124 Datum 03.09.2026", "BETRAG EUR -500,00",
        "Notiz: Tresor, Umschlag 17", "TSE-Transaktionsnummer 4711", "TSE-Signaturzähler 9502", "Unterschrift"}) {
    EXPECT_TRUE(HasSqueezedLine(text, line)) << line << "\n" << text;
  }
  EXPECT_TRUE(testing::TooWideLines(text).empty());
  bool has_qr = false;
  for (const PrintLine& line : printout->lines()) has_qr = has_qr || line.style == LineStyle::kQrCode;
  EXPECT_TRUE(has_qr);
}

TEST(CashMovementLayoutTest, DepositAndTseFailure) {
  journal::JournalEntry entry = Withdrawal();
  auto& movement = std::get<journal::CashMovementEntry>(entry.payload);
  movement.kind = journal::CashMovementKind::kPrivateDeposit;
  movement.amount = Money::FromCents(10000);
  movement.note = std::string(200, 'n');
  movement.tse = {std::nullopt, std::nullopt, "TSE ausgefallen: offline"};
  Result<Printout> printout = LayoutCashMovement(testing::Seller(), entry);
  ASSERT_TRUE(printout.ok());
  std::string text = printout->ToText();
  EXPECT_TRUE(HasSqueezedLine(text, "*** KASSENEINLAGE ***")) << text;
  EXPECT_TRUE(HasSqueezedLine(text, "Art Privateinlage")) << text;
  EXPECT_TRUE(HasSqueezedLine(text, "*** TSE ausgefallen ***")) << text;
  EXPECT_TRUE(HasSqueezedLine(text, "Grund: offline")) << text;
  EXPECT_TRUE(testing::TooWideLines(text).empty());
}

TEST(CashMovementLayoutTest, EveryKindHasAGermanLabel) {
  for (auto kind : {journal::CashMovementKind::kOpeningFloat, journal::CashMovementKind::kPrivateDeposit,
                    journal::CashMovementKind::kPrivateWithdrawal, journal::CashMovementKind::kDeposit,
                    journal::CashMovementKind::kPayout, journal::CashMovementKind::kTransit,
                    journal::CashMovementKind::kDifference}) {
    EXPECT_NE(CashMovementLabel(kind), "Kassenbewegung");
  }
}

TEST(CashMovementLayoutTest, RefusesOtherEntries) {
  EXPECT_EQ(LayoutCashMovement(testing::Seller(), testing::Tv7Entry()).status().field(), "payload");
}

}  // namespace
}  // namespace kasse::printing
