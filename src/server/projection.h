// Projection: a view computed from the journal (stock movements, bookings, sale
// facts, report rollups), updated in the same database transaction that stores
// the entries it is computed from.
//
// The signed journal is the source of truth; projections are derived data. The
// ingest transaction calls Apply() for every accepted (not quarantined) entry, in
// seq order per register, before it commits; if Apply() fails, nothing of the
// batch is stored and the register sends it again later. So a projection sees
// every entry exactly once and never one that was not stored. Later issues plug in
// stock and accounting by adding a Projection to ServerApp's list; `kasse verify`
// rebuilds one by clearing it (Reset) and applying the stored journal again.
//
// Thread-safety: Apply() and Reset() run on any server thread, each with its own
// connection; implementations keep no mutable state outside the database.
#pragma once

#include <cstdint>
#include <string_view>

#include "base/status.h"
#include "journal/entry.h"
#include "storage/sql.h"

namespace kasse::server {

// An entry the ingest transaction accepted, with what the server knows about it.
struct AcceptedEntry {
  const journal::JournalEntry& entry;
  std::string_view body;  // the register's bytes
  int64_t received_ms = 0;
};

class Projection {
 public:
  virtual ~Projection() = default;
  virtual std::string_view name() const = 0;
  // Updates the projection for one entry, inside the caller's transaction `tx`.
  virtual Status Apply(storage::SqlConnection& tx, const AcceptedEntry& accepted) = 0;
  // Removes everything the projection derived, inside `tx`, before a rebuild.
  virtual Status Reset(storage::SqlConnection& tx) = 0;
};

}  // namespace kasse::server
