// ChainAdmin: what the demo does as the chain's administrator, through the
// server's HTTP API with the admin token (docs/master-data.md,
// docs/sync-protocol.md): put the chain's master data in place, make one-time
// enrollment codes for registers, and read how far the server has acknowledged
// each register's journal (from /metrics).
//
// Seed is idempotent, so a restart neither duplicates nor changes anything: the
// organisation, each store, register and product group is PUT only when a GET
// says it is missing, and the catalog is imported (CSV, one catalog version)
// only when the server does not know the catalog's last article yet.
//
// Thread-safety: one thread at a time.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>

#include "base/result.h"
#include "demo/catalog_generator.h"
#include "demo/chain_layout.h"

namespace kasse::demo {

namespace detail {
class JsonClient;
}

struct SeedReport {
  int records_created = 0;        // organisation, stores, registers, product groups
  bool catalog_imported = false;  // false: it was there already
  int64_t articles = 0;           // imported now
  int64_t prices = 0;
  int64_t catalog_version = 0;
};

class ChainAdmin {
 public:
  static Result<std::unique_ptr<ChainAdmin>> Create(const std::string& server_url, std::string admin_token);
  ~ChainAdmin();

  Result<SeedReport> Seed(const DemoChain& chain, const DemoCatalog& catalog, const std::string& software_version);
  // A one-time code for the register (replacing a device it may have had).
  Result<std::string> EnrollmentCode(const RegisterId& register_id);
  // The acknowledged journal seq of every register that has sent entries
  // (kasse_register_acked_seq in /metrics).
  Result<std::map<std::string, int64_t>> AckedSeqs();

 private:
  explicit ChainAdmin(std::unique_ptr<detail::JsonClient> client);
  // PUTs `body` to `path` unless a GET finds it; true if it was created.
  Result<bool> PutIfMissing(const std::string& path, const std::string& body);

  std::unique_ptr<detail::JsonClient> client_;
};

}  // namespace kasse::demo
