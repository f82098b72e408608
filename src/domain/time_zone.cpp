#include "domain/time_zone.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <limits>
#include <optional>
#include <system_error>
#include <utility>
#include <vector>

namespace kasse {
namespace {

constexpr int64_t kSecondsPerDay = 86'400;
constexpr int32_t kMaxOffsetSeconds = 26 * 3600;     // RFC 8536: -25:59:59 … +25:59:59
constexpr int32_t kMaxRuleTimeSeconds = 167 * 3600;  // TZif v3 allows -167 … 167 hours
constexpr size_t kMaxTypes = 256;

int64_t FloorDiv(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0)) ? 1 : 0); }

int64_t WeekdayOf(int64_t days) { return ((days + 4) % 7 + 7) % 7; }  // 0 = Sunday; 1970-01-01 was a Thursday

bool IsLeapYear(int64_t year) { return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0); }

int32_t DaysInMonth(int64_t year, int32_t month) {
  static constexpr std::array<int32_t, 12> kDays = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && IsLeapYear(year) ? 29 : kDays[static_cast<size_t>(month - 1)];
}

// Hinnant's days_from_civil on a 64-bit year.
int64_t DaysFrom(int64_t year, int64_t month, int64_t day) {
  year -= month <= 2 ? 1 : 0;
  const int64_t era = FloorDiv(year, 400);
  const int64_t yoe = year - era * 400;                                               // [0, 399]
  const int64_t doy = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;  // [0, 365]
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;                          // [0, 146096]
  return era * 146'097 + doe - 719'468;
}

// One end of daylight saving time in a POSIX TZ rule: "Jn", "n" or "Mm.w.d", then "/time".
struct RuleDate {
  enum class Kind : uint8_t { kJulianNoLeap, kZeroBased, kMonthWeekDay };
  Kind kind = Kind::kMonthWeekDay;
  int32_t n = 0;        // Jn: 1–365, n: 0–365
  int32_t month = 1;    // Mm.w.d
  int32_t week = 1;     // 1–5, 5 = the last
  int32_t weekday = 0;  // 0 = Sunday
  int32_t time_seconds = 2 * 3600;

  // The day (since the epoch) this rule names in `year`.
  int64_t DayIn(int64_t year) const {
    if (kind == Kind::kJulianNoLeap) return DaysFrom(year, 1, 1) + n - 1 + (IsLeapYear(year) && n >= 60 ? 1 : 0);
    if (kind == Kind::kZeroBased) return DaysFrom(year, 1, 1) + n;
    int64_t first = DaysFrom(year, month, 1);
    int64_t day = first + (weekday - WeekdayOf(first) + 7) % 7 + int64_t{7} * (week - 1);
    while (day >= first + DaysInMonth(year, month)) day -= 7;
    return day;
  }
};

// The footer of a TZif file: standard time, and optionally DST with its rule.
struct PosixRule {
  int32_t std_offset = 0;  // seconds east of UTC
  bool has_dst = false;
  int32_t dst_offset = 0;
  RuleDate start;
  RuleDate end;

  bool IsDst(int64_t utc_seconds) const {
    int64_t year = CivilFromDays(FloorDiv(utc_seconds + std_offset, kSecondsPerDay)).year;
    auto [dst_start, dst_end] = Switches(year);
    return dst_start < dst_end ? dst_start <= utc_seconds && utc_seconds < dst_end
                               : !(dst_end <= utc_seconds && utc_seconds < dst_start);
  }
  int32_t OffsetAt(int64_t utc_seconds) const { return has_dst && IsDst(utc_seconds) ? dst_offset : std_offset; }
  // When DST starts and ends in `year`, as UTC seconds.
  std::pair<int64_t, int64_t> Switches(int64_t year) const {
    return {start.DayIn(year) * kSecondsPerDay + start.time_seconds - std_offset,
            end.DayIn(year) * kSecondsPerDay + end.time_seconds - dst_offset};
  }
};

// Reads a POSIX TZ string (POSIX.1-2017 8.3 with the RFC 8536 extensions).
class RuleParser {
 public:
  explicit RuleParser(std::string_view text) : text_(text) {}

