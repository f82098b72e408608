// The master-data routes of the server's HTTP API (docs/master-data.md). Handlers
// are thin: decode the JSON (records_json.h), call the service, encode the stored
// record. Errors take the API's one shape, {"error": {code, message, field}}:
// 400 malformed or invalid, 401 without the admin token, 404 unknown ID, 409 a
// GTIN or PLU of another article. The CSV import's 400 also lists the bad rows.
//
// Admin routes (every one needs `check_admin` to accept the Authorization header;
// `kasse server` passes Credentials::CheckAdmin):
//   GET|PUT  /api/v1/organisation
//   GET      /api/v1/stores                        ?after=&limit=
//   GET|PUT  /api/v1/stores/{store_id}
//   GET      /api/v1/registers                     ?store_id=&after=&limit=
//   GET|PUT  /api/v1/registers/{register_id}
//   GET      /api/v1/product-groups                ?after=&limit=
//   GET|PUT  /api/v1/product-groups/{group_id}
//   GET      /api/v1/payment-types                 ?after=&limit=
//   GET|PUT  /api/v1/payment-types/{code}
//   GET      /api/v1/vat-keys
//   GET      /api/v1/articles                      ?after=&limit=
//   GET|PUT|DELETE /api/v1/articles/{number}
//   POST     /api/v1/articles/import               ?dry_run=true   (text/csv, kMaxImportBodyBytes)
//   GET      /api/v1/stores/{store_id}/prices      ?article=&after=&limit=
//   GET|PUT|DELETE /api/v1/stores/{store_id}/prices/{article}/{valid_from_ms}
//
// Register route (AddCatalogRoute, the device credential of a register of that store):
//   GET      /api/v1/stores/{store_id}/catalog?since=N&wait=S   → 200 delta, 204 nothing newer
//
// Thread-safety: as the service; the router is built before the server starts.
#pragma once

#include <functional>
#include <string_view>

#include "base/result.h"
#include "domain/ids.h"
#include "http/router.h"
#include "masterdata/master_data_service.h"

namespace kasse::masterdata {

using CheckAdmin = std::function<Status(std::string_view authorization)>;
using AuthenticateDevice = std::function<Result<RegisterId>(std::string_view authorization)>;

void AddMasterDataRoutes(http::Router& router, MasterDataService& service, const CheckAdmin& check_admin);

// The catalog long poll (docs/catalog.md). When nothing concerning the store is
// newer than `since`: with wait 0 a 204 at once, otherwise a deferred response
// (http::HttpResponse::Defer) that CatalogFeed::Watch completes with the delta as
// soon as one is committed, or the server with 204 after `wait` seconds or on stop.
void AddCatalogRoute(http::Router& router, MasterDataService& service, AuthenticateDevice authenticate_device);

}  // namespace kasse::masterdata
