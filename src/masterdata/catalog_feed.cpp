#include "masterdata/catalog_feed.h"

#include <algorithm>
#include <map>
#include <string>

#include "masterdata/detail/article_rows.h"
#include "masterdata/detail/master_data_sql.h"
#include "masterdata/detail/store_rows.h"

namespace kasse::masterdata {
namespace {

using storage::SqlConnection;
using storage::SqlRow;
namespace sql = detail::sql;

std::string Concat(std::string_view a, std::string_view b) { return std::string(a) + std::string(b); }

Result<int64_t> ReadVersion(SqlConnection& connection) {
  Result<std::optional<storage::SqlValue>> current = connection.QueryValue(sql::kCurrentVersion);
  if (!current.ok()) return current.status();
  return current->has_value() ? (*current)->AsInt() : 0;
}

Result<bool> StoreChangedSince(SqlConnection& connection, const StoreId& store, int64_t since) {
  Result<std::optional<storage::SqlValue>> changed =
      connection.QueryValue(sql::kStoreChangedSince, {since, since, since, store.value(), since, store.value(), since});
  if (!changed.ok()) return changed.status();
  return changed->has_value();
}

// Everything that concerns `store` with a version above `since`; deletions unless a snapshot.
Status ReadChanges(SqlConnection& connection, const StoreId& store, int64_t since, catalog::CatalogDelta& delta) {
  Result<std::vector<SqlRow>> groups = connection.Query(Concat(sql::kGroupColumns, sql::kGroupsSince), {since});
  if (!groups.ok()) return groups.status();
  for (const SqlRow& row : *groups) delta.upsert_groups.push_back({ProductGroupId(row[0].AsText()), row[1].AsText()});
  Result<std::vector<catalog::Article>> articles = detail::ReadArticles(
      connection, Concat(sql::kArticleColumns, sql::kArticlesSince), {since}, sql::kGtinsSince, {since});
  if (!articles.ok()) return articles.status();
  delta.upsert_articles = std::move(*articles);
  Result<std::vector<SqlRow>> prices =
      connection.Query(Concat(sql::kPriceColumns, sql::kPricesSince), {store.value(), since});
  if (!prices.ok()) return prices.status();
  for (const SqlRow& row : *prices) delta.upsert_prices.push_back(detail::PriceFromRow(row).price);
  if (delta.from_version == 0) return Status::Ok();
  Result<std::vector<SqlRow>> gone = connection.Query(sql::kArticleTombstonesSince, {since});
  if (!gone.ok()) return gone.status();
  for (const SqlRow& row : *gone) delta.delete_articles.emplace_back(row[0].AsText());
  Result<std::vector<SqlRow>> gone_prices = connection.Query(sql::kPriceTombstonesSince, {store.value(), since});
  if (!gone_prices.ok()) return gone_prices.status();
  for (const SqlRow& row : *gone_prices) {
    delta.delete_prices.push_back({ArticleNumber(row[0].AsText()), row[1].AsInt()});
  }
  return Status::Ok();
}

}  // namespace

CatalogFeed::CatalogFeed(storage::SqlPool& pool) : pool_(pool), thread_([this] { Run(); }) {}

CatalogFeed::~CatalogFeed() { Stop(); }

Result<int64_t> CatalogFeed::CurrentVersion() {
  Result<storage::SqlPool::Lease> connection = pool_.Acquire();
  if (!connection.ok()) return connection.status();
  return ReadVersion(**connection);
}

Result<catalog::CatalogDelta> CatalogFeed::DeltaSince(const StoreId& store, int64_t since) {
  Result<std::optional<catalog::CatalogDelta>> delta = Read(store, since, false);
  if (!delta.ok()) return delta.status();
  return std::move(**delta);
}

Result<std::optional<catalog::CatalogDelta>> CatalogFeed::ChangesSince(const StoreId& store, int64_t since) {
  return Read(store, since, true);
}

Result<std::optional<catalog::CatalogDelta>> CatalogFeed::Read(const StoreId& store, int64_t since,
                                                               bool only_if_changed) {
  if (since < 0) return Status::InvalidArgument("since", "must not be negative");
  Result<storage::SqlPool::Lease> connection = pool_.Acquire();
  if (!connection.ok()) return connection.status();
  Result<storage::SqlTransaction> snapshot = storage::SqlTransaction::Begin(**connection);
  if (!snapshot.ok()) return snapshot.status();
  if ((*connection)->dialect() == storage::SqlDialect::kPostgres) {
    // One snapshot for every query below (SQLite's transaction holds the write lock).
    KASSE_RETURN_IF_ERROR((*connection)->Execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ"));
  }
  KASSE_RETURN_IF_ERROR(detail::ExpectStore(**connection, store));
  Result<int64_t> current = ReadVersion(**connection);
  if (!current.ok()) return current.status();
  bool snapshot_needed = since == 0 || since > *current;
  if (only_if_changed && !(since > *current)) {
    Result<bool> changed = StoreChangedSince(**connection, store, since);
    if (!changed.ok()) return changed.status();
    if (!*changed) return std::optional<catalog::CatalogDelta>();
  }
  catalog::CatalogDelta delta;
  delta.from_version = snapshot_needed ? 0 : since;
  delta.to_version = *current;
  KASSE_RETURN_IF_ERROR(ReadChanges(**connection, store, snapshot_needed ? 0 : since, delta));
  return std::optional<catalog::CatalogDelta>(std::move(delta));
}

void CatalogFeed::Watch(const StoreId& store, int64_t since, Clock::time_point deadline, Callback callback) {
  {
    std::lock_guard lock(mutex_);
    if (!stopping_) {
      watchers_.push_back(Watcher{store, since, deadline, std::move(callback)});
      notified_ = true;
      wake_.notify_one();
      return;
    }
  }
  callback(std::optional<catalog::CatalogDelta>());
}

void CatalogFeed::NotifyCommitted(int64_t /*version*/) {
  std::lock_guard lock(mutex_);
  notified_ = true;
  wake_.notify_one();
}

void CatalogFeed::Stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
    wake_.notify_one();
  }
  if (thread_.joinable()) thread_.join();
}

