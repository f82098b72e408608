#include "masterdata/csv.h"

#include <gtest/gtest.h>

namespace kasse::masterdata {
namespace {

struct BadCsv {
  std::string name;
  std::string text;
  std::string message;  // contained in the error
};

class BadCsvTest : public ::testing::TestWithParam<BadCsv> {};

TEST_P(BadCsvTest, IsRefusedWithTheLine) {
  Result<std::vector<CsvRecord>> records = ParseCsv(GetParam().text, ';');
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
