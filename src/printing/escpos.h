// EncodeEscPos: a Printout as the byte stream an ESC/POS receipt printer (Epson
// TM series and compatibles, 80 mm, font A, 42 columns) prints.
//
//   ESC @                  initialise
//   ESC t 19               character code table PC858 (Latin-1 with €); text is
//                          transcoded from UTF-8, unmappable characters become '?'
//   per line               the text and LF; kBold wrapped in ESC E 1 … ESC E 0,
//                          kTotal also in GS ! 0x01 … GS ! 0x00 (double height)
//   per QR code            ESC a 1 (centre), GS ( k functions 165 (model 2), 167
//                          (module size), 169 (error correction), 180 (store the
//                          data), 181 (print), ESC a 0, LF
//   GS V 66 0              feed to the cutter and cut partially
//
// Byte layouts, as the printer manuals give them (checked in several):
//   Epson ESC/POS Command Reference, GS ( k <Function 180>,
//     download4.epson.biz/sec_pubs/pos/reference_en/escpos/gs_lparen_lk_fn180.html:
//     1D 28 6B pL pH 31 50 30 d1…dk with pL + pH × 256 = k + 3;
//   HPRT TP80K programming manual p. 44 (Functions 169 and 180: 1D 28 6B 03 00 31
//     45 n, 48 ≤ n ≤ 51 = L/M/Q/H; 4 ≤ pL + pH × 256 ≤ 7092);
//   Citizen CT-S2000 / CT-S280 manuals (Function 165: 1D 28 6B 04 00 31 41 n1 00,
//     n1 = 50 model 2; Function 167: 1D 28 6B 03 00 31 43 n, 1 ≤ n ≤ 16);
//   Function 181 (print): 1D 28 6B 03 00 31 51 30;
//   Epson TM-T88 manual p. 5-18 (GS V 66 n: feed to the cutting position + n,
//     partial cut); ESC t 19 = PC858 as in the Epson code-table list (and the
//     PC858 = 19 constants of common ESC/POS drivers).
//
// Thread-safety: pure function.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

#include "printing/printout.h"

namespace kasse::printing {

inline constexpr uint8_t kEscPosCodePagePc858 = 19;
inline constexpr uint8_t kQrModuleDots = 3;  // ~0.4 mm: a ~400-byte receipt code stays under 40 mm wide
// Error correction M (49) while the code fits; L (48) holds up to fiscal::kMaxReceiptQrBytes.
inline constexpr uint8_t kQrLevelM = 49;
inline constexpr uint8_t kQrLevelL = 48;
inline constexpr size_t kQrMaxBytesLevelM = 2331;  // version 40, byte mode
inline constexpr size_t kQrMaxBytesLevelL = 2953;

// The printer bytes; a QR code longer than kQrMaxBytesLevelL is left out (the
// TSE fields stay printed as text).
std::string EncodeEscPos(const Printout& printout);

}  // namespace kasse::printing
