#include "loadgen/detail/answer_status.h"

#include <nlohmann/json.hpp>

#include "base/json_nesting.h"

namespace kasse::loadgen::detail {
namespace {

// The message of the API's error shape {"error": {"message": …}}, else the body's start.
std::string MessageOf(const std::string& body) {
  std::string quoted = body.substr(0, kQuotedBodyBytes);
  if (!CheckJsonNesting(body).ok()) return quoted;
  nlohmann::json json = nlohmann::json::parse(body, nullptr, false);
  if (!json.is_object() || !json.contains("error") || !json["error"].is_object()) return quoted;
  const nlohmann::json& error = json["error"];
  if (!error.contains("message") || !error["message"].is_string()) return quoted;
  return error["message"].get<std::string>().substr(0, kQuotedBodyBytes);
}

}  // namespace

Status StatusOfAnswer(const http::HttpResponse& response, const std::string& what) {
  std::string message = what + ": server answered " + std::to_string(response.status) + ": " + MessageOf(response.body);
  switch (response.status) {
    case 400:
    case 413: return Status::InvalidArgument("", message);
    case 401: return Status::Unauthenticated(message);
    case 403: return Status::PermissionDenied(message);
    case 404: return Status::NotFound("", message);
    case 409: return Status::Conflict("", message);
    case 503: return Status::Unavailable(message);
    default: return Status::Internal(message);
  }
}

}  // namespace kasse::loadgen::detail
