#include "http/router.h"

namespace kasse::http {
namespace {

std::vector<std::string_view> Split(std::string_view path) {
  std::vector<std::string_view> segments;
  size_t start = 0;
  while (start <= path.size()) {
    size_t slash = path.find('/', start);
    if (slash == std::string_view::npos) slash = path.size();
    if (slash > start) segments.push_back(path.substr(start, slash - start));
    start = slash + 1;
  }
  return segments;
}

}  // namespace

void Router::Add(std::string method, const std::string& pattern, Access access, Handler handler) {
  std::vector<std::string> segments;
  std::string normalised;
  for (std::string_view segment : Split(pattern)) {
    segments.emplace_back(segment);
    normalised.append("/").append(segment);
  }
  if (segments.empty()) normalised.push_back('/');
  routes_.push_back({std::move(method), std::move(segments), std::move(normalised), access, std::move(handler)});
}

std::vector<RouteInfo> Router::routes() const {
  std::vector<RouteInfo> listed;
  listed.reserve(routes_.size());
  for (const Route& route : routes_) listed.push_back({route.method, route.pattern, route.access});
  return listed;
}

bool Router::Match(const Route& route, const std::vector<std::string_view>& segments,
                   std::map<std::string, std::string>& params) {
  if (route.segments.size() != segments.size()) return false;
  std::map<std::string, std::string> matched;
  for (size_t i = 0; i < segments.size(); ++i) {
    const std::string& pattern = route.segments[i];
    if (pattern.size() > 2 && pattern.front() == '{' && pattern.back() == '}') {
      matched[pattern.substr(1, pattern.size() - 2)] = std::string(segments[i]);
    } else if (pattern != segments[i]) {
      return false;
    }
  }
  params = std::move(matched);
  return true;
}

std::optional<RouteInfo> Router::Find(std::string_view method, std::string_view path,
                                      std::map<std::string, std::string>* params) const {
  std::vector<std::string_view> segments = Split(path);
  std::map<std::string, std::string> matched;
  for (const Route& route : routes_) {
    if (route.method != method || !Match(route, segments, matched)) continue;
    if (params != nullptr) *params = std::move(matched);
    return RouteInfo{route.method, route.pattern, route.access};
  }
  return std::nullopt;
}

HttpResponse Router::Handle(HttpRequest& request) const {
  std::vector<std::string_view> segments = Split(request.path);
  std::string allowed;
  request.route_pattern.clear();
  request.route_access.reset();
  for (const Route& route : routes_) {
    if (!Match(route, segments, request.path_params)) continue;
    if (route.method == request.method) {
      request.route_pattern = route.pattern;
      request.route_access = route.access;
      return route.handler(request);
    }
    allowed += allowed.empty() ? route.method : ", " + route.method;
  }
  if (allowed.empty()) return HttpResponse::Error(Status::NotFound("path", "no resource at " + request.path));
  HttpResponse response =
      HttpResponse::Error(Status::InvalidArgument("method", request.method + " is not allowed here; use " + allowed));
  response.status = 405;
  response.headers.emplace_back("Allow", allowed);
  return response;
}

}  // namespace kasse::http
