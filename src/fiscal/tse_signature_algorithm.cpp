#include "fiscal/tse_signature_algorithm.h"

#include "domain/text.h"

namespace kasse::fiscal {

Result<TseSignatureAlgorithm> FindTseSignatureAlgorithm(std::string_view name) {
  for (const TseSignatureAlgorithm& algorithm : kTseSignatureAlgorithms) {
    if (algorithm.name == name) return algorithm;
  }
  if (name.starts_with("ecsdsa-plain-")) {
    return Status::InvalidArgument("signature_algorithm",
                                   "signature algorithm " + QuoteForMessage(name) + " (EC-SDSA) is not supported");
  }
  return Status::InvalidArgument("signature_algorithm", "unknown signature algorithm " + QuoteForMessage(name));
}

}  // namespace kasse::fiscal
