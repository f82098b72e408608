// What the benchmarks share besides their server (bench_server.h): a setup step
// that must succeed, and a scratch directory in memory.
#pragma once

#include <cstdlib>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>

#include "base/status.h"
#include "base/temp_dir.h"

namespace kasse::bench {

// A setup step that failed ends the benchmark with what failed.
inline void Check(const Status& status, std::string_view what) {
  if (!status.ok()) throw std::runtime_error(std::string(what) + ": " + status.ToString());
}

// A TempDir on tmpfs, so a benchmark of the server measures it, not the disk of
// this shared machine.
inline std::unique_ptr<TempDir> TempDirOnTmpfs() {
  const char* old = std::getenv("TMPDIR");
  std::string saved = old != nullptr ? old : "";
  setenv("TMPDIR", "/dev/shm", 1);
  auto dir = std::make_unique<TempDir>();
  if (old != nullptr) {
    setenv("TMPDIR", saved.c_str(), 1);
  } else {
    unsetenv("TMPDIR");
  }
  return dir;
}

}  // namespace kasse::bench
