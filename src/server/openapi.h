// The server's API description: docs/openapi.json (OpenAPI 3.0.3), embedded into
// the binary at build time (cmake/embed_text.cmake) and served as
// GET /api/v1/openapi.json, without authentication, so clients and tools can read
// the API of the very server they talk to.
//
// openapi_test.cpp checks that every route the server's Add*Routes functions
// register is described there and that `kasse server` serves every operation the
// description names: a route added without documenting it fails the test.
//
// Thread-safety: OpenApiJson() returns a view of constant data, callable from any
// thread; the route's handler holds no state.
#pragma once

#include <string_view>

#include "http/router.h"

namespace kasse::server {

// docs/openapi.json, byte for byte.
std::string_view OpenApiJson();

// GET /api/v1/openapi.json → 200 application/json, OpenApiJson().
void AddOpenApiRoute(http::Router& router);

}  // namespace kasse::server
