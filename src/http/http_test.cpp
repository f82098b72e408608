#include <arpa/inet.h>
#include <atomic>
#include <cctype>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <future>
#include <mutex>
#include <netinet/in.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <thread>
#include <unistd.h>
#include <vector>

#include <gtest/gtest.h>

#include "http/client.h"
#include "http/router.h"
#include "http/server.h"

namespace kasse::http {
namespace {

// Generous bounds: they only keep a broken build from hanging, never measure speed.
constexpr std::chrono::seconds kPatience{30};
constexpr int kLongHoldMs = 60'000;

// Connects and sends raw bytes; returns the socket.
int RawSend(uint16_t port, const std::string& bytes) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(port);
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  EXPECT_EQ(connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)), 0);
  EXPECT_EQ(send(fd, bytes.data(), bytes.size(), MSG_NOSIGNAL), static_cast<ssize_t>(bytes.size()));
  return fd;
}

// Returns whatever the server sends on `fd` before closing it, and closes it.
std::string RawReceive(int fd) {
  std::string answer;
  char buffer[4096];
  ssize_t n = 0;
  while ((n = recv(fd, buffer, sizeof(buffer), 0)) > 0) answer.append(buffer, static_cast<size_t>(n));
  close(fd);
  return answer;
}

// Sends raw bytes and returns whatever the server answers before closing.
std::string RawExchange(uint16_t port, const std::string& bytes) { return RawReceive(RawSend(port, bytes)); }

bool HasHeader(const HttpResponse& response, const std::string& name, const std::string& value) {
  auto lower = [](std::string text) {
    for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return text;
  };
  for (const auto& [n, v] : response.headers) {
    if (lower(n) == lower(name) && lower(v) == lower(value)) return true;
  }
  return false;
}

class HttpTest : public ::testing::Test {
 protected:
  void SetUp() override {
    router_.Add("GET", "/hello/{name}", Access::kPublic, [](const HttpRequest& r) {
      return HttpResponse::Json(200,
                                "{\"hello\":\"" + r.path_params.at("name") + "\",\"q\":\"" + r.query.at("x") + "\"}");
    });
    router_.Add("POST", "/echo", Access::kPublic, [](const HttpRequest& r) { return HttpResponse::Text(200, r.body); });
    router_.Add("GET", "/throw", Access::kPublic,
                [](const HttpRequest&) -> HttpResponse { throw std::runtime_error("boom"); });
    router_.Add("GET", "/slow", Access::kPublic, [this](const HttpRequest&) {
      slow_started_ = true;
      std::this_thread::sleep_for(std::chrono::milliseconds(300));
      return HttpResponse::Text(200, "done");
    });
    // A long poll: held `ms` milliseconds unless a test calls the captured complete().
    router_.Add("GET", "/held", Access::kPublic, [this](const HttpRequest& r) {
      DeferredResponse deferred;
      deferred.timeout = std::chrono::milliseconds(std::stoi(r.query.at("ms")));
      deferred.start = [this](std::function<void(HttpResponse)> complete) {
        std::lock_guard lock(held_mutex_);
        completes_.push_back(std::move(complete));
        held_changed_.notify_all();
      };
      deferred.on_timeout = [] { return HttpResponse::Text(200, "timed out"); };
      return HttpResponse::Defer(std::move(deferred));
    });
    HttpServer::Options options;
    options.max_body_bytes = 1024;
    options.log = [this](const std::string& line) { log_ += line + "\n"; };
    server_ = std::make_unique<HttpServer>(options, [this](HttpRequest& r) { return router_.Handle(r); });
    ASSERT_TRUE(server_->Start().ok());
  }

  // The complete() callbacks of the first `count` held requests, once they are held.
  std::vector<std::function<void(HttpResponse)>> WaitForHeld(size_t count) {
    std::unique_lock lock(held_mutex_);
    bool held = held_changed_.wait_for(lock, kPatience, [&] { return completes_.size() >= count; });
    EXPECT_TRUE(held) << completes_.size() << " of " << count << " requests held";
    return completes_;
  }

  std::future<Result<HttpResponse>> SendInBackground(std::string target) {
    return std::async(std::launch::async, [this, target] {
      HttpClient client("127.0.0.1", server_->port());
      return client.Send("GET", target);
    });
  }

