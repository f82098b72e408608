// SigningUnit: the technische Sicherheitseinrichtung (TSE, the certified signing
// unit KassenSichV requires) as the register sees it: start, update and finish a
// transaction, each answered with a signature (BSI TR-03153 SE-API,
// docs/fiscal.md §2).
//
// The register starts a transaction at the first item of a Vorgang and finishes it
// with the full processData before the receipt is printed. What a unit returns is
// stored verbatim (TseTransaction) and never recomputed: times, numbers and
// signatures come from the unit, not from the register.
//
// Implementations: SoftwareSigningUnit (development and demos, NOT certified);
// certified units (cloud TSE, hardware TSE) plug in behind the same interface.
// A unit that cannot be reached answers Unavailable: the register then keeps
// selling and marks the receipt "TSE ausgefallen" (AEAO zu §146a Nr. 7, TV-14).
//
// Thread-safety: implementations are used by one register thread.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"

namespace kasse::signing {

// The unit's identity: printed in the QR code and exported in DSFinV-K tse.csv.
struct TseInfo {
  std::string serial_number_hex;    // SHA-256 of the public key, 64 lowercase hex digits
  std::string public_key_base64;    // uncompressed EC point
  std::string signature_algorithm;  // e.g. "ecdsa-plain-SHA256"
  std::string time_format;          // e.g. "unixTime"
  std::string description;          // make and model; says "NOT CERTIFIED" for the software unit
  bool certified = false;
};

// One signature the unit made.
struct TseSignature {
  uint64_t signature_counter = 0;
  int64_t log_time_ms = 0;   // UTC; whole seconds for the unixTime format
  std::string value_base64;  // plain r||s
};

struct TseStarted {
  uint64_t transaction_number = 0;
  TseSignature signature;
};

// A finished transaction, everything needed to print the QR code and to check the
// signature again anywhere (server, auditor).
struct TseTransaction {
  std::string client_id;
  uint64_t transaction_number = 0;
  std::string process_type;
  std::string process_data;
  TseSignature start;
  TseSignature finish;
  TseInfo unit;
};

class SigningUnit {
 public:
  virtual ~SigningUnit() = default;

  virtual Result<TseInfo> Info() = 0;

  virtual Result<TseStarted> StartTransaction(std::string_view client_id, std::string_view process_type,
                                              std::string_view process_data) = 0;
  virtual Result<TseSignature> UpdateTransaction(std::string_view client_id, uint64_t transaction_number,
                                                 std::string_view process_type, std::string_view process_data) = 0;
  virtual Result<TseSignature> FinishTransaction(std::string_view client_id, uint64_t transaction_number,
                                                 std::string_view process_type, std::string_view process_data) = 0;

  // Transactions of this client that were started and not finished, oldest first.
  virtual Result<std::vector<uint64_t>> OpenTransactions(std::string_view client_id) = 0;
};

}  // namespace kasse::signing
