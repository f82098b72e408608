// SaleFacts: the projection that turns every accepted receipt entry into rows
// (tables sale_receipts, sale_lines, sale_payments, sale_vat) and keeps per-register
// daily totals (sales_rollup) for live reports. Schema: schema/*/V003__sale_facts.sql.
//
// Lines carry their gross after discounts, recomputed with the VAT rates the
// receipt states (the ones in force at the sale). A receipt's business day is
// given by the injected BusinessDayOf (the store's time zone), so a sale at
// 00:30 in Berlin counts for that Berlin day.
//
// Thread-safety: stateless apart from the injected function; see projection.h.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "domain/vat.h"
#include "server/projection.h"

namespace kasse::server {

// The business day ("YYYY-MM-DD") of an instant at a register, looked up through
// the ingest transaction's connection (RegisterTimeZones::BusinessDay).
using BusinessDayOf =
    std::function<std::string(storage::SqlConnection& db, const RegisterId& register_id, int64_t utc_ms)>;

// A business day in UTC, for tests and registers whose store's time zone is unknown.
std::string UtcBusinessDay(storage::SqlConnection& db, const RegisterId& register_id, int64_t utc_ms);

class SaleFacts final : public Projection {
 public:
  SaleFacts(VatTable vat_table, BusinessDayOf business_day);

  std::string_view name() const override { return "sale_facts"; }
  Status Apply(storage::SqlConnection& tx, const AcceptedEntry& accepted) override;
  Status Reset(storage::SqlConnection& tx) override;

 private:
  Status ApplyReceipt(storage::SqlConnection& tx, const journal::JournalEntry& entry,
                      const journal::ReceiptEntry& receipt);

  VatTable vat_table_;
  BusinessDayOf business_day_;
};

}  // namespace kasse::server
