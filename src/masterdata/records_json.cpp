#include "masterdata/records_json.h"

#include <limits>
#include <optional>

#include <nlohmann/json.hpp>

#include "base/json_nesting.h"
#include "domain/quantity.h"
// A detail header of another module, as in catalog/delta_json.cpp: the one strict
// reader, until it moves to a shared place.
#include "journal/detail/json_reader.h"

namespace kasse::masterdata {
namespace {

using Json = nlohmann::json;
using journal::detail::JsonReader;

Result<Json> Parse(std::string_view text) {
  KASSE_RETURN_IF_ERROR(CheckJsonNesting(text).WithFieldPrefix("body"));
  Json json = Json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (json.is_discarded()) return Status::InvalidArgument("body", "is not valid JSON");
  if (!json.is_object()) return Status::InvalidArgument("body", "must be a JSON object");
  return json;
}

// The key may be repeated in the body, but only with the URL's value.
void ExpectKey(JsonReader& reader, std::string_view name, const std::string& expected) {
  std::string value = reader.OptionalString(name);
  if (!value.empty() && value != expected) reader.Fail(name, "differs from the URL (" + expected + ")");
}

int SmallInt(JsonReader& reader, std::string_view name) {
  int64_t value = reader.Int(name);
  if (value < std::numeric_limits<int>::min() || value > std::numeric_limits<int>::max()) {
    reader.Fail(name, "is out of range");
    return 0;
  }
  return static_cast<int>(value);
}

Address ReadAddress(JsonReader& parent) {
  const Json* object = parent.Object("address");
  if (object == nullptr) return {};
  JsonReader reader(*object, parent.PathOf("address"));
  Address address{reader.String("street"), reader.String("postcode"), reader.String("city"), reader.String("country")};
  parent.Absorb(reader.Finish());
  return address;
}

Json AddressJson(const Address& address) {
  return Json{
      {"city", address.city}, {"country", address.country}, {"postcode", address.postcode}, {"street", address.street}};
}

void PutIfSet(Json& json, const char* name, const std::string& value) {
  if (!value.empty()) json[name] = value;
}

template <typename T>
Result<T> Finish(JsonReader& reader, T value) {
  KASSE_RETURN_IF_ERROR(reader.Finish());
  return value;
}

Json ToJson(const Store& store) {
  Json json{{"address", AddressJson(store.address)},
            {"name", store.name},
            {"store_id", store.id.value()},
            {"time_zone", store.time_zone}};
  PutIfSet(json, "tax_number", store.tax_number);
  PutIfSet(json, "vat_id", store.vat_id);
  return json;
}

Json ToJson(const Register& r) {
  Json json{{"label", r.label}, {"register_id", r.id.value()}, {"store_id", r.store.value()}};
  PutIfSet(json, "brand", r.brand);
  PutIfSet(json, "model", r.model);
  PutIfSet(json, "software_brand", r.software_brand);
  PutIfSet(json, "software_version", r.software_version);
  return json;
}

Json ToJson(const PaymentType& type) {
  return Json{{"code", type.code.value()}, {"kind", type.kind}, {"name", type.name}};
}

Json ToJson(const catalog::ProductGroup& group) { return Json{{"id", group.id.value()}, {"name", group.name}}; }

Json ToJson(const catalog::Article& article) {
  Json json{
      {"gtins", article.gtins}, {"number", article.number.value()}, {"product_group", article.product_group.value()},
      {"text", article.text},   {"unit", UnitCode(article.unit)},   {"vat_key", article.vat_key.value()}};
  if (article.plu.has_value()) json["plu"] = article.plu->value();
  return json;
}

Json ToJson(const StorePrice& price) {
  Json json{{"article", price.price.article.value()},
            {"store_id", price.store.value()},
            {"unit_price_cents", price.price.unit_price.cents()},
            {"valid_from_ms", price.price.valid_from_ms}};
  if (price.price.valid_to_ms.has_value()) json["valid_to_ms"] = *price.price.valid_to_ms;
  return json;
}

Json ToJson(const VatKeyRecord& key) {
  Json json{{"description", key.description},
            {"rate_bp", key.rate.basis_points()},
            {"valid_from_ms", key.valid_from_ms},
            {"vat_key", key.key.value()}};
  if (key.valid_to_ms.has_value()) json["valid_to_ms"] = *key.valid_to_ms;
  return json;
}

template <typename T>
std::string EncodePage(const Page<T>& page) {
  Json items = Json::array();
  for (const T& item : page.items) items.push_back(ToJson(item));
  Json json{{"items", std::move(items)}};
  if (page.next_after.has_value()) json["next_after"] = *page.next_after;
  return json.dump();
}

std::vector<std::string> ReadGtins(JsonReader& reader) {
  std::vector<std::string> gtins;
  const Json* list = reader.Array("gtins");
  if (list == nullptr) return gtins;
  for (size_t i = 0; i < list->size(); ++i) {
    if (!(*list)[i].is_string()) {
      reader.Fail("gtins[" + std::to_string(i) + "]", "must be a string of digits");
      return gtins;
    }
    gtins.push_back((*list)[i].get<std::string>());
  }
  return gtins;
}

std::optional<Plu> ReadPlu(JsonReader& reader) {
  std::optional<int64_t> plu = reader.OptionalInt("plu");
  if (!plu.has_value() || !reader.ok()) return std::nullopt;
  Result<Plu> parsed = Plu::Parse(std::to_string(*plu));
  if (*plu < 1 || !parsed.ok()) {
    reader.Fail("plu", "must be from 1 to 99999");
    return std::nullopt;
  }
  return *parsed;
}

Unit ReadUnit(JsonReader& reader) {
  std::string code = reader.String("unit");
  std::optional<Unit> unit = UnitFromCode(code);
  if (reader.ok() && !unit.has_value()) reader.Fail("unit", "must be \"piece\", \"kg\", \"l\" or \"m\"");
  return unit.value_or(Unit::kPiece);
}

}  // namespace

Result<Organisation> DecodeOrganisation(std::string_view text) {
  Result<Json> json = Parse(text);
  if (!json.ok()) return json.status();
  JsonReader reader(*json, "");
  Organisation organisation{reader.String("name"), ReadAddress(reader), reader.OptionalString("tax_number"),
                            reader.OptionalString("vat_id")};
  return Finish(reader, std::move(organisation));
}

Result<Store> DecodeStore(std::string_view text, const StoreId& id) {
  Result<Json> json = Parse(text);
  if (!json.ok()) return json.status();
  JsonReader reader(*json, "");
  ExpectKey(reader, "store_id", id.value());
  Store store{id,
              reader.String("name"),
              ReadAddress(reader),
              reader.OptionalString("tax_number"),
              reader.OptionalString("vat_id"),
              reader.String("time_zone")};
  return Finish(reader, std::move(store));
}

Result<Register> DecodeRegister(std::string_view text, const RegisterId& id) {
  Result<Json> json = Parse(text);
  if (!json.ok()) return json.status();
  JsonReader reader(*json, "");
  ExpectKey(reader, "register_id", id.value());
  Register r{id,
             StoreId(reader.String("store_id")),
             reader.String("label"),
             reader.OptionalString("brand"),
             reader.OptionalString("model"),
             reader.OptionalString("software_brand"),
             reader.OptionalString("software_version")};
  return Finish(reader, std::move(r));
}

Result<PaymentType> DecodePaymentType(std::string_view text, const PaymentTypeCode& code) {
  Result<Json> json = Parse(text);
  if (!json.ok()) return json.status();
  JsonReader reader(*json, "");
  ExpectKey(reader, "code", code.value());
  PaymentType type{code, reader.String("name"), reader.String("kind")};
  return Finish(reader, std::move(type));
}

Result<catalog::ProductGroup> DecodeProductGroup(std::string_view text, const ProductGroupId& id) {
  Result<Json> json = Parse(text);
  if (!json.ok()) return json.status();
  JsonReader reader(*json, "");
  ExpectKey(reader, "id", id.value());
  catalog::ProductGroup group{id, reader.String("name")};
  return Finish(reader, std::move(group));
}

Result<catalog::Article> DecodeArticle(std::string_view text, const ArticleNumber& number) {
  Result<Json> json = Parse(text);
  if (!json.ok()) return json.status();
  JsonReader reader(*json, "");
  ExpectKey(reader, "number", number.value());
  catalog::Article article;
  article.number = number;
  article.text = reader.String("text");
  article.gtins = ReadGtins(reader);
  article.plu = ReadPlu(reader);
  article.vat_key = VatKey(SmallInt(reader, "vat_key"));
  article.product_group = ProductGroupId(reader.String("product_group"));
  article.unit = ReadUnit(reader);
  return Finish(reader, std::move(article));
}

Result<StorePrice> DecodeStorePrice(std::string_view text, const StorePrice& key) {
  Result<Json> json = Parse(text);
  if (!json.ok()) return json.status();
  JsonReader reader(*json, "");
  ExpectKey(reader, "store_id", key.store.value());
  ExpectKey(reader, "article", key.price.article.value());
  std::optional<int64_t> from = reader.OptionalInt("valid_from_ms");
  if (reader.ok() && from.has_value() && *from != key.price.valid_from_ms) {
    reader.Fail("valid_from_ms", "differs from the URL (" + std::to_string(key.price.valid_from_ms) + ")");
  }
  StorePrice price = key;
  price.price.unit_price = Money::FromCents(reader.Int("unit_price_cents"));
  price.price.valid_to_ms = reader.OptionalInt("valid_to_ms");
  return Finish(reader, std::move(price));
}

std::string Encode(const Organisation& organisation) {
  Json json{{"address", AddressJson(organisation.address)}, {"name", organisation.name}};
  PutIfSet(json, "tax_number", organisation.tax_number);
  PutIfSet(json, "vat_id", organisation.vat_id);
  return json.dump();
}

std::string Encode(const Store& store) { return ToJson(store).dump(); }
std::string Encode(const Register& register_record) { return ToJson(register_record).dump(); }
std::string Encode(const PaymentType& type) { return ToJson(type).dump(); }
std::string Encode(const catalog::ProductGroup& group) { return ToJson(group).dump(); }
std::string Encode(const catalog::Article& article) { return ToJson(article).dump(); }
std::string Encode(const StorePrice& price) { return ToJson(price).dump(); }
std::string Encode(const Page<Store>& page) { return EncodePage(page); }
std::string Encode(const Page<Register>& page) { return EncodePage(page); }
std::string Encode(const Page<PaymentType>& page) { return EncodePage(page); }
std::string Encode(const Page<catalog::ProductGroup>& page) { return EncodePage(page); }
std::string Encode(const Page<catalog::Article>& page) { return EncodePage(page); }
std::string Encode(const Page<StorePrice>& page) { return EncodePage(page); }

std::string Encode(const std::vector<VatKeyRecord>& keys) {
  Json items = Json::array();
  for (const VatKeyRecord& key : keys) items.push_back(ToJson(key));
  return Json{{"items", std::move(items)}}.dump();
}

}  // namespace kasse::masterdata
