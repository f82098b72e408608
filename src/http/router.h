// Router: maps a method and a path pattern to a handler, and says who may call it.
//
// Patterns are literal segments and `{name}` placeholders ("/api/sale/lines/{line}");
// the matched values land in HttpRequest::path_params. An unknown path answers
// 404, a known path with another method 405 with an Allow header, both in the
// JSON error shape. Handlers are thin: parse, call a service, serialise.
//
// Every route declares its Access when it is added: whether it needs no
// credential, a register's device credential or the admin token. The handler
// still checks the credential itself; the declaration is what code around the
// router reads (the server's audit log, HttpRequest::route_access) and what the
// API description is checked against (routes(), server/openapi_test.cpp).
//
// Thread-safety: build it before the server starts; then Handle() is const and may
// run on any thread (handlers bring their own synchronisation).
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "http/message.h"

namespace kasse::http {

// Who may call a route (declared in message.h for HttpRequest::route_access).
enum class Access {
  kPublic,  // no credential: health, readiness, metrics, the API description, the enrollment exchange
  kDevice,  // a register's device credential: journal upload, receipt lookup, catalog poll
  kAdmin,   // the admin token: master data, import, enrollment codes, reports, sync state
};

using Handler = std::function<HttpResponse(const HttpRequest&)>;

// A registered route as routes() lists it.
struct RouteInfo {
  std::string method;
  std::string pattern;  // normalised: "/" + segments joined by "/" ("/api/v1/stores/{store_id}")
  Access access = Access::kPublic;

  bool operator==(const RouteInfo&) const = default;
};

class Router {
 public:
  void Add(std::string method, const std::string& pattern, Access access, Handler handler);
  // Answers with the matching route's handler after setting request.route_pattern and
  // request.route_access; both stay unset when no route matches (404, 405).
  HttpResponse Handle(HttpRequest& request) const;
  // The route `method` and the (decoded, canonical) `path` would be answered by, without
  // calling it, and its path parameters into `params` if given; std::nullopt for a 404 or
  // 405. What the server decides from a request's head, before its body is read.
  std::optional<RouteInfo> Find(std::string_view method, std::string_view path,
                                std::map<std::string, std::string>* params = nullptr) const;
  // Every registered route in the order added.
  std::vector<RouteInfo> routes() const;

 private:
  struct Route {
    std::string method;
    std::vector<std::string> segments;
    std::string pattern;  // normalised, as RouteInfo::pattern
    Access access;
    Handler handler;
  };
  static bool Match(const Route& route, const std::vector<std::string_view>& segments,
                    std::map<std::string, std::string>& params);

  std::vector<Route> routes_;
};

}  // namespace kasse::http
