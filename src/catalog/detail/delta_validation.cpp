#include "catalog/detail/delta_validation.h"

#include <string>
#include <unordered_map>
#include <unordered_set>

#include "domain/gtin.h"
#include "domain/receipt_limits.h"
#include "domain/text.h"

namespace kasse::catalog::detail {
namespace {

// Checks a delta in one pass over its lists, remembering what the catalog will
// hold afterwards: the articles upserted or deleted, the groups, and who owns
// which code among the upserted articles.
class DeltaValidator {
 public:
  DeltaValidator(const CatalogDelta& delta, const CatalogIndex& index, const VatTable& vat_table)
      : delta_(delta), index_(index), vat_table_(vat_table) {}

  Status Run() {
    KASSE_RETURN_IF_ERROR(EachOf(delta_.upsert_groups, "upsert_groups", &DeltaValidator::CheckGroup));
    KASSE_RETURN_IF_ERROR(EachOf(delta_.delete_articles, "delete_articles", &DeltaValidator::NoteDeletion));
    KASSE_RETURN_IF_ERROR(EachOf(delta_.upsert_articles, "upsert_articles", &DeltaValidator::CheckArticle));
    KASSE_RETURN_IF_ERROR(EachOf(delta_.upsert_articles, "upsert_articles", &DeltaValidator::CheckCodesAreFree));
    KASSE_RETURN_IF_ERROR(EachOf(delta_.delete_prices, "delete_prices", &DeltaValidator::CheckPriceKey));
    return EachOf(delta_.upsert_prices, "upsert_prices", &DeltaValidator::CheckPrice);
  }

 private:
  template <typename Record>
  Status EachOf(const std::vector<Record>& records, const char* list, Status (DeltaValidator::*check)(const Record&)) {
    for (size_t i = 0; i < records.size(); ++i) {
      Status status = (this->*check)(records[i]);
      if (!status.ok()) return status.WithFieldPrefix(IndexedField(list, i));
    }
    return Status::Ok();
  }

  Status CheckGroup(const ProductGroup& group) {
    KASSE_RETURN_IF_ERROR(ValidateText(group.id.value(), limits::kMaxProductGroupBytes).WithFieldPrefix("id"));
    KASSE_RETURN_IF_ERROR(ValidateText(group.name, kMaxProductGroupNameBytes).WithFieldPrefix("name"));
    if (!groups_.insert(group.id.value()).second) {
      return Status::InvalidArgument("id", "product group " + group.id.value() + " appears twice in the delta");
    }
    return Status::Ok();
  }

  Status NoteDeletion(const ArticleNumber& number) {
    deleted_.insert(number.value());
    return Status::Ok();
  }

  Status CheckArticle(const Article& article) {
    const std::string& number = article.number.value();
    KASSE_RETURN_IF_ERROR(ValidateText(number, limits::kMaxArticleNumberBytes).WithFieldPrefix("number"));
    if (!upserted_.insert(number).second) {
      return Status::InvalidArgument("number", "article " + number + " appears twice in the delta");
    }
    if (deleted_.contains(number)) {
      return Status::InvalidArgument("number", "article " + number + " is both upserted and deleted");
    }
    KASSE_RETURN_IF_ERROR(ValidateText(article.text, limits::kMaxArticleTextBytes).WithFieldPrefix("text"));
    for (size_t i = 0; i < article.gtins.size(); ++i) {
      KASSE_RETURN_IF_ERROR(ClaimGtin(article, i).WithFieldPrefix(IndexedField("gtins", i)));
    }
    if (article.plu.has_value() && !plu_owner_.emplace(article.plu->value(), number).second) {
      return Status::InvalidArgument("plu", "PLU " + article.plu->ToString() + " is also given to article " +
                                                plu_owner_.at(article.plu->value()) + " in this delta");
    }
    KASSE_RETURN_IF_ERROR(vat_table_.Lookup(article.vat_key).status().WithFieldPrefix("vat_key"));
    if (!groups_.contains(article.product_group.value()) && index_.FindGroup(article.product_group) == nullptr) {
      return Status::NotFound("product_group",
                              "unknown product group " + QuoteForMessage(article.product_group.value()));
    }
    return Status::Ok();
  }

