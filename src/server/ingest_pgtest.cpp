// The register's real sync client against the server's real ingestion, end to end
// over HTTP on loopback, and the batch rules one by one.
#include <sstream>
#include <thread>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "domain/receipt_validation.h"
#include "fiscal/process_data.h"
#include "http/server.h"
#include "journal/entry_json.h"
#include "register/receipt_directory.h"
#include "register/sync_client.h"
#include "register/testing/till.h"
#include "server/ingest_service.h"
#include "server/journal_api.h"
#include "server/register_time_zones.h"
#include "server/report_api.h"
#include "server/sale_facts.h"
#include "server/server_database.h"
#include "storage/testing/scratch_database.h"

namespace kasse::server {
namespace {

using namespace reg::testing;  // NOLINT(google-build-using-namespace): the test vocabulary
using Json = nlohmann::json;

// Runs on both backends: the server's storage contract, seen through ingestion.
class IngestTest : public ::testing::TestWithParam<storage::SqlDialect> {
 protected:
  void SetUp() override {
    Result<std::unique_ptr<storage::ScratchDatabase>> db = storage::ScratchDatabase::Create(GetParam());
    ASSERT_TRUE(db.ok()) << db.status().ToString();
    db_ = std::move(*db);
    pool_ = *OpenServerDatabase(db_->target(), 4);
    ingest_ =
        std::make_unique<IngestService>(*pool_, VatTable::Germany(), clock_, std::vector<Projection*>{&sale_facts_});
    credentials_ = std::make_unique<Credentials>(*pool_, clock_);
    token_ = Enroll("K-0101-01", "pos-1");
    other_token_ = Enroll("K-0101-02", "pos-2");
    metrics_ = std::make_unique<ServerMetrics>(registry_, *pool_, clock_);
    AddJournalRoutes(router_, {*ingest_, *pool_, *credentials_, *metrics_, log_, refusals_});
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
  http::HttpResponse Post(const std::string& register_id, const std::string& body, const std::string& token = "",
                          const std::string& head = "") {
    http::HttpClient client("127.0.0.1", server_->port());
    std::vector<std::pair<std::string, std::string>> headers = {
        {"Authorization", "Bearer " + (token.empty() ? token_ : token)}};
    if (!head.empty()) headers.emplace_back(sync::kJournalHeadHeader, head);
    return *client.Send("POST", sync::JournalPath(register_id), body, headers);
  }
  std::string Batch(const std::vector<JournalEntry>& entries) {
    std::vector<std::string> encoded;
    for (const JournalEntry& entry : entries) encoded.push_back(journal::EncodeEntry(entry));
    return sync::EncodeBatch(encoded);
  }

  int64_t AckedSeq(const std::string& register_id) {
    return *JournalStore::AckedSeq(**pool_->Acquire(), RegisterId(register_id));
  }
  std::optional<std::string> Body(const std::string& register_id, int64_t seq) {
    return *JournalStore::Body(**pool_->Acquire(), RegisterId(register_id), seq);
  }
  std::optional<std::string> ReceiptBody(const std::string& register_id, int64_t number) {
    return *JournalStore::ReceiptBody(**pool_->Acquire(), RegisterId(register_id), number);
  }
  int64_t Count(const std::string& sql) { return (*(*pool_->Acquire())->QueryValue(sql))->AsInt(); }

  FakeClock clock_{kStart};
  std::unique_ptr<storage::ScratchDatabase> db_;
  std::unique_ptr<storage::SqlPool> pool_;
  SaleFacts sale_facts_{VatTable::Germany(), UtcBusinessDay};
  ops::MetricsRegistry registry_;
  std::unique_ptr<ServerMetrics> metrics_;
  std::ostringstream log_lines_;
  ops::Logger log_{log_lines_, ops::LogLevel::kInfo, clock_};
  ops::LogThrottle refusals_{clock_, kRefusalLogInterval};
  TempDir register_dir_;
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

TEST_P(IngestTest, RegisterJournalArrivesOnceAndReplaysChangeNothing) {
  Sell(5);
  ASSERT_TRUE(client_->Drain().ok()) << client_->status().last_error;
  std::vector<JournalEntry> journal = Journal(*till_->store);
  EXPECT_EQ(AckedSeq("K-0101-01"), static_cast<int64_t>(journal.size()));
  for (const JournalEntry& entry : journal) {
    EXPECT_EQ(*Body("K-0101-01", entry.seq), journal::EncodeEntry(entry));
  }
  // The register forgets the acknowledgement (say, restored from a backup) and sends everything again.
  ASSERT_TRUE(outbox_->SetAckedSeq(0).ok());
  ASSERT_TRUE(client_->Drain().ok());
  EXPECT_EQ(AckedSeq("K-0101-01"), static_cast<int64_t>(journal.size()));
  http::HttpResponse replay = Post("K-0101-01", Batch(journal));
  EXPECT_EQ(replay.status, 200);
  EXPECT_EQ(sync::DecodeAck(replay.body)->acknowledged_seq, static_cast<int64_t>(journal.size()));
  std::string metrics = registry_.Render();
  std::string ingested = "kasse_journal_entries_ingested_total " + std::to_string(journal.size()) + "\n";
  EXPECT_NE(metrics.find(ingested), std::string::npos) << metrics;
  EXPECT_NE(metrics.find("kasse_register_acked_seq{register=\"K-0101-01\"} " + std::to_string(journal.size())),
            std::string::npos);
  EXPECT_NE(metrics.find("kasse_register_backlog_entries{register=\"K-0101-01\"} 0\n"), std::string::npos);
  EXPECT_NE(metrics.find("kasse_ingest_batch_seconds_count "), std::string::npos);
}

TEST_P(IngestTest, ReplayWithDifferentContentIsRefusedAndNothingStored) {
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
  EXPECT_EQ(AckedSeq("K-0101-01"), static_cast<int64_t>(journal.size()));
}

TEST_P(IngestTest, GapIsRefusedWithTheExpectedSeq) {
  Sell(3);
  std::vector<JournalEntry> journal = Journal(*till_->store);
  http::HttpResponse gap = Post("K-0101-01", Batch({journal[2], journal[3]}));
  EXPECT_EQ(gap.status, 409);
  EXPECT_EQ(sync::ExpectedSeqOfGap(gap.body), 1);
  EXPECT_EQ(AckedSeq("K-0101-01"), 0);
}

TEST_P(IngestTest, EntryOfAnotherRegisterOrMalformedBatchIsRefused) {
  Sell(1);
  std::vector<JournalEntry> journal = Journal(*till_->store);
  http::HttpResponse other = Post("K-0101-02", Batch(journal), other_token_);
  EXPECT_EQ(other.status, 400);
  EXPECT_NE(other.body.find("entries[0].register_id"), std::string::npos) << other.body;
  EXPECT_EQ(Post("K-0101-01", "{\"entries\":").status, 400);
  EXPECT_EQ(Post("K-0101-01", R"({"entries":[{"seq":1}]})").status, 400);
  EXPECT_EQ(AckedSeq("K-0101-01"), 0);
  EXPECT_EQ(AckedSeq("K-0101-02"), 0);
  EXPECT_NE(registry_.Render().find("kasse_ingest_errors_total{code=\"INVALID_ARGUMENT\"} 3"), std::string::npos)
      << registry_.Render();
}

TEST_P(IngestTest, EntryThatFailsItsChecksIsQuarantinedAndLaterOnesGoThrough) {
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
  EXPECT_NE(log_lines_.str().find(R"("msg":"journal entry quarantined","register_id":"K-0101-01","seq":3)"),
            std::string::npos)
      << log_lines_.str();
  std::string metrics = registry_.Render();
  EXPECT_NE(metrics.find("kasse_journal_entries_quarantined_total 1\n"), std::string::npos) << metrics;
  // A quarantined receipt is not offered for returns.
  EXPECT_FALSE(ReceiptBody("K-0101-01", 2).has_value());
  EXPECT_TRUE(ReceiptBody("K-0101-01", 3).has_value());
}

TEST_P(IngestTest, AnotherRegisterFindsTheSaleForAReturn) {
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

TEST_P(IngestTest, OnlyTheRegistersOwnDeviceMayUpload) {
  Sell(1);
  std::string batch = Batch(Journal(*till_->store));
  http::HttpClient client("127.0.0.1", server_->port());
  http::HttpResponse anonymous = *client.Send("POST", sync::JournalPath("K-0101-01"), batch);
  EXPECT_EQ(anonymous.status, 401);
  EXPECT_NE(anonymous.body.find("UNAUTHENTICATED"), std::string::npos);
  EXPECT_EQ(Post("K-0101-01", batch, "forged-token").status, 401);
  http::HttpResponse foreign = Post("K-0101-01", batch, other_token_);
  EXPECT_EQ(foreign.status, 403);
  EXPECT_EQ(AckedSeq("K-0101-01"), 0);
}

TEST_P(IngestTest, SaleFactsAreWrittenInTheIngestTransaction) {
  Sell(3);
  ASSERT_TRUE(client_->Drain().ok()) << client_->status().last_error;
  EXPECT_EQ(Count("SELECT COUNT(*) FROM sale_receipts"), 3);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM sale_lines"), 3);
  EXPECT_EQ(Count("SELECT SUM(gross_cents) FROM sale_lines"), 3 * 249);
  EXPECT_EQ(Count("SELECT SUM(amount_cents) FROM sale_payments WHERE method = 'cash'"), 3 * 249);
  EXPECT_EQ(Count("SELECT SUM(receipts) FROM sales_rollup"), 3);
  EXPECT_EQ(Count("SELECT SUM(gross_cents) FROM sales_rollup"), 3 * 249);
  // Replays change no fact.
  ASSERT_TRUE(outbox_->SetAckedSeq(0).ok());
  ASSERT_TRUE(client_->Drain().ok());
  EXPECT_EQ(Count("SELECT SUM(receipts) FROM sales_rollup"), 3);
}

TEST_P(IngestTest, QuarantinedEntryMakesNoSaleFact) {
  Sell(2);
  std::vector<JournalEntry> journal = Journal(*till_->store);
  std::get<ReceiptEntry>(journal[2].payload).total = Money::FromCents(1);
  ASSERT_EQ(Post("K-0101-01", Batch(journal)).status, 200);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM sale_receipts"), 1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM journal_entries WHERE quarantine IS NOT NULL"), 1);
}

// `entry` (a receipt) with its totals recomputed and signed by `till`'s signing
// unit, as a register that skips its own checks, or one with another unit, would
// send it: every check of the entry by itself passes.
JournalEntry SignedBy(Till& till, JournalEntry entry) {
  auto& receipt = std::get<ReceiptEntry>(entry.payload);
  ReceiptTotals totals = *ValidateReceipt(receipt.receipt, VatTable::Germany());
  receipt.vat = totals.vat;
  receipt.total = totals.total;
  receipt.change = totals.change;
  std::string process_data = fiscal::KassenbelegProcessData(receipt.receipt, totals);
  const std::string client = entry.register_id.value();
  storage::SqliteTransaction counters = *till.store->Begin();  // the unit's counters commit with a journal write
  signing::TseStarted started = *till.software->StartTransaction(client, fiscal::kProcessTypeKassenbeleg, "");
  signing::TseTransaction tx;
  tx.client_id = client;
  tx.transaction_number = started.transaction_number;
  tx.process_type = fiscal::kProcessTypeKassenbeleg;
  tx.process_data = process_data;
  tx.start = started.signature;
  tx.finish = *till.software->FinishTransaction(client, started.transaction_number, fiscal::kProcessTypeKassenbeleg,
                                                process_data);
  tx.unit = *till.software->Info();
  EXPECT_TRUE(counters.Commit().ok());
  receipt.tse = journal::TseRecord{tx, std::nullopt, ""};
  return entry;
}

// The next entry of `journal` (seq and receipt number one up from its last receipt).
JournalEntry Next(const std::vector<JournalEntry>& journal, Receipt receipt) {
  JournalEntry last = journal.back();
  JournalEntry next = last;
  next.seq = last.seq + 1;
  ReceiptEntry entry = std::get<ReceiptEntry>(last.payload);
  entry.receipt_number += 1;
  entry.receipt = std::move(receipt);
  next.payload = entry;
  return next;
}

Receipt ReturnOf(int64_t receipt_number, const reg::SaleItem& item, int pieces, int64_t refund_cents) {
  Receipt receipt;
  receipt.lines.push_back(samples::Line(item.article.value(), item.text, Quantity::Pieces(-pieces),
                                        item.unit_price.cents(), item.vat_key.value(), item.product_group.value()));
  receipt.payments.push_back(samples::Pay(PaymentMethod::kCash, -refund_cents));
  receipt.original = ReceiptReference{RegisterId("K-0101-01"), 1, ReceiptId(std::to_string(receipt_number))};
  return receipt;
}

std::string QuarantineOf(const http::HttpResponse& answer, int64_t seq) {
  Result<sync::Ack> ack = sync::DecodeAck(answer.body);
  if (!ack.ok()) return "no ack: " + answer.body;
  for (const sync::Quarantined& q : ack->quarantined) {
    if (q.seq == seq) return q.reason;
  }
  return "";
}

// Issue 10, item 1: a receipt signed by another key, uploaded with the register's
// own credential, is quarantined; the register's real entry under that seq gets in
// after the operator sets the forgery aside.
TEST_P(IngestTest, EntrySignedByAnotherUnitIsQuarantinedAndTheRealOneGetsInAfterRelease) {
  Sell(2);
  ASSERT_TRUE(client_->Drain().ok());  // the first signed entry pins the till's unit
  std::vector<JournalEntry> journal = Journal(*till_->store);
  TempDir forger_dir;
  Till forger(forger_dir);
  Receipt sale;
  sale.lines.push_back(samples::Line("200111", "Spülmittel", Quantity::Pieces(1), 249, 1, "20"));
  sale.payments.push_back(samples::Pay(PaymentMethod::kCash, 249));
  JournalEntry forged = SignedBy(forger, Next(journal, sale));
  http::HttpResponse answer = Post("K-0101-01", Batch({forged}));
  ASSERT_EQ(answer.status, 200) << answer.body;
  EXPECT_NE(QuarantineOf(answer, forged.seq).find("not by the register's pinned unit"), std::string::npos)
      << answer.body;
  EXPECT_EQ(Count("SELECT COUNT(*) FROM sale_receipts"), 2);
  // The register's real entry under that seq conflicts, and the register shows it.
  Sell(1);
  EXPECT_FALSE(client_->Drain().ok());
  EXPECT_EQ(Count("SELECT conflict_seq FROM register_progress WHERE register_id = 'K-0101-01'"), forged.seq);
  // The operator sets the forgery aside; the real entry comes in and counts.
  {
    storage::SqlPool::Lease db = *pool_->Acquire();
    storage::SqlTransaction tx = *storage::SqlTransaction::Begin(*db);
    Result<Release> released = JournalStore::SetAside(*db, RegisterId("K-0101-01"), forged.seq, "forged", 1);
    ASSERT_TRUE(released.ok()) << released.status().ToString();
    EXPECT_EQ(released->set_aside, 1);
    ASSERT_TRUE(tx.Commit().ok());
  }
  ASSERT_TRUE(client_->Drain().ok()) << client_->status().last_error;
  EXPECT_EQ(*Body("K-0101-01", forged.seq),
            journal::EncodeEntry(Journal(*till_->store)[static_cast<size_t>(forged.seq - 1)]));
  EXPECT_EQ(Count("SELECT COUNT(*) FROM sale_receipts"), 3);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM journal_entries WHERE quarantine IS NOT NULL"), 0);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM journal_set_aside"), 1);
  EXPECT_EQ(Count("SELECT conflict_seq FROM register_progress WHERE register_id = 'K-0101-01'"), 0);
}

TEST_P(IngestTest, OnlyQuarantinedEntriesCanBeSetAside) {
  Sell(2);
  ASSERT_TRUE(client_->Drain().ok());
  storage::SqlPool::Lease db = *pool_->Acquire();
  storage::SqlTransaction tx = *storage::SqlTransaction::Begin(*db);
  Result<Release> refused = JournalStore::SetAside(*db, RegisterId("K-0101-01"), 2, "oops", 1);
  EXPECT_TRUE(refused.status().IsConflict()) << refused.status().ToString();
  EXPECT_TRUE(JournalStore::SetAside(*db, RegisterId("K-0101-01"), 9, "oops", 1).status().IsInvalidArgument());
  // The database refuses it too.
  EXPECT_FALSE((*db).Run("DELETE FROM journal_entries WHERE register_id = 'K-0101-01' AND seq = 2").ok());
}

// A new signing unit takes the operator's pin; entries of the old one are then quarantined.
TEST_P(IngestTest, PinnedNewSigningUnitTakesOverFromTheNextEntry) {
  Sell(1);
  ASSERT_TRUE(client_->Drain().ok());
  TempDir new_dir;
  Till replacement(new_dir);
  signing::TseInfo info = *replacement.software->Info();
  {
    storage::SqlPool::Lease db = *pool_->Acquire();
    storage::SqlTransaction tx = *storage::SqlTransaction::Begin(*db);
    Result<std::string> replaced =
        JournalStore::PinSigningUnit(*db, RegisterId("K-0101-01"), info.serial_number_hex, info.public_key_base64);
    ASSERT_TRUE(replaced.ok()) << replaced.status().ToString();
    EXPECT_EQ(*replaced, till_->software->Info()->serial_number_hex);
    ASSERT_TRUE(tx.Commit().ok());
  }
  std::vector<JournalEntry> journal = Journal(*till_->store);
  Receipt sale;
  sale.lines.push_back(samples::Line("200111", "Spülmittel", Quantity::Pieces(1), 249, 1, "20"));
  sale.payments.push_back(samples::Pay(PaymentMethod::kCash, 249));
  JournalEntry by_new_unit = SignedBy(replacement, Next(journal, sale));
  http::HttpResponse accepted = Post("K-0101-01", Batch({by_new_unit}));
  EXPECT_EQ(QuarantineOf(accepted, by_new_unit.seq), "") << accepted.body;
  journal.push_back(by_new_unit);
  JournalEntry by_old_unit = SignedBy(*till_, Next(journal, sale));
  http::HttpResponse refused = Post("K-0101-01", Batch({by_old_unit}));
  EXPECT_NE(QuarantineOf(refused, by_old_unit.seq).find("pinned unit"), std::string::npos) << refused.body;
}

// Item 2: what the register promises across entries is checked.
TEST_P(IngestTest, UnsignedReceiptOutsideAnOutageAndNumberJumpsAreQuarantined) {
  Sell(3);
  ASSERT_TRUE(client_->Drain().ok());
  std::vector<JournalEntry> journal = Journal(*till_->store);
  // As in the review: no signature, a failure reason, no outage, receipt number 3 → 50.
  JournalEntry unsigned_entry = Next(journal, std::get<ReceiptEntry>(journal.back().payload).receipt);
  auto& receipt = std::get<ReceiptEntry>(unsigned_entry.payload);
  receipt.tse = journal::TseRecord{std::nullopt, std::nullopt, "TSE ausgefallen"};
  http::HttpResponse answer = Post("K-0101-01", Batch({unsigned_entry}));
  EXPECT_NE(QuarantineOf(answer, unsigned_entry.seq).find("no TSE outage open"), std::string::npos) << answer.body;
  JournalEntry jump = SignedBy(*till_, Next(journal, std::get<ReceiptEntry>(journal.back().payload).receipt));
  jump.seq = unsigned_entry.seq + 1;
  std::get<ReceiptEntry>(jump.payload).receipt_number = 50;
  answer = Post("K-0101-01", Batch({jump}));
  EXPECT_NE(QuarantineOf(answer, jump.seq).find("not consecutive"), std::string::npos) << answer.body;
  // A signed transaction sent again as a new receipt: its counter does not rise.
  JournalEntry again = journal.back();
  again.seq = jump.seq + 1;
  std::get<ReceiptEntry>(again.payload).receipt_number = 51;
  answer = Post("K-0101-01", Batch({again}));
  EXPECT_NE(QuarantineOf(answer, again.seq).find("signature_counter"), std::string::npos) << answer.body;
  EXPECT_EQ(Count("SELECT COUNT(*) FROM sale_receipts"), 3);
  // The sync report shows them.
  http::Router reports;
  AddReportRoutes(reports, *pool_, [](std::string_view) { return Status::Ok(); });
  http::HttpRequest request;
  request.method = "GET";
  request.target = request.path = "/api/v1/sync/registers";
  Json report = Json::parse(reports.Handle(request).body);
  EXPECT_EQ(report["registers"][0]["quarantined"], 3) << report.dump();
  EXPECT_EQ(report["registers"][0]["signing_unit"], till_->software->Info()->serial_number_hex);
  EXPECT_EQ(report["quarantined"].size(), 3u);
}

TEST_P(IngestTest, UnsignedReceiptsInsideTheJournalsOutageAreAccepted) {
  Sell(1);
  till_->tse->SwitchOff("TSE nicht erreichbar");
  Sell(2);
  till_->tse->SwitchOn();
  Sell(1);
  std::vector<JournalEntry> journal = Journal(*till_->store);
  ASSERT_TRUE(client_->Drain().ok()) << client_->status().last_error;
  http::HttpResponse replay = Post("K-0101-01", Batch(journal));
  EXPECT_TRUE(sync::DecodeAck(replay.body)->quarantined.empty()) << replay.body;
  EXPECT_EQ(Count("SELECT COUNT(*) FROM journal_entries WHERE quarantine IS NOT NULL"), 0);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM sale_receipts"), 4);
}

// Item 9: the server sees every register's returns and refuses what was never sold.
TEST_P(IngestTest, ReturnBeyondWhatTheOriginalSoldIsQuarantined) {
  Sell(1);  // receipt 2 (1 is the opening float): 1 × Spülmittel 2.49
  ASSERT_TRUE(client_->Drain().ok());
  std::vector<JournalEntry> journal = Journal(*till_->store);
  JournalEntry other_article = SignedBy(*till_, Next(journal, ReturnOf(2, kBattery, 1, 499)));
  http::HttpResponse answer = Post("K-0101-01", Batch({other_article}));
  EXPECT_NE(QuarantineOf(answer, other_article.seq).find("did not sell"), std::string::npos) << answer.body;
  journal.push_back(other_article);
  JournalEntry two = SignedBy(*till_, Next(journal, ReturnOf(2, kSoap, 2, 498)));
  answer = Post("K-0101-01", Batch({two}));
  EXPECT_NE(QuarantineOf(answer, two.seq).find("sold 1"), std::string::npos) << answer.body;
  journal.push_back(two);
  // One piece back is fine, once; a second return of it (in the same batch) is not.
  JournalEntry one = SignedBy(*till_, Next(journal, ReturnOf(2, kSoap, 1, 249)));
  journal.push_back(one);
  JournalEntry once_more = SignedBy(*till_, Next(journal, ReturnOf(2, kSoap, 1, 249)));
  answer = Post("K-0101-01", Batch({one, once_more}));
  EXPECT_EQ(QuarantineOf(answer, one.seq), "") << answer.body;
  EXPECT_NE(QuarantineOf(answer, once_more.seq).find("in all"), std::string::npos) << answer.body;
  journal.push_back(once_more);
  JournalEntry unknown = SignedBy(*till_, Next(journal, ReturnOf(77, kSoap, 1, 249)));
  answer = Post("K-0101-01", Batch({unknown}));
  EXPECT_NE(QuarantineOf(answer, unknown.seq).find("does not hold"), std::string::npos) << answer.body;
  EXPECT_EQ(Count("SELECT COUNT(*) FROM sale_receipts"), 2);
}

// The original may arrive in the same batch as its return (a register that was
// offline sells and takes the goods back before it syncs).
TEST_P(IngestTest, ReturnInTheSameBatchAsItsOriginalIsAccepted) {
  Sell(1);
  std::vector<JournalEntry> journal = Journal(*till_->store);
  journal.push_back(SignedBy(*till_, Next(journal, ReturnOf(2, kSoap, 1, 249))));
  journal.push_back(SignedBy(*till_, Next(journal, ReturnOf(2, kSoap, 1, 249))));
  http::HttpResponse answer = Post("K-0101-01", Batch(journal));
  ASSERT_EQ(answer.status, 200) << answer.body;
  EXPECT_EQ(QuarantineOf(answer, journal[journal.size() - 2].seq), "") << answer.body;
  EXPECT_NE(QuarantineOf(answer, journal.back().seq).find("in all"), std::string::npos) << answer.body;
}

// Item 21: the acknowledgement never goes past the batch's last seq.
TEST_P(IngestTest, OverlappingReplayIsAcknowledgedToItsOwnEnd) {
  Sell(6);
  ASSERT_TRUE(client_->Drain().ok());
  std::vector<JournalEntry> journal = Journal(*till_->store);
  http::HttpResponse replay = Post("K-0101-01", Batch({journal[1], journal[2], journal[3]}));
  ASSERT_EQ(replay.status, 200) << replay.body;
  EXPECT_EQ(sync::DecodeAck(replay.body)->acknowledged_seq, 4);
  // The register, told 4, goes on from there and ends where the server is.
  ASSERT_TRUE(outbox_->SetAckedSeq(2).ok());
  ASSERT_TRUE(client_->Drain().ok()) << client_->status().last_error;
  EXPECT_EQ(*outbox_->AckedSeq(), static_cast<int64_t>(journal.size()));
}

// Item 15: the reported head is bounded.
TEST_P(IngestTest, ReportedHeadOutOfBoundsRefusesTheBatch) {
  Sell(1);
  std::string batch = Batch(Journal(*till_->store));
  http::HttpResponse huge = Post("K-0101-01", batch, "", "9223372036854775807");
  EXPECT_EQ(huge.status, 400) << huge.body;
  EXPECT_NE(huge.body.find(sync::kJournalHeadHeader), std::string::npos) << huge.body;
  EXPECT_EQ(Post("K-0101-01", batch, "", "1").status, 400);  // below the batch's own last seq
  EXPECT_EQ(AckedSeq("K-0101-01"), 0);
  EXPECT_EQ(Post("K-0101-01", batch, "", "5").status, 200);
  EXPECT_EQ(Count("SELECT head_seq FROM register_progress WHERE register_id = 'K-0101-01'"), 5);
}

// A projection that fails on its n-th call.
class FailingProjection final : public Projection {
 public:
  explicit FailingProjection(int fail_at) : fail_at_(fail_at) {}
  std::string_view name() const override { return "failing"; }
  Status Apply(storage::SqlConnection& /*tx*/, const AcceptedEntry& /*accepted*/) override {
    return ++calls_ == fail_at_ ? Status::Internal("boom") : Status::Ok();
  }
  Status Reset(storage::SqlConnection& /*tx*/) override { return Status::Ok(); }

