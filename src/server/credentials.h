// Credentials: the admin token, enrollment codes and device credentials.
//
//  - At the first start the server creates an admin token, shows it once, and keeps
//    only its SHA-256 (CreateAdminTokenIfNone). Master-data and enrollment routes
//    need it until user accounts exist. A lost or leaked one is replaced with
//    ReplaceAdminToken (`kasse admin-token`): a new token, shown once, and every
//    older one stops working at once, also for servers already running.
//  - An admin creates a one-time enrollment code for a register (valid kCodeLifetime).
//  - The register's device exchanges the code for its device credential (a random
//    token, also stored only as a hash). Every sync call presents it.
//  - One device per register (the lease): a second device cannot enroll an already
//    enrolled register, unless the admin made the code with replace_device, which
//    retires the old device's credential. The database enforces one device per
//    register with its primary key.
//
// Thread-safety: safe from any thread; every check and change is one database
// transaction, so several server processes over one PostgreSQL agree.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "base/clock.h"
#include "base/result.h"
#include "domain/ids.h"
#include "storage/sql_pool.h"

namespace kasse::server {

struct Enrollment {
  RegisterId register_id;
  std::string token;  // the device credential, shown once
};

class Credentials {
 public:
  static constexpr std::chrono::hours kCodeLifetime{24};
  static constexpr size_t kTokenBytes = 32;
  static constexpr size_t kCodeBytes = 12;
  static constexpr size_t kMaxDeviceIdBytes = 100;

  // Over the server database (migrated; see server_database.h).
  Credentials(storage::SqlPool& pool, Clock& clock) : pool_(pool), clock_(clock) {}

  // A new admin token if none exists yet, else std::nullopt.
  Result<std::optional<std::string>> CreateAdminTokenIfNone();
  // A new admin token; every earlier one is refused from now on.
  Result<std::string> ReplaceAdminToken();
  // OK if `authorization` is "Bearer <admin token>", else Unauthenticated.
  Status CheckAdmin(std::string_view authorization);
  Result<std::string> CreateEnrollmentCode(const RegisterId& register_id, bool replace_device);
  Result<Enrollment> Enroll(std::string_view code, std::string_view device_id);
  // The register whose device presents `authorization`.
  Result<RegisterId> Authenticate(std::string_view authorization);

 private:
  storage::SqlPool& pool_;
  Clock& clock_;
};

}  // namespace kasse::server
