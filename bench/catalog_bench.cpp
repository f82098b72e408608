// Catalog lookups at the size of a large store: 200,000 articles.
//
// The catalog is built once per run in a temporary directory: GTIN-13s with
// valid check digits (10 % of articles carry a second one), 1,500 produce
// articles with PLUs (two thirds sold by weight), 40 product groups, VAT keys
// 1 (19 %) and 2 (7 %), and a price per article of which 10 % have a price
// change announced for next week. Keys are drawn at random from the catalog.
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <malloc.h>
#include <memory>
#include <optional>
#include <random>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unistd.h>
#include <vector>

#include <benchmark/benchmark.h>

#include "base/temp_dir.h"
#include "catalog/catalog.h"

namespace kasse::catalog {
namespace {

constexpr int kArticles = 200'000;
constexpr int kProduce = 1'500;
constexpr int kGroups = 40;
constexpr int kDeltaArticles = 1'000;
constexpr int kLatencyLookups = 100'000;
constexpr size_t kSearchLimit = 20;
constexpr int64_t kNow = 1'750'000'000'000;  // 2025-06-15
constexpr int64_t kDay = 86'400'000;
constexpr int64_t kWeek = 7 * kDay;

constexpr std::string_view kBrands[] = {
    "Müller", "Weihenstephan", "Bärenmarke", "Zott",     "Ehrmann",     "Dr. Oetker", "Haribo",  "Ritter Sport",
    "Milka",  "Knorr",         "Maggi",      "Söhnlein", "Rügenwalder", "Hochland",   "Bahlsen", "Leibniz",
    "Kölln",  "Seitenbacher",  "Frosch",     "Persil",   "Tempo",       "Nivea",      "Bionade", "Gerolsteiner"};
constexpr std::string_view kProducts[] = {
    "Vollmilch",       "Joghurt Erdbeere", "Schlagsahne",  "Käse Gouda",    "Butter",     "Quark",
    "Schokolade",      "Gummibärchen",     "Haferflocken", "Müsli",         "Kekse",      "Kaffee",
    "Tee Pfefferminz", "Apfelsaft",        "Orangensaft",  "Mineralwasser", "Spülmittel", "Waschmittel",
    "Taschentücher",   "Zahnpasta",        "Duschgel",     "Nudeln",        "Reis",       "Tomatensoße",
    "Brühe",           "Würstchen",        "Leberwurst",   "Frischkäse",    "Pudding",    "Eiscreme"};
constexpr std::string_view kSizes[] = {"100 g", "200 g", "250 g", "500 g", "1 kg", "0,5 l", "1 l", "1,5 l"};
constexpr std::string_view kProduceNames[] = {"Äpfel",      "Bananen",  "Birnen",  "Tomaten",  "Gurken",  "Möhren",
                                              "Kartoffeln", "Zwiebeln", "Paprika", "Zucchini", "Trauben", "Kiwi"};

template <size_t N>
std::string Pick(const std::string_view (&words)[N], std::mt19937_64& random) {
  return std::string(words[random() % N]);
}

std::string WithCheckDigit(const std::string& body) { return body + std::to_string(Gtin::CheckDigit(body)); }

std::string Padded(int value, size_t width) {
  std::string digits = std::to_string(value);
  return std::string(width - std::min(width, digits.size()), '0') + digits;
}

// Article i, the same every time it is built; `revision` changes its text.
Article MakeArticle(int i, std::mt19937_64& random, int revision) {
  Article article;
  article.number = ArticleNumber(std::to_string(100'000 + i));
  article.product_group = ProductGroupId("WG" + Padded(i % kGroups, 2));
  if (i < kProduce) {
    article.text = Pick(kProduceNames, random) + " Klasse I Nr. " + std::to_string(i);
    article.plu = *Plu::Parse(std::to_string(3000 + i));
    article.unit = i % 3 == 0 ? Unit::kPiece : Unit::kKilogram;
    article.vat_key = VatKey(2);
  } else {
    article.text = Pick(kBrands, random) + " " + Pick(kProducts, random) + " " + Pick(kSizes, random) +
                   (revision > 0 ? " neu " + std::to_string(revision) : "");
    // "40" + a 5-digit company + a 5-digit item: unique for i < 3000 × 100000.
    article.gtins.push_back(WithCheckDigit("40" + Padded(10'000 + i % 3000, 5) + Padded(i / 3000, 5)));
    if (i % 10 == 0) article.gtins.push_back(WithCheckDigit("41" + Padded(i, 10)));
    article.vat_key = VatKey(i % 10 < 7 ? 2 : 1);
  }
  return article;
}

std::vector<Price> MakePrices(int i, std::mt19937_64& random) {
  ArticleNumber number(std::to_string(100'000 + i));
  auto cents = static_cast<int64_t>(49 + random() % 2950);
  std::vector<Price> prices = {Price{number, Money::FromCents(cents), kNow - 52 * kWeek, std::nullopt}};
  if (i % 10 == 0) prices.push_back(Price{number, Money::FromCents(cents + 10), kNow + kWeek, std::nullopt});
  return prices;
}

struct Store {
  TempDir dir;
  std::optional<Catalog> catalog;
  std::vector<Gtin> gtins;  // every GTIN in the catalog
  std::vector<Plu> plus;    // every PLU
  std::vector<std::string> queries;
  std::mt19937_64 random{42};
};

CatalogDelta FullDelta(std::mt19937_64& random) {
  CatalogDelta delta;
  delta.to_version = 1;
  for (int g = 0; g < kGroups; ++g) {
    delta.upsert_groups.push_back(
        ProductGroup{ProductGroupId("WG" + Padded(g, 2)), "Warengruppe " + std::to_string(g)});
  }
  for (int i = 0; i < kArticles; ++i) {
    delta.upsert_articles.push_back(MakeArticle(i, random, 0));
    for (Price& price : MakePrices(i, random)) delta.upsert_prices.push_back(std::move(price));
  }
  return delta;
}

void CollectKeys(Store& store, const CatalogDelta& delta) {
  for (const Article& article : delta.upsert_articles) {
    for (const std::string& digits : article.gtins) store.gtins.push_back(*Gtin::Parse(digits));
    if (article.plu.has_value()) store.plus.push_back(*article.plu);
  }
  // Whole words and 3- to 6-byte pieces of random texts, in upper and lower case.
  for (int q = 0; q < 1000; ++q) {
    const std::string& text = delta.upsert_articles[store.random() % delta.upsert_articles.size()].text;
    size_t length = 3 + store.random() % 4;
    size_t start = store.random() % (text.size() - length);
    store.queries.push_back(text.substr(start, length));
    store.queries.push_back(q % 2 == 0 ? Pick(kProducts, store.random) : "MÜLLER");
  }
}

// The process's resident set, from /proc/self/statm (second field, in pages).
double ResidentMegabytes() {
  std::ifstream statm("/proc/self/statm");
  double pages = 0;
  statm >> pages >> pages;
  return pages * static_cast<double>(sysconf(_SC_PAGESIZE)) / 1e6;
}

std::unique_ptr<Store> BuildStore() {
  auto store = std::make_unique<Store>();
  auto start = std::chrono::steady_clock::now();
  store->catalog = std::move(Catalog::Open(store->dir.File("catalog.db"), VatTable::Germany())).value();
  {
    CatalogDelta delta = FullDelta(store->random);
    Status status = store->catalog->Apply(delta);
    if (!status.ok()) throw std::runtime_error(status.ToString());
    CollectKeys(*store, delta);
  }
  std::chrono::duration<double> seconds = std::chrono::steady_clock::now() - start;
  malloc_trim(0);  // give the delta's memory back, so the figure is the catalog's
  std::fprintf(stderr, "built a catalog of %zu articles in one delta in %.1f s; process resident memory %.0f MB\n",
               store->catalog->size(), seconds.count(), ResidentMegabytes());
  return store;
}

// Built on first use, so --benchmark_list_tests stays fast.
Store& TheStore() {
  static std::unique_ptr<Store> store = BuildStore();
  return *store;
}

void FindByGtin(benchmark::State& state) {
  Store& store = TheStore();
  std::uniform_int_distribution<size_t> pick(0, store.gtins.size() - 1);
  for (auto _ : state) {
    Result<ArticleView> view = store.catalog->FindByGtin(store.gtins[pick(store.random)], kNow);
    benchmark::DoNotOptimize(view);
  }
}

void FindByPlu(benchmark::State& state) {
  Store& store = TheStore();
  std::uniform_int_distribution<size_t> pick(0, store.plus.size() - 1);
  for (auto _ : state) {
    Result<ArticleView> view = store.catalog->FindByPlu(store.plus[pick(store.random)], kNow);
    benchmark::DoNotOptimize(view);
  }
}

void Search(benchmark::State& state) {
  Store& store = TheStore();
  std::uniform_int_distribution<size_t> pick(0, store.queries.size() - 1);
  size_t results = 0;
  for (auto _ : state) {
    std::vector<ArticleView> found = store.catalog->Search(store.queries[pick(store.random)], kNow, kSearchLimit);
    results += found.size();
    benchmark::DoNotOptimize(found);
  }
  state.counters["results"] = benchmark::Counter(static_cast<double>(results), benchmark::Counter::kAvgIterations);
}

// The worst case: a text no article contains, so the whole text buffer is scanned.
void SearchWithoutMatch(benchmark::State& state) {
  Store& store = TheStore();
  for (auto _ : state) {
    std::vector<ArticleView> found = store.catalog->Search("Quarkkeulchen", kNow, kSearchLimit);
    benchmark::DoNotOptimize(found);
  }
}

// 1,000 articles with a new text and a price change, written and swapped in.
void ApplyDelta(benchmark::State& state) {
  Store& store = TheStore();
  int revision = 0;
  for (auto _ : state) {
    state.PauseTiming();
    CatalogDelta delta;
    delta.from_version = store.catalog->version();
    delta.to_version = delta.from_version + 1;
    ++revision;
    for (int k = 0; k < kDeltaArticles; ++k) {
      int i = static_cast<int>(store.random() % kArticles);
      Article article = MakeArticle(i, store.random, revision);
      if (std::any_of(delta.upsert_articles.begin(), delta.upsert_articles.end(),
                      [&](const Article& a) { return a.number == article.number; })) {
        continue;
      }
      delta.upsert_prices.push_back(
          Price{article.number, Money::FromCents(99 + revision), kNow + 2 * kWeek + revision, std::nullopt});
      delta.upsert_articles.push_back(std::move(article));
    }
    state.ResumeTiming();
    Status status = store.catalog->Apply(delta);
    if (!status.ok()) state.SkipWithError(status.ToString().c_str());
  }
}

// Reading the file and rebuilding the indexes, as at every start of the register.
void Reopen(benchmark::State& state) {
  Store& store = TheStore();
  for (auto _ : state) {
    Result<Catalog> reopened = Catalog::Open(store.dir.File("catalog.db"), VatTable::Germany());
    if (!reopened.ok() || reopened->size() != store.catalog->size()) state.SkipWithError("reopen failed");
  }
}

// 100,000 single lookups, each timed on its own: the latency a cashier sees.
void FindByGtinLatency(benchmark::State& state) {
  Store& store = TheStore();
  std::uniform_int_distribution<size_t> pick(0, store.gtins.size() - 1);
  std::vector<double> nanos(kLatencyLookups);
  for (auto _ : state) {
    for (double& elapsed : nanos) {
      const Gtin& gtin = store.gtins[pick(store.random)];
      auto start = std::chrono::steady_clock::now();
      Result<ArticleView> view = store.catalog->FindByGtin(gtin, kNow);
      benchmark::DoNotOptimize(view);
      elapsed = std::chrono::duration<double, std::nano>(std::chrono::steady_clock::now() - start).count();
    }
  }
  std::sort(nanos.begin(), nanos.end());
  auto at = [&](double quantile) {
    return nanos[static_cast<size_t>(quantile * static_cast<double>(nanos.size() - 1))];
  };
  state.counters["p50_ns"] = at(0.50);
  state.counters["p99_ns"] = at(0.99);
  state.counters["p99.9_ns"] = at(0.999);
  state.counters["max_ns"] = nanos.back();
}

BENCHMARK(FindByGtin)->Name("BM_FindByGtin");
BENCHMARK(FindByPlu)->Name("BM_FindByPlu");
BENCHMARK(Search)->Name("BM_Search");
BENCHMARK(SearchWithoutMatch)->Name("BM_SearchWithoutMatch")->Unit(benchmark::kMicrosecond);
BENCHMARK(FindByGtinLatency)->Name("BM_FindByGtinLatency")->Iterations(1)->Unit(benchmark::kMillisecond);
BENCHMARK(ApplyDelta)->Name("BM_ApplyDelta")->Unit(benchmark::kMillisecond);
BENCHMARK(Reopen)->Name("BM_Reopen")->Iterations(3)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace kasse::catalog

BENCHMARK_MAIN();
