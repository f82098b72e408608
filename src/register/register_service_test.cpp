#include "register/register_service.h"

#include <gtest/gtest.h>

#include "register/testing/till.h"
#include "storage/fault_injection_vfs.h"

namespace kasse::reg {
namespace {

using namespace testing;  // NOLINT(google-build-using-namespace): the test vocabulary

class RegisterServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    till_ = std::make_unique<Till>(dir_);
    ASSERT_TRUE(till_->started.ok()) << till_->started.ToString();
  }
  RegisterService& service() { return *till_->service; }
  void RingUpTv7() {
    ASSERT_TRUE(service().AddItem(kMilk, Quantity::Pieces(3)).ok());
    ASSERT_TRUE(service().AddItem(kSoap, Quantity::Pieces(1)).ok());
    ASSERT_TRUE(service().AddItem(kBattery, Quantity::Pieces(1)).ok());
  }
  ReceiptEntry PayCash(int64_t cents) {
    Result<std::optional<JournalEntry>> paid = service().AddPayment(samples::Pay(PaymentMethod::kCash, cents));
    EXPECT_TRUE(paid.ok()) << paid.status().ToString();
    EXPECT_TRUE(paid->has_value());
    return std::get<ReceiptEntry>((*paid)->payload);
  }

  TempDir dir_;
  std::unique_ptr<Till> till_;
};

TEST_F(RegisterServiceTest, SellingNeedsAnOpenShift) {
  EXPECT_EQ(service().AddItem(kMilk, Quantity::Pieces(1)).code(), Status::Code::kConflict);
  EXPECT_EQ(service().MoveCash(journal::CashMovementKind::kPayout, Money::FromCents(-100), "").status().code(),
            Status::Code::kConflict);
  EXPECT_TRUE(service().OpenShift({"", "Anna"}, Money::Zero()).status().IsInvalidArgument());
  EXPECT_TRUE(service().OpenShift(kAnna, Money::FromCents(-1)).status().IsInvalidArgument());
  EXPECT_TRUE(Journal(*till_->store).empty());
}

TEST_F(RegisterServiceTest, CashSaleIsSignedAndJournaled) {
  ASSERT_TRUE(service().OpenShift(kAnna, Money::FromCents(10000)).ok());
  RingUpTv7();
  EXPECT_EQ(service().AddPayment(samples::Pay(PaymentMethod::kGirocard, 5000)).status().code(),
            Status::Code::kInvalidArgument);  // a card cannot overpay
  ReceiptEntry receipt = PayCash(2000);
  EXPECT_EQ(receipt.receipt_number, 2);  // 1 is the opening float
  EXPECT_EQ(receipt.change.cents(), 895);
  ASSERT_TRUE(receipt.tse.signed_ok()) << receipt.tse.failure;
  EXPECT_EQ(receipt.tse.transaction->process_data, "Beleg^7.48_3.57_0.00_0.00_0.00^11.05:Bar");
  EXPECT_TRUE(VerifyQr(*receipt.tse.transaction).ok()) << VerifyQr(*receipt.tse.transaction).ToString();
  EXPECT_EQ(service().sale(), nullptr);

  std::vector<JournalEntry> journal = Journal(*till_->store);
  ASSERT_EQ(journal.size(), 3u);  // shift opened, opening float, sale
  for (size_t i = 0; i < journal.size(); ++i) EXPECT_EQ(journal[i].seq, static_cast<int64_t>(i) + 1);
  const auto& float_entry = std::get<journal::CashMovementEntry>(journal[1].payload);
  EXPECT_EQ(float_entry.tse.transaction->process_data, "Beleg^0.00_0.00_0.00_0.00_100.00^100.00:Bar");
}

TEST_F(RegisterServiceTest, AbortIsSignedAsBelegabbruch) {
  ASSERT_TRUE(service().OpenShift(kAnna, Money::Zero()).ok());
  RingUpTv7();
  Result<JournalEntry> aborted = service().AbortSale();
  ASSERT_TRUE(aborted.ok()) << aborted.status().ToString();
  const auto& receipt = std::get<ReceiptEntry>(aborted->payload);
  EXPECT_EQ(receipt.receipt.type, ReceiptType::kAVBelegabbruch);
  EXPECT_EQ(receipt.tse.transaction->process_data, "AVBelegabbruch^7.48_3.57_0.00_0.00_0.00^");
  EXPECT_TRUE(VerifyQr(*receipt.tse.transaction).ok());
}

