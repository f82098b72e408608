// The word lists the demo catalog is generated from: product groups with their
// brands and products, loose produce with PLUs, the cheese and meat counter, and
// the in-store bakery. Internal to the demo module (catalog_generator.h).
//
// Thread-safety: immutable data behind functions.
#pragma once

#include <cstdint>
#include <string_view>
#include <utility>
#include <vector>

namespace kasse::demo::detail {

struct BrandSpec {
  std::string_view name;
  int price_percent;  // of the product's base price
};

struct ProductSpec {
  ProductSpec(std::string_view product, std::vector<std::string_view> kinds, std::string_view pack, int64_t cents,
              int vat = 0, std::vector<BrandSpec> own_brands = {})
      : name(product),
        variants(std::move(kinds)),
        size(pack),
        base_cents(cents),
        vat_key(vat),
        brands(std::move(own_brands)) {}

  std::string_view name;
  std::vector<std::string_view> variants;  // empty: the product alone
  std::string_view size;
  int64_t base_cents;
  int vat_key = 0;                // 0: the group's
  std::vector<BrandSpec> brands;  // empty: the group's
};

struct GroupSpec {
  std::string_view id;
  std::string_view name;
  int vat_key;     // DSFinV-K USt-Schlüssel: 1 = 19 %, 2 = 7 %
  int popularity;  // relative share of the items a shopper picks
  std::vector<BrandSpec> brands;
  std::vector<ProductSpec> products;
};

// Sold loose: weighed per kg, or per piece, rung up by PLU.
struct ProduceSpec {
  std::string_view name;
  int plu;
  int64_t cents;  // per kg or per piece
  bool weighed;
};

// Weighed at the counter; the scale prints an in-store EAN (prefix 28) with the weight.
struct CounterSpec {
  std::string_view name;
  int64_t cents_per_kg;
};

// Baked in the store, sold by the piece with in-store GTINs (prefix 20).
struct BakerySpec {
  std::string_view name;
  int64_t cents;
};

const std::vector<GroupSpec>& PackagedGroups();
const std::vector<ProduceSpec>& Produce();
const std::vector<CounterSpec>& CounterGoods();
const std::vector<BakerySpec>& BakeryGoods();

}  // namespace kasse::demo::detail
