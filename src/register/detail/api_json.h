// JSON helpers of the register's local API: request fields to domain values,
// the sale to JSON. Internal to the register module.
//
// Thread-safety: pure functions.
#pragma once

#include <set>
#include <string>

#include <nlohmann/json.hpp>

#include "base/result.h"
#include "http/message.h"
#include "journal/entry.h"
#include "register/sale.h"

namespace kasse::reg::detail {

using Json = nlohmann::json;

std::string Dump(const Json& json);
http::HttpResponse Ok(const Json& json);
// The request body as a JSON object ("{}" when empty).
Result<Json> Body(const http::HttpRequest& request);
// A string member; "" when absent and not required.
Result<std::string> Text(const Json& body, const char* name, bool required = true);
// A money member written as text ("12.34").
Result<Money> Amount(const Json& body, const char* name);
// The {line} path parameter (1-based) as a 0-based index.
Result<size_t> LineIndex(const http::HttpRequest& request);
// manager_id (one of `managers`) and reason.
Result<journal::Approval> Approval(const Json& body, const std::set<std::string>& managers);
Result<PaymentMethod> Method(const std::string& name);
Json SaleJson(const Sale& sale);

}  // namespace kasse::reg::detail
