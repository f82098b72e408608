// StatusOfAnswer: a server's error answer as a Status, so the load generator names
// what the server said (a 403 is PERMISSION_DENIED, not UNAVAILABLE) and its exit
// code can tell an unreachable server from one that refused something.
//
// 400 and 413 InvalidArgument, 401 Unauthenticated, 403 PermissionDenied, 404
// NotFound, 409 Conflict, 503 Unavailable, any other status Internal. The message
// is "<what>: server answered <status>: <the error's message>", the body cut to a
// few hundred bytes; a body nested too deeply is quoted, not parsed.
// Internal to the loadgen module.
//
// Thread-safety: pure function.
#pragma once

#include <string>

#include "base/status.h"
#include "http/message.h"

namespace kasse::loadgen::detail {

inline constexpr size_t kQuotedBodyBytes = 300;

Status StatusOfAnswer(const http::HttpResponse& response, const std::string& what);

}  // namespace kasse::loadgen::detail
