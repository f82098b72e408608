// UTF-8 helpers for fixed-width printouts: sanitising untrusted text, counting
// columns and wrapping.
//
// A printer column is one Unicode code point (the receipt printers print
// German text, where every letter including the umlauts takes one column).
// Text that goes onto a receipt comes from the catalog, the cashier or a
// decoded journal and may be hostile, so it is sanitised first: every invalid
// UTF-8 byte, control character (C0, DEL, C1) and invisible format or bidi
// control (U+200B–U+200F, U+2028–U+202E, U+2060–U+2069, U+FEFF) becomes '?'.
// The other helpers expect sanitised text.
//
// Thread-safety: pure functions.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace kasse::printing::detail {

struct DecodedChar {
  char32_t code_point = 0;
  size_t length = 1;   // bytes consumed, at least 1
  bool valid = false;  // false for an invalid or overlong sequence or a surrogate
};

// Decodes the sequence starting at text[pos] (pos < text.size()).
DecodedChar DecodeUtf8(std::string_view text, size_t pos);

void AppendUtf8(std::string& out, char32_t code_point);

std::string SanitizeText(std::string_view text);

// Columns = code points.
size_t DisplayWidth(std::string_view text);

// The first `columns` code points of `text`.
std::string TakeColumns(std::string_view text, size_t columns);

// Word-wraps at spaces to lines of at most `width` columns (width > 0); a word
// longer than a line is broken. Runs of spaces collapse at line breaks. Empty
// text gives no lines.
std::vector<std::string> WrapText(std::string_view text, size_t width);

// As WrapText, keeping at most `max_lines` lines; if text was cut, the last line
// ends with "…".
std::vector<std::string> WrapText(std::string_view text, size_t width, size_t max_lines);

// `text` right-aligned in `width` columns (unchanged if it is wider).
std::string AlignRight(std::string_view text, size_t width);

}  // namespace kasse::printing::detail