  std::optional<PosixRule> Parse() {
    PosixRule rule;
    std::optional<int32_t> std_offset;
    if (!Name() || !(std_offset = Time(24))) return std::nullopt;
    rule.std_offset = -*std_offset;
    if (AtEnd()) return rule;
    if (!Name()) return std::nullopt;
    rule.has_dst = true;
    rule.dst_offset = rule.std_offset + 3600;
    if (!AtEnd() && Peek() != ',') {
      std::optional<int32_t> dst_offset = Time(24);
      if (!dst_offset) return std::nullopt;
      rule.dst_offset = -*dst_offset;
    }
    // DST without a rule leaves the switches to the implementation; no TZif file does that.
    if (!Take(',') || !Date(rule.start) || !Take(',') || !Date(rule.end) || !AtEnd()) return std::nullopt;
    return rule;
  }

 private:
  bool AtEnd() const { return pos_ == text_.size(); }
  char Peek() const { return AtEnd() ? '\0' : text_[pos_]; }
  bool Take(char c) {
    if (Peek() != c) return false;
    ++pos_;
    return true;
  }
  static bool IsAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
  static bool IsDigit(char c) { return c >= '0' && c <= '9'; }

  // "CET" or "<-03>": at least three characters.
  bool Name() {
    size_t begin = pos_;
    if (Take('<')) {
      while (IsAlpha(Peek()) || IsDigit(Peek()) || Peek() == '+' || Peek() == '-') ++pos_;
      return pos_ - begin - 1 >= 3 && Take('>');
    }
    while (IsAlpha(Peek())) ++pos_;
    return pos_ - begin >= 3;
  }

  std::optional<int32_t> Number(int32_t max) {
    int32_t value = 0;
    const char* first = text_.data() + pos_;
    auto [end, error] = std::from_chars(first, text_.data() + text_.size(), value);
    if (error != std::errc() || value < 0 || value > max || end == first) return std::nullopt;
    pos_ += static_cast<size_t>(end - first);
    return value;
  }

  // [+|-]hh[:mm[:ss]] in seconds, hours up to `max_hours`.
  std::optional<int32_t> Time(int32_t max_hours) {
    int32_t sign = 1;
    if (Take('-')) {
      sign = -1;
    } else {
      Take('+');
    }
    if (!IsDigit(Peek())) return std::nullopt;
    std::optional<int32_t> hours = Number(max_hours);
    if (!hours) return std::nullopt;
    int32_t seconds = *hours * 3600;
    for (int32_t unit : {60, 1}) {
      if (!Take(':')) break;
      if (!IsDigit(Peek())) return std::nullopt;
      std::optional<int32_t> part = Number(59);
      if (!part) return std::nullopt;
      seconds += *part * unit;
    }
    return sign * seconds;
  }

  // A number from `min` to `max` into `out`.
  bool NumberInto(int32_t min, int32_t max, int32_t& out) {
    std::optional<int32_t> value = IsDigit(Peek()) ? Number(max) : std::nullopt;
    if (!value || *value < min) return false;
    out = *value;
    return true;
  }

  bool Date(RuleDate& date) {
    if (Take('M')) {
      date.kind = RuleDate::Kind::kMonthWeekDay;
      if (!NumberInto(1, 12, date.month) || !Take('.') || !NumberInto(1, 5, date.week) || !Take('.') ||
          !NumberInto(0, 6, date.weekday)) {
        return false;
      }
    } else if (Take('J')) {
      date.kind = RuleDate::Kind::kJulianNoLeap;
      if (!NumberInto(1, 365, date.n)) return false;
    } else {
      date.kind = RuleDate::Kind::kZeroBased;
      if (!NumberInto(0, 365, date.n)) return false;
    }
    if (!Take('/')) return true;
    std::optional<int32_t> time = Time(kMaxRuleTimeSeconds / 3600);
    if (!time) return false;
    date.time_seconds = *time;
    return true;
  }

  std::string_view text_;
  size_t pos_ = 0;
};

// Bounds-checked big-endian reads over the file's bytes.
class ByteReader {
 public:
  explicit ByteReader(std::string_view bytes) : bytes_(bytes) {}

  bool Has(uint64_t count) const { return count <= bytes_.size() - pos_; }
  bool Skip(uint64_t count) {
    if (!Has(count)) return false;
    pos_ += static_cast<size_t>(count);
    return true;
  }
  std::optional<uint64_t> Unsigned(size_t width) {
    if (!Has(width)) return std::nullopt;
    uint64_t value = 0;
    for (size_t i = 0; i < width; ++i) value = (value << 8) | static_cast<uint8_t>(bytes_[pos_ + i]);
    pos_ += width;
    return value;
  }
  std::string_view Rest() const { return bytes_.substr(pos_); }
  std::string_view Take(size_t count) {
    std::string_view taken = bytes_.substr(pos_, count);
    pos_ += taken.size();
    return taken;
  }

