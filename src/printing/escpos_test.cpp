#include "printing/escpos.h"

#include <gtest/gtest.h>

#include "printing/receipt_layout.h"
#include "printing/testing/sample_entries.h"
#include "signing/tse_qr_code.h"

namespace kasse::printing {
namespace {

std::string Bytes(std::initializer_list<int> values) {
  std::string bytes;
  for (int value : values) bytes.push_back(static_cast<char>(value));
  return bytes;
}

std::string Tv7EscPos() {
  Result<Printout> printout = LayoutReceipt(testing::Seller(), testing::Tv7Entry());
  EXPECT_TRUE(printout.ok());
  return EncodeEscPos(*printout);
}

TEST(EscPosTest, StartsWithInitAndCodePageAndEndsWithCut) {
  std::string bytes = Tv7EscPos();
  EXPECT_TRUE(bytes.starts_with(Bytes({0x1B, 0x40, 0x1B, 0x74, 19})));
  EXPECT_TRUE(bytes.ends_with(Bytes({0x1D, 0x56, 66, 0})));
}

TEST(EscPosTest, QrStoreCommandCarriesTheExactQrStringWithItsLength) {
  journal::JournalEntry entry = testing::Tv7Entry();
  std::string qr = *signing::ReceiptQrText(*testing::ReceiptOf(entry).tse.transaction);
  std::string bytes = Tv7EscPos();
  size_t length = qr.size() + 3;  // cn, fn, m
  std::string store =
      Bytes({0x1D, 0x28, 0x6B, static_cast<int>(length & 0xFF), static_cast<int>(length >> 8), 0x31, 0x50, 0x30}) + qr;
  ASSERT_GT(qr.size(), 255u);  // pH is used
  size_t at = bytes.find(store);
  ASSERT_NE(at, std::string::npos);
  EXPECT_EQ(bytes.find(Bytes({0x1D, 0x28, 0x6B})), bytes.find(Bytes({0x1D, 0x28, 0x6B, 4, 0, 0x31, 0x41, 50, 0})));
  EXPECT_NE(bytes.find(Bytes({0x1D, 0x28, 0x6B, 3, 0, 0x31, 0x43, kQrModuleDots})), std::string::npos);
  EXPECT_NE(bytes.find(Bytes({0x1D, 0x28, 0x6B, 3, 0, 0x31, 0x45, kQrLevelM})), std::string::npos);
  EXPECT_EQ(bytes.find(Bytes({0x1D, 0x28, 0x6B, 3, 0, 0x31, 0x51, 0x30})), at + store.size());
}

TEST(EscPosTest, StoreLengthBytesForShortAndLongData) {
  struct Case {
    size_t size;
    int pl;
    int ph;
  };
  for (const Case& c : std::vector<Case>{{1, 4, 0}, {252, 255, 0}, {253, 0, 1}, {700, 0xBF, 2}, {2953, 0x8C, 0x0B}}) {
    Printout printout;
    printout.AddQrCode(std::string(c.size, 'q'));
    std::string bytes = EncodeEscPos(printout);
    std::string header = Bytes({0x1D, 0x28, 0x6B, c.pl, c.ph, 0x31, 0x50, 0x30});
    EXPECT_NE(bytes.find(header + std::string(c.size, 'q') + Bytes({0x1D})), std::string::npos) << c.size;
  }
}

TEST(EscPosTest, OverlongQrCodeIsLeftOut) {
  Printout printout;
  printout.AddQrCode(std::string(kQrMaxBytesLevelL + 1, 'q'));
  EXPECT_EQ(EncodeEscPos(printout).find(Bytes({0x1D, 0x28, 0x6B})), std::string::npos);
}

TEST(EscPosTest, TextIsTranscodedToCodePage858) {
  struct Case {
    std::string utf8;
    std::string cp858;
  };
  const std::vector<Case> cases = {
      {"Rückgeld",
       "R\x81"
       "ckgeld"},
      {"ÄÖÜäöüß", "\x8E\x99\x9A\x84\x94\x81\xE1"},
      {"2,99 €/kg", "2,99 \xD5/kg"},
      {"Test – Demo „ok“ …", "Test - Demo \"ok\" ."},
      {"日本", "??"},
      {"ı", "?"},  // CP850's 0xD5 is the euro sign in CP858
  };
  for (const Case& c : cases) {
    Printout printout;
    printout.Add(c.utf8);
    EXPECT_NE(EncodeEscPos(printout).find(c.cp858 + "\n"), std::string::npos) << c.utf8;
  }
}

TEST(EscPosTest, TotalIsBoldAndDoubleHeight) {
  Printout printout;
  printout.AddLeftRight("SUMME EUR", "11,05", LineStyle::kTotal);
  std::string bytes = EncodeEscPos(printout);
  std::string line = "SUMME EUR" + std::string(28, ' ') + "11,05\n";
  EXPECT_NE(bytes.find(Bytes({0x1B, 0x45, 1, 0x1D, 0x21, 1}) + line + Bytes({0x1D, 0x21, 0, 0x1B, 0x45, 0})),
            std::string::npos);
}

TEST(EscPosTest, HostileTextCannotInjectCommands) {
  Printout printout;
  printout.Add("Milch\x1b\x70\x30\x1d\x56\x41");  // ESC p (open drawer), GS V (cut)
  std::string bytes = EncodeEscPos(printout);
  std::string body = bytes.substr(5, bytes.size() - 5 - 4);  // without init, code page and cut
  EXPECT_EQ(body, "Milch?p0?VA\n");
}

}  // namespace
}  // namespace kasse::printing
