// TseSignatureAlgorithm: a TSE signature algorithm by the name receipts, QR codes
// and DSFinV-K exports carry (TSE_SIG_ALGO, "ecdsa-plain-SHA256"), with its object
// identifier in the signed data and its hash function.
//
// The table holds the eight ecdsa-plain algorithms of BSI TR-03111 under
// ecdsa-plain-signatures, 0.4.0.127.0.7.1.1.4.1: .2 SHA224, .3 SHA256, .4 SHA384,
// .5 SHA512, .8 SHA3-224, .9 SHA3-256, .10 SHA3-384, .11 SHA3-512 (.3 and .4 are
// confirmed by real TSE data, REFERENCE.md §2; the rest as BouncyCastle's
// BSIObjectIdentifiers lists them). The curve is not part of the name: it comes
// from the TSE's certificate or, on a receipt, from the public key (CurveOfPublicKey).
// EC-SDSA (ecsdsa-plain-*) is named in the TR but not supported here.
//
// Thread-safety: constant data and pure functions.
#pragma once

#include <array>
#include <string_view>

#include "base/result.h"
#include "crypto/hash.h"

namespace kasse::fiscal {

struct TseSignatureAlgorithm {
  std::string_view name;  // "ecdsa-plain-SHA256", case-sensitive
  std::string_view oid;   // "0.4.0.127.0.7.1.1.4.1.3"
  crypto::HashAlgorithm hash;
};

inline constexpr std::array<TseSignatureAlgorithm, 8> kTseSignatureAlgorithms = {{
    {"ecdsa-plain-SHA224", "0.4.0.127.0.7.1.1.4.1.2", crypto::HashAlgorithm::kSha224},
    {"ecdsa-plain-SHA256", "0.4.0.127.0.7.1.1.4.1.3", crypto::HashAlgorithm::kSha256},
    {"ecdsa-plain-SHA384", "0.4.0.127.0.7.1.1.4.1.4", crypto::HashAlgorithm::kSha384},
    {"ecdsa-plain-SHA512", "0.4.0.127.0.7.1.1.4.1.5", crypto::HashAlgorithm::kSha512},
    {"ecdsa-plain-SHA3-224", "0.4.0.127.0.7.1.1.4.1.8", crypto::HashAlgorithm::kSha3_224},
    {"ecdsa-plain-SHA3-256", "0.4.0.127.0.7.1.1.4.1.9", crypto::HashAlgorithm::kSha3_256},
    {"ecdsa-plain-SHA3-384", "0.4.0.127.0.7.1.1.4.1.10", crypto::HashAlgorithm::kSha3_384},
    {"ecdsa-plain-SHA3-512", "0.4.0.127.0.7.1.1.4.1.11", crypto::HashAlgorithm::kSha3_512},
}};

// The algorithm called `name`. InvalidArgument with field "signature_algorithm":
// "unknown signature algorithm 'x'", or for ecsdsa-plain-* "signature algorithm
// 'ecsdsa-plain-SHA256' (EC-SDSA) is not supported".
Result<TseSignatureAlgorithm> FindTseSignatureAlgorithm(std::string_view name);

}  // namespace kasse::fiscal
