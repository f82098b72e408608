#include "demo/cashier.h"

#include <fstream>

#include <gtest/gtest.h>

#include "base/temp_dir.h"
#include "catalog/delta_json.h"
#include "demo/chain_layout.h"
#include "http/client.h"
#include "register/register_agent.h"

namespace kasse::demo {
namespace {

// A register of the demo's Berlin store, without a server, selling from the
// store's catalog.
class CashierTest : public ::testing::Test {
 protected:
  static const DemoCatalog& Catalog() {
    static const DemoCatalog catalog = GenerateCatalog();
    return catalog;
  }

  std::unique_ptr<reg::RegisterAgent> StartRegister(const std::string& name) {
    std::string catalog_file = dir_.File(name + "-catalog.json");
    if (!std::filesystem::exists(catalog_file)) {
      std::ofstream(catalog_file) << catalog::EncodeDelta(StoreSnapshot(Catalog(), 0, 1));
    }
    DemoChain chain = MakeDemoChain();
    reg::RegisterAgentConfig config;
    config.data_dir = dir_.File(name);
    config.register_id = chain.stores[0].registers[0];
    config.listen = "127.0.0.1:0";
    config.catalog_file = catalog_file;
    config.seller = SellerOf(chain, chain.stores[0], config.register_id);
    auto agent = std::make_unique<reg::RegisterAgent>(config);
    Status started = agent->Start();
    EXPECT_TRUE(started.ok()) << started.ToString();
    return agent;
  }

  std::unique_ptr<Cashier> CashierAt(const reg::RegisterAgent& agent, uint64_t seed) {
    CashierOptions options{RegisterId("BER-01-K1"), agent.api_url(),  "C1", "Anna Schmidt", seed, 1.0,
                           Money::FromCents(15000), agent.api_token()};
    Result<std::unique_ptr<Cashier>> cashier = Cashier::Create(options, Catalog());
    EXPECT_TRUE(cashier.ok()) << cashier.status().ToString();
    return std::move(cashier).value();
  }

  static int ReceiptStatus(const reg::RegisterAgent& agent, int64_t number) {
    Result<http::Url> url = http::ParseUrl(agent.api_url());
    http::HttpClient client(url->host, url->port);
    Result<http::HttpResponse> response = client.Send("GET", "/api/receipts/" + std::to_string(number));
    return response.ok() ? response->status : 0;
  }

  TempDir dir_;
  std::stop_source running_;
};

TEST_F(CashierTest, RefusesAPaceThatIsNotPositive) {
  CashierOptions options{RegisterId("BER-01-K1"), "http://127.0.0.1:1", "C1", "Anna", 1, 0.0, Money::Zero(), ""};
  EXPECT_TRUE(Cashier::Create(options, Catalog()).status().IsInvalidArgument());
}

TEST_F(CashierTest, CustomersBuyReturnAndAbortAndEveryReceiptIsJournaled) {
  std::unique_ptr<reg::RegisterAgent> agent = StartRegister("k1");
  std::unique_ptr<Cashier> cashier = CashierAt(*agent, 7);
  ASSERT_TRUE(cashier->BeginShift().ok());
  for (int i = 0; i < 200; ++i) {
    Status served = cashier->ServeCustomer(running_.get_token());
    ASSERT_TRUE(served.ok()) << i << ": " << served.ToString();
  }
  CashierStats stats = cashier->stats();
  EXPECT_EQ(stats.customers, 200);
  EXPECT_EQ(stats.refused, 0) << stats.last_error;
  EXPECT_GT(stats.sales, 160);
  EXPECT_GE(stats.aborts, 2);
  EXPECT_GE(stats.returns, 1);
  EXPECT_GT(stats.items, 5 * stats.sales);
  EXPECT_GT(stats.revenue_cents, 0);
  // Receipt numbers are gapless: the opening float (Anfangsbestand) took the first, then every sale, return
  // and abort one.
  EXPECT_EQ(ReceiptStatus(*agent, 1 + stats.receipts()), 200);
  EXPECT_EQ(ReceiptStatus(*agent, 2 + stats.receipts()), 404);
}

TEST_F(CashierTest, AStopWhileScanningParksTheSaleAndTheNextShiftFinishesIt) {
  std::unique_ptr<reg::RegisterAgent> agent = StartRegister("k1");
  std::unique_ptr<Cashier> cashier = CashierAt(*agent, 11);
  ASSERT_TRUE(cashier->BeginShift().ok());
  std::stop_source stopping;
  stopping.request_stop();
  for (int i = 0; i < 50 && cashier->stats().parked == 0; ++i)
    ASSERT_TRUE(cashier->ServeCustomer(stopping.get_token()).ok());
  ASSERT_EQ(cashier->stats().parked, 1);
  int64_t receipts = cashier->stats().receipts();
  agent->Stop();
  agent = StartRegister("k1");

  std::unique_ptr<Cashier> next = CashierAt(*agent, 12);
  ASSERT_TRUE(next->BeginShift().ok());
  EXPECT_EQ(next->stats().sales, 1);                    // the parked sale, paid
  EXPECT_EQ(ReceiptStatus(*agent, receipts + 2), 200);  // after the opening float
  ASSERT_TRUE(next->ServeCustomer(running_.get_token()).ok());
  EXPECT_EQ(next->stats().refused, 0) << next->stats().last_error;
}

TEST_F(CashierTest, TheSameSeedServesTheSameCustomers) {
  std::unique_ptr<reg::RegisterAgent> first = StartRegister("a");
  std::unique_ptr<reg::RegisterAgent> second = StartRegister("b");
  std::unique_ptr<Cashier> one = CashierAt(*first, 42);
  std::unique_ptr<Cashier> other = CashierAt(*second, 42);
  ASSERT_TRUE(one->BeginShift().ok());
  ASSERT_TRUE(other->BeginShift().ok());
  for (int i = 0; i < 40; ++i) {
    ASSERT_TRUE(one->ServeCustomer(running_.get_token()).ok());
    ASSERT_TRUE(other->ServeCustomer(running_.get_token()).ok());
  }
  EXPECT_EQ(one->stats().items, other->stats().items);
  EXPECT_EQ(one->stats().sales, other->stats().sales);
  EXPECT_EQ(one->stats().revenue_cents, other->stats().revenue_cents);
}

}  // namespace
}  // namespace kasse::demo
