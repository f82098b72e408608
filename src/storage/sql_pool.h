// SqlPool: a fixed number of SqlConnections shared by the server's threads.
//
// Acquire() lends a connection until the Lease goes out of scope, waiting while all
// are lent. A connection found unhealthy (PostgreSQL restarted, network cut) is
// replaced by a fresh one at its next Acquire(); while the database cannot be
// reached Acquire() answers Unavailable, and the caller's client retries later.
//
// OpenSqlPool() takes the server's --db target: a SQLite file path or a
// postgresql:// URL.
//
// Thread-safety: Acquire() from any thread.
#pragma once

#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "storage/sql.h"

namespace kasse::storage {

class SqlPool {
 public:
  using Factory = std::function<Result<std::unique_ptr<SqlConnection>>()>;

  class Lease {
   public:
    Lease(Lease&& other) noexcept : pool_(std::exchange(other.pool_, nullptr)), slot_(other.slot_) {}
    Lease& operator=(Lease&&) = delete;
    ~Lease();
    SqlConnection& operator*() const { return *pool_->slots_[slot_]; }
    SqlConnection* operator->() const { return pool_->slots_[slot_].get(); }

   private:
    friend class SqlPool;
    Lease(SqlPool* pool, size_t slot) : pool_(pool), slot_(slot) {}
    SqlPool* pool_;
    size_t slot_;
  };

  // Opens one connection right away (so a wrong target fails at start-up); the
  // others are opened on first use.
  static Result<std::unique_ptr<SqlPool>> Open(Factory factory, size_t size);

  Result<Lease> Acquire();
  SqlDialect dialect() const { return dialect_; }
  size_t size() const { return slots_.size(); }

 private:
  SqlPool(Factory factory, size_t size);
  void Release(size_t slot);

  Factory factory_;
  SqlDialect dialect_ = SqlDialect::kSqlite;
  std::mutex mutex_;
  std::condition_variable available_;
  std::vector<std::unique_ptr<SqlConnection>> slots_;
  std::vector<bool> lent_;
};

// A pool over `target`: a postgresql:// URL or a SQLite file path.
Result<std::unique_ptr<SqlPool>> OpenSqlPool(const std::string& target, size_t size);

}  // namespace kasse::storage
