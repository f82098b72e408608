// Logger: structured logs, one JSON object per line, for the server's operators
// and their log shippers.
//
//   {"ts":"2026-11-27T13:20:00.123Z","level":"info","msg":"batch ingested","register_id":"K-1","entries":12}
//
//   Logger log(std::cerr, LogLevel::kInfo, clock);
//   log.Info("batch ingested", {{"register_id", "K-1"}, {"entries", 12}});
//
// "ts" is the injected Clock's time in UTC with milliseconds; fields follow "msg"
// in the order given. A field named "ts", "level" or "msg" is written as "_ts",
// "_level" or "_msg" so a line never holds a key twice. Strings are escaped as in
// detail/json_string.h: control characters as \u00XX (or \n, \t, ...), and every
// byte of invalid UTF-8 replaced by U+FFFD. Doubles that are not finite become null.
// A string value longer than Logger::kMaxValueBytes is cut there (at a UTF-8
// character boundary) and marked with its length, "…[truncated, 8388608 bytes]":
// values often come from outside, and one request must not write megabytes of log.
// Lines below the minimum level are dropped before any formatting.
//
// A LogField refers to its key and string value without copying: build fields in
// the call, as above.
//
// Thread-safety: a Logger may be used from any thread; each line reaches the sink
// whole, in one call, under a mutex (lines from threads never interleave). The
// clock is read under that mutex, so a FakeClock needs no lock of its own unless
// the test moves it while other threads log.
#pragma once

#include <concepts>
#include <cstdint>
#include <functional>
#include <initializer_list>
#include <iosfwd>
#include <mutex>
#include <string>
#include <string_view>
#include <variant>

#include "base/clock.h"
#include "base/result.h"

namespace kasse::ops {

enum class LogLevel { kDebug, kInfo, kWarn, kError };

// "debug", "info", "warn", "error".
std::string_view LogLevelName(LogLevel level);
// The inverse of LogLevelName (exactly those names); InvalidArgument otherwise.
Result<LogLevel> ParseLogLevel(std::string_view name);

// One key and its value: a string, an integer, a bool or a double.
class LogField {
 public:
  using Value = std::variant<std::string_view, int64_t, uint64_t, bool, double>;

  LogField(std::string_view key, std::string_view value) : key_(key), value_(value) {}
  LogField(std::string_view key, const char* value) : key_(key), value_(std::string_view{value}) {}
  LogField(std::string_view key, const std::string& value) : key_(key), value_(std::string_view{value}) {}
  LogField(std::string_view key, bool value) : key_(key), value_(value) {}
  LogField(std::string_view key, double value) : key_(key), value_(value) {}
  template <std::integral T>
  requires(!std::same_as<T, bool> && !std::same_as<T, char>) LogField(std::string_view key, T value)
      : key_(key), value_(Widen(value)) {}

  std::string_view key() const { return key_; }
  const Value& value() const { return value_; }

 private:
  template <std::integral T>
  static Value Widen(T value) {
    if constexpr (std::is_signed_v<T>) {
      return static_cast<int64_t>(value);
    } else {
      return static_cast<uint64_t>(value);
    }
  }

  std::string_view key_;
  Value value_;
};

// Receives one complete line, ending in '\n'.
using LogSink = std::function<void(std::string_view line)>;

class Logger {
 public:
  static constexpr size_t kMaxValueBytes = 256;

  Logger(LogSink sink, LogLevel min_level, Clock& clock);
  // Writes each line to `out` and flushes it; `out` must outlive the logger.
  Logger(std::ostream& out, LogLevel min_level, Clock& clock);

  bool Enabled(LogLevel level) const { return level >= min_level_; }

  void Log(LogLevel level, std::string_view msg, std::initializer_list<LogField> fields = {});
  void Debug(std::string_view msg, std::initializer_list<LogField> fields = {}) { Log(LogLevel::kDebug, msg, fields); }
  void Info(std::string_view msg, std::initializer_list<LogField> fields = {}) { Log(LogLevel::kInfo, msg, fields); }
  void Warn(std::string_view msg, std::initializer_list<LogField> fields = {}) { Log(LogLevel::kWarn, msg, fields); }
  void Error(std::string_view msg, std::initializer_list<LogField> fields = {}) { Log(LogLevel::kError, msg, fields); }

 private:
  LogSink sink_;
  const LogLevel min_level_;
  Clock& clock_;
  std::mutex mutex_;
};

// "2026-11-27T13:20:00.123Z": UTC, milliseconds, for any time from year 0 to 9999.
std::string FormatUtcMillis(int64_t unix_millis);

}  // namespace kasse::ops
