#include "printing/electronic_receipt.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "printing/testing/sample_entries.h"
#include "samples/reference_receipts.h"
#include "signing/tse_qr_code.h"

namespace kasse::printing {
namespace {

using nlohmann::json;

const std::string kHostile = "<script>alert('x')</script> Müller & Söhne \"Bio\"";

journal::JournalEntry HostileEntry() {
  Receipt receipt = samples::Tv7CashSale();
  receipt.payments = {samples::PayForeignCash("CHF", 1000, 1040), samples::Pay(PaymentMethod::kCash, 100)};
  journal::JournalEntry entry = testing::ReceiptEntryFor(receipt);
  testing::ReceiptOf(entry).receipt.lines[1].text = kHostile;
  return entry;
}

json ParsedJson(const journal::JournalEntry& entry) {
  Result<std::string> text = ReceiptJson(testing::Seller(), entry);
  if (!text.ok()) {
    ADD_FAILURE() << text.status().ToString();
    return nullptr;
  }
  return json::parse(*text);  // throws, failing the test, if it is not JSON
}

TEST(ReceiptJsonTest, Tv7RoundTripsItsKeyFields) {
  journal::JournalEntry entry = testing::Tv7Entry();
  json receipt = ParsedJson(entry);
  EXPECT_EQ(receipt["format"], kReceiptJsonFormat);
  EXPECT_EQ(receipt["seller"]["name"], "Muster Markt GmbH");
  EXPECT_EQ(receipt["seller"]["vat_id"], "DE123456789");
  EXPECT_EQ(receipt["register_id"], "K-0101-01");
  EXPECT_EQ(receipt["receipt_number"], 123);
  EXPECT_EQ(receipt["closing_number"], 57);
  EXPECT_EQ(receipt["type"], "Beleg");
  EXPECT_EQ(receipt["aborted"], false);
  EXPECT_TRUE(receipt["return"].is_null());
  EXPECT_EQ(receipt["started_at"], "2026-09-03T08:15:02.123Z");
  EXPECT_EQ(receipt["finished_at"], "2026-09-03T08:16:40.456Z");
  EXPECT_EQ(receipt["total"], "11.05");
  EXPECT_EQ(receipt["change"], "8.95");
  ASSERT_EQ(receipt["lines"].size(), 3u);
  EXPECT_EQ(receipt["lines"][0]["text"], "Milch 1L");
  EXPECT_EQ(receipt["lines"][0]["quantity"], "3");
  EXPECT_EQ(receipt["lines"][0]["amount"], "3.57");
  EXPECT_EQ(receipt["lines"][0]["vat_letter"], "B");
  EXPECT_EQ(receipt["payments"][0]["method"], "cash");
  EXPECT_EQ(receipt["payments"][0]["amount"], "20.00");
  ASSERT_EQ(receipt["vat"].size(), 2u);
  EXPECT_EQ(
      receipt["vat"][0],
      (json{{"letter", "A"}, {"key", 1}, {"rate", "19.00"}, {"net", "6.29"}, {"vat", "1.19"}, {"gross", "7.48"}}));
  EXPECT_EQ(receipt["vat"][1]["net"], "3.34");
}

TEST(ReceiptJsonTest, TseBlockCarriesTheQrCode) {
  journal::JournalEntry entry = testing::Tv7Entry();
  json tse = ParsedJson(entry)["tse"];
  EXPECT_EQ(tse["status"], "signed");
  EXPECT_EQ(tse["certified"], false);
  EXPECT_EQ(tse["transaction_number"], 4711);
  EXPECT_EQ(tse["signature_counter"], 9502);
  EXPECT_EQ(tse["start"], "2026-09-03T08:15:02.000Z");
  EXPECT_EQ(tse["finish"], "2026-09-03T08:16:40.000Z");
  EXPECT_EQ(tse["process_data"], "Beleg^7.48_3.57_0.00_0.00_0.00^11.05:Bar");
  EXPECT_EQ(tse["qr_code"], *signing::ReceiptQrText(*testing::ReceiptOf(entry).tse.transaction));
}

TEST(ReceiptJsonTest, FailedTseAndReturnAreDescribed) {
  journal::JournalEntry entry = testing::ReceiptEntryFor(samples::Tv10Return());
  testing::ReceiptOf(entry).tse = {std::nullopt, std::nullopt, "TSE ausgefallen: timeout"};
  json receipt = ParsedJson(entry);
  EXPECT_EQ(receipt["tse"], (json{{"status", "failed"}, {"reason", "timeout"}, {"transaction_number", nullptr}}));
  EXPECT_EQ(receipt["return"]["without_receipt"], false);
  EXPECT_EQ(receipt["return"]["original"]["receipt_id"], "B123");
  EXPECT_EQ(receipt["lines"][0]["quantity"], "-1");
}

TEST(ReceiptJsonTest, HostileTextStaysValidJson) {
  journal::JournalEntry entry = HostileEntry();
  testing::ReceiptOf(entry).receipt.lines[0].text = "bad \xff\xfe utf-8 \x1b";
  json receipt = ParsedJson(entry);
  EXPECT_EQ(receipt["lines"][0]["text"], "bad ?? utf-8 ?");
  EXPECT_EQ(receipt["lines"][1]["text"], kHostile);
  EXPECT_EQ(receipt["payments"][0]["foreign"], (json{{"currency", "CHF"}, {"amount", "10.00"}}));
}

TEST(ReceiptHtmlTest, EscapesArticleTexts) {
  Result<std::string> html = ReceiptHtml(testing::Seller(), HostileEntry());
  ASSERT_TRUE(html.ok()) << html.status().ToString();
  EXPECT_EQ(html->find("<script"), std::string::npos) << *html;
  EXPECT_NE(html->find("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; Müller &amp; Söhne &quot;Bio&quot;"),
            std::string::npos)
      << *html;
  EXPECT_EQ(html->find("Söhne \"Bio\""), std::string::npos);
}

TEST(ReceiptHtmlTest, IsSelfContainedAndShowsTheQrString) {
  journal::JournalEntry entry = testing::Tv7Entry();
  Result<std::string> html = ReceiptHtml(testing::Seller(), entry);
  ASSERT_TRUE(html.ok());
  std::string qr = *signing::ReceiptQrText(*testing::ReceiptOf(entry).tse.transaction);  // no characters to escape
  EXPECT_NE(html->find("<code class=\"qr\" data-qr-code=\"" + qr + "\">" + qr + "</code>"), std::string::npos);
  EXPECT_NE(html->find("<meta charset=\"utf-8\">"), std::string::npos);
  EXPECT_NE(html->find("default-src 'none'"), std::string::npos);
  for (const char* forbidden : {"<script", "src=", "href=", "@import", "url("}) {
    EXPECT_EQ(html->find(forbidden), std::string::npos) << forbidden;
  }
  for (const char* part :
       {"SUMME EUR", "11,05", "Rückgeld", "8,95", "A 19 %", "6,29", "TSE-Signaturzähler", "TSE NICHT ZERTIFIZIERT"}) {
    EXPECT_NE(html->find(part), std::string::npos) << part;
  }
}

TEST(ReceiptHtmlTest, TseFailureShowsTheMarker) {
  journal::JournalEntry entry = testing::Tv7Entry();
  testing::ReceiptOf(entry).tse = {std::nullopt, std::nullopt, "TSE ausgefallen: <offline>"};
  Result<std::string> html = ReceiptHtml(testing::Seller(), entry);
  ASSERT_TRUE(html.ok());
  EXPECT_NE(html->find("TSE ausgefallen"), std::string::npos);
  EXPECT_NE(html->find("Grund: &lt;offline&gt;"), std::string::npos);
  EXPECT_EQ(html->find("data-qr-code"), std::string::npos);
}

}  // namespace
}  // namespace kasse::printing
