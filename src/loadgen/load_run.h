// RunLoad: `kasse loadgen`. N simulated registers send realistic, signed journals
// to a running server over HTTP, and the run reports how the server kept up.
//
// Phases: enroll every register (admin token → one-time code → device
// credential); generate each register's journal up front with the real register
// code (SimulatedRegister, in memory, so generation is not what is measured);
// then upload, timed: `concurrency` threads, each serving its share of the
// registers in turn, one batch of up to `batch` entries per register per turn,
// each register over its own keep-alive connection. A failed batch counts as an
// error and is sent again on the register's next turn; a register that fails
// kMaxConsecutiveErrors times in a row is given up.
//
// Register IDs are "<prefix>-<n>" with a prefix new for every run (unless given):
// "LG<unix ms>-<4 random hex digits>", so repeated runs against one server, even
// two started in the same second, never collide with each other's journals.
//
// Errors (returned, nothing uploaded): invalid options (InvalidArgument naming
// the option); a server that cannot be reached or answers 503 (Unavailable); a
// wrong admin token (Unauthenticated); any other refusal during enrollment as the
// server's answer says (e.g. 403 PermissionDenied, 409 Conflict).
//
// Thread-safety: RunLoad starts and joins its own threads; call from one thread.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

#include "base/result.h"
#include "loadgen/journal_uploader.h"
#include "loadgen/latency_samples.h"

namespace kasse::loadgen {

struct LoadLimits {
  static constexpr size_t kMaxRegisters = 10'000;
  static constexpr size_t kMaxEntriesPerRegister = 1'000'000;
  static constexpr size_t kMaxConcurrency = 256;
  static constexpr int kMaxConsecutiveErrors = 5;
  static constexpr size_t kDefaultBatch = 200;  // as the register sends (reg::SyncLimits)
  static constexpr std::chrono::milliseconds kTimeout{30'000};
};

struct LoadOptions {
  std::string server_url;
  std::string admin_token;
  size_t registers = 0;
  size_t entries_per_register = 0;
  size_t batch = LoadLimits::kDefaultBatch;
  size_t concurrency = 4;
  std::string register_prefix;  // empty: "LG<unix ms>-<random>"
  uint64_t seed = 1;
};

struct LoadReport {
  size_t registers = 0;
  size_t entries = 0;  // acknowledged by the server
  size_t batches = 0;  // answered 200
  size_t errors = 0;   // failed batches (transport or HTTP error), gaps included
  size_t quarantined = 0;
  double seconds = 0;  // the upload phase
  LatencySamples batch_millis;
  std::vector<std::string> first_errors;  // a few, for the operator
};

Status ValidateLoadOptions(const LoadOptions& options);

// Runs the load; phase messages go to `progress`.
Result<LoadReport> RunLoad(const LoadOptions& options, std::ostream& progress);

// The timed phase on its own: uploads every journal, `concurrency` threads each
// serving its share of `uploaders` in turn (the benchmarks use it directly).
LoadReport UploadJournals(const std::vector<JournalUploader*>& uploaders, size_t batch, size_t concurrency);

// entries/s, batches/s, batch latency p50/p99, errors, quarantined: one per line.
std::string FormatLoadReport(const LoadReport& report);

}  // namespace kasse::loadgen