TEST_F(RegisterServiceTest, ParkedSaleResumesWithItsTransaction) {
  ASSERT_TRUE(service().OpenShift(kAnna, Money::Zero()).ok());
  ASSERT_TRUE(service().AddItem(kSoap, Quantity::Pieces(1)).ok());
  uint64_t transaction = service().sale()->draft().tse.started->transaction_number;
  Result<int64_t> slot = service().ParkSale();
  ASSERT_TRUE(slot.ok());
  RingUpTv7();  // another customer in between
  PayCash(1105);
  EXPECT_TRUE(service().ResumeSale(*slot + 1).IsNotFound());
  ASSERT_TRUE(service().ResumeSale(*slot).ok());
  ReceiptEntry receipt = PayCash(249);
  EXPECT_EQ(receipt.tse.transaction->transaction_number, transaction);
  EXPECT_TRUE(VerifyQr(*receipt.tse.transaction).ok());
}

TEST_F(RegisterServiceTest, ReturnAgainstAReceiptIsLimitedToWhatWasSold) {
  ASSERT_TRUE(service().OpenShift(kAnna, Money::Zero()).ok());
  RingUpTv7();
  int64_t sold = PayCash(1105).receipt_number;
  EXPECT_TRUE(service().StartReturn(sold + 5).IsNotFound());
  ASSERT_TRUE(service().StartReturn(sold).ok());
  EXPECT_TRUE(service().ReturnLine(0, Quantity::Pieces(4)).IsInvalidArgument());  // 3 were sold
  ASSERT_TRUE(service().ReturnLine(0, Quantity::Pieces(2)).ok());
  ReceiptEntry refund = PayCash(-238);
  EXPECT_EQ(refund.receipt.original->receipt_id.value(), std::to_string(sold));
  EXPECT_EQ(refund.tse.transaction->process_data, "Beleg^0.00_-2.38_0.00_0.00_0.00^-2.38:Bar");
  ASSERT_TRUE(service().StartReturn(sold).ok());
  Status too_many = service().ReturnLine(0, Quantity::Pieces(2));
  EXPECT_TRUE(too_many.IsInvalidArgument());
  EXPECT_NE(too_many.message().find("only 1"), std::string::npos) << too_many.ToString();
}

// The store's other registers, as the server would answer for them.
class FakeDirectory final : public ReceiptDirectory {
 public:
  Result<OriginalSale> Find(const RegisterId& register_id, int64_t receipt_number) override {
    for (const JournalEntry& entry : entries) {
      const auto* receipt = std::get_if<ReceiptEntry>(&entry.payload);
      if (entry.register_id == register_id && receipt != nullptr && receipt->receipt_number == receipt_number) {
        return OriginalSale{entry, returns};
      }
    }
    return Status::NotFound("receipt_number", "unknown");
  }
  std::vector<JournalEntry> entries;
  std::vector<JournalEntry> returns;
};

TEST_F(RegisterServiceTest, ReturnAgainstAnotherRegistersReceipt) {
  TempDir other_dir;
  Till other(other_dir, "", "K-0101-02");
  ASSERT_TRUE(other.service->OpenShift(kAnna, Money::Zero()).ok());
  ASSERT_TRUE(other.service->AddItem(kSoap, Quantity::Pieces(2)).ok());
  Result<std::optional<JournalEntry>> sold = other.service->AddPayment(samples::Pay(PaymentMethod::kCash, 498));
  ASSERT_TRUE(sold.ok() && sold->has_value());
  int64_t number = std::get<ReceiptEntry>((*sold)->payload).receipt_number;

  ASSERT_TRUE(service().OpenShift(kAnna, Money::Zero()).ok());
  Status offline = service().StartReturn(number, RegisterId("K-0101-02"));
  EXPECT_TRUE(offline.IsUnavailable()) << offline.ToString();  // no server: only without receipt
  EXPECT_NE(offline.message().find("without receipt"), std::string::npos);

  FakeDirectory directory;
  directory.entries = Journal(*other.store);
  till_->service->set_receipt_directory(&directory);
  EXPECT_TRUE(service().StartReturn(number + 1, RegisterId("K-0101-02")).IsNotFound());
  ASSERT_TRUE(service().StartReturn(number, RegisterId("K-0101-02")).ok());
  ASSERT_TRUE(service().ReturnLine(0, Quantity::Pieces(1)).ok());
  ReceiptEntry refund = PayCash(-249);
  EXPECT_EQ(refund.receipt.original->register_id.value(), "K-0101-02");

  // The other one was returned at a third register meanwhile: none is left.
  directory.returns.push_back(JournalEntry{1, RegisterId("K-0101-03"), 1, 0, refund});
  Status none_left = service().StartReturn(number, RegisterId("K-0101-02"));
  EXPECT_TRUE(none_left.IsConflict()) << none_left.ToString();
  EXPECT_NE(none_left.message().find("has been returned"), std::string::npos) << none_left.ToString();
  EXPECT_EQ(service().sale(), nullptr);
}