 private:
  int fail_at_;
  int calls_ = 0;
};

TEST_P(IngestTest, FailingProjectionStoresNothingOfTheBatch) {
  Sell(2);
  FailingProjection failing(3);
  IngestService ingest(*pool_, VatTable::Germany(), clock_, {&sale_facts_, &failing});
  std::string batch = Batch(Journal(*till_->store));
  Result<IngestOutcome> outcome = ingest.Ingest(RegisterId("K-0101-01"), batch);
  EXPECT_FALSE(outcome.ok());
  EXPECT_EQ(AckedSeq("K-0101-01"), 0);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM journal_entries"), 0);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM sale_receipts"), 0);
  // The next attempt (the projection now works) stores it all.
  ASSERT_TRUE(ingest.Ingest(RegisterId("K-0101-01"), batch).ok());
  EXPECT_EQ(Count("SELECT COUNT(*) FROM sale_receipts"), 2);
}

// Two server processes over one database (two pools here) take the same batch at
// once, as when a register retries against another instance: stored once.
TEST_P(IngestTest, SameBatchAtTwoServersAtOnceIsStoredOnce) {
  Sell(20);
  std::string batch = Batch(Journal(*till_->store));
  std::unique_ptr<storage::SqlPool> other_pool = *OpenServerDatabase(db_->target(), 2);
  SaleFacts other_facts(VatTable::Germany(), UtcBusinessDay);
  IngestService other(*other_pool, VatTable::Germany(), clock_, {&other_facts});
  constexpr int kRounds = 5;
  std::vector<Result<IngestOutcome>> outcomes(2 * kRounds, Status::Internal("not run"));
  std::vector<std::thread> threads;
  for (int i = 0; i < 2 * kRounds; ++i) {
    threads.emplace_back([&, i] {
      outcomes[static_cast<size_t>(i)] = (i % 2 == 0 ? *ingest_ : other).Ingest(RegisterId("K-0101-01"), batch);
    });
  }
  for (std::thread& thread : threads) thread.join();
  size_t stored = 0;
  for (const Result<IngestOutcome>& outcome : outcomes) {
    ASSERT_TRUE(outcome.ok()) << outcome.status().ToString();
    EXPECT_EQ(outcome->ack.acknowledged_seq, static_cast<int64_t>(Journal(*till_->store).size()));
    stored += outcome->stored;
  }
  EXPECT_EQ(stored, Journal(*till_->store).size());
  EXPECT_EQ(Count("SELECT COUNT(*) FROM sale_receipts"), 20);
  EXPECT_EQ(Count("SELECT SUM(receipts) FROM sales_rollup"), 20);
}

