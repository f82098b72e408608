// Conversion between Beast messages and http::HttpRequest / HttpResponse.
// Internal to the http module (server.cpp and client.cpp).
#pragma once

#include <boost/beast/http.hpp>

#include "base/result.h"
#include "http/message.h"

namespace kasse::http::detail {

// Beast 1.74 has its own string_view; copies one into a std::string.
inline std::string ToStdString(boost::beast::string_view text) { return {text.data(), text.size()}; }

// A request's head as an HttpRequest without its body: the target split into the
// canonical, decoded path (CanonicalPath) and the decoded query. InvalidArgument for
// a target that is not an origin-form canonical path, a malformed escape, or a
// Transfer-Encoding other than one "chunked" (another coding, a list such as
// "chunked, identity", or one beside Content-Length: their framing would be guessed).
Result<HttpRequest> FromBeastHead(const boost::beast::http::request_header<>& raw);

boost::beast::http::response<boost::beast::http::string_body> ToBeast(const HttpResponse& response, unsigned version,
                                                                      bool keep_alive);

}  // namespace kasse::http::detail
