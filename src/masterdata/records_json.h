// The JSON form of master-data records, as the API takes and answers them
// (docs/master-data.md).
//
// Decoders are strict: every required member present with its type, no unknown
// members, integers that fit; a refusal is InvalidArgument naming the member
// ("address.postcode", "gtins[1]"), broken JSON is InvalidArgument on field "body".
// A record addressed by its URL may repeat its key in the body (so a GET answer
// can be PUT back), but it must equal the URL's. Decoding checks shape only;
// validation.h checks the values.
//
// Money is integer cents ("unit_price_cents"), times UTC milliseconds ("_ms"),
// VAT rates basis points ("rate_bp": 1900 = 19 %). Encoders write members in
// byte order without spaces; "" text fields and absent optionals are left out.
//
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <string_view>

#include "base/result.h"
#include "masterdata/records.h"

namespace kasse::masterdata {

Result<Organisation> DecodeOrganisation(std::string_view json);
Result<Store> DecodeStore(std::string_view json, const StoreId& id);
Result<Register> DecodeRegister(std::string_view json, const RegisterId& id);
Result<PaymentType> DecodePaymentType(std::string_view json, const PaymentTypeCode& code);
Result<catalog::ProductGroup> DecodeProductGroup(std::string_view json, const ProductGroupId& id);
Result<catalog::Article> DecodeArticle(std::string_view json, const ArticleNumber& number);
// The price's key comes from the URL: /stores/{store}/prices/{article}/{valid_from_ms}.
Result<StorePrice> DecodeStorePrice(std::string_view json, const StorePrice& key);

std::string Encode(const Organisation& organisation);
std::string Encode(const Store& store);
std::string Encode(const Register& register_record);
std::string Encode(const PaymentType& type);
std::string Encode(const catalog::ProductGroup& group);
std::string Encode(const catalog::Article& article);
std::string Encode(const StorePrice& price);
// {"items":[…],"next_after":"…"}; next_after only when there is a next page.
std::string Encode(const Page<Store>& page);
std::string Encode(const Page<Register>& page);
std::string Encode(const Page<PaymentType>& page);
std::string Encode(const Page<catalog::ProductGroup>& page);
std::string Encode(const Page<catalog::Article>& page);
std::string Encode(const Page<StorePrice>& page);
// {"items":[…]} without paging (the table is small).
std::string Encode(const std::vector<VatKeyRecord>& keys);

}  // namespace kasse::masterdata
