#include <chrono>
#include <csignal>
#include <ctime>
#include <pthread.h>
#include <string>
#include <variant>

#include <fmt/format.h>
#include <fmt/ostream.h>

#include "cli/commands.h"
#include "cli/version.h"
#include "demo/chain_demo.h"
#include "domain/receipt_validation.h"
#include "domain/scanned_code.h"
#include "fiscal/process_data.h"
#include "samples/reference_receipts.h"

namespace kasse::cli {
namespace {

std::string Amount(Money money) { return money.ToGermanString(); }

void PrintScan(std::ostream& out, std::string_view input, const InStoreEanRules& rules) {
  Result<ScannedCode> code = ParseScannedCode(input, rules);
  std::string what;
  if (!code.ok()) {
    what = "rejected: " + code.status().message();
  } else if (const auto* plu = std::get_if<Plu>(&*code)) {
    what = "PLU " + plu->ToString();
  } else if (const auto* gtin = std::get_if<Gtin>(&*code)) {
    what = fmt::format("GTIN-{}", gtin->digits().size());
  } else {
    const auto& in_store = std::get<InStoreCode>(*code);
    what = "in-store EAN, article " + in_store.article_number.value() + ": " +
           (in_store.price
                ? Amount(*in_store.price) + " EUR"
                : in_store.quantity->ToGermanString() + " " + std::string(UnitSymbol(in_store.quantity->unit())));
  }
  fmt::print(out, "  {:<15} {}\n", input, what);
}

void PrintReceipt(std::ostream& out, const Receipt& receipt, const ReceiptTotals& totals) {
  for (size_t i = 0; i < receipt.lines.size(); ++i) {
    const ReceiptLine& line = receipt.lines[i];
    fmt::print(out, "  {:>8} {:<6} {:<20} x {:>7} = {:>8}  key {}\n", line.quantity.ToGermanString(),
               UnitSymbol(line.quantity.unit()), line.text, Amount(line.unit_price), Amount(totals.lines[i].amount),
               line.vat_key.value());
    if (!totals.lines[i].line_discount.is_zero()) {
      fmt::print(out, "  {:>38} {:>8}\n", "line discount", Amount(-totals.lines[i].line_discount));
    }
  }
  if (!receipt.receipt_discount.is_zero())
    fmt::print(out, "  {:>38} {:>8}\n", "receipt discount", Amount(-receipt.receipt_discount));
  fmt::print(out, "  {:>38} {:>8} EUR\n", "TOTAL", Amount(totals.total));
  for (const VatTotals& vat : totals.vat) {
    fmt::print(out, "    VAT key {} {:>6} %: gross {:>7}  net {:>7}  VAT {:>6}\n", vat.key.value(),
               vat.rate.ToGermanString(), Amount(vat.gross), Amount(vat.net), Amount(vat.vat));
  }
  for (const Payment& payment : receipt.payments) {
    std::string foreign =
        payment.foreign ? fmt::format("  ({} {})", Amount(payment.foreign->amount), payment.foreign->currency) : "";
    fmt::print(out, "    paid {:<12} {:>8}{}\n", PaymentMethodName(payment.method), Amount(payment.amount), foreign);
  }
  if (!totals.change.is_zero()) fmt::print(out, "    change (cash)     {:>8}\n", Amount(totals.change));
  fmt::print(out, "  processData ({}): {}\n\n", fiscal::kProcessTypeKassenbeleg,
             fiscal::KassenbelegProcessData(receipt, totals));
}

void Ring(std::ostream& out, std::string_view title, const Receipt& receipt, const VatTable& vat_table) {
  fmt::print(out, "{}\n", title);
  Result<ReceiptTotals> totals = ValidateReceipt(receipt, vat_table);
  if (!totals.ok()) {
    fmt::print(out, "  rejected: {}\n\n", totals.status().ToString());
    return;
  }
  PrintReceipt(out, receipt, *totals);
}

void RingSales(std::ostream& out, const VatTable& vat_table) {
  using samples::Line;
  using samples::Pay;
  Ring(out, "2. Sale, mixed VAT, paid 20,00 in cash (TV-7)", samples::Tv7CashSale(), vat_table);
  Ring(out, "3. The same basket, split between cash and girocard (TV-8)", samples::Tv8SplitSale(), vat_table);

  Receipt weighed{ReceiptType::kBeleg,
                  {Line("281234", "Gouda mittelalt", Quantity::Milli(Unit::kKilogram, 755), 1299, 2, "Käse"),
                   Line("4011", "Bananen", Quantity::Milli(Unit::kKilogram, 1180), 199, 2, "Obst")},
                  Money::FromCents(100),
                  {Pay(PaymentMethod::kVoucher, 500), Pay(PaymentMethod::kCash, 1000)},
                  std::nullopt};
  weighed.lines[0].line_discount = Money::FromCents(98);
  Ring(out, "4. Weighed goods with a line and a receipt discount, voucher plus cash", weighed, vat_table);

  Receipt foreign = samples::Tv7CashSale();
  foreign.payments = {samples::PayForeignCash("CHF", 1500, 1400)};
  Ring(out, "5. The TV-7 basket paid with 15 Swiss francs (14,00 EUR), change in euro", foreign, vat_table);

  Ring(out, "6. Return of the Spülmittel from receipt B123, refunded in cash (TV-10)", samples::Tv10Return(),
       vat_table);
  Ring(out, "7. Cart cleared before payment (TV-2)", samples::Tv2Abort(), vat_table);
}

void RingRejected(std::ostream& out, const VatTable& vat_table) {
  using samples::Pay;
  Receipt base = samples::Tv7CashSale();
  fmt::print(out, "8. Input the register refuses, with the field it names\n");
  auto reject = [&](std::string_view what, const Receipt& receipt) {
    fmt::print(out, "  {:<34} {}\n", what, ValidateReceipt(receipt, vat_table).status().ToString());
  };
  Receipt bad = base;
  bad.lines[1].unit_price = Money::FromCents(-249);
  reject("negative price:", bad);
  bad = base;
  bad.payments = {Pay(PaymentMethod::kGirocard, 2000)};
  reject("card paid more than due:", bad);
  bad = base;
  bad.payments = {Pay(PaymentMethod::kCash, 1000)};
  reject("payments short of the total:", bad);
  bad = base;
  bad.lines[2].vat_key = VatKey(9);
  reject("unknown VAT key:", bad);
  bad = base;
  bad.lines[0].quantity = Quantity::Pieces(-1);
  reject("return without original:", bad);
}

}  // namespace

int RunReceiptsDemo(std::ostream& out) {
  VatTable vat_table = VatTable::Germany();
  InStoreEanRules ean_rules = InStoreEanRules::GermanyGs1();
  fmt::print(out, "Kasse demo --receipts: the sales domain core, no server (`kasse demo` runs the chain).\n\n");
  fmt::print(out, "1. Scanning\n");
  for (std::string_view input :
       {"4006381333931", "4011", "2812347007554", "2256786003492", "4006381333932", "123456"}) {
    PrintScan(out, input, ean_rules);
  }
  fmt::print(out, "\n");
  RingSales(out, vat_table);
  RingRejected(out, vat_table);
  return 0;
}

namespace {

// While the demo runs: a progress line this often.
constexpr std::chrono::seconds kProgressInterval{15};

// Waits for SIGINT or SIGTERM (blocked in `signals`) or the deadline, printing progress meanwhile.
void WaitForStop(const sigset_t& signals, std::chrono::steady_clock::time_point deadline, demo::ChainDemo& chain,
                 std::ostream& out) {
  while (true) {
    auto left = deadline - std::chrono::steady_clock::now();
    if (left <= std::chrono::steady_clock::duration::zero()) {
      fmt::print(out, "duration reached, stopping\n");
      return;
    }
    auto wait = std::chrono::duration_cast<std::chrono::milliseconds>(
        std::min<std::chrono::steady_clock::duration>(left, kProgressInterval));
    timespec timeout{static_cast<time_t>(wait.count() / 1000), static_cast<long>(wait.count() % 1000) * 1'000'000};
    int signal = sigtimedwait(&signals, nullptr, &timeout);
    if (signal > 0) {
      fmt::print(out, "\n{} received, stopping\n", signal == SIGINT ? "SIGINT" : "SIGTERM");
      return;
    }
    if (left > kProgressInterval) chain.PrintProgress();
  }
}

}  // namespace

int RunDemo(const DemoFlags& flags, std::ostream& out, std::ostream& err) {
  // Block the stop signals before any thread starts, so only sigtimedwait sees them.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  demo::ChainDemoOptions options{flags.data_dir, flags.listen, flags.pace, flags.seed, kVersion};
  demo::ChainDemo chain(options, out);
  Status started = chain.Start();
  if (!started.ok()) {
    err << "kasse demo: " << started.ToString() << "\n";
    chain.Stop();
    return 1;
  }
  auto deadline = flags.duration_seconds > 0
                      ? std::chrono::steady_clock::now() + std::chrono::seconds(flags.duration_seconds)
                      : std::chrono::steady_clock::time_point::max();
  WaitForStop(stop_signals, deadline, chain, out);
  chain.Stop();
  return 0;
}

}  // namespace kasse::cli
