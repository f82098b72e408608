#include "http/detail/beast_conversion.h"

#include <algorithm>
#include <cctype>

namespace kasse::http::detail {
namespace {

namespace bhttp = boost::beast::http;

std::string Lower(std::string_view text) {
  std::string lower(text);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return lower;
}

Status ParseQuery(std::string_view query, std::map<std::string, std::string>& out) {
  while (!query.empty()) {
    size_t amp = query.find('&');
    std::string_view pair = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
    if (pair.empty()) continue;
    size_t eq = pair.find('=');
    std::string raw_key(pair.substr(0, eq));
    std::string raw_value(eq == std::string_view::npos ? std::string_view() : pair.substr(eq + 1));
    std::replace(raw_value.begin(), raw_value.end(), '+', ' ');
    std::optional<std::string> key = PercentDecode(raw_key);
    std::optional<std::string> value = PercentDecode(raw_value);
    if (!key || !value) return Status::InvalidArgument("query", "malformed percent escape in the query");
    out[*key] = *value;
  }
  return Status::Ok();
}

Status CheckTransferCoding(const bhttp::request_header<>& raw) {
  size_t codings = raw.count(bhttp::field::transfer_encoding);
  if (codings == 0) return Status::Ok();
  std::string coding = Lower(ToStdString(raw[bhttp::field::transfer_encoding]));
  coding.erase(0, coding.find_first_not_of(" \t"));
  coding.erase(coding.find_last_not_of(" \t") + 1);
  if (codings > 1 || coding != "chunked") {
    return Status::InvalidArgument("transfer-encoding", "only a single 'chunked' transfer coding is accepted");
  }
  if (raw.count(bhttp::field::content_length) > 0) {
    return Status::InvalidArgument("transfer-encoding", "send Content-Length or Transfer-Encoding, not both");
  }
  return Status::Ok();
}

}  // namespace

Result<HttpRequest> FromBeastHead(const bhttp::request_header<>& raw) {
  KASSE_RETURN_IF_ERROR(CheckTransferCoding(raw));
  HttpRequest request;
  request.method = ToStdString(raw.method_string());
  request.target = ToStdString(raw.target());
  if (request.target.empty() || request.target.front() != '/') {
    return Status::InvalidArgument("target", "request target must be a path starting with '/'");
  }
  size_t question = request.target.find('?');
  const std::string_view target = request.target;
  Result<std::string> path = CanonicalPath(target.substr(0, question));
  if (!path.ok()) return path.status();
  request.path = std::move(path).value();
  if (question != std::string::npos) {
    KASSE_RETURN_IF_ERROR(ParseQuery(target.substr(question + 1), request.query));
  }
  for (const auto& field : raw) request.headers[Lower(ToStdString(field.name_string()))] = ToStdString(field.value());
  return request;
}

bhttp::response<bhttp::string_body> ToBeast(const HttpResponse& response, unsigned version, bool keep_alive) {
  bhttp::response<bhttp::string_body> out{static_cast<bhttp::status>(response.status), version};
  out.set(bhttp::field::server, "kasse");
  out.set(bhttp::field::content_type, response.content_type);
  out.set(bhttp::field::cache_control, "no-store");
  for (const auto& [name, value] : response.headers) out.set(name, value);
  out.keep_alive(keep_alive);
  out.body() = response.body;
  out.prepare_payload();
  return out;
}

}  // namespace kasse::http::detail
