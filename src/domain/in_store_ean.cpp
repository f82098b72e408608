#include "domain/in_store_ean.h"

#include <algorithm>
#include <array>

namespace kasse {
namespace {

constexpr int kEan13Length = 13;
constexpr size_t kPrefixDigits = 2;

// GS1 weighted products of a digit, one table per weighting factor.
constexpr std::array<int, 10> kTwoMinus = {0, 2, 4, 6, 8, 9, 1, 3, 5, 7};
constexpr std::array<int, 10> kThree = {0, 3, 6, 9, 2, 5, 8, 1, 4, 7};
constexpr std::array<int, 10> kFivePlus = {0, 5, 1, 6, 2, 7, 3, 8, 4, 9};
constexpr std::array<int, 10> kFiveMinus = {0, 5, 9, 4, 8, 3, 7, 2, 6, 1};

int Digit(std::string_view digits, size_t i) { return digits[i] - '0'; }

int Product(const std::array<int, 10>& table, std::string_view digits, size_t i) {
  return table[static_cast<size_t>(Digit(digits, i))];
}

int64_t ToNumber(std::string_view digits) {
  int64_t value = 0;
  for (char c : digits) value = value * 10 + (c - '0');
  return value;
}

}  // namespace

int PriceCheckDigit(std::string_view value) {
  if (value.size() == 4) {
    int sum = Product(kTwoMinus, value, 0) + Product(kTwoMinus, value, 1) + Product(kThree, value, 2) +
              Product(kFiveMinus, value, 3);
    return sum * 3 % 10;
  }
  int sum = Product(kFivePlus, value, 0) + Product(kTwoMinus, value, 1) + Product(kFiveMinus, value, 2) +
            Product(kFivePlus, value, 3) + Product(kTwoMinus, value, 4);
  int target = (10 - sum % 10) % 10;
  auto it = std::find(kFiveMinus.begin(), kFiveMinus.end(), target);
  return static_cast<int>(it - kFiveMinus.begin());
}

InStoreEanRules InStoreEanRules::GermanyGs1() {
  InStoreEanRules rules;
  for (int prefix : {22, 23})
    rules.layouts_.push_back({prefix, EmbeddedValue::kPrice, 4, ValueCheck::kPriceCheckDigit, 5});
  for (int prefix : {25, 26})
    rules.layouts_.push_back({prefix, EmbeddedValue::kCount, 4, ValueCheck::kPriceCheckDigit, 5});
  for (int prefix : {28, 29})
    rules.layouts_.push_back({prefix, EmbeddedValue::kWeight, 4, ValueCheck::kPriceCheckDigit, 5});
  return rules;
}

Status InStoreEanRules::Set(const InStoreEanLayout& layout) {
  if (layout.prefix < 20 || layout.prefix > 29) return Status::InvalidArgument("prefix", "must be 20–29");
  if (layout.article_digits < 1 || layout.value_digits < 1) {
    return Status::InvalidArgument("article_digits", "article and value need at least one digit each");
  }
  int check_digits = layout.check == ValueCheck::kNone ? 0 : 1;
  if (static_cast<int>(kPrefixDigits) + layout.article_digits + check_digits + layout.value_digits + 1 !=
      kEan13Length) {
    return Status::InvalidArgument("value_digits",
                                   "prefix, article, check and value digits plus the EAN check "
                                   "digit must add up to 13");
  }
  if (layout.check == ValueCheck::kPriceCheckDigit && layout.value_digits != 4 && layout.value_digits != 5) {
    return Status::InvalidArgument("value_digits", "a price check digit is defined for 4- or 5-digit values only");
  }
  std::erase_if(layouts_, [&](const InStoreEanLayout& l) { return l.prefix == layout.prefix; });
  layouts_.push_back(layout);
  return Status::Ok();
}

const InStoreEanLayout* InStoreEanRules::Find(const Gtin& gtin) const {
  if (!gtin.IsRestrictedCirculation()) return nullptr;
  std::string_view digits = gtin.digits();
  int prefix = static_cast<int>(ToNumber(digits.substr(0, kPrefixDigits)));
  auto it = std::find_if(layouts_.begin(), layouts_.end(),
                         [prefix](const InStoreEanLayout& l) { return l.prefix == prefix; });
  return it == layouts_.end() ? nullptr : &*it;
}

Result<InStoreCode> InStoreEanRules::Decode(const Gtin& gtin) const {
  const InStoreEanLayout* layout = Find(gtin);
  if (layout == nullptr) return Status::NotFound("", "no in-store EAN layout is configured for " + gtin.digits());
  std::string_view digits = gtin.digits();
  size_t article_end = kPrefixDigits + static_cast<size_t>(layout->article_digits);
  size_t value_begin = article_end + (layout->check == ValueCheck::kNone ? 0 : 1);
  std::string_view value = digits.substr(value_begin, static_cast<size_t>(layout->value_digits));
  if (layout->check == ValueCheck::kPriceCheckDigit && Digit(digits, article_end) != PriceCheckDigit(value)) {
    return Status::InvalidArgument(
        "", "price check digit of " + gtin.digits() + " does not match its value " + std::string(value));
  }
  InStoreCode code{ArticleNumber(std::string(digits.substr(0, article_end))), layout->value, std::nullopt,
                   std::nullopt};
  switch (layout->value) {
    case EmbeddedValue::kPrice: code.price = Money::FromCents(ToNumber(value)); break;
    case EmbeddedValue::kCount: code.quantity = Quantity::Pieces(ToNumber(value)); break;
    case EmbeddedValue::kWeight: code.quantity = Quantity::Milli(Unit::kKilogram, ToNumber(value)); break;
  }
  return code;
}

}  // namespace kasse
