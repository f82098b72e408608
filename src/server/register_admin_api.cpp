#include "server/register_admin_api.h"

#include <nlohmann/json.hpp>

#include "base/json_nesting.h"
#include "domain/text.h"
#include "server/journal_chain.h"
#include "server/journal_store.h"

namespace kasse::server {
namespace {

using Json = nlohmann::json;

// The admin check, the register of the path in the master data, and the body as
// an object with a valid "reason".
struct Request {
  RegisterId register_id;
  Json body;
  std::string reason;
};

Result<Request> Read(const RegisterAdminDeps& deps, const http::HttpRequest& request) {
  KASSE_RETURN_IF_ERROR(deps.check_admin(request.Header("authorization")));
  KASSE_RETURN_IF_ERROR(CheckJsonNesting(request.body));
  Request read{RegisterId(request.path_params.at("register")), Json::parse(request.body, nullptr, false), ""};
  Result<masterdata::Register> known = deps.master_data.GetRegister(read.register_id);
  if (known.status().IsNotFound()) {
    return Status::NotFound("register",
                            "register " + QuoteForMessage(read.register_id.value()) + " is not in the master data");
  }
  if (!known.ok()) return known.status();
  if (read.body.is_discarded() || !read.body.is_object()) return Status::InvalidArgument("", "send a JSON object");
  auto reason = read.body.find("reason");
  if (reason == read.body.end() || !reason->is_string() || reason->get<std::string>().empty()) {
    return Status::InvalidArgument("reason", "is required: say why, for the audit trail");
  }
  read.reason = reason->get<std::string>();
  KASSE_RETURN_IF_ERROR(ValidateText(read.reason, kMaxAdminReasonBytes).WithFieldPrefix("reason"));
  return read;
}

http::HttpResponse ReleaseJournal(const RegisterAdminDeps& deps, const http::HttpRequest& request) {
  Result<Request> read = Read(deps, request);
  if (!read.ok()) return http::HttpResponse::Error(read.status());
  auto from = read->body.find("from_seq");
  if (from == read->body.end() || !from->is_number_integer() || from->get<int64_t>() < 1) {
    return http::HttpResponse::Error(Status::InvalidArgument("from_seq", "must be a seq from 1"));
  }
  Result<storage::SqlPool::Lease> db = deps.pool.Acquire();
  if (!db.ok()) return http::HttpResponse::Error(db.status());
  Result<storage::SqlTransaction> tx = storage::SqlTransaction::Begin(**db);
  if (!tx.ok()) return http::HttpResponse::Error(tx.status());
  Result<Release> released =
      JournalStore::SetAside(**db, read->register_id, from->get<int64_t>(), read->reason, deps.clock.NowUnixMillis());
  if (!released.ok()) return http::HttpResponse::Error(released.status());
  Status committed = tx->Commit();
  if (!committed.ok()) return http::HttpResponse::Error(committed);
  deps.log.Warn("quarantined journal entries set aside", {{"register_id", read->register_id.value()},
                                                          {"from_seq", from->get<int64_t>()},
                                                          {"set_aside", released->set_aside},
                                                          {"reason", read->reason}});
  return http::HttpResponse::Json(200, Json{{"register_id", read->register_id.value()},
                                            {"set_aside", released->set_aside},
                                            {"acknowledged_seq", released->acked_seq}}
                                           .dump());
}

http::HttpResponse PinSigningUnit(const RegisterAdminDeps& deps, const http::HttpRequest& request) {
  Result<Request> read = Read(deps, request);
  if (!read.ok()) return http::HttpResponse::Error(read.status());
  auto key = read->body.find("public_key");
  if (key == read->body.end() || !key->is_string()) {
    return http::HttpResponse::Error(
        Status::InvalidArgument("public_key", "is required: the new unit's public key, base64 as on its receipts"));
  }
  Result<std::string> serial = TseSerialOfPublicKey(key->get<std::string>());
  if (!serial.ok()) return http::HttpResponse::Error(serial.status().WithFieldPrefix("public_key"));
  Result<storage::SqlPool::Lease> db = deps.pool.Acquire();
  if (!db.ok()) return http::HttpResponse::Error(db.status());
  Result<storage::SqlTransaction> tx = storage::SqlTransaction::Begin(**db);
  if (!tx.ok()) return http::HttpResponse::Error(tx.status());
  Result<std::string> replaced =
      JournalStore::PinSigningUnit(**db, read->register_id, *serial, key->get<std::string>());
  if (!replaced.ok()) return http::HttpResponse::Error(replaced.status());
  Status committed = tx->Commit();
  if (!committed.ok()) return http::HttpResponse::Error(committed);
  deps.log.Warn("signing unit pinned", {{"register_id", read->register_id.value()},
                                        {"serial", *serial},
                                        {"replaced_serial", *replaced},
                                        {"reason", read->reason}});
  return http::HttpResponse::Json(
      200,
      Json{{"register_id", read->register_id.value()}, {"serial", *serial}, {"replaced_serial", *replaced}}.dump());
}

}  // namespace

void AddRegisterAdminRoutes(http::Router& router, const RegisterAdminDeps& deps) {
  router.Add("POST", "/api/v1/registers/{register}/journal/release", http::Access::kAdmin,
             [deps](const http::HttpRequest& request) { return ReleaseJournal(deps, request); });
  router.Add("PUT", "/api/v1/registers/{register}/signing-unit", http::Access::kAdmin,
             [deps](const http::HttpRequest& request) { return PinSigningUnit(deps, request); });
}

}  // namespace kasse::server
