#include "http/client.h"

#include <atomic>
#include <charconv>
#include <optional>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include "http/detail/beast_conversion.h"

namespace kasse::http {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
using tcp = asio::ip::tcp;

}  // namespace

Result<Url> ParseUrl(std::string_view url) {
  constexpr std::string_view kScheme = "http://";
  if (!url.starts_with(kScheme)) return Status::InvalidArgument("url", "must start with http://");
  std::string_view rest = url.substr(kScheme.size());
  size_t slash = rest.find('/');
  std::string_view authority = rest.substr(0, slash);
  Url parsed;
  if (slash != std::string_view::npos) parsed.path_prefix = std::string(rest.substr(slash));
  while (!parsed.path_prefix.empty() && parsed.path_prefix.back() == '/') parsed.path_prefix.pop_back();
  size_t colon = authority.rfind(':');
  parsed.host = std::string(authority.substr(0, colon));
  if (colon != std::string_view::npos) {
    std::string_view port = authority.substr(colon + 1);
    unsigned value = 0;
    auto [end, error] = std::from_chars(port.data(), port.data() + port.size(), value);
    if (error != std::errc() || end != port.data() + port.size() || value == 0 || value > 65535) {
      return Status::InvalidArgument("url", "port must be a number from 1 to 65535");
    }
    parsed.port = static_cast<uint16_t>(value);
  }
  if (parsed.host.empty()) return Status::InvalidArgument("url", "has no host");
  return parsed;
}

struct HttpClient::Impl {
  std::string host;
  uint16_t port;
  std::chrono::milliseconds timeout;
  asio::io_context io;
  std::optional<beast::tcp_stream> stream;
  beast::flat_buffer buffer;
  std::atomic<bool> cancelled{false};

  // Runs the queued operations; a timeout expires the stream, which fails them.
  void Run() {
    io.restart();
    io.run();
  }

  beast::error_code Connect() {
    beast::error_code ec;
    tcp::resolver resolver(io);
    auto endpoints = resolver.resolve(host, std::to_string(port), ec);
    if (ec) return ec;
    stream.emplace(io);
    stream->expires_after(timeout);
    stream->async_connect(endpoints, [&](beast::error_code e, const tcp::endpoint&) { ec = e; });
    Run();
    if (ec) stream.reset();
    buffer.clear();
    return ec;
  }

  beast::error_code Exchange(bhttp::request<bhttp::string_body>& request,
                             bhttp::response_parser<bhttp::string_body>& parser) {
    beast::error_code ec;
    stream->expires_after(timeout);
    bhttp::async_write(*stream, request, [&](beast::error_code e, size_t) {
      ec = e;
      if (!ec) bhttp::async_read(*stream, buffer, parser, [&](beast::error_code r, size_t) { ec = r; });
    });
    Run();
    return ec;
  }
};

HttpClient::HttpClient(std::string host, uint16_t port, std::chrono::milliseconds timeout)
    : impl_(std::make_unique<Impl>()) {
  impl_->host = std::move(host);
  impl_->port = port;
  impl_->timeout = timeout;
}

HttpClient::~HttpClient() = default;

void HttpClient::Cancel() {
  impl_->cancelled = true;
  // Runs inside the Send() in flight (its thread runs `io`), so the stream is never
  // touched from two threads; with none in flight it waits, harmlessly, for the next.
  asio::post(impl_->io, [impl = impl_.get()] {
    if (impl->stream) impl->stream->close();
  });
}

Result<HttpResponse> HttpClient::Send(std::string_view method, std::string_view target, std::string_view body,
                                      const std::vector<std::pair<std::string, std::string>>& headers) {
  bhttp::request<bhttp::string_body> request{bhttp::string_to_verb(beast::string_view(method.data(), method.size())),
                                             beast::string_view(target.data(), target.size()), 11};
  request.set(bhttp::field::host, impl_->host);
  request.set(bhttp::field::user_agent, "kasse");
  if (!body.empty()) request.set(bhttp::field::content_type, "application/json");
  for (const auto& [name, value] : headers) request.set(name, value);
  request.body() = std::string(body);
  request.keep_alive(true);
  request.prepare_payload();

  // A kept-alive connection may have been closed by the server meanwhile: one retry
  // on a fresh connection, but only if nothing of the response arrived.
  for (int attempt = 0; attempt < 2; ++attempt) {
    if (impl_->cancelled) return Status::Unavailable("cancelled");
    bool reused = impl_->stream.has_value();
    if (!reused) {
      beast::error_code ec = impl_->Connect();
      if (ec && impl_->cancelled) return Status::Unavailable("cancelled");
      if (ec)
        return Status::Unavailable("cannot connect to " + impl_->host + ":" + std::to_string(impl_->port) + ": " +
                                   ec.message());
    }
    bhttp::response_parser<bhttp::string_body> parser;
    parser.body_limit(ClientLimits::kMaxResponseBytes);
    beast::error_code ec = impl_->Exchange(request, parser);
    if (ec) {
      impl_->stream.reset();
      if (impl_->cancelled) return Status::Unavailable("cancelled");
      if (reused && (ec == bhttp::error::end_of_stream || ec == asio::error::connection_reset ||
                     ec == asio::error::broken_pipe)) {
        continue;
      }
      return Status::Unavailable(std::string(method) + " " + std::string(target) + " failed: " + ec.message());
    }
    bhttp::response<bhttp::string_body> raw = parser.release();
    HttpResponse response;
    response.status = static_cast<int>(raw.result_int());
    response.content_type = detail::ToStdString(raw[bhttp::field::content_type]);
    response.body = std::move(raw.body());
    for (const auto& field : raw)
      response.headers.emplace_back(detail::ToStdString(field.name_string()), detail::ToStdString(field.value()));
    if (!raw.keep_alive()) impl_->stream.reset();
    return response;
  }
  return Status::Unavailable("connection to " + impl_->host + " keeps closing");
}

}  // namespace kasse::http
