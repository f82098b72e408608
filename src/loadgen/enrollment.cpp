#include "loadgen/enrollment.h"

#include <algorithm>
#include <initializer_list>

#include <nlohmann/json.hpp>

#include "base/json_nesting.h"
#include "loadgen/detail/answer_status.h"

namespace kasse::loadgen {
namespace {

// OK if the server answered with one of `expected`; else why not, named by `what`:
// Unavailable only when the server could not be reached (or answered 503).
Status Answered(const Result<http::HttpResponse>& response, std::initializer_list<int> expected,
                const std::string& what) {
  if (!response.ok()) return Status::Unavailable(what + ": " + response.status().message());
  if (response->status == 401) return Status::Unauthenticated(what + ": the server refused the token (401)");
  if (std::find(expected.begin(), expected.end(), response->status) == expected.end()) {
    return detail::StatusOfAnswer(*response, what);
  }
  return Status::Ok();
}

// The string member `key` of an `expected` answer, or why there is none.
Result<std::string> Member(const Result<http::HttpResponse>& response, int expected, const std::string& what,
                           const char* key) {
  KASSE_RETURN_IF_ERROR(Answered(response, {expected}, what));
  nlohmann::json body = CheckJsonNesting(response->body).ok() ? nlohmann::json::parse(response->body, nullptr, false)
                                                              : nlohmann::json(nlohmann::json::value_t::discarded);
  if (body.is_discarded() || !body.is_object() || !body.contains(key) || !body[key].is_string()) {
    return Status::Internal(what + ": the answer has no \"" + key + "\"");
  }
  return body[key].get<std::string>();
}

// PUT of a master-data record: 200 (changed or not) and 201 (created) are fine.
Status Put(http::HttpClient& client, const std::string& path, const nlohmann::json& record,
           const std::string& admin_token, const std::string& what) {
  return Answered(client.Send("PUT", path, record.dump(),
                              {{"Authorization", "Bearer " + admin_token}, {"Content-Type", "application/json"}}),
                  {200, 201}, what);
}

}  // namespace

Result<std::string> EnrollRegister(http::HttpClient& client, const std::string& path_prefix,
                                   const std::string& admin_token, const RegisterId& register_id,
                                   const std::string& store_id, const std::string& device_id) {
  nlohmann::json store = {
      {"name", "Simulated store " + store_id},
      {"address", {{"street", "Teststraße 1"}, {"postcode", "10115"}, {"city", "Berlin"}, {"country", "DE"}}},
      {"time_zone", "Europe/Berlin"}};
  KASSE_RETURN_IF_ERROR(
      Put(client, path_prefix + "/api/v1/stores/" + store_id, store, admin_token, "store " + store_id));
  nlohmann::json register_record = {{"store_id", store_id}, {"label", "Simulated " + register_id.value()}};
  KASSE_RETURN_IF_ERROR(Put(client, path_prefix + "/api/v1/registers/" + register_id.value(), register_record,
                            admin_token, "register " + register_id.value()));
  nlohmann::json request = {{"register_id", register_id.value()}};
  Result<std::string> code =
      Member(client.Send("POST", path_prefix + "/api/v1/enrollments", request.dump(),
                         {{"Authorization", "Bearer " + admin_token}, {"Content-Type", "application/json"}}),
             201, "enrollment code for " + register_id.value(), "code");
  if (!code.ok()) return code.status();
  nlohmann::json exchange = {{"code", *code}, {"device_id", device_id}};
  return Member(
      client.Send("POST", path_prefix + "/api/v1/enroll", exchange.dump(), {{"Content-Type", "application/json"}}), 200,
      "enrollment of " + register_id.value(), "token");
}

}  // namespace kasse::loadgen
