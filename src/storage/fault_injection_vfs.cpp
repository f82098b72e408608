#include "storage/fault_injection_vfs.h"

#include <sqlite3.h>

namespace kasse::storage {
namespace {

// Our file object: the base struct SQLite sees, followed by the real file.
struct File {
  sqlite3_file base;
  FaultInjectionVfs* owner;
  sqlite3_file* real;
};

sqlite3_file* Real(sqlite3_file* file) { return reinterpret_cast<File*>(file)->real; }
FaultInjectionVfs* Owner(sqlite3_file* file) { return reinterpret_cast<File*>(file)->owner; }

int Close(sqlite3_file* f) { return Real(f)->pMethods->xClose(Real(f)); }
int Read(sqlite3_file* f, void* buffer, int amount, sqlite3_int64 offset) {
  return Real(f)->pMethods->xRead(Real(f), buffer, amount, offset);
}
int Write(sqlite3_file* f, const void* buffer, int amount, sqlite3_int64 offset) {
  if (!Owner(f)->BeforeWrite(amount)) return SQLITE_FULL;
  return Real(f)->pMethods->xWrite(Real(f), buffer, amount, offset);
}
int Truncate(sqlite3_file* f, sqlite3_int64 size) { return Real(f)->pMethods->xTruncate(Real(f), size); }
int Sync(sqlite3_file* f, int flags) {
  Owner(f)->BeforeSync();
  if (!Owner(f)->sync_to_disk()) return SQLITE_OK;
  return Real(f)->pMethods->xSync(Real(f), flags);
}
int FileSize(sqlite3_file* f, sqlite3_int64* size) { return Real(f)->pMethods->xFileSize(Real(f), size); }
int Lock(sqlite3_file* f, int level) { return Real(f)->pMethods->xLock(Real(f), level); }
int Unlock(sqlite3_file* f, int level) { return Real(f)->pMethods->xUnlock(Real(f), level); }
int CheckReservedLock(sqlite3_file* f, int* out) { return Real(f)->pMethods->xCheckReservedLock(Real(f), out); }
int FileControl(sqlite3_file* f, int op, void* arg) { return Real(f)->pMethods->xFileControl(Real(f), op, arg); }
int SectorSize(sqlite3_file* f) { return Real(f)->pMethods->xSectorSize(Real(f)); }
int DeviceCharacteristics(sqlite3_file* f) { return Real(f)->pMethods->xDeviceCharacteristics(Real(f)); }
int ShmMap(sqlite3_file* f, int page, int size, int extend, void volatile** out) {
  return Real(f)->pMethods->xShmMap(Real(f), page, size, extend, out);
}
int ShmLock(sqlite3_file* f, int offset, int n, int flags) {
  return Real(f)->pMethods->xShmLock(Real(f), offset, n, flags);
}
void ShmBarrier(sqlite3_file* f) { Real(f)->pMethods->xShmBarrier(Real(f)); }
int ShmUnmap(sqlite3_file* f, int remove) { return Real(f)->pMethods->xShmUnmap(Real(f), remove); }

// Version 2: no memory-mapped I/O, so every write goes through Write().
constexpr sqlite3_io_methods kMethods = {2,
                                         Close,
                                         Read,
                                         Write,
                                         Truncate,
                                         Sync,
                                         FileSize,
                                         Lock,
                                         Unlock,
                                         CheckReservedLock,
                                         FileControl,
                                         SectorSize,
                                         DeviceCharacteristics,
                                         ShmMap,
                                         ShmLock,
                                         ShmBarrier,
                                         ShmUnmap,
                                         nullptr,
                                         nullptr};

sqlite3_vfs* Default(sqlite3_vfs* vfs) { return static_cast<sqlite3_vfs*>(vfs->pAppData); }

// The registered VFS: SQLite's struct first, so a sqlite3_vfs* leads back to it.
struct VfsRecord {
  sqlite3_vfs vfs;
  FaultInjectionVfs* owner;
};

FaultInjectionVfs* OwnerOf(sqlite3_vfs* vfs) { return reinterpret_cast<VfsRecord*>(vfs)->owner; }

int Open(sqlite3_vfs* vfs, const char* name, sqlite3_file* file, int flags, int* out_flags) {
  auto* ours = reinterpret_cast<File*>(file);
  ours->owner = OwnerOf(vfs);
  ours->real = reinterpret_cast<sqlite3_file*>(ours + 1);
  ours->base.pMethods = nullptr;
  int code = Default(vfs)->xOpen(Default(vfs), name, ours->real, flags, out_flags);
  if (ours->real->pMethods != nullptr) ours->base.pMethods = &kMethods;
  return code;
}
int Delete(sqlite3_vfs* vfs, const char* name, int sync_dir) {
  return Default(vfs)->xDelete(Default(vfs), name, sync_dir);
}
int Access(sqlite3_vfs* vfs, const char* name, int flags, int* out) {
  return Default(vfs)->xAccess(Default(vfs), name, flags, out);
}
int FullPathname(sqlite3_vfs* vfs, const char* name, int size, char* out) {
  return Default(vfs)->xFullPathname(Default(vfs), name, size, out);
}
void* DlOpen(sqlite3_vfs* vfs, const char* name) { return Default(vfs)->xDlOpen(Default(vfs), name); }
void DlError(sqlite3_vfs* vfs, int size, char* out) { Default(vfs)->xDlError(Default(vfs), size, out); }
void (*DlSym(sqlite3_vfs* vfs, void* handle, const char* symbol))() {
  return Default(vfs)->xDlSym(Default(vfs), handle, symbol);
}
void DlClose(sqlite3_vfs* vfs, void* handle) { Default(vfs)->xDlClose(Default(vfs), handle); }
int Randomness(sqlite3_vfs* vfs, int size, char* out) { return Default(vfs)->xRandomness(Default(vfs), size, out); }
int Sleep(sqlite3_vfs* vfs, int micros) { return Default(vfs)->xSleep(Default(vfs), micros); }
int CurrentTime(sqlite3_vfs* vfs, double* out) { return Default(vfs)->xCurrentTime(Default(vfs), out); }
int GetLastError(sqlite3_vfs* vfs, int size, char* out) { return Default(vfs)->xGetLastError(Default(vfs), size, out); }
int CurrentTimeInt64(sqlite3_vfs* vfs, sqlite3_int64* out) {
  return Default(vfs)->xCurrentTimeInt64(Default(vfs), out);
}

}  // namespace

struct FaultInjectionVfs::Registration {
  VfsRecord record{};
};

FaultInjectionVfs::FaultInjectionVfs(std::string name)
    : name_(std::move(name)), registration_(std::make_unique<Registration>()) {
  sqlite3_initialize();
  sqlite3_vfs* real = sqlite3_vfs_find(nullptr);
  registration_->record.owner = this;
  sqlite3_vfs& vfs = registration_->record.vfs;
  vfs.iVersion = 2;
  vfs.szOsFile = static_cast<int>(sizeof(File)) + real->szOsFile;
  vfs.mxPathname = real->mxPathname;
  vfs.zName = name_.c_str();
  vfs.pAppData = real;
  vfs.xOpen = Open;
  vfs.xDelete = Delete;
  vfs.xAccess = Access;
  vfs.xFullPathname = FullPathname;
  vfs.xDlOpen = DlOpen;
  vfs.xDlError = DlError;
  vfs.xDlSym = DlSym;
  vfs.xDlClose = DlClose;
  vfs.xRandomness = Randomness;
  vfs.xSleep = Sleep;
  vfs.xCurrentTime = CurrentTime;
  vfs.xGetLastError = GetLastError;
  vfs.xCurrentTimeInt64 = CurrentTimeInt64;
  sqlite3_vfs_register(&vfs, 0);
}

FaultInjectionVfs::~FaultInjectionVfs() { sqlite3_vfs_unregister(&registration_->record.vfs); }

bool FaultInjectionVfs::BeforeWrite(int64_t bytes) {
  ++io_steps_;
  if (io_hook_) io_hook_(io_steps_);
  if (write_budget_.has_value()) {
    if (*write_budget_ < bytes) return false;
    *write_budget_ -= bytes;
  }
  return true;
}

void FaultInjectionVfs::BeforeSync() {
  ++io_steps_;
  if (io_hook_) io_hook_(io_steps_);
}

}  // namespace kasse::storage
