// HttpServer: an HTTP/1.1 server (Boost.Beast, C++20 coroutines) that hands every
// request to one Handler.
//
// Keep-alive; every limit a named constant in ServerLimits; graceful shutdown:
// Stop() stops accepting, lets requests in progress finish and answer (with
// "Connection: close"), closes idle connections, and returns when all are done or
// the grace period is over. Malformed requests get 400, an oversized body 413, a
// header block over the limit 431, too many connections 503, all as JSON errors;
// a handler that throws gets 500 and the exception is logged, never propagated.
//
// Deferred responses (long polls): a handler may return HttpResponse::Defer. The
// server calls its start(complete) right after the handler returns and then waits
// on a timer of the connection, holding no thread, until complete() is called, the
// timeout passes (on_timeout() answers) or Stop() is called (on_timeout() answers
// at once, with "Connection: close"); then keep-alive goes on as usual. complete()
// holds only a weak reference: calling it late, after the connection closed or
// after the server is gone, does nothing. A client that disconnects while its
// request is held is noticed only when the answer is written.
//
// Beast is included only by server.cpp and client.cpp.
//
// Thread-safety: Start() and Stop() from one controlling thread. The handler and
// a deferred response's start and on_timeout are called on the server's threads
// (options.threads of them); with one thread, calls never overlap. A deferred
// response's complete() may be called from any thread.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "base/status.h"
#include "http/message.h"

namespace kasse::http {

struct ServerLimits {
  static constexpr size_t kMaxBodyBytes = size_t{8} * 1024 * 1024;
  static constexpr size_t kMaxHeaderBytes = size_t{16} * 1024;
  static constexpr std::chrono::seconds kReadTimeout{30};  // a whole request, once started
  static constexpr std::chrono::seconds kIdleTimeout{75};  // keep-alive with no request
  static constexpr std::chrono::seconds kWriteTimeout{30};
  static constexpr std::chrono::seconds kShutdownGrace{10};
  static constexpr int kMaxConnections = 10'000;
};

class HttpServer {
 public:
  struct Options {
    std::string host = "127.0.0.1";
    uint16_t port = 0;  // 0: any free port, see port()
    int threads = 1;
    size_t max_body_bytes = ServerLimits::kMaxBodyBytes;
    // If set, the body limit of each request, chosen from its method and target
    // once its header is read (e.g. a larger one for a bulk import route).
    std::function<size_t(std::string_view method, std::string_view target)> body_limit_for;
    int max_connections = ServerLimits::kMaxConnections;
    std::function<void(const std::string&)> log;  // errors worth an operator's attention
  };
  using RequestHandler = std::function<HttpResponse(HttpRequest&)>;

  HttpServer(Options options, RequestHandler handler);
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;
  ~HttpServer();  // Stop()s

  // Binds and starts serving on background threads.
  Status Start();
  void Stop();
  uint16_t port() const;
  int open_connections() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace kasse::http
