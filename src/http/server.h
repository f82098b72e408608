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
// The head first: once a request's method, target and headers are read, and before
// any of its body, Options::on_head sees it and may refuse it (e.g. 401 for a route
// that needs a credential the head lacks) and chooses its body limit. A refused
// request's body is never read: the answer is written, the connection closed (after
// reading and discarding at most kRefusalDrainBytes for kRefusalDrainTimeout, so the
// client sees the answer instead of a reset). Paths are routed only in their
// canonical form (CanonicalPath in message.h; anything else is 400), and a
// Transfer-Encoding other than one "chunked" is 400.
//
// Memory and descriptors: a connection holds its header (kMaxHeaderBytes), one read
// buffer (Beast reads at most 64 KiB at a time) and the body its head's limit admits. Connections are capped at
// Options::max_connections, lowered at Start() to the process's descriptor limit
// (RLIMIT_NOFILE) minus kReservedDescriptors, and at max_connections_per_client
// from one address; beyond a cap the answer is 503 and the connection closes. When
// accept() fails (out of descriptors: EMFILE, ENFILE) the server waits before the
// next try, from kAcceptBackoffMin doubling to kAcceptBackoffMax, and logs at most
// one line per kAcceptLogInterval. Timers: a connection waits idle_timeout for the
// first byte of a request; from that byte on, the head and then the body each have
// read_timeout, so a client sending a byte a second is cut off after read_timeout.
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
// Thread-safety: Start() and Stop() from one controlling thread. on_head, the handler and
// a deferred response's start and on_timeout are called on the server's threads
// (options.threads of them); with one thread, calls never overlap. A deferred
// response's complete() may be called from any thread.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "base/status.h"
#include "http/message.h"

namespace kasse::http {

struct ServerLimits {
  static constexpr size_t kMaxBodyBytes = size_t{8} * 1024 * 1024;
  static constexpr size_t kMaxHeaderBytes = size_t{16} * 1024;
  static constexpr std::chrono::seconds kReadTimeout{30};  // the head, then the body, once the first byte came
  static constexpr std::chrono::seconds kIdleTimeout{75};  // keep-alive with no request
  static constexpr std::chrono::seconds kWriteTimeout{30};
  static constexpr std::chrono::seconds kShutdownGrace{10};
  static constexpr int kMaxConnections = 10'000;
  static constexpr int kMaxConnectionsPerClient = 256;  // from one IP address
  static constexpr int kReservedDescriptors = 64;       // of RLIMIT_NOFILE, for the database, files and logs
  static constexpr std::chrono::milliseconds kAcceptBackoffMin{100};
  static constexpr std::chrono::milliseconds kAcceptBackoffMax{1000};
  static constexpr std::chrono::seconds kAcceptLogInterval{10};
  static constexpr size_t kRefusalDrainBytes = size_t{1024} * 1024;  // read, never kept
  static constexpr std::chrono::seconds kRefusalDrainTimeout{1};
};

// What to do with a request once its head is read (HttpServer::Options::on_head).
struct HeadDecision {
  size_t body_limit = ServerLimits::kMaxBodyBytes;  // beyond it: 413
  std::optional<HttpResponse> refusal;              // answered at once; the body is never read
};

class HttpServer {
 public:
  struct Options {
    std::string host = "127.0.0.1";
    uint16_t port = 0;  // 0: any free port, see port()
    int threads = 1;
    size_t max_body_bytes = ServerLimits::kMaxBodyBytes;  // when there is no on_head
    // If set, called with each request's head (an HttpRequest without its body)
    // before the body is read: refuses it or chooses its body limit.
    std::function<HeadDecision(const HttpRequest& head)> on_head;
    int max_connections = ServerLimits::kMaxConnections;
    int max_connections_per_client = ServerLimits::kMaxConnectionsPerClient;  // 0: no cap
    std::chrono::milliseconds read_timeout = ServerLimits::kReadTimeout;
    std::chrono::milliseconds idle_timeout = ServerLimits::kIdleTimeout;
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
  // The connection cap in force: max_connections, lowered to fit RLIMIT_NOFILE at Start().
  int connection_limit() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace kasse::http
