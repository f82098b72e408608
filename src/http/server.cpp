#include "http/server.h"

#include <algorithm>
#include <array>
#include <atomic>
#include <limits>
#include <list>
#include <mutex>
#include <optional>
#include <sys/resource.h>
#include <thread>
#include <unordered_map>
#include <vector>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include "http/detail/beast_conversion.h"

namespace kasse::http {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
using tcp = asio::ip::tcp;

HttpResponse ErrorResponse(int status, const std::string& message) {
  HttpResponse response = HttpResponse::Error(Status::InvalidArgument("", message));
  response.status = status;
  return response;
}

// What a held (deferred) request shares with its complete() callback. complete()
// may outlive the connection and the server, so it holds only a weak_ptr, and
// `wake` (which names the connection's strand) is dropped, under the mutex, before
// the server's io_context can go away: by Close() when the wait ends, or by Stop().
class HeldRequest {
 public:
  explicit HeldRequest(std::function<void()> wake) : wake_(std::move(wake)) {}

  // The first answer wins; a later one, or one after GiveUp() or Close(), is ignored.
  void Complete(HttpResponse answer) {
    std::lock_guard lock(mutex_);
    if (closed_) return;
    closed_ = true;
    answer_ = std::move(answer);
    Wake();
  }
  // Ends the wait without an answer (the server stops): on_timeout() answers.
  void GiveUp() {
    std::lock_guard lock(mutex_);
    if (closed_) return;
    closed_ = true;
    Wake();
  }
  bool closed() const {
    std::lock_guard lock(mutex_);
    return closed_;
  }
  // Accepts no more answers and returns the one that came, if any.
  std::optional<HttpResponse> Close() {
    std::lock_guard lock(mutex_);
    closed_ = true;
    wake_ = nullptr;
    return std::exchange(answer_, std::nullopt);
  }

 private:
  void Wake() {
    if (wake_) std::exchange(wake_, nullptr)();
  }

  mutable std::mutex mutex_;
  bool closed_ = false;
  std::optional<HttpResponse> answer_;
  std::function<void()> wake_;
};

}  // namespace

struct HttpServer::Impl {
  // A connection, as Stop() sees it: idle ones are closed, busy ones finish first.
  struct Connection {
    beast::tcp_stream* stream = nullptr;
    bool busy = false;
    std::shared_ptr<HeldRequest> held;  // while a deferred response is awaited
  };

  Options options;
  RequestHandler handler;
  std::unique_ptr<asio::io_context> io;  // its concurrency hint is the thread count
  std::unique_ptr<tcp::acceptor> acceptor;
  std::vector<std::thread> threads;
  std::mutex mutex;  // guards connections and stopping
  std::list<Connection> connections;
  std::unordered_map<std::string, int> per_client;  // open connections by remote address; guarded by mutex
  std::atomic<int> open{0};
  std::atomic<bool> stopping{false};
  uint16_t bound_port = 0;
  int connection_limit = ServerLimits::kMaxConnections;
  // Accept failures: the next wait, and the rate limit of their log line (Accept's coroutine only).
  std::chrono::milliseconds accept_backoff = ServerLimits::kAcceptBackoffMin;
  std::chrono::steady_clock::time_point accept_logged;
  int64_t accept_failures_unlogged = 0;

  void Log(const std::string& message) const {
    if (options.log) options.log(message);
  }

  // Logs "<what> on GET /path[: detail]" and answers 500 without the details.
  HttpResponse InternalError(const HttpRequest& request, const std::string& what,
                             const std::string& detail = "") const {
    Log(what + " on " + request.method + " " + request.path + (detail.empty() ? "" : ": " + detail));
    return HttpResponse::Error(Status::Internal("internal error; the server log has the details"));
  }

  HttpResponse Dispatch(HttpRequest& request) {
    try {
      return handler(request);
    } catch (const std::exception& e) {
      return InternalError(request, "handler failed", e.what());
    }
  }

  HttpResponse TimedOut(const HttpRequest& request, const DeferredResponse& deferred) {
    if (!deferred.on_timeout) return InternalError(request, "deferred response without on_timeout");
    try {
      return deferred.on_timeout();
    } catch (const std::exception& e) {
      return InternalError(request, "deferred on_timeout failed", e.what());
    }
  }

