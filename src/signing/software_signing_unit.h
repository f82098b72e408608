// SoftwareSigningUnit: a TSE in software, for development and demos. NOT CERTIFIED:
// a real register must use a BSI-certified unit; Info() says so, and so does
// every receipt it signs.
//
// It behaves like a certified unit where the register can tell: ECDSA P-256 with
// SHA-256 ("ecdsa-plain-SHA256"), unixTime log times (whole seconds), one
// transaction counter across all clients, one signature counter across every
// signature, and signed data laid out exactly as docs/fiscal.md §2,
// so a standard verifier (and `kasse verify-receipt`) accepts its QR codes.
//
// Its counters and open transactions live in a SoftwareTseStateStore. The
// register's store keeps them in the journal database and calls the unit inside
// the journal transaction, so counters and journal commit or roll back together.
// The unit reads the state afresh for every operation, so a rolled-back
// transaction leaves no trace in memory either.
//
// Thread-safety: one thread at a time (as its store).
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "base/clock.h"
#include "crypto/ec_private_key.h"
#include "signing/signing_unit.h"

namespace kasse::signing {

struct SoftwareTseState {
  uint64_t last_transaction_number = 0;
  uint64_t signature_counter = 0;
  std::vector<std::pair<std::string, uint64_t>> open;  // (client id, transaction number), oldest first
};

class SoftwareTseStateStore {
 public:
  virtual ~SoftwareTseStateStore() = default;
  virtual Result<SoftwareTseState> Load() = 0;
  virtual Status Save(const SoftwareTseState& state) = 0;
};

// Keeps the state in memory only: for tests and benchmarks.
class InMemoryTseStateStore final : public SoftwareTseStateStore {
 public:
  Result<SoftwareTseState> Load() override { return state_; }
  Status Save(const SoftwareTseState& state) override {
    state_ = state;
    return Status::Ok();
  }

 private:
  SoftwareTseState state_;
};

class SoftwareSigningUnit final : public SigningUnit {
 public:
  static constexpr const char* kDescription = "Kasse software signing unit, NOT CERTIFIED (development and demo only)";

  // `key` must be a P-256 key (Info() reports its algorithm as ecdsa-plain-SHA256).
  SoftwareSigningUnit(crypto::EcPrivateKey key, Clock& clock, SoftwareTseStateStore& store);

  // Loads the key from `path` (a PKCS#8 PEM file readable only by its owner), or
  // creates a new P-256 key there with mode 0600 if the file does not exist.
  static Result<crypto::EcPrivateKey> LoadOrCreateKey(const std::string& path);

  Result<TseInfo> Info() override { return info_; }
  Result<TseStarted> StartTransaction(std::string_view client_id, std::string_view process_type,
                                      std::string_view process_data) override;
  Result<TseSignature> UpdateTransaction(std::string_view client_id, uint64_t transaction_number,
                                         std::string_view process_type, std::string_view process_data) override;
  Result<TseSignature> FinishTransaction(std::string_view client_id, uint64_t transaction_number,
                                         std::string_view process_type, std::string_view process_data) override;
  Result<std::vector<uint64_t>> OpenTransactions(std::string_view client_id) override;

 private:
  Result<TseSignature> Sign(SoftwareTseState& state, std::string_view operation, std::string_view client_id,
                            uint64_t transaction_number, std::string_view process_type, std::string_view process_data);
  Result<TseSignature> SignOpen(std::string_view operation, std::string_view client_id, uint64_t transaction_number,
                                std::string_view process_type, std::string_view process_data, bool finish);

  crypto::EcPrivateKey key_;
  Clock& clock_;
  SoftwareTseStateStore& store_;
  crypto::Bytes serial_;
  TseInfo info_;
};

}  // namespace kasse::signing
