#include "server/journal_chain.h"

#include <algorithm>
#include <variant>

#include "crypto/base64.h"
#include "crypto/bytes.h"
#include "crypto/curve.h"
#include "crypto/hash.h"

namespace kasse::server {
namespace {

const journal::TseRecord* TseOf(const journal::Payload& payload) {
  if (const auto* receipt = std::get_if<journal::ReceiptEntry>(&payload)) return &receipt->tse;
  if (const auto* movement = std::get_if<journal::CashMovementEntry>(&payload)) return &movement->tse;
  return nullptr;
}

int64_t StartedMsOf(const journal::Payload& payload) {
  if (const auto* receipt = std::get_if<journal::ReceiptEntry>(&payload)) return receipt->started_ms;
  if (const auto* movement = std::get_if<journal::CashMovementEntry>(&payload)) return movement->started_ms;
  return 0;
}

Status Breach(std::string_view field, const std::string& message) { return Status::InvalidArgument(field, message); }

Status CheckSigned(const ChainState& state, const signing::TseTransaction& tx) {
  const auto counter = static_cast<int64_t>(tx.finish.signature_counter);
  const auto start_counter = static_cast<int64_t>(tx.start.signature_counter);
  const auto number = static_cast<int64_t>(tx.transaction_number);
  if (state.tse_serial.empty()) {
    Result<std::string> serial = TseSerialOfPublicKey(tx.unit.public_key_base64);
    if (!serial.ok()) return serial.status().WithFieldPrefix("payload.tse.transaction.unit.public_key");
    if (*serial != tx.unit.serial_number_hex) {
      return Breach("payload.tse.transaction.unit.serial",
                    "is not the serial of the unit's public key (SHA-256 of it is " + *serial + ")");
    }
  } else if (tx.unit.public_key_base64 != state.tse_public_key || tx.unit.serial_number_hex != state.tse_serial) {
    return Breach("payload.tse.transaction.unit",
                  "signed by signing unit " + tx.unit.serial_number_hex.substr(0, 64) +
                      ", not by the register's pinned unit " + state.tse_serial +
                      " (a new signing unit is pinned with PUT /api/v1/registers/{register}/signing-unit)");
  }
  if (start_counter >= counter) {
    return Breach("payload.tse.transaction.start.signature_counter",
                  "is " + std::to_string(start_counter) + ", not below the finish's " + std::to_string(counter));
  }
  if (counter <= state.tse_last_counter) {
    return Breach("payload.tse.transaction.finish.signature_counter",
                  "is " + std::to_string(counter) + "; the register's signing unit had already reached " +
                      std::to_string(state.tse_last_counter));
  }
  if (number <= state.tse_last_transaction && start_counter >= state.tse_last_counter) {
    return Breach("payload.tse.transaction.transaction_number",
                  "is " + std::to_string(number) + ", not above " + std::to_string(state.tse_last_transaction) +
                      ", although the transaction started after the previous one finished");
  }
  return Status::Ok();
}

Status CheckUnsigned(const ChainState& state, int64_t started_ms) {
  if (state.outage_started_ms > 0) return Status::Ok();
  if (state.outage_ended_ms > 0 && started_ms <= state.outage_ended_ms) return Status::Ok();
  return Breach("payload.tse",
                "is not signed, but the register's journal has no TSE outage open (an unsigned "
                "Vorgang must follow a tse_outage_started entry)");
}

}  // namespace

Status CheckChainLink(const ChainState& state, const journal::JournalEntry& entry) {
  if (std::optional<int64_t> number = journal::ReceiptNumberOf(entry.payload)) {
    if (*number != state.last_receipt_number + 1) {
      return Breach("payload.receipt_number", "is " + std::to_string(*number) + "; the register's previous one is " +
                                                  std::to_string(state.last_receipt_number) +
                                                  ", so receipt numbers are not consecutive");
    }
  }
  const journal::TseRecord* tse = TseOf(entry.payload);
  if (tse == nullptr) return Status::Ok();
  if (tse->transaction) return CheckSigned(state, *tse->transaction);
  return CheckUnsigned(state, StartedMsOf(entry.payload));
}

void AdvanceChain(ChainState& state, const journal::JournalEntry& entry, bool accepted) {
  if (std::optional<int64_t> number = journal::ReceiptNumberOf(entry.payload)) state.last_receipt_number = *number;
  if (std::holds_alternative<journal::TseOutageStarted>(entry.payload)) {
    if (state.outage_started_ms == 0) state.outage_started_ms = std::max<int64_t>(entry.recorded_ms, 1);
  } else if (std::holds_alternative<journal::TseOutageEnded>(entry.payload)) {
    state.outage_started_ms = 0;
    state.outage_ended_ms = std::max<int64_t>(entry.recorded_ms, 1);
  }
  const journal::TseRecord* tse = TseOf(entry.payload);
  if (!accepted || tse == nullptr || !tse->transaction) return;
  const signing::TseTransaction& tx = *tse->transaction;
  if (state.tse_serial.empty()) {
    state.tse_serial = tx.unit.serial_number_hex;
    state.tse_public_key = tx.unit.public_key_base64;
    state.tse_pinned_seq = entry.seq;
  }
  state.tse_last_counter = static_cast<int64_t>(tx.finish.signature_counter);
  state.tse_last_transaction = std::max(state.tse_last_transaction, static_cast<int64_t>(tx.transaction_number));
}

Result<std::string> TseSerialOfPublicKey(std::string_view public_key_base64) {
  Result<crypto::Bytes> key = crypto::Base64Decode(public_key_base64);
  if (!key.ok()) return Status::InvalidArgument("", "is not base64");
  if (!crypto::CurveOfPublicKey(*key).ok()) return Status::InvalidArgument("", "is not an EC public key point");
  return crypto::HexEncode(crypto::Sha256(*key));
}

}  // namespace kasse::server
