// The rules every master-data record passes before it is stored.
//
// Each check returns InvalidArgument with the field that is wrong ("address.postcode",
// "gtins[1]") and a message for the person who sent it; references to other
// records (a store, a product group, a VAT key) are the store's to check, against
// the database (master_data_store.h).
//
// IDs (store, register, product group, article number, payment-type code) travel in
// URL paths and DSFinV-K files, so they are 1 to their bound of the characters
// A–Z a–z 0–9 . _ - (docs/catalog.md's rule for store IDs). That is stricter than
// the register's catalog, which takes any text as an article number: what the
// server sends, a register always accepts.
//
// Time zones: an IANA name of the form Area/Location ("Europe/Berlin", "UTC") made
// of letters, digits, '_', '+', '-' and '/', and a zone file of that name must
// exist under kZoneInfoDir. A host without that directory accepts any name of the
// right form (the server then cannot tell a typo; install tzdata).
//
// Text bounds follow the DSFinV-K columns the values end up in; where REFERENCE.md
// names no length, the bound is ours and named here.
//
// Thread-safety: pure functions (ValidateTimeZone reads the file system).
#pragma once

#include <cstddef>
#include <string_view>

#include "base/status.h"
#include "masterdata/records.h"

namespace kasse::masterdata {

inline constexpr size_t kMaxStoreIdBytes = catalog::CatalogSyncLimits::kMaxStoreIdBytes;  // 64
inline constexpr size_t kMaxPaymentTypeCodeBytes = 30;
inline constexpr size_t kMaxNameBytes = 60;       // NAME, LOC_NAME, ZAHLART_NAME (our bound)
inline constexpr size_t kMaxStreetBytes = 60;     // STRASSE (our bound)
inline constexpr size_t kMaxPostcodeBytes = 10;   // PLZ
inline constexpr size_t kMaxCityBytes = 62;       // ORT (our bound)
inline constexpr size_t kMaxTaxNumberBytes = 20;  // STNR: digits, '/' and spaces, e.g. "21/815/08150"
inline constexpr size_t kMaxVatIdBytes = 15;      // USTID: "DE" and 9 digits in Germany
inline constexpr size_t kMaxTimeZoneBytes = 64;
inline constexpr size_t kMaxRegisterTextBytes = 50;  // label, KASSE_BRAND, KASSE_MODELL, KASSE_SW_*
inline constexpr size_t kMaxGtinsPerArticle = 32;
inline constexpr const char* kZoneInfoDir = "/usr/share/zoneinfo";

// 1..max_bytes of A–Z a–z 0–9 . _ - ; the error names `field`.
Status ValidateId(std::string_view id, size_t max_bytes, std::string_view field);
Status ValidateTimeZone(std::string_view name);

Status ValidateOrganisation(const Organisation& organisation);
Status ValidateStore(const Store& store);
Status ValidateRegister(const Register& register_record);
Status ValidatePaymentType(const PaymentType& type);
Status ValidateProductGroup(const catalog::ProductGroup& group);
// Fields only; the VAT key and product group must also exist (the store checks).
Status ValidateArticle(const catalog::Article& article);
Status ValidateStorePrice(const StorePrice& price);

}  // namespace kasse::masterdata
