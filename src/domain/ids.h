// The identifiers of the sales domain, each its own type (see base/strong_id.h).
//
// Thread-safety: value types.
#pragma once

#include "base/status.h"
#include "base/strong_id.h"

namespace kasse {

using ArticleNumber = StrongId<struct ArticleNumberTag>;    // the store's article number (DSFinV-K ART_NR)
using ProductGroupId = StrongId<struct ProductGroupIdTag>;  // Warengruppe (DSFinV-K WARENGR_ID)
using RegisterId = StrongId<struct RegisterIdTag>;          // a register (Kasse), DSFinV-K Z_KASSE_ID
using ReceiptId = StrongId<struct ReceiptIdTag>;            // a receipt (Bon), DSFinV-K BON_ID

// Register IDs travel in URLs and DSFinV-K files: 1–50 of A–Z a–z 0–9 . _ -
// (InvalidArgument on field "register_id" otherwise).
Status ValidateRegisterId(const RegisterId& id);

}  // namespace kasse
