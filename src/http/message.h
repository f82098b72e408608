// HttpRequest / HttpResponse: HTTP messages as plain values, so handlers and
// services never see Beast (STYLE.md: frameworks stay at the edges).
//
// Header names are stored lower-case. A response built from a Status (Error) is
// the one place where an expected failure becomes an HTTP status and the stable
// JSON error shape {"error": {"code", "message", "field"}}.
//
// A handler that cannot answer yet (a long poll) returns HttpResponse::Defer: the
// server then holds the request without holding a thread until the deferred
// response's complete() is called or its timeout passes (server.h).
//
// Thread-safety: value types. A DeferredResponse's `complete` callback may be
// called from any thread, see there.
#pragma once

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/result.h"
#include "base/status.h"

namespace kasse::http {

enum class Access;  // who may call a route; defined in router.h

struct HttpRequest {
  std::string method;  // "GET", "POST", …
  std::string target;  // as sent: path and query
  std::string path;    // target without the query, canonical (CanonicalPath) and percent-decoded
  std::map<std::string, std::string> query;
  std::map<std::string, std::string> headers;  // lower-case names
  std::string body;
  std::map<std::string, std::string> path_params;  // filled by the router: "/sales/{id}" → {"id": …}
  // The route that matched, set by the router (router.h) before its handler runs, so code
  // around the router sees what was called: "" and std::nullopt when none matched.
  std::string route_pattern;  // "/api/v1/stores/{store_id}"
  std::optional<Access> route_access;

  // The header's value, or "" when absent; `name` in any case (headers are kept lower-case).
  std::string Header(std::string_view name) const;
};

struct DeferredResponse;

struct HttpResponse {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
  // Set by Defer: the answer comes later; status, body and headers are then unused.
  std::shared_ptr<DeferredResponse> deferred;

  static HttpResponse Json(int status, std::string body);
  static HttpResponse Text(int status, std::string body, std::string content_type = "text/plain; charset=utf-8");
  // A non-OK Status as the stable JSON error: 400 invalid argument or out of range,
  // 401 unauthenticated, 403 permission denied, 404 not found, 409 conflict,
  // 503 unavailable, 500 internal.
  static HttpResponse Error(const Status& status);
  // An answer given later, without holding a server thread meanwhile.
  static HttpResponse Defer(DeferredResponse deferred);
};

// A response the handler cannot give yet (a long poll), returned as HttpResponse::Defer.
struct DeferredResponse {
  std::chrono::milliseconds timeout{0};
  // Called once, on a server thread, right after the handler returns. It must arrange for `complete`
  // to be called at most once, from any thread, with the answer. `complete` is safe to call after the
  // timeout fired, after the connection closed, or after the server stopped: it is then ignored.
  std::function<void(std::function<void(HttpResponse)> complete)> start;
  // Produces the answer when `timeout` passes before complete() was called, and for every request
  // still held when the server stops (graceful shutdown answers held requests right away).
  std::function<HttpResponse()> on_timeout;
};

// The HTTP status an error code maps to.
int HttpStatusOf(Status::Code code);

// "%C3%A4" → "ä"; std::nullopt for a malformed escape.
std::optional<std::string> PercentDecode(std::string_view text);

// The decoded path of a request target's path part (without the query), if it is in
// the one canonical form routes are matched on, so that a rule on a path (a proxy's
// `location = /metrics`) sees every request for it: "/" or "/"-separated segments,
// none empty ("//x", "/x/"), none "." or "..", and no percent escape of "/" or of an
// unreserved character (letters, digits, "-", ".", "_", "~": "/%6Detrics"), whose
// decoding would change the path. InvalidArgument (field "path") otherwise.
Result<std::string> CanonicalPath(std::string_view raw_path);

}  // namespace kasse::http