  // Holds the request until complete(), the timeout or Stop(), whichever comes first,
  // on a timer of the connection's strand: no thread waits meanwhile.
  asio::awaitable<HttpResponse> Hold(const HttpRequest& request, const DeferredResponse& deferred,
                                     std::list<Connection>::iterator self) {
    auto executor = co_await asio::this_coro::executor;
    auto timer =
        std::make_shared<asio::steady_timer>(executor, std::max(deferred.timeout, std::chrono::milliseconds(0)));
    auto held = std::make_shared<HeldRequest>([executor, weak_timer = std::weak_ptr(timer)] {
      asio::post(executor, [weak_timer] {
        if (auto waiting = weak_timer.lock()) waiting->cancel();
      });
    });
    SetHeld(self, held);
    try {
      if (deferred.start) {
        deferred.start([weak_held = std::weak_ptr(held)](HttpResponse answer) {
          if (auto alive = weak_held.lock()) alive->Complete(std::move(answer));
        });
      }
    } catch (const std::exception& e) {
      held->Complete(InternalError(request, "deferred start failed", e.what()));
    }
    if (stopping) held->GiveUp();
    if (!held->closed()) {
      beast::error_code ec;  // operation_aborted when woken early; the held state decides either way
      co_await timer->async_wait(asio::redirect_error(asio::use_awaitable, ec));
    }
    std::optional<HttpResponse> answer = held->Close();
    SetHeld(self, nullptr);
    if (answer) co_return std::move(*answer);
    co_return TimedOut(request, deferred);
  }

  asio::awaitable<void> Write(beast::tcp_stream& stream, const HttpResponse& response, unsigned version,
                              bool keep_alive, beast::error_code& ec) {
    bhttp::response<bhttp::string_body> out = detail::ToBeast(response, version, keep_alive);
    stream.expires_after(ServerLimits::kWriteTimeout);
    co_await bhttp::async_write(stream, out, asio::redirect_error(asio::use_awaitable, ec));
  }

  // After a refusal whose body stays unread: stops sending, then reads and drops a
  // little of what the client still sends, so that closing does not reset the
  // connection before the client has read the answer.
  asio::awaitable<void> DrainAndClose(beast::tcp_stream& stream) {
    beast::error_code ec;
    stream.socket().shutdown(tcp::socket::shutdown_send, ec);
    stream.expires_after(ServerLimits::kRefusalDrainTimeout);
    std::array<char, 4096> sink{};
    size_t drained = 0;
    while (!ec && drained < ServerLimits::kRefusalDrainBytes) {
      drained += co_await stream.async_read_some(asio::buffer(sink), asio::redirect_error(asio::use_awaitable, ec));
    }
    stream.socket().close(ec);
  }

  // The head's fate: refused, or read on with its body limit.
  HeadDecision Decide(const HttpRequest& head) {
    if (!options.on_head) return HeadDecision{options.max_body_bytes, std::nullopt};
    try {
      return options.on_head(head);
    } catch (const std::exception& e) {
      return HeadDecision{0, InternalError(head, "on_head failed", e.what())};
    }
  }

  static bool EndOfConnection(const beast::error_code& ec) {
    return ec == bhttp::error::end_of_stream || ec == asio::error::operation_aborted || ec == beast::error::timeout ||
           ec == asio::error::connection_reset || ec == asio::error::eof;
  }

  // Reads one request's head: idle_timeout for its first byte, read_timeout from then on.
  asio::awaitable<void> ReadHead(beast::tcp_stream& stream, beast::flat_buffer& buffer,
                                 bhttp::request_parser<bhttp::string_body>& parser, beast::error_code& ec) {
    if (buffer.size() == 0) {
      stream.expires_after(options.idle_timeout);
      size_t got = co_await stream.async_read_some(buffer.prepare(ServerLimits::kMaxHeaderBytes),
                                                   asio::redirect_error(asio::use_awaitable, ec));
      buffer.commit(got);
      if (ec) co_return;
    }
    stream.expires_after(options.read_timeout);
    co_await bhttp::async_read_header(stream, buffer, parser, asio::redirect_error(asio::use_awaitable, ec));
  }

