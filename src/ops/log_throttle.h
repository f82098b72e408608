// LogThrottle: at most one log line per key (e.g. a register and an error code) per
// interval, and a count of the lines held back, so a condition that repeats many
// times a second (a database outage refusing every upload) is logged, not flooded.
//
//   LogThrottle throttle(clock, std::chrono::seconds(10));
//   if (std::optional<int64_t> suppressed = throttle.Admit(register_id + " " + code)) {
//     log.Warn("journal upload refused", {..., {"suppressed", *suppressed}});
//   }
//
// Keys come from outside (a register ID in a path), so at most kMaxKeys are kept:
// when that many are in their interval, a new key shares one overflow key.
//
// Thread-safety: Admit may be called from any thread.
#pragma once

#include <chrono>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "base/clock.h"

namespace kasse::ops {

class LogThrottle {
 public:
  static constexpr size_t kMaxKeys = 1024;

  LogThrottle(Clock& clock, std::chrono::milliseconds interval) : clock_(clock), interval_(interval) {}

  // The number of lines for `key` held back since its last line if this one may be
  // written, else std::nullopt (and it is counted).
  std::optional<int64_t> Admit(std::string_view key);

 private:
  struct Window {
    int64_t logged_ms = 0;
    int64_t suppressed = 0;
  };

  Clock& clock_;
  const std::chrono::milliseconds interval_;
  std::mutex mutex_;
  std::unordered_map<std::string, Window> windows_;  // guarded by mutex_
};

}  // namespace kasse::ops
