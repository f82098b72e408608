#include "server/journal_api.h"

#include <charconv>
#include <chrono>

#include <nlohmann/json.hpp>

#include "base/json_nesting.h"
#include "journal/entry.h"
#include "server/journal_store.h"
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

Status Authorize(Credentials& credentials, const http::HttpRequest& request) {
  Result<RegisterId> device = credentials.Authenticate(request.Header("authorization"));
  if (!device.ok()) return device.status();
  if (device->value() != request.path_params.at("register")) {
    return Status::PermissionDenied("this credential belongs to register " + device->value());
  }
  return Status::Ok();
}

// Takes one upload, and records it in the metrics and the log.
http::HttpResponse Upload(const JournalRouteDeps& deps, const http::HttpRequest& request) {
  auto started = std::chrono::steady_clock::now();
  Status authorized = Authorize(deps.credentials, request);
  if (!authorized.ok()) {
    RecordRefusedUpload(deps, request.path_params.at("register"), authorized);
    return http::HttpResponse::Error(authorized);
  }
  RegisterId register_id(request.path_params.at("register"));
  int64_t head = 0;
  std::string head_text = request.Header(sync::kJournalHeadHeader);
  std::from_chars(head_text.data(), head_text.data() + head_text.size(), head);
  Result<IngestOutcome> outcome = deps.ingest.Ingest(register_id, request.body, head);
  if (!outcome.ok()) {
    RecordRefusedUpload(deps, register_id.value(), outcome.status());
    return http::HttpResponse::Error(outcome.status());
  }
  if (outcome->gap_expected_seq) {
    deps.metrics.BatchFailed("GAP");
    return http::HttpResponse::Json(
        409, sync::EncodeGap(*outcome->gap_expected_seq,
                             "the batch leaves a gap; send from seq " + std::to_string(*outcome->gap_expected_seq)));
  }
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  deps.metrics.BatchIngested(register_id, *outcome, seconds, head, outcome->newest_recorded_ms);
  for (const sync::Quarantined& quarantined : outcome->ack.quarantined) {
    deps.log.Warn("journal entry quarantined",
                  {{"register_id", register_id.value()}, {"seq", quarantined.seq}, {"reason", quarantined.reason}});
  }
  return http::HttpResponse::Json(200, sync::EncodeAck(outcome->ack));
}

}  // namespace

void RecordRefusedUpload(const JournalRouteDeps& deps, std::string_view register_id, const Status& status) {
  std::string_view code = CodeName(status.code());
  deps.metrics.BatchFailed(code);
  std::optional<int64_t> suppressed = deps.refusals.Admit(std::string(register_id) + " " + std::string(code));
  if (!suppressed) return;
  deps.log.Warn("journal upload refused", {{"register_id", register_id},
                                           {"code", code},
                                           {"error", status.ToString()},
                                           {"suppressed_since_last", *suppressed}});
}

void AddJournalRoutes(http::Router& router, const JournalRouteDeps& deps) {
  router.Add("POST", "/api/v1/registers/{register}/journal", http::Access::kDevice,
             [deps](const http::HttpRequest& request) { return Upload(deps, request); });
  router.Add(
      "GET", "/api/v1/registers/{register}/receipts/{number}", http::Access::kDevice,
      [deps](const http::HttpRequest& request) {
        Credentials& credentials = deps.credentials;
        storage::SqlPool& pool = deps.pool;
        // Any enrolled register of the chain may look up a receipt: a sale can be returned in any store.
        Result<RegisterId> device = credentials.Authenticate(request.Header("authorization"));
        if (!device.ok()) return http::HttpResponse::Error(device.status());
        const std::string& register_id = request.path_params.at("register");
        Result<int64_t> number = PositiveNumber(request.path_params.at("number"), "number");
        if (!number.ok()) return http::HttpResponse::Error(number.status());
        Result<storage::SqlPool::Lease> db = pool.Acquire();
        if (!db.ok()) return http::HttpResponse::Error(db.status());
        Result<std::optional<std::string>> body = JournalStore::ReceiptBody(**db, RegisterId(register_id), *number);
        if (!body.ok()) return http::HttpResponse::Error(body.status());
        if (!*body) {
          return http::HttpResponse::Error(
              Status::NotFound("number", "register " + register_id + " has no receipt " + std::to_string(*number)));
        }
        Result<std::vector<std::string>> returns = JournalStore::ReturnsOf(
            **db,
            journal::OriginalKey(ReceiptReference{RegisterId(register_id), 0, ReceiptId(std::to_string(*number))}));
        if (!returns.ok()) return http::HttpResponse::Error(returns.status());
        std::string json = "{\"entry\":" + **body + ",\"returns\":[";
        for (size_t i = 0; i < returns->size(); ++i) json += (i > 0 ? "," : "") + (*returns)[i];
        return http::HttpResponse::Json(200, json + "]}");
      });
}

