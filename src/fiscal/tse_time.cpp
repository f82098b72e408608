#include "fiscal/tse_time.h"

#include <cstdio>
#include <optional>
#include <stdexcept>

#include "domain/text.h"
#include "fiscal/detail/utc_time.h"

namespace kasse::fiscal {
namespace {

static_assert(kMaxTseUnixMs == detail::kMaxUnixMs);

constexpr std::string_view kIsoPattern = "YYYY-MM-DDThh:mm:ss.fffZ";

// The number in text[begin, begin + length), all digits, or nullopt.
std::optional<int> Digits(std::string_view text, size_t begin, size_t length) {
  int value = 0;
  for (char c : text.substr(begin, length)) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + (c - '0');
  }
  return value;
}

bool SeparatorsMatch(std::string_view text) {
  for (size_t i = 0; i < kIsoPattern.size(); ++i) {
    char expected = kIsoPattern[i];
    bool is_field = expected == 'Y' || expected == 'M' || expected == 'D' || expected == 'h' || expected == 'm' ||
                    expected == 's' || expected == 'f';
    if (!is_field && text[i] != expected) return false;
  }
  return true;
}

}  // namespace

std::string_view TseTimeFormatName(TseTimeFormat format) {
  switch (format) {
    case TseTimeFormat::kUnixTime: return "unixTime";
    case TseTimeFormat::kUtcTime: return "utcTime";
    case TseTimeFormat::kUtcTimeWithSeconds: return "utcTimeWithSeconds";
    case TseTimeFormat::kGeneralizedTime: return "generalizedTime";
    case TseTimeFormat::kGeneralizedTimeWithMilliseconds: return "generalizedTimeWithMilliseconds";
  }
  return "unknown";
}

Result<TseTimeFormat> ParseTseTimeFormat(std::string_view name) {
  for (TseTimeFormat format : kAllTseTimeFormats) {
    if (TseTimeFormatName(format) == name) return format;
  }
  return Status::InvalidArgument("", "unknown log time format " + QuoteForMessage(name) +
                                         "; expected unixTime, utcTime, utcTimeWithSeconds, generalizedTime or "
                                         "generalizedTimeWithMilliseconds");
}

std::string TseTimeToIso(int64_t unix_ms) {
  std::optional<detail::UtcTime> time = detail::SplitUnixMs(unix_ms);
  if (!time) throw std::out_of_range("TSE time out of range: " + std::to_string(unix_ms) + " ms");
  char text[32];
  std::snprintf(text, sizeof text, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", time->year, time->month, time->day,
                time->hour, time->minute, time->second, time->millisecond);
  return text;
}

Result<int64_t> ParseTseIsoTime(std::string_view text) {
  std::string expected_form = "is not of the form " + std::string(kIsoPattern);
  if (text.size() != kIsoPattern.size() || !SeparatorsMatch(text)) {
    return Status::InvalidArgument("", QuoteForMessage(text) + " " + expected_form);
  }
  std::optional<int> year = Digits(text, 0, 4), month = Digits(text, 5, 2), day = Digits(text, 8, 2),
                     hour = Digits(text, 11, 2), minute = Digits(text, 14, 2), second = Digits(text, 17, 2),
                     millisecond = Digits(text, 20, 3);
  if (!year || !month || !day || !hour || !minute || !second || !millisecond) {
    return Status::InvalidArgument("", QuoteForMessage(text) + " " + expected_form);
  }
  std::optional<int64_t> unix_ms = detail::JoinUnixMs({*year, *month, *day, *hour, *minute, *second, *millisecond});
  if (!unix_ms) {
    return Status::InvalidArgument("", QuoteForMessage(text) + " is not a valid UTC time from 1970 on");
  }
  return *unix_ms;
}

}  // namespace kasse::fiscal
