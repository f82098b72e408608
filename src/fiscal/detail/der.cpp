#include "fiscal/detail/der.h"

#include <charconv>
#include <stdexcept>
#include <string>
#include <vector>

namespace kasse::fiscal::detail {
namespace {

void AppendLength(crypto::Bytes& out, size_t length) {
  if (length < 0x80) {
    out.push_back(static_cast<uint8_t>(length));
    return;
  }
  crypto::Bytes digits;
  for (; length > 0; length >>= 8) digits.insert(digits.begin(), static_cast<uint8_t>(length & 0xff));
  out.push_back(static_cast<uint8_t>(0x80 | digits.size()));
  out.insert(out.end(), digits.begin(), digits.end());
}

// Base 128, most significant group first, bit 8 set on all but the last byte.
void AppendArc(crypto::Bytes& out, uint64_t arc) {
  crypto::Bytes groups{static_cast<uint8_t>(arc & 0x7f)};
  for (arc >>= 7; arc > 0; arc >>= 7) groups.insert(groups.begin(), static_cast<uint8_t>(0x80 | (arc & 0x7f)));
  out.insert(out.end(), groups.begin(), groups.end());
}

std::vector<uint64_t> Arcs(std::string_view dotted) {
  std::vector<uint64_t> arcs;
  while (true) {
    size_t dot = dotted.find('.');
    std::string_view part = dotted.substr(0, dot);
    uint64_t arc = 0;
    auto [end, error] = std::from_chars(part.data(), part.data() + part.size(), arc);
    if (part.empty() || error != std::errc() || end != part.data() + part.size()) {
      throw std::invalid_argument("malformed OID: " + std::string(dotted));
    }
    arcs.push_back(arc);
    if (dot == std::string_view::npos) return arcs;
    dotted.remove_prefix(dot + 1);
  }
}

}  // namespace

void AppendTlv(crypto::Bytes& out, uint8_t tag, std::span<const uint8_t> content) {
  out.push_back(tag);
  AppendLength(out, content.size());
  out.insert(out.end(), content.begin(), content.end());
}

void AppendTlv(crypto::Bytes& out, uint8_t tag, std::string_view content) {
  out.push_back(tag);
  AppendLength(out, content.size());
  out.insert(out.end(), content.begin(), content.end());
}

crypto::Bytes IntegerContent(uint64_t value) {
  crypto::Bytes out;
  for (; value > 0; value >>= 8) out.insert(out.begin(), static_cast<uint8_t>(value & 0xff));
  if (out.empty() || (out.front() & 0x80) != 0) out.insert(out.begin(), 0x00);
  return out;
}

crypto::Bytes OidContent(std::string_view dotted) {
  std::vector<uint64_t> arcs = Arcs(dotted);
  if (arcs.size() < 2 || arcs[0] > 2 || (arcs[0] < 2 && arcs[1] > 39)) {
    throw std::invalid_argument("malformed OID: " + std::string(dotted));
  }
  crypto::Bytes out;
  AppendArc(out, arcs[0] * 40 + arcs[1]);
  for (size_t i = 2; i < arcs.size(); ++i) AppendArc(out, arcs[i]);
  return out;
}

}  // namespace kasse::fiscal::detail
