#include "domain/text.h"

#include <string>

namespace kasse {
namespace {

// Length of the UTF-8 sequence starting at text[i], or 0 if it is invalid.
size_t Utf8SequenceLength(std::string_view text, size_t i) {
  auto byte = [&](size_t k) { return static_cast<unsigned char>(text[k]); };
  unsigned char lead = byte(i);
  size_t length = lead < 0x80 ? 1 : (lead >> 5) == 0x6 ? 2 : (lead >> 4) == 0xE ? 3 : (lead >> 3) == 0x1E ? 4 : 0;
  if (length == 0 || i + length > text.size()) return 0;
  uint32_t code_point = length == 1 ? lead : lead & (0x7Fu >> length);
  for (size_t k = 1; k < length; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) return 0;
    code_point = (code_point << 6) | (byte(i + k) & 0x3Fu);
  }
  static constexpr uint32_t kMinForLength[] = {0, 0, 0x80, 0x800, 0x10000};
  if (code_point < kMinForLength[length] || code_point > 0x10FFFF) return 0;
  if (code_point >= 0xD800 && code_point <= 0xDFFF) return 0;
  if (code_point < 0x20 || code_point == 0x7F || (code_point >= 0x80 && code_point < 0xA0)) return 0;
  return length;
}

constexpr size_t kMaxQuotedBytes = 40;

}  // namespace

std::string QuoteForMessage(std::string_view input) {
  std::string_view shown = input.substr(0, kMaxQuotedBytes);
  while (!shown.empty() && !ValidateText(shown, kMaxQuotedBytes).ok()) shown.remove_suffix(1);
  return "'" + std::string(shown) + (shown.size() < input.size() ? "…'" : "'");
}

Status ValidateText(std::string_view text, size_t max_bytes) {
  if (text.empty()) return Status::InvalidArgument("", "must not be empty");
  if (text.size() > max_bytes) {
    return Status::InvalidArgument("", "is longer than " + std::to_string(max_bytes) + " bytes");
  }
  for (size_t i = 0; i < text.size();) {
    size_t length = Utf8SequenceLength(text, i);
    if (length == 0) {
      return Status::InvalidArgument("", "contains a control character or invalid UTF-8 at byte " + std::to_string(i));
    }
    i += length;
  }
  return Status::Ok();
}

}  // namespace kasse
