#include "ops/json_log.h"

#include <array>
#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <ostream>

#include "ops/detail/json_string.h"

namespace kasse::ops {
namespace {

constexpr std::array<std::string_view, 4> kLevelNames = {"debug", "info", "warn", "error"};

std::string_view KeyFor(std::string_view key) {
  if (key == "ts") return "_ts";
  if (key == "level") return "_level";
  if (key == "msg") return "_msg";
  return key;
}

void AppendDouble(std::string& out, double value) {
  if (!std::isfinite(value)) {
    out += "null";
    return;
  }
  std::array<char, 32> buffer{};
  auto [end, error] = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value);
  out.append(buffer.data(), end);
}

// The first kMaxValueBytes of `text`, not splitting a UTF-8 character, and a marker
// of the original length; `text` itself when it is short enough.
void AppendBoundedString(std::string& out, std::string_view text) {
  if (text.size() <= Logger::kMaxValueBytes) {
    detail::AppendJsonString(out, text);
    return;
  }
  size_t cut = Logger::kMaxValueBytes;
  auto continuation = [&](size_t i) { return (static_cast<unsigned char>(text[i]) & 0xC0) == 0x80; };
  for (int back = 0; back < 3 && cut > 0 && continuation(cut); ++back) --cut;
  std::string bounded(text.substr(0, cut));
  bounded += "\u2026[truncated, " + std::to_string(text.size()) + " bytes]";
  detail::AppendJsonString(out, bounded);
}

void AppendValue(std::string& out, const LogField::Value& value) {
  if (const auto* text = std::get_if<std::string_view>(&value)) {
    AppendBoundedString(out, *text);
  } else if (const auto* flag = std::get_if<bool>(&value)) {
    out += *flag ? "true" : "false";
  } else if (const auto* real = std::get_if<double>(&value)) {
    AppendDouble(out, *real);
  } else if (const auto* integer = std::get_if<int64_t>(&value)) {
    out += std::to_string(*integer);
  } else {
    out += std::to_string(std::get<uint64_t>(value));
  }
}

}  // namespace

std::string_view LogLevelName(LogLevel level) { return kLevelNames.at(static_cast<size_t>(level)); }

Result<LogLevel> ParseLogLevel(std::string_view name) {
  for (size_t i = 0; i < kLevelNames.size(); ++i) {
    if (kLevelNames[i] == name) return static_cast<LogLevel>(i);
  }
  return Status::InvalidArgument("log_level", "must be one of debug, info, warn, error");
}

std::string FormatUtcMillis(int64_t unix_millis) {
  using std::chrono::days;
  using std::chrono::milliseconds;
  std::chrono::sys_time<milliseconds> time{milliseconds(unix_millis)};
  auto day = std::chrono::floor<days>(time);
  std::chrono::year_month_day date{day};
  std::chrono::hh_mm_ss clock_time{time - day};
  std::array<char, 32> buffer{};
  int written =
      std::snprintf(buffer.data(), buffer.size(), "%04d-%02u-%02uT%02d:%02d:%02d.%03dZ", static_cast<int>(date.year()),
                    static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()),
                    static_cast<int>(clock_time.hours().count()), static_cast<int>(clock_time.minutes().count()),
                    static_cast<int>(clock_time.seconds().count()), static_cast<int>(clock_time.subseconds().count()));
  return std::string(buffer.data(), static_cast<size_t>(written));
}

Logger::Logger(LogSink sink, LogLevel min_level, Clock& clock)
    : sink_(std::move(sink)), min_level_(min_level), clock_(clock) {}

Logger::Logger(std::ostream& out, LogLevel min_level, Clock& clock)
    : Logger(
          [&out](std::string_view line) {
            out.write(line.data(), static_cast<std::streamsize>(line.size()));
            out.flush();
          },
          min_level, clock) {}

void Logger::Log(LogLevel level, std::string_view msg, std::initializer_list<LogField> fields) {
  if (!Enabled(level)) return;
  std::string line = "\",\"level\":\"";
  line += LogLevelName(level);
  line += "\",\"msg\":";
  detail::AppendJsonString(line, msg);
  for (const LogField& field : fields) {
    line += ',';
    detail::AppendJsonString(line, KeyFor(field.key()));
    line += ':';
    AppendValue(line, field.value());
  }
  line += "}\n";
  std::lock_guard lock(mutex_);
  sink_("{\"ts\":\"" + FormatUtcMillis(clock_.NowUnixMillis()) + line);
}

}  // namespace kasse::ops
