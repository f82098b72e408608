// FaultInjectionVfs: a SQLite VFS for tests that passes every call to the default
// VFS, but can
//  - refuse writes once a byte budget is used up, exactly as a full disk does
//    (SQLITE_FULL from xWrite), and
//  - call a hook before every write and sync, so a test can kill the process at
//    the n-th I/O step of an operation ("fail at step n, for every n").
// Open a database on it with SqliteDatabase::Options{.vfs = vfs.name()}.
//
// Thread-safety: configure it before opening databases on it; the counters are
// not synchronised.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>

namespace kasse::storage {

class FaultInjectionVfs {
 public:
  explicit FaultInjectionVfs(std::string name);  // registers the VFS under `name`
  FaultInjectionVfs(const FaultInjectionVfs&) = delete;
  FaultInjectionVfs& operator=(const FaultInjectionVfs&) = delete;
  ~FaultInjectionVfs();  // unregisters it; close its databases first

  const std::string& name() const { return name_; }

  // Bytes that may still be written; std::nullopt is unlimited.
  void set_write_budget(std::optional<int64_t> bytes) { write_budget_ = bytes; }
  // Called with the 1-based number of each write or sync, before it happens.
  void set_io_hook(std::function<void(int64_t step)> hook) { io_hook_ = std::move(hook); }
  int64_t io_steps() const { return io_steps_; }
  void reset_io_steps() { io_steps_ = 0; }
  // With false, syncs still count as steps but do not reach the disk: for crash
  // tests that kill the process (the page cache survives a kill, so real syncs add
  // only time there), never for tests of power loss.
  void set_sync_to_disk(bool on) { sync_to_disk_ = on; }
  bool sync_to_disk() const { return sync_to_disk_; }

  // Used by the VFS callbacks.
  bool BeforeWrite(int64_t bytes);
  void BeforeSync();

 private:
  struct Registration;

  std::string name_;
  std::optional<int64_t> write_budget_;
  std::function<void(int64_t)> io_hook_;
  int64_t io_steps_ = 0;
  bool sync_to_disk_ = true;
  std::unique_ptr<Registration> registration_;
};

}  // namespace kasse::storage
