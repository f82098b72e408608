#include "server/server_database.h"

#include <filesystem>
#include <sys/stat.h>

#include <gtest/gtest.h>

#include "base/temp_dir.h"

namespace kasse::server {
namespace {

mode_t ModeOf(const std::string& path) {
  struct stat info {};
  EXPECT_EQ(::stat(path.c_str(), &info), 0) << path;
  return info.st_mode & 0777;
}

// umask 022, as on most systems: a file SQLite created itself would be 0644.
class ServerDatabaseFileTest : public ::testing::Test {
 protected:
  void SetUp() override { saved_ = ::umask(022); }
  void TearDown() override { ::umask(saved_); }

  TempDir dir_;
  mode_t saved_ = 0;
};

TEST_F(ServerDatabaseFileTest, NewSqliteFileAndItsWalAreOnlyForTheOwner) {
  std::string path = dir_.File("server.db");
  Result<std::unique_ptr<storage::SqlPool>> pool = OpenServerDatabase(path, 2);
  ASSERT_TRUE(pool.ok()) << pool.status().ToString();
  EXPECT_EQ(ModeOf(path), 0600u);
  ASSERT_TRUE(std::filesystem::exists(path + "-wal"));
  EXPECT_EQ(ModeOf(path + "-wal"), 0600u);
  EXPECT_EQ(ModeOf(path + "-shm"), 0600u);
}

TEST_F(ServerDatabaseFileTest, ExistingWorldReadableFileIsMadePrivate) {
  std::string path = dir_.File("server.db");
  {
    Result<std::unique_ptr<storage::SqlPool>> pool = OpenServerDatabase(path, 1);
    ASSERT_TRUE(pool.ok()) << pool.status().ToString();
  }
  std::filesystem::permissions(path, std::filesystem::perms::others_read | std::filesystem::perms::group_read,
                               std::filesystem::perm_options::add);
  ASSERT_EQ(ModeOf(path), 0644u);
  Result<std::unique_ptr<storage::SqlPool>> pool = OpenServerDatabase(path, 1);
  ASSERT_TRUE(pool.ok()) << pool.status().ToString();
  EXPECT_EQ(ModeOf(path), 0600u);
  EXPECT_EQ(ModeOf(path + "-wal"), 0600u);
}

}  // namespace
}  // namespace kasse::server
