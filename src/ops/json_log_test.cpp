#include "ops/json_log.h"

#include <sstream>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

namespace kasse::ops {
namespace {

constexpr int64_t kNow = 1795785600123;  // 2026-11-27T13:20:00.123Z

class JsonLogTest : public ::testing::Test {
 protected:
  Logger MakeLogger(LogLevel min_level) {
    return Logger([this](std::string_view line) { lines_.emplace_back(line); }, min_level, clock_);
  }

  FakeClock clock_{kNow};
  std::vector<std::string> lines_;
};

TEST(LogLevelTest, UnknownLevelNamesAreRefused) {
  for (std::string_view name : {"", "INFO", "warning", "fatal", "info "}) {
    Result<LogLevel> level = ParseLogLevel(name);
    ASSERT_FALSE(level.ok()) << name;
    EXPECT_TRUE(level.status().IsInvalidArgument());
  }
}

TEST(LogLevelTest, NamesRoundTrip) {
  for (LogLevel level : {LogLevel::kDebug, LogLevel::kInfo, LogLevel::kWarn, LogLevel::kError}) {
    EXPECT_EQ(*ParseLogLevel(LogLevelName(level)), level);
  }
}

TEST_F(JsonLogTest, LinesBelowTheMinimumLevelAreDropped) {
  Logger log = MakeLogger(LogLevel::kWarn);
  log.Debug("d");
  log.Info("i");
  log.Warn("w");
  log.Error("e");
  ASSERT_EQ(lines_.size(), 2u);
  EXPECT_NE(lines_[0].find("\"level\":\"warn\""), std::string::npos);
  EXPECT_NE(lines_[1].find("\"level\":\"error\""), std::string::npos);
  EXPECT_FALSE(log.Enabled(LogLevel::kInfo));
  EXPECT_TRUE(log.Enabled(LogLevel::kError));
}

TEST_F(JsonLogTest, HostileStringsAreEscaped) {
  Logger log = MakeLogger(LogLevel::kDebug);
  log.Info("line\nbreak \"quoted\" \\ \x01\x1b", {{"device\"id", "pos\r\n{\"level\":\"error\"}"}, {"raw", "\xC3("}});
  EXPECT_EQ(lines_.at(0),
            "{\"ts\":\"2026-11-27T13:20:00.123Z\",\"level\":\"info\","
            "\"msg\":\"line\\nbreak \\\"quoted\\\" \\\\ \\u0001\\u001b\","
            "\"device\\\"id\":\"pos\\r\\n{\\\"level\\\":\\\"error\\\"}\",\"raw\":\"\xEF\xBF\xBD(\"}\n");
}

TEST_F(JsonLogTest, LongValuesAreCutWithTheirLength) {
  Logger log = MakeLogger(LogLevel::kInfo);
  std::string huge(8'000'000, 'A');
  log.Warn("enrollment refused", {{"device_id", huge}, {"short", "kept"}});
  ASSERT_EQ(lines_.size(), 1u);
  EXPECT_LT(lines_[0].size(), 1024u) << lines_[0].substr(0, 2000);
  EXPECT_NE(lines_[0].find("\"device_id\":\"" + std::string(Logger::kMaxValueBytes, 'A') +
                           "\u2026[truncated, 8000000 bytes]\""),
            std::string::npos)
      << lines_[0];
  EXPECT_NE(lines_[0].find(R"("short":"kept")"), std::string::npos);

  // A cut never splits a UTF-8 character: after "x", each "ä" is two bytes; the limit falls inside one.
  std::string umlauts = "x";
  for (int i = 0; i < 200; ++i) umlauts += "\u00e4";
  log.Info("m", {{"text", umlauts}});
  EXPECT_NE(lines_[1].find("\"text\":\"" + umlauts.substr(0, Logger::kMaxValueBytes - 1) + "\u2026"), std::string::npos)
      << lines_[1];
  EXPECT_EQ(lines_[1].find("\xEF\xBF\xBD"), std::string::npos);  // no U+FFFD from a split character
}

TEST_F(JsonLogTest, FieldsNamedLikeTheFixedKeysAreRenamed) {
  Logger log = MakeLogger(LogLevel::kDebug);
  log.Warn("m", {{"ts", 1}, {"level", "x"}, {"msg", true}});
  EXPECT_EQ(lines_.at(0),
            "{\"ts\":\"2026-11-27T13:20:00.123Z\",\"level\":\"warn\",\"msg\":\"m\",\"_ts\":1,\"_level\":\"x\","
            "\"_msg\":true}\n");
}

TEST_F(JsonLogTest, WritesOneExactLinePerCall) {
  Logger log = MakeLogger(LogLevel::kDebug);
  std::string register_id = "K-0101-01";
  log.Info("batch ingested", {{"register_id", register_id},
                              {"entries", 12},
                              {"acked_seq", uint64_t{18446744073709551615u}},
                              {"lag", int64_t{-3}},
                              {"replay", false},
                              {"seconds", 0.25},
                              {"ratio", std::numeric_limits<double>::infinity()}});
  clock_.Advance(1001);
  log.Error("disk full");
  ASSERT_EQ(lines_.size(), 2u);
  EXPECT_EQ(lines_[0],
            "{\"ts\":\"2026-11-27T13:20:00.123Z\",\"level\":\"info\",\"msg\":\"batch ingested\","
            "\"register_id\":\"K-0101-01\",\"entries\":12,\"acked_seq\":18446744073709551615,\"lag\":-3,"
            "\"replay\":false,\"seconds\":0.25,\"ratio\":null}\n");
  EXPECT_EQ(lines_[1], "{\"ts\":\"2026-11-27T13:20:01.124Z\",\"level\":\"error\",\"msg\":\"disk full\"}\n");
}

TEST_F(JsonLogTest, WritesToAStream) {
  std::ostringstream out;
  Logger log(out, LogLevel::kInfo, clock_);
  log.Info("started", {{"listen", "0.0.0.0:8080"}});
  EXPECT_EQ(out.str(),
            "{\"ts\":\"2026-11-27T13:20:00.123Z\",\"level\":\"info\",\"msg\":\"started\","
            "\"listen\":\"0.0.0.0:8080\"}\n");
}

TEST_F(JsonLogTest, LinesFromManyThreadsNeverInterleave) {
  std::ostringstream out;
  Logger log(out, LogLevel::kInfo, clock_);
  std::vector<std::thread> threads;
  threads.reserve(4);
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&log, t] {
      for (int i = 0; i < 500; ++i) log.Info("tick", {{"thread", t}, {"i", i}});
    });
  }
  for (std::thread& thread : threads) thread.join();
  std::istringstream in(out.str());
  std::string line;
  int count = 0;
  while (std::getline(in, line)) {
    ++count;
    EXPECT_TRUE(line.starts_with("{\"ts\":") && line.ends_with("}")) << line;
  }
  EXPECT_EQ(count, 2000);
}

TEST(FormatUtcMillisTest, FormatsUtcWithMilliseconds) {
  EXPECT_EQ(FormatUtcMillis(0), "1970-01-01T00:00:00.000Z");
  EXPECT_EQ(FormatUtcMillis(-1), "1969-12-31T23:59:59.999Z");
  EXPECT_EQ(FormatUtcMillis(951782400000), "2000-02-29T00:00:00.000Z");
  EXPECT_EQ(FormatUtcMillis(kNow), "2026-11-27T13:20:00.123Z");
}

}  // namespace
}  // namespace kasse::ops