  Router router_;
  std::unique_ptr<HttpServer> server_;
  std::string log_;
  std::atomic<bool> slow_started_{false};
  std::mutex held_mutex_;
  std::condition_variable held_changed_;
  std::vector<std::function<void(HttpResponse)>> completes_;
};

TEST_F(HttpTest, RoutesWithParametersAndKeepsTheConnection) {
  HttpClient client("127.0.0.1", server_->port());
  Result<HttpResponse> first = client.Send("GET", "/hello/J%C3%BCrgen?x=a+b");
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  EXPECT_EQ(first->status, 200);
  EXPECT_EQ(first->body, "{\"hello\":\"Jürgen\",\"q\":\"a b\"}");
  Result<HttpResponse> second = client.Send("POST", "/echo", "{\"a\":1}");
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(second->body, "{\"a\":1}");
  EXPECT_EQ(server_->open_connections(), 1);  // the same connection served both
}

TEST_F(HttpTest, UnknownPathAndWrongMethodAreJsonErrors) {
  HttpClient client("127.0.0.1", server_->port());
  Result<HttpResponse> missing = client.Send("GET", "/nope");
  EXPECT_EQ(missing->status, 404);
  EXPECT_NE(missing->body.find("\"code\":\"NOT_FOUND\""), std::string::npos) << missing->body;
  Result<HttpResponse> wrong = client.Send("DELETE", "/echo");
  EXPECT_EQ(wrong->status, 405);
  EXPECT_NE(wrong->body.find("use POST"), std::string::npos);
}

TEST(RouterTest, TheMatchedRouteIsRecordedOnTheRequestAndOnlyThen) {
  Router router;
  auto ok = [](const HttpRequest& r) { return HttpResponse::Json(200, r.route_pattern); };
  router.Add("GET", "/stores/{id}", Access::kAdmin, ok);
  router.Add("POST", "/stores/{id}/journal", Access::kDevice, ok);
  HttpRequest request;
  request.method = "POST";
  request.path = "/stores/B1/journal";
  EXPECT_EQ(router.Handle(request).body, "/stores/{id}/journal");  // seen by the handler too
  EXPECT_EQ(request.route_pattern, "/stores/{id}/journal");
  EXPECT_EQ(request.route_access, Access::kDevice);
  struct Unrouted {
    std::string method;
    std::string path;
    int status;
  };
  for (const Unrouted& unrouted : {Unrouted{"GET", "/nope", 404}, Unrouted{"DELETE", "/stores/B1", 405}}) {
    request.method = unrouted.method;
    request.path = unrouted.path;
    EXPECT_EQ(router.Handle(request).status, unrouted.status);
    EXPECT_EQ(request.route_pattern, "") << unrouted.path;
    EXPECT_FALSE(request.route_access.has_value()) << unrouted.path;
  }
}

TEST_F(HttpTest, HandlerExceptionIsA500AndIsLogged) {
  HttpClient client("127.0.0.1", server_->port());
  Result<HttpResponse> response = client.Send("GET", "/throw");
  ASSERT_TRUE(response.ok());
  EXPECT_EQ(response->status, 500);
  EXPECT_EQ(response->body.find("boom"), std::string::npos);  // internals stay in the log
  EXPECT_NE(log_.find("boom"), std::string::npos);
}

TEST_F(HttpTest, OversizedBodyIs413) {
  HttpClient client("127.0.0.1", server_->port());
  Result<HttpResponse> response = client.Send("POST", "/echo", std::string(2000, 'x'));
  ASSERT_TRUE(response.ok()) << response.status().ToString();
  EXPECT_EQ(response->status, 413);
}

