// CheckJsonNesting: bounds how deeply JSON from outside nests, before it is parsed.
//
// nlohmann's parser and its dump() recurse once per level, so 60,000 nested
// arrays overflow the stack (a crash from one request). Every JSON text that
// arrives from outside the process — a request body, a register's journal entry,
// a server's answer — passes this check first; it scans the bytes once, keeps no
// state but a counter, and skips the contents of strings (escapes included).
// It does not validate JSON otherwise: the parser that follows does.
//
// Thread-safety: pure function.
#pragma once

#include <string_view>

#include "base/status.h"

namespace kasse {

// Deep enough for every document Kasse exchanges (a journal entry nests about 6
// levels), far too shallow to exhaust a stack.
inline constexpr int kMaxJsonNesting = 32;

// InvalidArgument (field "", "nests deeper than N levels") when an array or object
// opens more than `max_depth` levels deep; Ok otherwise, also for text that is not
// JSON at all (the parser reports that).
Status CheckJsonNesting(std::string_view text, int max_depth = kMaxJsonNesting);

}  // namespace kasse
