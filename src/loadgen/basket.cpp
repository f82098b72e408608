#include "loadgen/basket.h"

#include <algorithm>
#include <array>
#include <string_view>

namespace kasse::loadgen {
namespace {

struct Article {
  std::string_view number;
  std::string_view text;
  int64_t cents;  // per piece, or per kilogram for weighed goods
  int vat_key;    // 1: 19 %, 2: 7 %
  std::string_view group;
};

constexpr std::array<Article, 16> kPieces = {{
    {"100234", "Weihenstephan Frische Vollmilch 3,5 % 1 l", 119, 2, "WG10"},
    {"101777", "Ritter Sport Alpenmilch 100 g", 149, 2, "WG12"},
    {"103050", "Kölln Haferflocken zart 500 g", 179, 2, "WG13"},
    {"105300", "Hochland Sandwich Scheiben 200 g", 229, 2, "WG10"},
    {"106010", "Harry Mischbrot 750 g", 249, 2, "WG14"},
    {"107220", "Barilla Spaghetti n.5 500 g", 199, 2, "WG13"},
    {"108400", "Jacobs Krönung 500 g", 699, 2, "WG15"},
    {"109001", "Landliebe Butter 250 g", 279, 2, "WG10"},
    {"104001", "Gerolsteiner Sprudel 1,5 l", 89, 1, "WG30"},
    {"104120", "Coca-Cola 1,0 l", 149, 1, "WG30"},
    {"200111", "Frosch Spülmittel Zitrone 500 ml", 249, 1, "WG20"},
    {"200999", "Varta Batterien Mignon AA 4 Stück", 499, 1, "WG20"},
    {"201450", "Tempo Taschentücher 10 × 10 Stück", 199, 1, "WG21"},
    {"202300", "Nivea Creme 150 ml", 345, 1, "WG22"},
    {"203010", "Persil Universal Gel 20 WL", 599, 1, "WG20"},
    {"110500", "Beck's Pils 0,5 l", 99, 1, "WG31"},
}};

constexpr std::array<Article, 5> kWeighed = {{
    {"400100", "Bananen lose", 169, 2, "WG40"},
    {"400210", "Äpfel Elstar lose", 299, 2, "WG40"},
    {"400330", "Tomaten Rispe lose", 349, 2, "WG40"},
    {"410010", "Gouda mittelalt Theke", 1290, 2, "WG41"},
    {"420050", "Hackfleisch gemischt Theke", 899, 2, "WG42"},
}};

reg::SaleItem ItemOf(const Article& article) {
  return reg::SaleItem{ArticleNumber(std::string(article.number)), std::string(article.text),
                       Money::FromCents(article.cents), VatKey(article.vat_key),
                       ProductGroupId(std::string(article.group))};
}

}  // namespace

BasketLine BasketMix::Line() {
  if (Below(1000) < BasketLimits::kWeighedPerMille) {
    const Article& article = kWeighed[static_cast<size_t>(Below(static_cast<int>(kWeighed.size())))];
    return {ItemOf(article), Quantity::Milli(Unit::kKilogram, 150 + Below(1350))};  // 0.150–1.499 kg
  }
  const Article& article = kPieces[static_cast<size_t>(Below(static_cast<int>(kPieces.size())))];
  return {ItemOf(article), Quantity::Pieces(Below(10) < 8 ? 1 : 2 + Below(4))};
}

Basket BasketMix::Next() {
  Basket basket;
  int kind = Below(1000);
  if (kind < BasketLimits::kReturnsPerMille) {
    basket.kind = BasketKind::kReturn;
  } else if (kind < BasketLimits::kReturnsPerMille + BasketLimits::kAbortsPerMille) {
    basket.kind = BasketKind::kAbort;
  }
  basket.method = Below(1000) < BasketLimits::kCardPerMille ? PaymentMethod::kGirocard : PaymentMethod::kCash;
  if (basket.kind == BasketKind::kReturn) return basket;
  // Mostly small baskets, now and then a weekly shop: 1–15 lines, median about 4.
  int lines = 1 + std::min(Below(6) + Below(6) + (Below(4) == 0 ? Below(6) : 0), BasketLimits::kMaxLines - 1);
  for (int i = 0; i < lines; ++i) basket.lines.push_back(Line());
  return basket;
}

}  // namespace kasse::loadgen
