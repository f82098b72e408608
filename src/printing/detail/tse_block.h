// The TSE block at the foot of a receipt or cash movement slip: the §6
// KassenSichV fields readable without a machine, and the QR code (REFERENCE.md
// §1, §3); or, when the signing unit failed, the marker "TSE ausgefallen" with its
// reason and no QR code (AEAO zu §146a Nr. 7.2, TV-14).
//
// Labels (tests look for them): TSE-Transaktionsnummer, TSE-Signaturzähler,
// TSE-Start (UTC), TSE-Ende (UTC), Seriennummer Kasse, Seriennummer TSE,
// Signatur, Signaturalgorithmus, Zeitformat, Prozesstyp.
//
// Thread-safety: pure function.
#pragma once

#include <string>

#include "journal/entry.h"
#include "printing/printout.h"

namespace kasse::printing::detail {

inline constexpr std::string_view kTseFailedMarker = "TSE ausgefallen";
inline constexpr std::string_view kNotCertifiedMarker = "TSE NICHT ZERTIFIZIERT – nur Test/Demo";

void AddTseBlock(Printout& out, const journal::TseRecord& tse);

// The failure reason without a leading "TSE ausgefallen: " (the register's wording).
std::string FailureReason(const journal::TseRecord& tse);

}  // namespace kasse::printing::detail
