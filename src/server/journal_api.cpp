#include "server/journal_api.h"

#include <charconv>

#include "sync/protocol.h"

namespace kasse::server {
namespace {

Result<int64_t> PositiveNumber(const std::string& text, const char* field) {
  int64_t value = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || value < 1) {
    return Status::InvalidArgument(field, "must be a number from 1");
  }
  return value;
}

}  // namespace

void AddJournalRoutes(http::Router& router, IngestService& ingest, ServerJournalStore& store) {
  router.Add("POST", "/api/v1/registers/{register}/journal", [&ingest](const http::HttpRequest& request) {
    Result<IngestOutcome> outcome = ingest.Ingest(RegisterId(request.path_params.at("register")), request.body);
    if (!outcome.ok()) return http::HttpResponse::Error(outcome.status());
    if (outcome->gap_expected_seq) {
      return http::HttpResponse::Json(
          409, sync::EncodeGap(*outcome->gap_expected_seq,
                               "the batch leaves a gap; send from seq " + std::to_string(*outcome->gap_expected_seq)));
    }
    return http::HttpResponse::Json(200, sync::EncodeAck(outcome->ack));
  });
  router.Add("GET", "/api/v1/registers/{register}/receipts/{number}", [&store](const http::HttpRequest& request) {
    const std::string& register_id = request.path_params.at("register");
    Result<int64_t> number = PositiveNumber(request.path_params.at("number"), "number");
    if (!number.ok()) return http::HttpResponse::Error(number.status());
    Result<std::optional<std::string>> body = store.ReceiptBody(RegisterId(register_id), *number);
    if (!body.ok()) return http::HttpResponse::Error(body.status());
    if (!*body) {
      return http::HttpResponse::Error(
          Status::NotFound("number", "register " + register_id + " has no receipt " + std::to_string(*number)));
    }
    Result<std::vector<std::string>> returns = store.ReturnsOf(register_id + "/" + std::to_string(*number));
    if (!returns.ok()) return http::HttpResponse::Error(returns.status());
    std::string json = "{\"entry\":" + **body + ",\"returns\":[";
    for (size_t i = 0; i < returns->size(); ++i) json += (i > 0 ? "," : "") + (*returns)[i];
    return http::HttpResponse::Json(200, json + "]}");
  });
}

}  // namespace kasse::server
