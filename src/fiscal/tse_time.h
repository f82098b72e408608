// TseTimeFormat and TseLogTime: when a TSE signed, and the format its signed data
// records that time in (TSE_ZEITFORMAT, docs/fiscal.md §2); and the
// ISO form receipts, QR codes and DSFinV-K exports print TSE times in.
//
//   unixTime                         INTEGER, seconds since 1970
//   utcTime                          UTCTime YYMMDDhhmmZ          (minutes)
//   utcTimeWithSeconds               UTCTime YYMMDDhhmmssZ
//   generalizedTime                  GeneralizedTime YYYYMMDDhhmmssZ
//   generalizedTimeWithMilliseconds  GeneralizedTime YYYYMMDDhhmmss.fffZ
//
// Times are unix milliseconds, UTC, from 1970 to 9999.
//
// Thread-safety: pure functions.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "base/result.h"

namespace kasse::fiscal {

enum class TseTimeFormat {
  kUnixTime,
  kUtcTime,
  kUtcTimeWithSeconds,
  kGeneralizedTime,
  kGeneralizedTimeWithMilliseconds,
};

inline constexpr std::array kAllTseTimeFormats = {TseTimeFormat::kUnixTime, TseTimeFormat::kUtcTime,
                                                  TseTimeFormat::kUtcTimeWithSeconds, TseTimeFormat::kGeneralizedTime,
                                                  TseTimeFormat::kGeneralizedTimeWithMilliseconds};

// A TSE's log time: the instant, and the format the signed data encodes it in.
struct TseLogTime {
  int64_t unix_ms = 0;
  TseTimeFormat format = TseTimeFormat::kUnixTime;
};

// "unixTime", "utcTime", "utcTimeWithSeconds", "generalizedTime", "generalizedTimeWithMilliseconds".
std::string_view TseTimeFormatName(TseTimeFormat format);

// The inverse of TseTimeFormatName, case-sensitive; the error lists the valid names.
Result<TseTimeFormat> ParseTseTimeFormat(std::string_view name);

// The last instant TseTimeToIso can write: 9999-12-31T23:59:59.999Z.
inline constexpr int64_t kMaxTseUnixMs = 253'402'300'799'999;

// "2021-08-23T14:36:33.000Z". unix_ms must be in [0, kMaxTseUnixMs]; outside is a
// bug and throws std::out_of_range.
std::string TseTimeToIso(int64_t unix_ms);

// The inverse of TseTimeToIso, strict: exactly YYYY-MM-DDThh:mm:ss.fffZ with a
// date that exists, year 1970 or later, no leap second, no offset other than Z.
// The error's field is empty.
Result<int64_t> ParseTseIsoTime(std::string_view text);

}  // namespace kasse::fiscal
