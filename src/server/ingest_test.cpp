// The register's real sync client against the server's real ingestion, end to end
// over HTTP on loopback, and the batch rules one by one.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "http/server.h"
#include "journal/entry_json.h"
#include "register/receipt_directory.h"
#include "register/sync_client.h"
#include "register/testing/till.h"
#include "server/ingest_service.h"
#include "server/journal_api.h"

namespace kasse::server {
namespace {

using namespace reg::testing;  // NOLINT(google-build-using-namespace): the test vocabulary
using Json = nlohmann::json;

class IngestTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = *SqliteServerStore::Open(server_dir_.File("server.db"));
    ingest_ = std::make_unique<IngestService>(*store_, VatTable::Germany(), clock_);
    credentials_ = *Credentials::Open(server_dir_.File("server.db"), clock_);
    token_ = Enroll("K-0101-01", "pos-1");
    other_token_ = Enroll("K-0101-02", "pos-2");
    AddJournalRoutes(router_, *ingest_, *store_, *credentials_);
    http::HttpServer::Options options;
    options.threads = 2;
    server_ = std::make_unique<http::HttpServer>(options, [this](http::HttpRequest& r) { return router_.Handle(r); });
    ASSERT_TRUE(server_->Start().ok());
    url_ = "http://127.0.0.1:" + std::to_string(server_->port());
    till_ = std::make_unique<Till>(register_dir_);
    ASSERT_TRUE(till_->service->OpenShift(kAnna, Money::FromCents(1000)).ok());
    outbox_ = *reg::JournalStore::Open(register_dir_.File("register.db"), {});
    reg::SyncClient::Options sync;
    sync.server_url = url_;
    sync.token = token_;
    client_ = *reg::SyncClient::Create(sync, RegisterId("K-0101-01"), *outbox_, till_->clock);
  }
  void Sell(int count) {
    for (int i = 0; i < count; ++i) {
      ASSERT_TRUE(till_->service->AddItem(kSoap, Quantity::Pieces(1)).ok());
      ASSERT_TRUE(till_->service->AddPayment(samples::Pay(PaymentMethod::kCash, 249)).ok());
    }
  }
  std::string Enroll(const std::string& register_id, const std::string& device) {
    std::string code = *credentials_->CreateEnrollmentCode(RegisterId(register_id), false);
    return credentials_->Enroll(code, device)->token;
  }
  http::HttpResponse Post(const std::string& register_id, const std::string& body, const std::string& token = "") {
    http::HttpClient client("127.0.0.1", server_->port());
    return *client.Send("POST", sync::JournalPath(register_id), body,
                        {{"Authorization", "Bearer " + (token.empty() ? token_ : token)}});
  }
  std::string Batch(const std::vector<JournalEntry>& entries) {
    std::vector<std::string> encoded;
    for (const JournalEntry& entry : entries) encoded.push_back(journal::EncodeEntry(entry));
    return sync::EncodeBatch(encoded);
  }

  FakeClock clock_{kStart};
  TempDir server_dir_;
  TempDir register_dir_;
  std::unique_ptr<SqliteServerStore> store_;
  std::unique_ptr<IngestService> ingest_;
  std::unique_ptr<Credentials> credentials_;
  std::string token_;
  std::string other_token_;
  http::Router router_;
  std::unique_ptr<http::HttpServer> server_;
  std::string url_;
  std::unique_ptr<Till> till_;
  std::unique_ptr<reg::JournalStore> outbox_;
  std::unique_ptr<reg::SyncClient> client_;
};

TEST_F(IngestTest, RegisterJournalArrivesOnceAndReplaysChangeNothing) {
  Sell(5);
  ASSERT_TRUE(client_->Drain().ok()) << client_->status().last_error;
  std::vector<JournalEntry> journal = Journal(*till_->store);
  EXPECT_EQ(*store_->AckedSeq(RegisterId("K-0101-01")), static_cast<int64_t>(journal.size()));
  for (const JournalEntry& entry : journal) {
    EXPECT_EQ(**store_->Body(RegisterId("K-0101-01"), entry.seq), journal::EncodeEntry(entry));
  }
  // The register forgets the acknowledgement (say, restored from a backup) and sends everything again.
  ASSERT_TRUE(outbox_->SetAckedSeq(0).ok());
  ASSERT_TRUE(client_->Drain().ok());
  EXPECT_EQ(*store_->AckedSeq(RegisterId("K-0101-01")), static_cast<int64_t>(journal.size()));
  http::HttpResponse replay = Post("K-0101-01", Batch(journal));
  EXPECT_EQ(replay.status, 200);
  EXPECT_EQ(sync::DecodeAck(replay.body)->acknowledged_seq, static_cast<int64_t>(journal.size()));
}

