// JsonClient: JSON calls over one keep-alive HTTP connection, as the demo's
// cashiers (the register's local API) and its admin (the server's API) make
// them. A 2xx answer is its JSON body (null for an empty one); an error answer
// becomes a Status from the API's error shape {"error": {code, message, field}}
// (400 InvalidArgument, 401 Unauthenticated, 403 PermissionDenied, 404 NotFound,
// 409 Conflict, 503 Unavailable, else Internal); a transport failure is
// Unavailable. Internal to the demo module.
//
// Thread-safety: one thread at a time.
#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "base/result.h"
#include "http/client.h"

namespace kasse::demo::detail {

using Json = nlohmann::json;

class JsonClient {
 public:
  // `base_url`: http://host:port; `token`: sent as a Bearer credential unless empty.
  static Result<std::unique_ptr<JsonClient>> Create(const std::string& base_url, std::string token,
                                                    std::chrono::milliseconds timeout);

  Result<Json> Call(std::string_view method, const std::string& path, const Json& body = nullptr);
  // A body that is not JSON (the CSV import).
  Result<Json> Send(std::string_view method, const std::string& path, std::string_view body,
                    const std::string& content_type);
  // The body of a 2xx answer as it is (the Prometheus text of /metrics).
  Result<std::string> Text(const std::string& path);
  // Only the status code: 404 is an answer here, not an error.
  Result<int> StatusOf(const std::string& path);

 private:
  JsonClient(std::string host, uint16_t port, std::string prefix, std::string token, std::chrono::milliseconds timeout);

  http::HttpClient client_;
  std::string prefix_;
  std::string token_;
};

}  // namespace kasse::demo::detail
