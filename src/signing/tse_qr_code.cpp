#include "signing/tse_qr_code.h"

#include "crypto/base64.h"
#include "fiscal/tse_time.h"

namespace kasse::signing {
namespace {

Status CheckText(std::string_view field, std::string_view value) {
  if (value.find(';') == std::string_view::npos) return Status::Ok();
  return Status::InvalidArgument(field, "contains ';', which separates the QR code's fields");
}

Status CheckTime(std::string_view field, int64_t unix_ms) {
  if (unix_ms >= 0 && unix_ms <= fiscal::kMaxTseUnixMs) return Status::Ok();
  return Status::InvalidArgument(field, "time " + std::to_string(unix_ms) + " ms is outside 1970–9999");
}

Status CheckFields(const TseTransaction& tx) {
  KASSE_RETURN_IF_ERROR(CheckText("tse.client_id", tx.client_id));
  KASSE_RETURN_IF_ERROR(CheckText("tse.process_type", tx.process_type));
  KASSE_RETURN_IF_ERROR(CheckText("tse.process_data", tx.process_data));
  KASSE_RETURN_IF_ERROR(CheckText("tse.unit.signature_algorithm", tx.unit.signature_algorithm));
  KASSE_RETURN_IF_ERROR(CheckTime("tse.start.log_time_ms", tx.start.log_time_ms));
  return CheckTime("tse.finish.log_time_ms", tx.finish.log_time_ms);
}

Result<crypto::Bytes> DecodeBase64(std::string_view field, std::string_view text) {
  Result<crypto::Bytes> bytes = crypto::Base64Decode(text);
  if (!bytes.ok()) return Status::InvalidArgument(field, "is not base64: " + bytes.status().message());
  return bytes;
}

}  // namespace

Result<fiscal::ReceiptQrCode> ReceiptQrOf(const TseTransaction& tx) {
  KASSE_RETURN_IF_ERROR(CheckFields(tx));
  Result<fiscal::TseTimeFormat> format = fiscal::ParseTseTimeFormat(tx.unit.time_format);
  if (!format.ok()) return Status::InvalidArgument("tse.unit.time_format", format.status().message());
  Result<crypto::Bytes> signature = DecodeBase64("tse.finish.value_base64", tx.finish.value_base64);
  if (!signature.ok()) return signature.status();
  Result<crypto::Bytes> public_key = DecodeBase64("tse.unit.public_key_base64", tx.unit.public_key_base64);
  if (!public_key.ok()) return public_key.status();
  fiscal::ReceiptQrCode code;
  code.client_id = tx.client_id;
  code.process_type = tx.process_type;
  code.process_data = tx.process_data;
  code.transaction_number = tx.transaction_number;
  code.signature_counter = tx.finish.signature_counter;
  code.start_time_ms = tx.start.log_time_ms;
  code.log_time_ms = tx.finish.log_time_ms;
  code.signature_algorithm = tx.unit.signature_algorithm;
  code.log_time_format = *format;
  code.signature = std::move(signature).value();
  code.public_key = std::move(public_key).value();
  return code;
}

Result<std::string> ReceiptQrText(const TseTransaction& tx) {
  Result<fiscal::ReceiptQrCode> code = ReceiptQrOf(tx);
  if (!code.ok()) return code.status();
  std::string text = fiscal::FormatReceiptQr(*code);
  if (text.size() > fiscal::kMaxReceiptQrBytes) {
    return Status::InvalidArgument("tse", "QR code would have " + std::to_string(text.size()) + " bytes; at most " +
                                              std::to_string(fiscal::kMaxReceiptQrBytes) + " fit");
  }
  return text;
}

}  // namespace kasse::signing
