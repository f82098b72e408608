#include "register/detail/api_json.h"

#include "base/json_nesting.h"

namespace kasse::reg::detail {

std::string Dump(const Json& json) { return json.dump(-1, ' ', false, Json::error_handler_t::replace); }
http::HttpResponse Ok(const Json& json) { return http::HttpResponse::Json(200, Dump(json)); }

Result<Json> Body(const http::HttpRequest& request) {
  KASSE_RETURN_IF_ERROR(CheckJsonNesting(request.body));
  Json json = Json::parse(request.body.empty() ? "{}" : request.body, nullptr, /*allow_exceptions=*/false);
  if (json.is_discarded() || !json.is_object()) return Status::InvalidArgument("", "the body must be a JSON object");
  return json;
}

Result<std::string> Text(const Json& body, const char* name, bool required) {
  auto it = body.find(name);
  if (it == body.end() || it->is_null()) {
    if (required) return Status::InvalidArgument(name, "is required");
    return std::string();
  }
  if (!it->is_string()) return Status::InvalidArgument(name, "must be a string");
  return it->get<std::string>();
}

Result<Money> Amount(const Json& body, const char* name) {
  Result<std::string> text = Text(body, name);
  if (!text.ok()) return text.status();
  Result<Money> amount = Money::Parse(*text);
  if (!amount.ok()) return amount.status().WithFieldPrefix(name);
  return amount;
}

Result<size_t> LineIndex(const http::HttpRequest& request) {
  const std::string& text = request.path_params.at("line");
  if (text.empty() || text.size() > 4 || text.find_first_not_of("0123456789") != std::string::npos) {
    return Status::InvalidArgument("line", "must be a line number from 1");
  }
  size_t line = std::stoul(text);
  if (line == 0) return Status::InvalidArgument("line", "must be a line number from 1");
  return line - 1;
}

Result<journal::Approval> Approval(const Json& body, const std::set<std::string>& managers) {
  Result<std::string> manager = Text(body, "manager_id");
  Result<std::string> reason = Text(body, "reason");
  if (!manager.ok()) return manager.status();
  if (!reason.ok()) return reason.status();
  if (!managers.contains(*manager)) {
    return Status::InvalidArgument("manager_id", "is not a manager of this register; a discount needs one");
  }
  return journal::Approval{*manager, *reason};
}

Result<PaymentMethod> Method(const std::string& name) {
  for (PaymentMethod method :
       {PaymentMethod::kCash, PaymentMethod::kGirocard, PaymentMethod::kCreditCard, PaymentMethod::kVoucher}) {
    if (PaymentMethodName(method) == name) return method;
  }
  return Status::InvalidArgument("method", "must be cash, girocard, credit_card or voucher");
}

namespace {

Json LineJson(size_t index, const ReceiptLine& line, const LineTotals* totals) {
  Json json{{"line", index + 1},
            {"article", line.article.value()},
            {"text", line.text},
            {"quantity", line.quantity.ToString()},
            {"unit", UnitSymbol(line.quantity.unit())},
            {"unit_price", line.unit_price.ToString()},
            {"discount", line.line_discount.ToString()},
            {"vat_key", line.vat_key.value()}};
  if (totals != nullptr) json["amount"] = totals->gross.ToString();
  return json;
}

}  // namespace

Json SaleJson(const Sale& sale) {
  const journal::ReceiptEntry& draft = sale.draft();
  Result<ReceiptTotals> totals = sale.Totals();
  Json lines = Json::array();
  for (size_t i = 0; i < draft.receipt.lines.size(); ++i) {
    lines.push_back(LineJson(i, draft.receipt.lines[i], totals.ok() ? &totals->lines[i] : nullptr));
  }
  Json payments = Json::array();
  for (const Payment& p : draft.receipt.payments) {
    payments.push_back({{"method", PaymentMethodName(p.method)}, {"amount", p.amount.ToString()}});
  }
  Json json{{"lines", lines},
            {"payments", payments},
            {"receipt_discount", draft.receipt.receipt_discount.ToString()},
            {"total", totals.ok() ? totals->total.ToString() : "0.00"},
            {"due", sale.Due().ToString()},
            {"is_return", sale.is_return()},
            {"return_without_receipt", draft.receipt.return_without_receipt}};
  if (draft.tse.started) json["tse_transaction"] = draft.tse.started->transaction_number;
  if (!draft.tse.failure.empty()) json["tse_failure"] = draft.tse.failure;
  return json;
}

}  // namespace kasse::reg::detail
