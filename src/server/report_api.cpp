#include "server/report_api.h"

#include <map>

#include <nlohmann/json.hpp>

#include "server/journal_store.h"

namespace kasse::server {
namespace {

using Json = nlohmann::ordered_json;

constexpr size_t kQuarantineShown = 50;

constexpr std::string_view kLatestDay = "SELECT MAX(business_day) FROM sales_rollup";
constexpr std::string_view kSalesOfDay =
    "SELECT r.register_id, COALESCE(g.store_id, ''), r.receipts, r.returns, r.aborts, r.gross_cents, r.cash_cents, "
    "r.card_cents, r.other_cents, r.last_sale_ms FROM sales_rollup r LEFT JOIN registers g "
    "ON g.register_id = r.register_id WHERE r.business_day = ? ORDER BY 2, 1";
constexpr std::string_view kStoreOfRegisters = "SELECT register_id, store_id FROM registers";
constexpr std::string_view kQuarantinedPerRegister =
    "SELECT register_id, COUNT(*) FROM journal_entries WHERE quarantine IS NOT NULL GROUP BY register_id";

constexpr const char* kAmounts[] = {"receipts",   "returns",    "aborts",     "gross_cents",
                                    "cash_cents", "card_cents", "other_cents"};

bool IsDay(std::string_view day) {
  if (day.size() != 10 || day[4] != '-' || day[7] != '-') return false;
  for (size_t i : {0U, 1U, 2U, 3U, 5U, 6U, 8U, 9U}) {
    if (day[i] < '0' || day[i] > '9') return false;
  }
  return true;
}

Json ZeroTotals() {
  Json totals = Json::object();
  for (const char* amount : kAmounts) totals[amount] = 0;
  return totals;
}

void AddTo(Json& totals, const Json& row) {
  for (const char* amount : kAmounts) totals[amount] = totals[amount].get<int64_t>() + row[amount].get<int64_t>();
}

Result<Json> SalesReport(storage::SqlConnection& db, std::string day) {
  if (day.empty()) {
    Result<std::optional<storage::SqlValue>> latest = db.QueryValue(kLatestDay);
    if (!latest.ok()) return latest.status();
    if (*latest && !(*latest)->is_null()) day = (*latest)->AsText();
  }
  Result<std::vector<storage::SqlRow>> rows = db.Query(kSalesOfDay, {day});
  if (!rows.ok()) return rows.status();
  Json registers = Json::array();
  std::map<std::string, Json> stores;
  Json total = ZeroTotals();
  for (const storage::SqlRow& row : *rows) {
    Json entry = {{"register_id", row[0].AsText()}, {"store_id", row[1].AsText()}};
    for (size_t i = 0; i < std::size(kAmounts); ++i) entry[kAmounts[i]] = row[i + 2].AsInt();
    entry["last_sale_ms"] = row[9].AsInt();
    auto [store, fresh] = stores.try_emplace(row[1].AsText(), ZeroTotals());
    AddTo(store->second, entry);
    AddTo(total, entry);
    registers.push_back(std::move(entry));
  }
  Json by_store = Json::array();
  for (auto& [store_id, totals] : stores) {
    Json entry = {{"store_id", store_id}};
    entry.update(totals);
    by_store.push_back(std::move(entry));
  }
  return Json{{"day", day}, {"registers", registers}, {"stores", by_store}, {"total", total}};
}

Result<std::map<std::string, std::string>> StoresOfRegisters(storage::SqlConnection& db) {
  Result<std::vector<storage::SqlRow>> rows = db.Query(kStoreOfRegisters);
  if (!rows.ok()) return rows.status();
  std::map<std::string, std::string> stores;
  for (const storage::SqlRow& row : *rows) stores[row[0].AsText()] = row[1].AsText();
  return stores;
}

Result<Json> SyncReport(storage::SqlConnection& db) {
  Result<std::vector<RegisterProgress>> progress = JournalStore::Progress(db);
  if (!progress.ok()) return progress.status();
  Result<std::map<std::string, std::string>> stores = StoresOfRegisters(db);
  if (!stores.ok()) return stores.status();
  Result<std::vector<storage::SqlRow>> counts = db.Query(kQuarantinedPerRegister);
  if (!counts.ok()) return counts.status();
  std::map<std::string, int64_t> quarantined;
  for (const storage::SqlRow& row : *counts) quarantined[row[0].AsText()] = row[1].AsInt();
  Json registers = Json::array();
  for (const RegisterProgress& p : *progress) {
    const std::string& id = p.register_id.value();
    registers.push_back(
        {{"register_id", id},
         {"store_id", stores->contains(id) ? stores->at(id) : ""},
         {"acked_seq", p.acked_seq},
         {"head_seq", p.head_seq},
         {"backlog", std::max<int64_t>(0, p.head_seq - p.acked_seq)},
         {"last_received_ms", p.last_received_ms},
         {"quarantined", quarantined.contains(id) ? quarantined.at(id) : 0},
         {"signing_unit", p.tse_serial},
         {"tse_outage_open", p.outage_open},
         {"state", p.conflict_seq > 0 ? "CONFLICT" : "OK"},
         {"conflict", p.conflict_seq > 0
                          ? Json{{"seq", p.conflict_seq}, {"at_ms", p.conflict_ms}, {"reason", p.conflict_reason}}
                          : Json(nullptr)}});
  }
  Result<std::vector<QuarantinedEntry>> latest = JournalStore::Quarantined(db, kQuarantineShown);
  if (!latest.ok()) return latest.status();
  Json entries = Json::array();
  for (const QuarantinedEntry& q : *latest) {
    entries.push_back({{"register_id", q.register_id.value()},
                       {"seq", q.seq},
                       {"kind", q.kind},
                       {"reason", q.reason},
                       {"received_ms", q.received_ms}});
  }
  return Json{{"registers", registers}, {"quarantined", entries}};
}

// Runs `report` on a pooled connection for an admin, as a JSON answer.
http::HttpResponse Answer(storage::SqlPool& pool, const std::function<Status(std::string_view)>& check_admin,
                          const http::HttpRequest& request,
                          const std::function<Result<Json>(storage::SqlConnection&)>& report) {
  Status admin = check_admin(request.Header("authorization"));
  if (!admin.ok()) return http::HttpResponse::Error(admin);
  Result<storage::SqlPool::Lease> db = pool.Acquire();
  if (!db.ok()) return http::HttpResponse::Error(db.status());
  Result<Json> json = report(**db);
  if (!json.ok()) return http::HttpResponse::Error(json.status());
  return http::HttpResponse::Json(200, json->dump());
}

}  // namespace

void AddReportRoutes(http::Router& router, storage::SqlPool& pool,
                     const std::function<Status(std::string_view authorization)>& check_admin) {
  router.Add(
      "GET", "/api/v1/reports/sales", http::Access::kAdmin, [&pool, check_admin](const http::HttpRequest& request) {
        std::string day = request.query.contains("day") ? request.query.at("day") : "";
        if (!day.empty() && !IsDay(day)) {
          return http::HttpResponse::Error(Status::InvalidArgument("day", "must be a date YYYY-MM-DD"));
        }
        return Answer(pool, check_admin, request, [&](storage::SqlConnection& db) { return SalesReport(db, day); });
      });
  router.Add("GET", "/api/v1/sync/registers", http::Access::kAdmin,
             [&pool, check_admin](const http::HttpRequest& request) {
               return Answer(pool, check_admin, request, SyncReport);
             });
}

}  // namespace kasse::server
