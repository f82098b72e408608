#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>

#include <gtest/gtest.h>

#include "base/temp_dir.h"
#include "cli/app.h"
#include "cli/secret.h"
#include "crypto/base64.h"
#include "crypto/ec_private_key.h"
#include "http/server.h"
#include "masterdata/testing/master_data_fixture.h"
#include "server/server_app.h"
#include "server/server_database.h"
#include "server/testing/loopback_config.h"

namespace kasse::cli {
namespace {

// TV-4 (docs/fiscal.md §6), a real receipt.
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
  EXPECT_NE(outcome.out.find("admin-token"), std::string::npos);
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

// `kasse journal` against a server: the operator pins a new signing unit and
// releases a register's entries; bad input is refused with a clear message.
class JournalCommandTest : public ::testing::Test {
 protected:
  void SetUp() override {
    server_ = std::make_unique<server::ServerApp>(server::testing::LoopbackConfig(dir_.File("server.db")), log_);
    Result<std::optional<std::string>> admin = server_->Start();
    ASSERT_TRUE(admin.ok() && admin->has_value()) << admin.status().ToString();
    std::ofstream(dir_.File("admin-token")) << **admin << "\n";
    std::unique_ptr<storage::SqlPool> pool = *server::OpenServerDatabase(dir_.File("server.db"), 1);
    masterdata::MasterDataStore master_data(*pool);
    ASSERT_TRUE(master_data.PutStore(masterdata::testing::MakeStore("B1")).ok());
    ASSERT_TRUE(master_data.PutRegister(masterdata::testing::MakeRegister("K-0101-01", "B1")).ok());
  }
  Outcome Journal(std::vector<std::string> args) {
    args.insert(args.begin(), "journal");
    args.insert(args.begin() + 2, {"--server", server_->url(), "--token-file", dir_.File("admin-token")});
    return RunKasse(args);
  }

  TempDir dir_;
  std::ostringstream log_;
  std::unique_ptr<server::ServerApp> server_;
};

TEST_F(JournalCommandTest, PinsANewSigningUnit) {
  crypto::EcPrivateKey key = *crypto::EcPrivateKey::Generate(crypto::Curve::kP256);
  Outcome pinned = Journal({"pin-tse", "--register", "K-0101-01", "--public-key", crypto::Base64Encode(key.PublicKey()),
                            "--reason", "TSE replaced"});
  EXPECT_EQ(pinned.exit_code, 0) << pinned.err;
  EXPECT_NE(pinned.out.find("\"serial\""), std::string::npos) << pinned.out;
  EXPECT_NE(log_.str().find("signing unit pinned"), std::string::npos) << log_.str();
}

TEST_F(JournalCommandTest, RefusalsAreExplained) {
  Outcome nothing = Journal({"release", "--register", "K-0101-01", "--from-seq", "1", "--reason", "forged"});
  EXPECT_EQ(nothing.exit_code, 1);
  EXPECT_NE(nothing.err.find("the server answered 400"), std::string::npos) << nothing.err;
  Outcome unknown = Journal({"release", "--register", "K-9", "--from-seq", "1", "--reason", "forged"});
  EXPECT_EQ(unknown.exit_code, 1);
  EXPECT_NE(unknown.err.find("404"), std::string::npos) << unknown.err;
  Outcome bad_key = Journal({"pin-tse", "--register", "K-0101-01", "--public-key", "xyz", "--reason", "r"});
  EXPECT_EQ(bad_key.exit_code, 1);
  EXPECT_NE(RunKasse({"journal", "release", "--register", "K-0101-01", "--from-seq", "0", "--reason", "r"}).exit_code,
            0);
  Outcome no_reason = Journal({"release", "--register", "K-0101-01", "--from-seq", "1"});
  EXPECT_NE(no_reason.exit_code, 0);
  EXPECT_NE((no_reason.out + no_reason.err).find("--reason"), std::string::npos) << no_reason.err;
}

TEST_F(JournalCommandTest, TakesTheAdminTokenFromAFileOrTheEnvironment) {
  ::unsetenv(kAdminTokenEnv);
  std::vector<std::string> release = {"journal",   "release",    "--server", server_->url(), "--register",
                                      "K-0101-01", "--from-seq", "1",        "--reason",     "r"};
  Outcome no_token = RunKasse(release);
  EXPECT_EQ(no_token.exit_code, 2);
  EXPECT_NE(no_token.err.find("give --token-file FILE or set KASSE_ADMIN_TOKEN"), std::string::npos) << no_token.err;
  std::ifstream file(dir_.File("admin-token"));
  std::string token;
  std::getline(file, token);
  ::setenv(kAdminTokenEnv, token.c_str(), 1);
  Outcome from_env = RunKasse(release);
  ::unsetenv(kAdminTokenEnv);
  EXPECT_EQ(from_env.exit_code, 1);  // the server's answer: nothing to release
  EXPECT_NE(from_env.err.find("the server answered 400"), std::string::npos) << from_env.err;
  EXPECT_NE(RunKasse({"journal", "release", "--help"}).out.find("prefer --token-file"), std::string::npos);
}

// `kasse report` against a server that answers as it chooses: a register in
// CONFLICT is printed with what to do; a hostile answer is an error, not a crash.
class ReportAgainstFakeServerTest : public ::testing::Test {
 protected:
  void Serve(std::string sync_answer) {
    sync_answer_ = std::move(sync_answer);
    server_ = std::make_unique<http::HttpServer>(http::HttpServer::Options{}, [this](http::HttpRequest& request) {
      if (request.path == "/api/v1/sync/registers") return http::HttpResponse::Json(200, sync_answer_);
      return http::HttpResponse::Json(
          200, R"({"day":"2026-12-03","stores":[],"registers":[],"total":{"receipts":0,"returns":0,"aborts":0,)"
               R"("gross_cents":0,"cash_cents":0,"card_cents":0}})");
    });
    ASSERT_TRUE(server_->Start().ok());
    ::setenv("KASSE_ADMIN_TOKEN", "t", 1);
  }
  void TearDown() override { ::unsetenv("KASSE_ADMIN_TOKEN"); }
  Outcome Report() { return RunKasse({"report", "--server", "http://127.0.0.1:" + std::to_string(server_->port())}); }

