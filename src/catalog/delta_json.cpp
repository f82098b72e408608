#include "catalog/delta_json.h"

#include <array>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <limits>
#include <optional>
#include <set>
#include <system_error>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/json_nesting.h"
#include "domain/text.h"
// A detail header of another module, used until JsonReader moves to a shared
// place; copying it would leave two strict readers to keep in step.
#include "journal/detail/json_reader.h"

namespace kasse::catalog {
namespace {

using Json = nlohmann::json;
using journal::detail::JsonReader;

Json EncodeArticle(const Article& article) {
  Json json{{"number", article.number.value()},
            {"text", article.text},
            {"gtins", article.gtins},
            {"vat_key", article.vat_key.value()},
            {"product_group", article.product_group.value()},
            {"unit", UnitCode(article.unit)}};
  if (article.plu.has_value()) json["plu"] = article.plu->value();
  return json;
}

Json EncodePrice(const Price& price) {
  Json json{{"article", price.article.value()},
            {"unit_price_cents", price.unit_price.cents()},
            {"valid_from_ms", price.valid_from_ms}};
  if (price.valid_to_ms.has_value()) json["valid_to_ms"] = *price.valid_to_ms;
  return json;
}

template <typename T, typename Encode>
Json EncodeList(const std::vector<T>& items, Encode encode) {
  Json list = Json::array();
  for (const T& item : items) list.push_back(encode(item));
  return list;
}

// A first pass over the text, without building anything: finds syntax errors
// with their position, and a member repeated within one object, which the DOM
// parser would resolve silently to its last value. (nlohmann's parser callback
// could do this in the same pass, but it makes parsing about 40 times slower.)
class MemberChecker final : public nlohmann::json_sax<Json> {
 public:
  const Status& status() const { return status_; }

  bool null() override { return true; }
  bool boolean(bool /*value*/) override { return true; }
  bool number_integer(number_integer_t /*value*/) override { return true; }
  bool number_unsigned(number_unsigned_t /*value*/) override { return true; }
  bool number_float(number_float_t /*value*/, const string_t& /*text*/) override { return true; }
  bool string(string_t& /*value*/) override { return true; }
  bool binary(binary_t& /*value*/) override { return true; }
  bool start_array(size_t /*elements*/) override { return true; }
  bool end_array() override { return true; }
  bool start_object(size_t /*elements*/) override {
    open_objects_.emplace_back();
    return true;
  }
  bool end_object() override {
    open_objects_.pop_back();
    return true;
  }
  bool key(string_t& name) override {
    if (open_objects_.back().insert(name).second) return true;
    status_ = Status::InvalidArgument(name, "appears twice in one object");
    return false;
  }
  bool parse_error(size_t position, const std::string& /*token*/, const Json::exception& /*error*/) override {
    status_ = Status::InvalidArgument("", "is not valid JSON (at byte " + std::to_string(position) + ")");
    return false;
  }

