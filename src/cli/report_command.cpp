// `kasse report`: live totals per store and register, and each register's sync
// state, read from the server's report API (src/server/report_api.h).
#include <chrono>
#include <ctime>
#include <ostream>
#include <thread>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "base/json_nesting.h"
#include "cli/commands.h"
#include "cli/secret.h"
#include "http/client.h"

namespace kasse::cli {
namespace {

using Json = nlohmann::json;

constexpr std::chrono::seconds kRequestTimeout{10};

std::string Euro(int64_t cents) {
  std::string sign = cents < 0 ? "-" : "";
  int64_t magnitude = cents < 0 ? -cents : cents;
  return fmt::format("{}{}.{:02}", sign, magnitude / 100, magnitude % 100);
}

std::string Age(int64_t then_ms, int64_t now_ms) {
  if (then_ms <= 0) return "never";
  int64_t seconds = std::max<int64_t>(0, (now_ms - then_ms) / 1000);
  if (seconds < 120) return fmt::format("{} s ago", seconds);
  if (seconds < 7200) return fmt::format("{} min ago", seconds / 60);
  return fmt::format("{} h ago", seconds / 3600);
}

Result<Json> Get(const ReportOptions& options, const std::string& path) {
  Result<http::Url> url = http::ParseUrl(options.server);
  if (!url.ok()) return url.status().WithFieldPrefix("server");
  http::HttpClient client(url->host, url->port, kRequestTimeout);
  Result<http::HttpResponse> response =
      client.Send("GET", url->path_prefix + path, "", {{"Authorization", "Bearer " + options.token}});
  if (!response.ok()) return Status::Unavailable("cannot reach " + options.server + ": " + response.status().message());
  // The answer is outside input too: bounded before it is parsed.
  Json body = CheckJsonNesting(response->body).ok() ? Json::parse(response->body, nullptr, false)
                                                    : Json(Json::value_t::discarded);
  if (response->status != 200) {
    std::string message = body.is_object() && body.contains("error") && body["error"].is_object()
                              ? body["error"].value("message", "")
                              : "";
    return Status::Unavailable(fmt::format("{} answered {} {}", path, response->status, message));
  }
  if (body.is_discarded()) return Status::Internal(path + " answered with malformed JSON");
  return body;
}

void PrintSales(const Json& sales, std::ostream& out) {
  out << fmt::format("Sales on {} (business day)\n", sales.value("day", "-"));
  out << fmt::format("{:<12} {:<14} {:>8} {:>7} {:>6} {:>12} {:>12} {:>12}\n", "store", "register", "receipts",
                     "returns", "aborts", "gross", "cash", "card");
  auto line = [&](const std::string& store, const std::string& reg, const Json& row) {
    out << fmt::format("{:<12} {:<14} {:>8} {:>7} {:>6} {:>12} {:>12} {:>12}\n", store, reg,
                       row["receipts"].get<int64_t>(), row["returns"].get<int64_t>(), row["aborts"].get<int64_t>(),
                       Euro(row["gross_cents"]), Euro(row["cash_cents"]), Euro(row["card_cents"]));
  };
  for (const Json& store : sales["stores"]) {
    for (const Json& reg : sales["registers"]) {
      if (reg["store_id"] == store["store_id"]) line(reg["store_id"], reg["register_id"], reg);
    }
    line(store["store_id"], "all registers", store);
  }
  line("chain", "", sales["total"]);
}

void PrintSync(const Json& sync, std::ostream& out, int64_t now_ms) {
  out << fmt::format("\nSync state\n{:<14} {:<12} {:>9} {:>9} {:>8} {:>12} {:<14}\n", "register", "store", "acked",
                     "head", "backlog", "quarantined", "last upload");
  for (const Json& reg : sync["registers"]) {
    out << fmt::format("{:<14} {:<12} {:>9} {:>9} {:>8} {:>12} {:<14}\n", reg["register_id"].get<std::string>(),
                       reg["store_id"].get<std::string>(), reg["acked_seq"].get<int64_t>(),
                       reg["head_seq"].get<int64_t>(), reg["backlog"].get<int64_t>(), reg["quarantined"].get<int64_t>(),
                       Age(reg["last_received_ms"], now_ms));
  }
  for (const Json& q : sync["quarantined"]) {
    out << fmt::format("  quarantined {} seq {}: {}\n", q["register_id"].get<std::string>(), q["seq"].get<int64_t>(),
                       q["reason"].get<std::string>());
  }
  for (const Json& reg : sync["registers"]) {
    if (reg.value("state", "OK") != "CONFLICT" || !reg["conflict"].is_object()) continue;
    out << fmt::format("  CONFLICT {} at seq {}: {} (docs/sync-protocol.md: kasse journal release)\n",
                       reg["register_id"].get<std::string>(), reg["conflict"].value("seq", int64_t{0}),
                       reg["conflict"].value("reason", ""));
  }
}

Status ReportOnce(const ReportOptions& options, std::ostream& out) {
  std::string query = options.day.empty() ? "" : "?day=" + options.day;
  Result<Json> sales = Get(options, "/api/v1/reports/sales" + query);
  if (!sales.ok()) return sales.status();
  Result<Json> sync = Get(options, "/api/v1/sync/registers");
  if (!sync.ok()) return sync.status();
  auto now = std::chrono::system_clock::now();
  PrintSales(*sales, out);
  PrintSync(*sync, out, std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count());
  return Status::Ok();
}

}  // namespace

int RunReport(ReportOptions options, std::ostream& out, std::ostream& err) {
  Result<std::string> token = ResolveSecret({"token", options.token, "token-file", options.token_file, kAdminTokenEnv});
  if (!token.ok()) {
    err << "kasse report: --" << token.status().field() << " " << token.status().message() << "\n";
    return 2;
  }
  options.token = *token;
  for (int round = 0;; ++round) {
    Status reported = ReportOnce(options, out);
    if (!reported.ok()) {
      err << "kasse report: " << reported.message() << "\n";
      return 1;
    }
    if (options.watch_seconds <= 0) return 0;
    out << std::flush;
    std::this_thread::sleep_for(std::chrono::seconds(options.watch_seconds));
    out << "\n";
  }
}

}  // namespace kasse::cli