  asio::awaitable<void> Serve(beast::tcp_stream& stream, std::list<Connection>::iterator self) {
    beast::flat_buffer buffer;
    beast::error_code ec;
    while (!stopping) {
      bhttp::request_parser<bhttp::string_body> parser;
      // The head decides the body limit; Beast checks Content-Length while parsing the
      // head, so its own limit is lifted until then.
      parser.body_limit(std::numeric_limits<std::uint64_t>::max());
      parser.header_limit(static_cast<std::uint32_t>(ServerLimits::kMaxHeaderBytes));
      co_await ReadHead(stream, buffer, parser, ec);
      if (EndOfConnection(ec)) break;
      if (ec) {
        bool too_big = ec == bhttp::error::header_limit;
        HttpResponse error = ErrorResponse(too_big ? 431 : 400, too_big ? "request headers exceed the limit"
                                                                        : "malformed HTTP request: " + ec.message());
        co_await Write(stream, error, 11, false, ec);
        break;
      }
      unsigned version = parser.get().version();
      Result<HttpRequest> head = detail::FromBeastHead(parser.get());
      HeadDecision decision = head.ok() ? Decide(*head) : HeadDecision{0, HttpResponse::Error(head.status())};
      boost::optional<std::uint64_t> length = parser.content_length();
      if (!decision.refusal && length && *length > decision.body_limit) {
        decision.refusal = ErrorResponse(413, "request body exceeds " + std::to_string(decision.body_limit) + " bytes");
      }
      if (decision.refusal) {
        co_await Write(stream, *decision.refusal, version, false, ec);
        co_await DrainAndClose(stream);
        co_return;
      }
      parser.body_limit(decision.body_limit);
      SetBusy(self, true);
      stream.expires_after(options.read_timeout);
      co_await bhttp::async_read(stream, buffer, parser, asio::redirect_error(asio::use_awaitable, ec));
      if (EndOfConnection(ec)) break;
      if (ec) {
        bool too_big = ec == bhttp::error::body_limit;
        HttpResponse error = ErrorResponse(
            too_big ? 413 : 400, too_big ? "request body exceeds " + std::to_string(decision.body_limit) + " bytes"
                                         : "malformed HTTP request: " + ec.message());
        co_await Write(stream, error, version, false, ec);
        co_await DrainAndClose(stream);
        co_return;
      }
      HttpRequest request = std::move(*head);
      request.body = std::move(parser.get().body());
      bool keep_alive = parser.get().keep_alive() && !stopping;
      HttpResponse response = Dispatch(request);
      if (response.deferred) {
        std::shared_ptr<DeferredResponse> deferred = std::move(response.deferred);
        response = co_await Hold(request, *deferred, self);
        if (response.deferred) response = InternalError(request, "a deferred response answered with another");
      }
      keep_alive = keep_alive && !stopping;
      co_await Write(stream, response, version, keep_alive, ec);
      SetBusy(self, false);
      if (ec || !keep_alive) break;
    }
    stream.socket().shutdown(tcp::socket::shutdown_send, ec);
  }

  void SetBusy(std::list<Connection>::iterator connection, bool busy) {
    std::lock_guard lock(mutex);
    connection->busy = busy;
  }

  void SetHeld(std::list<Connection>::iterator connection, std::shared_ptr<HeldRequest> held) {
    std::lock_guard lock(mutex);
    connection->held = std::move(held);
  }

  // Counts a connection from `client`; false when that address is over its cap.
  bool AdmitClient(const std::string& client) {
    std::lock_guard lock(mutex);
    int count = ++per_client[client];
    return options.max_connections_per_client <= 0 || count <= options.max_connections_per_client;
  }

  void ReleaseClient(const std::string& client) {
    std::lock_guard lock(mutex);
    auto it = per_client.find(client);
    if (it != per_client.end() && --it->second <= 0) per_client.erase(it);
  }

  asio::awaitable<void> Session(tcp::socket socket) {
    beast::error_code ec;
    std::string client = socket.remote_endpoint(ec).address().to_string();
    beast::tcp_stream stream(std::move(socket));
    std::list<Connection>::iterator self;
    {
      std::lock_guard lock(mutex);
      self = connections.insert(connections.end(), Connection{&stream, false, nullptr});
    }
    bool client_admitted = AdmitClient(client);
    if (open.fetch_add(1) >= connection_limit || !client_admitted) {
      HttpResponse busy = HttpResponse::Error(Status::Unavailable(
          client_admitted ? "too many connections; retry later" : "too many connections from " + client));
      co_await Write(stream, busy, 11, false, ec);
      stream.socket().shutdown(tcp::socket::shutdown_send, ec);
    } else {
      co_await Serve(stream, self);
    }
    ReleaseClient(client);
    {
      std::lock_guard lock(mutex);
      connections.erase(self);
    }
    open.fetch_sub(1);
  }

  // One line for the first failure, then at most one per kAcceptLogInterval with the
  // number of failures since: out of descriptors, accept() fails at once every time.
  void LogAcceptFailure(const beast::error_code& ec) {
    auto now = std::chrono::steady_clock::now();
    ++accept_failures_unlogged;
    if (accept_logged != std::chrono::steady_clock::time_point() &&
        now - accept_logged < ServerLimits::kAcceptLogInterval) {
      return;
    }
    Log("accept failed: " + ec.message() + " (" + std::to_string(accept_failures_unlogged) +
        " failures since the last line; waiting up to " + std::to_string(ServerLimits::kAcceptBackoffMax.count()) +
        " ms between tries)");
    accept_logged = now;
    accept_failures_unlogged = 0;
  }

