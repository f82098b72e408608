// Conversion between Beast messages and http::HttpRequest / HttpResponse.
// Internal to the http module (server.cpp and client.cpp).
#pragma once

#include <boost/beast/http.hpp>

#include "base/result.h"
#include "http/message.h"

namespace kasse::http::detail {

// Splits the target into path and query (both percent-decoded); InvalidArgument for
// a target that is not an origin-form path or has a malformed escape.
// Beast 1.74 has its own string_view; copies one into a std::string.
inline std::string ToStdString(boost::beast::string_view text) { return {text.data(), text.size()}; }

Result<HttpRequest> FromBeast(const boost::beast::http::request<boost::beast::http::string_body>& raw);

boost::beast::http::response<boost::beast::http::string_body> ToBeast(const HttpResponse& response, unsigned version,
                                                                      bool keep_alive);

}  // namespace kasse::http::detail
