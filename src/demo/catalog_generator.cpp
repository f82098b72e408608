#include "demo/catalog_generator.h"

#include <algorithm>
#include <map>
#include <string_view>

#include <fmt/format.h>

#include "demo/detail/catalog_words.h"
#include "domain/gtin.h"
#include "domain/in_store_ean.h"

namespace kasse::demo {
namespace {

constexpr int64_t kFirstArticleNumber = 100001;
constexpr int64_t kMinShelfPriceCents = 19;
constexpr VatKey kReduced{2};
// Regional prices: the share of articles (in tenths) whose price differs, and by how much.
constexpr uint64_t kLeipzigShare = 3;
constexpr int64_t kLeipzigPercent = 97;
constexpr uint64_t kMunichShare = 4;
constexpr int64_t kMunichPercent = 105;

// Shelf prices end in 9 cents.
int64_t ShelfPrice(int64_t cents) { return std::max((cents + 5) / 10 * 10 - 1, kMinShelfPriceCents); }

int64_t Percent(int64_t cents, int64_t percent) { return (cents * percent + 50) / 100; }

std::string WithCheckDigit(const std::string& digits) { return digits + std::to_string(Gtin::CheckDigit(digits)); }

// FNV-1a: a stable hash, so regional prices are the same on every machine.
uint64_t StableHash(std::string_view text) {
  uint64_t hash = 14695981039346656037ULL;
  for (char c : text) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 1099511628211ULL;
  }
  return hash;
}

// Hands out GTIN-13s: one GS1 company prefix per brand, items numbered per brand.
class GtinMaker {
 public:
  std::string Next(std::string_view brand) {
    auto [it, added] = brands_.try_emplace(brand, Brand{brands_.size(), 0});
    size_t index = it->second.index;
    int item = ++it->second.items;
    return WithCheckDigit(fmt::format("4{}{:05}{:05}", index % 4, 12345 + index * 131, 100 + item));
  }

 private:
  struct Brand {
    size_t index;
    int items;
  };
  std::map<std::string_view, Brand> brands_;
};

class Builder {
 public:
  size_t AddGroup(std::string_view id, std::string_view name, int popularity) {
    catalog_.groups.push_back(
        {catalog::ProductGroup{ProductGroupId(std::string(id)), std::string(name)}, popularity, {}});
    return catalog_.groups.size() - 1;
  }

  // `number` empty: the next article number.
  void AddArticle(size_t group, std::string number, catalog::Article article, int64_t cents, RingUp ring_up) {
    article.number = ArticleNumber(number.empty() ? std::to_string(next_number_++) : std::move(number));
    article.product_group = catalog_.groups[group].group.id;
    catalog_.groups[group].articles.push_back(catalog_.articles.size());
    catalog_.articles.push_back({std::move(article), cents, ring_up});
  }

  void AddPackaged() {
    for (const detail::GroupSpec& spec : detail::PackagedGroups()) {
      size_t group = AddGroup(spec.id, spec.name, spec.popularity);
      for (const detail::ProductSpec& product : spec.products) AddProduct(group, spec, product);
    }
  }

  void AddProduct(size_t group, const detail::GroupSpec& spec, const detail::ProductSpec& product) {
    const std::vector<detail::BrandSpec>& brands = product.brands.empty() ? spec.brands : product.brands;
    std::vector<std::string_view> variants = product.variants;
    if (variants.empty()) variants.emplace_back();
    for (std::string_view variant : variants) {
      for (const detail::BrandSpec& brand : brands) {
        std::string text =
            fmt::format("{} {}{}{} {}", brand.name, product.name, variant.empty() ? "" : " ", variant, product.size);
        catalog::Article article;
        article.text = std::move(text);
        article.gtins = {gtins_.Next(brand.name)};
        article.vat_key = VatKey(product.vat_key != 0 ? product.vat_key : spec.vat_key);
        article.unit = Unit::kPiece;
        AddArticle(group, "", std::move(article), ShelfPrice(Percent(product.base_cents, brand.price_percent)),
                   RingUp::kScanGtin);
      }
    }
  }

