// CatalogIndex: the catalog held in memory, with hash indexes by GTIN and PLU
// and one folded text buffer for substring search. Catalog serves every lookup
// from here; SQLite is read only when the catalog is opened.
//
// Thread-safety: none of its own; Catalog guards it (see catalog.h).
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "catalog/article.h"
#include "catalog/catalog_delta.h"
#include "domain/plu.h"

namespace kasse::catalog::detail {

struct Entry {
  Article article;
  std::vector<Price> prices;  // sorted by valid_from_ms, which is unique per article
  std::string folded_text;    // FoldForSearch(article.text)
};

// The digits of a valid GTIN as a number: the value of its zero-padded GTIN-14
// form, so 8-, 12-, 13- and 14-digit spellings of one GTIN get the same key.
uint64_t GtinKey(std::string_view gtin_digits);

// The price in force at now_ms: among the valid ones, the latest to start.
const Price* PriceAt(const Entry& entry, int64_t now_ms);

class CatalogIndex {
 public:
  // Applies a delta that ValidateDelta accepted against this index.
  void Apply(const CatalogDelta& delta);

  const Entry* FindNumber(const ArticleNumber& number) const;
  const Entry* FindGtin(uint64_t gtin_key) const;
  const Entry* FindPlu(Plu plu) const;
  const ProductGroup* FindGroup(const ProductGroupId& id) const;
  size_t size() const { return articles_.size(); }

  // Calls `visit` for every entry whose folded text contains `folded_needle`, in
  // article-number order, until `visit` returns false.
  void Search(std::string_view folded_needle, const std::function<bool(const Entry&)>& visit) const;

 private:
  void Unindex(const ArticleNumber& number);
  void Upsert(const Article& article);
  void RebuildSearchText();

  std::map<std::string, Entry> articles_;  // by number; nodes never move, so the indexes point into it
  std::unordered_map<uint64_t, const Entry*> by_gtin_;
  std::unordered_map<int, const Entry*> by_plu_;
  std::map<std::string, ProductGroup> groups_;

  // Every folded text followed by '\n' (which texts cannot contain); entry i's
  // text starts at search_starts_[i], and the last start is the buffer's size.
  std::string search_text_;
  std::vector<size_t> search_starts_;
  std::vector<const Entry*> search_entries_;
};

}  // namespace kasse::catalog::detail
