#include "register/receipt_directory.h"

#include <nlohmann/json.hpp>

#include "base/json_nesting.h"
#include "journal/entry_json.h"

namespace kasse::reg {
namespace {

using Json = nlohmann::json;

Result<journal::JournalEntry> DecodeMember(const Json& json, const std::string& what) {
  Result<journal::JournalEntry> entry = journal::DecodeEntry(json.dump());
  if (!entry.ok()) return Status::Unavailable("the server sent a malformed " + what + ": " + entry.status().ToString());
  return entry;
}

}  // namespace

std::string ReceiptPath(const RegisterId& register_id, int64_t receipt_number) {
  return "/api/v1/registers/" + register_id.value() + "/receipts/" + std::to_string(receipt_number);
}

Result<std::unique_ptr<ServerReceiptDirectory>> ServerReceiptDirectory::Create(const std::string& server_url,
                                                                               std::string token,
                                                                               std::chrono::milliseconds timeout) {
  Result<http::Url> url = http::ParseUrl(server_url);
  if (!url.ok()) return url.status().WithFieldPrefix("server");
  return std::unique_ptr<ServerReceiptDirectory>(new ServerReceiptDirectory(*url, std::move(token), timeout));
}

ServerReceiptDirectory::ServerReceiptDirectory(http::Url url, std::string token, std::chrono::milliseconds timeout)
    : url_(std::move(url)), token_(std::move(token)), client_(url_.host, url_.port, timeout) {}

Result<OriginalSale> ServerReceiptDirectory::Find(const RegisterId& register_id, int64_t receipt_number) {
  std::vector<std::pair<std::string, std::string>> headers;
  if (!token_.empty()) headers.emplace_back("Authorization", "Bearer " + token_);
  Result<http::HttpResponse> response =
      client_.Send("GET", url_.path_prefix + ReceiptPath(register_id, receipt_number), "", headers);
  // A 5xx is a server (or the load balancer in front of it) that cannot answer now:
  // for the cashier the same as no server at all.
  if (!response.ok() || response->status >= 500) {
    std::string reason =
        response.ok() ? "it answered " + std::to_string(response->status) : response.status().message();
    return Status::Unavailable("the original was sold at register " + register_id.value() +
                               " and the server cannot be reached (" + reason +
                               "); return it without receipt or try again");
  }
  if (response->status == 404) {
    return Status::NotFound("receipt_number",
                            "register " + register_id.value() + " has no receipt " + std::to_string(receipt_number));
  }
  if (response->status != 200) {
    return Status::Unavailable("the server answered " + std::to_string(response->status) + " for the original receipt");
  }
  if (Status deep = CheckJsonNesting(response->body); !deep.ok()) {
    return Status::Unavailable("the server's answer for the original receipt " + deep.message());
  }
  Json json = Json::parse(response->body, nullptr, /*allow_exceptions=*/false);
  if (json.is_discarded() || !json.is_object() || !json.contains("entry") || !json.contains("returns") ||
      !json["returns"].is_array()) {
    return Status::Unavailable("the server's answer for the original receipt is malformed");
  }
  Result<journal::JournalEntry> sale = DecodeMember(json["entry"], "original receipt");
  if (!sale.ok()) return sale.status();
  OriginalSale original{*sale, {}};
  for (const Json& item : json["returns"]) {
    Result<journal::JournalEntry> earlier = DecodeMember(item, "return");
    if (!earlier.ok()) return earlier.status();
    original.returns.push_back(*earlier);
  }
  if (original.sale.register_id != register_id) {
    return Status::Unavailable("the server sent a receipt of another register");
  }
  return original;
}

}  // namespace kasse::reg