// Issue 10, item 9: a return against a receipt pays out only what it sold.
TEST_F(RegisterServiceTest, AReturnTakesOnlyArticlesTheOriginalSold) {
  ASSERT_TRUE(service().OpenShift(kAnna, Money::Zero()).ok());
  ASSERT_TRUE(service().AddItem(kMilk, Quantity::Pieces(1)).ok());
  int64_t sold = PayCash(119).receipt_number;
  size_t journaled = Journal(*till_->store).size();
  ASSERT_TRUE(service().StartReturn(sold).ok());

  Status foreign = service().AddItem(kBattery, Quantity::Pieces(-1));  // never on the receipt
  EXPECT_TRUE(foreign.IsInvalidArgument()) << foreign.ToString();
  EXPECT_EQ(foreign.field(), "article");
  EXPECT_NE(foreign.message().find("is not on receipt"), std::string::npos) << foreign.message();
  EXPECT_TRUE(service().sale()->empty());
  SaleItem cheaper = kMilk;
  cheaper.unit_price = Money::FromCents(999);  // the same article at another price is not what was sold
  EXPECT_TRUE(service().AddItem(cheaper, Quantity::Pieces(-1)).IsInvalidArgument());
  EXPECT_TRUE(service().AddItem(kMilk, Quantity::Pieces(-2)).IsInvalidArgument());  // 1 was sold

  ASSERT_TRUE(service().AddItem(kMilk, Quantity::Pieces(-1)).ok());  // scanning it back is fine
  EXPECT_TRUE(service().SetQuantity(0, Quantity::Pieces(-5)).IsInvalidArgument());
  EXPECT_TRUE(service().AddItem(kMilk, Quantity::Pieces(-1)).IsInvalidArgument());
  EXPECT_EQ(service().sale()->draft().receipt.lines.size(), 1u);
  EXPECT_EQ(service().sale()->Due().cents(), -119);
  EXPECT_EQ(Journal(*till_->store).size(), journaled);
  ReceiptEntry refund = PayCash(-119);
  EXPECT_EQ(refund.total.cents(), -119);
}

// The refund never exceeds what the original holds, even where a discount made the
// original cheaper than its lines.
TEST_F(RegisterServiceTest, AReturnNeverRefundsMoreThanTheOriginalTotal) {
  ASSERT_TRUE(service().OpenShift(kAnna, Money::Zero()).ok());
  ASSERT_TRUE(service().AddItem(kBattery, Quantity::Pieces(1)).ok());
  ASSERT_TRUE(service().SetReceiptDiscount(Money::FromCents(200), {"M1", "damaged box"}).ok());
  int64_t sold = PayCash(299).receipt_number;
  ASSERT_TRUE(service().StartReturn(sold).ok());
  Status too_much = service().ReturnLine(0, Quantity::Pieces(1));
  EXPECT_TRUE(too_much.IsInvalidArgument()) << too_much.ToString();
  EXPECT_NE(too_much.message().find("would exceed the 2.99"), std::string::npos) << too_much.message();
  EXPECT_TRUE(service().sale()->empty());
}

