// Test support: a fresh server database on either backend, migrated to the
// server's schema (src/schema/), with a pool and a
// MasterDataService over it, plus a few records to build on.
//
// Thread-safety: owned by one test.
#pragma once

#include <memory>
#include <span>
#include <string>

#include <gtest/gtest.h>

#include "masterdata/master_data_service.h"
#include "storage/migrator.h"
#include "storage/sql_pool.h"
#include "storage/testing/scratch_database.h"

namespace kasse::masterdata::testing {

inline constexpr int64_t kT0 = 1'735'689'600'000;  // 2025-01-01T00:00:00Z

Store MakeStore(const std::string& id);
Register MakeRegister(const std::string& id, const std::string& store);
catalog::Article MakeArticle(const std::string& number, std::vector<std::string> gtins,
                             const std::string& group = "MOPRO");
StorePrice MakePrice(const std::string& store, const std::string& article, int64_t cents, int64_t from_ms = kT0);
// `body` (7, 11, 12 or 13 digits) followed by its GS1 check digit.
std::string WithCheckDigit(const std::string& body);

// Parameterised by backend: SetUp() creates and migrates the database.
class MasterDataTest : public ::testing::TestWithParam<storage::SqlDialect> {
 protected:
  void SetUp() override;
  void TearDown() override;
  // Stores B1 and L1, group MOPRO.
  void AddBasics();

  std::unique_ptr<storage::ScratchDatabase> db_;
  std::unique_ptr<storage::SqlPool> pool_;
  std::unique_ptr<MasterDataService> service_;
};

std::string BackendTestName(const ::testing::TestParamInfo<storage::SqlDialect>& param_info);

}  // namespace kasse::masterdata::testing
