#include "storage/fault_injection_vfs.h"

#include <gtest/gtest.h>

#include "base/temp_dir.h"
#include "storage/sqlite_database.h"

namespace kasse::storage {
namespace {

class FaultInjectionVfsTest : public ::testing::Test {
 protected:
  SqliteDatabase Open() {
    SqliteDatabase::Options options;
    options.vfs = vfs_.name();
    Result<SqliteDatabase> db = SqliteDatabase::Open(dir_.File("f.db"), options);
    EXPECT_TRUE(db.ok()) << db.status().ToString();
    return std::move(db).value();
  }
  TempDir dir_;
  FaultInjectionVfs vfs_{"fault-test"};
};

TEST_F(FaultInjectionVfsTest, FullDiskRefusesTheTransactionAndKeepsCommittedData) {
  SqliteDatabase db = Open();
  ASSERT_TRUE(db.Execute("CREATE TABLE t (v TEXT); INSERT INTO t VALUES ('kept')").ok());
  vfs_.set_write_budget(0);
  Status full = db.Execute("INSERT INTO t VALUES ('lost')");
  EXPECT_TRUE(full.IsUnavailable()) << full.ToString();
  EXPECT_NE(full.message().find("disk full"), std::string::npos);
  vfs_.set_write_budget(std::nullopt);

  SqliteDatabase reopened = Open();
  SqliteStatement* all = *reopened.Prepare("SELECT group_concat(v) FROM t");
  ASSERT_TRUE(*all->Step());
  EXPECT_EQ(all->Text(0), "kept");
  ASSERT_TRUE(reopened.Execute("INSERT INTO t VALUES ('after')").ok());  // writable again once space is back
}

TEST_F(FaultInjectionVfsTest, HookSeesEveryWriteAndSync) {
  std::vector<int64_t> steps;  // outlives the database, whose close also writes
  SqliteDatabase db = Open();
  const int64_t before = vfs_.io_steps();  // opening wrote already
  vfs_.set_io_hook([&](int64_t step) { steps.push_back(step); });
  ASSERT_TRUE(db.Execute("CREATE TABLE t (v TEXT); INSERT INTO t VALUES ('x')").ok());
  ASSERT_GE(steps.size(), 2u);  // at least a WAL write and its sync
  EXPECT_EQ(steps.front(), before + 1);
  EXPECT_EQ(steps.back(), vfs_.io_steps());
}

}  // namespace
}  // namespace kasse::storage
