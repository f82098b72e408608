// HttpRequest / HttpResponse: HTTP messages as plain values, so handlers and
// services never see Beast (STYLE.md: frameworks stay at the edges).
//
// Header names are stored lower-case. A response built from a Status (Error) is
// the one place where an expected failure becomes an HTTP status and the stable
// JSON error shape {"error": {"code", "message", "field"}}.
//
// Thread-safety: value types.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/status.h"

namespace kasse::http {

struct HttpRequest {
  std::string method;  // "GET", "POST", …
  std::string target;  // as sent: path and query
  std::string path;    // target without the query, percent-decoded
  std::map<std::string, std::string> query;
  std::map<std::string, std::string> headers;  // lower-case names
  std::string body;
  std::map<std::string, std::string> path_params;  // filled by the router: "/sales/{id}" → {"id": …}

  // The header's value, or "" when absent. `name` must be lower-case.
  std::string Header(std::string_view name) const;
};

struct HttpResponse {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;

  static HttpResponse Json(int status, std::string body);
  static HttpResponse Text(int status, std::string body, std::string content_type = "text/plain; charset=utf-8");
  // A non-OK Status as the stable JSON error: 400 invalid argument or out of range,
  // 401 unauthenticated, 403 permission denied, 404 not found, 409 conflict,
  // 503 unavailable, 500 internal.
  static HttpResponse Error(const Status& status);
};

// The HTTP status an error code maps to.
int HttpStatusOf(Status::Code code);

// "%C3%A4" → "ä"; std::nullopt for a malformed escape.
std::optional<std::string> PercentDecode(std::string_view text);

}  // namespace kasse::http
