// WalCheckpointer: copies the register database's write-ahead log back into the
// database file in the background, so the cashier's steps never pay for it.
//
// SQLite would otherwise run this checkpoint inside whichever commit crosses the
// WAL size limit, adding milliseconds to that sale (docs/register-benchmarks.md).
// JournalStore keeps SQLite's automatic checkpoint only as a safety net at
// kWalAutoCheckpointPages; this thread runs a PASSIVE checkpoint (it never waits for
// or blocks the writer) on its own connection every kInterval.
//
// Thread-safety: owns its thread; construct and destroy from one thread.
#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <thread>

#include "base/result.h"

namespace kasse::reg {

class WalCheckpointer {
 public:
  static constexpr std::chrono::milliseconds kInterval{1000};

  // Opens its own connection to the database at `path` and starts the thread.
  static Result<std::unique_ptr<WalCheckpointer>> Start(const std::string& path);
  ~WalCheckpointer();  // stops and joins the thread

 private:
  WalCheckpointer() = default;
  std::jthread thread_;
};

}  // namespace kasse::reg
