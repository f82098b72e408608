// The chain's master data as value types: the organisation, its stores and
// registers, payment types and VAT keys, and the article side (product groups,
// articles and store prices) in the register catalog's own shapes
// (catalog/article.h), so what the server stores is what a register receives.
//
// Money is integer cents (Money), times are UTC milliseconds since the Unix
// epoch. The fields follow the DSFinV-K master-data columns named beside them
// (REFERENCE.md §4). ValidateX in validation.h checks every field; the store
// (master_data_store.h) only ever holds validated records.
//
// Thread-safety: value types.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/strong_id.h"
#include "catalog/article.h"
#include "catalog/catalog_sync.h"
#include "domain/ids.h"
#include "domain/vat.h"

namespace kasse::masterdata {

using catalog::StoreId;  // the register's catalog client names stores with the same type
using PaymentTypeCode = StrongId<struct PaymentTypeCodeTag>;

struct Address {
  std::string street;    // STRASSE / LOC_STRASSE
  std::string postcode;  // PLZ / LOC_PLZ
  std::string city;      // ORT / LOC_ORT
  std::string country;   // LAND / LOC_LAND: ISO 3166-1 alpha-2, e.g. "DE"

  friend bool operator==(const Address&, const Address&) = default;
};

// The business that runs the registers (the seller on every receipt and in
// cashpointclosing.csv). At least one of tax_number and vat_id is set.
struct Organisation {
  std::string name;        // NAME
  Address address;         // STRASSE, PLZ, ORT, LAND
  std::string tax_number;  // STNR, the Steuernummer; "" if none
  std::string vat_id;      // USTID, the USt-IdNr.; "" if none

  friend bool operator==(const Organisation&, const Organisation&) = default;
};

// A store: one Betriebsstätte (location.csv). Tax numbers are set only where they
// differ from the organisation's.
struct Store {
  StoreId id;
  std::string name;        // LOC_NAME
  Address address;         // LOC_STRASSE, LOC_PLZ, LOC_ORT, LOC_LAND
  std::string tax_number;  // "" = the organisation's
  std::string vat_id;      // LOC_USTID; "" = the organisation's
  std::string time_zone;   // IANA name, e.g. "Europe/Berlin": local dates of prices and closings

  friend bool operator==(const Store&, const Store&) = default;
};

// A register (Kasse) of a store (cashregister.csv). Its ID is also its TSE client
// ID and KASSE_SERIENNR; its base currency is EUR.
struct Register {
  RegisterId id;
  StoreId store;
  std::string label;             // what the staff call it, e.g. "Kasse 1"
  std::string brand;             // KASSE_BRAND; "" if unknown
  std::string model;             // KASSE_MODELL
  std::string software_brand;    // KASSE_SW_BRAND
  std::string software_version;  // KASSE_SW_VERSION

  friend bool operator==(const Register&, const Register&) = default;
};

// The DSFinV-K ZAHLART_TYP values (REFERENCE.md §4).
inline constexpr const char* kPaymentKinds[] = {
    "Bar", "Unbar", "Keine", "ECKarte", "Kreditkarte", "ElZahlungsdienstleister", "Guthabenkarte"};

// A way to pay. The codes the register uses are PaymentMethodName()'s ("cash",
// "girocard", "credit_card", "voucher"); the migration seeds those four.
struct PaymentType {
  PaymentTypeCode code;
  std::string name;  // ZAHLART_NAME, e.g. "Bargeld"
  std::string kind;  // ZAHLART_TYP, one of kPaymentKinds

  friend bool operator==(const PaymentType&, const PaymentType&) = default;
};

// One DSFinV-K UST_SCHLUESSEL with its rate (vat.csv). Seeded by the migration
// with VatTable::Germany(); a rate change is a new row for the same key with its
// own validity. Read-only through the API.
struct VatKeyRecord {
  VatKey key{1};
  VatRate rate{0};  // basis points: 19 % = 1900
  std::string description;
  int64_t valid_from_ms = 0;
  std::optional<int64_t> valid_to_ms;

  friend bool operator==(const VatKeyRecord&, const VatKeyRecord&) = default;
};

// A price of one store. There are no chain-wide prices: every price belongs to
// a store, so a register's catalog is exactly its store's rows (the CSV import
// expands an empty store column into one price per existing store).
struct StorePrice {
  StoreId store;
  catalog::Price price;

  friend bool operator==(const StorePrice&, const StorePrice&) = default;
};

// Keyset paging for lists: items after `after` (an ID; "" = from the start) in
// byte order of their IDs, at most `limit`.
struct PageRequest {
  static constexpr int kDefaultLimit = 100;
  static constexpr int kMaxLimit = 1000;
  std::string after;
  int limit = kDefaultLimit;
};

template <typename T>
struct Page {
  std::vector<T> items;
  std::optional<std::string> next_after;  // pass as `after` for the next page; absent on the last
};

}  // namespace kasse::masterdata