 private:
  std::string_view bytes_;
  size_t pos_ = 0;
};

struct TzifCounts {
  char version = 0;
  uint64_t isutcnt = 0;
  uint64_t isstdcnt = 0;
  uint64_t leapcnt = 0;
  uint64_t timecnt = 0;
  uint64_t typecnt = 0;
  uint64_t charcnt = 0;

  // The size of the data block that follows the header, with times `time_size` bytes wide.
  uint64_t DataBytes(uint64_t time_size) const {
    return timecnt * time_size + timecnt + typecnt * 6 + charcnt + leapcnt * (time_size + 4) + isstdcnt + isutcnt;
  }
};

std::optional<TzifCounts> ReadHeader(ByteReader& in) {
  if (!in.Has(44) || in.Take(4) != "TZif") return std::nullopt;
  TzifCounts counts;
  counts.version = in.Take(1)[0];
  in.Skip(15);
  for (uint64_t* count :
       {&counts.isutcnt, &counts.isstdcnt, &counts.leapcnt, &counts.timecnt, &counts.typecnt, &counts.charcnt}) {
    *count = *in.Unsigned(4);
  }
  return counts;
}

int32_t ToInt32(uint64_t raw) { return static_cast<int32_t>(static_cast<uint32_t>(raw)); }
int64_t ToInt64(uint64_t raw) { return static_cast<int64_t>(raw); }

Status Corrupt(const std::string& name, const std::string& why) {
  return Status::Internal("the zoneinfo file of time zone " + name + " is unusable: " + why);
}

bool IsValidName(std::string_view name) {
  if (name.empty() || name.size() > TimeZone::kMaxNameBytes || name.front() == '/') return false;
  size_t begin = 0;
  while (begin <= name.size()) {
    size_t end = std::min(name.find('/', begin), name.size());
    std::string_view part = name.substr(begin, end - begin);
    if (part.empty() || part == "." || part == "..") return false;
    for (char c : part) {
      bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-' ||
                c == '+' || c == '.';
      if (!ok) return false;
    }
    begin = end + 1;
  }
  return true;
}

}  // namespace

struct TimeZone::Data {
  struct LocalTimeType {
    int32_t offset_seconds = 0;
    bool is_dst = false;
  };

  std::string name;
  std::vector<int64_t> transitions;       // UTC seconds, strictly ascending
  std::vector<uint8_t> transition_types;  // index into types, one per transition
  std::vector<LocalTimeType> types;       // never empty; types[0] applies before the first transition
  std::optional<PosixRule> rule;          // after the last transition

  int32_t OffsetAt(int64_t utc_seconds) const {
    if (transitions.empty() || utc_seconds > transitions.back()) {
      if (rule) return rule->OffsetAt(utc_seconds);
      return transitions.empty() ? types[0].offset_seconds : types[transition_types.back()].offset_seconds;
    }
    auto after = std::upper_bound(transitions.begin(), transitions.end(), utc_seconds);
    if (after == transitions.begin()) return types[0].offset_seconds;
    return types[transition_types[static_cast<size_t>(std::distance(transitions.begin(), after) - 1)]].offset_seconds;
  }

  // Every instant in (from, to) at which the offset may change, ascending.
  std::vector<int64_t> TransitionsBetween(int64_t from, int64_t to) const {
    std::vector<int64_t> found;
    for (auto it = std::upper_bound(transitions.begin(), transitions.end(), from); it != transitions.end() && *it < to;
         ++it) {
      found.push_back(*it);
    }
    if (!rule || !rule->has_dst) return found;
    int64_t year = CivilFromDays(FloorDiv(from, kSecondsPerDay)).year;
    int64_t last_year = CivilFromDays(FloorDiv(to, kSecondsPerDay)).year;
    for (int64_t y = year - 1; y <= last_year + 1; ++y) {
      auto [dst_start, dst_end] = rule->Switches(y);
      for (int64_t at : {dst_start, dst_end}) {
        if (at > from && at < to && (transitions.empty() || at > transitions.back())) found.push_back(at);
      }
    }
    std::sort(found.begin(), found.end());
    return found;
  }
};

