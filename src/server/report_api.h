// The report routes: live sales totals and each register's sync state, for head
// office (the admin token until user accounts exist) and `kasse report`.
//
//   GET /api/v1/reports/sales?day=YYYY-MM-DD
//     {"day", "registers": [{register_id, store_id, receipts, returns, aborts,
//      gross_cents, cash_cents, card_cents, other_cents, last_sale_ms}],
//      "stores": [{store_id, receipts, …}], "total": {receipts, …}}
//     Totals of Beleg receipts per register and store on that business day (the
//     store's time zone), from the sales_rollup projection; `day` defaults to the
//     latest day with sales.
//   GET /api/v1/sync/registers
//     {"registers": [{register_id, store_id, acked_seq, head_seq, backlog,
//      last_received_ms, quarantined}], "quarantined": [{register_id, seq, kind,
//      reason, received_ms}]}
//     How far each register's journal has arrived, and the latest quarantined
//     entries with their reasons (never silently dropped: shown here).
//
// Thread-safety: handlers run on any server thread, each with its own connection.
#pragma once

#include <functional>
#include <string_view>

#include "http/router.h"
#include "storage/sql_pool.h"

namespace kasse::server {

void AddReportRoutes(http::Router& router, storage::SqlPool& pool,
                     const std::function<Status(std::string_view authorization)>& check_admin);

}  // namespace kasse::server
