#include "crypto/base64.h"

#include <algorithm>
#include <array>

namespace kasse::crypto {
namespace {

constexpr std::string_view kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
constexpr int kNotInAlphabet = -1;

constexpr std::array<int, 256> MakeDecodeTable() {
  std::array<int, 256> table{};
  table.fill(kNotInAlphabet);
  for (size_t i = 0; i < kAlphabet.size(); ++i) table[static_cast<uint8_t>(kAlphabet[i])] = static_cast<int>(i);
  return table;
}

constexpr std::array<int, 256> kDecodeTable = MakeDecodeTable();

Status BadCharacter(size_t position) {
  return Status::InvalidArgument("", "unexpected character at position " + std::to_string(position));
}

}  // namespace

std::string Base64Encode(std::span<const uint8_t> bytes) {
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  for (size_t i = 0; i < bytes.size(); i += 3) {
    size_t chunk = std::min<size_t>(3, bytes.size() - i);
    uint32_t group = uint32_t{bytes[i]} << 16;
    if (chunk > 1) group |= uint32_t{bytes[i + 1]} << 8;
    if (chunk > 2) group |= uint32_t{bytes[i + 2]};
    for (size_t k = 0; k < 4; ++k) {
      out += k <= chunk ? kAlphabet[(group >> (18 - 6 * k)) & 0x3f] : '=';
    }
  }
  return out;
}

Result<Bytes> Base64Decode(std::string_view text) {
  if (text.size() % 4 != 0) {
    return Status::InvalidArgument("", "length " + std::to_string(text.size()) + " is not a multiple of 4");
  }
  size_t padding = 0;
  if (!text.empty() && text.back() == '=') padding = text[text.size() - 2] == '=' ? 2 : 1;
  Bytes out;
  out.reserve(text.size() / 4 * 3);
  uint32_t group = 0;
  for (size_t i = 0; i < text.size() - padding; ++i) {
    int value = kDecodeTable[static_cast<uint8_t>(text[i])];
    if (value == kNotInAlphabet) return BadCharacter(i);
    group = (group << 6) | static_cast<uint32_t>(value);
    if (i % 4 == 3) {
      out.push_back(static_cast<uint8_t>(group >> 16));
      out.push_back(static_cast<uint8_t>(group >> 8));
      out.push_back(static_cast<uint8_t>(group));
      group = 0;
    }
  }
  // The last group holds 2 (one '=') or 1 (two '=') bytes in 18 or 12 bits.
  if (padding == 1) {
    if ((group & 0x3) != 0) return Status::InvalidArgument("", "non-zero bits before the padding");
    out.push_back(static_cast<uint8_t>(group >> 10));
    out.push_back(static_cast<uint8_t>(group >> 2));
  } else if (padding == 2) {
    if ((group & 0xf) != 0) return Status::InvalidArgument("", "non-zero bits before the padding");
    out.push_back(static_cast<uint8_t>(group >> 4));
  }
  return out;
}

}  // namespace kasse::crypto
