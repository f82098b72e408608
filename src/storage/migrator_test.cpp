#include "storage/migrator.h"

#include <gtest/gtest.h>

#include "base/temp_dir.h"

namespace kasse::storage {
namespace {

constexpr Migration kV1{1, "articles", "CREATE TABLE article (id INTEGER PRIMARY KEY, name TEXT NOT NULL);"};
constexpr Migration kV2{2, "prices", "CREATE TABLE price (article INTEGER REFERENCES article(id), cents INTEGER);"};
constexpr Migration kBroken{2, "broken", "CREATE TABLE price (article INTEGER); CREATE TABL oops;"};

class MigratorTest : public ::testing::Test {
 protected:
  SqliteDatabase Open() { return *SqliteDatabase::Open(dir_.File("m.db")); }
  TempDir dir_;
};

TEST_F(MigratorTest, AppliesInOrderAndOnlyOnce) {
  SqliteDatabase db = Open();
  const Migration first[] = {kV1};
  ASSERT_TRUE(Migrate(db, first).ok());
  EXPECT_EQ(*SchemaVersion(db), 1);
  const Migration both[] = {kV1, kV2};
  ASSERT_TRUE(Migrate(db, both).ok());
  ASSERT_TRUE(Migrate(db, both).ok());  // nothing left to do
  EXPECT_EQ(*SchemaVersion(db), 2);
  EXPECT_TRUE(db.Execute("INSERT INTO price VALUES (NULL, 5)").ok());
}

TEST_F(MigratorTest, FailedMigrationLeavesThePreviousVersionWhole) {
  SqliteDatabase db = Open();
  const Migration broken[] = {kV1, kBroken};
  Status status = Migrate(db, broken);
  ASSERT_FALSE(status.ok());
  EXPECT_NE(status.message().find("migration V2 failed"), std::string::npos) << status.ToString();
  EXPECT_EQ(*SchemaVersion(db), 1);
  EXPECT_FALSE(db.Execute("SELECT * FROM price").ok());  // V2's first statement was rolled back too
}

TEST_F(MigratorTest, RefusesADatabaseNewerThanTheProgram) {
  SqliteDatabase db = Open();
  const Migration both[] = {kV1, kV2};
  ASSERT_TRUE(Migrate(db, both).ok());
  const Migration older[] = {kV1};
  Status status = Migrate(db, older);
  EXPECT_TRUE(status.IsConflict()) << status.ToString();
  EXPECT_NE(status.message().find("upgrade kasse"), std::string::npos);
}

TEST_F(MigratorTest, RefusesMigrationsWithAGap) {
  SqliteDatabase db = Open();
  const Migration gap[] = {kV2};
  EXPECT_EQ(Migrate(db, gap).code(), Status::Code::kInternal);
}

}  // namespace
}  // namespace kasse::storage