namespace {

// Reads the version 2+ part of a TZif file (RFC 8536 section 3).
Result<std::shared_ptr<TimeZone::Data>> ParseTzif(const std::string& name, std::string_view bytes) {
  ByteReader in(bytes);
  std::optional<TzifCounts> v1 = ReadHeader(in);
  if (!v1) return Corrupt(name, "no TZif header");
  if (v1->version < '2') return Corrupt(name, "version 1 files (32-bit times only) are not supported");
  if (!in.Skip(v1->DataBytes(4))) return Corrupt(name, "truncated version 1 data");
  std::optional<TzifCounts> counts = ReadHeader(in);
  if (!counts) return Corrupt(name, "no version 2 header");
  if (counts->typecnt == 0 || counts->typecnt > kMaxTypes || counts->charcnt == 0 ||
      (counts->isstdcnt != 0 && counts->isstdcnt != counts->typecnt) ||
      (counts->isutcnt != 0 && counts->isutcnt != counts->typecnt)) {
    return Corrupt(name, "inconsistent counts in the header");
  }
  if (!in.Has(counts->DataBytes(8))) return Corrupt(name, "truncated data");

  auto data = std::make_shared<TimeZone::Data>();
  data->name = name;
  for (uint64_t i = 0; i < counts->timecnt; ++i) {
    int64_t at = ToInt64(*in.Unsigned(8));
    if (!data->transitions.empty() && at <= data->transitions.back()) return Corrupt(name, "transitions out of order");
    data->transitions.push_back(at);
  }
  for (uint64_t i = 0; i < counts->timecnt; ++i) {
    uint64_t type = *in.Unsigned(1);
    if (type >= counts->typecnt) return Corrupt(name, "a transition names a local time type that does not exist");
    data->transition_types.push_back(static_cast<uint8_t>(type));
  }
  for (uint64_t i = 0; i < counts->typecnt; ++i) {
    int32_t offset = ToInt32(*in.Unsigned(4));
    uint64_t is_dst = *in.Unsigned(1);
    uint64_t designation = *in.Unsigned(1);
    if (offset <= -kMaxOffsetSeconds || offset >= kMaxOffsetSeconds || is_dst > 1 || designation >= counts->charcnt) {
      return Corrupt(name, "a local time type is out of range");
    }
    data->types.push_back(TimeZone::Data::LocalTimeType{offset, is_dst == 1});
  }
  in.Skip(counts->charcnt + counts->leapcnt * 12 + counts->isstdcnt + counts->isutcnt);

  std::string_view footer = in.Rest();
  if (footer.size() < 2 || footer.front() != '\n' || footer.find('\n', 1) != footer.size() - 1) {
    return Corrupt(name, "no footer line");
  }
  std::string_view tz = footer.substr(1, footer.size() - 2);
  if (!tz.empty()) {
    data->rule = RuleParser(tz).Parse();
    if (!data->rule) return Corrupt(name, "unsupported footer TZ string \"" + std::string(tz) + "\"");
  }
  return data;
}

}  // namespace

bool CivilDate::IsValid() const { return month >= 1 && month <= 12 && day >= 1 && day <= DaysInMonth(year, month); }

std::string CivilDate::ToString() const {
  std::array<char, 32> buffer{};
  int n = std::snprintf(buffer.data(), buffer.size(), "%04d-%02d-%02d", year, month, day);
  return std::string(buffer.data(), static_cast<size_t>(std::max(n, 0)));
}

Result<CivilDate> ParseCivilDate(std::string_view text) {
  auto number = [&](size_t at, size_t width) -> int32_t {
    int32_t value = 0;
    for (size_t i = at; i < at + width; ++i) {
      if (text[i] < '0' || text[i] > '9') return -1;
      value = value * 10 + (text[i] - '0');
    }
    return value;
  };
  if (text.size() == 10 && text[4] == '-' && text[7] == '-') {
    CivilDate date{number(0, 4), number(5, 2), number(8, 2)};
    if (date.year >= 0 && date.IsValid()) return date;
  }
  return Status::InvalidArgument("date", "must be a calendar date YYYY-MM-DD");
}

int64_t DaysFromCivil(const CivilDate& date) { return DaysFrom(date.year, date.month, date.day); }

