// The SqlConnection contract, run on both backends: what the server's stores rely on.
#include <thread>

#include <gtest/gtest.h>

#include "storage/sql_migrator.h"
#include "storage/sql_pool.h"
#include "storage/testing/scratch_database.h"

namespace kasse::storage {
namespace {

constexpr Migration kMigrations[] = {
    {1, "things", "CREATE TABLE things (id BIGINT PRIMARY KEY, name TEXT NOT NULL UNIQUE, data BYTEA, note TEXT)"},
    {2, "more", "CREATE TABLE more (id BIGINT PRIMARY KEY)"},
};

class SqlContractTest : public testing::TestWithParam<SqlDialect> {
 protected:
  void SetUp() override {
    Result<std::unique_ptr<ScratchDatabase>> db = ScratchDatabase::Create(GetParam());
    ASSERT_TRUE(db.ok()) << db.status().ToString();
    db_ = std::move(*db);
    Result<std::unique_ptr<SqlPool>> pool = OpenSqlPool(db_->target(), 3);
    ASSERT_TRUE(pool.ok()) << pool.status().ToString();
    pool_ = std::move(*pool);
    Result<SqlPool::Lease> conn = pool_->Acquire();
    ASSERT_TRUE(conn.ok());
    ASSERT_TRUE(MigrateSql(**conn, kMigrations).ok());
  }

