// Cashier: a simulated cashier at one register, driving it through the
// register's local API (docs/register.md) exactly as the cashier screen would.
//
// A customer is usually a sale of 1–20 items — packages scanned by GTIN,
// sometimes several of one; produce weighed and typed in by PLU; counter goods
// by the label the scale printed — paid by girocard or credit card (≈ 55 %) or
// in cash with change (≈ 45 %), now and then split between cash and girocard.
// About 3 % of sales are aborted before payment, and about 2 % of customers
// return an item of an earlier receipt of this register for cash. Customers
// arrive every 3–8 s divided by the pace. Everything random comes from one
// generator seeded by CashierOptions::seed, so a run can be repeated.
//
// BeginShift opens the shift unless it is open and finishes what an earlier run
// left behind (an open sale, parked sales), so a restart continues the shift.
// When a stop is requested while a sale is being scanned, the sale is parked.
//
// Thread-safety: BeginShift, ServeCustomer and Run from one thread; stats() from
// any.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <random>
#include <stop_token>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "base/result.h"
#include "demo/catalog_generator.h"
#include "domain/ids.h"
#include "domain/money.h"

namespace kasse::demo {

namespace detail {
class JsonClient;
}

struct CashierOptions {
  RegisterId register_id;
  std::string api_url;  // the register's local API, http://127.0.0.1:port
  std::string cashier_id;
  std::string cashier_name;
  uint64_t seed = 1;
  double pace = 1.0;  // 1: a customer every 3–8 s; 10: ten times as fast
  Money opening_float = Money::FromCents(15000);
  std::string api_token;  // the register's local-API token (RegisterAgent::api_token, local-api.token)
};

struct CashierStats {
  int64_t customers = 0;
  int64_t sales = 0;    // receipts paid
  int64_t returns = 0;  // return receipts, refunded in cash
  int64_t aborts = 0;   // sales aborted before payment (AVBelegabbruch)
  int64_t parked = 0;   // sales parked at a stop, resumed at the next start
  int64_t items = 0;
  int64_t refused = 0;        // calls the register refused
  int64_t revenue_cents = 0;  // sales minus refunds
  std::string last_error;

  int64_t receipts() const { return sales + returns + aborts; }
};

class Cashier {
 public:
  // InvalidArgument for a malformed API URL or a pace that is not positive.
  static Result<std::unique_ptr<Cashier>> Create(CashierOptions options, const DemoCatalog& catalog);
  ~Cashier();

  Status BeginShift();
  Status ServeCustomer(const std::stop_token& stop);
  // BeginShift, then customers until `stop`; errors are counted, not fatal.
  void Run(const std::stop_token& stop);
  CashierStats stats() const;

 private:
  struct SoldReceipt {
    int64_t number = 0;
    std::vector<std::string> quantities;  // of its lines, as the API writes them
  };

  Cashier(CashierOptions options, const DemoCatalog& catalog, std::unique_ptr<detail::JsonClient> client);
  Status Sell(const std::stop_token& stop, bool abort);
  Status Return();
  Status AddItem(const DemoArticle& article);
  Status Pay(const nlohmann::json& sale);
  Status Finish(const nlohmann::json& sale);
  Status Settled(const nlohmann::json& answer, const nlohmann::json& sale, bool is_return);
  void Recover();
  const DemoArticle& PickArticle();
  int64_t Tendered(int64_t due_cents);
  int64_t Uniform(int64_t low, int64_t high);
  void Pause(const std::stop_token& stop, std::chrono::milliseconds pause);
  template <typename F>
  void Update(F change) {
    std::lock_guard lock(stats_mutex_);
    change(stats_);
  }

  CashierOptions options_;
  const DemoCatalog& catalog_;
  std::unique_ptr<detail::JsonClient> client_;
  std::mt19937_64 random_;
  std::discrete_distribution<size_t> group_choice_;
  std::deque<SoldReceipt> recent_;
  std::mutex pause_mutex_;
  std::condition_variable_any paused_;
  mutable std::mutex stats_mutex_;
  CashierStats stats_;
};

}  // namespace kasse::demo
