// ChainDemo: `kasse demo` — a central server and a simulated chain in one
// process (docs/demo.md).
//
// Start() runs a server::ServerApp on SQLite (DATA/server.db, JSON log in
// DATA/server.log), puts the chain's master data and a catalog of about 2,000
// articles in place through the server's admin API (ChainAdmin), starts nine
// reg::RegisterAgents (DATA/registers/<id>, local API on 127.0.0.1, enrolled
// with a one-time code at their first start, syncing their journals to the
// server and pulling their store's catalog from it), waits until every register
// has its catalog, and sets a simulated Cashier to work at each. It prints where
// to look.
//
// The admin token the server makes at its first start is kept in
// DATA/admin-token (mode 0600), so a restart — and `kasse report` — can use it.
// A restart with the same data directory continues: no new enrollment, no
// duplicated master data, the open shifts go on.
//
// Stop() stops the cashiers (a sale being scanned is parked), waits up to
// kDrainTimeout for every register's journal to reach the server, prints a
// summary per register, then stops the server and the registers.
//
// Thread-safety: Start(), PrintProgress() and Stop() from one thread.
#pragma once

#include <chrono>
#include <cstdint>
#include <fstream>
#include <memory>
#include <ostream>
#include <string>
#include <thread>
#include <vector>

#include "base/status.h"
#include "demo/catalog_generator.h"
#include "demo/chain_layout.h"

namespace kasse::server {
class ServerApp;
}
namespace kasse::reg {
class RegisterAgent;
}

namespace kasse::demo {

class Cashier;
class ChainAdmin;

struct ChainDemoOptions {
  std::string data_dir = "kasse-demo";
  std::string listen = "127.0.0.1:8080";  // the server
  double pace = 1.0;                      // 1: a customer every 3–8 s per register
  uint64_t seed = 1;                      // the cashiers' random choices
  std::string software_version = "dev";   // as the registers' master data says
};

class ChainDemo {
 public:
  // How long Stop() waits for the journals to reach the server.
  static constexpr std::chrono::seconds kDrainTimeout{20};
  // How long Start() waits for every register to have its store's catalog.
  static constexpr std::chrono::seconds kCatalogTimeout{120};

  ChainDemo(ChainDemoOptions options, std::ostream& out);
  ~ChainDemo();

  Status Start();
  // One line: receipts so far and how far the server has them.
  void PrintProgress();
  // True if every register's journal reached the server.
  bool Stop();

 private:
  struct Till {
    const DemoStore* store = nullptr;
    RegisterId register_id;
    std::string cashier_name;
    std::unique_ptr<reg::RegisterAgent> agent;
    std::unique_ptr<Cashier> cashier;
    std::jthread thread;
  };
  struct SyncState {
    int64_t last_seq = 0;
    int64_t acked_seq = 0;
    int64_t catalog_version = 0;
  };

  Status StartServer();
  Status StartRegisters();
  Status WaitForCatalogs();
  Status StartCashiers();
  SyncState SyncOf(const Till& till) const;
  bool WaitForSync();
  void PrintWhereToLook() const;
  bool PrintSummary();
  std::string File(const std::string& name) const;

  ChainDemoOptions options_;
  std::ostream& out_;
  DemoChain chain_;
  DemoCatalog catalog_;
  std::ofstream server_log_;
  std::unique_ptr<server::ServerApp> server_;
  std::unique_ptr<ChainAdmin> admin_;
  std::vector<Till> tills_;
  bool restarted_ = false;
};

}  // namespace kasse::demo