  std::unique_ptr<ScratchDatabase> db_;
  std::unique_ptr<SqlPool> pool_;
};

TEST_P(SqlContractTest, DuplicateKeyIsAConflictAndChangesNothing) {
  Result<SqlPool::Lease> conn = pool_->Acquire();
  ASSERT_TRUE(conn.ok());
  ASSERT_TRUE((*conn)->Run("INSERT INTO things(id, name) VALUES (?, ?)", {1, "a"}).ok());
  Result<int64_t> again = (*conn)->Run("INSERT INTO things(id, name) VALUES (?, ?)", {2, "a"});
  EXPECT_TRUE(again.status().IsConflict()) << again.status().ToString();
  EXPECT_EQ((*conn)->QueryValue("SELECT COUNT(*) FROM things").value()->AsInt(), 1);
}

TEST_P(SqlContractTest, BadSqlIsInternal) {
  Result<SqlPool::Lease> conn = pool_->Acquire();
  ASSERT_TRUE(conn.ok());
  EXPECT_EQ((*conn)->Query("SELEKT 1").status().code(), Status::Code::kInternal);
}

TEST_P(SqlContractTest, ValuesRoundTrip) {
  Result<SqlPool::Lease> conn = pool_->Acquire();
  ASSERT_TRUE(conn.ok());
  std::vector<uint8_t> bytes = {0, 1, 0xFF, '\'', '\\', 0};
  std::string hostile = "Müller's \"Käse\" ? \\ ;DROP TABLE things;--";
  ASSERT_TRUE((*conn)
                  ->Run("INSERT INTO things(id, name, data, note) VALUES (?, ?, ?, ?)",
                        {int64_t{9'007'199'254'740'993}, hostile, SqlBlob{bytes}, nullptr})
                  .ok());
  Result<std::vector<SqlRow>> rows =
      (*conn)->Query("SELECT id, name, data, note, '?' FROM things WHERE name = ?", {hostile});
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  ASSERT_EQ(rows->size(), 1u);
  const SqlRow& row = rows->front();
  EXPECT_EQ(row[0].AsInt(), 9'007'199'254'740'993);
  EXPECT_EQ(row[1].AsText(), hostile);
  EXPECT_EQ(row[2].AsBlob(), bytes);
  EXPECT_TRUE(row[3].is_null());
  EXPECT_EQ(row[4].AsText(), "?");  // a ? inside a literal is not a placeholder
}

TEST_P(SqlContractTest, SumsReadAsIntegers) {
  Result<SqlPool::Lease> conn = pool_->Acquire();
  ASSERT_TRUE(conn.ok());
  ASSERT_TRUE((*conn)->Run("INSERT INTO things(id, name) VALUES (?, ?), (?, ?)", {40, "x", 2, "y"}).ok());
  EXPECT_EQ((*conn)->QueryValue("SELECT SUM(id) FROM things").value()->AsInt(), 42);
}

TEST_P(SqlContractTest, UncommittedTransactionRollsBack) {
  Result<SqlPool::Lease> conn = pool_->Acquire();
  ASSERT_TRUE(conn.ok());
  {
    Result<SqlTransaction> tx = SqlTransaction::Begin(**conn);
    ASSERT_TRUE(tx.ok());
    ASSERT_TRUE((*conn)->Run("INSERT INTO things(id, name) VALUES (?, ?)", {1, "a"}).ok());
  }
  EXPECT_EQ((*conn)->QueryValue("SELECT COUNT(*) FROM things").value()->AsInt(), 0);
  Result<SqlTransaction> tx = SqlTransaction::Begin(**conn);
  ASSERT_TRUE(tx.ok());
  ASSERT_TRUE((*conn)->Run("INSERT INTO things(id, name) VALUES (?, ?)", {1, "a"}).ok());
  ASSERT_TRUE(tx->Commit().ok());
  EXPECT_EQ((*conn)->QueryValue("SELECT COUNT(*) FROM things").value()->AsInt(), 1);
}

TEST_P(SqlContractTest, CommitAfterAFailedStatementIsNotASuccess) {
  Result<SqlPool::Lease> conn = pool_->Acquire();
  ASSERT_TRUE(conn.ok());
  ASSERT_TRUE((*conn)->Run("INSERT INTO things(id, name) VALUES (?, ?)", {1, "a"}).ok());
  Result<SqlTransaction> tx = SqlTransaction::Begin(**conn);
  ASSERT_TRUE(tx.ok());
  ASSERT_TRUE((*conn)->Run("INSERT INTO things(id, name) VALUES (?, ?)", {2, "b"}).ok());
  EXPECT_FALSE((*conn)->Run("INSERT INTO things(id, name) VALUES (?, ?)", {3, "a"}).ok());
  if (GetParam() == SqlDialect::kPostgres) {
    EXPECT_FALSE(tx->Commit().ok());  // PostgreSQL aborted the whole transaction
    EXPECT_EQ((*conn)->QueryValue("SELECT COUNT(*) FROM things").value()->AsInt(), 1);
  }
}

TEST_P(SqlContractTest, MigrationsApplyOnceAndANewerDatabaseIsRefused) {
  Result<SqlPool::Lease> conn = pool_->Acquire();
  ASSERT_TRUE(conn.ok());
  ASSERT_TRUE(MigrateSql(**conn, kMigrations).ok());
  EXPECT_EQ((*conn)->QueryValue("SELECT COUNT(*) FROM schema_version").value()->AsInt(), 2);
  Status older = MigrateSql(**conn, std::span(kMigrations).first(1));
  EXPECT_TRUE(older.IsConflict()) << older.ToString();
}

TEST_P(SqlContractTest, ConcurrentMigrationsApplyEachVersionOnce) {
  Result<std::unique_ptr<ScratchDatabase>> fresh = ScratchDatabase::Create(GetParam());
  ASSERT_TRUE(fresh.ok());
  Result<std::unique_ptr<SqlPool>> pool = OpenSqlPool((*fresh)->target(), 4);
  ASSERT_TRUE(pool.ok());
  std::vector<Status> results(4);
  std::vector<std::thread> threads;
  for (size_t i = 0; i < results.size(); ++i) {
    threads.emplace_back([&, i] {
      Result<SqlPool::Lease> conn = (*pool)->Acquire();
      results[i] = conn.ok() ? MigrateSql(**conn, kMigrations) : conn.status();
    });
  }
  for (std::thread& thread : threads) thread.join();
  for (const Status& status : results) EXPECT_TRUE(status.ok()) << status.ToString();
  Result<SqlPool::Lease> conn = (*pool)->Acquire();
  ASSERT_TRUE(conn.ok());
  EXPECT_EQ((*conn)->QueryValue("SELECT COUNT(*) FROM schema_version").value()->AsInt(), 2);
}

TEST_P(SqlContractTest, PoolLendsEachConnectionToOneHolder) {
  Result<SqlPool::Lease> a = pool_->Acquire();
  Result<SqlPool::Lease> b = pool_->Acquire();
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_NE(&**a, &**b);
}

INSTANTIATE_TEST_SUITE_P(Backends, SqlContractTest, testing::Values(SqlDialect::kSqlite, SqlDialect::kPostgres),
                         [](const testing::TestParamInfo<SqlDialect>& param_info) {
                           return BackendName(param_info.param);
                         });

// PostgreSQL only: a connection the server lost is replaced at the next Acquire().
TEST(PostgresPoolTest, ALostConnectionIsReplaced) {
  Result<std::unique_ptr<ScratchDatabase>> db = ScratchDatabase::Create(SqlDialect::kPostgres);
  ASSERT_TRUE(db.ok()) << db.status().ToString();
  Result<std::unique_ptr<SqlPool>> pool = OpenSqlPool((*db)->target(), 1);
  ASSERT_TRUE(pool.ok());
  {
    Result<SqlPool::Lease> conn = (*pool)->Acquire();
    ASSERT_TRUE(conn.ok());
    Result<std::vector<SqlRow>> killed = (*conn)->Query("SELECT pg_terminate_backend(pg_backend_pid())");
    EXPECT_FALSE(killed.ok());
    EXPECT_TRUE(killed.status().IsUnavailable()) << killed.status().ToString();
  }
  Result<SqlPool::Lease> conn = (*pool)->Acquire();
  ASSERT_TRUE(conn.ok()) << conn.status().ToString();
  EXPECT_EQ((*conn)->QueryValue("SELECT 1").value()->AsInt(), 1);
}

}  // namespace
}  // namespace kasse::storage
