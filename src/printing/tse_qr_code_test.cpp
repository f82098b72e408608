#include "signing/tse_qr_code.h"

#include <gtest/gtest.h>

#include "printing/receipt_layout.h"
#include "printing/testing/sample_entries.h"
#include "samples/reference_receipts.h"

namespace kasse::printing {
namespace {

TEST(ReceiptQrDataTest, QrOfAReallySignedReceiptVerifies) {
  journal::JournalEntry entry = testing::Tv7Entry();
  testing::SigningTse tse;
  tse.Sign(entry);
  const signing::TseTransaction& tx = *testing::ReceiptOf(entry).tse.transaction;
  Result<std::string> text = signing::ReceiptQrText(tx);
  ASSERT_TRUE(text.ok()) << text.status().ToString();
  Result<fiscal::ReceiptQrCode> parsed = fiscal::ParseReceiptQr(*text);
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  Status verified = fiscal::VerifyReceiptQr(*parsed);
  EXPECT_TRUE(verified.ok()) << verified.ToString() << "\n" << *text;
  EXPECT_EQ(parsed->process_data, "Beleg^7.48_3.57_0.00_0.00_0.00^11.05:Bar");
  EXPECT_EQ(parsed->start_time_ms, 1788423302000);  // unixTime: the unit's whole seconds
  EXPECT_EQ(parsed->log_time_ms, 1788423400000);
}

TEST(ReceiptQrDataTest, PrintedQrCodeIsTheVerifiableOne) {
  journal::JournalEntry entry = testing::ReceiptEntryFor(samples::Tv8SplitSale());
  testing::SigningTse tse;
  tse.Sign(entry);
  Result<Printout> printout = LayoutReceipt(testing::Seller(), entry);
  ASSERT_TRUE(printout.ok());
  for (const PrintLine& line : printout->lines()) {
    if (line.style != LineStyle::kQrCode) continue;
    Result<fiscal::ReceiptQrCode> parsed = fiscal::ParseReceiptQr(line.text);
    ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
    EXPECT_TRUE(fiscal::VerifyReceiptQr(*parsed).ok());
    EXPECT_EQ(parsed->process_data, "Beleg^7.48_3.57_0.00_0.00_0.00^5.00:Bar_6.05:Unbar");
    return;
  }
  FAIL() << "no QR code printed";
}

TEST(ReceiptQrDataTest, TamperedTransactionNoLongerVerifies) {
  journal::JournalEntry entry = testing::Tv7Entry();
  testing::SigningTse tse;
  tse.Sign(entry);
  signing::TseTransaction tx = *testing::ReceiptOf(entry).tse.transaction;
  tx.process_data = "Beleg^7.48_3.57_0.00_0.00_0.00^11.06:Bar";
  Result<fiscal::ReceiptQrCode> code = signing::ReceiptQrOf(tx);
  ASSERT_TRUE(code.ok());
  EXPECT_FALSE(fiscal::VerifyReceiptQr(*code).ok());
}

TEST(ReceiptQrDataTest, RefusesDataThatCannotFormAQrCode) {
  struct Case {
    std::string name;
    std::function<void(signing::TseTransaction&)> change;
    std::string field;
  };
  const std::vector<Case> cases = {
      {"bad signature", [](auto& tx) { tx.finish.value_base64 = "not base64!"; }, "tse.finish.value_base64"},
      {"bad key", [](auto& tx) { tx.unit.public_key_base64 = "QQ"; }, "tse.unit.public_key_base64"},
      {"time format", [](auto& tx) { tx.unit.time_format = "localTime"; }, "tse.unit.time_format"},
      {"separator", [](auto& tx) { tx.client_id = "K;1"; }, "tse.client_id"},
      {"process data", [](auto& tx) { tx.process_data = "a;b"; }, "tse.process_data"},
      {"start time", [](auto& tx) { tx.start.log_time_ms = -1; }, "tse.start.log_time_ms"},
      {"finish time", [](auto& tx) { tx.finish.log_time_ms = INT64_MAX; }, "tse.finish.log_time_ms"},
  };
  for (const Case& c : cases) {
    signing::TseTransaction tx = testing::FixedTransaction("Beleg^0.00_0.00_0.00_0.00_0.00^");
    c.change(tx);
    Result<std::string> text = signing::ReceiptQrText(tx);
    ASSERT_FALSE(text.ok()) << c.name;
    EXPECT_EQ(text.status().field(), c.field) << c.name;
  }
}

TEST(ReceiptQrDataTest, RefusesAQrCodeTooLongForASymbol) {
  signing::TseTransaction tx = testing::FixedTransaction(std::string(3000, 'x'));
  Result<std::string> text = signing::ReceiptQrText(tx);
  ASSERT_FALSE(text.ok());
  EXPECT_EQ(text.status().field(), "tse");
}

}  // namespace
}  // namespace kasse::printing
