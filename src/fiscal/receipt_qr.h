// ReceiptQrCode: the TSE data a receipt's QR code carries (DSFinV-K Anhang I,
// docs/fiscal.md §4), and checking its signature.
//
// Twelve fields joined by ';', no trailing separator:
//
//   V0;<client id>;<processType>;<processData>;<transaction number>;
//   <signature counter>;<start time>;<log time>;<signature algorithm>;
//   <log time format>;<signature, base64>;<public key, base64>
//
// Times are YYYY-MM-DDThh:mm:ss.fffZ (TseTimeToIso). The signature, counter and
// log time are those of the FinishTransaction; the start time is the log time of
// the StartTransaction, which the Finish signature does not cover. processData
// never contains ';' (its separators are '^', '_' and ':'), so splitting at every
// ';' is exact.
//
// Parsing is strict so that FormatReceiptQr gives back the very string that was
// parsed: numbers are decimal without sign, spaces or leading zeros, times and
// base64 in their one canonical form; every other field is kept byte for byte
// (client id and processType are case-sensitive: what matters is what the TSE signed).
//
// Thread-safety: a value type and pure functions.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "base/result.h"
#include "crypto/bytes.h"
#include "fiscal/tse_time.h"

namespace kasse::fiscal {

// Field 1; the only version DSFinV-K defines.
inline constexpr std::string_view kReceiptQrVersion = "V0";

inline constexpr size_t kReceiptQrFields = 12;

// A QR code holds at most 2,953 bytes (version 40, error correction L, byte mode).
inline constexpr size_t kMaxReceiptQrBytes = 2953;

// Fields 2 to 12; field 1 is always kReceiptQrVersion and not stored.
struct ReceiptQrCode {
  std::string client_id;  // Kassen-Seriennummer, as registered on the TSE
  std::string process_type;
  std::string process_data;
  uint64_t transaction_number = 0;
  uint64_t signature_counter = 0;   // of the FinishTransaction
  int64_t start_time_ms = 0;        // log time of the StartTransaction, unix ms
  int64_t log_time_ms = 0;          // log time of the FinishTransaction, unix ms
  std::string signature_algorithm;  // e.g. "ecdsa-plain-SHA256"; checked by VerifyReceiptQr
  TseTimeFormat log_time_format = TseTimeFormat::kUnixTime;
  crypto::Bytes signature;   // plain r || s
  crypto::Bytes public_key;  // uncompressed point 0x04 || X || Y
};

// InvalidArgument with a field named after the member ("transaction_number", or
// "qr" for the whole string) and a message saying what is wrong, e.g. "QR code
// has 11 fields separated by ';'; expected 12".
Result<ReceiptQrCode> ParseReceiptQr(std::string_view text);

// The QR string. Text fields must not contain ';' and times must be in
// TseTimeToIso's range (as every parsed code is).
std::string FormatReceiptQr(const ReceiptQrCode& code);

// OK if the signature is the TSE's signature of the FinishTransaction these fields
// describe: rebuilds its signed data (TseSignedData, serial number = SHA-256 of the
// public key), finds the curve from the public key, and verifies. Otherwise
// InvalidArgument, e.g. "unknown signature algorithm 'x'", "public key is not a
// point on P-256 or brainpoolP256r1", "signature has 63 bytes; a P-256 signature
// has 64", "signature does not match the signed data", or "start time … is after
// the log time …" (the one check on the start time, which is not signed).
Status VerifyReceiptQr(const ReceiptQrCode& code);

}  // namespace kasse::fiscal
