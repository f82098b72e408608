#include "storage/testing/scratch_database.h"

#include <atomic>
#include <cstdlib>
#include <fstream>
#include <unistd.h>

#include "storage/postgres_connection.h"

namespace kasse::storage {
namespace {

Result<std::string> TestServerUrl() {
  const char* file = std::getenv("KASSE_TEST_POSTGRES_URL_FILE");
  if (file == nullptr || *file == '\0') {
    return Status::Unavailable(
        "KASSE_TEST_POSTGRES_URL_FILE is not set: run PostgreSQL tests through ctest, which starts the server");
  }
  std::ifstream in(file);
  std::string url;
  if (!std::getline(in, url) || url.empty()) {
    return Status::Unavailable(std::string("no PostgreSQL test server: ") + file + " is missing or empty");
  }
  return url;
}

}  // namespace

std::string BackendName(SqlDialect backend) { return backend == SqlDialect::kPostgres ? "postgres" : "sqlite"; }

ScratchDatabase::ScratchDatabase(SqlDialect backend, std::string target, std::string admin_url, std::string name)
    : backend_(backend), target_(std::move(target)), admin_url_(std::move(admin_url)), name_(std::move(name)) {}

Result<std::unique_ptr<ScratchDatabase>> ScratchDatabase::Create(SqlDialect backend) {
  if (backend == SqlDialect::kSqlite) {
    auto dir = std::make_unique<TempDir>();
    std::unique_ptr<ScratchDatabase> db(new ScratchDatabase(backend, dir->File("server.db"), "", ""));
    db->dir_ = std::move(dir);
    return db;
  }
  Result<std::string> admin_url = TestServerUrl();
  if (!admin_url.ok()) return admin_url.status();
  static std::atomic<int> counter{0};
  std::string name = "kasse_test_" + std::to_string(getpid()) + "_" + std::to_string(counter++);
  Result<std::unique_ptr<PostgresConnection>> admin = PostgresConnection::Open(*admin_url);
  if (!admin.ok()) return admin.status();
  KASSE_RETURN_IF_ERROR((*admin)->Execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)"));
  KASSE_RETURN_IF_ERROR((*admin)->Execute("CREATE DATABASE " + name));
  std::string target = admin_url->substr(0, admin_url->rfind('/') + 1) + name;
  return std::unique_ptr<ScratchDatabase>(new ScratchDatabase(backend, target, *admin_url, name));
}

ScratchDatabase::~ScratchDatabase() {
  if (backend_ != SqlDialect::kPostgres) return;
  Result<std::unique_ptr<PostgresConnection>> admin = PostgresConnection::Open(admin_url_);
  if (admin.ok()) (void)(*admin)->Execute("DROP DATABASE IF EXISTS " + name_ + " WITH (FORCE)");
}

}  // namespace kasse::storage
