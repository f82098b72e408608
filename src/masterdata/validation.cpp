#include "masterdata/validation.h"

#include <algorithm>
#include <filesystem>
#include <set>
#include <string>
#include <system_error>

#include "domain/gtin.h"
#include "domain/receipt_limits.h"
#include "domain/text.h"

namespace kasse::masterdata {
namespace {

bool IsIdChar(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
}
bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsUpper(char c) { return c >= 'A' && c <= 'Z'; }

Status Text(std::string_view text, size_t max_bytes, std::string_view field) {
  return ValidateText(text, max_bytes).WithFieldPrefix(field);
}

Status ValidateAddress(const Address& address) {
  KASSE_RETURN_IF_ERROR(Text(address.street, kMaxStreetBytes, "street"));
  KASSE_RETURN_IF_ERROR(Text(address.city, kMaxCityBytes, "city"));
  if (address.country.size() != 2 || !IsUpper(address.country[0]) || !IsUpper(address.country[1])) {
    return Status::InvalidArgument("country", "must be an ISO 3166-1 alpha-2 code such as \"DE\"");
  }
  if (address.country == "DE") {
    if (address.postcode.size() != 5 || !std::all_of(address.postcode.begin(), address.postcode.end(), IsDigit)) {
      return Status::InvalidArgument("postcode", "a German postcode has 5 digits");
    }
    return Status::Ok();
  }
  return Text(address.postcode, kMaxPostcodeBytes, "postcode");
}

// A Steuernummer as the tax office writes it: 10 to 13 digits, grouped by '/' or spaces.
Status ValidateTaxNumber(std::string_view number) {
  if (number.empty()) return Status::Ok();
  size_t digits = static_cast<size_t>(std::count_if(number.begin(), number.end(), IsDigit));
  bool allowed = std::all_of(number.begin(), number.end(), [](char c) { return IsDigit(c) || c == '/' || c == ' '; });
  if (!allowed || digits < 10 || digits > 13 || number.size() > kMaxTaxNumberBytes) {
    return Status::InvalidArgument("tax_number", "must be a Steuernummer: 10 to 13 digits, grouped by '/' or spaces");
  }
  return Status::Ok();
}

// A USt-IdNr.: a country prefix and 2–13 letters or digits; German ones are "DE" + 9 digits.
Status ValidateVatId(std::string_view id) {
  if (id.empty()) return Status::Ok();
  bool shaped = id.size() >= 4 && id.size() <= kMaxVatIdBytes && IsUpper(id[0]) && IsUpper(id[1]) &&
                std::all_of(id.begin() + 2, id.end(), [](char c) { return IsDigit(c) || IsUpper(c); });
  if (!shaped) return Status::InvalidArgument("vat_id", "must be a VAT ID such as DE123456789");
  if (id.substr(0, 2) == "DE" && (id.size() != 11 || !std::all_of(id.begin() + 2, id.end(), IsDigit))) {
    return Status::InvalidArgument("vat_id", "a German USt-IdNr. is DE and 9 digits");
  }
  return Status::Ok();
}

Status ValidateOptionalText(std::string_view text, size_t max_bytes, std::string_view field) {
  return text.empty() ? Status::Ok() : Text(text, max_bytes, field);
}

}  // namespace

Status ValidateId(std::string_view id, size_t max_bytes, std::string_view field) {
  if (id.empty() || id.size() > max_bytes || !std::all_of(id.begin(), id.end(), IsIdChar)) {
    return Status::InvalidArgument(field, "must be 1 to " + std::to_string(max_bytes) +
                                              " letters, digits, '.', '_' or '-', not " + QuoteForMessage(id));
  }
  return Status::Ok();
}

Status ValidateTimeZone(std::string_view name) {
  bool shaped = !name.empty() && name.size() <= kMaxTimeZoneBytes && name.front() != '/' && name.back() != '/' &&
                name.find("..") == std::string_view::npos && name.find("//") == std::string_view::npos &&
                std::all_of(name.begin(), name.end(), [](char c) { return IsIdChar(c) || c == '/' || c == '+'; }) &&
                name.front() != '.' && name.front() != '-';
  if (!shaped) {
    return Status::InvalidArgument(
        "time_zone", "must be an IANA time zone name such as \"Europe/Berlin\", not " + QuoteForMessage(name));
  }
  std::error_code error;
  std::filesystem::path dir(kZoneInfoDir);
  if (!std::filesystem::is_directory(dir, error)) return Status::Ok();  // no tzdata: the form must do
  if (!std::filesystem::is_regular_file(dir / std::string(name), error)) {
    return Status::InvalidArgument("time_zone", "unknown time zone " + QuoteForMessage(name));
  }
  return Status::Ok();
}

Status ValidateOrganisation(const Organisation& organisation) {
  KASSE_RETURN_IF_ERROR(Text(organisation.name, kMaxNameBytes, "name"));
  KASSE_RETURN_IF_ERROR(ValidateAddress(organisation.address).WithFieldPrefix("address"));
  KASSE_RETURN_IF_ERROR(ValidateTaxNumber(organisation.tax_number));
  KASSE_RETURN_IF_ERROR(ValidateVatId(organisation.vat_id));
  if (organisation.tax_number.empty() && organisation.vat_id.empty()) {
    return Status::InvalidArgument("tax_number", "DSFinV-K needs the Steuernummer or the USt-IdNr. (vat_id)");
  }
  return Status::Ok();
}

Status ValidateStore(const Store& store) {
  KASSE_RETURN_IF_ERROR(ValidateId(store.id.value(), kMaxStoreIdBytes, "store_id"));
  KASSE_RETURN_IF_ERROR(Text(store.name, kMaxNameBytes, "name"));
  KASSE_RETURN_IF_ERROR(ValidateAddress(store.address).WithFieldPrefix("address"));
  KASSE_RETURN_IF_ERROR(ValidateTaxNumber(store.tax_number));
  KASSE_RETURN_IF_ERROR(ValidateVatId(store.vat_id));
  return ValidateTimeZone(store.time_zone);
}

Status ValidateRegister(const Register& register_record) {
  KASSE_RETURN_IF_ERROR(ValidateRegisterId(register_record.id));
  KASSE_RETURN_IF_ERROR(ValidateId(register_record.store.value(), kMaxStoreIdBytes, "store_id"));
  KASSE_RETURN_IF_ERROR(Text(register_record.label, kMaxRegisterTextBytes, "label"));
  KASSE_RETURN_IF_ERROR(ValidateOptionalText(register_record.brand, kMaxRegisterTextBytes, "brand"));
  KASSE_RETURN_IF_ERROR(ValidateOptionalText(register_record.model, kMaxRegisterTextBytes, "model"));
  KASSE_RETURN_IF_ERROR(ValidateOptionalText(register_record.software_brand, kMaxRegisterTextBytes, "software_brand"));
  return ValidateOptionalText(register_record.software_version, kMaxRegisterTextBytes, "software_version");
}

Status ValidatePaymentType(const PaymentType& type) {
  KASSE_RETURN_IF_ERROR(ValidateId(type.code.value(), kMaxPaymentTypeCodeBytes, "code"));
  KASSE_RETURN_IF_ERROR(Text(type.name, kMaxNameBytes, "name"));
  if (std::none_of(std::begin(kPaymentKinds), std::end(kPaymentKinds),
                   [&](const char* kind) { return type.kind == kind; })) {
    return Status::InvalidArgument("kind",
                                   "must be a DSFinV-K ZAHLART_TYP: Bar, Unbar, Keine, ECKarte, Kreditkarte, "
                                   "ElZahlungsdienstleister or Guthabenkarte");
  }
  return Status::Ok();
}

Status ValidateProductGroup(const catalog::ProductGroup& group) {
  KASSE_RETURN_IF_ERROR(ValidateId(group.id.value(), limits::kMaxProductGroupBytes, "id"));
  return Text(group.name, catalog::kMaxProductGroupNameBytes, "name");
}

Status ValidateArticle(const catalog::Article& article) {
  KASSE_RETURN_IF_ERROR(ValidateId(article.number.value(), limits::kMaxArticleNumberBytes, "number"));
  KASSE_RETURN_IF_ERROR(Text(article.text, limits::kMaxArticleTextBytes, "text"));
  if (article.gtins.size() > kMaxGtinsPerArticle) {
    return Status::InvalidArgument("gtins", "at most " + std::to_string(kMaxGtinsPerArticle) + " GTINs per article");
  }
  std::set<std::string> seen;
  for (size_t i = 0; i < article.gtins.size(); ++i) {
    std::string field = "gtins[" + std::to_string(i) + "]";
    Result<Gtin> gtin = Gtin::Parse(article.gtins[i]);
    if (!gtin.ok()) return gtin.status().WithFieldPrefix(field);
    if (!seen.insert(gtin->ToGtin14()).second) {
      return Status::InvalidArgument(field, "GTIN " + gtin->digits() + " is listed twice");
    }
  }
  return ValidateId(article.product_group.value(), limits::kMaxProductGroupBytes, "product_group");
}

Status ValidateStorePrice(const StorePrice& price) {
  KASSE_RETURN_IF_ERROR(ValidateId(price.store.value(), kMaxStoreIdBytes, "store_id"));
  const catalog::Price& p = price.price;
  KASSE_RETURN_IF_ERROR(ValidateId(p.article.value(), limits::kMaxArticleNumberBytes, "article"));
  if (p.unit_price.is_negative() || p.unit_price.cents() > limits::kMaxUnitPriceCents) {
    return Status::InvalidArgument("unit_price_cents",
                                   "must be from 0 to " + std::to_string(limits::kMaxUnitPriceCents));
  }
  if (p.valid_from_ms < 0) return Status::InvalidArgument("valid_from_ms", "must not be negative");
  if (p.valid_to_ms.has_value() && *p.valid_to_ms <= p.valid_from_ms) {
    return Status::InvalidArgument("valid_to_ms", "must be after valid_from_ms");
  }
  return Status::Ok();
}

}  // namespace kasse::masterdata
