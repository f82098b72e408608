// Router: maps a method and a path pattern to a handler.
//
// Patterns are literal segments and `{name}` placeholders ("/api/sale/lines/{line}");
// the matched values land in HttpRequest::path_params. An unknown path answers
// 404, a known path with another method 405 with an Allow header, both in the
// JSON error shape. Handlers are thin: parse, call a service, serialise.
// routes() lists what is registered, e.g. to check it against the API description.
//
// Thread-safety: build it before the server starts; then Handle() is const and may
// run on any thread (handlers bring their own synchronisation).
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "http/message.h"

namespace kasse::http {

using Handler = std::function<HttpResponse(const HttpRequest&)>;

class Router {
 public:
  void Add(std::string method, const std::string& pattern, Handler handler);
  HttpResponse Handle(HttpRequest& request) const;
  // Every registered (method, pattern) in the order added, patterns normalised to
  // "/" + segments joined by "/" ("/api/v1/stores/{store_id}").
  std::vector<std::pair<std::string, std::string>> routes() const;

 private:
  struct Route {
    std::string method;
    std::vector<std::string> segments;
    Handler handler;
  };
  static bool Match(const Route& route, const std::vector<std::string_view>& segments, HttpRequest& request);

  std::vector<Route> routes_;
};

}  // namespace kasse::http
