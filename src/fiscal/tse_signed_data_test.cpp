#include "fiscal/tse_signed_data.h"

#include <ostream>

#include <gtest/gtest.h>

#include "crypto/base64.h"
#include "crypto/hash.h"
#include "fiscal/tse_signature_algorithm.h"

namespace kasse::fiscal {
namespace {

using crypto::Bytes;
using crypto::HexEncode;

constexpr const char* kTv4PublicKey =
    "BGFKQP7EENf3s5hTDXvlh+xyJ1Q9BNIa9LyYbYK+pTAKAGQ2fmI40p5QOrpHpvb+UuOrNQJdhzggHNfyyyDyf/g=";
constexpr int64_t kTv4LogTimeMs = 1'629'729'393'000;  // 2021-08-23T14:36:33.000Z

// The FinishTransaction of TV-4 (docs/fiscal.md §6), a real receipt.
TseLogMessage Tv4Finish() {
  TseLogMessage message;
  message.operation_type = kFinishTransaction;
  message.client_id = "ERS 8cb8e2de-4052-481b-945b-118022951944";
  message.process_data = "Beleg^21.42_0.00_0.00_0.00_0.00^21.42:Unbar";
  message.process_type = "Kassenbeleg-V1";
  message.transaction_number = 1;
  message.serial_number = TseSerialNumber(*crypto::Base64Decode(kTv4PublicKey));
  message.signature_algorithm = "ecdsa-plain-SHA256";
  message.signature_counter = 31;
  message.log_time = {kTv4LogTimeMs, TseTimeFormat::kUnixTime};
  return message;
}

struct InvalidMessage {
  const char* name;
  void (*change)(TseLogMessage&);
  const char* field;
  const char* message_part;
};

void PrintTo(const InvalidMessage& c, std::ostream* os) { *os << c.name; }

class InvalidTseLogMessageTest : public ::testing::TestWithParam<InvalidMessage> {};

TEST_P(InvalidTseLogMessageTest, IsRejectedNamingTheField) {
  TseLogMessage message = Tv4Finish();
  GetParam().change(message);
  Result<Bytes> signed_data = TseSignedData(message);
  ASSERT_FALSE(signed_data.ok());
  EXPECT_TRUE(signed_data.status().IsInvalidArgument());
  EXPECT_EQ(signed_data.status().field(), GetParam().field);
  EXPECT_NE(signed_data.status().message().find(GetParam().message_part), std::string::npos)
      << signed_data.status().message();
}

INSTANTIATE_TEST_SUITE_P(
    Cases, InvalidTseLogMessageTest,
    ::testing::Values(
        InvalidMessage{"UnknownOperation", [](TseLogMessage& m) { m.operation_type = "finishTransaction"; },
                       "operation_type", "unknown operation type 'finishTransaction'"},
        InvalidMessage{"UnknownAlgorithm", [](TseLogMessage& m) { m.signature_algorithm = "ecdsa-plain-sha256"; },
                       "signature_algorithm", "unknown signature algorithm 'ecdsa-plain-sha256'"},
        InvalidMessage{"EcSdsa", [](TseLogMessage& m) { m.signature_algorithm = "ecsdsa-plain-SHA256"; },
                       "signature_algorithm", "(EC-SDSA) is not supported"},
        InvalidMessage{"ShortSerial", [](TseLogMessage& m) { m.serial_number.pop_back(); }, "serial_number",
                       "serial number has 31 bytes"},
        InvalidMessage{"MillisecondsInUnixTime", [](TseLogMessage& m) { m.log_time.unix_ms += 500; }, "log_time",
                       "log time 2021-08-23T14:36:33.500Z has milliseconds, which cannot be written in the unixTime "
                       "format"},
        InvalidMessage{"MillisecondsInGeneralizedTime",
                       [](TseLogMessage& m) {
                         m.log_time = {kTv4LogTimeMs + 1, TseTimeFormat::kGeneralizedTime};
                       },
                       "log_time", "has milliseconds"},
        InvalidMessage{"SecondsInUtcTime", [](TseLogMessage& m) { m.log_time.format = TseTimeFormat::kUtcTime; },
                       "log_time", "has seconds, which cannot be written in the utcTime format"},
        InvalidMessage{"YearBeyondUtcTime",
                       [](TseLogMessage& m) {
                         m.log_time = {2'524'608'000'000, TseTimeFormat::kUtcTimeWithSeconds};  // 2050-01-01
                       },
                       "log_time", "is outside 1950-2049"},
        InvalidMessage{"NegativeTime", [](TseLogMessage& m) { m.log_time.unix_ms = -1000; }, "log_time",
                       "log time -1000 ms is out of range"}));

TEST(TseSignedDataTest, Tv4IsTheRealSignedData) {
  Result<Bytes> signed_data = TseSignedData(Tv4Finish());
  ASSERT_TRUE(signed_data.ok()) << signed_data.status().ToString();
  EXPECT_EQ(signed_data->size(), 196u);
  EXPECT_EQ(HexEncode(crypto::Sha256(*signed_data)),
            "a01feb0c4e0f11126668f599ee2929330833e898d8a9d8e649158819a3e1db99");
}

TEST(TseSignedDataTest, Tv4SerialIsTheSha256OfThePublicKey) {
  EXPECT_EQ(HexEncode(TseSerialNumber(*crypto::Base64Decode(kTv4PublicKey))),
            "aadfb3152cbde762aa5027e350ba9aeacb69b6236b4f25fc3ea78b69e610952a");
}

TEST(TseSignedDataTest, ElementsInOrder) {
  TseLogMessage message = Tv4Finish();
  message.operation_type = kStartTransaction;
  message.client_id = "C";
  message.process_data = "";
  message.process_type = "";
  message.transaction_number = 128;
  message.serial_number = Bytes(32, 0x11);
  message.signature_counter = 0;
  Result<Bytes> signed_data = TseSignedData(message);
  ASSERT_TRUE(signed_data.ok()) << signed_data.status().ToString();
  EXPECT_EQ(HexEncode(*signed_data),
            "020102"                                                                // INTEGER 2
            "060904007f000703070101"                                                // OID transaction log
            "801053746172745472616e73616374696f6e"                                  // [0] "StartTransaction"
            "810143"                                                                // [1] "C"
            "8200"                                                                  // [2] empty processData
            "8300"                                                                  // [3] empty, still present
            "85020080"                                                              // [5] 128
            "04201111111111111111111111111111111111111111111111111111111111111111"  // serial
            "300c060a04007f00070101040103"                                          // SEQUENCE { ecdsa-plain-SHA256 }
            "020100"                                                                // counter 0
            "02046123b271");                                                        // unixTime 1629729393
}

TEST(TseSignedDataTest, LongProcessDataGetsALongFormLength) {
  TseLogMessage message = Tv4Finish();
  message.process_data = std::string(300, 'x');
  Result<Bytes> signed_data = TseSignedData(message);
  ASSERT_TRUE(signed_data.ok());
  EXPECT_NE(HexEncode(*signed_data).find("8282012c" + HexEncode(Bytes(3, 'x'))), std::string::npos);
}

struct TimeCase {
  TseTimeFormat format;
  int64_t unix_ms;
  const char* tail_hex;
};

void PrintTo(const TimeCase& c, std::ostream* os) { *os << TseTimeFormatName(c.format); }

class TseLogTimeEncodingTest : public ::testing::TestWithParam<TimeCase> {};

TEST_P(TseLogTimeEncodingTest, EndsTheSignedData) {
  TseLogMessage message = Tv4Finish();
  message.log_time = {GetParam().unix_ms, GetParam().format};
  Result<Bytes> signed_data = TseSignedData(message);
  ASSERT_TRUE(signed_data.ok()) << signed_data.status().ToString();
  std::string hex = HexEncode(*signed_data);
  std::string tail = GetParam().tail_hex;
  ASSERT_GE(hex.size(), tail.size());
  EXPECT_EQ(hex.substr(hex.size() - tail.size()), tail);
}

INSTANTIATE_TEST_SUITE_P(AllFormats, TseLogTimeEncodingTest,
                         ::testing::Values(TimeCase{TseTimeFormat::kUnixTime, kTv4LogTimeMs, "02046123b271"},
                                           TimeCase{TseTimeFormat::kUnixTime, 0, "020100"},
                                           TimeCase{TseTimeFormat::kUtcTime, 1'629'729'360'000,
                                                    "170b"
                                                    "323130383233313433365a"},  // 2108231436Z
                                           TimeCase{TseTimeFormat::kUtcTimeWithSeconds, kTv4LogTimeMs,
                                                    "170d"
                                                    "3231303832333134333633335a"},
                                           TimeCase{TseTimeFormat::kGeneralizedTime, kTv4LogTimeMs,
                                                    "180f"
                                                    "32303231303832333134333633335a"},
                                           TimeCase{TseTimeFormat::kGeneralizedTimeWithMilliseconds, kTv4LogTimeMs + 7,
                                                    "1813"
                                                    "32303231303832333134333633332e3030375a"},  // 20210823143633.007Z
                                           TimeCase{TseTimeFormat::kGeneralizedTimeWithMilliseconds, kTv4LogTimeMs,
                                                    "1813"
                                                    "32303231303832333134333633332e3030305a"}));

TEST(TseSignedDataTest, AlgorithmOidsFollowTheTable) {
  for (const TseSignatureAlgorithm& algorithm : kTseSignatureAlgorithms) {
    TseLogMessage message = Tv4Finish();
    message.signature_algorithm = std::string(algorithm.name);
    Result<Bytes> signed_data = TseSignedData(message);
    ASSERT_TRUE(signed_data.ok()) << algorithm.name;
    std::string last_arc = std::string(algorithm.oid.substr(algorithm.oid.rfind('.') + 1));
    Bytes expected_arc{static_cast<uint8_t>(std::stoi(last_arc))};
    EXPECT_NE(HexEncode(*signed_data).find("300c060a04007f000701010401" + HexEncode(expected_arc)), std::string::npos)
        << algorithm.name;
  }
}

TEST(TseSignatureAlgorithmTest, NamesMapToTheirHash) {
  EXPECT_EQ(FindTseSignatureAlgorithm("ecdsa-plain-SHA256")->hash, crypto::HashAlgorithm::kSha256);
  EXPECT_EQ(FindTseSignatureAlgorithm("ecdsa-plain-SHA384")->oid, "0.4.0.127.0.7.1.1.4.1.4");
  EXPECT_EQ(FindTseSignatureAlgorithm("ecdsa-plain-SHA3-512")->hash, crypto::HashAlgorithm::kSha3_512);
  EXPECT_EQ(FindTseSignatureAlgorithm("ecdsa-plain-SHA3-224")->oid, "0.4.0.127.0.7.1.1.4.1.8");
  for (const TseSignatureAlgorithm& algorithm : kTseSignatureAlgorithms) {
    EXPECT_EQ("ecdsa-plain-" + std::string(crypto::HashAlgorithmName(algorithm.hash)), algorithm.name);
  }
}

}  // namespace
}  // namespace kasse::fiscal
