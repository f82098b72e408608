#include "demo/detail/json_client.h"

#include <utility>
#include <vector>

#include "base/json_nesting.h"

namespace kasse::demo::detail {
namespace {

kasse::Status ErrorOf(int status, const std::string& body) {
  Json json = Json::parse(body, nullptr, /*allow_exceptions=*/false);
  std::string field;
  std::string message = "HTTP " + std::to_string(status);
  if (json.is_object() && json.contains("error") && json["error"].is_object()) {
    const Json& error = json["error"];
    if (error.contains("field") && error["field"].is_string()) field = error["field"].get<std::string>();
    if (error.contains("message") && error["message"].is_string()) message = error["message"].get<std::string>();
  }
  switch (status) {
    case 400:
    case 413: return kasse::Status::InvalidArgument(field, message);
    case 401: return kasse::Status::Unauthenticated(message);
    case 403: return kasse::Status::PermissionDenied(message);
    case 404: return kasse::Status::NotFound(field, message);
    case 409: return kasse::Status::Conflict(field, message);
    case 503: return kasse::Status::Unavailable(message);
    default: return kasse::Status::Internal(message);
  }
}

}  // namespace

Result<std::unique_ptr<JsonClient>> JsonClient::Create(const std::string& base_url, std::string token,
                                                       std::chrono::milliseconds timeout) {
  Result<http::Url> url = http::ParseUrl(base_url);
  if (!url.ok()) return url.status();
  return std::unique_ptr<JsonClient>(new JsonClient(url->host, url->port, url->path_prefix, std::move(token), timeout));
}

JsonClient::JsonClient(std::string host, uint16_t port, std::string prefix, std::string token,
                       std::chrono::milliseconds timeout)
    : client_(std::move(host), port, timeout), prefix_(std::move(prefix)), token_(std::move(token)) {}

Result<Json> JsonClient::Call(std::string_view method, const std::string& path, const Json& body) {
  return Send(method, path, body.is_null() ? "" : body.dump(), "application/json");
}

Result<Json> JsonClient::Send(std::string_view method, const std::string& path, std::string_view body,
                              const std::string& content_type) {
  std::vector<std::pair<std::string, std::string>> headers{{"Content-Type", content_type}};
  if (!token_.empty()) headers.emplace_back("Authorization", "Bearer " + token_);
  Result<http::HttpResponse> response = client_.Send(method, prefix_ + path, body, headers);
  if (!response.ok()) return response.status();
  if (kasse::Status deep = CheckJsonNesting(response->body); !deep.ok()) {
    return kasse::Status::Internal("the answer to " + path + " " + deep.message());
  }
  if (response->status < 200 || response->status > 299) return ErrorOf(response->status, response->body);
  if (response->body.empty()) return Json(nullptr);
  Json json = Json::parse(response->body, nullptr, /*allow_exceptions=*/false);
  if (json.is_discarded()) return kasse::Status::Internal("the answer to " + path + " is not JSON");
  return json;
}

Result<std::string> JsonClient::Text(const std::string& path) {
  std::vector<std::pair<std::string, std::string>> headers;
  if (!token_.empty()) headers.emplace_back("Authorization", "Bearer " + token_);
  Result<http::HttpResponse> response = client_.Send("GET", prefix_ + path, "", headers);
  if (!response.ok()) return response.status();
  if (response->status < 200 || response->status > 299) return ErrorOf(response->status, response->body);
  return response->body;
}

Result<int> JsonClient::StatusOf(const std::string& path) {
  std::vector<std::pair<std::string, std::string>> headers;
  if (!token_.empty()) headers.emplace_back("Authorization", "Bearer " + token_);
  Result<http::HttpResponse> response = client_.Send("GET", prefix_ + path, "", headers);
  if (!response.ok()) return response.status();
  return response->status;
}

}  // namespace kasse::demo::detail
