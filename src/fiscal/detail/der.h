// The few DER (ITU-T X.690) encodings the TSE signed data needs: a tag-length-
// value element, the content bytes of a non-negative INTEGER and of an OBJECT
// IDENTIFIER.
//
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

#include "crypto/bytes.h"

namespace kasse::fiscal::detail {

// Appends tag, the definite length (short form below 128, else long form) and content.
void AppendTlv(crypto::Bytes& out, uint8_t tag, std::span<const uint8_t> content);
void AppendTlv(crypto::Bytes& out, uint8_t tag, std::string_view content);

// Minimal two's complement, big-endian: 0 -> 00, 127 -> 7f, 128 -> 00 80.
crypto::Bytes IntegerContent(uint64_t value);

// "0.4.0.127.0.7.3.7.1.1" -> 04 00 7f 00 07 03 07 01 01. `dotted` must be a
// well-formed OID with at least two arcs (the callers pass constants); anything
// else is a bug and throws std::invalid_argument.
crypto::Bytes OidContent(std::string_view dotted);

}  // namespace kasse::fiscal::detail
