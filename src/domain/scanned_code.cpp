#include "domain/scanned_code.h"

namespace kasse {

Result<ScannedCode> ParseScannedCode(std::string_view input, const InStoreEanRules& rules) {
  if (input.size() <= Plu::kMaxDigits) {
    Result<Plu> plu = Plu::Parse(input);
    if (!plu.ok()) return plu.status();
    return ScannedCode(*plu);
  }
  Result<Gtin> gtin = Gtin::Parse(input);
  if (!gtin.ok()) return gtin.status();
  if (rules.Find(*gtin) == nullptr) return ScannedCode(*gtin);
  Result<InStoreCode> in_store = rules.Decode(*gtin);
  if (!in_store.ok()) return in_store.status();
  return ScannedCode(*in_store);
}

}  // namespace kasse
