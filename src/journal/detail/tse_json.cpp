#include "journal/detail/tse_json.h"

#include <string>

namespace kasse::journal::detail {
namespace {

using Json = nlohmann::json;

Json EncodeSignature(const signing::TseSignature& signature) {
  return Json{{"counter", signature.signature_counter},
              {"log_time_ms", signature.log_time_ms},
              {"value", signature.value_base64}};
}

uint64_t Counter(JsonReader& r, std::string_view name) {
  int64_t value = r.Int(name);
  if (r.ok() && value < 0) r.Fail(name, "must not be negative");
  return static_cast<uint64_t>(value);
}

signing::TseSignature DecodeSignature(JsonReader& parent, std::string_view name) {
  signing::TseSignature signature;
  const Json* json = parent.Object(name);
  if (json == nullptr) return signature;
  JsonReader r(*json, parent.PathOf(name));
  signature.signature_counter = Counter(r, "counter");
  signature.log_time_ms = r.Int("log_time_ms");
  signature.value_base64 = r.String("value");
  parent.Absorb(r.Finish());
  return signature;
}

Json EncodeUnit(const signing::TseInfo& unit) {
  return Json{{"serial", unit.serial_number_hex},      {"public_key", unit.public_key_base64},
              {"algorithm", unit.signature_algorithm}, {"time_format", unit.time_format},
              {"description", unit.description},       {"certified", unit.certified}};
}

signing::TseInfo DecodeUnit(JsonReader& parent, std::string_view name) {
  signing::TseInfo unit;
  const Json* json = parent.Object(name);
  if (json == nullptr) return unit;
  JsonReader r(*json, parent.PathOf(name));
  unit.serial_number_hex = r.String("serial");
  unit.public_key_base64 = r.String("public_key");
  unit.signature_algorithm = r.String("algorithm");
  unit.time_format = r.String("time_format");
  unit.description = r.String("description");
  unit.certified = r.Bool("certified", false);
  parent.Absorb(r.Finish());
  return unit;
}

Json EncodeTransaction(const signing::TseTransaction& tx) {
  return Json{{"client_id", tx.client_id},          {"transaction_number", tx.transaction_number},
              {"process_type", tx.process_type},    {"process_data", tx.process_data},
              {"start", EncodeSignature(tx.start)}, {"finish", EncodeSignature(tx.finish)},
              {"unit", EncodeUnit(tx.unit)}};
}

signing::TseTransaction DecodeTransaction(JsonReader& r) {
  signing::TseTransaction tx;
  tx.client_id = r.String("client_id");
  tx.transaction_number = Counter(r, "transaction_number");
  tx.process_type = r.String("process_type");
  tx.process_data = r.String("process_data");
  tx.start = DecodeSignature(r, "start");
  tx.finish = DecodeSignature(r, "finish");
  tx.unit = DecodeUnit(r, "unit");
  return tx;
}

}  // namespace

Json EncodeTseRecord(const TseRecord& record) {
  Json json = Json::object();
  if (record.transaction) json["transaction"] = EncodeTransaction(*record.transaction);
  if (record.started) {
    json["started"] = {{"transaction_number", record.started->transaction_number},
                       {"signature", EncodeSignature(record.started->signature)}};
  }
  if (!record.failure.empty()) json["failure"] = record.failure;
  return json;
}

TseRecord DecodeTseRecord(JsonReader& parent, std::string_view name) {
  TseRecord record;
  const Json* json = parent.Object(name);
  if (json == nullptr) return record;
  JsonReader r(*json, parent.PathOf(name));
  if (const Json* tx = r.Object("transaction", true); tx != nullptr) {
    JsonReader t(*tx, r.PathOf("transaction"));
    record.transaction = DecodeTransaction(t);
    r.Absorb(t.Finish());
  }
  if (const Json* started = r.Object("started", true); started != nullptr) {
    JsonReader s(*started, r.PathOf("started"));
    signing::TseStarted value;
    value.transaction_number = Counter(s, "transaction_number");
    value.signature = DecodeSignature(s, "signature");
    r.Absorb(s.Finish());
    record.started = value;
  }
  record.failure = r.OptionalString("failure");
  if (r.ok() && record.transaction.has_value() && !record.failure.empty()) {
    r.Fail("", "must hold either a signed transaction or the failure reason, not both");
  }
  parent.Absorb(r.Finish());
  return record;
}

}  // namespace kasse::journal::detail
