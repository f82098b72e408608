#include "masterdata/csv.h"

#include <gtest/gtest.h>

#include "masterdata/article_import.h"

namespace kasse::masterdata {
namespace {

constexpr CsvLimits kSmall{3, 20, 2};

struct BadCsv {
  std::string name;
  std::string text;
  std::string message;  // contained in the error
  CsvLimits limits = {};
};

class BadCsvTest : public ::testing::TestWithParam<BadCsv> {};

TEST_P(BadCsvTest, IsRefusedWithTheLine) {
  Result<std::vector<CsvRecord>> records = ParseCsv(GetParam().text, ';', GetParam().limits);
  ASSERT_FALSE(records.ok());
  EXPECT_TRUE(records.status().IsInvalidArgument());
  EXPECT_EQ(records.status().field(), "body");
  EXPECT_NE(records.status().message().find(GetParam().message), std::string::npos) << records.status().message();
}

INSTANTIATE_TEST_SUITE_P(
    Csv, BadCsvTest,
    ::testing::Values(BadCsv{"QuoteLeftOpen", "a;b\n1;\"open\n2;3\n", "line 2: a quoted field is not closed"},
                      BadCsv{"QuoteInsideUnquotedField", "a;b\n1;x\"y\n", "line 2: a quote inside"},
                      BadCsv{"TextAfterClosingQuote", "a;b\n\n1;\"x\"y\n", "line 3: text after a closing quote"}),
    [](const ::testing::TestParamInfo<BadCsv>& param_info) { return param_info.param.name; });

INSTANTIATE_TEST_SUITE_P(
    Limits, BadCsvTest,
    ::testing::Values(BadCsv{"TooManyFields", "a;b\n1;2;3;4\n", "line 2: more than 3 fields", kSmall},
                      BadCsv{"LineTooLong", "a;b\n\n12345678901234567890123\n", "line 3: longer than 20 bytes", kSmall},
                      BadCsv{"QuotedFieldTooLong", "a\n\"1234567890\n1234567890\n\"\n", "line 2: longer than 20 bytes",
                             kSmall},
                      BadCsv{"TooManyRecords", "a\n\nb\nc\n", "line 4: more than 2 records", kSmall}),
    [](const ::testing::TestParamInfo<BadCsv>& param_info) { return param_info.param.name; });

// Issue 10, item 18: one line of 50 M separators took 22 s and 2.85 GB, a field
// object each. It is refused after the 64th field.
TEST(CsvTest, FiftyMillionSeparatorsAreRefusedAtTheFieldLimit) {
  std::string text = "number;text\n" + std::string(50'000'000, ';') + "\n";
  Result<std::vector<CsvRecord>> records =
      ParseCsv(text, ';', CsvLimits{kMaxImportFields, kMaxImportLineBytes, kMaxImportRows + 1});
  ASSERT_FALSE(records.ok());
  EXPECT_EQ(records.status().message(), "line 2: more than 64 fields");
}

TEST(CsvTest, OneLongLineIsRefusedAtTheByteLimit) {
  std::string text = "number;text\n1;" + std::string(50'000'000, 'x') + "\n";
  Result<std::vector<CsvRecord>> records =
      ParseCsv(text, ';', CsvLimits{kMaxImportFields, kMaxImportLineBytes, kMaxImportRows + 1});
  ASSERT_FALSE(records.ok());
  EXPECT_EQ(records.status().message(), "line 2: longer than 16384 bytes");
}

TEST(CsvTest, RecordsAtTheLimitsAreRead) {
  Result<std::vector<CsvRecord>> records = ParseCsv("a;b;c\n\"1;2\";;\n", ';', kSmall);
  ASSERT_TRUE(records.ok()) << records.status().ToString();
  ASSERT_EQ(records->size(), 2u);
  EXPECT_EQ((*records)[1].fields, (std::vector<std::string>{"1;2", "", ""}));
}

TEST(CsvTest, ReadsQuotedFieldsBomAndBothLineEndings) {
  std::string text = "\xEF\xBB\xBFnumber;text\r\n1001;\"Milch; \"\"frisch\"\"\"\n\n1002;\"zwei\nZeilen\"\n1003;\n";
  Result<std::vector<CsvRecord>> records = ParseCsv(text, ';');
  ASSERT_TRUE(records.ok()) << records.status().ToString();
  ASSERT_EQ(records->size(), 4u);
  EXPECT_EQ((*records)[0].fields, (std::vector<std::string>{"number", "text"}));
  EXPECT_EQ((*records)[1].fields, (std::vector<std::string>{"1001", "Milch; \"frisch\""}));
  EXPECT_EQ((*records)[2].line, 4u);
  EXPECT_EQ((*records)[2].fields[1], "zwei\nZeilen");
  EXPECT_EQ((*records)[3].line, 6u);
  EXPECT_EQ((*records)[3].fields, (std::vector<std::string>{"1003", ""}));
}

TEST(CsvTest, LastLineWithoutLineBreakAndEmptyQuotedField) {
  Result<std::vector<CsvRecord>> records = ParseCsv("a;b\n\"\";x", ';');
  ASSERT_TRUE(records.ok());
  ASSERT_EQ(records->size(), 2u);
  EXPECT_EQ((*records)[1].fields, (std::vector<std::string>{"", "x"}));
}

}  // namespace
}  // namespace kasse::masterdata
