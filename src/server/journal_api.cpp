#include "server/journal_api.h"

#include <charconv>

#include <nlohmann/json.hpp>

#include "journal/entry.h"
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

Status Authorize(Credentials& credentials, const http::HttpRequest& request) {
  Result<RegisterId> device = credentials.Authenticate(request.Header("authorization"));
  if (!device.ok()) return device.status();
  if (device->value() != request.path_params.at("register")) {
    return Status::PermissionDenied("this credential belongs to register " + device->value());
  }
  return Status::Ok();
}

void AddJournalRoutes(http::Router& router, IngestService& ingest, ServerJournalStore& store,
                      Credentials& credentials) {
  router.Add("POST", "/api/v1/registers/{register}/journal", [&](const http::HttpRequest& request) {
    Status authorized = Authorize(credentials, request);
    if (!authorized.ok()) return http::HttpResponse::Error(authorized);
    Result<IngestOutcome> outcome = ingest.Ingest(RegisterId(request.path_params.at("register")), request.body);
    if (!outcome.ok()) return http::HttpResponse::Error(outcome.status());
    if (outcome->gap_expected_seq) {
      return http::HttpResponse::Json(
          409, sync::EncodeGap(*outcome->gap_expected_seq,
                               "the batch leaves a gap; send from seq " + std::to_string(*outcome->gap_expected_seq)));
    }
    return http::HttpResponse::Json(200, sync::EncodeAck(outcome->ack));
  });
  router.Add("GET", "/api/v1/registers/{register}/receipts/{number}", [&](const http::HttpRequest& request) {
    // Any enrolled register may look up a receipt (same-store checks come with master data).
    Result<RegisterId> device = credentials.Authenticate(request.Header("authorization"));
    if (!device.ok()) return http::HttpResponse::Error(device.status());
    const std::string& register_id = request.path_params.at("register");
    Result<int64_t> number = PositiveNumber(request.path_params.at("number"), "number");
    if (!number.ok()) return http::HttpResponse::Error(number.status());
    Result<std::optional<std::string>> body = store.ReceiptBody(RegisterId(register_id), *number);
    if (!body.ok()) return http::HttpResponse::Error(body.status());
    if (!*body) {
      return http::HttpResponse::Error(
          Status::NotFound("number", "register " + register_id + " has no receipt " + std::to_string(*number)));
    }
    Result<std::vector<std::string>> returns = store.ReturnsOf(
        journal::OriginalKey(ReceiptReference{RegisterId(register_id), 0, ReceiptId(std::to_string(*number))}));
    if (!returns.ok()) return http::HttpResponse::Error(returns.status());
    std::string json = "{\"entry\":" + **body + ",\"returns\":[";
    for (size_t i = 0; i < returns->size(); ++i) json += (i > 0 ? "," : "") + (*returns)[i];
    return http::HttpResponse::Json(200, json + "]}");
  });
}

void AddEnrollmentRoutes(http::Router& router, Credentials& credentials) {
  router.Add("POST", "/api/v1/enrollments", [&](const http::HttpRequest& request) {
    Status admin = credentials.CheckAdmin(request.Header("authorization"));
    if (!admin.ok()) return http::HttpResponse::Error(admin);
    nlohmann::json body = nlohmann::json::parse(request.body, nullptr, false);
    if (body.is_discarded() || !body.is_object() || !body.contains("register_id") || !body["register_id"].is_string()) {
      return http::HttpResponse::Error(Status::InvalidArgument("register_id", "is required"));
    }
    RegisterId register_id(body["register_id"].get<std::string>());
    Status valid = ValidateRegisterId(register_id);
    if (!valid.ok()) return http::HttpResponse::Error(valid);
    bool replace = body.value("replace_device", false);
    Result<std::string> code = credentials.CreateEnrollmentCode(register_id, replace);
    if (!code.ok()) return http::HttpResponse::Error(code.status());
    return http::HttpResponse::Json(201, nlohmann::json{{"code", *code}, {"register_id", register_id.value()}}.dump());
  });
  router.Add("POST", "/api/v1/enroll", [&](const http::HttpRequest& request) {
    nlohmann::json body = nlohmann::json::parse(request.body, nullptr, false);
    if (body.is_discarded() || !body.is_object() || !body.contains("code") || !body["code"].is_string() ||
        !body.contains("device_id") || !body["device_id"].is_string()) {
      return http::HttpResponse::Error(Status::InvalidArgument("", "send {\"code\": …, \"device_id\": …}"));
    }
    Result<Enrollment> enrolled =
        credentials.Enroll(body["code"].get<std::string>(), body["device_id"].get<std::string>());
    if (!enrolled.ok()) return http::HttpResponse::Error(enrolled.status());
    return http::HttpResponse::Json(
        200, nlohmann::json{{"register_id", enrolled->register_id.value()}, {"token", enrolled->token}}.dump());
  });
}

}  // namespace kasse::server
