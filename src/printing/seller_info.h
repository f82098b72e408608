// SellerInfo: who issues a printout, as §6 (1) KassenSichV requires it on every
// receipt (full name and address), with the tax number and the register.
//
// Configured per store and register, not read from the journal. Every text is
// printed as given (sanitised, wrapped to the paper width); empty optional texts
// are left out.
//
// Thread-safety: a value type.
#pragma once

#include <string>

#include "domain/ids.h"

namespace kasse::printing {

struct SellerInfo {
  std::string business_name;  // "Muster Markt GmbH"
  std::string store_name;     // optional, e.g. "Filiale Hauptstraße"
  std::string street;
  std::string postcode;
  std::string city;
  std::string vat_id;      // USt-IdNr., optional if tax_number is set
  std::string tax_number;  // Steuernummer, optional if vat_id is set
  // The register's serial number: its TSE client id and DSFinV-K Z_KASSE_ID. A
  // printout is refused for an entry of another register.
  RegisterId register_id;
  std::string footer;  // optional closing line, e.g. "Vielen Dank für Ihren Einkauf!"
};

}  // namespace kasse::printing
