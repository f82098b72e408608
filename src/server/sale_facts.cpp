#include "server/sale_facts.h"

#include "domain/receipt_totals.h"
#include "domain/time_zone.h"
#include "journal/entry_check.h"

namespace kasse::server {
namespace {

constexpr std::string_view kInsertReceipt =
    "INSERT INTO sale_receipts(register_id, receipt_number, seq, closing_number, receipt_type, is_return, cashier_id, "
    "started_ms, finished_ms, business_day, total_cents, change_cents, tse_signed) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
constexpr std::string_view kInsertLine =
    "INSERT INTO sale_lines(register_id, receipt_number, line_no, article, text, unit, quantity_milli, "
    "unit_price_cents, line_discount_cents, gross_cents, vat_key, product_group) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
constexpr std::string_view kInsertPayment =
    "INSERT INTO sale_payments(register_id, receipt_number, payment_no, method, amount_cents, currency, foreign_cents) "
    "VALUES (?, ?, ?, ?, ?, ?, ?)";
constexpr std::string_view kInsertVat =
    "INSERT INTO sale_vat(register_id, receipt_number, vat_key, rate_bp, gross_cents, net_cents, vat_cents) "
    "VALUES (?, ?, ?, ?, ?, ?, ?)";
constexpr std::string_view kRollup =
    "INSERT INTO sales_rollup(register_id, business_day, receipts, returns, aborts, gross_cents, cash_cents, "
    "card_cents, other_cents, last_sale_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
    "ON CONFLICT(register_id, business_day) DO UPDATE SET receipts = sales_rollup.receipts + excluded.receipts, "
    "returns = sales_rollup.returns + excluded.returns, aborts = sales_rollup.aborts + excluded.aborts, "
    "gross_cents = sales_rollup.gross_cents + excluded.gross_cents, "
    "cash_cents = sales_rollup.cash_cents + excluded.cash_cents, "
    "card_cents = sales_rollup.card_cents + excluded.card_cents, "
    "other_cents = sales_rollup.other_cents + excluded.other_cents, "
    "last_sale_ms = CASE WHEN excluded.last_sale_ms > sales_rollup.last_sale_ms "
    "THEN excluded.last_sale_ms ELSE sales_rollup.last_sale_ms END";
constexpr std::string_view kReset[] = {"DELETE FROM sale_lines", "DELETE FROM sale_payments", "DELETE FROM sale_vat",
                                       "DELETE FROM sale_receipts", "DELETE FROM sales_rollup"};

struct PaymentSums {
  int64_t cash = 0;
  int64_t card = 0;
  int64_t other = 0;
};

// What the drawer and the card terminal took: change leaves the drawer.
PaymentSums SumPayments(const journal::ReceiptEntry& receipt) {
  PaymentSums sums;
  for (const Payment& payment : receipt.receipt.payments) {
    int64_t cents = payment.amount.cents();
    if (IsCash(payment.method)) {
      sums.cash += cents;
    } else if (payment.method == PaymentMethod::kGirocard || payment.method == PaymentMethod::kCreditCard) {
      sums.card += cents;
    } else {
      sums.other += cents;
    }
  }
  sums.cash -= receipt.change.cents();
  return sums;
}

Status Ran(const Result<int64_t>& result) { return result.status(); }

}  // namespace

std::string UtcBusinessDay(storage::SqlConnection& /*db*/, const RegisterId& /*register_id*/, int64_t utc_ms) {
  return TimeZone::Utc().BusinessDayString(utc_ms);
}

SaleFacts::SaleFacts(VatTable vat_table, BusinessDayOf business_day)
    : vat_table_(std::move(vat_table)), business_day_(std::move(business_day)) {}

Status SaleFacts::Apply(storage::SqlConnection& tx, const AcceptedEntry& accepted) {
  const auto* receipt = std::get_if<journal::ReceiptEntry>(&accepted.entry.payload);
  if (receipt == nullptr) return Status::Ok();
  return ApplyReceipt(tx, accepted.entry, *receipt);
}

Status SaleFacts::ApplyReceipt(storage::SqlConnection& tx, const journal::JournalEntry& entry,
                               const journal::ReceiptEntry& receipt) {
  const std::string& register_id = entry.register_id.value();
  const Receipt& sale = receipt.receipt;
  bool is_return = sale.original.has_value() || sale.return_without_receipt;
  std::string day = business_day_(tx, entry.register_id, receipt.finished_ms);
  KASSE_RETURN_IF_ERROR(Ran(tx.Run(
      kInsertReceipt, {register_id, receipt.receipt_number, entry.seq, entry.closing_number, ReceiptTypeName(sale.type),
                       is_return, receipt.cashier.id, receipt.started_ms, receipt.finished_ms, day,
                       receipt.total.cents(), receipt.change.cents(), receipt.tse.signed_ok()})));
  bool counts = sale.type == ReceiptType::kBeleg;
  if (counts) {
    Result<VatTable> table = journal::TableAsStated(receipt.vat, vat_table_);
    if (!table.ok()) return table.status();
    Result<ReceiptTotals> totals = ComputeTotals(sale, *table);
    if (!totals.ok()) return totals.status();
    for (size_t i = 0; i < sale.lines.size(); ++i) {
      const ReceiptLine& line = sale.lines[i];
      KASSE_RETURN_IF_ERROR(Ran(tx.Run(
          kInsertLine,
          {register_id, receipt.receipt_number, static_cast<int64_t>(i + 1), line.article.value(), line.text,
           UnitCode(line.quantity.unit()), line.quantity.milli(), line.unit_price.cents(), line.line_discount.cents(),
           totals->lines[i].gross.cents(), int64_t{line.vat_key.value()}, line.product_group.value()})));
    }
    for (size_t i = 0; i < sale.payments.size(); ++i) {
      const Payment& payment = sale.payments[i];
      std::optional<int64_t> foreign;
      if (payment.foreign) foreign = payment.foreign->amount.cents();
      KASSE_RETURN_IF_ERROR(
          Ran(tx.Run(kInsertPayment, {register_id, receipt.receipt_number, static_cast<int64_t>(i + 1),
                                      PaymentMethodName(payment.method), payment.amount.cents(),
                                      payment.foreign ? payment.foreign->currency : std::string("EUR"), foreign})));
    }
    for (const VatTotals& vat : receipt.vat) {
      KASSE_RETURN_IF_ERROR(Ran(
          tx.Run(kInsertVat, {register_id, receipt.receipt_number, int64_t{vat.key.value()},
                              int64_t{vat.rate.basis_points()}, vat.gross.cents(), vat.net.cents(), vat.vat.cents()})));
    }
  }
  PaymentSums sums = counts ? SumPayments(receipt) : PaymentSums{};
  return Ran(
      tx.Run(kRollup, {register_id, day, int64_t{counts ? 1 : 0}, int64_t{counts && is_return ? 1 : 0},
                       int64_t{sale.type == ReceiptType::kAVBelegabbruch ? 1 : 0}, counts ? receipt.total.cents() : 0,
                       sums.cash, sums.card, sums.other, receipt.finished_ms}));
}

Status SaleFacts::Reset(storage::SqlConnection& tx) {
  for (std::string_view sql : kReset) KASSE_RETURN_IF_ERROR(Ran(tx.Run(sql)));
  return Status::Ok();
}

}  // namespace kasse::server
