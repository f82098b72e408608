#include "signing/software_signing_unit.h"

#include <algorithm>
#include <filesystem>

#include "crypto/base64.h"
#include "crypto/hash.h"
#include "crypto/key_file.h"
#include "fiscal/tse_signed_data.h"

namespace kasse::signing {
namespace {

constexpr const char* kAlgorithm = "ecdsa-plain-SHA256";
constexpr const char* kTimeFormat = "unixTime";

bool IsOpen(const SoftwareTseState& state, std::string_view client_id, uint64_t transaction_number) {
  return std::any_of(state.open.begin(), state.open.end(),
                     [&](const auto& open) { return open.first == client_id && open.second == transaction_number; });
}

}  // namespace

SoftwareSigningUnit::SoftwareSigningUnit(crypto::EcPrivateKey key, Clock& clock, SoftwareTseStateStore& store)
    : key_(std::move(key)), clock_(clock), store_(store) {
  auto digest = crypto::Sha256(key_.PublicKey());
  serial_.assign(digest.begin(), digest.end());
  info_.serial_number_hex = crypto::HexEncode(serial_);
  info_.public_key_base64 = crypto::Base64Encode(key_.PublicKey());
  info_.signature_algorithm = kAlgorithm;
  info_.time_format = kTimeFormat;
  info_.description = kDescription;
  info_.certified = false;
}

Result<crypto::EcPrivateKey> SoftwareSigningUnit::LoadOrCreateKey(const std::string& path) {
  if (std::filesystem::exists(path)) {
    Result<std::string> pem = crypto::ReadKeyFile(path);
    if (!pem.ok()) return pem.status();
    Result<crypto::EcPrivateKey> key = crypto::EcPrivateKey::FromPem(*pem);
    if (!key.ok()) return key.status();
    if (key->curve() != crypto::Curve::kP256) {
      return Status::InvalidArgument("tse_key", "the software signing unit needs a P-256 key: " + path);
    }
    return key;
  }
  Result<crypto::EcPrivateKey> key = crypto::EcPrivateKey::Generate(crypto::Curve::kP256);
  if (!key.ok()) return key.status();
  KASSE_RETURN_IF_ERROR(crypto::WriteKeyFile(path, key->ToPem()));
  return key;
}

Result<TseSignature> SoftwareSigningUnit::Sign(SoftwareTseState& state, std::string_view operation,
                                               std::string_view client_id, uint64_t transaction_number,
                                               std::string_view process_type, std::string_view process_data) {
  TseSignature signature;
  signature.signature_counter = state.signature_counter + 1;
  signature.log_time_ms = clock_.NowUnixMillis() / 1000 * 1000;  // unixTime has whole seconds

  fiscal::TseLogMessage message;
  message.operation_type = std::string(operation);
  message.client_id = std::string(client_id);
  message.process_data = std::string(process_data);
  message.process_type = std::string(process_type);
  message.transaction_number = transaction_number;
  message.serial_number = serial_;
  message.signature_algorithm = kAlgorithm;
  message.signature_counter = signature.signature_counter;
  message.log_time = {signature.log_time_ms, fiscal::TseTimeFormat::kUnixTime};
  Result<crypto::Bytes> signed_data = fiscal::TseSignedData(message);
  if (!signed_data.ok()) return signed_data.status();
  Result<crypto::Bytes> value = key_.SignPlain(crypto::HashAlgorithm::kSha256, *signed_data);
  if (!value.ok()) return value.status();
  signature.value_base64 = crypto::Base64Encode(*value);
  state.signature_counter = signature.signature_counter;
  return signature;
}

Result<TseStarted> SoftwareSigningUnit::StartTransaction(std::string_view client_id, std::string_view process_type,
                                                         std::string_view process_data) {
  Result<SoftwareTseState> state = store_.Load();
  if (!state.ok()) return state.status();
  TseStarted started;
  started.transaction_number = state->last_transaction_number + 1;
  Result<TseSignature> signature =
      Sign(*state, "StartTransaction", client_id, started.transaction_number, process_type, process_data);
  if (!signature.ok()) return signature.status();
  started.signature = *signature;
  state->last_transaction_number = started.transaction_number;
  state->open.emplace_back(std::string(client_id), started.transaction_number);
  KASSE_RETURN_IF_ERROR(store_.Save(*state));
  return started;
}

Result<TseSignature> SoftwareSigningUnit::SignOpen(std::string_view operation, std::string_view client_id,
                                                   uint64_t transaction_number, std::string_view process_type,
                                                   std::string_view process_data, bool finish) {
  Result<SoftwareTseState> state = store_.Load();
  if (!state.ok()) return state.status();
  if (!IsOpen(*state, client_id, transaction_number)) {
    return Status::NotFound("transaction_number", "transaction " + std::to_string(transaction_number) + " of client " +
                                                      std::string(client_id) + " is not open");
  }
  Result<TseSignature> signature = Sign(*state, operation, client_id, transaction_number, process_type, process_data);
  if (!signature.ok()) return signature.status();
  if (finish) {
    std::erase_if(state->open,
                  [&](const auto& open) { return open.first == client_id && open.second == transaction_number; });
  }
  KASSE_RETURN_IF_ERROR(store_.Save(*state));
  return signature;
}

Result<TseSignature> SoftwareSigningUnit::UpdateTransaction(std::string_view client_id, uint64_t transaction_number,
                                                            std::string_view process_type,
                                                            std::string_view process_data) {
  return SignOpen("UpdateTransaction", client_id, transaction_number, process_type, process_data, false);
}

Result<TseSignature> SoftwareSigningUnit::FinishTransaction(std::string_view client_id, uint64_t transaction_number,
                                                            std::string_view process_type,
                                                            std::string_view process_data) {
  return SignOpen("FinishTransaction", client_id, transaction_number, process_type, process_data, true);
}

Result<std::vector<uint64_t>> SoftwareSigningUnit::OpenTransactions(std::string_view client_id) {
  Result<SoftwareTseState> state = store_.Load();
  if (!state.ok()) return state.status();
  std::vector<uint64_t> open;
  for (const auto& [client, number] : state->open) {
    if (client == client_id) open.push_back(number);
  }
  return open;
}

}  // namespace kasse::signing
