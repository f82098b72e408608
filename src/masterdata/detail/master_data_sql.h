// The SQL of the master-data store and the catalog feed, once for both backends
// (`?` placeholders; storage/sql.h). Schema: src/schema/*/V004__master_data.sql.
//
// Thread-safety: constants.
#pragma once

#include <string_view>

namespace kasse::masterdata::detail::sql {

inline constexpr std::string_view kPutOrganisation =
    "INSERT INTO organisation(id, name, street, postcode, city, country, tax_number, vat_id) "
    "VALUES (1, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET name = excluded.name, street = excluded.street, "
    "postcode = excluded.postcode, city = excluded.city, country = excluded.country, "
    "tax_number = excluded.tax_number, vat_id = excluded.vat_id";
inline constexpr std::string_view kGetOrganisation =
    "SELECT name, street, postcode, city, country, tax_number, vat_id FROM organisation WHERE id = 1";

inline constexpr std::string_view kPutStore =
    "INSERT INTO stores(store_id, name, street, postcode, city, country, tax_number, vat_id, time_zone) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(store_id) DO UPDATE SET name = excluded.name, "
    "street = excluded.street, postcode = excluded.postcode, city = excluded.city, country = excluded.country, "
    "tax_number = excluded.tax_number, vat_id = excluded.vat_id, time_zone = excluded.time_zone";
inline constexpr std::string_view kStoreColumns =
    "SELECT store_id, name, street, postcode, city, country, tax_number, vat_id, time_zone FROM stores ";
inline constexpr std::string_view kGetStore = "WHERE store_id = ?";
inline constexpr std::string_view kListStores = "WHERE store_id > ? ORDER BY store_id LIMIT ?";
inline constexpr std::string_view kStoreExists = "SELECT 1 FROM stores WHERE store_id = ?";
inline constexpr std::string_view kAllStoreIds = "SELECT store_id FROM stores ORDER BY store_id";

inline constexpr std::string_view kPutRegister =
    "INSERT INTO registers(register_id, store_id, label, brand, model, software_brand, software_version) "
    "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(register_id) DO UPDATE SET store_id = excluded.store_id, "
    "label = excluded.label, brand = excluded.brand, model = excluded.model, "
    "software_brand = excluded.software_brand, software_version = excluded.software_version";
inline constexpr std::string_view kRegisterColumns =
    "SELECT register_id, store_id, label, brand, model, software_brand, software_version FROM registers ";
inline constexpr std::string_view kGetRegister = "WHERE register_id = ?";
inline constexpr std::string_view kListRegisters = "WHERE register_id > ? ORDER BY register_id LIMIT ?";
inline constexpr std::string_view kListStoreRegisters =
    "WHERE store_id = ? AND register_id > ? ORDER BY register_id LIMIT ?";

inline constexpr std::string_view kPutPaymentType =
    "INSERT INTO payment_types(code, name, kind) VALUES (?, ?, ?) "
    "ON CONFLICT(code) DO UPDATE SET name = excluded.name, kind = excluded.kind";
inline constexpr std::string_view kPaymentTypeColumns = "SELECT code, name, kind FROM payment_types ";
inline constexpr std::string_view kGetPaymentType = "WHERE code = ?";
inline constexpr std::string_view kListPaymentTypes = "WHERE code > ? ORDER BY code LIMIT ?";

inline constexpr std::string_view kListVatKeys =
    "SELECT vat_key, rate_bp, description, valid_from_ms, valid_to_ms FROM vat_keys ORDER BY vat_key, valid_from_ms";
inline constexpr std::string_view kVatKeyIds = "SELECT vat_key FROM vat_key_ids";
inline constexpr std::string_view kVatKeyExists = "SELECT 1 FROM vat_key_ids WHERE vat_key = ?";

// The catalog version: incremented first in every catalog write (the row lock
// serialises writers), read by the feed.
inline constexpr std::string_view kBumpVersion = "UPDATE catalog_version SET version = version + 1 WHERE id = 1";
inline constexpr std::string_view kCurrentVersion = "SELECT version FROM catalog_version WHERE id = 1";

inline constexpr std::string_view kPutGroup =
    "INSERT INTO product_groups(group_id, name, version) VALUES (?, ?, ?) "
    "ON CONFLICT(group_id) DO UPDATE SET name = excluded.name, version = excluded.version";
inline constexpr std::string_view kGroupColumns = "SELECT group_id, name FROM product_groups ";
inline constexpr std::string_view kGetGroup = "WHERE group_id = ?";
inline constexpr std::string_view kListGroups = "WHERE group_id > ? ORDER BY group_id LIMIT ?";
inline constexpr std::string_view kGroupExists = "SELECT 1 FROM product_groups WHERE group_id = ?";
inline constexpr std::string_view kGroupIds = "SELECT group_id FROM product_groups";
inline constexpr std::string_view kGroupsSince = "WHERE version > ? ORDER BY group_id";

// Articles, multi-row: the VALUES row is repeated by the batch writer.
inline constexpr std::string_view kUpsertArticlesHead =
    "INSERT INTO articles(number, text, plu, vat_key, group_id, unit, version) VALUES ";
inline constexpr std::string_view kUpsertArticlesRow = "(?, ?, ?, ?, ?, ?, ?)";
inline constexpr std::string_view kUpsertArticlesTail =
    " ON CONFLICT(number) DO UPDATE SET text = excluded.text, plu = excluded.plu, vat_key = excluded.vat_key, "
    "group_id = excluded.group_id, unit = excluded.unit, version = excluded.version";
inline constexpr std::string_view kInsertGtinsHead =
    "INSERT INTO article_gtins(gtin14, gtin, article, position) VALUES ";
inline constexpr std::string_view kInsertGtinsRow = "(?, ?, ?, ?)";
// Before articles are rewritten: their GTINs and PLUs are let go, so they may move between them.
inline constexpr std::string_view kDeleteGtinsHead = "DELETE FROM article_gtins WHERE article IN ";
inline constexpr std::string_view kClearPlusHead = "UPDATE articles SET plu = NULL WHERE number IN ";
inline constexpr std::string_view kInRow = "?";
inline constexpr std::string_view kGtinOwners = "SELECT gtin14, article FROM article_gtins";
inline constexpr std::string_view kPluOwners = "SELECT plu, number FROM articles WHERE plu IS NOT NULL";
inline constexpr std::string_view kGtinOwner = "SELECT article FROM article_gtins WHERE gtin14 = ? AND article <> ?";
inline constexpr std::string_view kPluOwner = "SELECT number FROM articles WHERE plu = ? AND number <> ?";

inline constexpr std::string_view kArticleColumns = "SELECT number, text, plu, vat_key, group_id, unit FROM articles ";
inline constexpr std::string_view kGetArticle = "WHERE number = ?";
inline constexpr std::string_view kListArticles = "WHERE number > ? ORDER BY number LIMIT ?";
inline constexpr std::string_view kArticlesSince = "WHERE version > ? ORDER BY number";
inline constexpr std::string_view kArticleExists = "SELECT 1 FROM articles WHERE number = ?";
inline constexpr std::string_view kGtinsOf =
    "SELECT article, gtin FROM article_gtins WHERE article = ? ORDER BY position";
inline constexpr std::string_view kGtinsBetween =
    "SELECT article, gtin FROM article_gtins WHERE article >= ? AND article <= ? ORDER BY article, position";
inline constexpr std::string_view kGtinsSince =
    "SELECT g.article, g.gtin FROM article_gtins g JOIN articles a ON a.number = g.article "
    "WHERE a.version > ? ORDER BY g.article, g.position";

// Deleting an article leaves tombstones for it and for each of its prices.
inline constexpr std::string_view kTombstonePricesOfArticle =
    "INSERT INTO price_tombstones(store_id, article, valid_from_ms, version) "
    "SELECT store_id, article, valid_from_ms, ? FROM prices WHERE article = ? "
    "ON CONFLICT(store_id, article, valid_from_ms) DO UPDATE SET version = excluded.version";
inline constexpr std::string_view kDeleteArticle = "DELETE FROM articles WHERE number = ?";
inline constexpr std::string_view kTombstoneArticle =
    "INSERT INTO article_tombstones(number, version) VALUES (?, ?) "
    "ON CONFLICT(number) DO UPDATE SET version = excluded.version";
// A tombstone whose key exists again is not a deletion any more (left out by the feed).
inline constexpr std::string_view kArticleTombstonesSince =
    "SELECT t.number FROM article_tombstones t WHERE t.version > ? "
    "AND NOT EXISTS (SELECT 1 FROM articles a WHERE a.number = t.number) ORDER BY t.number";

inline constexpr std::string_view kUpsertPricesHead =
    "INSERT INTO prices(store_id, article, valid_from_ms, valid_to_ms, unit_price_cents, version) VALUES ";
inline constexpr std::string_view kUpsertPricesRow = "(?, ?, ?, ?, ?, ?)";
inline constexpr std::string_view kUpsertPricesTail =
    " ON CONFLICT(store_id, article, valid_from_ms) DO UPDATE SET valid_to_ms = excluded.valid_to_ms, "
    "unit_price_cents = excluded.unit_price_cents, version = excluded.version";
inline constexpr std::string_view kPriceColumns =
    "SELECT store_id, article, valid_from_ms, valid_to_ms, unit_price_cents FROM prices ";
inline constexpr std::string_view kGetPrice = "WHERE store_id = ? AND article = ? AND valid_from_ms = ?";
// Paged by (article, valid_from_ms): the page key is "<article>@<valid_from_ms>".
inline constexpr std::string_view kListPrices =
    "WHERE store_id = ? AND (article > ? OR (article = ? AND valid_from_ms > ?)) ORDER BY article, valid_from_ms "
    "LIMIT ?";
inline constexpr std::string_view kListArticlePrices = "WHERE store_id = ? AND article = ? ORDER BY valid_from_ms";
inline constexpr std::string_view kPricesSince = "WHERE store_id = ? AND version > ? ORDER BY article, valid_from_ms";
inline constexpr std::string_view kDeletePrice =
    "DELETE FROM prices WHERE store_id = ? AND article = ? AND valid_from_ms = ?";
inline constexpr std::string_view kTombstonePrice =
    "INSERT INTO price_tombstones(store_id, article, valid_from_ms, version) VALUES (?, ?, ?, ?) "
    "ON CONFLICT(store_id, article, valid_from_ms) DO UPDATE SET version = excluded.version";
inline constexpr std::string_view kPriceTombstonesSince =
    "SELECT t.article, t.valid_from_ms FROM price_tombstones t WHERE t.store_id = ? AND t.version > ? "
    "AND NOT EXISTS (SELECT 1 FROM prices p WHERE p.store_id = t.store_id AND p.article = t.article "
    "AND p.valid_from_ms = t.valid_from_ms) ORDER BY t.article, t.valid_from_ms";

// The newest catalog change that concerns a store: what a long poll waits for.
inline constexpr std::string_view kStoreChangedSince =
    "SELECT 1 WHERE EXISTS (SELECT 1 FROM articles WHERE version > ?) "
    "OR EXISTS (SELECT 1 FROM product_groups WHERE version > ?) "
    "OR EXISTS (SELECT 1 FROM article_tombstones WHERE version > ?) "
    "OR EXISTS (SELECT 1 FROM prices WHERE store_id = ? AND version > ?) "
    "OR EXISTS (SELECT 1 FROM price_tombstones WHERE store_id = ? AND version > ?)";

}  // namespace kasse::masterdata::detail::sql
