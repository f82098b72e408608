// RegisterTimeZones: the time zone of each register's store, for business days.
//
// A store's business day is in its own time zone (master data: stores.time_zone),
// so a sale at 00:30 in Berlin counts for that Berlin day. Looked up through the
// caller's connection (inside the ingest transaction) and cached for
// kCacheLifetime, so a register moved to another store is seen within that time.
// A register not (yet) in master data counts in UTC: its journal is still taken
// in, never refused for missing master data.
//
// Thread-safety: safe from any thread.
#pragma once

#include <chrono>
#include <map>
#include <mutex>
#include <string>

#include "base/clock.h"
#include "domain/ids.h"
#include "domain/time_zone.h"
#include "storage/sql.h"

namespace kasse::server {

class RegisterTimeZones {
 public:
  static constexpr std::chrono::seconds kCacheLifetime{60};

  explicit RegisterTimeZones(Clock& clock) : clock_(clock) {}

  // "YYYY-MM-DD": the business day of `utc_ms` at the register's store.
  std::string BusinessDay(storage::SqlConnection& db, const RegisterId& register_id, int64_t utc_ms);

 private:
  struct Cached {
    TimeZone zone;
    int64_t loaded_ms;
  };
  TimeZone Lookup(storage::SqlConnection& db, const RegisterId& register_id);

  Clock& clock_;
  std::mutex mutex_;
  std::map<std::string, Cached, std::less<>> cache_;
};

}  // namespace kasse::server
