// LocalApi: the register's HTTP API on 127.0.0.1 for the cashier screen
// (docs/register.md lists every route with its request and answer).
//
// Handlers are thin: they parse the JSON body into domain values, call
// RegisterService or the catalog, and answer JSON; every expected failure
// becomes the stable JSON error through http::HttpResponse::Error. A finished
// sale's receipt goes to the printer sink only after the journal commit.
//
// Before any route runs, detail::RequestGuard checks the Host, Origin and
// Content-Type headers and, for every call that changes state, the API token
// (docs/register.md, "Local API protection"): a web page in the cashier's
// browser cannot work the till.
//
// Thread-safety: the HTTP server runs it on one thread; a mutex also guards the
// service against any second caller. set_port() before the server takes requests.
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
  // The secret every state-changing call must present (RegisterAgent makes one at
  // start and writes it to DATA_DIR/local-api.token); must not be empty.
  std::string api_token;
  // The address the API listens on; accepted in Host and Origin besides 127.0.0.1,
  // localhost and [::1].
  std::string listen_host = "127.0.0.1";
};

namespace detail {
class RequestGuard;
}

class LocalApi {
 public:
  // `sync` may be null (no server configured).
  LocalApi(LocalApiConfig config, const VatTable& vat_table, RegisterService& service, JournalStore& store,
           const catalog::Catalog& catalog, const SyncClient* sync, Clock& clock);
  ~LocalApi();

  // The port the API listens on: Host and Origin must name it.
  void set_port(uint16_t port);

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
  std::unique_ptr<detail::RequestGuard> guard_;
  std::mutex mutex_;
  http::Router router_;

 public:
  // Called after every journal write (wakes the sync client).
  std::function<void()> on_journal_write;
};

}  // namespace kasse::reg
