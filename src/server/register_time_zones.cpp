#include "server/register_time_zones.h"

namespace kasse::server {
namespace {

constexpr std::string_view kTimeZoneOfRegister =
    "SELECT s.time_zone FROM registers r JOIN stores s ON s.store_id = r.store_id WHERE r.register_id = ?";

}  // namespace

std::string RegisterTimeZones::BusinessDay(storage::SqlConnection& db, const RegisterId& register_id, int64_t utc_ms) {
  return Lookup(db, register_id).BusinessDayString(utc_ms);
}

TimeZone RegisterTimeZones::Lookup(storage::SqlConnection& db, const RegisterId& register_id) {
  int64_t now = clock_.NowUnixMillis();
  {
    std::lock_guard lock(mutex_);
    auto cached = cache_.find(register_id.value());
    if (cached != cache_.end() && now - cached->second.loaded_ms < std::chrono::milliseconds(kCacheLifetime).count()) {
      return cached->second.zone;
    }
  }
  TimeZone zone = TimeZone::Utc();
  Result<std::optional<storage::SqlValue>> name = db.QueryValue(kTimeZoneOfRegister, {register_id.value()});
  if (name.ok() && *name) {
    Result<TimeZone> loaded = TimeZone::Load((*name)->AsText());
    if (loaded.ok()) zone = *loaded;
  }
  std::lock_guard lock(mutex_);
  cache_.insert_or_assign(register_id.value(), Cached{zone, now});
  return zone;
}

}  // namespace kasse::server
