// Clock: the current time as UTC milliseconds since the Unix epoch, behind an
// interface so tests and simulations can set it (LevelDB's Env idea, narrowed).
//
// SystemClock reads the OS clock; FakeClock returns what the test sets and only
// moves when told to.
//
// Thread-safety: SystemClock is safe from any thread; FakeClock is not synchronised.
#pragma once

#include <chrono>
#include <cstdint>

namespace kasse {

class Clock {
 public:
  virtual ~Clock() = default;
  virtual int64_t NowUnixMillis() = 0;
};

class SystemClock final : public Clock {
 public:
  int64_t NowUnixMillis() override {
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
  }
};

class FakeClock final : public Clock {
 public:
  explicit FakeClock(int64_t unix_millis) : now_(unix_millis) {}
  int64_t NowUnixMillis() override { return now_; }
  void Set(int64_t unix_millis) { now_ = unix_millis; }
  void Advance(int64_t millis) { now_ += millis; }

 private:
  int64_t now_;
};

}  // namespace kasse