TEST(HttpBodyLimitTest, ARouteMayTakeABiggerBodyThanTheRest) {
  Router router;
  router.Add("POST", "/import", Access::kPublic,
             [](const HttpRequest& r) { return HttpResponse::Json(200, std::to_string(r.body.size())); });
  router.Add("POST", "/echo", Access::kPublic,
             [](const HttpRequest& r) { return HttpResponse::Json(200, std::to_string(r.body.size())); });
  HttpServer::Options options;
  options.max_body_bytes = 100;
  options.on_head = [](const HttpRequest& head) {
    return HeadDecision{head.method == "POST" && head.path == "/import" ? size_t{10'000} : size_t{100}, std::nullopt};
  };
  HttpServer server(options, [&router](HttpRequest& r) { return router.Handle(r); });
  ASSERT_TRUE(server.Start().ok());
  HttpClient client("127.0.0.1", server.port());
  EXPECT_EQ(client.Send("POST", "/import?dry_run=true", std::string(5000, 'x'))->body, "5000");
  Result<HttpResponse> too_big = client.Send("POST", "/import", std::string(20'000, 'x'));
  ASSERT_TRUE(too_big.ok());
  EXPECT_EQ(too_big->status, 413);
  EXPECT_NE(too_big->body.find("10000 bytes"), std::string::npos) << too_big->body;
  HttpClient other("127.0.0.1", server.port());
  EXPECT_EQ(other.Send("POST", "/echo", std::string(5000, 'x'))->status, 413);
}

TEST_F(HttpTest, MalformedRequestsAre400) {
  EXPECT_NE(RawExchange(server_->port(), "HELLO\r\n\r\n").find("400 Bad Request"), std::string::npos);
  EXPECT_NE(RawExchange(server_->port(), "GET /hello/%zz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").find("400"),
            std::string::npos);
  EXPECT_NE(RawExchange(server_->port(), "GET http://x/ HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").find("400"),
            std::string::npos);
  std::string huge_header = "GET / HTTP/1.1\r\nX: " + std::string(20000, 'a') + "\r\n\r\n";
  EXPECT_NE(RawExchange(server_->port(), huge_header).find("431"), std::string::npos);
}

// Sends the head of a request with a huge body and a little of the body; returns
// the answer that comes before the client sent the rest.
std::string AnswerBeforeTheBody(uint16_t port, const std::string& head_lines, size_t content_length) {
  std::string head = head_lines + "Content-Length: " + std::to_string(content_length) + "\r\n\r\n";
  int fd = RawSend(port, head + std::string(4096, '['));
  timeval patience{static_cast<time_t>(kPatience.count()), 0};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &patience, sizeof(patience));
  return RawReceive(fd);
}

TEST(HttpHeadTest, ARefusalFromTheHeadIsAnsweredWithoutReadingTheBody) {
  Router router;
  std::atomic<int> handled{0};
  router.Add("POST", "/private", Access::kAdmin, [&handled](const HttpRequest& r) {
    ++handled;
    return HttpResponse::Json(200, std::to_string(r.body.size()));
  });
  HttpServer::Options options;
  options.on_head = [](const HttpRequest& head) {
    HeadDecision decision{size_t{64} * 1024 * 1024, std::nullopt};
    if (head.Header("authorization") != "Bearer ok") {
      decision.refusal = HttpResponse::Error(Status::Unauthenticated("send the credential"));
    }
    return decision;
  };
  HttpServer server(options, [&router](HttpRequest& r) { return router.Handle(r); });
  ASSERT_TRUE(server.Start().ok());

  // 60 MiB announced, 4 KiB sent: the 401 comes without waiting for the rest.
  std::string answer = AnswerBeforeTheBody(server.port(), "POST /private HTTP/1.1\r\nHost: x\r\n", 60u << 20);
  EXPECT_NE(answer.find("HTTP/1.1 401"), std::string::npos) << answer;
  EXPECT_NE(answer.find("Connection: close"), std::string::npos) << answer;
  EXPECT_EQ(handled, 0);
  // With the credential the body is read, up to the limit the head chose.
  HttpClient client("127.0.0.1", server.port());
  Result<HttpResponse> allowed =
      client.Send("POST", "/private", std::string(20'000, 'x'), {{"Authorization", "Bearer ok"}});
  ASSERT_TRUE(allowed.ok()) << allowed.status().ToString();
  EXPECT_EQ(allowed->body, "20000");
}

TEST(HttpHeadTest, ABodyOverTheHeadsLimitIs413BeforeItIsRead) {
  HttpServer::Options options;
  options.on_head = [](const HttpRequest&) { return HeadDecision{16 * 1024, std::nullopt}; };
  HttpServer server(options, [](HttpRequest&) { return HttpResponse::Json(200, "{}"); });
  ASSERT_TRUE(server.Start().ok());
  std::string answer = AnswerBeforeTheBody(server.port(), "POST /api/v1/enroll HTTP/1.1\r\nHost: x\r\n", 8u << 20);
  EXPECT_NE(answer.find("HTTP/1.1 413"), std::string::npos) << answer;
}

TEST_F(HttpTest, NonCanonicalPathsAre400) {
  for (const char* target :
       {"/hello//x?x=1", "//hello/x?x=1", "/hello/x/?x=1", "/%68ello/x?x=1", "/hello%2Fx?x=1", "/hello/%78?x=1",
        "/hello/./x?x=1", "/hello/../hello/x?x=1", "/hello/%2e%2e?x=1", "/hello/x%2F?x=1"}) {
    std::string answer = RawExchange(
        server_->port(), std::string("GET ") + target + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    EXPECT_NE(answer.find("HTTP/1.1 400"), std::string::npos) << target << ": " << answer;
    EXPECT_EQ(answer.find("hello\":"), std::string::npos) << target << ": " << answer;
  }
  HttpClient client("127.0.0.1", server_->port());
  Result<HttpResponse> encoded = client.Send("GET", "/hello/a%20b%C3%A4?x=1");
  ASSERT_TRUE(encoded.ok());
  EXPECT_EQ(encoded->body, "{\"hello\":\"a b\u00e4\",\"q\":\"1\"}");
}

TEST(CanonicalPathTest, AcceptsOnlyTheOneFormEachPathHas) {
  EXPECT_EQ(*CanonicalPath("/"), "/");
  EXPECT_EQ(*CanonicalPath("/metrics"), "/metrics");
  EXPECT_EQ(*CanonicalPath("/a/b%20c/%25"), "/a/b c/%");
  for (const char* path : {"", "metrics", "/metrics/", "//metrics", "/%6Detrics", "/metrics%2F", "/metrics%2f",
                           "/./metrics", "/x/../metrics", "/%7E", "/a%2"}) {
    Result<std::string> canonical = CanonicalPath(path);
    EXPECT_FALSE(canonical.ok()) << path;
    if (!canonical.ok()) {
      EXPECT_EQ(canonical.status().field(), "path") << path;
    }
  }
}

TEST_F(HttpTest, ATransferCodingOtherThanOneChunkedIs400) {
  const std::string head = "POST /echo HTTP/1.1\r\nHost: x\r\n";
  const std::string smuggled = "GET /hello/y?x=2 HTTP/1.1\r\nHost: x\r\n\r\n";
  for (const std::string& coding :
       {std::string("Transfer-Encoding: chunked, identity\r\n"), std::string("Transfer-Encoding: identity\r\n"),
        std::string("Transfer-Encoding: gzip, chunked\r\n"),
        std::string("Transfer-Encoding: chunked\r\nTransfer-Encoding: identity\r\n"),
        std::string("Transfer-Encoding: chunked\r\nContent-Length: 5\r\n")}) {
    std::string answer = RawExchange(server_->port(), head + coding + "\r\n" + "0\r\n\r\n" + smuggled);
    EXPECT_NE(answer.find("HTTP/1.1 400"), std::string::npos) << coding << answer;
    EXPECT_EQ(answer.find("200 OK"), std::string::npos) << coding << answer;  // the body was no second request
  }
  std::string chunked = RawExchange(
      server_->port(), head + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n3\r\nabc\r\n0\r\n\r\n");
  EXPECT_NE(chunked.find("200 OK"), std::string::npos) << chunked;
  EXPECT_NE(chunked.find("abc"), std::string::npos) << chunked;
}

TEST(HttpConnectionTest, OneClientAddressCannotTakeEverySlot) {
  HttpServer::Options options;
  options.max_connections_per_client = 2;
  HttpServer server(options, [](HttpRequest&) { return HttpResponse::Json(200, "{}"); });
  ASSERT_TRUE(server.Start().ok());
  int first = RawSend(server.port(), "");
  int second = RawSend(server.port(), "");
  auto deadline = std::chrono::steady_clock::now() + kPatience;
  while (server.open_connections() < 2 && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  std::string third = RawExchange(server.port(), "GET / HTTP/1.1\r\nHost: x\r\n\r\n");
  EXPECT_NE(third.find("HTTP/1.1 503"), std::string::npos) << third;
  EXPECT_NE(third.find("too many connections from 127.0.0.1"), std::string::npos) << third;
  close(first);
  while (server.open_connections() > 1 && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  std::string again = RawExchange(server.port(), "GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  EXPECT_NE(again.find("200 OK"), std::string::npos) << again;
  close(second);
}

TEST(HttpConnectionTest, TheConnectionCapStaysBelowTheDescriptorLimit) {
  rlimit original{};
  ASSERT_EQ(getrlimit(RLIMIT_NOFILE, &original), 0);
  rlimit lowered = original;
  lowered.rlim_cur = std::min<rlim_t>(original.rlim_cur, 500);
  ASSERT_EQ(setrlimit(RLIMIT_NOFILE, &lowered), 0);
  HttpServer server(HttpServer::Options{}, [](HttpRequest&) { return HttpResponse::Json(200, "{}"); });
  Status started = server.Start();
  ASSERT_EQ(setrlimit(RLIMIT_NOFILE, &original), 0);
  ASSERT_TRUE(started.ok());
  EXPECT_EQ(server.connection_limit(), static_cast<int>(lowered.rlim_cur) - ServerLimits::kReservedDescriptors);
}

// The listening socket of `port` in this process, or -1.
int ListeningSocket(uint16_t port) {
  for (int fd = 0; fd < 4096; ++fd) {
    sockaddr_in address{};
    socklen_t size = sizeof(address);
    int listening = 0;
    socklen_t flag_size = sizeof(listening);
    if (getsockname(fd, reinterpret_cast<sockaddr*>(&address), &size) == 0 && address.sin_family == AF_INET &&
        ntohs(address.sin_port) == port && getsockopt(fd, SOL_SOCKET, SO_ACCEPTCONN, &listening, &flag_size) == 0 &&
        listening == 1) {
      return fd;
    }
  }
  return -1;
}

// Out of descriptors (EMFILE, ENFILE), accept() fails at once, every time: the
// server must wait between tries, not spin and flood the log. A listener shut down
// under the server fails the same way (EINVAL); the test uses it because running
// this process out of descriptors trips the sanitizers (UBSan's checks open a pipe).
TEST(HttpConnectionTest, AcceptBacksOffWhenEveryAcceptFails) {
  std::mutex log_mutex;
  std::vector<std::string> log;
  HttpServer::Options options;
  options.log = [&](const std::string& line) {
    std::lock_guard lock(log_mutex);
    log.push_back(line);
  };
  HttpServer server(options, [](HttpRequest&) { return HttpResponse::Json(200, "{}"); });
  ASSERT_TRUE(server.Start().ok());
  auto log_lines = [&] {
    std::lock_guard lock(log_mutex);
    return log.size();
  };
  int listener = ListeningSocket(server.port());
  ASSERT_GE(listener, 0);
  ASSERT_EQ(shutdown(listener, SHUT_RD), 0);  // wakes the accept in flight, and fails every one after
  auto deadline = std::chrono::steady_clock::now() + kPatience;
  while (log_lines() == 0 && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  // A spinning accept loop logs thousands of lines in this time; one that backs off, one.
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  std::lock_guard lock(log_mutex);
  ASSERT_EQ(log.size(), 1u);
  EXPECT_NE(log[0].find("accept failed"), std::string::npos) << log[0];
}

TEST(HttpTimeoutTest, ARequestHeadTrickledInIsCutOffAtTheReadTimeout) {
  HttpServer::Options options;
  options.read_timeout = std::chrono::milliseconds(200);
  options.idle_timeout = std::chrono::milliseconds(kLongHoldMs);
  HttpServer server(options, [](HttpRequest&) { return HttpResponse::Json(200, "{}"); });
  ASSERT_TRUE(server.Start().ok());
  // An idle connection waits for the idle timeout, not the read timeout.
  int idle = RawSend(server.port(), "");
  std::this_thread::sleep_for(std::chrono::milliseconds(400));
  std::string request = "GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
  ASSERT_EQ(send(idle, request.data(), request.size(), MSG_NOSIGNAL), static_cast<ssize_t>(request.size()));
  EXPECT_NE(RawReceive(idle).find("200 OK"), std::string::npos);
  // A byte every 20 ms: once the first came, the head has the read timeout.
  int slow = RawSend(server.port(), "G");
  auto deadline = std::chrono::steady_clock::now() + kPatience;
  bool cut_off = false;
  while (!cut_off && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    cut_off = send(slow, "X", 1, MSG_NOSIGNAL) < 0;
  }
  close(slow);
  EXPECT_TRUE(cut_off);
}

TEST_F(HttpTest, StopFinishesTheRequestInProgress) {
  std::future<Result<HttpResponse>> slow = std::async(std::launch::async, [this] {
    HttpClient client("127.0.0.1", server_->port());
    return client.Send("GET", "/slow");
  });
  while (!slow_started_) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  HttpClient idle("127.0.0.1", server_->port());
  ASSERT_TRUE(idle.Send("POST", "/echo", "x").ok());  // an idle keep-alive connection
  server_->Stop();
  Result<HttpResponse> response = slow.get();
  ASSERT_TRUE(response.ok()) << response.status().ToString();
  EXPECT_EQ(response->body, "done");
  EXPECT_EQ(server_->open_connections(), 0);
  EXPECT_TRUE(idle.Send("POST", "/echo", "x").status().IsUnavailable());
}

TEST_F(HttpTest, DeferredResponseIsTheAnswerCompletedFromAnotherThread) {
  HttpClient client("127.0.0.1", server_->port());
  std::future<Result<HttpResponse>> held =
      std::async(std::launch::async, [&] { return client.Send("GET", "/held?ms=" + std::to_string(kLongHoldMs)); });
  std::vector<std::function<void(HttpResponse)>> completes = WaitForHeld(1);
  ASSERT_EQ(completes.size(), 1u);
  std::thread other([complete = completes[0]] { complete(HttpResponse::Text(200, "completed")); });
  other.join();
  Result<HttpResponse> response = held.get();
  ASSERT_TRUE(response.ok()) << response.status().ToString();
  EXPECT_EQ(response->body, "completed");
  ASSERT_TRUE(client.Send("POST", "/echo", "next").ok());  // keep-alive goes on
  EXPECT_EQ(server_->open_connections(), 1);
}

TEST_F(HttpTest, DeferredResponseWithoutAnswerGetsOnTimeoutAfterTheTimeout) {
  HttpClient client("127.0.0.1", server_->port());
  Result<HttpResponse> response = client.Send("GET", "/held?ms=50");
  ASSERT_TRUE(response.ok()) << response.status().ToString();
  EXPECT_EQ(response->body, "timed out");
  Result<HttpResponse> next = client.Send("POST", "/echo", "next");
  ASSERT_TRUE(next.ok()) << next.status().ToString();
  EXPECT_EQ(next->body, "next");
}

TEST_F(HttpTest, CompleteAfterTheTimeoutIsIgnored) {
  HttpClient client("127.0.0.1", server_->port());
  ASSERT_EQ(client.Send("GET", "/held?ms=10")->body, "timed out");
  std::vector<std::function<void(HttpResponse)>> completes = WaitForHeld(1);
  ASSERT_EQ(completes.size(), 1u);
  completes[0](HttpResponse::Text(200, "late"));
  completes[0](HttpResponse::Text(200, "later still"));
  Result<HttpResponse> next = client.Send("POST", "/echo", "next");  // the same connection, unharmed
  ASSERT_TRUE(next.ok()) << next.status().ToString();
  EXPECT_EQ(next->body, "next");
  EXPECT_EQ(server_->open_connections(), 1);
}

TEST_F(HttpTest, HeldRequestsHoldNoThread) {
  // The fixture's server has one thread. Were a held request to occupy it, the
  // ordinary request below would wait for the holds' 60 s.
  constexpr int kHeld = 200;
  std::vector<int> sockets;
  for (int i = 0; i < kHeld; ++i) {
    sockets.push_back(RawSend(server_->port(), "GET /held?ms=" + std::to_string(kLongHoldMs) +
                                                   " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"));
  }
  std::vector<std::function<void(HttpResponse)>> completes = WaitForHeld(kHeld);
  ASSERT_EQ(completes.size(), static_cast<size_t>(kHeld));

  HttpClient client("127.0.0.1", server_->port());
  Result<HttpResponse> ordinary = client.Send("POST", "/echo", "meanwhile");
  ASSERT_TRUE(ordinary.ok()) << ordinary.status().ToString();
  EXPECT_EQ(ordinary->body, "meanwhile");

  // complete() i answers with "answer-i"; which socket got which request is unknown.
  for (int i = 0; i < kHeld; ++i)
    completes[static_cast<size_t>(i)](HttpResponse::Text(200, "answer-" + std::to_string(i)));
  std::vector<bool> seen(kHeld, false);
  for (int fd : sockets) {
    std::string answer = RawReceive(fd);
    ASSERT_NE(answer.find("200 OK"), std::string::npos) << answer;
    size_t at = answer.rfind("answer-");
    ASSERT_NE(at, std::string::npos) << answer;
    int n = std::stoi(answer.substr(at + 7));
    ASSERT_TRUE(n >= 0 && n < kHeld);
    EXPECT_FALSE(seen[static_cast<size_t>(n)]) << "answer " << n << " arrived twice";
    seen[static_cast<size_t>(n)] = true;
  }
}

TEST_F(HttpTest, StopAnswersHeldRequestsAtOnceWithOnTimeout) {
  std::vector<std::future<Result<HttpResponse>>> held;
  for (int i = 0; i < 3; ++i) held.push_back(SendInBackground("/held?ms=" + std::to_string(kLongHoldMs)));
  ASSERT_EQ(WaitForHeld(3).size(), 3u);
  auto started = std::chrono::steady_clock::now();
  server_->Stop();
  // Without the early answer Stop() would wait out its whole grace period.
  EXPECT_LT(std::chrono::steady_clock::now() - started, ServerLimits::kShutdownGrace);
  for (auto& future : held) {
    Result<HttpResponse> response = future.get();
    ASSERT_TRUE(response.ok()) << response.status().ToString();
    EXPECT_EQ(response->body, "timed out");
    EXPECT_TRUE(HasHeader(*response, "connection", "close"));
  }
  EXPECT_EQ(server_->open_connections(), 0);
}

TEST_F(HttpTest, CompleteAfterTheServerIsGoneIsHarmless) {
  std::future<Result<HttpResponse>> held = SendInBackground("/held?ms=" + std::to_string(kLongHoldMs));
  std::vector<std::function<void(HttpResponse)>> completes = WaitForHeld(1);
  ASSERT_EQ(completes.size(), 1u);
  server_.reset();
  EXPECT_EQ(held.get()->body, "timed out");
  completes[0](HttpResponse::Text(200, "too late"));  // ASan would see a use after free
}

TEST_F(HttpTest, CancelEndsALongPollAtOnce) {
  HttpClient client("127.0.0.1", server_->port());
  std::future<Result<HttpResponse>> poll =
      std::async(std::launch::async, [&] { return client.Send("GET", "/held?ms=" + std::to_string(kLongHoldMs)); });
  ASSERT_EQ(WaitForHeld(1).size(), 1u);
  client.Cancel();
  // The client's own timeout (10 s) would give another message.
  ASSERT_EQ(poll.wait_for(kPatience), std::future_status::ready);
  Status status = poll.get().status();
  EXPECT_TRUE(status.IsUnavailable()) << status.ToString();
  EXPECT_EQ(status.message(), "cancelled");
  EXPECT_EQ(client.Send("POST", "/echo", "x").status().message(), "cancelled");  // final
}

TEST(HttpClientTest, CancelBeforeSendAnswersCancelledWithoutConnecting) {
  HttpClient client("127.0.0.1", 1);
  client.Cancel();
  Status status = client.Send("GET", "/").status();
  EXPECT_TRUE(status.IsUnavailable());
  EXPECT_EQ(status.message(), "cancelled");
}

TEST(HttpClientTest, UnreachableServerIsUnavailable) {
  HttpClient client("127.0.0.1", 1, std::chrono::milliseconds(500));
  Status status = client.Send("GET", "/").status();
  EXPECT_TRUE(status.IsUnavailable()) << status.ToString();
}

TEST(UrlTest, ParsesHostPortAndPrefix) {
  Result<Url> url = ParseUrl("http://127.0.0.1:8080/api/");
  ASSERT_TRUE(url.ok());
  EXPECT_EQ(url->host, "127.0.0.1");
  EXPECT_EQ(url->port, 8080);
  EXPECT_EQ(url->path_prefix, "/api");
  EXPECT_FALSE(ParseUrl("ftp://x").ok());
  EXPECT_FALSE(ParseUrl("http://x:0").ok());
  EXPECT_FALSE(ParseUrl("http://x:99999").ok());
  EXPECT_FALSE(ParseUrl("http://:80").ok());
}

TEST(PercentDecodeTest, DecodesAndRejectsMalformedEscapes) {
  EXPECT_EQ(*PercentDecode("a%20b%C3%A4"), "a bä");
  EXPECT_FALSE(PercentDecode("%2").has_value());
  EXPECT_FALSE(PercentDecode("%zz").has_value());
  EXPECT_FALSE(PercentDecode("abc%").has_value());
}

}  // namespace
}  // namespace kasse::http
