#include "demo/cashier.h"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "demo/detail/json_client.h"
#include "domain/quantity.h"

namespace kasse::demo {
namespace {

using Json = nlohmann::json;

constexpr std::chrono::milliseconds kApiTimeout{10'000};
constexpr std::chrono::milliseconds kRetryPause{1'000};
// A customer every 3–8 s at pace 1.
constexpr int64_t kMinGapMs = 3'000;
constexpr int64_t kMaxGapMs = 8'000;
// Per mille of customers.
constexpr int64_t kReturnPerMille = 20;
constexpr int64_t kAbortPerMille = 30;
// Per cent of payments; the rest is credit card.
constexpr int64_t kSplitPercent = 4;
constexpr int64_t kCashPercent = 43;
constexpr int64_t kGirocardPercent = 40;
constexpr int64_t kMaxItems = 20;
constexpr double kBasketGeometricP = 0.16;  // 1 + geometric: about 6 items on average
constexpr size_t kRecentReceipts = 50;      // returns refer to one of these

Result<int64_t> Cents(const Json& sale, const char* name) {
  if (!sale.contains(name) || !sale[name].is_string()) return Status::Internal(std::string("sale has no ") + name);
  Result<Money> money = Money::Parse(sale[name].get<std::string>());
  if (!money.ok()) return money.status();
  return money->cents();
}

Json PaymentBody(const char* method, int64_t cents, bool settle) {
  Json body{{"method", method}, {"amount", Money::FromCents(cents).ToString()}};
  if (settle) body["settle"] = true;
  return body;
}

bool HasLines(const Json& sale) { return sale.is_object() && sale.contains("lines") && !sale["lines"].empty(); }

}  // namespace

Result<std::unique_ptr<Cashier>> Cashier::Create(CashierOptions options, const DemoCatalog& catalog) {
  if (!(options.pace > 0)) return Status::InvalidArgument("pace", "must be positive");
  if (catalog.groups.empty()) return Status::InvalidArgument("catalog", "is empty");
  Result<std::unique_ptr<detail::JsonClient>> client =
      detail::JsonClient::Create(options.api_url, options.api_token, kApiTimeout);
  if (!client.ok()) return client.status().WithFieldPrefix("api_url");
  return std::unique_ptr<Cashier>(new Cashier(std::move(options), catalog, std::move(client).value()));
}

Cashier::Cashier(CashierOptions options, const DemoCatalog& catalog, std::unique_ptr<detail::JsonClient> client)
    : options_(std::move(options)), catalog_(catalog), client_(std::move(client)), random_(options_.seed) {
  std::vector<double> weights;
  for (const DemoGroup& group : catalog_.groups) weights.push_back(group.articles.empty() ? 0 : group.popularity);
  group_choice_ = std::discrete_distribution<size_t>(weights.begin(), weights.end());
}

Cashier::~Cashier() = default;

CashierStats Cashier::stats() const {
  std::lock_guard lock(stats_mutex_);
  return stats_;
}

Status Cashier::BeginShift() {
  Result<Json> status = client_->Call("GET", "/api/status");
  if (!status.ok()) return status.status();
  if (!(*status)["shift"].value("open", false)) {
    Json body{{"cashier_id", options_.cashier_id},
              {"cashier_name", options_.cashier_name},
              {"opening_float", options_.opening_float.ToString()}};
    KASSE_RETURN_IF_ERROR(client_->Call("POST", "/api/shift/open", body).status());
  }
  Result<Json> open = client_->Call("GET", "/api/sale");
  if (!open.ok()) return open.status();
  if (!(*open)["sale"].is_null()) KASSE_RETURN_IF_ERROR(Finish((*open)["sale"]));
  Result<Json> parked = client_->Call("GET", "/api/parked");
  if (!parked.ok()) return parked.status();
  for (const Json& sale : (*parked)["parked"]) {
    Result<Json> resumed =
        client_->Call("POST", "/api/parked/" + std::to_string(sale["slot"].get<int64_t>()) + "/resume");
    if (!resumed.ok()) return resumed.status();
    KASSE_RETURN_IF_ERROR(Finish((*resumed)["sale"]));
  }
  return Status::Ok();
}

void Cashier::Run(const std::stop_token& stop) {
  while (!stop.stop_requested()) {
    Status begun = BeginShift();
    if (begun.ok()) break;
    Update([&](CashierStats& s) { s.last_error = begun.ToString(); });
    Pause(stop, kRetryPause);
  }
  while (!stop.stop_requested()) {
    Status served = ServeCustomer(stop);
    if (!served.ok()) {
      Update([&](CashierStats& s) {
        ++s.refused;
        s.last_error = served.ToString();
      });
      Recover();
    }
    auto gap = static_cast<double>(Uniform(kMinGapMs, kMaxGapMs)) / options_.pace;
    Pause(stop, std::chrono::milliseconds(static_cast<int64_t>(gap)));
  }
}

Status Cashier::ServeCustomer(const std::stop_token& stop) {
  Update([](CashierStats& s) { ++s.customers; });
  int64_t roll = Uniform(0, 999);
  if (roll < kReturnPerMille && !recent_.empty()) return Return();
  return Sell(stop, roll >= kReturnPerMille && roll < kReturnPerMille + kAbortPerMille);
}

Status Cashier::Sell(const std::stop_token& stop, bool abort) {
  std::geometric_distribution<int64_t> extra(kBasketGeometricP);
  int64_t items = 1 + std::min(extra(random_), kMaxItems - 1);
  bool scanned = false;
  for (int64_t i = 0; i < items; ++i) {
    if (stop.stop_requested() && scanned) {
      KASSE_RETURN_IF_ERROR(client_->Call("POST", "/api/sale/park").status());
      Update([](CashierStats& s) { ++s.parked; });
      return Status::Ok();
    }
    Status added = AddItem(PickArticle());
    if (!added.ok()) {
      Update([&](CashierStats& s) {
        ++s.refused;
        s.last_error = added.ToString();
      });
      continue;
    }
    scanned = true;
  }
  if (!scanned) return Status::Ok();
  if (abort) {
    KASSE_RETURN_IF_ERROR(client_->Call("POST", "/api/sale/abort").status());
    Update([](CashierStats& s) { ++s.aborts; });
    return Status::Ok();
  }
  Result<Json> sale = client_->Call("GET", "/api/sale");
  if (!sale.ok()) return sale.status();
  return Pay((*sale)["sale"]);
}

Status Cashier::AddItem(const DemoArticle& demo) {
  const catalog::Article& article = demo.article;
  Json body;
  switch (demo.ring_up) {
    case RingUp::kScanGtin:
      body["code"] = article.gtins.front();
      if (Uniform(0, 99) < 12) body["quantity"] = std::to_string(Uniform(2, 6));
      break;
    case RingUp::kWeighPlu:
      body["code"] = article.plu->ToString();
      body["quantity"] = Quantity::Milli(Unit::kKilogram, Uniform(150, 2500)).ToString();
      break;
    case RingUp::kCountPlu:
      body["code"] = article.plu->ToString();
      if (Uniform(0, 99) < 25) body["quantity"] = std::to_string(Uniform(2, 4));
      break;
    case RingUp::kScaleLabel: body["code"] = ScaleLabel(demo, Uniform(80, 650)); break;
  }
  KASSE_RETURN_IF_ERROR(client_->Call("POST", "/api/sale/items", body).status());
  Update([](CashierStats& s) { ++s.items; });
  return Status::Ok();
}

Status Cashier::Pay(const Json& sale) {
  Result<int64_t> due = Cents(sale, "due");
  if (!due.ok()) return due.status();
  if (*due <= 0) {  // a return: the refund goes out in cash
    Result<Json> refund = client_->Call("POST", "/api/sale/payments", PaymentBody("cash", *due, true));
    if (!refund.ok()) return refund.status();
    return Settled(*refund, sale, sale.value("is_return", false));
  }
  int64_t roll = Uniform(0, 99);
  Result<Json> answer = Status::Internal("unpaid");
  if (roll<kSplitPercent&& * due> 2000) {
    int64_t cash = *due > 4000 ? 2000 : 1000;  // a note, the rest by card
    Result<Json> part = client_->Call("POST", "/api/sale/payments", PaymentBody("cash", cash, false));
    if (!part.ok()) return part.status();
    answer = client_->Call("POST", "/api/sale/payments", PaymentBody("girocard", *due - cash, true));
  } else if (roll < kSplitPercent + kCashPercent) {
    answer = client_->Call("POST", "/api/sale/payments", PaymentBody("cash", Tendered(*due), true));
  } else if (roll < kSplitPercent + kCashPercent + kGirocardPercent) {
    answer = client_->Call("POST", "/api/sale/payments", PaymentBody("girocard", *due, true));
  } else {
    answer = client_->Call("POST", "/api/sale/payments", PaymentBody("credit_card", *due, true));
  }
  if (!answer.ok()) return answer.status();
  return Settled(*answer, sale, false);
}

Status Cashier::Settled(const Json& answer, const Json& sale, bool is_return) {
  if (!answer.is_object() || !answer.contains("entry")) return Status::Internal("the payment did not finish the sale");
  const Json& payload = answer["entry"]["payload"];
  int64_t total = payload.value("total_cents", int64_t{0});
  if (is_return) {
    Update([&](CashierStats& s) {
      ++s.returns;
      s.revenue_cents += total;
    });
    return Status::Ok();
  }
  SoldReceipt sold{payload.value("receipt_number", int64_t{0}), {}};
  for (const Json& line : sale["lines"]) sold.quantities.push_back(line.value("quantity", "1"));
  recent_.push_back(std::move(sold));
  if (recent_.size() > kRecentReceipts) recent_.pop_front();
  Update([&](CashierStats& s) {
    ++s.sales;
    s.revenue_cents += total;
  });
  return Status::Ok();
}

Status Cashier::Return() {
  auto pick = static_cast<size_t>(Uniform(0, static_cast<int64_t>(recent_.size()) - 1));
  SoldReceipt sold = recent_[pick];
  recent_.erase(recent_.begin() + static_cast<std::ptrdiff_t>(pick));  // one return per receipt
  if (sold.quantities.empty()) return Status::Ok();
  auto line = static_cast<size_t>(Uniform(0, static_cast<int64_t>(sold.quantities.size()) - 1));
  std::string quantity = sold.quantities[line];
  if (quantity.find('.') == std::string::npos) quantity = "1";  // one of several pieces
  KASSE_RETURN_IF_ERROR(client_->Call("POST", "/api/returns", Json{{"receipt_number", sold.number}}).status());
  Result<Json> sale =
      client_->Call("POST", "/api/sale/returned-lines", Json{{"line", line + 1}, {"quantity", quantity}});
  if (!sale.ok()) return sale.status();
  return Pay((*sale)["sale"]);
}

// A sale left by an earlier run: paid if it has lines, else aborted.
Status Cashier::Finish(const Json& sale) {
  if (!HasLines(sale)) return client_->Call("POST", "/api/sale/abort").status();
  return Pay(sale);
}

// After a refused step: leave the register without an open sale.
void Cashier::Recover() {
  Result<Json> open = client_->Call("GET", "/api/sale");
  if (!open.ok() || (*open)["sale"].is_null()) return;
  (void)client_->Call("DELETE", "/api/sale/payments");
  if (!client_->Call("POST", "/api/sale/abort").ok()) return;
  Update([](CashierStats& s) { ++s.aborts; });
}

const DemoArticle& Cashier::PickArticle() {
  const DemoGroup& group = catalog_.groups[group_choice_(random_)];
  auto index = static_cast<size_t>(Uniform(0, static_cast<int64_t>(group.articles.size()) - 1));
  return catalog_.articles[group.articles[index]];
}

// What the customer hands over: the exact amount, or the next note that covers it.
int64_t Cashier::Tendered(int64_t due_cents) {
  int64_t roll = Uniform(0, 99);
  int64_t unit = roll < 15 ? 1 : roll < 50 ? 500 : roll < 75 ? 1000 : roll < 90 ? 2000 : 5000;
  return (due_cents + unit - 1) / unit * unit;
}

int64_t Cashier::Uniform(int64_t low, int64_t high) {
  return std::uniform_int_distribution<int64_t>(low, high)(random_);
}

void Cashier::Pause(const std::stop_token& stop, std::chrono::milliseconds pause) {
  std::unique_lock lock(pause_mutex_);
  paused_.wait_for(lock, stop, pause, [] { return false; });
}

}  // namespace kasse::demo
