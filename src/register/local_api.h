// LocalApi: the register's HTTP API on 127.0.0.1 for the cashier screen
// (docs/register.md lists every route with its request and answer).
//
// Handlers are thin: they parse the JSON body into domain values, call
// RegisterService or the catalog, and answer JSON; every expected failure
// becomes the stable JSON error through http::HttpResponse::Error. A finished
// sale's receipt goes to the printer sink only after the journal commit.
//
// Thread-safety: the HTTP server runs it on one thread; a mutex also guards the
// service against any second caller.
#pragma once

#include <functional>
#include <memory>
#include <mutex>
#include <set>
#include <string>

#include "base/clock.h"
#include "catalog/catalog.h"
#include "domain/in_store_ean.h"
#include "http/router.h"
#include "printing/seller_info.h"
#include "register/register_service.h"
#include "register/sync_client.h"

namespace kasse::reg {

struct LocalApiConfig {
  printing::SellerInfo seller;
  std::set<std::string> manager_ids;  // who may approve discounts
  InStoreEanRules in_store_rules = InStoreEanRules::GermanyGs1();
  // Receives the ESC/POS bytes of every finished receipt and slip (a printer
  // device or file); none: nothing is printed.
  std::function<void(const std::string&)> printer;
};

class LocalApi {
 public:
  // `sync` may be null (no server configured).
  LocalApi(LocalApiConfig config, const VatTable& vat_table, RegisterService& service, JournalStore& store,
           const catalog::Catalog& catalog, const SyncClient* sync, Clock& clock);

  http::HttpResponse Handle(http::HttpRequest& request);

 private:
  void AddRoutes();
  http::HttpResponse AddItem(const http::HttpRequest& request);
  http::HttpResponse AddPayment(const http::HttpRequest& request);
  http::HttpResponse Receipt(const http::HttpRequest& request);
  http::HttpResponse SaleAnswer();
  http::HttpResponse Finished(const journal::JournalEntry& entry);
  void AfterJournalWrite();

  LocalApiConfig config_;
  const VatTable& vat_table_;
  RegisterService& service_;
  JournalStore& store_;
  const catalog::Catalog& catalog_;
  const SyncClient* sync_;
  Clock& clock_;
  std::mutex mutex_;
  http::Router router_;

 public:
  // Called after every journal write (wakes the sync client).
  std::function<void()> on_journal_write;
};

}  // namespace kasse::reg
