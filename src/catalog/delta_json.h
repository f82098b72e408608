// The JSON form of a CatalogDelta, as the server sends it (docs/catalog.md,
// "Catalog sync protocol"):
//
//   {"from_version":1,"to_version":2,
//    "upsert_groups":[{"id":"DROG","name":"Drogerie"}],
//    "upsert_articles":[{"number":"2001","text":"Zahnpasta","gtins":["4006381000017"],"plu":102,
//                        "vat_key":1,"product_group":"DROG","unit":"piece"}],
//    "delete_articles":["1003"],
//    "upsert_prices":[{"article":"2001","unit_price_cents":199,"valid_from_ms":1735689600000,
//                      "valid_to_ms":1736294400000}],
//    "delete_prices":[{"article":"1001","valid_from_ms":1735689600000}]}
//
// Money is integer cents, times UTC milliseconds since the Unix epoch, GTINs
// strings (their leading zeros count), PLUs integers 1–99999, units "piece",
// "kg", "l" or "m". EncodeDelta writes the canonical form: no spaces, members in
// byte order, all five lists present (possibly empty), optional members ("plu",
// "valid_to_ms") left out when absent.
//
// DecodeDelta is strict about shape: every required member present with its
// type, no unknown or repeated members, integers that fit. A refusal is
// InvalidArgument with the field path, e.g. "upsert_articles[3].gtins[1]" — the
// same paths Catalog::Apply uses for the rules it checks afterwards (GTIN check
// digits, text, references); a repeated member is named without its path, and
// broken JSON by its byte position in the message. A null optional member counts
// as absent. A text longer than kMaxDeltaBytes is OutOfRange.
//
// Thread-safety: pure functions.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "base/result.h"
#include "catalog/catalog_delta.h"

namespace kasse::catalog {

// The largest delta accepted, as JSON text. A snapshot of the benchmark's catalog
// (200,000 articles, 220,000 prices) is about 43 MB. Equal to the HTTP client's
// response limit.
inline constexpr size_t kMaxDeltaBytes = size_t{64} * 1024 * 1024;

// Canonical JSON. Text that is not valid UTF-8 (which Catalog::Apply refuses) is
// written with U+FFFD in its place.
std::string EncodeDelta(const CatalogDelta& delta);

Result<CatalogDelta> DecodeDelta(std::string_view json);

// Reads and decodes a delta file (demos, tests, manual imports). NotFound if the
// file cannot be opened, OutOfRange if it is larger than kMaxDeltaBytes.
Result<CatalogDelta> ReadDeltaFile(const std::string& path);

}  // namespace kasse::catalog
