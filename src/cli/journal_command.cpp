// `kasse journal release` and `kasse journal pin-tse`: an operator's answers to a
// register in CONFLICT and to a new signing unit (docs/sync-protocol.md), through
// the server's admin routes (src/server/register_admin_api.h).
#include <chrono>
#include <ostream>

#include <nlohmann/json.hpp>

#include "base/json_nesting.h"
#include "cli/commands.h"
#include "cli/secret.h"
#include "http/client.h"

namespace kasse::cli {
namespace {

using Json = nlohmann::json;

constexpr std::chrono::seconds kRequestTimeout{10};
constexpr int kRefused = 1;
constexpr int kUsage = 2;

int Call(const JournalOptions& options, std::string_view method, const std::string& path, const Json& body,
         std::ostream& out, std::ostream& err) {
  Result<std::string> token = ResolveSecret({"token", options.token, "token-file", options.token_file, kAdminTokenEnv});
  if (!token.ok()) {
    err << "kasse journal: --" << token.status().field() << " " << token.status().message() << "\n";
    return kUsage;
  }
  Result<http::Url> url = http::ParseUrl(options.server);
  if (!url.ok()) {
    err << "kasse journal: --server: " << url.status().message() << "\n";
    return kUsage;
  }
  http::HttpClient client(url->host, url->port, kRequestTimeout);
  Result<http::HttpResponse> response =
      client.Send(method, url->path_prefix + path, body.dump(),
                  {{"Authorization", "Bearer " + *token}, {"Content-Type", "application/json"}});
  if (!response.ok()) {
    err << "kasse journal: cannot reach " << options.server << ": " << response.status().message() << "\n";
    return kRefused;
  }
  Json answer = CheckJsonNesting(response->body).ok() ? Json::parse(response->body, nullptr, false) : Json();
  if (response->status != 200) {
    std::string message = answer.is_object() && answer.contains("error") && answer["error"].is_object()
                              ? answer["error"].value("message", "")
                              : "";
    err << "kasse journal: the server answered " << response->status << ": " << message << "\n";
    return kRefused;
  }
  out << (answer.is_discarded() ? response->body : answer.dump(2)) << "\n";
  return 0;
}

}  // namespace

int RunJournalRelease(const JournalOptions& options, std::ostream& out, std::ostream& err) {
  return Call(options, "POST", "/api/v1/registers/" + options.register_id + "/journal/release",
              Json{{"from_seq", options.from_seq}, {"reason", options.reason}}, out, err);
}

int RunJournalPinTse(const JournalOptions& options, std::ostream& out, std::ostream& err) {
  return Call(options, "PUT", "/api/v1/registers/" + options.register_id + "/signing-unit",
              Json{{"public_key", options.public_key}, {"reason", options.reason}}, out, err);
}

}  // namespace kasse::cli
