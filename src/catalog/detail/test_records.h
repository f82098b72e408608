// Records for the catalog's tests: a small store (dairy, produce, cheese counter,
// bakery) and builders for articles, prices and GTINs with valid check digits.
//
// Thread-safety: pure functions returning fresh values.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "catalog/catalog_delta.h"
#include "domain/gtin.h"
#include "domain/in_store_ean.h"

namespace kasse::catalog::test_records {

inline constexpr int64_t kT0 = 1'735'689'600'000;  // 2025-01-01T00:00:00Z
inline constexpr int64_t kDay = 86'400'000;

// `body` followed by its GS1 check digit.
inline std::string WithCheckDigit(const std::string& body) { return body + std::to_string(Gtin::CheckDigit(body)); }

// An EAN-13 in the GS1 Germany in-store layout: "2X IIII P VVVVV C".
inline std::string InStoreEan(const std::string& prefix_and_article, const std::string& value) {
  return WithCheckDigit(prefix_and_article + std::to_string(PriceCheckDigit(value)) + value);
}

inline Article MakeArticle(const std::string& number, const std::string& text, std::vector<std::string> gtins,
                           std::optional<int> plu = std::nullopt, Unit unit = Unit::kPiece, int vat_key = 1,
                           const std::string& group = "MOPRO") {
  std::optional<Plu> parsed_plu;
  if (plu.has_value()) parsed_plu = *Plu::Parse(std::to_string(*plu));
  return Article{ArticleNumber(number), text, std::move(gtins), parsed_plu, VatKey(vat_key),
                 ProductGroupId(group), unit};
}

inline Price MakePrice(const std::string& number, int64_t cents, int64_t from_ms = kT0,
                       std::optional<int64_t> to_ms = std::nullopt) {
  return Price{ArticleNumber(number), Money::FromCents(cents), from_ms, to_ms};
}

inline constexpr char kMilkGtin[] = "4006381333931";
inline constexpr char kDishSoapUpc[] = "036000291452";  // GTIN-12

// Version 0 → 1: three groups and six articles, each priced from kT0 except the
// cheese platter, which is sold only with price labels.
inline CatalogDelta StoreDelta() {
  CatalogDelta delta;
  delta.from_version = 0;
  delta.to_version = 1;
  delta.upsert_groups = {{ProductGroupId("MOPRO"), "Molkereiprodukte"},
                         {ProductGroupId("OBST"), "Obst & Gemüse"},
                         {ProductGroupId("KAESE"), "Käsetheke"}};
  delta.upsert_articles = {
      MakeArticle("1001", "Vollmilch 3,5 % 1 l", {kMilkGtin}, std::nullopt, Unit::kPiece, 2),
      MakeArticle("1002", "Äpfel Elstar", {}, 4011, Unit::kKilogram, 2, "OBST"),
      MakeArticle("1003", "Spülmittel Zitrone", {kDishSoapUpc}, std::nullopt, Unit::kPiece, 1),
      MakeArticle("281234", "Gouda mittelalt", {}, std::nullopt, Unit::kKilogram, 2, "KAESE"),
      MakeArticle("221111", "Käseplatte", {}, std::nullopt, Unit::kPiece, 2, "KAESE"),
      MakeArticle("251111", "Brötchen", {}, 101, Unit::kPiece, 2, "OBST"),
  };
  delta.upsert_prices = {MakePrice("1001", 119), MakePrice("1002", 199), MakePrice("1003", 249),
                         MakePrice("281234", 1290), MakePrice("251111", 35)};
  return delta;
}

}  // namespace kasse::catalog::test_records
