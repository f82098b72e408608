// A register enrolled with the server, end to end through both processes' parts:
// the server's admin makes a code, the register exchanges it at its first start,
// sells, and its journal arrives. And the server's audit log of admin requests.
#include "server/server_app.h"

#include <arpa/inet.h>
#include <chrono>
#include <netinet/in.h>
#include <sstream>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <thread>
#include <unistd.h>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "base/temp_dir.h"
#include "http/client.h"
#include "register/register_agent.h"
#include "server/credentials.h"
#include "server/testing/loopback_config.h"
#include "sync/protocol.h"

namespace kasse::server {
namespace {

reg::RegisterAgentConfig RegisterConfig(const TempDir& dir, const std::string& server_url) {
  reg::RegisterAgentConfig config;
  config.data_dir = dir.File("register");
  config.register_id = RegisterId("K-0101-01");
  config.listen = "127.0.0.1:0";
  config.server_url = server_url;
  config.seller = {"Muster Markt GmbH",     "", "Hauptstr. 1", "10115", "Berlin", "", "12/345/67890",
                   RegisterId("K-0101-01"), ""};
  return config;
}

Result<http::HttpResponse> Call(const std::string& base, const std::string& method, const std::string& path,
                                const std::string& body = "", const std::string& token = "") {
  Result<http::Url> url = http::ParseUrl(base);
  http::HttpClient client(url->host, url->port);
  if (token.empty()) return client.Send(method, path, body);
  return client.Send(method, path, body, {{"Authorization", "Bearer " + token}});
}

// The audit log's lines: "msg method path status".
std::vector<std::string> AuditLines(const std::string& log) {
  std::vector<std::string> lines;
  std::istringstream in(log);
  for (std::string line; std::getline(in, line);) {
    nlohmann::json json = nlohmann::json::parse(line, nullptr, false);
    std::string msg = json.is_object() ? json.value("msg", "") : "";
    if (msg != "admin action" && msg != "admin request refused") continue;
    lines.push_back(msg + " " + json.value("method", "") + " " + json.value("path", "") + " " +
                    std::to_string(json.value("status", 0)));
  }
  return lines;
}

TEST(ServerAppTest, EnrolledRegisterSyncsItsJournal) {
  TempDir dir;
  ServerConfig server_config = testing::LoopbackConfig(dir.File("server.db"));
  std::ostringstream log;
  ServerApp server(server_config, log);
  Result<std::optional<std::string>> admin = server.Start();
  ASSERT_TRUE(admin.ok()) << admin.status().ToString();
  ASSERT_TRUE(admin->has_value());  // shown once, at the first start
  EXPECT_EQ(Call(server.url(), "GET", "/healthz")->status, 200);
  EXPECT_EQ(Call(server.url(), "GET", "/readyz")->status, 200);
  EXPECT_EQ(log.str().find(**admin), std::string::npos);  // never logged
  EXPECT_NE(log.str().find(R"("msg":"server started")"), std::string::npos) << log.str();

  std::string code = *server.credentials().CreateEnrollmentCode(RegisterId("K-0101-01"), false);
  reg::RegisterAgentConfig config = RegisterConfig(dir, server.url());
  config.enroll_code = code;
  reg::RegisterAgent agent(config);
  ASSERT_TRUE(agent.Start().ok());
  struct stat token_file {};
  ASSERT_EQ(stat(dir.File("register/device-token").c_str(), &token_file), 0);
  EXPECT_EQ(token_file.st_mode & 0777, 0600u);

  ASSERT_EQ(Call(agent.api_url(), "POST", "/api/shift/open",
                 R"({"cashier_id":"7","cashier_name":"Anna","opening_float":"10.00"})", agent.api_token())
                ->status,
            200);
  // The sync thread delivers in the background: wait (at most 10 s) until the server
  // has acknowledged both entries (shift opened, opening float).
  std::string status;
  for (int i = 0; i < 500; ++i) {
    status = Call(agent.api_url(), "GET", "/api/status")->body;
    if (status.find("\"acked_seq\":2") != std::string::npos) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  EXPECT_NE(status.find("\"backlog\":0"), std::string::npos) << status;
  EXPECT_NE(status.find("\"acked_seq\":2"), std::string::npos) << status;
  EXPECT_NE(status.find("\"online\":true"), std::string::npos) << status;
  http::HttpResponse metrics = *Call(server.url(), "GET", "/metrics");
  EXPECT_EQ(metrics.status, 200);
  EXPECT_NE(metrics.body.find("kasse_register_acked_seq{register=\"K-0101-01\"} 2"), std::string::npos) << metrics.body;
  EXPECT_NE(log.str().find(R"("msg":"register enrolled","register_id":"K-0101-01")"), std::string::npos);

  // A restart uses the stored credential; the used code is not needed again.
  agent.Stop();
  reg::RegisterAgent again(RegisterConfig(dir, server.url()));
  EXPECT_TRUE(again.Start().ok());
  again.Stop();
  server.Stop();
  ServerApp restarted(server_config);
  Result<std::optional<std::string>> second = restarted.Start();
  ASSERT_TRUE(second.ok());
  EXPECT_FALSE(second->has_value());  // the admin token is not shown again
}

// Issue 10, item 20: without --store-id a register stayed at catalog version 0. The
// enrollment answer now names the store the master data places the register in.
TEST(ServerAppTest, EnrollmentTellsTheRegisterItsStore) {
  TempDir dir;
  ServerConfig server_config = testing::LoopbackConfig(dir.File("server.db"));
  ServerApp server(server_config);
  Result<std::optional<std::string>> admin = server.Start();
  ASSERT_TRUE(admin.ok() && admin->has_value()) << admin.status().ToString();
  const std::string store_json =
      R"({"name":"Filiale Mitte","time_zone":"Europe/Berlin",)"
      R"("address":{"street":"Hauptstraße 1","postcode":"10115","city":"Berlin","country":"DE"}})";
  ASSERT_EQ(Call(server.url(), "PUT", "/api/v1/stores/B1", store_json, **admin)->status, 200);
  ASSERT_EQ(Call(server.url(), "PUT", "/api/v1/registers/K-0101-01", R"({"store_id":"B1","label":"Kasse 1"})", **admin)
                ->status,
            200);
  Result<http::HttpResponse> code =
      Call(server.url(), "POST", "/api/v1/enrollments", R"({"register_id":"K-0101-01"})", **admin);
  ASSERT_EQ(code->status, 201) << code->body;
  reg::RegisterAgentConfig config = RegisterConfig(dir, server.url());
  config.enroll_code = nlohmann::json::parse(code->body)["code"];
  {
    reg::RegisterAgent agent(config);
    Status started = agent.Start();
    ASSERT_TRUE(started.ok()) << started.ToString();
    EXPECT_EQ(agent.store_id(), "B1");
    // Issue 10, item 25: its catalog long poll (B1 has no catalog yet, so the server holds it
    // for 25 s) is cancelled by Stop; a generous bound, as a correctness check.
    auto stopping = std::chrono::steady_clock::now();
    agent.Stop();
    EXPECT_LT(std::chrono::steady_clock::now() - stopping, std::chrono::seconds(5));
  }
  reg::RegisterAgent again(RegisterConfig(dir, server.url()));  // no code, no --store-id
  ASSERT_TRUE(again.Start().ok());
  EXPECT_EQ(again.store_id(), "B1");
}

TEST(ServerAppTest, AuditLogHasAdminChangesAndRefusalsButNotTheRegistersTraffic) {
  TempDir dir;
  ServerConfig server_config = testing::LoopbackConfig(dir.File("server.db"));
  std::ostringstream log;
  ServerApp server(server_config, log);
  Result<std::optional<std::string>> admin = server.Start();
  ASSERT_TRUE(admin.ok() && admin->has_value()) << admin.status().ToString();
  std::string code = *server.credentials().CreateEnrollmentCode(RegisterId("K-0101-01"), false);
  Result<Enrollment> device = server.credentials().Enroll(code, "device-1");
  ASSERT_TRUE(device.ok()) << device.status().ToString();
  const std::string store_json =
      R"({"name":"Filiale Mitte","time_zone":"Europe/Berlin",)"
      R"("address":{"street":"Hauptstraße 1","postcode":"10115","city":"Berlin","country":"DE"}})";

  EXPECT_EQ(Call(server.url(), "GET", "/api/v1/stores")->status, 401);
  EXPECT_EQ(Call(server.url(), "PUT", "/api/v1/stores/B1", store_json, **admin)->status, 200);
  EXPECT_EQ(Call(server.url(), "GET", "/api/v1/stores/B1", "", **admin)->status, 200);  // a read: not logged
  std::string batch = sync::EncodeBatch({});
  EXPECT_EQ(Call(server.url(), "POST", "/api/v1/registers/K-0101-01/journal", batch, device->token)->status, 200);
  EXPECT_EQ(Call(server.url(), "POST", "/api/v1/registers/K-0101-01/journal", batch)->status, 401);
  EXPECT_EQ(Call(server.url(), "POST", "/api/v1/nowhere", "{}", **admin)->status, 404);  // no route: no access

  EXPECT_EQ(AuditLines(log.str()), (std::vector<std::string>{"admin request refused GET /api/v1/stores 401",
                                                             "admin action PUT /api/v1/stores/B1 200"}))
      << log.str();
  EXPECT_NE(log.str().find(R"("level":"warn","msg":"admin request refused")"), std::string::npos) << log.str();
}

// Sends `head` and a little of a body, and returns what the server answers before
// the rest of the body (which never comes) is sent.
std::string AnswerBeforeTheBody(const std::string& base, const std::string& head) {
  Result<http::Url> url = http::ParseUrl(base);
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(url->port);
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  EXPECT_EQ(connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)), 0);
  std::string bytes = head + std::string(4096, '[');
  EXPECT_EQ(send(fd, bytes.data(), bytes.size(), MSG_NOSIGNAL), static_cast<ssize_t>(bytes.size()));
  timeval patience{20, 0};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &patience, sizeof(patience));
  std::string answer;
  char buffer[4096];
  for (ssize_t n = 0; (n = recv(fd, buffer, sizeof(buffer), 0)) > 0;) answer.append(buffer, static_cast<size_t>(n));
  close(fd);
  return answer;
}

