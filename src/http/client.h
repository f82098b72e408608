// HttpClient: a blocking HTTP/1.1 client over one keep-alive connection, with a
// timeout on every request. Used by the register's sync client and by tests.
//
// Any transport failure (refused, reset, timeout, malformed response) is
// Unavailable and closes the connection; the next Send() reconnects. An HTTP error
// status is not a failure here: the response is returned for the caller to judge.
//
// Cancel() ends the request in flight at once (a long poll at shutdown) and every
// later one: they return Unavailable("cancelled"). It is final, so a Cancel() that
// lands between two requests is not lost.
//
// Thread-safety: one thread at a time, except Cancel(), which any thread may call
// while the client exists.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/result.h"
#include "http/message.h"

namespace kasse::http {

struct ClientLimits {
  static constexpr std::chrono::milliseconds kDefaultTimeout{10'000};
  static constexpr size_t kMaxResponseBytes = size_t{64} * 1024 * 1024;
};

// "http://host:port/prefix" split up. Only http is supported so far.
struct Url {
  std::string host;
  uint16_t port = 80;
  std::string path_prefix;  // "" or "/prefix" without a trailing '/'
};
Result<Url> ParseUrl(std::string_view url);

class HttpClient {
 public:
  HttpClient(std::string host, uint16_t port, std::chrono::milliseconds timeout = ClientLimits::kDefaultTimeout);
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;
  ~HttpClient();

  Result<HttpResponse> Send(std::string_view method, std::string_view target, std::string_view body = "",
                            const std::vector<std::pair<std::string, std::string>>& headers = {});
  // Makes the Send() in flight, if any, and all later ones return Unavailable("cancelled").
  void Cancel();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace kasse::http