// A sale at 23:30 UTC on a winter day is 00:30 the next day in Berlin: it counts
// for the Berlin business day, and the report shows it under its store.
TEST_P(IngestTest, SalesCountForTheStoresBusinessDayInTheReport) {
  {
    storage::SqlPool::Lease db = *pool_->Acquire();
    ASSERT_TRUE(db->Run("INSERT INTO stores VALUES ('B1', 'Berlin Mitte', 'Hauptstr. 1', '10115', 'Berlin', 'DE', "
                        "'', '', 'Europe/Berlin')")
                    .ok());
    ASSERT_TRUE(db->Run("INSERT INTO registers VALUES ('K-0101-01', 'B1', 'Kasse 1', '', '', '', '')").ok());
  }
  RegisterTimeZones zones(clock_);
  SaleFacts berlin_facts(VatTable::Germany(), [&zones](storage::SqlConnection& db, const RegisterId& id, int64_t ms) {
    return zones.BusinessDay(db, id, ms);
  });
  IngestService ingest(*pool_, VatTable::Germany(), clock_, {&berlin_facts});
  till_->clock.Set(1'795'822'200'000);  // 2026-11-27T23:30:00Z
  Sell(2);
  ASSERT_TRUE(ingest.Ingest(RegisterId("K-0101-01"), Batch(Journal(*till_->store))).ok());
  http::Router reports;
  AddReportRoutes(reports, *pool_, [](std::string_view authorization) {
    return authorization == "Bearer admin" ? Status::Ok() : Status::Unauthenticated("admin only");
  });
  auto get = [&](const std::string& target, const std::string& authorization) {
    http::HttpRequest request;
    request.method = "GET";
    request.target = target;
    request.path = target.substr(0, target.find('?'));
    if (target.find('?') != std::string::npos) request.query["day"] = target.substr(target.find('=') + 1);
    request.headers["authorization"] = authorization;
    return reports.Handle(request);
  };
  http::HttpResponse sales = get("/api/v1/reports/sales?day=2026-11-28", "Bearer admin");
  ASSERT_EQ(sales.status, 200) << sales.body;
  Json report = Json::parse(sales.body);
  EXPECT_EQ(report["registers"][0]["store_id"], "B1");
  EXPECT_EQ(report["registers"][0]["receipts"], 2);
  EXPECT_EQ(report["stores"][0]["gross_cents"], 2 * 249);
  EXPECT_EQ(report["total"]["cash_cents"], 2 * 249);
  EXPECT_EQ(Json::parse(get("/api/v1/reports/sales?day=2026-11-27", "Bearer admin").body)["registers"].size(), 0u);
  EXPECT_EQ(get("/api/v1/reports/sales?day=27.11.2026", "Bearer admin").status, 400);
  EXPECT_EQ(get("/api/v1/reports/sales", "Bearer nobody").status, 401);
  http::HttpResponse sync_state = get("/api/v1/sync/registers", "Bearer admin");
  ASSERT_EQ(sync_state.status, 200);
  EXPECT_EQ(Json::parse(sync_state.body)["registers"][0]["acked_seq"],
            static_cast<int64_t>(Journal(*till_->store).size()));
}

INSTANTIATE_TEST_SUITE_P(Backends, IngestTest,
                         testing::Values(storage::SqlDialect::kSqlite, storage::SqlDialect::kPostgres),
                         [](const testing::TestParamInfo<storage::SqlDialect>& param_info) {
                           return storage::BackendName(param_info.param);
                         });

}  // namespace
}  // namespace kasse::server