  void AddFresh() {
    size_t produce = AddGroup("OBST", "Obst & Gemüse", 20);
    for (const detail::ProduceSpec& spec : detail::Produce()) {
      catalog::Article article;
      article.text = std::string(spec.name);
      article.plu = *Plu::Parse(std::to_string(spec.plu));
      article.vat_key = kReduced;
      article.unit = spec.weighed ? Unit::kKilogram : Unit::kPiece;
      AddArticle(produce, "", std::move(article), spec.cents, spec.weighed ? RingUp::kWeighPlu : RingUp::kCountPlu);
    }
    size_t counter = AddGroup("THEKE", "Käse- und Wursttheke", 4);
    int counter_number = 1001;
    for (const detail::CounterSpec& spec : detail::CounterGoods()) {
      catalog::Article article;
      article.text = std::string(spec.name);
      article.vat_key = kReduced;
      article.unit = Unit::kKilogram;
      // The scale's label names the article by prefix + 4 digits (InStoreCode::article_number).
      AddArticle(counter, "28" + std::to_string(counter_number++), std::move(article), spec.cents_per_kg,
                 RingUp::kScaleLabel);
    }
    size_t bakery = AddGroup("BACKSTATION", "Backstation", 6);
    int bakery_item = 10001;
    for (const detail::BakerySpec& spec : detail::BakeryGoods()) {
      catalog::Article article;
      article.text = std::string(spec.name);
      article.gtins = {WithCheckDigit("2000000" + std::to_string(bakery_item++))};
      article.vat_key = kReduced;
      article.unit = Unit::kPiece;
      AddArticle(bakery, "", std::move(article), spec.cents, RingUp::kScanGtin);
    }
  }

  DemoCatalog Take() { return std::move(catalog_); }

 private:
  DemoCatalog catalog_;
  GtinMaker gtins_;
  int64_t next_number_ = kFirstArticleNumber;
};

std::string CsvField(std::string_view text) {
  std::string quoted = "\"";
  for (char c : text) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  return quoted + "\"";
}

std::string UnitName(Unit unit) { return unit == Unit::kKilogram ? "kg" : "piece"; }

}  // namespace

DemoCatalog GenerateCatalog() {
  Builder builder;
  builder.AddFresh();
  builder.AddPackaged();
  return builder.Take();
}

int64_t StorePriceCents(const DemoArticle& article, size_t store_index) {
  uint64_t tenth = StableHash(article.article.number.value()) % 10;
  if (store_index == 1 && tenth < kLeipzigShare) {
    return ShelfPrice(Percent(article.base_price_cents, kLeipzigPercent));
  }
  if (store_index == 2 && tenth < kMunichShare) return ShelfPrice(Percent(article.base_price_cents, kMunichPercent));
  return article.base_price_cents;
}

std::string CatalogCsv(const DemoCatalog& catalog, const std::vector<std::string>& store_ids) {
  std::string csv = "number;text;gtins;plu;vat_key;product_group;unit;price_cents;store\n";
  csv.reserve(catalog.articles.size() * store_ids.size() * 100);
  for (const DemoArticle& demo : catalog.articles) {
    const catalog::Article& article = demo.article;
    std::string gtins;
    for (const std::string& gtin : article.gtins) gtins += (gtins.empty() ? "" : "|") + gtin;
    std::string columns = fmt::format("{};{};{};{};{};{};{}", article.number.value(), CsvField(article.text), gtins,
                                      article.plu ? article.plu->ToString() : "", article.vat_key.value(),
                                      article.product_group.value(), UnitName(article.unit));
    for (size_t store = 0; store < store_ids.size(); ++store) {
      csv += fmt::format("{};{};{}\n", columns, StorePriceCents(demo, store), store_ids[store]);
    }
  }
  return csv;
}

catalog::CatalogDelta StoreSnapshot(const DemoCatalog& catalog, size_t store_index, int64_t version) {
  catalog::CatalogDelta delta;
  delta.from_version = 0;
  delta.to_version = version;
  for (const DemoGroup& group : catalog.groups) delta.upsert_groups.push_back(group.group);
  for (const DemoArticle& demo : catalog.articles) {
    delta.upsert_articles.push_back(demo.article);
    delta.upsert_prices.push_back(
        {demo.article.number, Money::FromCents(StorePriceCents(demo, store_index)), 0, std::nullopt});
  }
  return delta;
}

std::string ScaleLabel(const DemoArticle& article, int64_t grams) {
  std::string value = fmt::format("{:05}", grams);
  std::string digits = article.article.number.value() + std::to_string(PriceCheckDigit(value)) + value;
  return WithCheckDigit(digits);
}

}  // namespace kasse::demo
