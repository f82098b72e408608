#include <filesystem>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include "base/temp_dir.h"
#include "cli/app.h"

namespace kasse::cli {
namespace {

// TV-4 (../shared/fiscal/REFERENCE.md §7), a real receipt.
constexpr const char* kTv4 =
    "V0;ERS 8cb8e2de-4052-481b-945b-118022951944;Kassenbeleg-V1;Beleg^21.42_0.00_0.00_0.00_0.00^21.42:Unbar;1;31;"
    "2021-08-23T14:36:27.000Z;2021-08-23T14:36:33.000Z;ecdsa-plain-SHA256;unixTime;"
    "TGnWiq3ZW7gi4Vs+DxLGsJZj9v271dHmhQAcb057F3oWkdKJ61UW2LLVTZQhW673yLa53Mm6oPeMU1Ns3ZOH7w==;"
    "BGFKQP7EENf3s5hTDXvlh+xyJ1Q9BNIa9LyYbYK+pTAKAGQ2fmI40p5QOrpHpvb+UuOrNQJdhzggHNfyyyDyf/g=";

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
  EXPECT_NE(outcome.out.find("verify-receipt"), std::string::npos);
}

TEST(CliTest, EverySubcommandHasHelp) {
  for (std::string subcommand : {"version", "demo", "verify-receipt"}) {
    Outcome outcome = RunKasse({subcommand, "--help"});
    EXPECT_EQ(outcome.exit_code, 0) << subcommand;
    EXPECT_NE(outcome.out.find("Usage: kasse " + subcommand), std::string::npos) << outcome.out;
  }
}

// Issue 10, item 13: secrets on the command line can be read by any local user with `ps`.
TEST(CliTest, RegisterTakesItsSecretsFromFilesOrTheEnvironment) {
  Outcome help = RunKasse({"register", "--help"});
  EXPECT_EQ(help.exit_code, 0);
  for (const char* text : {"--token-file", "KASSE_DEVICE_TOKEN", "--enroll-file", "KASSE_ENROLLMENT_CODE", "`ps`"}) {
    EXPECT_NE(help.out.find(text), std::string::npos) << text << " in\n" << help.out;
  }
  TempDir dir;
  std::filesystem::path code = dir.File("enroll-code");
  {
    std::ofstream file(code);
    file << "ABC-123\n";
  }
  std::filesystem::permissions(code, std::filesystem::perms::owner_read | std::filesystem::perms::group_read |
                                         std::filesystem::perms::others_read);
  Outcome readable = RunKasse({"register",
                               "--data",
                               dir.File("data"),
                               "--register-id",
                               "K-0101-01",
                               "--seller-name",
                               "M",
                               "--street",
                               "S 1",
                               "--postcode",
                               "10115",
                               "--city",
                               "Berlin",
                               "--tax-number",
                               "1",
                               "--listen",
                               "127.0.0.1:0",
                               "--server",
                               "http://127.0.0.1:1",
                               "--enroll-file",
                               code.string()});
  EXPECT_EQ(readable.exit_code, 1);
  EXPECT_NE(readable.err.find("enroll_code_file"), std::string::npos) << readable.err;  // a file others may read
  Outcome missing = RunKasse({"register", "--data", dir.File("data"), "--register-id", "K-0101-01", "--seller-name",
                              "M", "--street", "S 1", "--postcode", "10115", "--city", "Berlin", "--tax-number", "1",
                              "--listen", "127.0.0.1:0", "--token-file", dir.File("nothing")});
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_NE(missing.err.find("token_file"), std::string::npos) << missing.err;
}

TEST(CliTest, VersionPrintsTheProjectVersion) {
  Outcome outcome = RunKasse({"version"});
  EXPECT_EQ(outcome.exit_code, 0);
  EXPECT_EQ(outcome.out.rfind("kasse 0.", 0), 0u) << outcome.out;
}

TEST(CliTest, DemoRingsUpTheReferenceReceipts) {
  Outcome outcome = RunKasse({"demo", "--receipts"});
  ASSERT_EQ(outcome.exit_code, 0);
  for (const char* expected :
       {"Beleg^7.48_3.57_0.00_0.00_0.00^11.05:Bar", "Beleg^7.48_3.57_0.00_0.00_0.00^5.00:Bar_6.05:Unbar",
        "Beleg^-2.49_0.00_0.00_0.00_0.00^-2.49:Bar", "AVBelegabbruch^0.00_0.00_0.00_0.00_0.00^",
        "lines[1].unit_price: must not be negative", "only cash gives change", "unknown VAT key 9"}) {
    EXPECT_NE(outcome.out.find(expected), std::string::npos) << expected;
  }
}

TEST(CliTest, VerifyReceiptRejectsATamperedReceipt) {
  std::string tampered = kTv4;
  tampered.replace(tampered.find(";1;31;"), 6, ";1;32;");
  Outcome outcome = RunKasse({"verify-receipt", tampered});
  EXPECT_EQ(outcome.exit_code, 1);
  EXPECT_EQ(outcome.err, "invalid: signature does not match the signed data\n");
  EXPECT_TRUE(outcome.out.empty()) << outcome.out;
}

TEST(CliTest, VerifyReceiptRejectsTextThatIsNoReceipt) {
  Outcome outcome = RunKasse({"verify-receipt", "hello"});
  EXPECT_EQ(outcome.exit_code, 2);
  EXPECT_EQ(outcome.err.rfind("invalid: QR code has 1 fields separated by ';'; expected 12", 0), 0u) << outcome.err;
  EXPECT_TRUE(outcome.out.empty());
}

TEST(CliTest, VerifyReceiptNamesAnUnknownAlgorithm) {
  std::string qr = kTv4;
  qr.replace(qr.find("ecdsa-plain-SHA256"), 18, "ecdsa-plain-SHA1");
  Outcome outcome = RunKasse({"verify-receipt", qr});
  EXPECT_EQ(outcome.exit_code, 1);
  EXPECT_EQ(outcome.err, "invalid: unknown signature algorithm 'ecdsa-plain-SHA1'\n");
}

TEST(CliTest, VerifyReceiptNeedsTheQrCode) {
  Outcome outcome = RunKasse({"verify-receipt"});
  EXPECT_NE(outcome.exit_code, 0);
  EXPECT_NE(outcome.err.find("qr-code is required"), std::string::npos) << outcome.err;
}

TEST(CliTest, VerifyReceiptAcceptsTv4AndShowsItsDetails) {
  Outcome outcome = RunKasse({"verify-receipt", kTv4});
  ASSERT_EQ(outcome.exit_code, 0) << outcome.err;
  EXPECT_TRUE(outcome.err.empty()) << outcome.err;
  EXPECT_EQ(outcome.out.rfind("valid\n", 0), 0u) << outcome.out;
  for (const char* expected :
       {"client id            ERS 8cb8e2de-4052-481b-945b-118022951944\n", "transaction number   1\n",
        "signature counter    31\n", "start                2021-08-23T14:36:27.000Z\n",
        "end                  2021-08-23T14:36:33.000Z\n", "algorithm            ecdsa-plain-SHA256\n",
        "curve                P-256\n",
        "TSE serial           aadfb3152cbde762aa5027e350ba9aeacb69b6236b4f25fc3ea78b69e610952a\n"}) {
    EXPECT_NE(outcome.out.find(expected), std::string::npos) << expected << "\n" << outcome.out;
  }
}

}  // namespace
}  // namespace kasse::cli