TEST_F(IngestTest, ReplayWithDifferentContentIsRefusedAndNothingStored) {
  Sell(2);
  ASSERT_TRUE(client_->Drain().ok());
  std::vector<JournalEntry> journal = Journal(*till_->store);
  JournalEntry forged = journal.back();
  std::get<ReceiptEntry>(forged.payload).total = Money::FromCents(1);
  JournalEntry next = forged;
  next.seq += 1;
  http::HttpResponse refused = Post("K-0101-01", Batch({forged, next}));
  EXPECT_EQ(refused.status, 409) << refused.body;
  EXPECT_NE(refused.body.find("different content"), std::string::npos);
  EXPECT_EQ(*store_->AckedSeq(RegisterId("K-0101-01")), static_cast<int64_t>(journal.size()));
}

TEST_F(IngestTest, GapIsRefusedWithTheExpectedSeq) {
  Sell(3);
  std::vector<JournalEntry> journal = Journal(*till_->store);
  http::HttpResponse gap = Post("K-0101-01", Batch({journal[2], journal[3]}));
  EXPECT_EQ(gap.status, 409);
  EXPECT_EQ(sync::ExpectedSeqOfGap(gap.body), 1);
  EXPECT_EQ(*store_->AckedSeq(RegisterId("K-0101-01")), 0);
}

TEST_F(IngestTest, EntryOfAnotherRegisterOrMalformedBatchIsRefused) {
  Sell(1);
  std::vector<JournalEntry> journal = Journal(*till_->store);
  http::HttpResponse other = Post("K-0101-02", Batch(journal), other_token_);
  EXPECT_EQ(other.status, 400);
  EXPECT_NE(other.body.find("entries[0].register_id"), std::string::npos) << other.body;
  EXPECT_EQ(Post("K-0101-01", "{\"entries\":").status, 400);
  EXPECT_EQ(Post("K-0101-01", R"({"entries":[{"seq":1}]})").status, 400);
  EXPECT_EQ(*store_->AckedSeq(RegisterId("K-0101-01")), 0);
  EXPECT_EQ(*store_->AckedSeq(RegisterId("K-0101-02")), 0);
}

TEST_F(IngestTest, EntryThatFailsItsChecksIsQuarantinedAndLaterOnesGoThrough) {
  Sell(2);
  std::vector<JournalEntry> journal = Journal(*till_->store);
  std::get<ReceiptEntry>(journal[2].payload).total = Money::FromCents(1);  // the first sale, tampered
  http::HttpResponse answer = Post("K-0101-01", Batch(journal));
  ASSERT_EQ(answer.status, 200) << answer.body;
  sync::Ack ack = *sync::DecodeAck(answer.body);
  EXPECT_EQ(ack.acknowledged_seq, static_cast<int64_t>(journal.size()));
  ASSERT_EQ(ack.quarantined.size(), 1u);
  EXPECT_EQ(ack.quarantined[0].seq, 3);
  EXPECT_NE(ack.quarantined[0].reason.find("total_cents"), std::string::npos) << ack.quarantined[0].reason;
  // A quarantined receipt is not offered for returns.
  EXPECT_FALSE((*store_->ReceiptBody(RegisterId("K-0101-01"), 2)).has_value());
  EXPECT_TRUE((*store_->ReceiptBody(RegisterId("K-0101-01"), 3)).has_value());
}

TEST_F(IngestTest, AnotherRegisterFindsTheSaleForAReturn) {
  Sell(1);
  ASSERT_TRUE(client_->Drain().ok());
  std::unique_ptr<reg::ServerReceiptDirectory> directory =
      *reg::ServerReceiptDirectory::Create(url_, other_token_, std::chrono::milliseconds(2000));
  Result<reg::OriginalSale> found = directory->Find(RegisterId("K-0101-01"), 2);
  ASSERT_TRUE(found.ok()) << found.status().ToString();
  EXPECT_EQ(std::get<ReceiptEntry>(found->sale.payload).receipt_number, 2);
  EXPECT_TRUE(directory->Find(RegisterId("K-0101-01"), 9).status().IsNotFound());
  http::HttpClient client("127.0.0.1", server_->port());
  EXPECT_EQ(
      client.Send("GET", "/api/v1/registers/K-0101-01/receipts/abc", "", {{"Authorization", "Bearer " + other_token_}})
          ->status,
      400);
  EXPECT_EQ(client.Send("GET", "/api/v1/registers/K-0101-01/receipts/2")->status, 401);
}

TEST_F(IngestTest, OnlyTheRegistersOwnDeviceMayUpload) {
  Sell(1);
  std::string batch = Batch(Journal(*till_->store));
  http::HttpClient client("127.0.0.1", server_->port());
  http::HttpResponse anonymous = *client.Send("POST", sync::JournalPath("K-0101-01"), batch);
  EXPECT_EQ(anonymous.status, 401);
  EXPECT_NE(anonymous.body.find("UNAUTHENTICATED"), std::string::npos);
  EXPECT_EQ(Post("K-0101-01", batch, "forged-token").status, 401);
  http::HttpResponse foreign = Post("K-0101-01", batch, other_token_);
  EXPECT_EQ(foreign.status, 403);
  EXPECT_EQ(*store_->AckedSeq(RegisterId("K-0101-01")), 0);
}

}  // namespace
}  // namespace kasse::server
