#include "ops/detail/json_string.h"

#include <cctype>

#include <gtest/gtest.h>

namespace kasse::ops::detail {
namespace {

std::string Json(std::string_view text) {
  std::string out;
  AppendJsonString(out, text);
  return out;
}

struct Case {
  std::string_view name;
  std::string_view input;
  std::string_view json;
};

std::string CaseName(const ::testing::TestParamInfo<Case>& case_info) {
  std::string name(case_info.param.name);
  for (char& c : name) {
    if (std::isalnum(static_cast<unsigned char>(c)) == 0) c = '_';
  }
  return name;
}

class JsonStringTest : public ::testing::TestWithParam<Case> {};

TEST_P(JsonStringTest, Escapes) { EXPECT_EQ(Json(GetParam().input), GetParam().json) << GetParam().name; }

using namespace std::string_view_literals;
INSTANTIATE_TEST_SUITE_P(
    Cases, JsonStringTest,
    ::testing::Values(
        // Invalid UTF-8: each offending byte becomes U+FFFD.
        Case{"stray continuation byte", "a\x80z", "\"a\xEF\xBF\xBDz\""},
        Case{"truncated sequence", "\xC3", "\"\xEF\xBF\xBD\""},
        Case{"truncated then ascii", "\xE2\x82z", "\"\xEF\xBF\xBD\xEF\xBF\xBDz\""},
        Case{"overlong slash", "\xC0\xAF", "\"\xEF\xBF\xBD\xEF\xBF\xBD\""},
        Case{"overlong three bytes", "\xE0\x80\xAF", "\"\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\""},
        Case{"surrogate", "\xED\xA0\x80", "\"\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\""},
        Case{"past U+10FFFF", "\xF4\x90\x80\x80", "\"\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\""},
        Case{"byte 0xFF", "\xFF", "\"\xEF\xBF\xBD\""},
        // Control characters.
        Case{"nul", "a\0b"sv, "\"a\\u0000b\""}, Case{"short escapes", "\b\f\n\r\t", "\"\\b\\f\\n\\r\\t\""},
        Case{"escape and unit separator", "\x1b[31m\x1f", "\"\\u001b[31m\\u001f\""},
        Case{"delete", "\x7f", "\"\\u007f\""},
        // Passed through or simply escaped.
        Case{"quote and backslash", "say \"hi\" \\o/", "\"say \\\"hi\\\" \\\\o/\""},
        Case{"umlaut and euro", "Brötchen 1,19 €", "\"Brötchen 1,19 €\""},
        Case{"four-byte emoji", "\xF0\x9F\x8D\x9E", "\"\xF0\x9F\x8D\x9E\""}, Case{"empty", "", "\"\""}),
    CaseName);

}  // namespace
}  // namespace kasse::ops::detail
