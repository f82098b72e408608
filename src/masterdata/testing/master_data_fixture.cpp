#include "masterdata/testing/master_data_fixture.h"

#include "domain/gtin.h"
#include "schema/server_schema.h"
#include "storage/sql_migrator.h"

namespace kasse::masterdata::testing {

Store MakeStore(const std::string& id) {
  return Store{StoreId(id), "Filiale " + id, Address{"Hauptstraße 1", "10115", "Berlin", "DE"}, "",
               "",          "Europe/Berlin"};
}

Register MakeRegister(const std::string& id, const std::string& store) {
  return Register{RegisterId(id), StoreId(store), "Kasse " + id, "Kasse", "K1", "Kasse", "0.4"};
}

catalog::Article MakeArticle(const std::string& number, std::vector<std::string> gtins, const std::string& group) {
  return catalog::Article{ArticleNumber(number), "Artikel " + number, std::move(gtins), std::nullopt, VatKey(1),
                          ProductGroupId(group), Unit::kPiece};
}

StorePrice MakePrice(const std::string& store, const std::string& article, int64_t cents, int64_t from_ms) {
  return StorePrice{StoreId(store),
                    catalog::Price{ArticleNumber(article), Money::FromCents(cents), from_ms, std::nullopt}};
}

std::string WithCheckDigit(const std::string& body) { return body + std::to_string(Gtin::CheckDigit(body)); }

void MasterDataTest::SetUp() {
  Result<std::unique_ptr<storage::ScratchDatabase>> db = storage::ScratchDatabase::Create(GetParam());
  ASSERT_TRUE(db.ok()) << db.status().ToString();
  db_ = std::move(*db);
  Result<std::unique_ptr<storage::SqlPool>> pool = storage::OpenSqlPool(db_->target(), 4);
  ASSERT_TRUE(pool.ok()) << pool.status().ToString();
  pool_ = std::move(*pool);
  {
    Result<storage::SqlPool::Lease> connection = pool_->Acquire();
    ASSERT_TRUE(connection.ok());
    Status migrated = storage::MigrateSql(**connection, schema::ServerMigrations(GetParam()));
    ASSERT_TRUE(migrated.ok()) << migrated.ToString();
  }
  service_ = std::make_unique<MasterDataService>(*pool_);
}

void MasterDataTest::TearDown() {
  service_.reset();
  pool_.reset();
  db_.reset();
}

void MasterDataTest::AddBasics() {
  MasterDataStore& store = service_->store();
  ASSERT_TRUE(store.PutStore(MakeStore("B1")).ok());
  ASSERT_TRUE(store.PutStore(MakeStore("L1")).ok());
  ASSERT_TRUE(store.PutProductGroup({ProductGroupId("MOPRO"), "Molkereiprodukte"}).ok());
}

std::string BackendTestName(const ::testing::TestParamInfo<storage::SqlDialect>& param_info) {
  return storage::BackendName(param_info.param);
}

}  // namespace kasse::masterdata::testing
