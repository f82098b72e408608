#include "storage/sql_pool.h"

#include "storage/postgres_connection.h"
#include "storage/sqlite_connection.h"

namespace kasse::storage {

SqlPool::SqlPool(Factory factory, size_t size) : factory_(std::move(factory)), slots_(size), lent_(size, false) {}

Result<std::unique_ptr<SqlPool>> SqlPool::Open(Factory factory, size_t size) {
  std::unique_ptr<SqlPool> pool(new SqlPool(std::move(factory), std::max<size_t>(size, 1)));
  Result<std::unique_ptr<SqlConnection>> first = pool->factory_();
  if (!first.ok()) return first.status();
  pool->dialect_ = (*first)->dialect();
  pool->slots_[0] = std::move(*first);
  return pool;
}

Result<SqlPool::Lease> SqlPool::Acquire() {
  std::unique_lock lock(mutex_);
  size_t slot = 0;
  available_.wait(lock, [&] {
    for (slot = 0; slot < lent_.size(); ++slot) {
      if (!lent_[slot]) return true;
    }
    return false;
  });
  lent_[slot] = true;
  lock.unlock();
  Lease lease(this, slot);
  if (slots_[slot] == nullptr || !slots_[slot]->Healthy()) {
    slots_[slot].reset();
    Result<std::unique_ptr<SqlConnection>> fresh = factory_();
    if (!fresh.ok()) return fresh.status();  // the lease gives the empty slot back
    slots_[slot] = std::move(*fresh);
  }
  return lease;
}

void SqlPool::Release(size_t slot) {
  {
    std::lock_guard lock(mutex_);
    if (slots_[slot] != nullptr) slots_[slot]->Rollback();  // never lend a connection mid-transaction
    lent_[slot] = false;
  }
  available_.notify_one();
}

SqlPool::Lease::~Lease() {
  if (pool_ != nullptr) pool_->Release(slot_);
}

Result<std::unique_ptr<SqlPool>> OpenSqlPool(const std::string& target, size_t size) {
  if (IsPostgresUrl(target)) {
    return SqlPool::Open(
        [target]() -> Result<std::unique_ptr<SqlConnection>> {
          Result<std::unique_ptr<PostgresConnection>> connection = PostgresConnection::Open(target);
          if (!connection.ok()) return connection.status();
          return std::unique_ptr<SqlConnection>(std::move(*connection));
        },
        size);
  }
  return SqlPool::Open(
      [target]() -> Result<std::unique_ptr<SqlConnection>> {
        Result<std::unique_ptr<SqliteConnection>> connection = SqliteConnection::Open(target);
        if (!connection.ok()) return connection.status();
        return std::unique_ptr<SqlConnection>(std::move(*connection));
      },
      size);
}

}  // namespace kasse::storage
