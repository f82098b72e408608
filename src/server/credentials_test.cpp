#include "server/credentials.h"

#include <gtest/gtest.h>

#include "base/temp_dir.h"

namespace kasse::server {
namespace {

class CredentialsTest : public ::testing::Test {
 protected:
  void SetUp() override { credentials_ = *Credentials::Open(dir_.File("server.db"), clock_); }
  std::string Code(const std::string& register_id, bool replace = false) {
    return *credentials_->CreateEnrollmentCode(RegisterId(register_id), replace);
  }

  TempDir dir_;
  FakeClock clock_{1788423302000};
  std::unique_ptr<Credentials> credentials_;
};

TEST_F(CredentialsTest, AdminTokenIsCreatedOnceAndKeptOnlyAsAHash) {
  std::optional<std::string> token = *credentials_->CreateAdminTokenIfNone();
  ASSERT_TRUE(token.has_value());
  EXPECT_FALSE((*credentials_->CreateAdminTokenIfNone()).has_value());
  EXPECT_TRUE(credentials_->CheckAdmin("Bearer " + *token).ok());
  EXPECT_TRUE(credentials_->CheckAdmin("Bearer " + *token + "x").IsUnauthenticated());
  EXPECT_TRUE(credentials_->CheckAdmin(*token).IsUnauthenticated());  // not a bearer header
  EXPECT_TRUE(credentials_->CheckAdmin("").IsUnauthenticated());
  storage::SqliteDatabase db = *storage::SqliteDatabase::Open(dir_.File("server.db"));
  storage::SqliteStatement* stored = *db.Prepare("SELECT hex(token_hash) FROM admin_tokens");
  ASSERT_TRUE(*stored->Step());
  EXPECT_EQ(stored->Text(0).find(*token), std::string::npos);
  EXPECT_EQ(stored->Text(0).size(), 64u);  // a SHA-256
}

TEST_F(CredentialsTest, EnrollmentGivesTheDeviceItsCredential) {
  Result<Enrollment> enrolled = credentials_->Enroll(Code("K1"), "pos-1");
  ASSERT_TRUE(enrolled.ok()) << enrolled.status().ToString();
  EXPECT_EQ(enrolled->register_id.value(), "K1");
  EXPECT_EQ(credentials_->Authenticate("Bearer " + enrolled->token)->value(), "K1");
  EXPECT_TRUE(credentials_->Authenticate("Bearer nope").status().IsUnauthenticated());
}

TEST_F(CredentialsTest, CodesAreSingleUseAndExpire) {
  std::string code = Code("K1");
  ASSERT_TRUE(credentials_->Enroll(code, "pos-1").ok());
  Status reused = credentials_->Enroll(code, "pos-1").status();
  EXPECT_TRUE(reused.IsUnauthenticated());
  EXPECT_NE(reused.message().find("used already"), std::string::npos);
  std::string late = Code("K2");
  clock_.Advance(25LL * 3600 * 1000);
  EXPECT_NE(credentials_->Enroll(late, "pos-2").status().message().find("expired"), std::string::npos);
  EXPECT_TRUE(credentials_->Enroll("made-up", "pos-2").status().IsUnauthenticated());
  EXPECT_TRUE(credentials_->Enroll(Code("K3"), "bad\ndevice").status().IsInvalidArgument());
}

TEST_F(CredentialsTest, ASecondDeviceIsRefusedUnlessTheAdminReplacesTheFirst) {
  std::string first = credentials_->Enroll(Code("K1"), "pos-1")->token;
  Status second = credentials_->Enroll(Code("K1"), "pos-2").status();
  EXPECT_TRUE(second.IsConflict()) << second.ToString();
  EXPECT_NE(second.message().find("pos-1"), std::string::npos);
  EXPECT_TRUE(credentials_->Authenticate("Bearer " + first).ok());  // the first keeps working

  std::string replacement = credentials_->Enroll(Code("K1", /*replace=*/true), "pos-2")->token;
  EXPECT_TRUE(credentials_->Authenticate("Bearer " + first).status().IsUnauthenticated());  // retired
  EXPECT_EQ(credentials_->Authenticate("Bearer " + replacement)->value(), "K1");
}

}  // namespace
}  // namespace kasse::server
