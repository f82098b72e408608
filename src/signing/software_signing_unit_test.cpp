#include "signing/software_signing_unit.h"

#include <sys/stat.h>

#include <gtest/gtest.h>

#include "base/temp_dir.h"
#include "crypto/base64.h"
#include "fiscal/receipt_qr.h"
#include "fiscal/tse_time.h"

namespace kasse::signing {
namespace {

constexpr int64_t kNow = 1788423302789;  // 2026-09-03T08:15:02.789Z

class SoftwareSigningUnitTest : public ::testing::Test {
 protected:
  SoftwareSigningUnitTest() : unit_(*crypto::EcPrivateKey::Generate(crypto::Curve::kP256), clock_, store_) {}

  fiscal::ReceiptQrCode QrOf(const std::string& client, uint64_t number, const std::string& data,
                             const TseSignature& start, const TseSignature& finish) {
    TseInfo info = *unit_.Info();
    fiscal::ReceiptQrCode code;
    code.client_id = client;
    code.process_type = "Kassenbeleg-V1";
    code.process_data = data;
    code.transaction_number = number;
    code.signature_counter = finish.signature_counter;
    code.start_time_ms = start.log_time_ms;
    code.log_time_ms = finish.log_time_ms;
    code.signature_algorithm = info.signature_algorithm;
    code.log_time_format = fiscal::TseTimeFormat::kUnixTime;
    code.signature = *crypto::Base64Decode(finish.value_base64);
    code.public_key = *crypto::Base64Decode(info.public_key_base64);
    return code;
  }

  FakeClock clock_{kNow};
  InMemoryTseStateStore store_;
  SoftwareSigningUnit unit_;
};

TEST_F(SoftwareSigningUnitTest, FinishedTransactionVerifiesAsAReceiptQrCode) {
  Result<TseStarted> started = unit_.StartTransaction("K1", "Kassenbeleg-V1", "");
  ASSERT_TRUE(started.ok()) << started.status().ToString();
  clock_.Advance(98'000);
  const std::string data = "Beleg^7.48_3.57_0.00_0.00_0.00^11.05:Bar";
  Result<TseSignature> finish = unit_.FinishTransaction("K1", started->transaction_number, "Kassenbeleg-V1", data);
  ASSERT_TRUE(finish.ok()) << finish.status().ToString();
  fiscal::ReceiptQrCode code = QrOf("K1", started->transaction_number, data, started->signature, *finish);
  EXPECT_TRUE(fiscal::VerifyReceiptQr(code).ok()) << fiscal::VerifyReceiptQr(code).ToString();
  EXPECT_EQ(finish->log_time_ms % 1000, 0);  // unixTime: whole seconds
  code.process_data = "Beleg^7.48_3.57_0.00_0.00_0.00^11.06:Bar";
  EXPECT_FALSE(fiscal::VerifyReceiptQr(code).ok());
}

TEST_F(SoftwareSigningUnitTest, CountsTransactionsAndEverySignature) {
  TseStarted a = *unit_.StartTransaction("K1", "Kassenbeleg-V1", "");
  TseStarted b = *unit_.StartTransaction("K2", "Kassenbeleg-V1", "");
  EXPECT_EQ(a.transaction_number, 1u);
  EXPECT_EQ(b.transaction_number, 2u);  // one counter across clients
  TseSignature update = *unit_.UpdateTransaction("K1", 1, "Kassenbeleg-V1", "x");
  TseSignature finish = *unit_.FinishTransaction("K1", 1, "Kassenbeleg-V1", "y");
  EXPECT_EQ(a.signature.signature_counter, 1u);
  EXPECT_EQ(b.signature.signature_counter, 2u);
  EXPECT_EQ(update.signature_counter, 3u);
  EXPECT_EQ(finish.signature_counter, 4u);
  EXPECT_EQ(*unit_.OpenTransactions("K1"), std::vector<uint64_t>{});
  EXPECT_EQ(*unit_.OpenTransactions("K2"), std::vector<uint64_t>{2});
}

TEST_F(SoftwareSigningUnitTest, RefusesTransactionsThatAreNotOpen) {
  EXPECT_TRUE(unit_.FinishTransaction("K1", 7, "Kassenbeleg-V1", "").status().IsNotFound());
  TseStarted started = *unit_.StartTransaction("K1", "Kassenbeleg-V1", "");
  EXPECT_TRUE(unit_.FinishTransaction("K2", started.transaction_number, "Kassenbeleg-V1", "").status().IsNotFound());
  ASSERT_TRUE(unit_.FinishTransaction("K1", started.transaction_number, "Kassenbeleg-V1", "").ok());
  EXPECT_TRUE(unit_.FinishTransaction("K1", started.transaction_number, "Kassenbeleg-V1", "").status().IsNotFound());
}

TEST_F(SoftwareSigningUnitTest, SaysItIsNotCertified) {
  TseInfo info = *unit_.Info();
  EXPECT_FALSE(info.certified);
  EXPECT_NE(info.description.find("NOT CERTIFIED"), std::string::npos);
  EXPECT_EQ(info.signature_algorithm, "ecdsa-plain-SHA256");
  EXPECT_EQ(info.serial_number_hex.size(), 64u);
}

TEST(SoftwareSigningUnitKeyTest, KeyFileIsCreatedPrivateAndReusedAfterwards) {
  TempDir dir;
  std::string path = dir.File("tse-key.pem");
  Result<crypto::EcPrivateKey> created = SoftwareSigningUnit::LoadOrCreateKey(path);
  ASSERT_TRUE(created.ok()) << created.status().ToString();
  struct stat info {};
  ASSERT_EQ(stat(path.c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 0777, 0600u);
  Result<crypto::EcPrivateKey> loaded = SoftwareSigningUnit::LoadOrCreateKey(path);
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  EXPECT_EQ(loaded->PublicKey(), created->PublicKey());
  ASSERT_EQ(chmod(path.c_str(), 0644), 0);
  EXPECT_FALSE(SoftwareSigningUnit::LoadOrCreateKey(path).ok());  // readable by others: refused
}

}  // namespace
}  // namespace kasse::signing
