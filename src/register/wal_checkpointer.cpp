#include "register/wal_checkpointer.h"

#include <condition_variable>
#include <mutex>

#include "register/journal_store.h"

namespace kasse::reg {

Result<std::unique_ptr<WalCheckpointer>> WalCheckpointer::Start(const std::string& path) {
  Result<std::unique_ptr<JournalStore>> store = JournalStore::Open(path, {});
  if (!store.ok()) return store.status();
  std::unique_ptr<WalCheckpointer> checkpointer(new WalCheckpointer());
  checkpointer->thread_ =
      std::jthread([store = std::shared_ptr<JournalStore>(std::move(store).value())](const std::stop_token& stop) {
        std::mutex mutex;
        std::condition_variable_any wake;
        std::unique_lock lock(mutex);
        while (!wake.wait_for(lock, stop, kInterval, [] { return false; })) {
          if (stop.stop_requested()) break;
          (void)store->Checkpoint();  // a busy or failed checkpoint is retried next time
        }
      });
  return checkpointer;
}

WalCheckpointer::~WalCheckpointer() {
  thread_.request_stop();
  if (thread_.joinable()) thread_.join();
}

}  // namespace kasse::reg
