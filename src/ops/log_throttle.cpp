#include "ops/log_throttle.h"

#include <iterator>

namespace kasse::ops {

std::optional<int64_t> LogThrottle::Admit(std::string_view key) {
  std::lock_guard lock(mutex_);
  int64_t now = clock_.NowUnixMillis();
  auto it = windows_.find(std::string(key));
  if (it == windows_.end()) {
    if (windows_.size() >= kMaxKeys) {
      for (auto old = windows_.begin(); old != windows_.end();) {
        old = now - old->second.logged_ms >= interval_.count() ? windows_.erase(old) : std::next(old);
      }
    }
    std::string kept = windows_.size() >= kMaxKeys ? std::string("\x01overflow") : std::string(key);
    it = windows_.find(kept);
    if (it == windows_.end()) {
      windows_.emplace(std::move(kept), Window{now, 0});
      return 0;
    }
  }
  Window& window = it->second;
  if (now - window.logged_ms < interval_.count()) {
    ++window.suppressed;
    return std::nullopt;
  }
  int64_t suppressed = window.suppressed;
  window = Window{now, 0};
  return suppressed;
}

}  // namespace kasse::ops