// Issue 10, item 10: every sale can be left. A return with nothing left to return
// is refused upfront, and an empty return (or one whose lines were voided) aborts.
TEST_F(RegisterServiceTest, AnEmptyReturnCanBeLeft) {
  ASSERT_TRUE(service().OpenShift(kAnna, Money::Zero()).ok());
  ASSERT_TRUE(service().AddItem(kSoap, Quantity::Pieces(1)).ok());
  int64_t sold = PayCash(249).receipt_number;
  size_t journaled = Journal(*till_->store).size();

  ASSERT_TRUE(service().StartReturn(sold).ok());
  Result<std::optional<JournalEntry>> left = service().LeaveSale();
  ASSERT_TRUE(left.ok()) << left.status().ToString();
  EXPECT_FALSE(left->has_value());  // nothing happened: nothing to journal
  EXPECT_EQ(service().sale(), nullptr);
  EXPECT_EQ(Journal(*till_->store).size(), journaled);

  ASSERT_TRUE(service().StartReturn(sold).ok());
  ASSERT_TRUE(service().ReturnLine(0, Quantity::Pieces(1)).ok());  // the TSE transaction starts
  ASSERT_TRUE(service().VoidLine(0).ok());
  Result<std::optional<JournalEntry>> aborted = service().LeaveSale();
  ASSERT_TRUE(aborted.ok()) << aborted.status().ToString();
  ASSERT_TRUE(aborted->has_value());
  const auto& entry = std::get<ReceiptEntry>((*aborted)->payload);
  EXPECT_EQ(entry.receipt.type, ReceiptType::kAVBelegabbruch);
  EXPECT_TRUE(entry.tse.signed_ok());
  EXPECT_EQ(service().sale(), nullptr);

  ASSERT_TRUE(service().StartReturn(sold).ok());
  ASSERT_TRUE(service().ReturnLine(0, Quantity::Pieces(1)).ok());
  PayCash(-249);
  Status nothing_left = service().StartReturn(sold);
  EXPECT_TRUE(nothing_left.IsConflict()) << nothing_left.ToString();
  EXPECT_EQ(service().sale(), nullptr);
}

TEST_F(RegisterServiceTest, ReturnWithoutReceiptIsFlagged) {
  ASSERT_TRUE(service().OpenShift(kAnna, Money::Zero()).ok());
  ASSERT_TRUE(service().StartReturn(std::nullopt).ok());
  ASSERT_TRUE(service().AddItem(kSoap, Quantity::Pieces(-1)).ok());
  ReceiptEntry refund = PayCash(-249);
  EXPECT_TRUE(refund.receipt.return_without_receipt);
}

TEST_F(RegisterServiceTest, ClosingCountsTheDrawerAndNumbersTheZReport) {
  ASSERT_TRUE(service().OpenShift(kAnna, Money::FromCents(10000)).ok());
  RingUpTv7();
  PayCash(2000);  // + 11.05 net of change
  ASSERT_TRUE(service().AddItem(kSoap, Quantity::Pieces(2)).ok());
  ASSERT_TRUE(service().AddPayment(samples::Pay(PaymentMethod::kGirocard, 498)).ok());
  ASSERT_TRUE(service().MoveCash(journal::CashMovementKind::kTransit, Money::FromCents(-5000), "Tresor").ok());
  EXPECT_TRUE(service()
                  .MoveCash(journal::CashMovementKind::kPrivateDeposit, Money::FromCents(-5), "")
                  .status()
                  .IsInvalidArgument());
  ASSERT_TRUE(service().AddItem(kMilk, Quantity::Pieces(1)).ok());
  EXPECT_EQ(service().CloseShift(Money::FromCents(6100)).status().code(), Status::Code::kConflict);  // sale open
  ASSERT_TRUE(service().AbortSale().ok());
  Result<JournalEntry> closed = service().CloseShift(Money::FromCents(6100));
  ASSERT_TRUE(closed.ok()) << closed.status().ToString();
  const auto& z = std::get<journal::ShiftClosed>(closed->payload);
  EXPECT_EQ(z.z_number, 1);
  EXPECT_EQ(z.expected_cash.cents(), 10000 + 1105 - 5000);
  EXPECT_EQ(z.difference.cents(), 6100 - 6105);
  EXPECT_EQ(z.sales_total.cents(), 1105 + 498);
  EXPECT_EQ(z.first_receipt_number, 1);
  EXPECT_EQ(z.last_receipt_number, 6);  // float, sale, card sale, transit, abort, difference
  EXPECT_FALSE(service().shift().open);
  EXPECT_EQ(service().shift().closing_number, 2);
  EXPECT_EQ(service().AddItem(kMilk, Quantity::Pieces(1)).code(), Status::Code::kConflict);
}

