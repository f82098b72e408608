#include "catalog/detail/catalog_index.h"

#include <algorithm>
#include <functional>
#include <string.h>  // memmem, a GNU extension

#include "catalog/detail/fold.h"

namespace kasse::catalog::detail {

uint64_t GtinKey(std::string_view digits) {
  uint64_t key = 0;
  for (char digit : digits) key = key * 10 + static_cast<uint64_t>(digit - '0');
  return key;
}

const Price* PriceAt(const Entry& entry, int64_t now_ms) {
  for (auto it = entry.prices.rbegin(); it != entry.prices.rend(); ++it) {
    if (IsValidAt(*it, now_ms)) return &*it;
  }
  return nullptr;
}

void CatalogIndex::Apply(const CatalogDelta& delta) {
  for (const ProductGroup& group : delta.upsert_groups) groups_.insert_or_assign(group.id.value(), group);
  for (const ArticleNumber& number : delta.delete_articles) {
    Unindex(number);
    articles_.erase(number.value());
  }
  // All old codes go before any new one is indexed, so a GTIN or PLU can move
  // between two articles of the same delta.
  for (const Article& article : delta.upsert_articles) Unindex(article.number);
  for (const Article& article : delta.upsert_articles) Upsert(article);
  for (const PriceKey& key : delta.delete_prices) {
    auto it = articles_.find(key.article.value());
    if (it == articles_.end()) continue;
    std::erase_if(it->second.prices, [&](const Price& p) { return p.valid_from_ms == key.valid_from_ms; });
  }
  for (const Price& price : delta.upsert_prices) {
    std::vector<Price>& prices = articles_.at(price.article.value()).prices;
    auto at = std::lower_bound(prices.begin(), prices.end(), price.valid_from_ms,
                               [](const Price& p, int64_t from) { return p.valid_from_ms < from; });
    if (at != prices.end() && at->valid_from_ms == price.valid_from_ms) {
      *at = price;
    } else {
      prices.insert(at, price);
    }
  }
  if (!delta.upsert_articles.empty() || !delta.delete_articles.empty()) RebuildSearchText();
}

void CatalogIndex::Unindex(const ArticleNumber& number) {
  auto it = articles_.find(number.value());
  if (it == articles_.end()) return;
  const Entry* entry = &it->second;
  for (const std::string& digits : entry->article.gtins) {
    auto gtin = by_gtin_.find(GtinKey(digits));
    if (gtin != by_gtin_.end() && gtin->second == entry) by_gtin_.erase(gtin);
  }
  if (entry->article.plu.has_value()) {
    auto plu = by_plu_.find(entry->article.plu->value());
    if (plu != by_plu_.end() && plu->second == entry) by_plu_.erase(plu);
  }
}

void CatalogIndex::Upsert(const Article& article) {
  Entry& entry = articles_[article.number.value()];
  entry.article = article;
  entry.folded_text = FoldForSearch(article.text);
  for (const std::string& digits : article.gtins) by_gtin_[GtinKey(digits)] = &entry;
  if (article.plu.has_value()) by_plu_[article.plu->value()] = &entry;
}

void CatalogIndex::RebuildSearchText() {
  search_text_.clear();
  search_starts_.clear();
  search_entries_.clear();
  search_starts_.reserve(articles_.size() + 1);
  search_entries_.reserve(articles_.size());
  for (const auto& [number, entry] : articles_) {
    search_starts_.push_back(search_text_.size());
    search_entries_.push_back(&entry);
    search_text_ += entry.folded_text;
    search_text_ += '\n';
  }
  search_starts_.push_back(search_text_.size());
}

const Entry* CatalogIndex::FindNumber(const ArticleNumber& number) const {
  auto it = articles_.find(number.value());
  return it == articles_.end() ? nullptr : &it->second;
}

const Entry* CatalogIndex::FindGtin(uint64_t gtin_key) const {
  auto it = by_gtin_.find(gtin_key);
  return it == by_gtin_.end() ? nullptr : it->second;
}

const Entry* CatalogIndex::FindPlu(Plu plu) const {
  auto it = by_plu_.find(plu.value());
  return it == by_plu_.end() ? nullptr : it->second;
}

const ProductGroup* CatalogIndex::FindGroup(const ProductGroupId& id) const {
  auto it = groups_.find(id.value());
  return it == groups_.end() ? nullptr : &it->second;
}

void CatalogIndex::Search(std::string_view folded_needle, const std::function<bool(const Entry&)>& visit) const {
  if (folded_needle.empty() || folded_needle.find('\n') != std::string_view::npos) return;
  size_t from = 0;
  while (from < search_text_.size()) {
    // glibc's memmem (two-way with a pair hash) scans several times faster than std::search's searchers.
    const void* match =
        memmem(search_text_.data() + from, search_text_.size() - from, folded_needle.data(), folded_needle.size());
    if (match == nullptr) return;
    auto offset = static_cast<size_t>(static_cast<const char*>(match) - search_text_.data());
    auto next = std::upper_bound(search_starts_.begin(), search_starts_.end(), offset);
    size_t entry = static_cast<size_t>(next - search_starts_.begin()) - 1;
    if (!visit(*search_entries_[entry])) return;
    from = *next;
  }
}

}  // namespace kasse::catalog::detail