TEST(ServerAppTest, RequestsWithoutTheirCredentialAreRefusedBeforeTheBodyIsRead) {
  TempDir dir;
  ServerApp server(testing::LoopbackConfig(dir.File("server.db")));
  ASSERT_TRUE(server.Start().ok());
  // 60 MiB announced to the import route without the admin token: 401 from the head.
  std::string import = AnswerBeforeTheBody(server.url(),
                                           "POST /api/v1/articles/import HTTP/1.1\r\nHost: x\r\n"
                                           "Content-Type: text/csv\r\nContent-Length: 62914560\r\n\r\n");
  EXPECT_NE(import.find("HTTP/1.1 401"), std::string::npos) << import;
  std::string upload = AnswerBeforeTheBody(server.url(),
                                           "POST /api/v1/registers/K-0101-01/journal HTTP/1.1\r\nHost: x\r\n"
                                           "Authorization: Bearer wrong\r\nContent-Length: 1000000\r\n\r\n");
  EXPECT_NE(upload.find("HTTP/1.1 401"), std::string::npos) << upload;
  // 8 MiB of '[' to the public enrollment route: over its small limit, 413 at once.
  std::string enroll =
      AnswerBeforeTheBody(server.url(), "POST /api/v1/enroll HTTP/1.1\r\nHost: x\r\nContent-Length: 8388608\r\n\r\n");
  EXPECT_NE(enroll.find("HTTP/1.1 413"), std::string::npos) << enroll;
  // What fits the limit is still checked for depth before it is parsed.
  Result<http::HttpResponse> nested = Call(server.url(), "POST", "/api/v1/enroll", std::string(16'000, '['));
  ASSERT_TRUE(nested.ok()) << nested.status().ToString();
  EXPECT_EQ(nested->status, 400) << nested->body;
  EXPECT_EQ(Call(server.url(), "GET", "/healthz")->status, 200);
}

TEST(ServerAppTest, ADeeplyNestedJournalEntryIs400AndTheServerGoesOn) {
  TempDir dir;
  ServerApp server(testing::LoopbackConfig(dir.File("server.db")));
  ASSERT_TRUE(server.Start().ok());
  std::string code = *server.credentials().CreateEnrollmentCode(RegisterId("K-0101-01"), false);
  Result<Enrollment> device = server.credentials().Enroll(code, "device-1");
  ASSERT_TRUE(device.ok()) << device.status().ToString();
  std::string entry = std::string(60'000, '[') + std::string(60'000, ']');
  Result<http::HttpResponse> upload =
      Call(server.url(), "POST", "/api/v1/registers/K-0101-01/journal", sync::EncodeBatch({entry}), device->token);
  ASSERT_TRUE(upload.ok()) << upload.status().ToString();
  EXPECT_EQ(upload->status, 400) << upload->body;
  EXPECT_NE(upload->body.find("nests deeper than"), std::string::npos) << upload->body;
  EXPECT_EQ(Call(server.url(), "GET", "/healthz")->status, 200);
}

TEST(ServerAppTest, EveryRefusedUploadIsLoggedAtMostOncePerRegisterCodeAndInterval) {
  TempDir dir;
  std::ostringstream log;
  ServerApp server(testing::LoopbackConfig(dir.File("server.db")), log);
  ASSERT_TRUE(server.Start().ok());
  std::string batch = sync::EncodeBatch({});
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ(Call(server.url(), "POST", "/api/v1/registers/K-0101-01/journal", batch, "wrong")->status, 401);
  }
  EXPECT_EQ(Call(server.url(), "POST", "/api/v1/registers/K-0101-02/journal", batch, "wrong")->status, 401);
  std::vector<std::string> refused;
  std::istringstream lines(log.str());
  for (std::string line; std::getline(lines, line);) {
    nlohmann::json json = nlohmann::json::parse(line, nullptr, false);
    if (json.is_object() && json.value("msg", "") == "journal upload refused") {
      refused.push_back(json.value("register_id", "") + " " + json.value("code", ""));
    }
  }
  EXPECT_EQ(refused, (std::vector<std::string>{"K-0101-01 UNAUTHENTICATED", "K-0101-02 UNAUTHENTICATED"})) << log.str();
  http::HttpResponse metrics = *Call(server.url(), "GET", "/metrics");
  EXPECT_NE(metrics.body.find(R"(kasse_ingest_errors_total{code="UNAUTHENTICATED"} 6)"), std::string::npos)
      << metrics.body;
}

// A proxy blocks `location = /metrics`; no other spelling may reach the metrics.
TEST(ServerAppTest, OnlyTheCanonicalPathServesTheMetrics) {
  TempDir dir;
  ServerApp server(testing::LoopbackConfig(dir.File("server.db")));
  ASSERT_TRUE(server.Start().ok());
  EXPECT_EQ(Call(server.url(), "GET", "/metrics")->status, 200);
  for (const char* variant : {"/metrics/", "//metrics", "/%6Detrics", "/metrics%2F", "/./metrics", "/x/../metrics"}) {
    Result<http::HttpResponse> answer = Call(server.url(), "GET", variant);
    ASSERT_TRUE(answer.ok()) << variant << ": " << answer.status().ToString();
    EXPECT_EQ(answer->status, 400) << variant;
    EXPECT_EQ(answer->body.find("kasse_"), std::string::npos) << variant << ": " << answer->body;
  }
}

TEST(ServerAppTest, RefusesUnknownCodesAndBadConfiguration) {
  TempDir dir;
  ServerConfig server_config = testing::LoopbackConfig(dir.File("server.db"));
  ServerApp server(server_config);
  ASSERT_TRUE(server.Start().ok());
  reg::RegisterAgentConfig config = RegisterConfig(dir, server.url());
  config.enroll_code = "not-a-code";
  Status refused = reg::RegisterAgent(config).Start();
  EXPECT_EQ(refused.field(), "enroll_code") << refused.ToString();

  ServerConfig unreachable = server_config;
  unreachable.db = "postgresql://kasse@127.0.0.1:1/kasse?connect_timeout=2";
  Status no_database = ServerApp(unreachable).Start().status();
  EXPECT_TRUE(no_database.IsUnavailable()) << no_database.ToString();
  EXPECT_NE(no_database.message().find("cannot connect to PostgreSQL"), std::string::npos);
  ServerConfig bad_listen = server_config;
  bad_listen.listen = "nowhere";
  EXPECT_EQ(ServerApp(bad_listen).Start().status().field(), "listen");
}

}  // namespace
}  // namespace kasse::server
