#include "storage/sqlite_database.h"

#include <gtest/gtest.h>

#include "base/temp_dir.h"

namespace kasse::storage {
namespace {

class SqliteDatabaseTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Result<SqliteDatabase> opened = SqliteDatabase::Open(dir_.File("test.db"));
    ASSERT_TRUE(opened.ok()) << opened.status().ToString();
    db_ = std::make_unique<SqliteDatabase>(std::move(opened).value());
    ASSERT_TRUE(db_->Execute("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT UNIQUE, data BLOB)").ok());
  }

  int64_t Count() {
    SqliteStatement* count = *db_->Prepare("SELECT COUNT(*) FROM t");
    EXPECT_TRUE(*count->Step());
    return count->Int(0);
  }

  TempDir dir_;
  std::unique_ptr<SqliteDatabase> db_;
};

TEST_F(SqliteDatabaseTest, BadSqlIsAnInternalError) {
  Result<SqliteStatement*> statement = db_->Prepare("SELEKT 1");
  ASSERT_FALSE(statement.ok());
  EXPECT_EQ(statement.status().code(), Status::Code::kInternal);
  EXPECT_NE(statement.status().message().find("syntax error"), std::string::npos);
}

TEST_F(SqliteDatabaseTest, DuplicateIsAConflict) {
  SqliteStatement* insert = *db_->Prepare("INSERT INTO t(name) VALUES (?1)");
  ASSERT_TRUE(insert->Bind(1, "a").Run().ok());
  Status second = insert->Bind(1, "a").Run();
  EXPECT_TRUE(second.IsConflict()) << second.ToString();
  EXPECT_NE(second.message().find("UNIQUE"), std::string::npos);
  EXPECT_EQ(Count(), 1);
}

TEST_F(SqliteDatabaseTest, UnknownFileOpenedReadOnlyIsUnavailable) {
  SqliteDatabase::Options read_only;
  read_only.read_only = true;
  Result<SqliteDatabase> missing = SqliteDatabase::Open(dir_.File("missing/x.db"), read_only);
  ASSERT_FALSE(missing.ok());
  EXPECT_TRUE(missing.status().IsUnavailable()) << missing.status().ToString();
}

TEST_F(SqliteDatabaseTest, TransactionRollsBackUnlessCommitted) {
  {
    Result<SqliteTransaction> tx = SqliteTransaction::Begin(*db_);
    ASSERT_TRUE(tx.ok());
    ASSERT_TRUE((*db_->Prepare("INSERT INTO t(name) VALUES ('x')"))->Run().ok());
    EXPECT_TRUE(db_->in_transaction());
  }
  EXPECT_FALSE(db_->in_transaction());
  EXPECT_EQ(Count(), 0);
  {
    Result<SqliteTransaction> tx = SqliteTransaction::Begin(*db_);
    ASSERT_TRUE((*db_->Prepare("INSERT INTO t(name) VALUES ('x')"))->Run().ok());
    ASSERT_TRUE(tx->Commit().ok());
    EXPECT_FALSE(tx->Commit().ok());  // only once
  }
  EXPECT_EQ(Count(), 1);
}

TEST_F(SqliteDatabaseTest, ValuesRoundTrip) {
  const std::vector<uint8_t> blob = {0, 1, 2, 255};
  SqliteStatement* insert = *db_->Prepare("INSERT INTO t(id, name, data) VALUES (?1, ?2, ?3)");
  ASSERT_TRUE(
      insert->Bind(1, int64_t{INT64_MAX}).Bind(2, std::string_view("Müller\0x", 9)).BindBlob(3, blob).Run().ok());
  ASSERT_TRUE(insert->Bind(1, int64_t{7}).BindNull(2).BindBlob(3, {}).Run().ok());
  SqliteStatement* select = *db_->Prepare("SELECT id, name, data FROM t ORDER BY id DESC");
  ASSERT_TRUE(*select->Step());
  EXPECT_EQ(select->Int(0), INT64_MAX);
  EXPECT_EQ(select->Text(1), std::string("Müller\0x", 9));
  EXPECT_EQ(select->Blob(2), blob);
  ASSERT_TRUE(*select->Step());
  EXPECT_TRUE(select->IsNull(1));
  EXPECT_FALSE(select->IsNull(2));  // an empty blob is not NULL
  EXPECT_TRUE(select->Blob(2).empty());
  EXPECT_FALSE(*select->Step());
}

TEST_F(SqliteDatabaseTest, PreparedStatementsAreCachedAndReset) {
  SqliteStatement* first = *db_->Prepare("SELECT 1");
  ASSERT_TRUE(*first->Step());
  SqliteStatement* again = *db_->Prepare("SELECT 1");
  EXPECT_EQ(first, again);
  ASSERT_TRUE(*again->Step());  // rewound by Prepare
  EXPECT_EQ(again->Int(0), 1);
}

TEST_F(SqliteDatabaseTest, UsesWriteAheadLogWithFullSync) {
  SqliteStatement* mode = *db_->Prepare("PRAGMA journal_mode");
  ASSERT_TRUE(*mode->Step());
  EXPECT_EQ(mode->Text(0), "wal");
  SqliteStatement* sync = *db_->Prepare("PRAGMA synchronous");
  ASSERT_TRUE(*sync->Step());
  EXPECT_EQ(sync->Int(0), 2);  // FULL
}

TEST_F(SqliteDatabaseTest, SecondWriterWaitsThenReportsBusyAsUnavailable) {
  SqliteDatabase::Options impatient;
  impatient.busy_timeout_ms = 10;
  Result<SqliteDatabase> other = SqliteDatabase::Open(dir_.File("test.db"), impatient);
  ASSERT_TRUE(other.ok());
  Result<SqliteTransaction> held = SqliteTransaction::Begin(*db_);
  ASSERT_TRUE(held.ok());
  Result<SqliteTransaction> blocked = SqliteTransaction::Begin(*other);
  ASSERT_FALSE(blocked.ok());
  EXPECT_TRUE(blocked.status().IsUnavailable()) << blocked.status().ToString();
}

}  // namespace
}  // namespace kasse::storage
