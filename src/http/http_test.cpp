#include <arpa/inet.h>
#include <atomic>
#include <future>
#include <netinet/in.h>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>

#include <gtest/gtest.h>

#include "http/client.h"
#include "http/router.h"
#include "http/server.h"

namespace kasse::http {
namespace {

// Sends raw bytes and returns whatever the server answers before closing.
std::string RawExchange(uint16_t port, const std::string& bytes) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(port);
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  EXPECT_EQ(connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)), 0);
  EXPECT_EQ(send(fd, bytes.data(), bytes.size(), MSG_NOSIGNAL), static_cast<ssize_t>(bytes.size()));
  std::string answer;
  char buffer[4096];
  ssize_t n = 0;
  while ((n = recv(fd, buffer, sizeof(buffer), 0)) > 0) answer.append(buffer, static_cast<size_t>(n));
  close(fd);
  return answer;
}

class HttpTest : public ::testing::Test {
 protected:
  void SetUp() override {
    router_.Add("GET", "/hello/{name}", [](const HttpRequest& r) {
      return HttpResponse::Json(200,
                                "{\"hello\":\"" + r.path_params.at("name") + "\",\"q\":\"" + r.query.at("x") + "\"}");
    });
    router_.Add("POST", "/echo", [](const HttpRequest& r) { return HttpResponse::Text(200, r.body); });
    router_.Add("GET", "/throw", [](const HttpRequest&) -> HttpResponse { throw std::runtime_error("boom"); });
    router_.Add("GET", "/slow", [this](const HttpRequest&) {
      slow_started_ = true;
      std::this_thread::sleep_for(std::chrono::milliseconds(300));
      return HttpResponse::Text(200, "done");
    });
    HttpServer::Options options;
    options.max_body_bytes = 1024;
    options.log = [this](const std::string& line) { log_ += line + "\n"; };
    server_ = std::make_unique<HttpServer>(options, [this](HttpRequest& r) { return router_.Handle(r); });
    ASSERT_TRUE(server_->Start().ok());
  }

  Router router_;
  std::unique_ptr<HttpServer> server_;
  std::string log_;
  std::atomic<bool> slow_started_{false};
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

TEST_F(HttpTest, MalformedRequestsAre400) {
  EXPECT_NE(RawExchange(server_->port(), "HELLO\r\n\r\n").find("400 Bad Request"), std::string::npos);
  EXPECT_NE(RawExchange(server_->port(), "GET /hello/%zz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").find("400"),
            std::string::npos);
  EXPECT_NE(RawExchange(server_->port(), "GET http://x/ HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").find("400"),
            std::string::npos);
  std::string huge_header = "GET / HTTP/1.1\r\nX: " + std::string(20000, 'a') + "\r\n\r\n";
  EXPECT_NE(RawExchange(server_->port(), huge_header).find("431"), std::string::npos);
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
