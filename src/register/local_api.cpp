#include "register/local_api.h"

#include <algorithm>

#include "domain/scanned_code.h"
#include "journal/entry_json.h"
#include "printing/electronic_receipt.h"
#include "printing/escpos.h"
#include "printing/layout_entry.h"
#include "register/detail/api_json.h"
#include "register/detail/request_guard.h"

namespace kasse::reg {
namespace {

using detail::Json;
using http::HttpRequest;
using http::HttpResponse;

constexpr size_t kMaxSearchResults = 50;

}  // namespace

LocalApi::LocalApi(LocalApiConfig config, const VatTable& vat_table, RegisterService& service, JournalStore& store,
                   const catalog::Catalog& catalog, const SyncClient* sync, Clock& clock)
    : config_(std::move(config)),
      vat_table_(vat_table),
      service_(service),
      store_(store),
      catalog_(catalog),
      sync_(sync),
      clock_(clock),
      guard_(std::make_unique<detail::RequestGuard>(config_.api_token, config_.listen_host)) {
  AddRoutes();
}

LocalApi::~LocalApi() = default;

void LocalApi::set_port(uint16_t port) { guard_->set_port(port); }

HttpResponse LocalApi::Handle(HttpRequest& request) {
  if (std::optional<HttpResponse> refused = guard_->Check(request)) return *refused;
  std::lock_guard lock(mutex_);
  return router_.Handle(request);
}

HttpResponse LocalApi::SaleAnswer() {
  const Sale* sale = service_.sale();
  return detail::Ok(Json{{"sale", sale == nullptr ? Json(nullptr) : detail::SaleJson(*sale)}});
}

void LocalApi::AfterJournalWrite() {
  if (on_journal_write) on_journal_write();
}

HttpResponse LocalApi::Finished(const journal::JournalEntry& entry) {
  AfterJournalWrite();
  Result<printing::Printout> printout = printing::LayoutEntry(config_.seller, entry);
  if (printout.ok() && config_.printer) config_.printer(printing::EncodeEscPos(*printout));
  Json json{{"entry", Json::parse(journal::EncodeEntry(entry))},
            {"receipt_text", printout.ok() ? printout->ToText() : ""}};
  return detail::Ok(json);
}

// Binds `var` to a Result, or answers its error (a macro, because the handler must return).
// `var` names a new variable, so it cannot be parenthesised.
// NOLINTBEGIN(bugprone-macro-parentheses)
#define KASSE_TRY(var, expr) \
  auto var = (expr);         \
  if (!(var).ok()) return HttpResponse::Error((var).status())
// NOLINTEND(bugprone-macro-parentheses)

// Every route is Access::kPublic for the router: Handle() has checked the request with the RequestGuard
// (the API token for every change) before it gets here.
void LocalApi::AddRoutes() {
  router_.Add("GET", "/api/status", http::Access::kPublic, [this](const HttpRequest&) {
    const ShiftState& shift = service_.shift();
    Json json{{"register_id", service_.register_id().value()},
              {"shift", {{"open", shift.open}, {"cashier", shift.cashier.name}, {"z_number", shift.closing_number}}},
              {"catalog_version", catalog_.version()},
              {"tse", service_.tse_outage() ? Json{{"ok", false}, {"outage", service_.tse_outage()->reason}}
                                            : Json{{"ok", true}}}};
    if (sync_ != nullptr) {
      // The journal's own head, not the sync client's last view of it: an entry written
      // since its last upload is pending, and the status must say so.
      SyncStatus sync = sync_->status();
      KASSE_TRY(head, store_.LastSeq());
      sync.last_seq = std::max(sync.last_seq, *head);
      sync.backlog = sync.last_seq - sync.acked_seq;
      json["sync"] = {{"online", sync.online},         {"backlog", sync.backlog},
                      {"acked_seq", sync.acked_seq},   {"last_seq", sync.last_seq},
                      {"last_error", sync.last_error}, {"last_success_ms", sync.last_success_ms}};
    } else {
      json["sync"] = {{"online", false}, {"last_error", "no server configured"}};
    }
    return detail::Ok(json);
  });
  router_.Add("POST", "/api/shift/open", http::Access::kPublic, [this](const HttpRequest& request) {
    KASSE_TRY(body, detail::Body(request));
    KASSE_TRY(id, detail::Text(*body, "cashier_id"));
    KASSE_TRY(name, detail::Text(*body, "cashier_name"));
    KASSE_TRY(opening_float, detail::Amount(*body, "opening_float"));
    KASSE_TRY(entry, service_.OpenShift({*id, *name}, *opening_float));
    return Finished(*entry);
  });
  router_.Add("POST", "/api/shift/close", http::Access::kPublic, [this](const HttpRequest& request) {
    KASSE_TRY(body, detail::Body(request));
    KASSE_TRY(counted, detail::Amount(*body, "counted_cash"));
    KASSE_TRY(entry, service_.CloseShift(*counted));
    return Finished(*entry);
  });
  router_.Add("GET", "/api/sale", http::Access::kPublic, [this](const HttpRequest&) { return SaleAnswer(); });
  router_.Add("POST", "/api/sale/items", http::Access::kPublic,
              [this](const HttpRequest& request) { return AddItem(request); });
  router_.Add("PUT", "/api/sale/lines/{line}", http::Access::kPublic, [this](const HttpRequest& request) {
    KASSE_TRY(line, detail::LineIndex(request));
    KASSE_TRY(body, detail::Body(request));
    KASSE_TRY(text, detail::Text(*body, "quantity"));
    const Sale* sale = service_.sale();
    if (sale == nullptr || *line >= sale->draft().receipt.lines.size()) {
      return HttpResponse::Error(Status::NotFound("line", "the sale has no such line"));
    }
    KASSE_TRY(quantity, Quantity::Parse(*text, sale->draft().receipt.lines[*line].quantity.unit()));
    Status status = service_.SetQuantity(*line, *quantity);
    return status.ok() ? SaleAnswer() : HttpResponse::Error(status.WithFieldPrefix("quantity"));
  });
  router_.Add("DELETE", "/api/sale/lines/{line}", http::Access::kPublic, [this](const HttpRequest& request) {
    KASSE_TRY(line, detail::LineIndex(request));
    Status status = service_.VoidLine(*line);
    return status.ok() ? SaleAnswer() : HttpResponse::Error(status);
  });
  router_.Add("POST", "/api/sale/lines/{line}/discount", http::Access::kPublic, [this](const HttpRequest& request) {
    KASSE_TRY(line, detail::LineIndex(request));
    KASSE_TRY(body, detail::Body(request));
    KASSE_TRY(amount, detail::Amount(*body, "amount"));
    KASSE_TRY(approval, detail::Approval(*body, config_.manager_ids));
    Status status = service_.SetLineDiscount(*line, *amount, *approval);
    return status.ok() ? SaleAnswer() : HttpResponse::Error(status);
  });
  router_.Add("POST", "/api/sale/discount", http::Access::kPublic, [this](const HttpRequest& request) {
    KASSE_TRY(body, detail::Body(request));
    KASSE_TRY(amount, detail::Amount(*body, "amount"));
    KASSE_TRY(approval, detail::Approval(*body, config_.manager_ids));
    Status status = service_.SetReceiptDiscount(*amount, *approval);
    return status.ok() ? SaleAnswer() : HttpResponse::Error(status);
  });
  router_.Add("POST", "/api/sale/payments", http::Access::kPublic,
              [this](const HttpRequest& request) { return AddPayment(request); });
  router_.Add("DELETE", "/api/sale/payments", http::Access::kPublic, [this](const HttpRequest&) {
    Status status = service_.ClearPayments();
    return status.ok() ? SaleAnswer() : HttpResponse::Error(status);
  });
  router_.Add("POST", "/api/sale/abort", http::Access::kPublic, [this](const HttpRequest&) {
    KASSE_TRY(left, service_.LeaveSale());  // every sale can be left, an empty return too
    return *left ? Finished(**left) : SaleAnswer();
  });
  router_.Add("POST", "/api/sale/park", http::Access::kPublic, [this](const HttpRequest&) {
    KASSE_TRY(slot, service_.ParkSale());
    return detail::Ok(Json{{"slot", *slot}});
  });
  router_.Add("GET", "/api/parked", http::Access::kPublic, [this](const HttpRequest&) {
    KASSE_TRY(parked, service_.ParkedSales());
    Json list = Json::array();
    for (const ParkedSale& sale : *parked) {
      Sale view(vat_table_, sale.draft);
      list.push_back({{"slot", sale.slot}, {"parked_ms", sale.parked_ms}, {"sale", detail::SaleJson(view)}});
    }
    return detail::Ok(Json{{"parked", list}});
  });
  router_.Add("POST", "/api/parked/{slot}/resume", http::Access::kPublic, [this](const HttpRequest& request) {
    const std::string& slot = request.path_params.at("slot");
    if (slot.empty() || slot.size() > 9 || slot.find_first_not_of("0123456789") != std::string::npos) {
      return HttpResponse::Error(Status::InvalidArgument("slot", "must be a number"));
    }
    Status status = service_.ResumeSale(std::stoll(slot));
    return status.ok() ? SaleAnswer() : HttpResponse::Error(status);
  });
  router_.Add("POST", "/api/returns", http::Access::kPublic, [this](const HttpRequest& request) {
    KASSE_TRY(body, detail::Body(request));
    std::optional<int64_t> original;
    if (auto it = body->find("receipt_number"); it != body->end() && !it->is_null()) {
      if (!it->is_number_integer() || it->get<int64_t>() < 1) {
        return HttpResponse::Error(Status::InvalidArgument("receipt_number", "must be a receipt number"));
      }
      original = it->get<int64_t>();
    }
    KASSE_TRY(sold_at, detail::Text(*body, "register_id", false));
    Status status = service_.StartReturn(original, RegisterId(*sold_at));
    return status.ok() ? SaleAnswer() : HttpResponse::Error(status);
  });
  router_.Add("POST", "/api/sale/returned-lines", http::Access::kPublic, [this](const HttpRequest& request) {
    KASSE_TRY(body, detail::Body(request));
    auto line = body->find("line");
    if (line == body->end() || !line->is_number_integer() || line->get<int64_t>() < 1) {
      return HttpResponse::Error(Status::InvalidArgument("line", "must be a line number of the original, from 1"));
    }
    KASSE_TRY(text, detail::Text(*body, "quantity"));
    KASSE_TRY(quantity, Quantity::Parse(*text, Unit::kKilogram));  // unit checked against the original
    Status status = service_.ReturnLine(static_cast<size_t>(line->get<int64_t>() - 1), *quantity);
    return status.ok() ? SaleAnswer() : HttpResponse::Error(status);
  });
  router_.Add("POST", "/api/cash", http::Access::kPublic, [this](const HttpRequest& request) {
    KASSE_TRY(body, detail::Body(request));
    KASSE_TRY(kind_name, detail::Text(*body, "kind"));
    std::optional<journal::CashMovementKind> kind = journal::CashMovementKindFromName(*kind_name);
    if (!kind) return HttpResponse::Error(Status::InvalidArgument("kind", "is not a cash movement kind"));
    KASSE_TRY(amount, detail::Amount(*body, "amount"));
    KASSE_TRY(note, detail::Text(*body, "note", false));
    KASSE_TRY(entry, service_.MoveCash(*kind, *amount, *note));
    return Finished(*entry);
  });
  router_.Add("GET", "/api/receipts/{number}", http::Access::kPublic,
              [this](const HttpRequest& request) { return Receipt(request); });
  router_.Add("GET", "/api/catalog/search", http::Access::kPublic, [this](const HttpRequest& request) {
    auto q = request.query.find("q");
    if (q == request.query.end() || q->second.empty()) {
      return HttpResponse::Error(Status::InvalidArgument("q", "is required"));
    }
    Json list = Json::array();
    for (const catalog::ArticleView& view : catalog_.Search(q->second, clock_.NowUnixMillis(), kMaxSearchResults)) {
      list.push_back({{"article", view.article.number.value()},
                      {"text", view.article.text},
                      {"unit_price", view.price.unit_price.ToString()},
                      {"unit", UnitSymbol(view.article.unit)}});
    }
    return detail::Ok(Json{{"articles", list}});
  });
}

HttpResponse LocalApi::AddItem(const HttpRequest& request) {
  KASSE_TRY(body, detail::Body(request));
  KASSE_TRY(code_text, detail::Text(*body, "code", false));
  KASSE_TRY(article_text, detail::Text(*body, "article", false));
  KASSE_TRY(quantity_text, detail::Text(*body, "quantity", false));
  int64_t now = clock_.NowUnixMillis();
  std::optional<catalog::ScannedItem> item;
  bool label_gives_quantity = false;
  if (!code_text->empty()) {
    KASSE_TRY(code, ParseScannedCode(*code_text, config_.in_store_rules));
    KASSE_TRY(resolved, catalog_.Resolve(*code, now));
    item = *resolved;
    label_gives_quantity = std::holds_alternative<InStoreCode>(*code);
  } else if (!article_text->empty()) {
    KASSE_TRY(view, catalog_.FindByNumber(ArticleNumber(*article_text), now));
    item = catalog::ScannedItem{view->article, std::nullopt, view->price.unit_price, std::nullopt};
  } else {
    return HttpResponse::Error(Status::InvalidArgument("code", "give a scanned code or an article number"));
  }
  std::optional<Quantity> quantity = item->quantity;
  if (!quantity_text->empty()) {
    if (label_gives_quantity) {
      return HttpResponse::Error(Status::InvalidArgument("quantity", "the label already gives it"));
    }
    KASSE_TRY(parsed, Quantity::Parse(*quantity_text, item->article.unit));
    quantity = *parsed;
  }
  if (!quantity) {
    if (IsWeighed(item->article.unit)) {
      return HttpResponse::Error(Status::InvalidArgument("quantity", "weigh the article: its quantity is required"));
    }
    quantity = Quantity::Pieces(1);
  }
  SaleItem sale_item{item->article.number, item->article.text, item->unit_price, item->article.vat_key,
                     item->article.product_group};
  Status status = service_.AddItem(sale_item, *quantity);
  return status.ok() ? SaleAnswer() : HttpResponse::Error(status);
}

HttpResponse LocalApi::AddPayment(const HttpRequest& request) {
  KASSE_TRY(body, detail::Body(request));
  KASSE_TRY(method_name, detail::Text(*body, "method"));
  KASSE_TRY(method, detail::Method(*method_name));
  KASSE_TRY(amount, detail::Amount(*body, "amount"));
  Payment payment{*method, *amount, std::nullopt};
  KASSE_TRY(currency, detail::Text(*body, "currency", false));
  if (!currency->empty() && *currency != "EUR") {
    KASSE_TRY(foreign, detail::Amount(*body, "foreign_amount"));
    payment.foreign = ForeignAmount{*currency, *foreign};
  }
  if (auto settle = body->find("settle"); settle != body->end() && settle->is_boolean() && settle->get<bool>()) {
    const Sale* sale = service_.sale();
    Money due = sale == nullptr ? Money::Zero() : sale->Due();
    if (sale != nullptr && (due.is_negative() ? payment.amount > due : payment.amount < due)) {
      return HttpResponse::Error(Status::InvalidArgument(
          "amount", payment.amount.ToString() + " does not cover the " + due.ToString() + " due"));
    }
  }
  KASSE_TRY(finished, service_.AddPayment(payment));
  if (*finished) return Finished(**finished);
  return SaleAnswer();
}

HttpResponse LocalApi::Receipt(const HttpRequest& request) {
  const std::string& number = request.path_params.at("number");
  if (number.empty() || number.size() > 18 || number.find_first_not_of("0123456789") != std::string::npos) {
    return HttpResponse::Error(Status::InvalidArgument("number", "must be a receipt number"));
  }
  KASSE_TRY(found, store_.FindReceipt(std::stoll(number)));
  if (!*found) return HttpResponse::Error(Status::NotFound("number", "no receipt " + number + " at this register"));
  auto format = request.query.find("format");
  std::string wanted = format == request.query.end() ? "text" : format->second;
  if (wanted == "json") {
    KASSE_TRY(json, printing::ReceiptJson(config_.seller, **found));
    return HttpResponse::Json(200, *json);
  }
  if (wanted == "html") {
    KASSE_TRY(html, printing::ReceiptHtml(config_.seller, **found));
    return HttpResponse::Text(200, *html, "text/html; charset=utf-8");
  }
  KASSE_TRY(printout, printing::LayoutEntry(config_.seller, **found));
  if (wanted == "escpos") return HttpResponse::Text(200, printing::EncodeEscPos(*printout), "application/octet-stream");
  if (wanted != "text")
    return HttpResponse::Error(Status::InvalidArgument("format", "must be text, escpos, json or html"));
  return HttpResponse::Text(200, printout->ToText());
}

#undef KASSE_TRY

}  // namespace kasse::reg
