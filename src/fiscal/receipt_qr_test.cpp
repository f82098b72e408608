#include "fiscal/receipt_qr.h"

#include <ostream>
#include <tuple>
#include <vector>

#include <gtest/gtest.h>

#include "crypto/base64.h"
#include "crypto/ec_private_key.h"
#include "fiscal/tse_signature_algorithm.h"
#include "fiscal/tse_signed_data.h"

namespace kasse::fiscal {
namespace {

// TV-4 (docs/fiscal.md §6): a real receipt of a P-256 TSE.
constexpr const char* kTv4 =
    "V0;ERS 8cb8e2de-4052-481b-945b-118022951944;Kassenbeleg-V1;Beleg^21.42_0.00_0.00_0.00_0.00^21.42:Unbar;1;31;"
    "2021-08-23T14:36:27.000Z;2021-08-23T14:36:33.000Z;ecdsa-plain-SHA256;unixTime;"
    "TGnWiq3ZW7gi4Vs+DxLGsJZj9v271dHmhQAcb057F3oWkdKJ61UW2LLVTZQhW673yLa53Mm6oPeMU1Ns3ZOH7w==;"
    "BGFKQP7EENf3s5hTDXvlh+xyJ1Q9BNIa9LyYbYK+pTAKAGQ2fmI40p5QOrpHpvb+UuOrNQJdhzggHNfyyyDyf/g=";

std::vector<std::string> Fields(std::string_view qr) {
  std::vector<std::string> fields;
  size_t start = 0;
  for (size_t end = qr.find(';'); end != std::string_view::npos; start = end + 1, end = qr.find(';', start)) {
    fields.emplace_back(qr.substr(start, end - start));
  }
  fields.emplace_back(qr.substr(start));
  return fields;
}

std::string Join(const std::vector<std::string>& fields) {
  std::string out;
  for (const std::string& field : fields) out += (out.empty() ? "" : ";") + field;
  return out;
}

// Tv4 with field `index` (0-based) replaced.
std::string Tv4With(size_t index, const std::string& value) {
  std::vector<std::string> fields = Fields(kTv4);
  fields.at(index) = value;
  return Join(fields);
}

// The reason the QR string is rejected, by the parser or the verifier; "" if valid.
std::string Rejection(std::string_view qr) {
  Result<ReceiptQrCode> code = ParseReceiptQr(qr);
  if (!code.ok()) return code.status().ToString();
  Status verified = VerifyReceiptQr(*code);
  return verified.ok() ? "" : verified.ToString();
}

struct Malformed {
  const char* name;
  std::string qr;
  const char* reason;
};

void PrintTo(const Malformed& c, std::ostream* os) { *os << c.name; }

class MalformedReceiptQrTest : public ::testing::TestWithParam<Malformed> {};

TEST_P(MalformedReceiptQrTest, IsRejectedWithAClearReason) {
  Result<ReceiptQrCode> code = ParseReceiptQr(GetParam().qr);
  ASSERT_FALSE(code.ok());
  EXPECT_TRUE(code.status().IsInvalidArgument());
  EXPECT_NE(code.status().ToString().find(GetParam().reason), std::string::npos) << code.status().ToString();
}

INSTANTIATE_TEST_SUITE_P(
    Cases, MalformedReceiptQrTest,
    ::testing::Values(
        Malformed{"Empty", "", "qr: QR code is empty"},
        Malformed{"ElevenFields", std::string(kTv4).substr(0, std::string(kTv4).rfind(';')),
                  "qr: QR code has 11 fields separated by ';'; expected 12: V0;client id;processType;"},
        Malformed{"ThirteenFields", std::string(kTv4) + ";", "QR code has 13 fields"},
        Malformed{"ProcessDataWithSemicolon", Tv4With(3, "Beleg^21.42;0.00"), "QR code has 13 fields"},
        Malformed{"TooLong", Tv4With(3, std::string(3000, 'x')), "a QR code holds at most 2953"},
        Malformed{"Version", Tv4With(0, "V1"), "version: version is 'V1'; expected V0"},
        Malformed{"LowercaseVersion", Tv4With(0, "v0"), "version is 'v0'"},
        Malformed{"EmptyClientId", Tv4With(1, ""), "client_id: client id is empty"},
        Malformed{"NegativeTransactionNumber", Tv4With(4, "-1"),
                  "transaction_number: transaction number '-1' is not a decimal number without sign or leading zeros"},
        Malformed{"PlusSign", Tv4With(4, "+1"), "transaction number '+1' is not a decimal number"},
        Malformed{"LeadingZero", Tv4With(5, "031"), "signature counter '031' is not a decimal number"},
        Malformed{"Space", Tv4With(5, " 31"), "signature counter ' 31' is not"},
        Malformed{"HexNumber", Tv4With(4, "0x1"), "transaction number '0x1' is not"},
        Malformed{"EmptyNumber", Tv4With(5, ""), "signature counter '' is not"},
        Malformed{"Overflow", Tv4With(4, "18446744073709551616"), "'18446744073709551616' is too large"},
        Malformed{"StartTimeWithoutMilliseconds", Tv4With(6, "2021-08-23T14:36:27Z"),
                  "start_time: start time '2021-08-23T14:36:27Z' is not of the form YYYY-MM-DDThh:mm:ss.fffZ"},
        Malformed{"LogTimeWithOffset", Tv4With(7, "2021-08-23T16:36:33.000+02:00"), "log_time: log time"},
        Malformed{"ImpossibleDate", Tv4With(7, "2021-02-30T14:36:33.000Z"), "is not a valid UTC time"},
        Malformed{"EmptyAlgorithm", Tv4With(8, ""), "signature_algorithm: signature algorithm is empty"},
        Malformed{"UnknownTimeFormat", Tv4With(9, "UnixTime"),
                  "log_time_format: unknown log time format 'UnixTime'; expected unixTime"},
        Malformed{"SignatureNotBase64", Tv4With(10, "TGnW*q3Z"),
                  "signature: signature is not valid base64: unexpected character at position 4"},
        Malformed{"SignatureBadPadding", Tv4With(10, "TGnWiq3"), "not valid base64: length 7 is not a multiple of 4"},
        Malformed{"EmptySignature", Tv4With(10, ""), "signature: signature is empty"},
        Malformed{"PublicKeyUrlSafe", Tv4With(11, "BGFK-P7E"), "public_key: public key is not valid base64"},
        Malformed{"EmptyPublicKey", Tv4With(11, ""), "public key is empty"}));

struct Tampered {
  const char* name;
  size_t field;
  std::string value;
  const char* reason;
};

void PrintTo(const Tampered& c, std::ostream* os) { *os << c.name; }

class TamperedTv4Test : public ::testing::TestWithParam<Tampered> {};

TEST_P(TamperedTv4Test, FailsToVerify) {
  EXPECT_NE(Rejection(Tv4With(GetParam().field, GetParam().value)).find(GetParam().reason), std::string::npos)
      << Rejection(Tv4With(GetParam().field, GetParam().value));
}

constexpr const char* kMismatch = "signature: signature does not match the signed data";

// Every one of the twelve fields, changed as little as possible.
INSTANTIATE_TEST_SUITE_P(
    EachField, TamperedTv4Test,
    ::testing::Values(
        Tampered{"Version", 0, "V1", "expected V0"},
        Tampered{"ClientIdCase", 1, "ERS 8CB8e2de-4052-481b-945b-118022951944", kMismatch},
        Tampered{"ProcessTypeCase", 2, "KassenBeleg-V1", kMismatch},
        Tampered{"ProcessDataAmount", 3, "Beleg^21.42_0.00_0.00_0.00_0.00^21.43:Unbar", kMismatch},
        Tampered{"TransactionNumber", 4, "2", kMismatch}, Tampered{"SignatureCounter", 5, "32", kMismatch},
        // The start time is not signed by the Finish; only a start after the end is caught.
        Tampered{"StartTimeAfterEnd", 6, "2021-08-23T14:36:34.000Z",
                 "start_time: start time 2021-08-23T14:36:34.000Z is after the log time 2021-08-23T14:36:33.000Z"},
        Tampered{"LogTime", 7, "2021-08-23T14:36:34.000Z", kMismatch},
        Tampered{"LogTimeMilliseconds", 7, "2021-08-23T14:36:33.001Z",
                 "log_time: log time 2021-08-23T14:36:33.001Z has milliseconds, which cannot be written in the "
                 "unixTime format"},
        Tampered{"AlgorithmHash", 8, "ecdsa-plain-SHA384", kMismatch},
        Tampered{"AlgorithmSha3", 8, "ecdsa-plain-SHA3-256", kMismatch},
        Tampered{"AlgorithmCase", 8, "ecdsa-plain-sha256", "unknown signature algorithm 'ecdsa-plain-sha256'"},
        Tampered{"AlgorithmEcSdsa", 8, "ecsdsa-plain-SHA256", "'ecsdsa-plain-SHA256' (EC-SDSA) is not supported"},
        Tampered{"TimeFormat", 9, "utcTimeWithSeconds", kMismatch},
        Tampered{"TimeFormatGeneralized", 9, "generalizedTime", kMismatch},
        Tampered{"SignatureByte", 10,
                 "TGnWiq3ZW7gi4Vs+DxLGsJZj9v271dHmhQAcb057F3oWkdKJ61UW2LLVTZQhW673yLa53Mm6oPeMU1Ns3ZOH7A==", kMismatch},
        Tampered{"SignatureShort", 10,
                 "TGnWiq3ZW7gi4Vs+DxLGsJZj9v271dHmhQAcb057F3oWkdKJ61UW2LLVTZQhW673yLa53Mm6oPeMU1Ns3ZOH",
                 "signature has 63 bytes; a P-256 signature has 64"},
        Tampered{"PublicKeyOffCurve", 11,
                 "BGFKQP7EENf3s5hTDXvlh+xyJ1Q9BNIa9LyYbYK+pTAKAGQ2fmI40p5QOrpHpvb+UuOrNQJdhzggHNfyyyDyf/k=",
                 "public_key: public key is not a point on P-256 or brainpoolP256r1"},
        Tampered{"PublicKeyCompressed", 11, "AmFKQP7EENf3s5hTDXvlh+xyJ1Q9BNIa9LyYbYK+pTAK",
                 "public key has 33 bytes; an uncompressed point has 65"}));

TEST(ReceiptQrTest, Tv4Verifies) {
  Result<ReceiptQrCode> code = ParseReceiptQr(kTv4);
  ASSERT_TRUE(code.ok()) << code.status().ToString();
  Status verified = VerifyReceiptQr(*code);
  EXPECT_TRUE(verified.ok()) << verified.ToString();
}

TEST(ReceiptQrTest, Tv4ParsesIntoItsFieldsAndFormatsBack) {
  Result<ReceiptQrCode> code = ParseReceiptQr(kTv4);
  ASSERT_TRUE(code.ok()) << code.status().ToString();
  EXPECT_EQ(code->client_id, "ERS 8cb8e2de-4052-481b-945b-118022951944");
  EXPECT_EQ(code->process_type, "Kassenbeleg-V1");
  EXPECT_EQ(code->process_data, "Beleg^21.42_0.00_0.00_0.00_0.00^21.42:Unbar");
  EXPECT_EQ(code->transaction_number, 1u);
  EXPECT_EQ(code->signature_counter, 31u);
  EXPECT_EQ(code->start_time_ms, 1'629'729'387'000);
  EXPECT_EQ(code->log_time_ms, 1'629'729'393'000);
  EXPECT_EQ(code->signature_algorithm, "ecdsa-plain-SHA256");
  EXPECT_EQ(code->log_time_format, TseTimeFormat::kUnixTime);
  EXPECT_EQ(code->signature.size(), 64u);
  EXPECT_EQ(code->public_key.size(), 65u);
  EXPECT_EQ(FormatReceiptQr(*code), kTv4);
}

TEST(ReceiptQrTest, AnotherTseKeyDoesNotVerifyTv4) {
  Result<crypto::EcPrivateKey> key = crypto::EcPrivateKey::Generate(crypto::Curve::kP256);
  ASSERT_TRUE(key.ok());
  EXPECT_NE(Rejection(Tv4With(11, crypto::Base64Encode(key->PublicKey()))).find(kMismatch), std::string::npos);
}

TEST(ReceiptQrTest, TextFieldsAreKeptByteForByte) {
  std::string process_data = "Beleg^1.00\r\"K\xc3\xa4se\"  ^";
  Result<ReceiptQrCode> code = ParseReceiptQr(Tv4With(3, process_data));
  ASSERT_TRUE(code.ok()) << code.status().ToString();
  EXPECT_EQ(code->process_data, process_data);
  EXPECT_EQ(FormatReceiptQr(*code), Tv4With(3, process_data));
  EXPECT_NE(Rejection(Tv4With(3, process_data)).find(kMismatch), std::string::npos);
}

using Combination = std::tuple<crypto::Curve, crypto::HashAlgorithm, TseTimeFormat>;

class OwnReceiptQrTest : public ::testing::TestWithParam<Combination> {};

// A receipt signed the way a TSE signs, for every curve, hash and time format.
TEST_P(OwnReceiptQrTest, VerifiesAndFailsWhenTampered) {
  const auto [curve, hash, format] = GetParam();
  Result<crypto::EcPrivateKey> key = crypto::EcPrivateKey::Generate(curve);
  ASSERT_TRUE(key.ok()) << key.status().ToString();
  ReceiptQrCode code;
  code.client_id = "K-0101-01";
  code.process_type = "Kassenbeleg-V1";
  code.process_data = "Beleg^7.48_3.57_0.00_0.00_0.00^11.05:Bar";
  code.transaction_number = 4711;
  code.signature_counter = 9502;
  code.start_time_ms = 1'788'423'302'000;  // 2026-09-03T08:15:02.000Z
  code.log_time_ms = format == TseTimeFormat::kUtcTime ? 1'788'423'360'000 : 1'788'423'400'000;
  if (format == TseTimeFormat::kGeneralizedTimeWithMilliseconds) code.log_time_ms += 250;
  code.signature_algorithm = "ecdsa-plain-" + std::string(crypto::HashAlgorithmName(hash));
  code.log_time_format = format;
  code.public_key = key->PublicKey();
  TseLogMessage finish{kFinishTransaction,       code.client_id,          code.process_data,
                       code.process_type,        code.transaction_number, TseSerialNumber(code.public_key),
                       code.signature_algorithm, code.signature_counter,  {code.log_time_ms, format}};
  Result<crypto::Bytes> signed_data = TseSignedData(finish);
  ASSERT_TRUE(signed_data.ok()) << signed_data.status().ToString();
  Result<crypto::Bytes> signature = key->SignPlain(hash, *signed_data);
  ASSERT_TRUE(signature.ok()) << signature.status().ToString();
  code.signature = *signature;

  std::string qr = FormatReceiptQr(code);
  EXPECT_EQ(Rejection(qr), "") << qr;
  std::vector<std::string> fields = Fields(qr);
  fields[3] = "Beleg^7.48_3.57_0.00_0.00_0.00^11.06:Bar";
  EXPECT_NE(Rejection(Join(fields)).find(kMismatch), std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(AllCurvesHashesAndFormats, OwnReceiptQrTest,
                         ::testing::Combine(::testing::ValuesIn(crypto::kAllCurves),
                                            ::testing::ValuesIn(crypto::kAllHashAlgorithms),
                                            ::testing::ValuesIn(kAllTseTimeFormats)),
                         [](const ::testing::TestParamInfo<Combination>& param_info) {
                           std::string name = std::string(crypto::CurveName(std::get<0>(param_info.param))) + "_" +
                                              std::string(crypto::HashAlgorithmName(std::get<1>(param_info.param))) +
                                              "_" + std::string(TseTimeFormatName(std::get<2>(param_info.param)));
                           std::erase(name, '-');
                           return name;
                         });

}  // namespace
}  // namespace kasse::fiscal
