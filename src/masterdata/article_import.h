// ImportArticlesCsv: the bulk import of articles and their store prices from CSV
// (docs/master-data.md, "CSV import").
//
// Format: ';'-separated, RFC 4180 quoting, UTF-8 with or without BOM, a header row
// naming the columns in any order (names case-insensitive):
//   number;text;gtins;plu;vat_key;product_group;unit;price;store;valid_from_ms;valid_to_ms
// Required: number, text, vat_key, product_group. Optional: gtins (several
// separated by '|'), plu, unit (piece, kg, l, m; default piece), price (euro,
// "1,99" or "1.99") or price_cents (integer), store (empty: every store that
// exists at import time; there are no chain-wide prices), valid_from_ms (default
// 0), valid_to_ms (default open-ended). A row without a price only writes the
// article. An article may appear on several rows (one per store or price period)
// if its article columns are the same on each.
//
// All or nothing: every row is checked first — field rules (validation.h), then
// against the database in the import's transaction (VAT keys, product groups and
// stores exist; a GTIN or PLU belongs to no article outside the import and to one
// article within it; a price key appears once). If any row is bad nothing is
// written, and the outcome lists the bad rows by line (the header is line 1),
// field and message, at most kMaxReportedProblems of them plus how many more.
// Otherwise everything is written in one transaction with multi-row statements,
// as one catalog version. dry_run checks everything and writes nothing.
//
// Thread-safety: as MasterDataStore.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "masterdata/master_data_store.h"

namespace kasse::masterdata {

inline constexpr size_t kMaxReportedProblems = 1000;
// The import route's body limit. 100,000 rows with two prices each are about
// 10 MB, above http::ServerLimits::kMaxBodyBytes (8 MiB), so the route needs its own.
inline constexpr size_t kMaxImportBodyBytes = size_t{64} * 1024 * 1024;
inline constexpr size_t kMaxImportRows = 1'000'000;
// Bounds of one line, checked while it is read, so one hostile line (50 M
// separators) is refused at once. A header has at most 12 known columns, so 64
// fields leave room to report unknown ones; the longest valid row (32 GTINs and
// every text at its longest) is about 1 KB.
inline constexpr size_t kMaxImportFields = 64;
inline constexpr size_t kMaxImportLineBytes = size_t{16} * 1024;
inline constexpr char kCsvSeparator = ';';
inline constexpr char kGtinSeparator = '|';

struct ImportProblem {
  size_t line = 0;
  std::string field;  // the column, e.g. "gtins[1]"; "" for the whole row
  std::string message;
};

struct ImportOutcome {
  bool dry_run = false;
  size_t rows = 0;
  size_t articles = 0;
  size_t prices = 0;
  int64_t catalog_version = 0;          // committed (or current, if nothing was written)
  std::vector<ImportProblem> problems;  // empty: imported (or would be, on a dry run)
  size_t more_problems = 0;             // beyond kMaxReportedProblems
};

// Errors as Status only for what is not about rows: Unavailable and Internal
// from the database. Bad input, the header included, is in `problems`; a text
// that breaks the CSV rules or the bounds above (more fields or bytes on a line,
// more than kMaxImportRows rows) is one problem naming the line, found before
// anything else is parsed.
Result<ImportOutcome> ImportArticlesCsv(MasterDataStore& store, std::string_view csv, bool dry_run);

}  // namespace kasse::masterdata
