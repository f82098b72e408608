// SwitchableSigningUnit: passes every call to another signing unit, unless it has
// been switched off; then every call fails as an unreachable unit does
// (Unavailable, with the given reason). For tests of the TSE outage path and for
// demonstrating it (kasse register --simulate-tse-outage).
//
// Thread-safety: as the wrapped unit.
#pragma once

#include <string>
#include <utility>

#include "signing/signing_unit.h"

namespace kasse::signing {

class SwitchableSigningUnit final : public SigningUnit {
 public:
  explicit SwitchableSigningUnit(SigningUnit& unit) : unit_(unit) {}

  void SwitchOff(std::string reason) { down_reason_ = std::move(reason); }
  void SwitchOn() { down_reason_.clear(); }
  bool is_on() const { return down_reason_.empty(); }

  Result<TseInfo> Info() override {
    if (!is_on()) return Down();
    return unit_.Info();
  }
  Result<TseStarted> StartTransaction(std::string_view client_id, std::string_view process_type,
                                      std::string_view process_data) override {
    if (!is_on()) return Down();
    return unit_.StartTransaction(client_id, process_type, process_data);
  }
  Result<TseSignature> UpdateTransaction(std::string_view client_id, uint64_t transaction_number,
                                         std::string_view process_type, std::string_view process_data) override {
    if (!is_on()) return Down();
    return unit_.UpdateTransaction(client_id, transaction_number, process_type, process_data);
  }
  Result<TseSignature> FinishTransaction(std::string_view client_id, uint64_t transaction_number,
                                         std::string_view process_type, std::string_view process_data) override {
    if (!is_on()) return Down();
    return unit_.FinishTransaction(client_id, transaction_number, process_type, process_data);
  }
  Result<std::vector<uint64_t>> OpenTransactions(std::string_view client_id) override {
    if (!is_on()) return Down();
    return unit_.OpenTransactions(client_id);
  }

 private:
  Status Down() const { return Status::Unavailable(down_reason_); }

  SigningUnit& unit_;
  std::string down_reason_;
};

}  // namespace kasse::signing