 private:
  std::vector<std::set<std::string, std::less<>>> open_objects_;
  Status status_;
};

Result<Json> Parse(std::string_view text) {
  KASSE_RETURN_IF_ERROR(CheckJsonNesting(text));  // a delta comes from the server or a file
  MemberChecker checker;
  if (!Json::sax_parse(text, &checker)) {
    return checker.status().ok() ? Status::InvalidArgument("", "is not valid JSON") : checker.status();
  }
  Json json = Json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (json.is_discarded()) return Status::InvalidArgument("", "is not valid JSON");
  return json;
}

int64_t IntIn(JsonReader& r, std::string_view name, int64_t min, int64_t max) {
  int64_t value = r.Int(name);
  if (r.ok() && (value < min || value > max)) {
    r.Fail(name, "must be between " + std::to_string(min) + " and " + std::to_string(max));
  }
  return value;
}

std::vector<std::string> DecodeStrings(JsonReader& parent, std::string_view name) {
  std::vector<std::string> strings;
  const Json* list = parent.Array(name);
  if (list == nullptr) return strings;
  for (size_t i = 0; i < list->size(); ++i) {
    const Json& item = (*list)[i];
    if (!item.is_string()) {
      parent.Fail(IndexedField(name, i), "must be a string");
      break;
    }
    strings.push_back(item.get<std::string>());
  }
  return strings;
}

// Decodes each object of the list `name` with `decode`, which reads its members.
template <typename T, typename Decode>
std::vector<T> DecodeList(JsonReader& parent, std::string_view name, Decode decode) {
  std::vector<T> items;
  const Json* list = parent.Array(name);
  if (list == nullptr) return items;
  items.reserve(list->size());
  for (size_t i = 0; i < list->size() && parent.ok(); ++i) {
    JsonReader r((*list)[i], parent.PathOf(IndexedField(name, i)));
    items.push_back(decode(r));
    parent.Absorb(r.Finish());
  }
  return items;
}

ProductGroup DecodeGroup(JsonReader& r) {
  ProductGroup group;
  group.id = ProductGroupId(r.String("id"));
  group.name = r.String("name");
  return group;
}

Article DecodeArticle(JsonReader& r) {
  Article article;
  article.number = ArticleNumber(r.String("number"));
  article.text = r.String("text");
  article.gtins = DecodeStrings(r, "gtins");
  if (std::optional<int64_t> plu = r.OptionalInt("plu"); plu.has_value()) {
    if (*plu < 1 || *plu > 99'999) r.Fail("plu", "must be between 1 and 99999");
    if (r.ok()) article.plu = *Plu::Parse(std::to_string(*plu));
  }
  article.vat_key = VatKey(static_cast<int>(IntIn(r, "vat_key", 1, std::numeric_limits<int>::max())));
  article.product_group = ProductGroupId(r.String("product_group"));
  std::string unit = r.String("unit");
  std::optional<Unit> parsed_unit = UnitFromCode(unit);
  if (r.ok() && !parsed_unit.has_value()) r.Fail("unit", "must be \"piece\", \"kg\", \"l\" or \"m\"");
  article.unit = parsed_unit.value_or(Unit::kPiece);
  return article;
}

Price DecodePrice(JsonReader& r) {
  Price price;
  price.article = ArticleNumber(r.String("article"));
  price.unit_price = Money::FromCents(r.Int("unit_price_cents"));
  price.valid_from_ms = r.Int("valid_from_ms");
  price.valid_to_ms = r.OptionalInt("valid_to_ms");
  return price;
}

PriceKey DecodePriceKey(JsonReader& r) {
  PriceKey key;
  key.article = ArticleNumber(r.String("article"));
  key.valid_from_ms = r.Int("valid_from_ms");
  return key;
}

}  // namespace

std::string EncodeDelta(const CatalogDelta& delta) {
  auto group = [](const ProductGroup& g) { return Json{{"id", g.id.value()}, {"name", g.name}}; };
  auto number = [](const ArticleNumber& n) { return Json(n.value()); };
  auto price_key = [](const PriceKey& k) {
    return Json{{"article", k.article.value()}, {"valid_from_ms", k.valid_from_ms}};
  };
  Json json{{"from_version", delta.from_version},
            {"to_version", delta.to_version},
            {"upsert_groups", EncodeList(delta.upsert_groups, group)},
            {"upsert_articles", EncodeList(delta.upsert_articles, EncodeArticle)},
            {"delete_articles", EncodeList(delta.delete_articles, number)},
            {"upsert_prices", EncodeList(delta.upsert_prices, EncodePrice)},
            {"delete_prices", EncodeList(delta.delete_prices, price_key)}};
  return json.dump(-1, ' ', false, Json::error_handler_t::replace);
}

Result<CatalogDelta> DecodeDelta(std::string_view text) {
  if (text.size() > kMaxDeltaBytes) {
    return Status::OutOfRange("", "a delta has at most " + std::to_string(kMaxDeltaBytes) + " bytes, this one " +
                                      std::to_string(text.size()));
  }
  Result<Json> json = Parse(text);
  if (!json.ok()) return json.status();
  JsonReader r(*json, "");
  CatalogDelta delta;
  delta.from_version = r.Int("from_version");
  delta.to_version = r.Int("to_version");
  delta.upsert_groups = DecodeList<ProductGroup>(r, "upsert_groups", DecodeGroup);
  delta.upsert_articles = DecodeList<Article>(r, "upsert_articles", DecodeArticle);
  for (std::string& article : DecodeStrings(r, "delete_articles")) {
    delta.delete_articles.emplace_back(std::move(article));
  }
  delta.upsert_prices = DecodeList<Price>(r, "upsert_prices", DecodePrice);
  delta.delete_prices = DecodeList<PriceKey>(r, "delete_prices", DecodePriceKey);
  KASSE_RETURN_IF_ERROR(r.Finish());
  return delta;
}

Result<CatalogDelta> ReadDeltaFile(const std::string& path) {
  std::error_code error;
  uintmax_t size = std::filesystem::file_size(path, error);
  if (error) return Status::NotFound("path", "cannot read " + QuoteForMessage(path) + ": " + error.message());
  if (size > kMaxDeltaBytes) {
    return Status::OutOfRange("path",
                              QuoteForMessage(path) + " is larger than " + std::to_string(kMaxDeltaBytes) + " bytes");
  }
  std::string text(static_cast<size_t>(size), '\0');
  std::ifstream file(path, std::ios::binary);
  file.read(text.data(), static_cast<std::streamsize>(size));
  if (!file) return Status::NotFound("path", "cannot read " + QuoteForMessage(path));
  return DecodeDelta(text);
}

}  // namespace kasse::catalog
