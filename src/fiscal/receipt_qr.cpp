#include "fiscal/receipt_qr.h"

#include <charconv>
#include <vector>

#include "crypto/base64.h"
#include "crypto/curve.h"
#include "crypto/ecdsa.h"
#include "domain/text.h"
#include "fiscal/detail/utc_time.h"
#include "fiscal/tse_signature_algorithm.h"
#include "fiscal/tse_signed_data.h"

namespace kasse::fiscal {
namespace {

constexpr std::string_view kLayout =
    "V0;client id;processType;processData;transaction number;signature counter;start time;log time;"
    "signature algorithm;log time format;signature;public key";

std::vector<std::string_view> Split(std::string_view text, char separator) {
  std::vector<std::string_view> parts;
  for (size_t end = text.find(separator); end != std::string_view::npos; end = text.find(separator)) {
    parts.push_back(text.substr(0, end));
    text.remove_prefix(end + 1);
  }
  parts.push_back(text);
  return parts;
}

Status ParseCount(std::string_view text, std::string_view field, std::string_view label, uint64_t& out) {
  const bool digits_only = !text.empty() && text.find_first_not_of("0123456789") == std::string_view::npos;
  if (!digits_only || (text.size() > 1 && text[0] == '0')) {
    return Status::InvalidArgument(field, std::string(label) + " " + QuoteForMessage(text) +
                                              " is not a decimal number without sign or leading zeros");
  }
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), out);
  if (error != std::errc() || end != text.data() + text.size()) {
    return Status::InvalidArgument(field, std::string(label) + " " + QuoteForMessage(text) + " is too large");
  }
  return Status::Ok();
}

Status ParseTime(std::string_view text, std::string_view field, std::string_view label, int64_t& out) {
  Result<int64_t> time = ParseTseIsoTime(text);
  if (!time.ok()) return Status::InvalidArgument(field, std::string(label) + " " + time.status().message());
  out = *time;
  return Status::Ok();
}

Status ParseBase64(std::string_view text, std::string_view field, std::string_view label, crypto::Bytes& out) {
  if (text.empty()) return Status::InvalidArgument(field, std::string(label) + " is empty");
  Result<crypto::Bytes> bytes = crypto::Base64Decode(text);
  if (!bytes.ok()) {
    return Status::InvalidArgument(field, std::string(label) + " is not valid base64: " + bytes.status().message());
  }
  out = std::move(*bytes);
  return Status::Ok();
}

Status ParseFormat(std::string_view text, TseTimeFormat& out) {
  Result<TseTimeFormat> format = ParseTseTimeFormat(text);
  if (!format.ok()) return Status::InvalidArgument("log_time_format", format.status().message());
  out = *format;
  return Status::Ok();
}

Status CheckShape(std::string_view text, const std::vector<std::string_view>& fields) {
  if (text.empty()) return Status::InvalidArgument("qr", "QR code is empty");
  if (text.size() > kMaxReceiptQrBytes) {
    return Status::InvalidArgument("qr", "QR code has " + std::to_string(text.size()) +
                                             " bytes; a QR code holds at most " + std::to_string(kMaxReceiptQrBytes));
  }
  if (fields.size() != kReceiptQrFields) {
    return Status::InvalidArgument("qr", "QR code has " + std::to_string(fields.size()) +
                                             " fields separated by ';'; expected 12: " + std::string(kLayout));
  }
  if (fields[0] != kReceiptQrVersion) {
    return Status::InvalidArgument("version", "version is " + QuoteForMessage(fields[0]) + "; expected V0");
  }
  if (fields[1].empty()) return Status::InvalidArgument("client_id", "client id is empty");
  if (fields[8].empty()) return Status::InvalidArgument("signature_algorithm", "signature algorithm is empty");
  return Status::Ok();
}

// An ISO time for a message, or the raw number if it has none.
std::string ShowTime(int64_t unix_ms) {
  return detail::SplitUnixMs(unix_ms) ? TseTimeToIso(unix_ms) : std::to_string(unix_ms) + " ms";
}

}  // namespace

Result<ReceiptQrCode> ParseReceiptQr(std::string_view text) {
  std::vector<std::string_view> fields = Split(text.substr(0, kMaxReceiptQrBytes + 1), ';');
  KASSE_RETURN_IF_ERROR(CheckShape(text, fields));
  ReceiptQrCode code;
  code.client_id = fields[1];
  code.process_type = fields[2];
  code.process_data = fields[3];
  KASSE_RETURN_IF_ERROR(ParseCount(fields[4], "transaction_number", "transaction number", code.transaction_number));
  KASSE_RETURN_IF_ERROR(ParseCount(fields[5], "signature_counter", "signature counter", code.signature_counter));
  KASSE_RETURN_IF_ERROR(ParseTime(fields[6], "start_time", "start time", code.start_time_ms));
  KASSE_RETURN_IF_ERROR(ParseTime(fields[7], "log_time", "log time", code.log_time_ms));
  code.signature_algorithm = fields[8];
  KASSE_RETURN_IF_ERROR(ParseFormat(fields[9], code.log_time_format));
  KASSE_RETURN_IF_ERROR(ParseBase64(fields[10], "signature", "signature", code.signature));
  KASSE_RETURN_IF_ERROR(ParseBase64(fields[11], "public_key", "public key", code.public_key));
  return code;
}

std::string FormatReceiptQr(const ReceiptQrCode& code) {
  std::string out(kReceiptQrVersion);
  for (const std::string& field :
       {code.client_id, code.process_type, code.process_data, std::to_string(code.transaction_number),
        std::to_string(code.signature_counter), TseTimeToIso(code.start_time_ms), TseTimeToIso(code.log_time_ms),
        code.signature_algorithm, std::string(TseTimeFormatName(code.log_time_format)),
        crypto::Base64Encode(code.signature), crypto::Base64Encode(code.public_key)}) {
    out += ';';
    out += field;
  }
  return out;
}

Status VerifyReceiptQr(const ReceiptQrCode& code) {
  Result<TseSignatureAlgorithm> algorithm = FindTseSignatureAlgorithm(code.signature_algorithm);
  if (!algorithm.ok()) return algorithm.status();
  Result<crypto::Curve> curve = crypto::CurveOfPublicKey(code.public_key);
  if (!curve.ok()) return curve.status();
  if (code.start_time_ms > code.log_time_ms) {
    return Status::InvalidArgument("start_time", "start time " + ShowTime(code.start_time_ms) +
                                                     " is after the log time " + ShowTime(code.log_time_ms));
  }
  TseLogMessage finish{kFinishTransaction,       code.client_id,          code.process_data,
                       code.process_type,        code.transaction_number, TseSerialNumber(code.public_key),
                       code.signature_algorithm, code.signature_counter,  {code.log_time_ms, code.log_time_format}};
  Result<crypto::Bytes> signed_data = TseSignedData(finish);
  if (!signed_data.ok()) return signed_data.status();
  return crypto::VerifyPlain(*curve, algorithm->hash, code.public_key, *signed_data, code.signature);
}

}  // namespace kasse::fiscal