void AddEnrollmentRoutes(http::Router& router, Credentials& credentials, masterdata::MasterDataStore& master_data,
                         ops::Logger& log) {
  router.Add("POST", "/api/v1/enrollments", http::Access::kAdmin, [&](const http::HttpRequest& request) {
    Status admin = credentials.CheckAdmin(request.Header("authorization"));
    if (!admin.ok()) return http::HttpResponse::Error(admin);  // logged by the server's audit
    Status shallow = CheckJsonNesting(request.body);
    if (!shallow.ok()) return http::HttpResponse::Error(shallow);
    nlohmann::json body = nlohmann::json::parse(request.body, nullptr, false);
    if (body.is_discarded() || !body.is_object() || !body.contains("register_id") || !body["register_id"].is_string()) {
      return http::HttpResponse::Error(Status::InvalidArgument("register_id", "is required"));
    }
    RegisterId register_id(body["register_id"].get<std::string>());
    Status valid = ValidateRegisterId(register_id);
    if (!valid.ok()) return http::HttpResponse::Error(valid);
    if (body.contains("replace_device") && !body["replace_device"].is_boolean()) {
      return http::HttpResponse::Error(Status::InvalidArgument("replace_device", "must be true or false"));
    }
    bool replace = body.value("replace_device", false);
    Result<masterdata::Register> known = master_data.GetRegister(register_id);
    if (known.status().IsNotFound()) {
      return http::HttpResponse::Error(
          Status::NotFound("register_id", "register " + register_id.value() +
                                              " is not in the master data; add it first (PUT /api/v1/registers/" +
                                              register_id.value() + ")"));
    }
    if (!known.ok()) return http::HttpResponse::Error(known.status());
    Result<std::string> code = credentials.CreateEnrollmentCode(register_id, replace);
    if (!code.ok()) return http::HttpResponse::Error(code.status());
    log.Info("enrollment code created", {{"register_id", register_id.value()}, {"replace_device", replace}});
    return http::HttpResponse::Json(201, nlohmann::json{{"code", *code}, {"register_id", register_id.value()}}.dump());
  });
  router.Add("POST", "/api/v1/enroll", http::Access::kPublic, [&](const http::HttpRequest& request) {
    Status shallow = CheckJsonNesting(request.body);
    if (!shallow.ok()) return http::HttpResponse::Error(shallow);
    nlohmann::json body = nlohmann::json::parse(request.body, nullptr, false);
    if (body.is_discarded() || !body.is_object() || !body.contains("code") || !body["code"].is_string() ||
        !body.contains("device_id") || !body["device_id"].is_string()) {
      return http::HttpResponse::Error(Status::InvalidArgument("", "send {\"code\": …, \"device_id\": …}"));
    }
    Result<Enrollment> enrolled =
        credentials.Enroll(body["code"].get<std::string>(), body["device_id"].get<std::string>());
    if (!enrolled.ok()) {
      log.Warn("enrollment refused",
               {{"device_id", body["device_id"].get<std::string>()}, {"error", enrolled.status().ToString()}});
      return http::HttpResponse::Error(enrolled.status());
    }
    log.Info("register enrolled",
             {{"register_id", enrolled->register_id.value()}, {"device_id", body["device_id"].get<std::string>()}});
    nlohmann::json answer{{"register_id", enrolled->register_id.value()}, {"token", enrolled->token}};
    // The register's store, so it pulls its catalog without being told (docs/register.md).
    if (Result<masterdata::Register> known = master_data.GetRegister(enrolled->register_id); known.ok()) {
      answer["store_id"] = known->store.value();
    }
    return http::HttpResponse::Json(200, answer.dump());
  });
}

}  // namespace kasse::server
