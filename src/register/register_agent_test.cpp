#include "register/register_agent.h"

#include <fstream>
#include <iterator>
#include <sys/stat.h>

#include <gtest/gtest.h>

#include "base/temp_dir.h"
#include "catalog/delta_json.h"
#include "catalog/detail/test_records.h"
#include "http/client.h"

namespace kasse::reg {
namespace {

RegisterAgentConfig Config(const TempDir& dir) {
  RegisterAgentConfig config;
  config.data_dir = dir.File("data");
  config.register_id = RegisterId("K-0101-01");
  config.listen = "127.0.0.1:0";
  config.seller = {"Muster Markt GmbH",     "", "Hauptstr. 1", "10115", "Berlin", "", "12/345/67890",
                   RegisterId("K-0101-01"), ""};
  return config;
}

Result<http::HttpResponse> Get(const RegisterAgent& agent, const std::string& method, const std::string& path,
                               const std::string& body = "") {
  Result<http::Url> url = http::ParseUrl(agent.api_url());
  http::HttpClient client(url->host, url->port);
  return client.Send(method, path, body, {{"X-Kasse-Register-Token", agent.api_token()}});
}

TEST(RegisterAgentTest, ServesTheApiAndContinuesAfterARestart) {
  TempDir dir;
  {
    RegisterAgent agent(Config(dir));
    ASSERT_TRUE(agent.Start().ok());
    Result<http::HttpResponse> opened =
        Get(agent, "POST", "/api/shift/open", R"({"cashier_id":"7","cashier_name":"Anna","opening_float":"10.00"})");
    ASSERT_TRUE(opened.ok());
    EXPECT_EQ(opened->status, 200) << opened->body;
  }
  struct stat data {};
  ASSERT_EQ(stat(dir.File("data").c_str(), &data), 0);
  EXPECT_EQ(data.st_mode & 0777, 0700u);
  struct stat token_file {};
  ASSERT_EQ(stat(dir.File("data/local-api.token").c_str(), &token_file), 0);
  EXPECT_EQ(token_file.st_mode & 0777, 0600u);
  RegisterAgent again(Config(dir));
  ASSERT_TRUE(again.Start().ok());
  Result<http::HttpResponse> status = Get(again, "GET", "/api/status");
  ASSERT_TRUE(status.ok());
  EXPECT_NE(status->body.find("\"open\":true"), std::string::npos) << status->body;
}

TEST(RegisterAgentTest, ChangesNeedTheTokenFromItsFile) {
  TempDir dir;
  RegisterAgent agent(Config(dir));
  ASSERT_TRUE(agent.Start().ok());
  std::ifstream file(dir.File("data/local-api.token"));
  std::string token((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
  EXPECT_GE(token.size(), 40u);
  EXPECT_EQ(token, agent.api_token());
  Result<http::Url> url = http::ParseUrl(agent.api_url());
  http::HttpClient client(url->host, url->port);
  const std::string open = R"({"cashier_id":"7","cashier_name":"Anna","opening_float":"10.00"})";
  EXPECT_EQ(client.Send("POST", "/api/shift/open", open)->status, 401);
  EXPECT_EQ(client.Send("POST", "/api/shift/open", open, {{"Authorization", "Bearer " + token}})->status, 200);
}

TEST(RegisterAgentTest, AppliesACatalogFileAtStart) {
  TempDir dir;
  {
    std::ofstream file(dir.File("catalog.json"));
    file << catalog::EncodeDelta(catalog::test_records::StoreDelta());
  }
  RegisterAgentConfig config = Config(dir);
  config.catalog_file = dir.File("catalog.json");
  RegisterAgent agent(config);
  ASSERT_TRUE(agent.Start().ok());
  Result<http::HttpResponse> found = Get(agent, "GET", "/api/catalog/search?q=milch");
  ASSERT_TRUE(found.ok());
  EXPECT_NE(found->body.find("Vollmilch"), std::string::npos) << found->body;

  RegisterAgentConfig broken = Config(dir);
  broken.data_dir = dir.File("other");
  broken.catalog_file = dir.File("missing.json");
  EXPECT_FALSE(RegisterAgent(broken).Start().ok());
}

TEST(RegisterAgentTest, OnlyOneProcessActsAsTheRegister) {
  TempDir dir;
  RegisterAgent first(Config(dir));
  ASSERT_TRUE(first.Start().ok());
  RegisterAgent second(Config(dir));
  Status refused = second.Start();
  EXPECT_TRUE(refused.IsConflict()) << refused.ToString();
}

TEST(RegisterAgentTest, RefusesBadConfiguration) {
  TempDir dir;
  RegisterAgentConfig bad_id = Config(dir);
  bad_id.register_id = RegisterId("K 01/../x");
  EXPECT_EQ(RegisterAgent(bad_id).Start().field(), "register_id");
  RegisterAgentConfig bad_listen = Config(dir);
  bad_listen.listen = "127.0.0.1:99999";
  EXPECT_EQ(RegisterAgent(bad_listen).Start().field(), "listen");
  RegisterAgentConfig bad_server = Config(dir);
  bad_server.server_url = "ftp://x";
  EXPECT_TRUE(RegisterAgent(bad_server).Start().IsInvalidArgument());
}

}  // namespace
}  // namespace kasse::reg