  Status ClaimGtin(const Article& article, size_t i) {
    Result<Gtin> gtin = Gtin::Parse(article.gtins[i]);
    if (!gtin.ok()) return gtin.status();
    auto [owner, fresh] = gtin_owner_.emplace(GtinKey(gtin->digits()), article.number.value());
    if (!fresh) {
      return Status::InvalidArgument(
          "", "GTIN " + gtin->digits() + " is also given to article " + owner->second + " in this delta");
    }
    return Status::Ok();
  }

  // After every upserted article is known: a code still held by an article that
  // this delta neither replaces nor deletes cannot be taken.
  Status CheckCodesAreFree(const Article& article) {
    for (size_t i = 0; i < article.gtins.size(); ++i) {
      const Entry* holder = index_.FindGtin(GtinKey(article.gtins[i]));
      if (Kept(holder, article)) {
        return Status::Conflict(IndexedField("gtins", i),
                                "GTIN " + article.gtins[i] + " belongs to article " + holder->article.number.value());
      }
    }
    if (article.plu.has_value()) {
      const Entry* holder = index_.FindPlu(*article.plu);
      if (Kept(holder, article)) {
        return Status::Conflict(
            "plu", "PLU " + article.plu->ToString() + " belongs to article " + holder->article.number.value());
      }
    }
    return Status::Ok();
  }

  bool Kept(const Entry* holder, const Article& claimant) const {
    if (holder == nullptr || holder->article.number == claimant.number) return false;
    const std::string& number = holder->article.number.value();
    return !upserted_.contains(number) && !deleted_.contains(number);
  }

  Status CheckPriceKey(const PriceKey& key) {
    return ValidateText(key.article.value(), limits::kMaxArticleNumberBytes).WithFieldPrefix("article");
  }

  Status CheckPrice(const Price& price) {
    const std::string& number = price.article.value();
    bool exists =
        upserted_.contains(number) || (!deleted_.contains(number) && index_.FindNumber(price.article) != nullptr);
    if (!exists) return Status::NotFound("article", "no article " + QuoteForMessage(number) + " for this price");
    if (price.unit_price.is_negative()) return Status::InvalidArgument("unit_price", "must not be negative");
    if (price.unit_price.cents() > limits::kMaxUnitPriceCents) {
      return Status::InvalidArgument("unit_price",
                                     "must not exceed " + Money::FromCents(limits::kMaxUnitPriceCents).ToString());
    }
    if (price.valid_to_ms.has_value() && *price.valid_to_ms <= price.valid_from_ms) {
      return Status::InvalidArgument("valid_to_ms", "must be after valid_from_ms");
    }
    if (!prices_.emplace(number, price.valid_from_ms).second) {
      return Status::InvalidArgument("valid_from_ms", "article " + number + " has two prices from this instant");
    }
    return Status::Ok();
  }

  struct PriceKeyHash {
    size_t operator()(const std::pair<std::string, int64_t>& key) const {
      return std::hash<std::string>()(key.first) ^ std::hash<int64_t>()(key.second);
    }
  };

  const CatalogDelta& delta_;
  const CatalogIndex& index_;
  const VatTable& vat_table_;
  std::unordered_set<std::string> groups_;
  std::unordered_set<std::string> upserted_;
  std::unordered_set<std::string> deleted_;
  std::unordered_map<uint64_t, std::string> gtin_owner_;
  std::unordered_map<int, std::string> plu_owner_;
  std::unordered_set<std::pair<std::string, int64_t>, PriceKeyHash> prices_;
};

}  // namespace

Status ValidateDelta(const CatalogDelta& delta, const CatalogIndex& index, const VatTable& vat_table) {
  return DeltaValidator(delta, index, vat_table).Run();
}

}  // namespace kasse::catalog::detail
