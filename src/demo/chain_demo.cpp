#include "demo/chain_demo.h"

#include <array>
#include <filesystem>
#include <map>
#include <sys/stat.h>

#include <fmt/format.h>
#include <fmt/ostream.h>

#include "crypto/key_file.h"
#include "demo/cashier.h"
#include "demo/chain_admin.h"
#include "demo/detail/json_client.h"
#include "register/register_agent.h"
#include "server/server_app.h"

namespace kasse::demo {
namespace {

using detail::Json;

constexpr std::chrono::milliseconds kPollInterval{200};
constexpr std::chrono::milliseconds kStatusTimeout{5'000};
constexpr int kServerThreads = 4;
constexpr const char* kManagerId = "M1";
constexpr std::array<const char*, 9> kCashierNames{"Anna Schmidt",   "Mehmet Yılmaz",   "Julia Becker",
                                                   "Thomas Wagner",  "Sabine Hoffmann", "Lukas Richter",
                                                   "Katarina Nowak", "Stefan Maier",    "Laura Huber"};

std::string Euro(int64_t cents) { return Money::FromCents(cents).ToGermanString(); }

}  // namespace

ChainDemo::ChainDemo(ChainDemoOptions options, std::ostream& out)
    : options_(std::move(options)), out_(out), chain_(MakeDemoChain()), catalog_(GenerateCatalog()) {}

ChainDemo::~ChainDemo() { Stop(); }

std::string ChainDemo::File(const std::string& name) const {
  return (std::filesystem::path(options_.data_dir) / name).string();
}

Status ChainDemo::Start() {
  std::error_code error;
  std::filesystem::create_directories(options_.data_dir, error);
  if (error) return Status::Unavailable("cannot create " + options_.data_dir + ": " + error.message());
  ::chmod(options_.data_dir.c_str(), 0700);
  KASSE_RETURN_IF_ERROR(StartServer());
  KASSE_RETURN_IF_ERROR(StartRegisters());
  KASSE_RETURN_IF_ERROR(WaitForCatalogs());
  KASSE_RETURN_IF_ERROR(StartCashiers());
  PrintWhereToLook();
  return Status::Ok();
}

Status ChainDemo::StartServer() {
  server_log_.open(File("server.log"), std::ios::app);
  if (!server_log_) return Status::Unavailable("cannot write " + File("server.log"));
  server::ServerConfig config;
  config.db = File("server.db");
  config.listen = options_.listen;
  config.threads = kServerThreads;
  restarted_ = std::filesystem::exists(config.db);
  server_ = std::make_unique<server::ServerApp>(config, server_log_);
  Result<std::optional<std::string>> created = server_->Start();
  if (!created.ok()) return created.status().WithFieldPrefix("server");
  std::string token;
  if (created->has_value()) {
    token = **created;
    KASSE_RETURN_IF_ERROR(crypto::WriteKeyFile(File("admin-token"), token));
  } else {
    Result<std::string> stored = crypto::ReadKeyFile(File("admin-token"));
    if (!stored.ok()) {
      return Status::Conflict("data", File("server.db") + " exists but its admin token " + File("admin-token") +
                                          " cannot be read (" + stored.status().message() + "); remove " +
                                          options_.data_dir + " to start afresh");
    }
    token = *stored;
  }
  fmt::print(out_, "{} server on SQLite ({}), {}\n", restarted_ ? "restarted the" : "started a", config.db,
             created->has_value() ? "admin token created" : "admin token from " + File("admin-token"));
  Result<std::unique_ptr<ChainAdmin>> admin = ChainAdmin::Create(server_->url(), token);
  if (!admin.ok()) return admin.status();
  admin_ = std::move(admin).value();
  Result<SeedReport> seeded = admin_->Seed(chain_, catalog_, options_.software_version);
  if (!seeded.ok()) return seeded.status().WithFieldPrefix("master data");
  if (seeded->catalog_imported) {
    fmt::print(out_,
               "master data: {} records (organisation, {} stores, registers, {} product groups); CSV import of {} "
               "articles with {} store prices, catalog version {}\n",
               seeded->records_created, chain_.stores.size(), catalog_.groups.size(), seeded->articles, seeded->prices,
               seeded->catalog_version);
  } else {
    fmt::print(out_, "master data: already on the server ({} records added)\n", seeded->records_created);
  }
  return Status::Ok();
}

Status ChainDemo::StartRegisters() {
  size_t index = 0;
  for (const DemoStore& store : chain_.stores) {
    for (const RegisterId& register_id : store.registers) {
      reg::RegisterAgentConfig config;
      config.data_dir = (std::filesystem::path(File("registers")) / register_id.value()).string();
      config.register_id = register_id;
      config.listen = "127.0.0.1:0";
      config.server_url = server_->url();
      config.store_id = store.id;
      config.seller = SellerOf(chain_, store, register_id);
      config.manager_ids = {kManagerId};
      bool enrolled = std::filesystem::exists(std::filesystem::path(config.data_dir) / "device-token");
      if (!enrolled) {
        Result<std::string> code = admin_->EnrollmentCode(register_id);
        if (!code.ok()) return code.status().WithFieldPrefix(register_id.value());
        config.enroll_code = *code;
      }
      Till till;
      till.store = &store;
      till.register_id = register_id;
      till.cashier_name = kCashierNames[index++ % kCashierNames.size()];
      till.agent = std::make_unique<reg::RegisterAgent>(config);
      Status started = till.agent->Start();
      if (!started.ok()) return started.WithFieldPrefix(register_id.value());
      tills_.push_back(std::move(till));
    }
  }
  fmt::print(out_, "{} registers {}\n", tills_.size(),
             restarted_ ? "started from their data" : "enrolled with one-time codes and started");
  return Status::Ok();
}

ChainDemo::SyncState ChainDemo::SyncOf(const Till& till) const {
  SyncState state;
  Result<std::unique_ptr<detail::JsonClient>> client =
      detail::JsonClient::Create(till.agent->api_url(), "", kStatusTimeout);
  if (!client.ok()) return state;
  Result<Json> status = (*client)->Call("GET", "/api/status");
  if (!status.ok()) return state;
  state.catalog_version = status->value("catalog_version", int64_t{0});
  const Json& sync = (*status)["sync"];
  state.last_seq = sync.value("last_seq", int64_t{0});
  state.acked_seq = sync.value("acked_seq", int64_t{0});
  return state;
}

Status ChainDemo::WaitForCatalogs() {
  auto deadline = std::chrono::steady_clock::now() + kCatalogTimeout;
  for (const Till& till : tills_) {
    while (SyncOf(till).catalog_version == 0) {
      if (std::chrono::steady_clock::now() > deadline) {
        return Status::Unavailable("register " + till.register_id.value() + " has no catalog after " +
                                   std::to_string(kCatalogTimeout.count()) + " s; see " + File("server.log"));
      }
      std::this_thread::sleep_for(kPollInterval);
    }
  }
  fmt::print(out_, "every register has its store's catalog of {} articles, pulled from the server\n",
             catalog_.articles.size());
  return Status::Ok();
}

Status ChainDemo::StartCashiers() {
  for (size_t i = 0; i < tills_.size(); ++i) {
    Till& till = tills_[i];
    // Mixing in the journal's length: a restart goes on with other customers, the same data gives the same run.
    uint64_t seed = options_.seed * 1000 + i + static_cast<uint64_t>(SyncOf(till).last_seq) * 1'000'003;
    CashierOptions options{
        till.register_id, till.agent->api_url(),   "C" + std::to_string(i + 1), till.cashier_name, seed,
        options_.pace,    Money::FromCents(15000), till.agent->api_token()};
    Result<std::unique_ptr<Cashier>> cashier = Cashier::Create(options, catalog_);
    if (!cashier.ok()) return cashier.status();
    till.cashier = std::move(cashier).value();
  }
  for (Till& till : tills_) {
    Cashier* cashier = till.cashier.get();
    till.thread = std::jthread([cashier](const std::stop_token& stop) { cashier->Run(stop); });
  }
  return Status::Ok();
}

void ChainDemo::PrintWhereToLook() const {
  std::string url = server_->url();
  std::string token_file = File("admin-token");
  fmt::print(out_, "\nKasse demo: a central server and {} stores with {} registers, selling at pace {}.\n",
             chain_.stores.size(), tills_.size(), options_.pace);
  fmt::print(out_, "  server       {}   (SQLite {}, JSON log {})\n", url, File("server.db"), File("server.log"));
  fmt::print(out_, "  readiness    {}/readyz\n", url);
  fmt::print(out_, "  metrics      {}/metrics\n", url);
  fmt::print(out_, "  admin token  {} (mode 0600)\n", token_file);
  fmt::print(out_, "  master data  curl -H \"Authorization: Bearer $(cat {})\" {}/api/v1/stores\n", token_file, url);
  fmt::print(out_, "  report       kasse report --server {} --token \"$(cat {})\"\n", url, token_file);
  fmt::print(out_, "  registers    (cashier API: /api/status, /api/sale, /api/receipts/1?format=text)\n");
  for (const Till& till : tills_) {
    fmt::print(out_, "    {:<10} {:<30} {}   cashier {}\n", till.register_id.value(), till.store->name,
               till.agent->api_url(), till.cashier_name);
  }
  fmt::print(out_, "Ctrl-C stops everything; the same command continues from {}.\n\n", options_.data_dir);
  out_.flush();
}

void ChainDemo::PrintProgress() {
  int64_t receipts = 0;
  int64_t revenue = 0;
  int64_t backlog = 0;
  for (const Till& till : tills_) {
    if (!till.cashier) continue;
    CashierStats stats = till.cashier->stats();
    receipts += stats.receipts();
    revenue += stats.revenue_cents;
    SyncState sync = SyncOf(till);
    backlog += sync.last_seq - sync.acked_seq;
  }
  fmt::print(out_, "  {} receipts, {} EUR; journal entries not yet at the server: {}\n", receipts, Euro(revenue),
             backlog);
  out_.flush();
}

bool ChainDemo::WaitForSync() {
  auto deadline = std::chrono::steady_clock::now() + kDrainTimeout;
  for (const Till& till : tills_) {
    for (SyncState sync = SyncOf(till); sync.acked_seq < sync.last_seq; sync = SyncOf(till)) {
      if (std::chrono::steady_clock::now() > deadline) return false;
      std::this_thread::sleep_for(kPollInterval);
    }
  }
  return true;
}

bool ChainDemo::PrintSummary() {
  Result<std::map<std::string, int64_t>> server_acked = admin_->AckedSeqs();
  fmt::print(out_, "\n{:<10} {:>9} {:>6} {:>7} {:>6} {:>6} {:>6} {:>13} {:>8} {:>13}\n", "register", "customers",
             "sales", "returns", "aborts", "parked", "items", "revenue EUR", "journal", "server acked");
  CashierStats total;
  int synced = 0;
  int64_t entries = 0;
  for (const Till& till : tills_) {
    CashierStats stats = till.cashier ? till.cashier->stats() : CashierStats{};
    SyncState sync = SyncOf(till);
    // The server's gauge, or (for a register that sent nothing since the server started) its own record of
    // the server's acknowledgement.
    int64_t acked = sync.acked_seq;
    if (server_acked.ok()) {
      auto it = server_acked->find(till.register_id.value());
      if (it != server_acked->end()) acked = it->second;
    }
    synced += acked == sync.last_seq ? 1 : 0;
    entries += acked > 0 ? acked : 0;
    fmt::print(out_, "{:<10} {:>9} {:>6} {:>7} {:>6} {:>6} {:>6} {:>13} {:>8} {:>13}\n", till.register_id.value(),
               stats.customers, stats.sales, stats.returns, stats.aborts, stats.parked, stats.items,
               Euro(stats.revenue_cents), sync.last_seq, acked);
    total.customers += stats.customers;
    total.sales += stats.sales;
    total.returns += stats.returns;
    total.aborts += stats.aborts;
    total.parked += stats.parked;
    total.items += stats.items;
    total.refused += stats.refused;
    total.revenue_cents += stats.revenue_cents;
    if (!stats.last_error.empty())
      fmt::print(out_, "  last refusal at {}: {}\n", till.register_id.value(), stats.last_error);
  }
  fmt::print(out_, "{:<10} {:>9} {:>6} {:>7} {:>6} {:>6} {:>6} {:>13}\n", "total", total.customers, total.sales,
             total.returns, total.aborts, total.parked, total.items, Euro(total.revenue_cents));
  fmt::print(out_, "this run: {} receipts ({} sales, {} returns, {} aborted), {} calls refused by a register\n",
             total.receipts(), total.sales, total.returns, total.aborts, total.refused);
  bool all = synced == static_cast<int>(tills_.size());
  if (all) {
    fmt::print(out_, "all journals synced: {} of {} registers, {} journal entries acknowledged by the server\n", synced,
               tills_.size(), entries);
  } else {
    fmt::print(out_, "journals not yet synced: {} of {} registers at the server; the rest follows at the next start\n",
               synced, tills_.size());
  }
  return all;
}

bool ChainDemo::Stop() {
  if (!server_) return true;
  for (Till& till : tills_) {
    if (till.thread.joinable()) till.thread.request_stop();
  }
  for (Till& till : tills_) {
    if (till.thread.joinable()) till.thread.join();
  }
  bool synced = true;
  if (admin_ && !tills_.empty()) {
    WaitForSync();
    synced = PrintSummary();
  }
  // The server first: stopping it answers the registers' held catalog polls, which a register would otherwise
  // wait out (up to CatalogSyncLimits::kDefaultWait) before it stops. Their journals are at the server already.
  server_->Stop();
  server_.reset();
  for (Till& till : tills_) till.agent->Stop();
  tills_.clear();
  fmt::print(out_, "stopped: cashiers, server, registers\n");
  out_.flush();
  return synced;
}

}  // namespace kasse::demo
