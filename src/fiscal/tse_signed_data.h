// TseLogMessage and TseSignedData: the bytes a TSE signs for a transaction log
// message (BSI TR-03151/TR-03153, docs/fiscal.md §2). Signing unit
// and verifier both build them here, so they cannot disagree.
//
// The signed data is a concatenation of DER elements with no outer SEQUENCE:
//
//   INTEGER 2                                   version
//   OID 0.4.0.127.0.7.3.7.1.1                   transaction log
//   [0] operationType  [1] clientId  [2] processData  [3] processType
//                                               implicit, primitive, the bytes as
//                                               given; [3] even when empty, [4]
//                                               additionalExternalData left out
//   [5] transactionNumber                       INTEGER content bytes
//   OCTET STRING serialNumber                   32 bytes
//   SEQUENCE { OID signatureAlgorithm }
//   INTEGER signatureCounter
//   logTime                                     INTEGER seconds (unixTime),
//                                               UTCTime or GeneralizedTime
//
// Verified against a real receipt: TV-4 gives 196 bytes with SHA-256 a01feb0c…db99.
//
// generalizedTimeWithMilliseconds is written with all three digits
// (YYYYMMDDhhmmss.fffZ, as DSFinV-K describes TSE_ZEITFORMAT), although strict DER
// would drop trailing zeros; no real TSE output in that format has been checked.
//
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <span>
#include <string>

#include "base/result.h"
#include "crypto/bytes.h"
#include "fiscal/tse_time.h"

namespace kasse::fiscal {

inline constexpr const char* kStartTransaction = "StartTransaction";
inline constexpr const char* kUpdateTransaction = "UpdateTransaction";
inline constexpr const char* kFinishTransaction = "FinishTransaction";

// The size of a TSE serial number: a SHA-256.
inline constexpr size_t kTseSerialNumberBytes = 32;

struct TseLogMessage {
  std::string operation_type;  // kStartTransaction, kUpdateTransaction or kFinishTransaction
  std::string client_id;
  std::string process_data;
  std::string process_type;
  uint64_t transaction_number = 0;
  crypto::Bytes serial_number;      // kTseSerialNumberBytes: TseSerialNumber(public key)
  std::string signature_algorithm;  // a name in kTseSignatureAlgorithms, e.g. "ecdsa-plain-SHA256"
  uint64_t signature_counter = 0;
  TseLogTime log_time;
};

// The signed data of `message`. InvalidArgument (field = the member's name) for
// an unknown operation type or signature algorithm, a serial number that is not
// 32 bytes, or a log time its format cannot carry exactly: milliseconds other
// than 000 except in generalizedTimeWithMilliseconds, seconds other than 00 in
// utcTime, a year outside 1950–2049 in either utcTime.
Result<crypto::Bytes> TseSignedData(const TseLogMessage& message);

// A TSE's serial number: SHA-256 of its public key (the uncompressed point).
crypto::Bytes TseSerialNumber(std::span<const uint8_t> public_key);

}  // namespace kasse::fiscal
