#include "server/server_database.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "schema/server_schema.h"
#include "storage/postgres_connection.h"
#include "storage/sql_migrator.h"

namespace kasse::server {
namespace {

constexpr mode_t kOwnerOnly = S_IRUSR | S_IWUSR;
constexpr mode_t kGroupOrOthers = S_IRWXG | S_IRWXO;

// An in-memory database or a SQLite URI names no plain file to protect.
bool IsSqliteFile(const std::string& target) {
  return !target.empty() && target != ":memory:" && !target.starts_with("file:");
}

// Makes `path` 0600 if group or others may use it; `create`: a missing file is
// created 0600 (SQLite then opens it as an empty database and gives its -wal and
// -shm files the same mode).
Status RestrictToOwner(const std::string& path, bool create) {
  int fd = ::open(path.c_str(), O_RDWR | O_CLOEXEC | (create ? O_CREAT : 0), kOwnerOnly);
  if (fd < 0) return Status::Ok();  // missing, or not ours to open: SQLite reports what matters
  struct stat info {};
  bool exposed = ::fstat(fd, &info) == 0 && (info.st_mode & kGroupOrOthers) != 0;
  bool fixed = !exposed || ::fchmod(fd, kOwnerOnly) == 0;
  ::close(fd);
  if (!fixed) {
    return Status::InvalidArgument("database.url", path +
                                                       " may be read by other users and cannot be made private "
                                                       "(chmod 600 it, as the user the server runs as)");
  }
  return Status::Ok();
}

// The server database holds every register's journal and the credentials' hashes:
// only the server's user may read it.
Status RestrictSqliteFiles(const std::string& path) {
  KASSE_RETURN_IF_ERROR(RestrictToOwner(path, /*create=*/true));
  for (const char* suffix : {"-wal", "-shm", "-journal"}) {
    KASSE_RETURN_IF_ERROR(RestrictToOwner(path + suffix, /*create=*/false));
  }
  return Status::Ok();
}

}  // namespace

Result<std::unique_ptr<storage::SqlPool>> OpenServerDatabase(const std::string& target, size_t connections) {
  if (!storage::IsPostgresUrl(target) && IsSqliteFile(target)) KASSE_RETURN_IF_ERROR(RestrictSqliteFiles(target));
  Result<std::unique_ptr<storage::SqlPool>> pool = storage::OpenSqlPool(target, connections);
  if (!pool.ok()) return pool.status();
  Result<storage::SqlPool::Lease> connection = (*pool)->Acquire();
  if (!connection.ok()) return connection.status();
  KASSE_RETURN_IF_ERROR(storage::MigrateSql(**connection, schema::ServerMigrations((*pool)->dialect())));
  return pool;
}

}  // namespace kasse::server
