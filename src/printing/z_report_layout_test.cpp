#include "printing/z_report_layout.h"

#include <gtest/gtest.h>

#include "printing/layout_entry.h"
#include "printing/testing/sample_entries.h"

namespace kasse::printing {
namespace {

using testing::HasSqueezedLine;

journal::JournalEntry ClosingEntry() {
  journal::ShiftClosed closed;
  closed.z_number = 57;
  closed.cashier = {"7", "Anna Müller"};
  closed.first_receipt_number = 101;
  closed.last_receipt_number = 245;
  closed.expected_cash = Money::FromCents(31105);
  closed.counted_cash = Money::FromCents(31050);
  closed.difference = Money::FromCents(-55);
  closed.sales_total = Money::FromCents(1105);
  closed.vat = {{VatKey(1), VatRate(1900), 1, Money::FromCents(748), Money::FromCents(629), Money::FromCents(119)},
                {VatKey(2), VatRate(700), 2, Money::FromCents(357), Money::FromCents(334), Money::FromCents(23)}};
  closed.payments = {{PaymentMethod::kCash, "EUR", Money::FromCents(500)},
                     {PaymentMethod::kCash, "CHF", Money::FromCents(520)},
                     {PaymentMethod::kGirocard, "EUR", Money::FromCents(85)}};
  return {300, testing::Register(), 57, 1788458400000, closed};  // 2026-09-03T18:00:00Z
}

TEST(ZReportLayoutTest, ShowsNumbersSalesPaymentsAndCash) {
  Result<Printout> printout = LayoutZReport(testing::Seller(), ClosingEntry(), 1788415200000);  // 06:00Z
  ASSERT_TRUE(printout.ok()) << printout.status().ToString();
  std::string text = printout->ToText();
  for (const char* line :
       {"*** KASSENABSCHLUSS ***", "Z-Nr. 57", "Kasse K-0101-01", "Kassierer Anna Müller",
        "Zeitraum von 03.09.2026 08:00:00 MESZ", "bis 03.09.2026 20:00:00 MESZ", "Bon-Nr. 101 - 245",
        "A 19 % 6,29 1,19 7,48", "B 7 % 3,34 0,23 3,57", "UMSATZ EUR 11,05", "Bar EUR 5,00", "Bar CHF 5,20",
        "Girocard 0,85", "Soll-Bestand 311,05", "Ist-Bestand (gezählt) 310,50", "Differenz -0,55"}) {
    EXPECT_TRUE(HasSqueezedLine(text, line)) << line << "\n" << text;
  }
  EXPECT_TRUE(testing::TooWideLines(text).empty());
}

TEST(ZReportLayoutTest, ClosingWithoutReceiptsSaysSo) {
  journal::JournalEntry entry = ClosingEntry();
  auto& closed = std::get<journal::ShiftClosed>(entry.payload);
  closed.first_receipt_number = 0;
  closed.last_receipt_number = 0;
  closed.vat.clear();
  closed.payments.clear();
  Result<Printout> printout = LayoutZReport(testing::Seller(), entry);
  ASSERT_TRUE(printout.ok());
  std::string text = printout->ToText();
  EXPECT_TRUE(HasSqueezedLine(text, "Bon-Nr. keine Belege")) << text;
  EXPECT_TRUE(HasSqueezedLine(text, "Abschluss 03.09.2026 20:00:00 MESZ")) << text;
}

TEST(ZReportLayoutTest, RefusesOtherEntries) {
  Result<Printout> printout = LayoutZReport(testing::Seller(), testing::Tv7Entry());
  ASSERT_FALSE(printout.ok());
  EXPECT_EQ(printout.status().field(), "payload");
}

TEST(LayoutEntryTest, PicksTheLayoutByKind) {
  EXPECT_TRUE(HasSqueezedLine(LayoutEntry(testing::Seller(), ClosingEntry())->ToText(), "*** KASSENABSCHLUSS ***"));
  EXPECT_TRUE(HasSqueezedLine(LayoutEntry(testing::Seller(), testing::Tv7Entry())->ToText(), "SUMME EUR 11,05"));
  journal::JournalEntry outage{5, testing::Register(), 1, 0, journal::TseOutageStarted{"timeout"}};
  Result<Printout> none = LayoutEntry(testing::Seller(), outage);
  ASSERT_FALSE(none.ok());
  EXPECT_EQ(none.status().message(), "a tse_outage_started entry has no printout");
}

}  // namespace
}  // namespace kasse::printing