void CatalogFeed::Run() {
  std::unique_lock lock(mutex_);
  while (true) {
    Clock::time_point wake_at = Clock::now() + kRecheckInterval;
    for (const Watcher& watcher : watchers_) wake_at = std::min(wake_at, watcher.deadline);
    wake_.wait_until(lock, wake_at, [&] { return stopping_ || notified_; });
    std::vector<Watcher> watchers = std::move(watchers_);
    watchers_.clear();
    if (stopping_) {
      lock.unlock();
      for (Watcher& watcher : watchers) watcher.callback(std::optional<catalog::CatalogDelta>());
      return;
    }
    notified_ = false;
    lock.unlock();
    std::vector<Answer> answers = Check(watchers);
    for (Answer& answer : answers) answer.first(std::move(answer.second));
    lock.lock();
    watchers_.insert(watchers_.end(), std::make_move_iterator(watchers.begin()),
                     std::make_move_iterator(watchers.end()));
  }
}

// Answers the watchers whose store changed or whose deadline passed; keeps the rest.
std::vector<CatalogFeed::Answer> CatalogFeed::Check(std::vector<Watcher>& watchers) {
  std::vector<Answer> answers;
  if (watchers.empty()) return answers;
  Result<int64_t> current = CurrentVersion();
  std::map<std::pair<std::string, int64_t>, Result<std::optional<catalog::CatalogDelta>>> reads;
  Clock::time_point now = Clock::now();
  std::vector<Watcher> waiting;
  for (Watcher& watcher : watchers) {
    if (current.ok() && *current != watcher.checked) {
      auto key = std::make_pair(watcher.store.value(), watcher.since);
      auto read = reads.find(key);
      if (read == reads.end()) read = reads.emplace(key, ChangesSince(watcher.store, watcher.since)).first;
      watcher.checked = *current;
      if (!read->second.ok() || read->second->has_value()) {
        answers.emplace_back(std::move(watcher.callback), read->second);
        continue;
      }
    }
    if (watcher.deadline <= now) {
      answers.emplace_back(std::move(watcher.callback), std::optional<catalog::CatalogDelta>());
      continue;
    }
    waiting.push_back(std::move(watcher));
  }
  watchers = std::move(waiting);
  return answers;
}

}  // namespace kasse::masterdata
