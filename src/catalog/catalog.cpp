#include "catalog/catalog.h"

#include <mutex>
#include <shared_mutex>
#include <utility>
#include <variant>

#include "catalog/detail/catalog_index.h"
#include "catalog/detail/catalog_store.h"
#include "catalog/detail/delta_validation.h"
#include "catalog/detail/fold.h"
#include "domain/text.h"

namespace kasse::catalog {

struct Catalog::State {
  State(detail::CatalogStore opened_store, VatTable table)
      : store(std::move(opened_store)), vat_table(std::move(table)) {}

  std::mutex apply_mutex;         // serialises Apply; guards store
  std::shared_mutex index_mutex;  // Apply's swap into memory vs. lookups
  detail::CatalogStore store;
  const VatTable vat_table;
  detail::CatalogIndex index;  // written under both mutexes
  int64_t version = 0;         // written under both mutexes
};

namespace {

std::string Named(const Article& article) { return article.number.value() + " " + QuoteForMessage(article.text); }

Result<ArticleView> Priced(const detail::Entry* entry, int64_t now_ms) {
  const Price* price = detail::PriceAt(*entry, now_ms);
  if (price == nullptr) return Status::NotFound("price", "article " + Named(entry->article) + " has no valid price");
  return ArticleView{entry->article, *price};
}

std::string_view TrimSpaces(std::string_view text) {
  size_t first = text.find_first_not_of(' ');
  if (first == std::string_view::npos) return {};
  return text.substr(first, text.find_last_not_of(' ') - first + 1);
}

// A code that names the article only: one piece, or a weighed article still to be weighed.
ScannedItem ItemOf(const ArticleView& view) {
  if (IsWeighed(view.article.unit)) return ScannedItem{view.article, std::nullopt, view.price.unit_price, std::nullopt};
  return ScannedItem{view.article, Quantity::Pieces(1), view.price.unit_price, view.price.unit_price};
}

// An in-store EAN's count or weight, priced from the catalog.
Result<ScannedItem> ItemOf(const ArticleView& view, Quantity quantity) {
  if (view.article.unit != quantity.unit()) {
    return Status::InvalidArgument("", "article " + Named(view.article) + " is sold per " +
                                           std::string(UnitSymbol(view.article.unit)) + ", but the code carries " +
                                           (quantity.unit() == Unit::kPiece ? "a count" : "a weight"));
  }
  Result<Money> amount = LineAmount(view.price.unit_price, quantity);
  if (!amount.ok()) return amount.status();
  return ScannedItem{view.article, quantity, view.price.unit_price, *amount};
}

}  // namespace

Catalog::Catalog(std::unique_ptr<State> state) : state_(std::move(state)) {}
Catalog::Catalog(Catalog&&) noexcept = default;
Catalog& Catalog::operator=(Catalog&&) noexcept = default;
Catalog::~Catalog() = default;

Result<Catalog> Catalog::Open(const std::string& path, VatTable vat_table) {
  return Open(path, std::move(vat_table), storage::SqliteDatabase::Options{});
}

Result<Catalog> Catalog::Open(const std::string& path, VatTable vat_table,
                              const storage::SqliteDatabase::Options& options) {
  Result<detail::CatalogStore> store = detail::CatalogStore::Open(path, options);
  if (!store.ok()) return store.status();
  Result<CatalogDelta> stored = store->Load();
  if (!stored.ok()) return stored.status();
  auto state = std::make_unique<State>(std::move(store).value(), std::move(vat_table));
  state->index.Apply(*stored);
  state->version = stored->to_version;
  return Catalog(std::move(state));
}

Status Catalog::Apply(const CatalogDelta& delta) {
  if (delta.from_version < 0) return Status::InvalidArgument("from_version", "must not be negative");
  if (delta.to_version <= delta.from_version) {
    return Status::InvalidArgument("to_version", "must be greater than from_version");
  }
  std::lock_guard apply_lock(state_->apply_mutex);
  if (delta.to_version <= state_->version) return Status::Ok();  // applied before
  if (delta.from_version != state_->version) {
    return Status::Conflict("from_version", "the catalog is at version " + std::to_string(state_->version) +
                                                ", the delta starts at " + std::to_string(delta.from_version));
  }
  KASSE_RETURN_IF_ERROR(detail::ValidateDelta(delta, state_->index, state_->vat_table));
  KASSE_RETURN_IF_ERROR(state_->store.Write(delta));
  std::unique_lock index_lock(state_->index_mutex);
  state_->index.Apply(delta);
  state_->version = delta.to_version;
  return Status::Ok();
}

Status Catalog::Replace(const CatalogDelta& snapshot) {
  if (snapshot.from_version != 0) return Status::InvalidArgument("from_version", "a snapshot starts at version 0");
  if (snapshot.to_version <= 0) return Status::InvalidArgument("to_version", "must be greater than from_version");
  if (!snapshot.delete_articles.empty()) {
    return Status::InvalidArgument("delete_articles", "a snapshot deletes nothing");
  }
  if (!snapshot.delete_prices.empty()) return Status::InvalidArgument("delete_prices", "a snapshot deletes nothing");
  std::lock_guard apply_lock(state_->apply_mutex);
  detail::CatalogIndex fresh;
  KASSE_RETURN_IF_ERROR(detail::ValidateDelta(snapshot, fresh, state_->vat_table));
  KASSE_RETURN_IF_ERROR(state_->store.Replace(snapshot));
  fresh.Apply(snapshot);
  {
    // Swapping moves the containers without moving their nodes: the index's pointers into them stay valid.
    std::unique_lock index_lock(state_->index_mutex);
    std::swap(state_->index, fresh);
    state_->version = snapshot.to_version;
  }
  return Status::Ok();  // the old index is freed here, outside the lock
}

int64_t Catalog::version() const {
  std::shared_lock lock(state_->index_mutex);
  return state_->version;
}

size_t Catalog::size() const {
  std::shared_lock lock(state_->index_mutex);
  return state_->index.size();
}

Result<ArticleView> Catalog::FindByGtin(const Gtin& gtin, int64_t now_ms) const {
  std::shared_lock lock(state_->index_mutex);
  const detail::Entry* entry = state_->index.FindGtin(detail::GtinKey(gtin.digits()));
  if (entry == nullptr) return Status::NotFound("gtin", "no article with GTIN " + gtin.digits());
  return Priced(entry, now_ms);
}

Result<ArticleView> Catalog::FindByPlu(Plu plu, int64_t now_ms) const {
  std::shared_lock lock(state_->index_mutex);
  const detail::Entry* entry = state_->index.FindPlu(plu);
  if (entry == nullptr) return Status::NotFound("plu", "no article with PLU " + plu.ToString());
  return Priced(entry, now_ms);
}

Result<ArticleView> Catalog::FindByNumber(const ArticleNumber& number, int64_t now_ms) const {
  std::shared_lock lock(state_->index_mutex);
  const detail::Entry* entry = state_->index.FindNumber(number);
  if (entry == nullptr) return Status::NotFound("article_number", "no article " + QuoteForMessage(number.value()));
  return Priced(entry, now_ms);
}

Result<ProductGroup> Catalog::FindGroup(const ProductGroupId& id) const {
  std::shared_lock lock(state_->index_mutex);
  const ProductGroup* group = state_->index.FindGroup(id);
  if (group == nullptr) return Status::NotFound("product_group", "no product group " + QuoteForMessage(id.value()));
  return *group;
}

std::vector<ArticleView> Catalog::Search(std::string_view text, int64_t now_ms, size_t limit) const {
  std::vector<ArticleView> found;
  if (limit == 0) return found;
  std::string needle = detail::FoldForSearch(TrimSpaces(text));
  std::shared_lock lock(state_->index_mutex);
  state_->index.Search(needle, [&](const detail::Entry& entry) {
    const Price* price = detail::PriceAt(entry, now_ms);
    if (price != nullptr) found.push_back(ArticleView{entry.article, *price});
    return found.size() < limit;
  });
  return found;
}

Result<ScannedItem> Catalog::Resolve(const ScannedCode& code, int64_t now_ms) const {
  const auto* in_store = std::get_if<InStoreCode>(&code);
  if (in_store == nullptr) {
    Result<ArticleView> view = std::holds_alternative<Plu>(code) ? FindByPlu(std::get<Plu>(code), now_ms)
                                                                 : FindByGtin(std::get<Gtin>(code), now_ms);
    if (!view.ok()) return view.status();
    return ItemOf(*view);
  }
  if (in_store->kind == EmbeddedValue::kPrice) {
    std::shared_lock lock(state_->index_mutex);
    const detail::Entry* entry = state_->index.FindNumber(in_store->article_number);
    if (entry == nullptr) {
      return Status::NotFound("article_number", "no article " + QuoteForMessage(in_store->article_number.value()) +
                                                    " for this price label");
    }
    return ScannedItem{entry->article, Quantity::Pieces(1), *in_store->price, *in_store->price};
  }
  Result<ArticleView> view = FindByNumber(in_store->article_number, now_ms);
  if (!view.ok()) return view.status();
  return ItemOf(*view, *in_store->quantity);
}

}  // namespace kasse::catalog
