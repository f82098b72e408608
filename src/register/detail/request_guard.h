// RequestGuard: what keeps a web page in the cashier's browser from working the
// till through the local API (docs/register.md, "Local API protection").
//
// A page on any site can make the browser send requests to 127.0.0.1, and a
// DNS-rebinding page can even read the answers. So every request must
//   - name the agent in its Host header: 127.0.0.1, localhost or [::1] (or the
//     address the API listens on), with the agent's port if a port is given —
//     a rebinding page's requests carry its own host name;
//   - carry no Origin, or the agent's own origin (http://<allowed host>:<port>);
//   - declare a body as Content-Type application/json (a page can send
//     text/plain without a CORS preflight, never application/json);
//   - if it changes state (any method but GET), carry the API token that the
//     agent wrote at start into a 0600 file, in X-Kasse-Register-Token or as
//     "Authorization: Bearer <token>", compared in constant time.
// Internal to the register module.
//
// Thread-safety: Check() is const and may run on any thread once the port is set;
// set_port() before the server takes requests.
#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>

#include "http/message.h"

namespace kasse::reg::detail {

inline constexpr std::string_view kApiTokenHeader = "x-kasse-register-token";

class RequestGuard {
 public:
  // `token` must not be empty; `listen_host` is the address the API listens on
  // (added to the loopback names unless it is a wildcard).
  RequestGuard(std::string token, const std::string& listen_host);

  void set_port(uint16_t port) { port_ = port; }

  // std::nullopt when the request may proceed; otherwise the error answer
  // (403 host or origin, 415 content type, 401 token).
  std::optional<http::HttpResponse> Check(const http::HttpRequest& request) const;

 private:
  bool HostAllowed(std::string_view host) const;
  bool OriginAllowed(std::string_view origin) const;
  bool TokenMatches(const http::HttpRequest& request) const;

  std::string token_;
  std::set<std::string, std::less<>> hosts_;
  uint16_t port_ = 0;
};

// Equal contents, in time that depends only on the lengths.
bool ConstantTimeEquals(std::string_view a, std::string_view b);

}  // namespace kasse::reg::detail
