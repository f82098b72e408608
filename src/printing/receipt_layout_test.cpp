#include "printing/receipt_layout.h"

#include <cstdlib>
#include <fstream>
#include <functional>
#include <sstream>

#include <gtest/gtest.h>

#include "domain/receipt_totals.h"
#include "printing/testing/sample_entries.h"
#include "samples/reference_receipts.h"

namespace kasse::printing {
namespace {

using testing::HasSqueezedLine;
using testing::ReceiptEntryFor;
using testing::ReceiptOf;
using testing::Seller;

std::string TextOf(const journal::JournalEntry& entry) {
  Result<Printout> printout = LayoutReceipt(Seller(), entry);
  if (!printout.ok()) {
    ADD_FAILURE() << printout.status().ToString();
    return "";
  }
  return printout->ToText();
}

bool Contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream content;
  content << in.rdbuf();
  return content.str();
}

TEST(ReceiptLayoutTest, RefusesAnEntryThatIsNoReceipt) {
  journal::JournalEntry entry{1, testing::Register(), 1, 0, journal::ShiftOpened{{"7", "Anna"}}};
  Result<Printout> printout = LayoutReceipt(Seller(), entry);
  ASSERT_FALSE(printout.ok());
  EXPECT_EQ(printout.status().field(), "payload");
}

TEST(ReceiptLayoutTest, RefusesAnotherRegistersEntry) {
  journal::JournalEntry entry = testing::Tv7Entry();
  entry.register_id = RegisterId("K-9999");
  Result<Printout> printout = LayoutReceipt(Seller(), entry);
  ASSERT_FALSE(printout.ok());
  EXPECT_EQ(printout.status().field(), "register_id");
}

TEST(ReceiptLayoutTest, Tv7ShowsTotalChangeAndVatTable) {
  std::string text = TextOf(testing::Tv7Entry());
  EXPECT_TRUE(HasSqueezedLine(text, "SUMME EUR 11,05")) << text;
  EXPECT_TRUE(HasSqueezedLine(text, "Rückgeld 8,95")) << text;
  EXPECT_TRUE(HasSqueezedLine(text, "Bar 20,00")) << text;
  EXPECT_TRUE(HasSqueezedLine(text, "A 19 % 6,29 1,19 7,48")) << text;
  EXPECT_TRUE(HasSqueezedLine(text, "B 7 % 3,34 0,23 3,57")) << text;
  EXPECT_TRUE(HasSqueezedLine(text, "Milch 1L 3,57 B")) << text;
  EXPECT_TRUE(HasSqueezedLine(text, "3 x 1,19 €")) << text;
  EXPECT_TRUE(HasSqueezedLine(text, "Spülmittel 2,49 A")) << text;
}

TEST(ReceiptLayoutTest, Tv7ShowsSellerAndVorgangTimes) {
  std::string text = TextOf(testing::Tv7Entry());
  for (const char* part :
       {"Muster Markt GmbH", "Hauptstraße 1", "12345 Musterstadt", "USt-IdNr. DE123456789", "St.-Nr. 12/345/67890",
        "Bon-Nr. 123", "Datum 03.09.2026", "Beginn 10:15:02 MESZ", "Ende 10:16:40 MESZ", "Kasse K-0101-01",
        "Kassierer Anna Müller", "Vielen Dank für Ihren Einkauf!"}) {
    EXPECT_TRUE(Contains(text, part)) << part << "\n" << text;
  }
}

TEST(ReceiptLayoutTest, TseBlockHasAllSevenFieldsOfParagraphSix) {
  std::string text = TextOf(testing::Tv7Entry());
  for (const char* label :
       {"TSE-Transaktionsnummer", "TSE-Signaturzähler", "TSE-Start (UTC)", "TSE-Ende (UTC)", "Seriennummer Kasse",
        "Seriennummer TSE", "Signatur:", "Signaturalgorithmus", "Zeitformat"}) {
    EXPECT_TRUE(Contains(text, label)) << label << "\n" << text;
  }
  EXPECT_TRUE(HasSqueezedLine(text, "TSE-Transaktionsnummer 4711"));
  EXPECT_TRUE(HasSqueezedLine(text, "TSE-Signaturzähler 9502"));
  EXPECT_TRUE(HasSqueezedLine(text, "TSE-Start (UTC) 2026-09-03T08:15:02.000Z"));
  EXPECT_TRUE(HasSqueezedLine(text, "TSE-Ende (UTC) 2026-09-03T08:16:40.000Z"));
  EXPECT_TRUE(HasSqueezedLine(text, "Seriennummer Kasse K-0101-01"));
  EXPECT_TRUE(HasSqueezedLine(text, "Signaturalgorithmus ecdsa-plain-SHA256"));
  EXPECT_TRUE(HasSqueezedLine(text, "Zeitformat unixTime"));
}

TEST(ReceiptLayoutTest, UncertifiedUnitIsMarked) {
  journal::JournalEntry entry = testing::Tv7Entry();
  EXPECT_TRUE(Contains(TextOf(entry), "TSE NICHT ZERTIFIZIERT – nur Test/Demo"));
  ReceiptOf(entry).tse.transaction->unit.certified = true;
  EXPECT_FALSE(Contains(TextOf(entry), "NICHT ZERTIFIZIERT"));
}

TEST(ReceiptLayoutTest, TseFailureIsMarkedWithReasonAndNoQrCode) {
  journal::JournalEntry entry = testing::Tv7Entry();
  ReceiptOf(entry).tse = {std::nullopt, std::nullopt, "TSE ausgefallen: timeout after 5 s"};
  Result<Printout> printout = LayoutReceipt(Seller(), entry);
  ASSERT_TRUE(printout.ok());
  std::string text = printout->ToText();
  EXPECT_TRUE(Contains(text, "TSE ausgefallen")) << text;
  EXPECT_TRUE(Contains(text, "Grund: timeout after 5 s")) << text;
  EXPECT_FALSE(Contains(text, "TSE-Transaktionsnummer")) << text;
  for (const PrintLine& line : printout->lines()) EXPECT_NE(line.style, LineStyle::kQrCode);
}

TEST(ReceiptLayoutTest, SignedReceiptCarriesTheQrCode) {
  Result<Printout> printout = LayoutReceipt(Seller(), testing::Tv7Entry());
  ASSERT_TRUE(printout.ok());
  int qr_codes = 0;
  for (const PrintLine& line : printout->lines()) {
    if (line.style != LineStyle::kQrCode) continue;
    ++qr_codes;
    EXPECT_TRUE(
        line.text.starts_with("V0;K-0101-01;Kassenbeleg-V1;Beleg^7.48_3.57_0.00_0.00_0.00^11.05:Bar;4711;9502;"))
        << line.text;
  }
  EXPECT_EQ(qr_codes, 1);
}

TEST(ReceiptLayoutTest, ReturnNamesTheOriginalReceipt) {
  std::string text = TextOf(ReceiptEntryFor(samples::Tv10Return()));
  EXPECT_TRUE(Contains(text, "*** RÜCKGABE ***")) << text;
  EXPECT_TRUE(HasSqueezedLine(text, "Rückgabe zu Bon B123")) << text;
  EXPECT_TRUE(HasSqueezedLine(text, "Kasse K-0101-01, Z-Nr. 57")) << text;
  EXPECT_TRUE(HasSqueezedLine(text, "-1 x 2,49 €")) << text;
  EXPECT_TRUE(HasSqueezedLine(text, "SUMME EUR -2,49")) << text;
}

TEST(ReceiptLayoutTest, ReturnWithoutReceiptIsFlagged) {
  Receipt receipt = samples::Tv10Return();
  receipt.original.reset();
  receipt.return_without_receipt = true;
  std::string text = TextOf(ReceiptEntryFor(receipt));
  EXPECT_TRUE(Contains(text, "RÜCKGABE OHNE BELEG")) << text;
  EXPECT_FALSE(Contains(text, "Rückgabe zu Bon")) << text;
}

TEST(ReceiptLayoutTest, AbortedReceiptIsFlagged) {
  std::string text = TextOf(ReceiptEntryFor(samples::Tv2Abort()));
  EXPECT_TRUE(Contains(text, "*** ABGEBROCHEN ***")) << text;
  EXPECT_FALSE(Contains(text, "Rückgeld")) << text;
}

TEST(ReceiptLayoutTest, WeighedGoodsAndDiscountsAreShown) {
  Receipt receipt = samples::Tv7CashSale();
  receipt.lines.push_back(samples::Line("281234", "Bio Äpfel", Quantity::Milli(Unit::kKilogram, 755), 299, 2));
  receipt.lines[1].line_discount = Money::FromCents(50);
  receipt.receipt_discount = Money::FromCents(100);
  std::string text = TextOf(ReceiptEntryFor(receipt));
  EXPECT_TRUE(HasSqueezedLine(text, "0,755 kg x 2,99 €/kg")) << text;
  EXPECT_TRUE(HasSqueezedLine(text, "Bio Äpfel 2,26 B")) << text;
  EXPECT_TRUE(HasSqueezedLine(text, "Rabatt -0,50 A")) << text;
  EXPECT_TRUE(Contains(text, "Bonrabatt")) << text;
}

TEST(ReceiptLayoutTest, LongArticleTextsWrapToThreeLinesAtMost) {
  Receipt receipt = samples::Tv7CashSale();
  receipt.lines[0].text =
      "Frische Vollmilch aus der Region, 3,8 % Fett, ultrahocherhitzt, in der "
      "wiederverschließbaren Glasflasche mit Pfand";
  std::string text = TextOf(ReceiptEntryFor(receipt));
  EXPECT_TRUE(testing::TooWideLines(text).empty());
  EXPECT_TRUE(Contains(text, "…")) << text;
  EXPECT_FALSE(Contains(text, "Pfand")) << text;
}

// Receipts that stress the layout; each must keep every line within 42 columns.
struct Scenario {
  std::string name;
  std::function<void(Receipt&)> change;
  std::function<void(journal::ReceiptEntry&)> after = [](journal::ReceiptEntry&) {};
};

// Cash rounded up to the next ten euro, so the receipt is paid with change.
void PayInCash(Receipt& receipt) {
  int64_t total = ComputeTotals(receipt, VatTable::Germany())->total.cents();
  receipt.payments = {samples::Pay(PaymentMethod::kCash, (total / 1000 + 1) * 1000)};
}

std::vector<Scenario> Scenarios() {
  auto line = [](std::string text, int64_t cents) {
    return samples::Line("1", std::move(text), Quantity::Pieces(1), cents, 1);
  };
  return {
      {"long_words",
       [&](Receipt& r) {
         r.lines.push_back(line(std::string(255, 'W'), 100));
         PayInCash(r);
       }},
      {"umlauts",
       [&](Receipt& r) {
         std::string text;
         for (int i = 0; i < 120; ++i) text += i % 7 == 6 ? " " : "Ä";
         r.lines.push_back(line(text, 100));
         PayInCash(r);
       }},
      {"many_lines",
       [&](Receipt& r) {
         for (int i = 0; i < 80; ++i) r.lines.push_back(line("Artikel " + std::to_string(i), 100 + i));
         PayInCash(r);
       }},
      {"weighed",
       [](Receipt& r) {
         r.lines.push_back(samples::Line("2", "Käse am Stück", Quantity::Milli(Unit::kKilogram, 1234), 2999, 2));
         PayInCash(r);
       }},
      {"discounts",
       [](Receipt& r) {
         r.lines[2].line_discount = Money::FromCents(99);
         r.receipt_discount = Money::FromCents(150);
       }},
      {"split_payment",
       [](Receipt& r) {
         r.payments = {samples::Pay(PaymentMethod::kCash, 500), samples::Pay(PaymentMethod::kGirocard, 605)};
       }},
      {"foreign_cash",
       [](Receipt& r) {
         r.payments = {samples::PayForeignCash("CHF", 1000, 1040), samples::Pay(PaymentMethod::kCash, 100)};
       }},
      {"huge_amounts",
       [](Receipt& r) {
         r.lines = {samples::Line("9", "Goldbarren", Quantity::Pieces(1'000'000), 100'000'000, 1)};
         r.payments = {samples::Pay(PaymentMethod::kGirocard, 100'000'000LL * 1'000'000)};
       }},
      {"return", [](Receipt& r) { r = samples::Tv10Return(); }},
      {"abort", [](Receipt& r) { r = samples::Tv2Abort(); }},
      {"tse_failure", [](Receipt&) {},
       [](journal::ReceiptEntry& e) {
         e.tse = {std::nullopt, signing::TseStarted{12, {40, 1000, "eA=="}}, std::string(300, 'x')};
       }},
      {"long_seller_ids", [](Receipt&) {},
       [](journal::ReceiptEntry& e) {
         e.cashier.name = std::string(60, 'N');
         e.tse.transaction->client_id = std::string(50, 'K');
         e.tse.transaction->unit.signature_algorithm = std::string(60, 'a');
       }},
      {"corrupt_times", [](Receipt&) {},
       [](journal::ReceiptEntry& e) {
         e.started_ms = -1;
         e.tse.transaction->finish.log_time_ms = INT64_MAX;
       }},
  };
}

TEST(ReceiptLayoutTest, EveryLineFitsFortyTwoColumns) {
  for (const Scenario& scenario : Scenarios()) {
    Receipt receipt = samples::Tv7CashSale();
    scenario.change(receipt);
    journal::JournalEntry entry = ReceiptEntryFor(receipt);
    scenario.after(ReceiptOf(entry));
    Result<Printout> printout = LayoutReceipt(Seller(), entry);
    ASSERT_TRUE(printout.ok()) << scenario.name << ": " << printout.status().ToString();
    std::vector<std::string> wide = testing::TooWideLines(printout->ToText());
    EXPECT_TRUE(wide.empty()) << scenario.name << ": " << (wide.empty() ? "" : wide.front());
  }
}

// The TV-7 receipt as checked in. A layout change shows up as a diff of
// testdata/tv7_receipt.txt in review; regenerate it with KASSE_UPDATE_GOLDEN=1.
TEST(ReceiptLayoutGoldenTest, Tv7ReceiptMatchesTheCheckedInText) {
  const std::string path = std::string(KASSE_PRINTING_TESTDATA_DIR) + "/tv7_receipt.txt";
  std::string text = TextOf(testing::Tv7Entry());
  if (std::getenv("KASSE_UPDATE_GOLDEN") != nullptr) {
    std::ofstream(path, std::ios::binary) << text;
    GTEST_SKIP() << "wrote " << path;
  }
  EXPECT_EQ(text, ReadFile(path));
}

}  // namespace
}  // namespace kasse::printing
