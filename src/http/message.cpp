#include "http/message.h"

#include <algorithm>
#include <cctype>

#include <nlohmann/json.hpp>

namespace kasse::http {

std::string HttpRequest::Header(std::string_view name) const {
  std::string lower(name);
  std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
  auto it = headers.find(lower);
  return it == headers.end() ? std::string() : it->second;
}

HttpResponse HttpResponse::Json(int status, std::string body) {
  HttpResponse response;
  response.status = status;
  response.body = std::move(body);
  return response;
}

HttpResponse HttpResponse::Text(int status, std::string body, std::string content_type) {
  HttpResponse response;
  response.status = status;
  response.content_type = std::move(content_type);
  response.body = std::move(body);
  return response;
}

HttpResponse HttpResponse::Defer(DeferredResponse deferred) {
  HttpResponse response;
  response.deferred = std::make_shared<DeferredResponse>(std::move(deferred));
  return response;
}

int HttpStatusOf(Status::Code code) {
  switch (code) {
    case Status::Code::kOk: return 200;
    case Status::Code::kInvalidArgument:
    case Status::Code::kOutOfRange: return 400;
    case Status::Code::kNotFound: return 404;
    case Status::Code::kConflict: return 409;
    case Status::Code::kUnavailable: return 503;
    case Status::Code::kUnauthenticated: return 401;
    case Status::Code::kPermissionDenied: return 403;
    case Status::Code::kInternal: return 500;
  }
  return 500;
}

HttpResponse HttpResponse::Error(const Status& status) {
  nlohmann::json error = {{"code", CodeName(status.code())}, {"message", status.message()}, {"field", status.field()}};
  // dump() with replacement: a message quoting hostile input must still be valid JSON.
  return Json(HttpStatusOf(status.code()),
              nlohmann::json{{"error", error}}.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

std::optional<std::string> PercentDecode(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '%') {
      out.push_back(text[i]);
      continue;
    }
    auto hex = [](char c) -> int {
      if (c >= '0' && c <= '9') return c - '0';
      if (c >= 'a' && c <= 'f') return c - 'a' + 10;
      if (c >= 'A' && c <= 'F') return c - 'A' + 10;
      return -1;
    };
    if (i + 2 >= text.size()) return std::nullopt;
    int high = hex(text[i + 1]);
    int low = hex(text[i + 2]);
    if (high < 0 || low < 0) return std::nullopt;
    out.push_back(static_cast<char>(high * 16 + low));
    i += 2;
  }
  return out;
}

namespace {

bool Unreserved(unsigned char c) { return std::isalnum(c) != 0 || c == '-' || c == '.' || c == '_' || c == '~'; }

}  // namespace

Result<std::string> CanonicalPath(std::string_view raw_path) {
  auto refuse = [](const std::string& why) {
    return Status::InvalidArgument("path", "the path is not in canonical form: " + why);
  };
  if (raw_path.empty() || raw_path.front() != '/') return refuse("it must start with '/'");
  if (raw_path == "/") return std::string("/");
  if (raw_path.back() == '/') return refuse("it ends with '/'");
  size_t start = 1;
  while (start <= raw_path.size()) {
    size_t slash = std::min(raw_path.find('/', start), raw_path.size());
    std::string_view segment = raw_path.substr(start, slash - start);
    if (segment.empty()) return refuse("it has an empty segment ('//')");
    if (segment == "." || segment == "..") return refuse("it has a '.' or '..' segment");
    start = slash + 1;
  }
  std::optional<std::string> decoded = PercentDecode(raw_path);
  if (!decoded) return Status::InvalidArgument("path", "malformed percent escape in the path");
  for (size_t i = raw_path.find('%'); i != std::string_view::npos; i = raw_path.find('%', i + 1)) {
    auto c = static_cast<unsigned char>(std::stoi(std::string(raw_path.substr(i + 1, 2)), nullptr, 16));
    if (c == '/' || Unreserved(c)) return refuse("it percent-encodes '/' or an unreserved character");
  }
  return *decoded;
}

}  // namespace kasse::http
