#include "printing/detail/utf8_text.h"

#include <algorithm>

namespace kasse::printing::detail {
namespace {

constexpr std::string_view kEllipsis = "…";

bool IsBanned(char32_t c) {
  return c < 0x20 || (c >= 0x7F && c < 0xA0) || (c >= 0x200B && c <= 0x200F) || (c >= 0x2028 && c <= 0x202E) ||
         (c >= 0x2060 && c <= 0x2069) || c == 0xFEFF;
}

size_t SequenceLength(unsigned char lead) {
  if (lead < 0x80) return 1;
  if ((lead >> 5) == 0x6) return 2;
  if ((lead >> 4) == 0xE) return 3;
  if ((lead >> 3) == 0x1E) return 4;
  return 0;
}

// Byte offset of the code point after the first `columns` ones.
size_t OffsetOfColumn(std::string_view text, size_t columns) {
  size_t pos = 0;
  for (size_t column = 0; column < columns && pos < text.size(); ++column) pos += DecodeUtf8(text, pos).length;
  return pos;
}

// Splits one over-long word into pieces of `width` columns.
void BreakWord(std::string_view word, size_t width, std::vector<std::string>& lines) {
  while (!word.empty()) {
    size_t cut = OffsetOfColumn(word, width);
    lines.emplace_back(word.substr(0, cut));
    word.remove_prefix(cut);
  }
}

std::vector<std::string_view> SplitWords(std::string_view text) {
  std::vector<std::string_view> words;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t start = text.find_first_not_of(' ', pos);
    if (start == std::string_view::npos) break;
    size_t end = std::min(text.find(' ', start), text.size());
    words.push_back(text.substr(start, end - start));
    pos = end;
  }
  return words;
}

}  // namespace

DecodedChar DecodeUtf8(std::string_view text, size_t pos) {
  auto byte = [&](size_t k) { return static_cast<unsigned char>(text[k]); };
  size_t length = SequenceLength(byte(pos));
  if (length == 0 || pos + length > text.size()) return {};
  char32_t code_point = length == 1 ? byte(pos) : byte(pos) & (0x7Fu >> length);
  for (size_t k = 1; k < length; ++k) {
    if ((byte(pos + k) & 0xC0) != 0x80) return {};
    code_point = (code_point << 6) | (byte(pos + k) & 0x3Fu);
  }
  static constexpr char32_t kMinForLength[] = {0, 0, 0x80, 0x800, 0x10000};
  if (code_point < kMinForLength[length] || code_point > 0x10FFFF) return {};
  if (code_point >= 0xD800 && code_point <= 0xDFFF) return {};
  return {code_point, length, true};
}

void AppendUtf8(std::string& out, char32_t c) {
  auto put = [&](char32_t bits) { out.push_back(static_cast<char>(static_cast<unsigned char>(bits))); };
  if (c < 0x80) {
    put(c);
  } else if (c < 0x800) {
    put(0xC0 | (c >> 6));
    put(0x80 | (c & 0x3F));
  } else if (c < 0x10000) {
    put(0xE0 | (c >> 12));
    put(0x80 | ((c >> 6) & 0x3F));
    put(0x80 | (c & 0x3F));
  } else {
    put(0xF0 | (c >> 18));
    put(0x80 | ((c >> 12) & 0x3F));
    put(0x80 | ((c >> 6) & 0x3F));
    put(0x80 | (c & 0x3F));
  }
}

std::string SanitizeText(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t pos = 0; pos < text.size();) {
    DecodedChar decoded = DecodeUtf8(text, pos);
    if (decoded.valid && !IsBanned(decoded.code_point)) {
      out.append(text.substr(pos, decoded.length));
    } else {
      out.push_back('?');
    }
    pos += decoded.length;
  }
  return out;
}

size_t DisplayWidth(std::string_view text) {
  size_t columns = 0;
  for (size_t pos = 0; pos < text.size(); pos += DecodeUtf8(text, pos).length) ++columns;
  return columns;
}

std::string TakeColumns(std::string_view text, size_t columns) {
  return std::string(text.substr(0, OffsetOfColumn(text, columns)));
}

std::vector<std::string> WrapText(std::string_view text, size_t width) {
  std::vector<std::string> lines;
  std::string current;
  for (std::string_view word : SplitWords(text)) {
    size_t word_width = DisplayWidth(word);
    if (!current.empty() && DisplayWidth(current) + 1 + word_width <= width) {
      current.append(" ").append(word);
      continue;
    }
    if (!current.empty()) lines.push_back(std::move(current));
    current.clear();
    if (word_width <= width) {
      current = std::string(word);
    } else {
      BreakWord(word, width, lines);
      current = std::move(lines.back());
      lines.pop_back();
    }
  }
  if (!current.empty()) lines.push_back(std::move(current));
  return lines;
}

std::vector<std::string> WrapText(std::string_view text, size_t width, size_t max_lines) {
  std::vector<std::string> lines = WrapText(text, width);
  if (lines.size() <= max_lines) return lines;
  lines.resize(max_lines);
  if (lines.empty()) return lines;
  std::string& last = lines.back();
  last = TakeColumns(last, width - 1).append(kEllipsis);
  return lines;
}

std::string AlignRight(std::string_view text, size_t width) {
  size_t text_width = DisplayWidth(text);
  if (text_width >= width) return std::string(text);
  return std::string(width - text_width, ' ').append(text);
}

}  // namespace kasse::printing::detail
