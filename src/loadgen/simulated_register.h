// SimulatedRegister: one real register driven by baskets instead of a cashier,
// for the load generator and the server benchmarks.
//
// It is the register code itself, not an imitation: a JournalStore, a
// SoftwareSigningUnit with its own P-256 key, and a RegisterService with a shift
// open. So every entry it writes is signed and totalled exactly as a till's, and
// passes the server's checks (journal::CheckEntry). The database may be a file
// (so a SyncClient can read it over its own connection) or ":memory:" (to
// pre-generate journals fast; nothing is flushed).
//
// Thread-safety: one thread at a time, as RegisterService.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/clock.h"
#include "base/result.h"
#include "domain/vat.h"
#include "journal/entry.h"
#include "loadgen/basket.h"
#include "register/journal_store.h"
#include "register/register_service.h"
#include "signing/software_signing_unit.h"

namespace kasse::loadgen {

class SimulatedRegister {
 public:
  // Opens (creates) the register database at `db_path` with a fresh TSE key and
  // opens a shift, which journals the shift and its opening float.
  static Result<std::unique_ptr<SimulatedRegister>> Open(const RegisterId& register_id, const std::string& db_path,
                                                         Clock& clock);
  SimulatedRegister(const SimulatedRegister&) = delete;
  SimulatedRegister& operator=(const SimulatedRegister&) = delete;
  ~SimulatedRegister();

  // Rings up `basket` and settles it (or aborts it); returns its journal entry.
  // A return takes back the first line of the last sale, or is rung up as a
  // sale while there is none.
  Result<journal::JournalEntry> RingUp(const Basket& basket);

  const RegisterId& register_id() const { return service_->register_id(); }
  reg::JournalStore& store() { return *store_; }

  // The journal's entries from seq 1 up to `limit`, as the SyncClient sends them.
  Result<std::vector<std::string>> EncodedJournal(size_t limit);

 private:
  SimulatedRegister() = default;
  Result<journal::JournalEntry> Pay(PaymentMethod method);
  Result<journal::JournalEntry> Return();

  VatTable vat_ = VatTable::Germany();
  std::unique_ptr<reg::JournalStore> store_;
  std::unique_ptr<signing::SoftwareSigningUnit> tse_;
  std::unique_ptr<reg::RegisterService> service_;
  std::optional<journal::ReceiptEntry> last_sale_;
};

// Generates a journal of `entries` entries (a shift, then receipts) for
// `register_id` in memory and returns them encoded; `seed` picks the baskets.
Result<std::vector<std::string>> GenerateJournal(const RegisterId& register_id, size_t entries, uint64_t seed);

}  // namespace kasse::loadgen
