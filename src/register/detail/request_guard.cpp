#include "register/detail/request_guard.h"

#include <algorithm>
#include <cctype>

#include <nlohmann/json.hpp>

namespace kasse::reg::detail {
namespace {

using http::HttpResponse;

std::string Lower(std::string_view text) {
  std::string out(text);
  std::ranges::transform(out, out.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

// "127.0.0.1:8181" → {"127.0.0.1", "8181"}; "[::1]:8181" → {"[::1]", "8181"}; no port → {host, ""}.
std::pair<std::string_view, std::string_view> SplitHostPort(std::string_view authority) {
  size_t colon = authority.rfind(':');
  size_t bracket = authority.rfind(']');
  if (colon == std::string_view::npos || (bracket != std::string_view::npos && colon < bracket)) {
    return {authority, ""};
  }
  return {authority.substr(0, colon), authority.substr(colon + 1)};
}

HttpResponse Refused(int status, std::string_view code, std::string_view field, std::string_view message) {
  nlohmann::json body{{"error", {{"code", code}, {"message", message}, {"field", field}}}};
  return HttpResponse::Json(status, body.dump());
}

}  // namespace

bool ConstantTimeEquals(std::string_view a, std::string_view b) {
  size_t longest = std::max(a.size(), b.size());
  unsigned difference = a.size() == b.size() ? 0U : 1U;
  for (size_t i = 0; i < longest; ++i) {
    unsigned char x = i < a.size() ? static_cast<unsigned char>(a[i]) : 0;
    unsigned char y = i < b.size() ? static_cast<unsigned char>(b[i]) : 0;
    difference |= static_cast<unsigned>(x ^ y);
  }
  return difference == 0;
}

RequestGuard::RequestGuard(std::string token, const std::string& listen_host)
    : token_(std::move(token)), hosts_{"127.0.0.1", "localhost", "[::1]"} {
  std::string host = Lower(listen_host);
  if (host.find(':') != std::string::npos && host.front() != '[') host = "[" + host + "]";
  if (!host.empty() && host != "0.0.0.0" && host != "[::]") hosts_.insert(host);
}

bool RequestGuard::HostAllowed(std::string_view authority) const {
  auto [host, port] = SplitHostPort(authority);
  if (!hosts_.contains(Lower(host))) return false;
  return port.empty() || (port_ != 0 && port == std::to_string(port_));
}

bool RequestGuard::OriginAllowed(std::string_view origin) const {
  constexpr std::string_view kScheme = "http://";
  if (!origin.starts_with(kScheme)) return false;
  auto [host, port] = SplitHostPort(origin.substr(kScheme.size()));
  return hosts_.contains(Lower(host)) && port_ != 0 && port == std::to_string(port_);
}

bool RequestGuard::TokenMatches(const http::HttpRequest& request) const {
  std::string presented = request.Header(kApiTokenHeader);
  if (presented.empty()) {
    constexpr std::string_view kBearer = "Bearer ";
    std::string authorization = request.Header("authorization");
    if (authorization.starts_with(kBearer)) presented = authorization.substr(kBearer.size());
  }
  return !token_.empty() && ConstantTimeEquals(presented, token_);
}

std::optional<HttpResponse> RequestGuard::Check(const http::HttpRequest& request) const {
  if (!HostAllowed(request.Header("host"))) {
    return Refused(403, "PERMISSION_DENIED", "host",
                   "the Host header must name this register's API (127.0.0.1, localhost or [::1] with its port)");
  }
  if (auto origin = request.headers.find("origin"); origin != request.headers.end() && !OriginAllowed(origin->second)) {
    return Refused(403, "PERMISSION_DENIED", "origin", "requests from another web origin are refused");
  }
  std::string type = Lower(request.Header("content-type"));
  bool json = type == "application/json" || type.starts_with("application/json;");
  if ((!request.body.empty() || !type.empty()) && !json) {
    return Refused(415, "UNSUPPORTED_MEDIA_TYPE", "content-type", "the body must be sent as application/json");
  }
  if (request.method != "GET" && !TokenMatches(request)) {
    return Refused(401, "UNAUTHENTICATED", "authorization",
                   "a change needs the register's API token (X-Kasse-Register-Token, from local-api.token)");
  }
  return std::nullopt;
}

}  // namespace kasse::reg::detail
