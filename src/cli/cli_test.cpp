#include <sstream>

#include <gtest/gtest.h>

#include "cli/app.h"

namespace kasse::cli {
namespace {

struct Outcome {
  int exit_code;
  std::string out;
  std::string err;
};

Outcome RunKasse(std::vector<std::string> args) {
  std::ostringstream out;
  std::ostringstream err;
  int code = Run(args, out, err);
  return {code, out.str(), err.str()};
}

TEST(CliTest, UnknownSubcommandIsNamedInTheError) {
  Outcome outcome = RunKasse({"frobnicate"});
  EXPECT_EQ(outcome.exit_code, 2);
  EXPECT_NE(outcome.err.find("unknown subcommand 'frobnicate'"), std::string::npos) << outcome.err;
  EXPECT_TRUE(outcome.out.empty());
}

TEST(CliTest, NoSubcommandFails) {
  Outcome outcome = RunKasse({});
  EXPECT_NE(outcome.exit_code, 0);
  EXPECT_NE(outcome.err.find("subcommand"), std::string::npos) << outcome.err;
}

TEST(CliTest, UnknownOptionFails) { EXPECT_NE(RunKasse({"demo", "--no-such-flag"}).exit_code, 0); }

TEST(CliTest, HelpListsEverySubcommand) {
  Outcome outcome = RunKasse({"--help"});
  EXPECT_EQ(outcome.exit_code, 0);
  EXPECT_NE(outcome.out.find("version"), std::string::npos);
  EXPECT_NE(outcome.out.find("demo"), std::string::npos);
}

TEST(CliTest, EverySubcommandHasHelp) {
  for (std::string subcommand : {"version", "demo"}) {
    Outcome outcome = RunKasse({subcommand, "--help"});
    EXPECT_EQ(outcome.exit_code, 0) << subcommand;
    EXPECT_NE(outcome.out.find("Usage: kasse " + subcommand), std::string::npos) << outcome.out;
  }
}

TEST(CliTest, VersionPrintsTheProjectVersion) {
  Outcome outcome = RunKasse({"version"});
  EXPECT_EQ(outcome.exit_code, 0);
  EXPECT_EQ(outcome.out.rfind("kasse 0.", 0), 0u) << outcome.out;
}

TEST(CliTest, DemoRingsUpTheReferenceReceipts) {
  Outcome outcome = RunKasse({"demo"});
  ASSERT_EQ(outcome.exit_code, 0);
  for (const char* expected :
       {"Beleg^7.48_3.57_0.00_0.00_0.00^11.05:Bar", "Beleg^7.48_3.57_0.00_0.00_0.00^5.00:Bar_6.05:Unbar",
        "Beleg^-2.49_0.00_0.00_0.00_0.00^-2.49:Bar", "AVBelegabbruch^0.00_0.00_0.00_0.00_0.00^",
        "lines[1].unit_price: must not be negative", "only cash gives change", "unknown VAT key 9"}) {
    EXPECT_NE(outcome.out.find(expected), std::string::npos) << expected;
  }
}

}  // namespace
}  // namespace kasse::cli
