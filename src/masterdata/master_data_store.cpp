#include "masterdata/master_data_store.h"

#include <string>

#include "masterdata/detail/master_data_sql.h"
#include "masterdata/detail/store_rows.h"
#include "masterdata/validation.h"

namespace kasse::masterdata {
namespace {

using storage::SqlRow;
using storage::SqlValue;

Organisation OrganisationFromRow(const SqlRow& row) {
  return Organisation{row[0].AsText(), Address{row[1].AsText(), row[2].AsText(), row[3].AsText(), row[4].AsText()},
                      row[5].AsText(), row[6].AsText()};
}

Store StoreFromRow(const SqlRow& row) {
  return Store{StoreId(row[0].AsText()),
               row[1].AsText(),
               Address{row[2].AsText(), row[3].AsText(), row[4].AsText(), row[5].AsText()},
               row[6].AsText(),
               row[7].AsText(),
               row[8].AsText()};
}

Register RegisterFromRow(const SqlRow& row) {
  return Register{RegisterId(row[0].AsText()),
                  StoreId(row[1].AsText()),
                  row[2].AsText(),
                  row[3].AsText(),
                  row[4].AsText(),
                  row[5].AsText(),
                  row[6].AsText()};
}

PaymentType PaymentTypeFromRow(const SqlRow& row) {
  return PaymentType{PaymentTypeCode(row[0].AsText()), row[1].AsText(), row[2].AsText()};
}

}  // namespace

Status MasterDataStore::Write(const std::function<Status(storage::SqlConnection&)>& work) {
  Result<storage::SqlPool::Lease> connection = pool_.Acquire();
  if (!connection.ok()) return connection.status();
  Result<storage::SqlTransaction> transaction = storage::SqlTransaction::Begin(**connection);
  if (!transaction.ok()) return transaction.status();
  KASSE_RETURN_IF_ERROR(work(**connection));
  return transaction->Commit();
}

Result<int64_t> MasterDataStore::CatalogWrite(const Work& work) {
  int64_t version = 0;
  KASSE_RETURN_IF_ERROR(Write([&](storage::SqlConnection& connection) {
    // First, so the row lock orders this writer after every earlier one (see the header).
    Result<int64_t> bumped = connection.Run(detail::sql::kBumpVersion);
    if (!bumped.ok()) return bumped.status();
    Result<std::optional<SqlValue>> current = connection.QueryValue(detail::sql::kCurrentVersion);
    if (!current.ok()) return current.status();
    if (!current->has_value()) return Status::Internal("catalog_version has no row: migration V004 missing");
    version = (*current)->AsInt();
    return work(connection, version);
  }));
  if (on_catalog_commit_) on_catalog_commit_(version);
  return version;
}

Status MasterDataStore::PutOrganisation(const Organisation& o) {
  KASSE_RETURN_IF_ERROR(ValidateOrganisation(o));
  return Write([&](storage::SqlConnection& connection) {
    return connection
        .Run(detail::sql::kPutOrganisation,
             {o.name, o.address.street, o.address.postcode, o.address.city, o.address.country, o.tax_number, o.vat_id})
        .status();
  });
}

Result<Organisation> MasterDataStore::GetOrganisation() {
  return detail::QueryOne<Organisation>(pool_, detail::sql::kGetOrganisation, {}, OrganisationFromRow,
                                        Status::NotFound("organisation", "no organisation has been set up yet"));
}

Status MasterDataStore::PutStore(const Store& s) {
  KASSE_RETURN_IF_ERROR(ValidateStore(s));
  return Write([&](storage::SqlConnection& connection) {
    return connection
        .Run(detail::sql::kPutStore, {s.id.value(), s.name, s.address.street, s.address.postcode, s.address.city,
                                      s.address.country, s.tax_number, s.vat_id, s.time_zone})
        .status();
  });
}

Result<Store> MasterDataStore::GetStore(const StoreId& id) {
  return detail::QueryOne<Store>(pool_, std::string(detail::sql::kStoreColumns) + std::string(detail::sql::kGetStore),
                                 {id.value()}, StoreFromRow, detail::UnknownStore(id));
}

Result<Page<Store>> MasterDataStore::ListStores(const PageRequest& page) {
  return detail::QueryPage<Store>(pool_,
                                  std::string(detail::sql::kStoreColumns) + std::string(detail::sql::kListStores), {},
                                  page, StoreFromRow, [](const Store& s) { return s.id.value(); });
}

Status MasterDataStore::PutRegister(const Register& r) {
  KASSE_RETURN_IF_ERROR(ValidateRegister(r));
  return Write([&](storage::SqlConnection& connection) {
    KASSE_RETURN_IF_ERROR(detail::ExpectStore(connection, r.store));
    return connection
        .Run(detail::sql::kPutRegister,
             {r.id.value(), r.store.value(), r.label, r.brand, r.model, r.software_brand, r.software_version})
        .status();
  });
}

Result<Register> MasterDataStore::GetRegister(const RegisterId& id) {
  return detail::QueryOne<Register>(
      pool_, std::string(detail::sql::kRegisterColumns) + std::string(detail::sql::kGetRegister), {id.value()},
      RegisterFromRow, Status::NotFound("register_id", "unknown register " + id.value()));
}

Result<Page<Register>> MasterDataStore::ListRegisters(const PageRequest& page, const std::optional<StoreId>& store) {
  auto key = [](const Register& r) { return r.id.value(); };
  if (!store.has_value()) {
    return detail::QueryPage<Register>(
        pool_, std::string(detail::sql::kRegisterColumns) + std::string(detail::sql::kListRegisters), {}, page,
        RegisterFromRow, key);
  }
  KASSE_RETURN_IF_ERROR(GetStore(*store).status());
  return detail::QueryPage<Register>(
      pool_, std::string(detail::sql::kRegisterColumns) + std::string(detail::sql::kListStoreRegisters),
      {store->value()}, page, RegisterFromRow, key);
}

Status MasterDataStore::PutPaymentType(const PaymentType& type) {
  KASSE_RETURN_IF_ERROR(ValidatePaymentType(type));
  return Write([&](storage::SqlConnection& connection) {
    return connection.Run(detail::sql::kPutPaymentType, {type.code.value(), type.name, type.kind}).status();
  });
}

Result<PaymentType> MasterDataStore::GetPaymentType(const PaymentTypeCode& code) {
  return detail::QueryOne<PaymentType>(
      pool_, std::string(detail::sql::kPaymentTypeColumns) + std::string(detail::sql::kGetPaymentType), {code.value()},
      PaymentTypeFromRow, Status::NotFound("code", "unknown payment type " + code.value()));
}

Result<Page<PaymentType>> MasterDataStore::ListPaymentTypes(const PageRequest& page) {
  return detail::QueryPage<PaymentType>(
      pool_, std::string(detail::sql::kPaymentTypeColumns) + std::string(detail::sql::kListPaymentTypes), {}, page,
      PaymentTypeFromRow, [](const PaymentType& t) { return t.code.value(); });
}

Result<std::vector<VatKeyRecord>> MasterDataStore::ListVatKeys() {
  Result<storage::SqlPool::Lease> connection = pool_.Acquire();
  if (!connection.ok()) return connection.status();
  Result<std::vector<SqlRow>> rows = (*connection)->Query(detail::sql::kListVatKeys);
  if (!rows.ok()) return rows.status();
  std::vector<VatKeyRecord> keys;
  for (const SqlRow& row : *rows) {
    std::optional<int64_t> to;
    if (!row[4].is_null()) to = row[4].AsInt();
    keys.push_back(VatKeyRecord{VatKey(static_cast<int>(row[0].AsInt())), VatRate(static_cast<int>(row[1].AsInt())),
                                row[2].AsText(), row[3].AsInt(), to});
  }
  return keys;
}

}  // namespace kasse::masterdata
