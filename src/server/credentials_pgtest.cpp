#include <gtest/gtest.h>

#include "server/credentials.h"
#include "server/server_database.h"
#include "storage/testing/scratch_database.h"

namespace kasse::server {
namespace {

// Runs on both backends.
class CredentialsTest : public ::testing::TestWithParam<storage::SqlDialect> {
 protected:
  void SetUp() override {
    Result<std::unique_ptr<storage::ScratchDatabase>> db = storage::ScratchDatabase::Create(GetParam());
    ASSERT_TRUE(db.ok()) << db.status().ToString();
    db_ = std::move(*db);
    pool_ = *OpenServerDatabase(db_->target(), 2);
    credentials_ = std::make_unique<Credentials>(*pool_, clock_);
  }
  std::string Code(const std::string& register_id, bool replace = false) {
    return *credentials_->CreateEnrollmentCode(RegisterId(register_id), replace);
  }

  std::unique_ptr<storage::ScratchDatabase> db_;
  std::unique_ptr<storage::SqlPool> pool_;
  FakeClock clock_{1788423302000};
  std::unique_ptr<Credentials> credentials_;
};

TEST_P(CredentialsTest, AdminTokenIsCreatedOnceAndKeptOnlyAsAHash) {
  std::optional<std::string> token = *credentials_->CreateAdminTokenIfNone();
  ASSERT_TRUE(token.has_value());
  EXPECT_FALSE((*credentials_->CreateAdminTokenIfNone()).has_value());
  EXPECT_TRUE(credentials_->CheckAdmin("Bearer " + *token).ok());
  EXPECT_TRUE(credentials_->CheckAdmin("Bearer " + *token + "x").IsUnauthenticated());
  EXPECT_TRUE(credentials_->CheckAdmin(*token).IsUnauthenticated());  // not a bearer header
  EXPECT_TRUE(credentials_->CheckAdmin("").IsUnauthenticated());
  std::vector<uint8_t> stored = (*(*pool_->Acquire())->QueryValue("SELECT token_hash FROM admin_tokens"))->AsBlob();
  EXPECT_EQ(stored.size(), 32u);  // a SHA-256, never the token
  EXPECT_EQ(std::string(stored.begin(), stored.end()).find(*token), std::string::npos);
}

// Issue 10, item 24: `kasse admin-token` replaces a lost or leaked admin token.
TEST_P(CredentialsTest, ReplacingTheAdminTokenRetiresTheOldOne) {
  std::string first = **credentials_->CreateAdminTokenIfNone();
  Result<std::string> second = credentials_->ReplaceAdminToken();
  ASSERT_TRUE(second.ok()) << second.status().ToString();
  EXPECT_NE(*second, first);
  EXPECT_TRUE(credentials_->CheckAdmin("Bearer " + first).IsUnauthenticated());
  EXPECT_TRUE(credentials_->CheckAdmin("Bearer " + *second).ok());
  EXPECT_FALSE((*credentials_->CreateAdminTokenIfNone()).has_value());
  EXPECT_EQ((*(*pool_->Acquire())->QueryValue("SELECT COUNT(*) FROM admin_tokens"))->AsInt(), 1);
}

TEST_P(CredentialsTest, EnrollmentGivesTheDeviceItsCredential) {
  Result<Enrollment> enrolled = credentials_->Enroll(Code("K1"), "pos-1");
  ASSERT_TRUE(enrolled.ok()) << enrolled.status().ToString();
  EXPECT_EQ(enrolled->register_id.value(), "K1");
  EXPECT_EQ(credentials_->Authenticate("Bearer " + enrolled->token)->value(), "K1");
  EXPECT_TRUE(credentials_->Authenticate("Bearer nope").status().IsUnauthenticated());
}

TEST_P(CredentialsTest, CodesAreSingleUseAndExpire) {
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

TEST_P(CredentialsTest, ASecondDeviceIsRefusedUnlessTheAdminReplacesTheFirst) {
  std::string first = credentials_->Enroll(Code("K1"), "pos-1")->token;
  Status second = credentials_->Enroll(Code("K1"), "pos-2").status();
  EXPECT_TRUE(second.IsConflict()) << second.ToString();
  EXPECT_NE(second.message().find("pos-1"), std::string::npos);
  EXPECT_TRUE(credentials_->Authenticate("Bearer " + first).ok());  // the first keeps working

  std::string replacement = credentials_->Enroll(Code("K1", /*replace=*/true), "pos-2")->token;
  EXPECT_TRUE(credentials_->Authenticate("Bearer " + first).status().IsUnauthenticated());  // retired
  EXPECT_EQ(credentials_->Authenticate("Bearer " + replacement)->value(), "K1");
}

INSTANTIATE_TEST_SUITE_P(Backends, CredentialsTest,
                         testing::Values(storage::SqlDialect::kSqlite, storage::SqlDialect::kPostgres),
                         [](const testing::TestParamInfo<storage::SqlDialect>& param_info) {
                           return storage::BackendName(param_info.param);
                         });

}  // namespace
}  // namespace kasse::server
