// The QR code a receipt carries (DSFinV-K Anhang I, docs/fiscal.md
// §3), built from the TSE transaction stored in the journal.
//
// Every field is taken verbatim from what the signing unit returned: client id,
// processType, processData, transaction number, the Finish signature counter,
// the Start and Finish log times, the algorithm, the log-time format, the Finish
// signature and the unit's public key (both base64-decoded here and re-encoded by
// fiscal::FormatReceiptQr, which gives back the same canonical base64).
//
// Thread-safety: pure functions.
#pragma once

#include <string>

#include "base/result.h"
#include "fiscal/receipt_qr.h"
#include "signing/signing_unit.h"

namespace kasse::signing {

// InvalidArgument (field "tse.<member>") when the stored data cannot form a QR
// code: base64 that does not decode, an unknown time format, a ';' in a text
// field, a time outside 1970–9999, or more than fiscal::kMaxReceiptQrBytes.
Result<fiscal::ReceiptQrCode> ReceiptQrOf(const TseTransaction& tx);

// FormatReceiptQr(ReceiptQrOf(tx)).
Result<std::string> ReceiptQrText(const TseTransaction& tx);

}  // namespace kasse::signing
