// Pieces the master-data routes share (master_data_api.cpp, catalog_api.cpp).
//
// Thread-safety: pure functions; handlers as the service.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "base/result.h"
#include "http/router.h"
#include "masterdata/master_data_api.h"

namespace kasse::masterdata::detail {

// A decimal integer in [min, max]; InvalidArgument on `field` otherwise.
Result<int64_t> IntegerParam(const std::string& text, std::string_view field, int64_t min, int64_t max);
std::optional<std::string> QueryParam(const http::HttpRequest& request, const std::string& name);
http::HttpResponse NoContent();
// Runs `handler` only for a request that `check_admin` accepts.
http::Handler AdminOnly(const CheckAdmin& check_admin, http::Handler handler);

// POST /api/v1/articles/import
void AddImportRoute(http::Router& router, MasterDataService& service, const CheckAdmin& check_admin);

}  // namespace kasse::masterdata::detail
