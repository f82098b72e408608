// Checks for text that arrives from outside (article texts, IDs, names).
//
// Text is stored, printed on receipts and written into CSV exports, so hostile
// input (broken UTF-8, control characters, megabyte-long names) is rejected at
// the door rather than escaped everywhere later.
//
// Thread-safety: pure function.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "base/status.h"

namespace kasse {

// OK if `text` is non-empty, at most max_bytes long, valid UTF-8 (no overlong
// forms, no surrogates) and free of control characters. The error's field is empty.
Status ValidateText(std::string_view text, size_t max_bytes);

// The input, quoted for an error message: at most the first 40 bytes, cut at a
// character boundary and before any control character or invalid byte, with
// "…" where it was cut. Safe to put into JSON and onto a cashier's screen.
std::string QuoteForMessage(std::string_view input);

}  // namespace kasse
