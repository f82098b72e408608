#include "journal/entry_json.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "samples/reference_receipts.h"

namespace kasse::journal {
namespace {

signing::TseTransaction SampleTransaction() {
  signing::TseTransaction tx;
  tx.client_id = "K-0101-01";
  tx.transaction_number = 4711;
  tx.process_type = "Kassenbeleg-V1";
  tx.process_data = "Beleg^7.48_3.57_0.00_0.00_0.00^11.05:Bar";
  tx.start = {9500, 1788423302000, "c3RhcnQ="};
  tx.finish = {9502, 1788423400000, "ZmluaXNo"};
  tx.unit = {"ab12", "BAEC", "ecdsa-plain-SHA256", "unixTime", "software, NOT CERTIFIED", false};
  return tx;
}

JournalEntry SampleReceiptEntry() {
  ReceiptEntry receipt;
  receipt.receipt_number = 123;
  receipt.cashier = {"7", "Anna Müller"};
  receipt.receipt = samples::Tv7CashSale();
  receipt.receipt.payments.push_back(samples::PayForeignCash("CHF", 500, 520));
  receipt.receipt.original = ReceiptReference{RegisterId("K-0101-02"), 56, ReceiptId("K-0101-02-77")};
  receipt.vat = {{VatKey(1), VatRate(1900), 1, Money::FromCents(748), Money::FromCents(629), Money::FromCents(119)}};
  receipt.total = Money::FromCents(1105);
  receipt.change = Money::FromCents(895);
  receipt.started_ms = 1788423302123;
  receipt.finished_ms = 1788423400456;
  receipt.discount_approval = Approval{"M1", "Mindesthaltbarkeit"};
  receipt.tse.transaction = SampleTransaction();
  return JournalEntry{17, RegisterId("K-0101-01"), 57, 1788423400500, receipt};
}

TEST(EntryJsonTest, ReceiptRoundTripsExactly) {
  JournalEntry entry = SampleReceiptEntry();
  std::string json = EncodeEntry(entry);
  Result<JournalEntry> decoded = DecodeEntry(json);
  ASSERT_TRUE(decoded.ok()) << decoded.status().ToString();
  EXPECT_EQ(EncodeEntry(*decoded), json);
  const auto& receipt = std::get<ReceiptEntry>(decoded->payload);
  EXPECT_EQ(receipt.receipt.lines.size(), 3u);
  EXPECT_EQ(receipt.receipt.payments.back().foreign->currency, "CHF");
  EXPECT_EQ(receipt.tse.transaction->finish.signature_counter, 9502u);
  EXPECT_EQ(receipt.cashier.name, "Anna Müller");
}

TEST(EntryJsonTest, EveryKindRoundTrips) {
  CashMovementEntry withdrawal;
  withdrawal.receipt_number = 5;
  withdrawal.kind = CashMovementKind::kPrivateWithdrawal;
  withdrawal.amount = Money::FromCents(-5000);
  withdrawal.tse.failure = "TSE ausgefallen: timeout";
  withdrawal.tse.started = signing::TseStarted{12, {40, 1000, "eA=="}};
  ShiftClosed closed;
  closed.z_number = 3;
  closed.payments = {{PaymentMethod::kGirocard, "EUR", Money::FromCents(605)}};
  const std::vector<Payload> payloads = {ShiftOpened{{"7", "Anna"}}, withdrawal, closed, TseOutageStarted{"timeout"},
                                         TseOutageEnded{1000, "timeout"}};
  for (const Payload& payload : payloads) {
    JournalEntry entry{1, RegisterId("K1"), 1, 2000, payload};
    std::string json = EncodeEntry(entry);
    Result<JournalEntry> decoded = DecodeEntry(json);
    ASSERT_TRUE(decoded.ok()) << json << " " << decoded.status().ToString();
    EXPECT_EQ(EncodeEntry(*decoded), json);
    EXPECT_EQ(KindName(decoded->payload), KindName(payload));
  }
}

struct BadEntry {
  std::string name;
  std::function<void(nlohmann::json&)> mutate;
  std::string field;
};

class EntryJsonRejectTest : public ::testing::TestWithParam<BadEntry> {};

TEST_P(EntryJsonRejectTest, NamesTheField) {
  nlohmann::json json = nlohmann::json::parse(EncodeEntry(SampleReceiptEntry()));
  GetParam().mutate(json);
  Result<JournalEntry> decoded = DecodeEntry(json.dump());
  ASSERT_FALSE(decoded.ok());
  EXPECT_TRUE(decoded.status().IsInvalidArgument());
  EXPECT_EQ(decoded.status().field(), GetParam().field) << decoded.status().ToString();
}

INSTANTIATE_TEST_SUITE_P(
    Cases, EntryJsonRejectTest,
    ::testing::Values(
        BadEntry{"MissingSeq", [](auto& j) { j.erase("seq"); }, "seq"},
        BadEntry{"ZeroSeq", [](auto& j) { j["seq"] = 0; }, "seq"},
        BadEntry{"SeqAsString", [](auto& j) { j["seq"] = "17"; }, "seq"},
        BadEntry{"HugeSeq", [](auto& j) { j["seq"] = 18446744073709551615u; }, "seq"},
        BadEntry{"FractionalCents", [](auto& j) { j["payload"]["total_cents"] = 11.05; }, "payload.total_cents"},
        BadEntry{"UnknownKind", [](auto& j) { j["kind"] = "sale"; }, "kind"},
        BadEntry{"UnknownMember", [](auto& j) { j["payload"]["totl_cents"] = 1; }, "payload.totl_cents"},
        BadEntry{"BadLineUnit", [](auto& j) { j["payload"]["lines"][2]["unit"] = "kilo"; }, "payload.lines[2].unit"},
        BadEntry{"LineNotObject", [](auto& j) { j["payload"]["lines"][1] = 5; }, "payload.lines[1]"},
        BadEntry{"BadPaymentMethod", [](auto& j) { j["payload"]["payments"][0]["method"] = "bitcoin"; },
                 "payload.payments[0].method"},
        BadEntry{"BadReceiptType", [](auto& j) { j["payload"]["type"] = "beleg"; }, "payload.type"},
        BadEntry{"VatRateOver100", [](auto& j) { j["payload"]["vat"][0]["rate_bp"] = 10001; },
                 "payload.vat[0].rate_bp"},
        BadEntry{"NegativeCounter", [](auto& j) { j["payload"]["tse"]["transaction"]["finish"]["counter"] = -1; },
                 "payload.tse.transaction.finish.counter"},
        BadEntry{"SignedAndFailed", [](auto& j) { j["payload"]["tse"]["failure"] = "x"; }, "payload.tse"},
        BadEntry{"EmptyRegister", [](auto& j) { j["register_id"] = ""; }, "register_id"}),
    [](const auto& param_info) { return param_info.param.name; });

TEST(EntryJsonTest, RejectsNonJsonAndOversizedInput) {
  EXPECT_TRUE(DecodeEntry("{\"seq\":").status().IsInvalidArgument());
  EXPECT_TRUE(DecodeEntry("[]").status().IsInvalidArgument());
  EXPECT_TRUE(DecodeEntry("").status().IsInvalidArgument());
  std::string huge = "{\"x\":\"" + std::string(kMaxEntryBytes, 'a') + "\"}";
  Status status = DecodeEntry(huge).status();
  EXPECT_NE(status.message().find("at most"), std::string::npos) << status.ToString();
}

}  // namespace
}  // namespace kasse::journal
