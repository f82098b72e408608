#include "crypto/key_file.h"

#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fcntl.h>
#include <sys/stat.h>
#include <system_error>
#include <unistd.h>
#include <vector>

namespace kasse::crypto {
namespace {

constexpr mode_t kOwnerOnly = S_IRUSR | S_IWUSR;  // 0600
constexpr mode_t kGroupOrOther = S_IRWXG | S_IRWXO;

std::string Quoted(const std::filesystem::path& path) { return "'" + path.string() + "'"; }

Status IoError(std::string_view action, const std::filesystem::path& path, int error) {
  // error_code's message is thread-safe, unlike strerror.
  return Status::Unavailable("cannot " + std::string(action) + " " + Quoted(path) + ": " +
                             std::error_code(error, std::generic_category()).message());
}

// Closes a descriptor on every path out of a function.
class Descriptor {
 public:
  explicit Descriptor(int fd) : fd_(fd) {}
  Descriptor(const Descriptor&) = delete;
  Descriptor& operator=(const Descriptor&) = delete;
  ~Descriptor() {
    if (fd_ >= 0) ::close(fd_);
  }
  int get() const { return fd_; }
  // Closes now and reports the error close() gives (it may be a delayed write error).
  int Close() {
    int result = ::close(fd_);
    fd_ = -1;
    return result == 0 ? 0 : errno;
  }

 private:
  int fd_;
};

int WriteAll(int fd, std::string_view contents) {
  while (!contents.empty()) {
    ssize_t written = ::write(fd, contents.data(), contents.size());
    if (written < 0 && errno == EINTR) continue;
    if (written < 0) return errno;
    contents.remove_prefix(static_cast<size_t>(written));
  }
  return 0;
}

// Writes, syncs and closes the temporary file; errno-style result.
int FillTemporary(Descriptor& file, std::string_view contents) {
  if (::fchmod(file.get(), kOwnerOnly) != 0) return errno;  // mkostemp promises 0600; make it explicit
  if (int error = WriteAll(file.get(), contents); error != 0) return error;
  if (::fsync(file.get()) != 0) return errno;
  return file.Close();
}

Status SyncDirectory(const std::filesystem::path& directory) {
  Descriptor dir(::open(directory.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (dir.get() < 0) return IoError("open directory", directory, errno);
  if (::fsync(dir.get()) != 0) return IoError("sync directory", directory, errno);
  return Status::Ok();
}

Result<std::string> ReadAll(int fd, const std::filesystem::path& path) {
  std::string contents;
  std::vector<char> buffer(4096);
  while (true) {
    ssize_t got = ::read(fd, buffer.data(), buffer.size());
    if (got < 0 && errno == EINTR) continue;
    if (got < 0) return IoError("read", path, errno);
    if (got == 0) return contents;
    contents.append(buffer.data(), static_cast<size_t>(got));
    if (contents.size() > kMaxKeyFileBytes) {
      return Status::InvalidArgument(
          "", "key file " + Quoted(path) + " is larger than " + std::to_string(kMaxKeyFileBytes) + " bytes");
    }
  }
}

}  // namespace

Status WriteKeyFile(const std::filesystem::path& path, std::string_view contents) {
  std::filesystem::path directory = path.has_parent_path() ? path.parent_path() : std::filesystem::path(".");
  std::string temporary = (directory / ("." + path.filename().string() + ".tmp-XXXXXX")).string();
  // mkostemp opens with O_CREAT|O_EXCL and mode 0600 under a fresh unique name.
  Descriptor file(::mkostemp(temporary.data(), O_CLOEXEC));
  if (file.get() < 0) return IoError("create a temporary file in", directory, errno);
  if (int error = FillTemporary(file, contents); error != 0) {
    ::unlink(temporary.c_str());
    return IoError("write", temporary, error);
  }
  if (::rename(temporary.c_str(), path.c_str()) != 0) {
    int error = errno;
    ::unlink(temporary.c_str());
    return IoError("rename the temporary file to", path, error);
  }
  return SyncDirectory(directory);
}

Result<std::string> ReadKeyFile(const std::filesystem::path& path) {
  // O_NONBLOCK: a FIFO planted at `path` must not hang the open; fstat then refuses it.
  Descriptor file(::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK));
  if (file.get() < 0 && errno == ENOENT) return Status::NotFound("", "key file " + Quoted(path) + " does not exist");
  if (file.get() < 0) return IoError("open", path, errno);
  struct stat info {};
  if (::fstat(file.get(), &info) != 0) return IoError("inspect", path, errno);
  if (!S_ISREG(info.st_mode)) return Status::InvalidArgument("", "key file " + Quoted(path) + " is not a regular file");
  if ((info.st_mode & kGroupOrOther) != 0) {
    char mode[8];
    std::snprintf(mode, sizeof mode, "%04o", static_cast<unsigned>(info.st_mode & 07777));
    return Status::InvalidArgument("", "key file " + Quoted(path) + " has mode " + mode +
                                           ", which lets group or others access it; make it 0600 (chmod 600)");
  }
  return ReadAll(file.get(), path);
}

}  // namespace kasse::crypto
