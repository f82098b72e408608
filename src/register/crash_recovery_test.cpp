// kill -9 at every I/O step of a register's working day: the child process runs
// the day on a fault-injecting VFS that sends SIGKILL before its n-th write or
// sync; the parent restarts the register on the same files and checks that the
// journal is whole, everything signed is kept, and no number is skipped or reused.
#include <set>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include "journal/entry_check.h"
#include "register/testing/till.h"
#include "storage/fault_injection_vfs.h"

namespace kasse::reg {
namespace {

using namespace testing;  // NOLINT(google-build-using-namespace): the test vocabulary

// A day at the register; picks up wherever a restart left it.
Status WorkingDay(RegisterService& service) {
  if (!service.shift().open) KASSE_RETURN_IF_ERROR(service.OpenShift(kAnna, Money::FromCents(5000)).status());
  KASSE_RETURN_IF_ERROR(service.AddItem(kMilk, Quantity::Pieces(3)));
  KASSE_RETURN_IF_ERROR(service.AddItem(kSoap, Quantity::Pieces(1)));
  KASSE_RETURN_IF_ERROR(service.AddPayment(samples::Pay(PaymentMethod::kGirocard, 100)).status());
  KASSE_RETURN_IF_ERROR(service.AddPayment(samples::Pay(PaymentMethod::kCash, 1000)).status());
  KASSE_RETURN_IF_ERROR(service.AddItem(kBattery, Quantity::Pieces(2)));
  Result<int64_t> parked = service.ParkSale();
  KASSE_RETURN_IF_ERROR(parked.status());
  KASSE_RETURN_IF_ERROR(service.AddItem(kMilk, Quantity::Pieces(1)));
  KASSE_RETURN_IF_ERROR(service.VoidLine(0));
  KASSE_RETURN_IF_ERROR(service.AddItem(kSoap, Quantity::Pieces(2)));
  KASSE_RETURN_IF_ERROR(service.AbortSale().status());
  KASSE_RETURN_IF_ERROR(service.ResumeSale(*parked));
  KASSE_RETURN_IF_ERROR(service.AddPayment(samples::Pay(PaymentMethod::kCash, 998)).status());
  KASSE_RETURN_IF_ERROR(service.MoveCash(journal::CashMovementKind::kTransit, Money::FromCents(-2000), "").status());
  Result<std::vector<ParkedSale>> still_parked = service.ParkedSales();
  for (const ParkedSale& sale : *still_parked) {  // left by an earlier, interrupted day
    KASSE_RETURN_IF_ERROR(service.ResumeSale(sale.slot));
    KASSE_RETURN_IF_ERROR(service.AbortSale().status());
  }
  return service.CloseShift(Money::FromCents(5000)).status();
}

// Everything the journal and the signing unit promise after any crash.
void ExpectConsistent(Till& till) {
  ASSERT_TRUE(till.started.ok()) << till.started.ToString();
  EXPECT_EQ(till.service->sale(), nullptr);  // an interrupted sale was finished as aborted
  std::set<uint64_t> transactions;
  int64_t seq = 0;
  int64_t receipt_number = 0;
  uint64_t counter = 0;
  for (const JournalEntry& entry : Journal(*till.store)) {
    EXPECT_EQ(entry.seq, ++seq);
    Status checked = journal::CheckEntry(entry, till.vat);  // totals add up, signature verifies
    EXPECT_TRUE(checked.ok()) << "entry " << entry.seq << ": " << checked.ToString();
    const journal::TseRecord* tse = nullptr;
    if (const auto* receipt = std::get_if<ReceiptEntry>(&entry.payload)) {
      EXPECT_EQ(receipt->receipt_number, ++receipt_number);
      tse = &receipt->tse;
    } else if (const auto* movement = std::get_if<journal::CashMovementEntry>(&entry.payload)) {
      EXPECT_EQ(movement->receipt_number, ++receipt_number);
      tse = &movement->tse;
    }
    if (tse == nullptr) continue;
    ASSERT_TRUE(tse->signed_ok()) << "entry " << entry.seq << ": " << tse->failure;
    EXPECT_TRUE(VerifyQr(*tse->transaction).ok()) << "entry " << entry.seq;
    EXPECT_TRUE(transactions.insert(tse->transaction->transaction_number).second) << "reused transaction";
    EXPECT_GT(tse->transaction->finish.signature_counter, counter) << "entry " << entry.seq;
    counter = tse->transaction->finish.signature_counter;
  }
  std::vector<ParkedSale> parked_sales = *till.service->ParkedSales();
  for (const ParkedSale& parked : parked_sales) {
    ASSERT_TRUE(parked.draft.tse.started.has_value());
    EXPECT_TRUE(transactions.insert(parked.draft.tse.started->transaction_number).second);
  }
  signing::SoftwareTseState state = *till.store->Load();
  EXPECT_EQ(transactions.size(), state.last_transaction_number) << "a signed transaction is missing";
  if (!transactions.empty()) {
    EXPECT_EQ(*transactions.rbegin(), state.last_transaction_number);
  }
}

TEST(CrashRecoveryTest, KillAtEveryIoStepLeavesAConsistentJournal) {
  storage::FaultInjectionVfs vfs("crash-recovery");
  vfs.set_sync_to_disk(false);
  int64_t crashes = 0;
  for (int64_t step = 1;; ++step) {
    TempDir dir;
    pid_t child = fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
      vfs.reset_io_steps();
      vfs.set_io_hook([step](int64_t n) {
        if (n == step) raise(SIGKILL);
      });
      Till till(dir, vfs.name());
      Status day = till.started.ok() ? WorkingDay(*till.service) : till.started;
      _exit(day.ok() ? 0 : 1);
    }
    int wait_status = 0;
    ASSERT_EQ(waitpid(child, &wait_status, 0), child);
    bool killed = WIFSIGNALED(wait_status) && WTERMSIG(wait_status) == SIGKILL;
    ASSERT_TRUE(killed || (WIFEXITED(wait_status) && WEXITSTATUS(wait_status) == 0))
        << "the day failed without a crash at step " << step;

    Till restarted(dir, vfs.name());
    SCOPED_TRACE("killed before I/O step " + std::to_string(step));
    ExpectConsistent(restarted);
    Status day = WorkingDay(*restarted.service);  // the register works on after the crash
    ASSERT_TRUE(day.ok()) << day.ToString();
    ExpectConsistent(restarted);
    if (!killed) break;  // the day completed: every step has been a crash point
    ++crashes;
    if (::testing::Test::HasFailure()) break;
  }
  EXPECT_GT(crashes, 50);
  std::printf("killed the register at %lld I/O steps\n", static_cast<long long>(crashes));
}

}  // namespace
}  // namespace kasse::reg
