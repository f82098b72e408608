#include "server/openapi.h"

#include <string>

namespace kasse::server {

void AddOpenApiRoute(http::Router& router) {
  router.Add("GET", "/api/v1/openapi.json", http::Access::kPublic,
             [](const http::HttpRequest&) { return http::HttpResponse::Json(200, std::string(OpenApiJson())); });
}

}  // namespace kasse::server
