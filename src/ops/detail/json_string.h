// AppendJsonString: a byte string as a JSON string literal, for the JSON log.
//
// Quote and backslash are escaped; \b \f \n \r \t get their short escapes, every
// other control character (U+0000..U+001F and DEL) is written as \u00XX. Valid
// UTF-8 passes through unchanged. Each byte that is not part of a valid UTF-8
// sequence (stray continuation bytes, overlong forms, surrogates, code points past
// U+10FFFF, truncated sequences) becomes U+FFFD, so the output is always valid
// UTF-8 and valid JSON.
//
// Thread-safety: a pure function.
#pragma once

#include <string>
#include <string_view>

namespace kasse::ops::detail {

void AppendJsonString(std::string& out, std::string_view text);

}  // namespace kasse::ops::detail
