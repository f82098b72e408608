// EnrollRegister: what an admin and a new register do together to give the
// register its device credential (docs/sync-protocol.md, "Enrollment"): the admin
// records the register in the master data (PUT /api/v1/stores/{store} and
// /api/v1/registers/{register}, idempotent) and asks for a one-time code (POST
// /api/v1/enrollments with the admin token), the register exchanges it (POST
// /api/v1/enroll) for its token.
//
// Errors: Unavailable when the server cannot be reached (or answers 503);
// Unauthenticated when it refuses the admin token; any other refusal as the
// server's answer says (403 PermissionDenied, 409 Conflict, …; detail/answer_status.h).
//
// Thread-safety: uses the caller's client (one thread at a time).
#pragma once

#include <string>

#include "base/result.h"
#include "domain/ids.h"
#include "http/client.h"

namespace kasse::loadgen {

// The device credential for `register_id` of store `store_id` (a simulated store,
// created if absent, time zone Europe/Berlin), enrolled as device `device_id`.
// `path_prefix` is the server URL's path ("" or "/prefix").
Result<std::string> EnrollRegister(http::HttpClient& client, const std::string& path_prefix,
                                   const std::string& admin_token, const RegisterId& register_id,
                                   const std::string& store_id, const std::string& device_id);

}  // namespace kasse::loadgen