  asio::awaitable<void> Accept() {
    while (true) {
      beast::error_code ec;
      // Each connection runs on its own strand, so with several threads its
      // coroutine and Stop()'s close never touch the socket at the same time.
      tcp::socket socket =
          co_await acceptor->async_accept(asio::make_strand(*io), asio::redirect_error(asio::use_awaitable, ec));
      if (ec == asio::error::operation_aborted || stopping) co_return;
      if (ec) {
        // Out of descriptors (EMFILE, ENFILE) accept() fails at once again: wait first.
        LogAcceptFailure(ec);
        asio::steady_timer pause(co_await asio::this_coro::executor, accept_backoff);
        co_await pause.async_wait(asio::redirect_error(asio::use_awaitable, ec));
        accept_backoff = std::min(accept_backoff * 2, std::chrono::milliseconds(ServerLimits::kAcceptBackoffMax));
        continue;
      }
      accept_backoff = ServerLimits::kAcceptBackoffMin;
      auto executor = socket.get_executor();
      asio::co_spawn(executor, Session(std::move(socket)), asio::detached);
    }
  }
};

HttpServer::HttpServer(Options options, RequestHandler handler) : impl_(std::make_unique<Impl>()) {
  impl_->options = std::move(options);
  impl_->handler = std::move(handler);
  impl_->io = std::make_unique<asio::io_context>(std::max(1, impl_->options.threads));
}

HttpServer::~HttpServer() { Stop(); }

Status HttpServer::Start() {
  beast::error_code ec;
  asio::ip::address address = asio::ip::make_address(impl_->options.host, ec);
  if (ec) return Status::InvalidArgument("listen", "not an IP address: " + impl_->options.host);
  auto acceptor = std::make_unique<tcp::acceptor>(*impl_->io);
  tcp::endpoint endpoint(address, impl_->options.port);
  acceptor->open(endpoint.protocol(), ec);
  if (!ec) acceptor->set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) acceptor->bind(endpoint, ec);
  if (!ec) acceptor->listen(asio::socket_base::max_listen_connections, ec);
  if (ec) {
    return Status::Unavailable("cannot listen on " + impl_->options.host + ":" + std::to_string(impl_->options.port) +
                               ": " + ec.message());
  }
  impl_->connection_limit = impl_->options.max_connections;
  rlimit descriptors{};
  if (getrlimit(RLIMIT_NOFILE, &descriptors) == 0 && descriptors.rlim_cur != RLIM_INFINITY) {
    auto usable = static_cast<int64_t>(descriptors.rlim_cur) - ServerLimits::kReservedDescriptors;
    impl_->connection_limit = static_cast<int>(std::clamp<int64_t>(usable, 1, impl_->connection_limit));
  }
  impl_->bound_port = acceptor->local_endpoint().port();
  impl_->acceptor = std::move(acceptor);
  asio::co_spawn(*impl_->io, impl_->Accept(), asio::detached);
  for (int i = 0; i < std::max(1, impl_->options.threads); ++i) {
    impl_->threads.emplace_back([this] { impl_->io->run(); });
  }
  return Status::Ok();
}

void HttpServer::Stop() {
  if (impl_->threads.empty()) return;
  impl_->stopping = true;
  asio::post(*impl_->io, [this] {
    beast::error_code ignored;
    impl_->acceptor->close(ignored);
    std::lock_guard lock(impl_->mutex);
    for (Impl::Connection& connection : impl_->connections) {
      if (connection.held) connection.held->GiveUp();
      beast::tcp_stream* stream = connection.stream;
      asio::post(stream->get_executor(), [this, stream] {
        std::lock_guard inner(impl_->mutex);
        for (const Impl::Connection& open : impl_->connections) {
          beast::error_code ignored_close;
          if (open.stream == stream && !open.busy) stream->socket().close(ignored_close);
        }
      });
    }
  });
  auto deadline = std::chrono::steady_clock::now() + ServerLimits::kShutdownGrace;
  while (impl_->open > 0 && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  impl_->io->stop();
  for (std::thread& thread : impl_->threads) thread.join();
  impl_->threads.clear();
  // Requests still held past the grace period: their complete() must not reach the
  // io_context, which goes away with the server.
  std::lock_guard lock(impl_->mutex);
  for (Impl::Connection& connection : impl_->connections) {
    if (connection.held) (void)connection.held->Close();
  }
}

uint16_t HttpServer::port() const { return impl_->bound_port; }
int HttpServer::open_connections() const { return impl_->open; }
int HttpServer::connection_limit() const { return impl_->connection_limit; }

}  // namespace kasse::http