TEST_F(RegisterServiceTest, TseOutageKeepsSellingAndIsJournaled) {
  ASSERT_TRUE(service().OpenShift(kAnna, Money::Zero()).ok());
  till_->tse->SwitchOff("timeout");
  RingUpTv7();
  ReceiptEntry unsigned_sale = PayCash(1105);
  EXPECT_FALSE(unsigned_sale.tse.signed_ok());
  EXPECT_EQ(unsigned_sale.tse.failure, "TSE ausgefallen: timeout");
  ASSERT_TRUE(service().tse_outage().has_value());
  till_->tse->SwitchOn();
  ASSERT_TRUE(service().AddItem(kMilk, Quantity::Pieces(1)).ok());
  EXPECT_FALSE(service().tse_outage().has_value());
  ReceiptEntry signed_sale = PayCash(119);
  EXPECT_TRUE(signed_sale.tse.signed_ok());
  std::vector<std::string> kinds;
  for (const JournalEntry& entry : Journal(*till_->store)) kinds.emplace_back(journal::KindName(entry.payload));
  EXPECT_EQ(kinds,
            (std::vector<std::string>{"shift_opened", "tse_outage_started", "receipt", "tse_outage_ended", "receipt"}));
}

TEST_F(RegisterServiceTest, RestartAbortsTheInterruptedSaleAndKeepsParkedOnes) {
  ASSERT_TRUE(service().OpenShift(kAnna, Money::Zero()).ok());
  ASSERT_TRUE(service().AddItem(kSoap, Quantity::Pieces(1)).ok());
  ASSERT_TRUE(service().ParkSale().ok());
  RingUpTv7();
  till_.reset();  // the process ends mid-sale
  till_ = std::make_unique<Till>(dir_);
  ASSERT_TRUE(till_->started.ok()) << till_->started.ToString();
  EXPECT_TRUE(service().shift().open);
  EXPECT_EQ(service().sale(), nullptr);
  std::vector<JournalEntry> journal = Journal(*till_->store);
  const auto& aborted = std::get<ReceiptEntry>(journal.back().payload);
  EXPECT_EQ(aborted.receipt.type, ReceiptType::kAVBelegabbruch);
  EXPECT_EQ(aborted.receipt.lines.size(), 3u);
  EXPECT_TRUE(VerifyQr(*aborted.tse.transaction).ok());
  ASSERT_EQ(service().ParkedSales()->size(), 1u);
  EXPECT_TRUE(till_->software->OpenTransactions("K-0101-01")->size() == 1);  // the parked sale's
}

TEST_F(RegisterServiceTest, FullDiskRefusesTheStepAndKeepsTheJournalReadable) {
  till_.reset();
  storage::FaultInjectionVfs vfs("register-full-disk");
  till_ = std::make_unique<Till>(dir_, vfs.name());
  ASSERT_TRUE(service().OpenShift(kAnna, Money::Zero()).ok());
  ASSERT_TRUE(service().AddItem(kSoap, Quantity::Pieces(1)).ok());
  vfs.set_write_budget(0);
  Status refused = service().AddItem(kMilk, Quantity::Pieces(1));
  EXPECT_TRUE(refused.IsUnavailable()) << refused.ToString();
  EXPECT_NE(refused.message().find("disk full"), std::string::npos);
  EXPECT_EQ(service().sale()->draft().receipt.lines.size(), 1u);  // unchanged
  EXPECT_FALSE(service().AddPayment(samples::Pay(PaymentMethod::kCash, 249)).ok());
  EXPECT_NE(service().sale(), nullptr);
  vfs.set_write_budget(std::nullopt);
  EXPECT_EQ(Journal(*till_->store).size(), 1u);
  ReceiptEntry receipt = PayCash(249);
  EXPECT_TRUE(VerifyQr(*receipt.tse.transaction).ok());
  till_.reset();
}

}  // namespace
}  // namespace kasse::reg
