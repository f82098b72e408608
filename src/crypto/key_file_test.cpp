#include "crypto/key_file.h"

#include <cstdio>
#include <filesystem>
#include <iterator>
#include <sys/stat.h>

#include <gtest/gtest.h>

#include "base/temp_dir.h"

namespace kasse::crypto {
namespace {

namespace fs = std::filesystem;

constexpr const char* kSecret = "-----BEGIN PRIVATE KEY-----\nnot really a key\n-----END PRIVATE KEY-----\n";

mode_t ModeOf(const fs::path& path) {
  struct stat info {};
  EXPECT_EQ(::stat(path.c_str(), &info), 0);
  return info.st_mode & 07777;
}

// Sets the umask for one scope, so a test can show the file mode does not depend on it.
class ScopedUmask {
 public:
  explicit ScopedUmask(mode_t mask) : previous_(::umask(mask)) {}
  ScopedUmask(const ScopedUmask&) = delete;
  ScopedUmask& operator=(const ScopedUmask&) = delete;
  ~ScopedUmask() { ::umask(previous_); }

 private:
  mode_t previous_;
};

TEST(KeyFileTest, FileReadableByOthersIsRefused) {
  TempDir dir;
  fs::path path = dir.path() / "tse.pem";
  ASSERT_TRUE(WriteKeyFile(path, kSecret).ok());
  for (mode_t mode : {0644u, 0640u, 0604u, 0660u, 0601u, 0610u}) {
    ASSERT_EQ(::chmod(path.c_str(), mode), 0);
    Result<std::string> contents = ReadKeyFile(path);
    ASSERT_FALSE(contents.ok()) << std::oct << mode;
    EXPECT_TRUE(contents.status().IsInvalidArgument());
    char expected[8];
    std::snprintf(expected, sizeof expected, "%04o", static_cast<unsigned>(mode));
    EXPECT_NE(contents.status().message().find(std::string("has mode ") + expected), std::string::npos)
        << contents.status().message();
    EXPECT_NE(contents.status().message().find("chmod 600"), std::string::npos);
  }
}

TEST(KeyFileTest, MissingFileIsNotFound) {
  TempDir dir;
  Result<std::string> contents = ReadKeyFile(dir.path() / "missing.pem");
  ASSERT_FALSE(contents.ok());
  EXPECT_TRUE(contents.status().IsNotFound()) << contents.status().ToString();
}

TEST(KeyFileTest, DirectoryIsNotAKeyFile) {
  TempDir dir;
  ASSERT_EQ(::chmod(dir.path().c_str(), 0700), 0);
  Result<std::string> contents = ReadKeyFile(dir.path());
  ASSERT_FALSE(contents.ok());
  EXPECT_NE(contents.status().message().find("not a regular file"), std::string::npos);
}

TEST(KeyFileTest, OversizedFileIsRefused) {
  TempDir dir;
  fs::path path = dir.path() / "big.pem";
  ASSERT_TRUE(WriteKeyFile(path, std::string(kMaxKeyFileBytes + 1, 'x')).ok());
  Result<std::string> contents = ReadKeyFile(path);
  ASSERT_FALSE(contents.ok());
  EXPECT_NE(contents.status().message().find("larger than"), std::string::npos);
}

TEST(KeyFileTest, WriteIntoMissingDirectoryFailsAndLeavesNothing) {
  TempDir dir;
  Status status = WriteKeyFile(dir.path() / "no-such-dir" / "tse.pem", kSecret);
  ASSERT_FALSE(status.ok());
  EXPECT_TRUE(status.IsUnavailable()) << status.ToString();
  EXPECT_TRUE(fs::is_empty(dir.path()));
}

TEST(KeyFileTest, WrittenFileIsOwnerOnlyWhateverTheUmask) {
  TempDir dir;
  fs::path path = dir.path() / "tse.pem";
  {
    ScopedUmask open_umask(0);
    ASSERT_TRUE(WriteKeyFile(path, kSecret).ok());
  }
  EXPECT_EQ(ModeOf(path), 0600u);
  Result<std::string> contents = ReadKeyFile(path);
  ASSERT_TRUE(contents.ok()) << contents.status().ToString();
  EXPECT_EQ(*contents, kSecret);
}

TEST(KeyFileTest, WriteReplacesTheFileAndLeavesNoTemporary) {
  TempDir dir;
  fs::path path = dir.path() / "tse.pem";
  ASSERT_TRUE(WriteKeyFile(path, "old").ok());
  ASSERT_TRUE(WriteKeyFile(path, "new").ok());
  EXPECT_EQ(*ReadKeyFile(path), "new");
  EXPECT_EQ(std::distance(fs::directory_iterator(dir.path()), fs::directory_iterator()), 1);
}

TEST(KeyFileTest, RelativePathIsWrittenInTheCurrentDirectory) {
  TempDir dir;
  fs::path previous = fs::current_path();
  fs::current_path(dir.path());
  Status status = WriteKeyFile("relative.pem", kSecret);
  fs::current_path(previous);
  ASSERT_TRUE(status.ok()) << status.ToString();
  EXPECT_EQ(*ReadKeyFile(dir.path() / "relative.pem"), kSecret);
}

TEST(KeyFileTest, EmptyAndBinaryContentsRoundTrip) {
  TempDir dir;
  for (const std::string& contents :
       {std::string(), std::string("\0\x01\xff", 3), std::string(kMaxKeyFileBytes, 'k')}) {
    ASSERT_TRUE(WriteKeyFile(dir.path() / "k", contents).ok());
    EXPECT_EQ(*ReadKeyFile(dir.path() / "k"), contents);
  }
}

}  // namespace
}  // namespace kasse::crypto
