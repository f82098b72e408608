#include "fiscal/tse_signed_data.h"

#include <array>
#include <cstdio>
#include <optional>
#include <string>

#include "crypto/hash.h"
#include "domain/text.h"
#include "fiscal/detail/der.h"
#include "fiscal/detail/utc_time.h"
#include "fiscal/tse_signature_algorithm.h"

namespace kasse::fiscal {
namespace {

constexpr uint64_t kVersion = 2;
constexpr const char* kTransactionLogOid = "0.4.0.127.0.7.3.7.1.1";

// DER universal tags, and the context-specific primitive tags [n] = 0x80 | n.
constexpr uint8_t kInteger = 0x02;
constexpr uint8_t kOctetString = 0x04;
constexpr uint8_t kObjectIdentifier = 0x06;
constexpr uint8_t kSequence = 0x30;
constexpr uint8_t kUtcTime = 0x17;
constexpr uint8_t kGeneralizedTime = 0x18;
constexpr uint8_t kOperationType = 0x80;
constexpr uint8_t kClientId = 0x81;
constexpr uint8_t kProcessData = 0x82;
constexpr uint8_t kProcessType = 0x83;
constexpr uint8_t kTransactionNumber = 0x85;

// UTCTime's two-digit years mean 1950–2049 (RFC 5280 §4.1.2.5.1).
constexpr int kFirstUtcTimeYear = 1950;
constexpr int kLastUtcTimeYear = 2049;

Status LogTimeError(const TseLogTime& log_time, std::string_view problem) {
  std::string shown =
      detail::SplitUnixMs(log_time.unix_ms) ? TseTimeToIso(log_time.unix_ms) : std::to_string(log_time.unix_ms) + " ms";
  return Status::InvalidArgument("log_time", "log time " + shown + " " + std::string(problem) + " in the " +
                                                 std::string(TseTimeFormatName(log_time.format)) + " format");
}

std::string Format(const char* pattern, const detail::UtcTime& t, int year) {
  char text[32];
  std::snprintf(text, sizeof text, pattern, year, t.month, t.day, t.hour, t.minute, t.second, t.millisecond);
  return text;
}

// Checks that the format carries the time exactly, then appends it.
Status AppendLogTime(crypto::Bytes& out, const TseLogTime& log_time) {
  std::optional<detail::UtcTime> t = detail::SplitUnixMs(log_time.unix_ms);
  if (!t) return LogTimeError(log_time, "is out of range");
  const bool utc = log_time.format == TseTimeFormat::kUtcTime || log_time.format == TseTimeFormat::kUtcTimeWithSeconds;
  if (log_time.format != TseTimeFormat::kGeneralizedTimeWithMilliseconds && t->millisecond != 0) {
    return LogTimeError(log_time, "has milliseconds, which cannot be written");
  }
  if (log_time.format == TseTimeFormat::kUtcTime && t->second != 0) {
    return LogTimeError(log_time, "has seconds, which cannot be written");
  }
  if (utc && (t->year < kFirstUtcTimeYear || t->year > kLastUtcTimeYear)) {
    return LogTimeError(log_time, "is outside 1950-2049, which cannot be written");
  }
  switch (log_time.format) {
    case TseTimeFormat::kUnixTime:
      detail::AppendTlv(out, kInteger, detail::IntegerContent(static_cast<uint64_t>(log_time.unix_ms / 1000)));
      break;
    case TseTimeFormat::kUtcTime:
      detail::AppendTlv(out, kUtcTime, Format("%02d%02d%02d%02d%02dZ", *t, t->year % 100));
      break;
    case TseTimeFormat::kUtcTimeWithSeconds:
      detail::AppendTlv(out, kUtcTime, Format("%02d%02d%02d%02d%02d%02dZ", *t, t->year % 100));
      break;
    case TseTimeFormat::kGeneralizedTime:
      detail::AppendTlv(out, kGeneralizedTime, Format("%04d%02d%02d%02d%02d%02dZ", *t, t->year));
      break;
    case TseTimeFormat::kGeneralizedTimeWithMilliseconds:
      detail::AppendTlv(out, kGeneralizedTime, Format("%04d%02d%02d%02d%02d%02d.%03dZ", *t, t->year));
      break;
  }
  return Status::Ok();
}

Status CheckOperationType(std::string_view operation_type) {
  for (std::string_view known : {kStartTransaction, kUpdateTransaction, kFinishTransaction}) {
    if (operation_type == known) return Status::Ok();
  }
  return Status::InvalidArgument("operation_type", "unknown operation type " + QuoteForMessage(operation_type) +
                                                       "; expected StartTransaction, UpdateTransaction or "
                                                       "FinishTransaction");
}

}  // namespace

Result<crypto::Bytes> TseSignedData(const TseLogMessage& message) {
  KASSE_RETURN_IF_ERROR(CheckOperationType(message.operation_type));
  Result<TseSignatureAlgorithm> algorithm = FindTseSignatureAlgorithm(message.signature_algorithm);
  if (!algorithm.ok()) return algorithm.status();
  if (message.serial_number.size() != kTseSerialNumberBytes) {
    return Status::InvalidArgument("serial_number", "serial number has " +
                                                        std::to_string(message.serial_number.size()) +
                                                        " bytes; a TSE serial number (SHA-256) has 32");
  }
  crypto::Bytes out;
  detail::AppendTlv(out, kInteger, detail::IntegerContent(kVersion));
  detail::AppendTlv(out, kObjectIdentifier, detail::OidContent(kTransactionLogOid));
  detail::AppendTlv(out, kOperationType, message.operation_type);
  detail::AppendTlv(out, kClientId, message.client_id);
  detail::AppendTlv(out, kProcessData, message.process_data);
  detail::AppendTlv(out, kProcessType, message.process_type);
  detail::AppendTlv(out, kTransactionNumber, detail::IntegerContent(message.transaction_number));
  detail::AppendTlv(out, kOctetString, message.serial_number);
  crypto::Bytes algorithm_identifier;
  detail::AppendTlv(algorithm_identifier, kObjectIdentifier, detail::OidContent(algorithm->oid));
  detail::AppendTlv(out, kSequence, algorithm_identifier);
  detail::AppendTlv(out, kInteger, detail::IntegerContent(message.signature_counter));
  KASSE_RETURN_IF_ERROR(AppendLogTime(out, message.log_time));
  return out;
}

crypto::Bytes TseSerialNumber(std::span<const uint8_t> public_key) {
  std::array<uint8_t, 32> digest = crypto::Sha256(public_key);
  return crypto::Bytes(digest.begin(), digest.end());
}

}  // namespace kasse::fiscal
