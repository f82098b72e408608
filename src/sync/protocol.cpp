#include "sync/protocol.h"

#include <nlohmann/json.hpp>

#include "base/json_nesting.h"
#include "base/result.h"

namespace kasse::sync {
namespace {

using Json = nlohmann::json;

// Text nested deeper than kMaxJsonNesting parses as discarded (not JSON we accept).
Json Parse(std::string_view text) {
  if (!CheckJsonNesting(text).ok()) return Json(Json::value_t::discarded);
  return Json::parse(text, nullptr, /*allow_exceptions=*/false);
}

}  // namespace

std::string JournalPath(std::string_view register_id) {
  return "/api/v1/registers/" + std::string(register_id) + "/journal";
}

std::string EncodeBatch(const std::vector<std::string>& encoded_entries) {
  std::string json = "{\"entries\":[";
  for (size_t i = 0; i < encoded_entries.size(); ++i) {
    if (i > 0) json += ',';
    json += encoded_entries[i];  // already canonical JSON: embedded verbatim
  }
  json += "]}";
  return json;
}

Result<std::vector<std::string>> DecodeBatch(std::string_view text) {
  KASSE_RETURN_IF_ERROR(CheckJsonNesting(text));
  Json json = Parse(text);
  if (json.is_discarded()) return Status::InvalidArgument("", "batch is not valid JSON");
  if (!json.is_object() || !json.contains("entries") || !json["entries"].is_array()) {
    return Status::InvalidArgument("entries", "a batch is an object with an array \"entries\"");
  }
  if (json.size() != 1) return Status::InvalidArgument("", "a batch has only \"entries\"");
  const Json& entries = json["entries"];
  if (entries.size() > kMaxBatchEntries) {
    return Status::InvalidArgument("entries", "at most " + std::to_string(kMaxBatchEntries) + " entries per batch");
  }
  std::vector<std::string> raw;
  raw.reserve(entries.size());
  for (const Json& entry : entries) raw.push_back(entry.dump());
  return raw;
}

std::string EncodeAck(const Ack& ack) {
  Json quarantined = Json::array();
  for (const Quarantined& q : ack.quarantined) quarantined.push_back({{"seq", q.seq}, {"reason", q.reason}});
  return Json{{"acknowledged_seq", ack.acknowledged_seq}, {"quarantined", quarantined}}.dump(
      -1, ' ', false, Json::error_handler_t::replace);
}

Result<Ack> DecodeAck(std::string_view text) {
  Json json = Parse(text);
  if (json.is_discarded() || !json.is_object())
    return Status::InvalidArgument("", "acknowledgement is not a JSON object");
  auto seq = json.find("acknowledged_seq");
  if (seq == json.end() || !seq->is_number_integer() || seq->get<int64_t>() < 0) {
    return Status::InvalidArgument("acknowledged_seq", "must be a non-negative integer");
  }
  Ack ack;
  ack.acknowledged_seq = seq->get<int64_t>();
  auto quarantined = json.find("quarantined");
  if (quarantined != json.end() && quarantined->is_array()) {
    for (const Json& q : *quarantined) {
      if (q.is_object() && q.contains("seq") && q["seq"].is_number_integer()) {
        ack.quarantined.push_back({q["seq"].get<int64_t>(), q.value("reason", std::string())});
      }
    }
  }
  return ack;
}

std::optional<int64_t> ExpectedSeqOfGap(std::string_view text) {
  Json json = Parse(text);
  if (json.is_discarded() || !json.is_object()) return std::nullopt;
  auto expected = json.find("expected_seq");
  if (expected == json.end() || !expected->is_number_integer() || expected->get<int64_t>() < 1) return std::nullopt;
  return expected->get<int64_t>();
}

std::string EncodeGap(int64_t expected_seq, std::string_view message) {
  Json error = {{"code", "CONFLICT"}, {"message", message}, {"field", "entries[0].seq"}};
  return Json{{"error", error}, {"expected_seq", expected_seq}}.dump(-1, ' ', false, Json::error_handler_t::replace);
}

}  // namespace kasse::sync
