#include "register/journal_store.h"

#include <gtest/gtest.h>

#include "base/temp_dir.h"
#include "register/wal_checkpointer.h"

namespace kasse::reg {
namespace {

class JournalStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Result<std::unique_ptr<JournalStore>> opened = JournalStore::Open(dir_.File("register.db"), {});
    ASSERT_TRUE(opened.ok()) << opened.status().ToString();
    store_ = std::move(opened).value();
  }

  Result<journal::JournalEntry> AppendOpened() {
    Result<storage::SqliteTransaction> tx = store_->Begin();
    EXPECT_TRUE(tx.ok());
    Result<journal::JournalEntry> entry =
        store_->Append(journal::JournalEntry{0, RegisterId("K1"), 1, 1000, journal::ShiftOpened{{"7", "Anna"}}});
    EXPECT_TRUE(tx->Commit().ok());
    return entry;
  }

  TempDir dir_;
  std::unique_ptr<JournalStore> store_;
};

TEST_F(JournalStoreTest, AppendNumbersEntriesConsecutively) {
  EXPECT_EQ(AppendOpened()->seq, 1);
  EXPECT_EQ(AppendOpened()->seq, 2);
  std::vector<journal::JournalEntry> after_one = *store_->ReadAfter(1, 10);
  ASSERT_EQ(after_one.size(), 1u);
  EXPECT_EQ(after_one[0].seq, 2);
  EXPECT_EQ(*store_->LastSeq(), 2);
}

TEST_F(JournalStoreTest, WritesOutsideATransactionAreRefused) {
  Result<journal::JournalEntry> entry =
      store_->Append(journal::JournalEntry{0, RegisterId("K1"), 1, 1000, journal::ShiftOpened{}});
  EXPECT_EQ(entry.status().code(), Status::Code::kInternal);
  EXPECT_EQ(*store_->LastSeq(), 0);
}

TEST_F(JournalStoreTest, DatabaseRefusesGapsAndChanges) {
  ASSERT_TRUE(AppendOpened().ok());
  storage::SqliteDatabase& db = store_->database();
  Status gap =
      db.Execute("INSERT INTO journal(seq, kind, closing_number, recorded_ms, body) VALUES (3, 'x', 1, 0, '{}')");
  EXPECT_TRUE(gap.IsConflict()) << gap.ToString();
  EXPECT_NE(gap.message().find("without a gap"), std::string::npos);
  Status receipt_gap = db.Execute(
      "INSERT INTO journal(seq, kind, closing_number, receipt_number, recorded_ms, body) VALUES (2, 'x', 1, 2, 0, "
      "'{}')");
  EXPECT_TRUE(receipt_gap.IsConflict()) << receipt_gap.ToString();
  EXPECT_TRUE(db.Execute("UPDATE journal SET body = '{}'").IsConflict());
  EXPECT_TRUE(db.Execute("DELETE FROM journal").IsConflict());
  EXPECT_EQ(*store_->LastSeq(), 1);
}

TEST_F(JournalStoreTest, ActiveAndParkedSalesSurviveReopening) {
  journal::ReceiptEntry draft;
  draft.cashier = {"7", "Anna"};
  draft.started_ms = 42;
  {
    Result<storage::SqliteTransaction> tx = store_->Begin();
    ASSERT_TRUE(store_->SaveActiveSale(draft).ok());
    ASSERT_EQ(*store_->Park(draft, 99), 1);
    ASSERT_EQ(*store_->Park(draft, 100), 2);
    ASSERT_TRUE(tx->Commit().ok());
  }
  store_.reset();
  SetUp();
  ASSERT_TRUE((*store_->LoadActiveSale()).has_value());
  EXPECT_EQ((*store_->LoadActiveSale())->started_ms, 42);
  std::vector<ParkedSale> parked = *store_->ListParked();
  ASSERT_EQ(parked.size(), 2u);
  EXPECT_EQ(parked[1].parked_ms, 100);
  Result<storage::SqliteTransaction> tx = store_->Begin();
  EXPECT_TRUE(store_->RemoveParked(7).IsNotFound());
  EXPECT_TRUE(store_->RemoveParked(0).IsNotFound());  // slot 0 is the active sale, not a parked one
  ASSERT_TRUE(store_->RemoveParked(1).ok());
  ASSERT_TRUE(tx->Commit().ok());
  EXPECT_EQ(store_->ListParked()->size(), 1u);
}

TEST_F(JournalStoreTest, SoftwareTseStateRollsBackWithTheTransaction) {
  {
    Result<storage::SqliteTransaction> tx = store_->Begin();
    ASSERT_TRUE(store_->Save({5, 17, {{"K1", 5}}}).ok());
    ASSERT_TRUE(tx->Commit().ok());
  }
  {
    Result<storage::SqliteTransaction> tx = store_->Begin();
    ASSERT_TRUE(store_->Save({6, 18, {}}).ok());
  }  // rolled back
  signing::SoftwareTseState state = *store_->Load();
  EXPECT_EQ(state.last_transaction_number, 5u);
  EXPECT_EQ(state.signature_counter, 17u);
  ASSERT_EQ(state.open.size(), 1u);
  EXPECT_EQ(state.open[0].first, "K1");
}

TEST_F(JournalStoreTest, CheckpointMovesTheLogIntoTheDatabase) {
  for (int i = 0; i < 20; ++i) ASSERT_TRUE(AppendOpened().ok());
  ASSERT_TRUE(store_->Checkpoint().ok());
  Result<std::unique_ptr<WalCheckpointer>> checkpointer = WalCheckpointer::Start(dir_.File("register.db"));
  ASSERT_TRUE(checkpointer.ok()) << checkpointer.status().ToString();
  EXPECT_EQ(AppendOpened()->seq, 21);  // the writer is not blocked by the checkpointer's connection
}

}  // namespace
}  // namespace kasse::reg