CivilDate CivilFromDays(int64_t days) {
  days += 719'468;
  const int64_t era = FloorDiv(days, 146'097);
  const int64_t doe = days - era * 146'097;                                     // [0, 146096]
  const int64_t yoe = (doe - doe / 1460 + doe / 36'524 - doe / 146'096) / 365;  // [0, 399]
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);                  // [0, 365]
  const int64_t mp = (5 * doy + 2) / 153;                                       // [0, 11]
  const int64_t day = doy - (153 * mp + 2) / 5 + 1;                             // [1, 31]
  const int64_t month = mp < 10 ? mp + 3 : mp - 9;                              // [1, 12]
  const int64_t year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return CivilDate{static_cast<int32_t>(year), static_cast<int32_t>(month), static_cast<int32_t>(day)};
}

Result<TimeZone> TimeZone::Load(std::string_view name) { return Load(name, std::filesystem::path(kSystemZoneinfoDir)); }

Result<TimeZone> TimeZone::Load(std::string_view name, const std::filesystem::path& zoneinfo_root) {
  if (!IsValidName(name)) return Status::InvalidArgument("time_zone", "is not an IANA time zone name");
  std::string zone(name);
  std::filesystem::path file = zoneinfo_root / zone;
  std::error_code error;
  if (!std::filesystem::is_regular_file(file, error)) return Status::NotFound("time_zone", "unknown time zone " + zone);
  uintmax_t size = std::filesystem::file_size(file, error);
  if (error || size > kMaxFileBytes) return Corrupt(zone, "unreadable or too large");
  std::ifstream stream(file, std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(stream)), std::istreambuf_iterator<char>());
  if (!stream.good() && !stream.eof()) return Corrupt(zone, "unreadable");
  return FromTzif(zone, bytes);
}

Result<TimeZone> TimeZone::FromTzif(std::string_view name, std::string_view tzif_bytes) {
  Result<std::shared_ptr<Data>> data = ParseTzif(std::string(name), tzif_bytes);
  if (!data.ok()) return data.status();
  return TimeZone(std::move(*data));
}

TimeZone TimeZone::Utc() {
  auto data = std::make_shared<Data>();
  data->name = "UTC";
  data->types.push_back(Data::LocalTimeType{0, false});
  return TimeZone(std::move(data));
}

const std::string& TimeZone::name() const { return data_->name; }

int32_t TimeZone::OffsetSeconds(int64_t utc_ms) const { return data_->OffsetAt(FloorDiv(utc_ms, 1000)); }

LocalDateTime TimeZone::ToLocal(int64_t utc_ms) const {
  int64_t utc_seconds = FloorDiv(utc_ms, 1000);
  int32_t offset = data_->OffsetAt(utc_seconds);
  int64_t local = utc_seconds + offset;
  int64_t days = FloorDiv(local, kSecondsPerDay);
  auto second_of_day = static_cast<int32_t>(local - days * kSecondsPerDay);
  CivilDate date = CivilFromDays(days);
  return LocalDateTime{date.year,
                       date.month,
                       date.day,
                       second_of_day / 3600,
                       second_of_day / 60 % 60,
                       second_of_day % 60,
                       static_cast<int32_t>((utc_ms % 1000 + 1000) % 1000),
                       offset};
}

CivilDate TimeZone::BusinessDay(int64_t utc_ms) const {
  int64_t utc_seconds = FloorDiv(utc_ms, 1000);
  return CivilFromDays(FloorDiv(utc_seconds + data_->OffsetAt(utc_seconds), kSecondsPerDay));
}

int64_t TimeZone::StartOfDayUtcMs(const CivilDate& date) const {
  // Between two transitions the offset o is constant, and the local time t + o reaches
  // midnight first at max(start, midnight - o). The earliest such instant wins.
  const int64_t midnight = DaysFromCivil(date) * kSecondsPerDay;
  const int64_t from = midnight - 2 * kSecondsPerDay;
  const int64_t to = midnight + 2 * kSecondsPerDay;
  std::vector<int64_t> bounds = data_->TransitionsBetween(from, to);
  bounds.insert(bounds.begin(), from);
  bounds.push_back(to);
  int64_t start = midnight - data_->OffsetAt(midnight);
  for (size_t i = 0; i + 1 < bounds.size(); ++i) {
    int64_t candidate = std::max(bounds[i], midnight - data_->OffsetAt(bounds[i]));
    if (candidate < bounds[i + 1]) {
      start = candidate;
      break;
    }
  }
  constexpr int64_t kLimit = std::numeric_limits<int64_t>::max() / 1000;
  return std::clamp(start, -kLimit, kLimit) * 1000;
}

}  // namespace kasse