  std::string sync_answer_;
  std::unique_ptr<http::HttpServer> server_;
};

TEST_F(ReportAgainstFakeServerTest, RegisterInConflictIsShownWithWhatToDo) {
  Serve(
      R"({"registers":[{"register_id":"K1","store_id":"B1","acked_seq":1040,"head_seq":1050,"backlog":10,)"
      R"("last_received_ms":0,"quarantined":1,"signing_unit":"ab","tse_outage_open":false,"state":"CONFLICT",)"
      R"("conflict":{"seq":1041,"at_ms":1,"reason":"CONFLICT entries[0]: seq 1041 is stored with different content"}}],)"
      R"("quarantined":[]})");
  Outcome outcome = Report();
  EXPECT_EQ(outcome.exit_code, 0) << outcome.err;
  EXPECT_NE(outcome.out.find("CONFLICT K1 at seq 1041: CONFLICT entries[0]: seq 1041 is stored with different content "
                             "(docs/sync-protocol.md: kasse journal release)"),
            std::string::npos)
      << outcome.out;
}

TEST_F(ReportAgainstFakeServerTest, DeeplyNestedAnswerIsRefusedWithoutACrash) {
  Serve(std::string(100'000, '['));
  Outcome outcome = Report();
  EXPECT_EQ(outcome.exit_code, 1) << outcome.err;
  EXPECT_NE(outcome.err.find("malformed JSON"), std::string::npos) << outcome.err;
}

// Issue 10, item 13: a secret on the command line is visible to every local user
// in `ps`; the commands that take the admin token also read it from a file or
// the environment, and their help says so.
class SecretTest : public ::testing::Test {
 protected:
  void SetUp() override { ::unsetenv(kAdminTokenEnv); }
  void TearDown() override { ::unsetenv(kAdminTokenEnv); }

  std::string WriteFile(const std::string& name, const std::string& text) {
    std::ofstream(dir_.File(name)) << text;
    return dir_.File(name);
  }

  TempDir dir_;
};

TEST_F(SecretTest, TheFlagWinsThenTheFileThenTheEnvironment) {
  ::setenv(kAdminTokenEnv, "from-env", 1);
  std::string file = WriteFile("token", "from-file \r\nsecond line\n");
  EXPECT_EQ(*ResolveSecret({"token", "from-flag", "token-file", "", kAdminTokenEnv}), "from-flag");
  EXPECT_EQ(*ResolveSecret({"token", "", "token-file", file, kAdminTokenEnv}), "from-file");
  EXPECT_EQ(*ResolveSecret({"token", "", "token-file", "", kAdminTokenEnv}), "from-env");
}

TEST_F(SecretTest, BadSourcesAreRefusedNamingTheOption) {
  std::string empty = WriteFile("empty", "\n");
  std::string file = WriteFile("token", "t\n");
  struct Case {
    SecretSource source;
    std::string field;
    std::string message;
  };
  for (const Case& c : std::vector<Case>{
           {{"token", "", "token-file", dir_.File("missing"), kAdminTokenEnv}, "token-file", "cannot read"},
           {{"token", "", "token-file", empty, kAdminTokenEnv}, "token-file", "holds no token"},
           {{"token", "t", "token-file", file, kAdminTokenEnv}, "token-file", "not both"},
           {{"token", "", "token-file", "", kAdminTokenEnv}, "token", "KASSE_ADMIN_TOKEN"}}) {
    Result<std::string> secret = ResolveSecret(c.source);
    ASSERT_FALSE(secret.ok()) << c.message;
    EXPECT_TRUE(secret.status().IsInvalidArgument());
    EXPECT_EQ(secret.status().field(), c.field);
    EXPECT_NE(secret.status().message().find(c.message), std::string::npos) << secret.status().message();
  }
}

TEST_F(SecretTest, HelpOfTokenFlagsWarnsAboutPs) {
  for (std::string subcommand : {"report", "loadgen"}) {
    Outcome outcome = RunKasse({subcommand, "--help"});
    EXPECT_EQ(outcome.exit_code, 0);
    EXPECT_NE(outcome.out.find("Visible to every local user in `ps`"), std::string::npos) << outcome.out;
    EXPECT_NE(outcome.out.find("token-file"), std::string::npos) << outcome.out;
    EXPECT_NE(outcome.out.find(kAdminTokenEnv), std::string::npos) << outcome.out;
  }
}

TEST_F(SecretTest, ReportAndLoadgenRefuseAMissingTokenFile) {
  Outcome report = RunKasse({"report", "--server", "http://127.0.0.1:1", "--token-file", dir_.File("missing")});
  EXPECT_EQ(report.exit_code, 2);
  EXPECT_NE(report.err.find("kasse report: --token-file cannot read"), std::string::npos) << report.err;
  Outcome load = RunKasse({"loadgen", "--server", "http://127.0.0.1:1", "--registers", "1", "--entries-per-register",
                           "1", "--admin-token-file", dir_.File("missing")});
  EXPECT_EQ(load.exit_code, 2);
  EXPECT_NE(load.err.find("kasse loadgen: --admin-token-file cannot read"), std::string::npos) << load.err;
  Outcome none =
      RunKasse({"loadgen", "--server", "http://127.0.0.1:1", "--registers", "1", "--entries-per-register", "1"});
  EXPECT_EQ(none.exit_code, 2);
  EXPECT_NE(none.err.find("--admin-token is required"), std::string::npos) << none.err;
}

// A real server in this process, on SQLite in a temporary directory.
class CliServerTest : public SecretTest {
 protected:
  void SetUp() override {
    SecretTest::SetUp();
    app_ = std::make_unique<server::ServerApp>(
        server::testing::LoopbackConfig(dir_.File("server.db"), ops::LogLevel::kError), log_);
    Result<std::optional<std::string>> admin = app_->Start();
    ASSERT_TRUE(admin.ok()) << admin.status().ToString();
    admin_token_ = **admin;
  }
  void TearDown() override {
    app_->Stop();
    SecretTest::TearDown();
  }

  std::vector<std::string> Loadgen(const std::string& prefix) {
    return {"loadgen", "--server",          app_->url(), "--registers", "2", "--entries-per-register",
            "5",       "--register-prefix", prefix};
  }

  std::ostringstream log_;
  std::unique_ptr<server::ServerApp> app_;
  std::string admin_token_;
};

TEST_F(CliServerTest, ReportTakesTheTokenFromAFileOrTheEnvironment) {
  Outcome from_file =
      RunKasse({"report", "--server", app_->url(), "--token-file", WriteFile("t", admin_token_ + "\n")});
  EXPECT_EQ(from_file.exit_code, 0) << from_file.err;
  EXPECT_NE(from_file.out.find("Sync state"), std::string::npos) << from_file.out;
  ::setenv(kAdminTokenEnv, admin_token_.c_str(), 1);
  Outcome from_env = RunKasse({"report", "--server", app_->url()});
  EXPECT_EQ(from_env.exit_code, 0) << from_env.err;
}

TEST_F(CliServerTest, LoadgenTakesTheAdminTokenFromAFileOrTheEnvironment) {
  std::vector<std::string> args = Loadgen("F");
  args.insert(args.end(), {"--admin-token-file", WriteFile("t", admin_token_)});
  Outcome from_file = RunKasse(args);
  EXPECT_EQ(from_file.exit_code, 0) << from_file.err;
  EXPECT_NE(from_file.out.find("entries              10 in"), std::string::npos) << from_file.out;
  ::setenv(kAdminTokenEnv, admin_token_.c_str(), 1);
  Outcome from_env = RunKasse(Loadgen("E"));
  EXPECT_EQ(from_env.exit_code, 0) << from_env.err;
}

// Issue 10, item 12: exit 3 ("server unreachable") only when it is; any other
// refusal is printed with its own code.
TEST_F(CliServerTest, LoadgenExitsWith3OnlyWhenTheServerCannotBeReached) {
  ::setenv(kAdminTokenEnv, admin_token_.c_str(), 1);
  ASSERT_EQ(RunKasse(Loadgen("R")).exit_code, 0);
  Outcome again = RunKasse(Loadgen("R"));  // its registers are enrolled already: 409
  EXPECT_EQ(again.exit_code, 1) << again.err;
  EXPECT_NE(again.err.find("kasse loadgen: CONFLICT enrollment of R-1: server answered 409"), std::string::npos)
      << again.err;
  Outcome wrong_token = RunKasse({"loadgen", "--server", app_->url(), "--registers", "1", "--entries-per-register", "1",
                                  "--admin-token", "wrong"});
  EXPECT_EQ(wrong_token.exit_code, 3) << wrong_token.err;
  EXPECT_NE(wrong_token.err.find("UNAUTHENTICATED"), std::string::npos) << wrong_token.err;
  std::string url = app_->url();
  app_->Stop();
  Outcome unreachable =
      RunKasse({"loadgen", "--server", url, "--registers", "1", "--entries-per-register", "1", "--admin-token", "t"});
  EXPECT_EQ(unreachable.exit_code, 3) << unreachable.err;
  EXPECT_NE(unreachable.err.find("kasse loadgen: UNAVAILABLE store LG"), std::string::npos) << unreachable.err;
}

// Issue 10, item 24: a lost admin token is replaced with `kasse admin-token`,
// also while a server runs on the database; the old one stops working at once.
TEST_F(CliServerTest, AdminTokenReplacesTheOldOne) {
  Outcome replaced = RunKasse({"admin-token", "--db", dir_.File("server.db")});
  ASSERT_EQ(replaced.exit_code, 0) << replaced.err;
  EXPECT_NE(replaced.out.find("the old one no longer works"), std::string::npos) << replaced.out;
  std::string token = replaced.out.substr(replaced.out.rfind("\n  ") + 3);
  token.pop_back();  // the line break
  ASSERT_FALSE(token.empty());
  EXPECT_NE(token, admin_token_);
  Outcome old_token = RunKasse({"report", "--server", app_->url(), "--token", admin_token_});
  EXPECT_EQ(old_token.exit_code, 1);
  EXPECT_NE(old_token.err.find("answered 401"), std::string::npos) << old_token.err;
  Outcome new_token = RunKasse({"report", "--server", app_->url(), "--token", token});
  EXPECT_EQ(new_token.exit_code, 0) << new_token.err;
}

TEST_F(SecretTest, AdminTokenRefusesADatabaseItCannotOpen) {
  Outcome outcome = RunKasse({"admin-token", "--db", dir_.File("no/such/dir/server.db")});
  EXPECT_EQ(outcome.exit_code, 1);
  EXPECT_NE(outcome.err.find("kasse admin-token: "), std::string::npos) << outcome.err;
  EXPECT_EQ(outcome.out, "");
}

}  // namespace
}  // namespace kasse::cli
