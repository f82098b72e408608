#include "catalog/detail/fold.h"

namespace kasse::catalog::detail {
namespace {

constexpr unsigned char kLatin1Lead = 0xC3;          // UTF-8 lead byte of U+00C0–U+00FF
constexpr unsigned char kUpperFirst = 0x80;          // À, U+00C0
constexpr unsigned char kUpperLast = 0x9E;           // Þ, U+00DE
constexpr unsigned char kMultiplicationSign = 0x97;  // ×, U+00D7, has no lower case
constexpr unsigned char kToLower = 0x20;             // both in ASCII and in the Latin-1 block

}  // namespace

std::string FoldForSearch(std::string_view text) {
  std::string folded(text);
  for (size_t i = 0; i < folded.size(); ++i) {
    auto byte = static_cast<unsigned char>(folded[i]);
    if (byte >= 'A' && byte <= 'Z') {
      folded[i] = static_cast<char>(byte + kToLower);
    } else if (byte == kLatin1Lead && i + 1 < folded.size()) {
      auto next = static_cast<unsigned char>(folded[i + 1]);
      if (next >= kUpperFirst && next <= kUpperLast && next != kMultiplicationSign) {
        folded[++i] = static_cast<char>(next + kToLower);
      }
    }
  }
  return folded;
}

}  // namespace kasse::catalog::detail
