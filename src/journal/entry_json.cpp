#include "journal/entry_json.h"

#include <array>
#include <utility>

#include <nlohmann/json.hpp>

#include "base/json_nesting.h"
#include "base/result.h"
#include "base/status.h"
#include "journal/detail/json_reader.h"
#include "journal/detail/tse_json.h"

namespace kasse::journal {
namespace {

using detail::JsonReader;
using Json = nlohmann::json;

constexpr std::array kReceiptTypes = {
    ReceiptType::kBeleg,          ReceiptType::kAVRechnung,  ReceiptType::kAVTransfer,
    ReceiptType::kAVBestellung,   ReceiptType::kAVTraining,  ReceiptType::kAVBelegstorno,
    ReceiptType::kAVBelegabbruch, ReceiptType::kAVSachbezug, ReceiptType::kAVSonstige};
constexpr std::array kPaymentMethods = {PaymentMethod::kCash, PaymentMethod::kGirocard, PaymentMethod::kCreditCard,
                                        PaymentMethod::kVoucher};

template <typename T, size_t N, typename NameOf>
std::optional<T> FromName(const std::array<T, N>& all, NameOf name_of, std::string_view name) {
  for (const T& value : all) {
    if (name_of(value) == name) return value;
  }
  return std::nullopt;
}

Json EncodeCashier(const Cashier& cashier) { return Json{{"id", cashier.id}, {"name", cashier.name}}; }

Cashier DecodeCashier(JsonReader& parent, std::string_view name) {
  Cashier cashier;
  const Json* json = parent.Object(name);
  if (json == nullptr) return cashier;
  JsonReader r(*json, parent.PathOf(name));
  cashier.id = r.String("id");
  cashier.name = r.String("name");
  parent.Absorb(r.Finish());
  return cashier;
}

Json EncodeVat(const std::vector<VatTotals>& vat) {
  Json list = Json::array();
  for (const VatTotals& v : vat) {
    list.push_back({{"key", v.key.value()},
                    {"rate_bp", v.rate.basis_points()},
                    {"slot", v.slot},
                    {"gross_cents", v.gross.cents()},
                    {"net_cents", v.net.cents()},
                    {"vat_cents", v.vat.cents()}});
  }
  return list;
}

int SmallInt(JsonReader& r, std::string_view name, int64_t min, int64_t max) {
  int64_t value = r.Int(name);
  if (r.ok() && (value < min || value > max)) {
    r.Fail(name, "must be between " + std::to_string(min) + " and " + std::to_string(max));
  }
  return static_cast<int>(value);
}

std::vector<VatTotals> DecodeVat(JsonReader& parent, std::string_view name) {
  std::vector<VatTotals> vat;
  const Json* list = parent.Array(name);
  if (list == nullptr) return vat;
  for (size_t i = 0; i < list->size() && parent.ok(); ++i) {
    JsonReader r((*list)[i], parent.PathOf(IndexedField(name, i)));
    VatKey key(SmallInt(r, "key", 1, 1'000'000));
    VatRate rate(SmallInt(r, "rate_bp", 0, VatRate::kHundredPercent));
    int slot = SmallInt(r, "slot", 1, 5);
    vat.push_back({key, rate, slot, Money::FromCents(r.Int("gross_cents")), Money::FromCents(r.Int("net_cents")),
                   Money::FromCents(r.Int("vat_cents"))});
    parent.Absorb(r.Finish());
  }
  return vat;
}

Json EncodeLine(const ReceiptLine& line) {
  return Json{{"article", line.article.value()},
              {"text", line.text},
              {"unit", UnitCode(line.quantity.unit())},
              {"quantity_milli", line.quantity.milli()},
              {"unit_price_cents", line.unit_price.cents()},
              {"discount_cents", line.line_discount.cents()},
              {"vat_key", line.vat_key.value()},
              {"product_group", line.product_group.value()}};
}

ReceiptLine DecodeLine(JsonReader& r) {
  ReceiptLine line;
  line.article = ArticleNumber(r.String("article"));
  line.text = r.String("text");
  std::optional<Unit> unit = UnitFromCode(r.String("unit"));
  if (r.ok() && !unit) r.Fail("unit", "must be piece, kg, l or m");
  line.quantity = Quantity::Milli(unit.value_or(Unit::kPiece), r.Int("quantity_milli"));
  line.unit_price = Money::FromCents(r.Int("unit_price_cents"));
  line.line_discount = Money::FromCents(r.Int("discount_cents"));
  line.vat_key = VatKey(SmallInt(r, "vat_key", 1, 1'000'000));
  line.product_group = ProductGroupId(r.String("product_group"));
  return line;
}

Json EncodePayment(const Payment& payment) {
  Json json{{"method", PaymentMethodName(payment.method)}, {"amount_cents", payment.amount.cents()}};
  if (payment.foreign) {
    json["currency"] = payment.foreign->currency;
    json["foreign_cents"] = payment.foreign->amount.cents();
  }
  return json;
}

Payment DecodePayment(JsonReader& r) {
  Payment payment;
  std::string method = r.String("method");
  std::optional<PaymentMethod> known = FromName(kPaymentMethods, PaymentMethodName, method);
  if (r.ok() && !known) r.Fail("method", "must be cash, girocard, credit_card or voucher");
  payment.method = known.value_or(PaymentMethod::kCash);
  payment.amount = Money::FromCents(r.Int("amount_cents"));
  std::string currency = r.OptionalString("currency");
  if (!currency.empty()) payment.foreign = ForeignAmount{currency, Money::FromCents(r.Int("foreign_cents"))};
  return payment;
}

template <typename T, typename Decode>
std::vector<T> DecodeList(JsonReader& parent, std::string_view name, Decode decode) {
  std::vector<T> items;
  const Json* list = parent.Array(name);
  if (list == nullptr) return items;
  for (size_t i = 0; i < list->size() && parent.ok(); ++i) {
    JsonReader r((*list)[i], parent.PathOf(IndexedField(name, i)));
    items.push_back(decode(r));
    parent.Absorb(r.Finish());
  }
  return items;
}

Json EncodeReceipt(const ReceiptEntry& entry) {
  Json lines = Json::array();
  for (const ReceiptLine& line : entry.receipt.lines) lines.push_back(EncodeLine(line));
  Json payments = Json::array();
  for (const Payment& payment : entry.receipt.payments) payments.push_back(EncodePayment(payment));
  Json json{{"receipt_number", entry.receipt_number},
            {"cashier", EncodeCashier(entry.cashier)},
            {"type", ReceiptTypeName(entry.receipt.type)},
            {"lines", lines},
            {"receipt_discount_cents", entry.receipt.receipt_discount.cents()},
            {"payments", payments},
            {"vat", EncodeVat(entry.vat)},
            {"total_cents", entry.total.cents()},
            {"change_cents", entry.change.cents()},
            {"started_ms", entry.started_ms},
            {"finished_ms", entry.finished_ms},
            {"return_without_receipt", entry.receipt.return_without_receipt},
            {"tse", detail::EncodeTseRecord(entry.tse)}};
  if (entry.receipt.original) {
    const ReceiptReference& original = *entry.receipt.original;
    json["original"] = {{"register_id", original.register_id.value()},
                        {"closing_number", original.closing_number},
                        {"receipt_id", original.receipt_id.value()}};
  }
  if (entry.discount_approval) {
    json["discount_approval"] = {{"manager_id", entry.discount_approval->manager_id},
                                 {"reason", entry.discount_approval->reason}};
  }
  return json;
}

ReceiptEntry DecodeReceipt(JsonReader& r) {
  ReceiptEntry entry;
  entry.receipt_number = r.Int("receipt_number");
  entry.cashier = DecodeCashier(r, "cashier");
  std::string type = r.String("type");
  std::optional<ReceiptType> known = FromName(kReceiptTypes, ReceiptTypeName, type);
  if (r.ok() && !known) r.Fail("type", "is not a DSFinV-K BON_TYP");
  entry.receipt.type = known.value_or(ReceiptType::kBeleg);
  entry.receipt.lines = DecodeList<ReceiptLine>(r, "lines", DecodeLine);
  entry.receipt.receipt_discount = Money::FromCents(r.Int("receipt_discount_cents"));
  entry.receipt.payments = DecodeList<Payment>(r, "payments", DecodePayment);
  if (const Json* original = r.Object("original", true); original != nullptr) {
    JsonReader o(*original, r.PathOf("original"));
    ReceiptReference reference;
    reference.register_id = RegisterId(o.String("register_id"));
    reference.closing_number = o.Int("closing_number");
    reference.receipt_id = ReceiptId(o.String("receipt_id"));
    r.Absorb(o.Finish());
    entry.receipt.original = reference;
  }
  entry.vat = DecodeVat(r, "vat");
  entry.total = Money::FromCents(r.Int("total_cents"));
  entry.change = Money::FromCents(r.Int("change_cents"));
  entry.started_ms = r.Int("started_ms");
  entry.finished_ms = r.Int("finished_ms");
  entry.receipt.return_without_receipt = r.Bool("return_without_receipt", false);
  if (const Json* approval = r.Object("discount_approval", true); approval != nullptr) {
    JsonReader a(*approval, r.PathOf("discount_approval"));
    entry.discount_approval = Approval{a.String("manager_id"), a.String("reason")};
    r.Absorb(a.Finish());
  }
  entry.tse = detail::DecodeTseRecord(r, "tse");
  return entry;
}

Json EncodeCashMovement(const CashMovementEntry& entry) {
  return Json{{"receipt_number", entry.receipt_number},
              {"cashier", EncodeCashier(entry.cashier)},
              {"kind", CashMovementKindName(entry.kind)},
              {"amount_cents", entry.amount.cents()},
              {"note", entry.note},
              {"started_ms", entry.started_ms},
              {"finished_ms", entry.finished_ms},
              {"tse", detail::EncodeTseRecord(entry.tse)}};
}

CashMovementEntry DecodeCashMovement(JsonReader& r) {
  CashMovementEntry entry;
  entry.receipt_number = r.Int("receipt_number");
  entry.cashier = DecodeCashier(r, "cashier");
  std::string kind = r.String("kind");
  std::optional<CashMovementKind> known = CashMovementKindFromName(kind);
  if (r.ok() && !known) r.Fail("kind", "is not a cash movement kind (Anfangsbestand, Privateinlage, …)");
  entry.kind = known.value_or(CashMovementKind::kDeposit);
  entry.amount = Money::FromCents(r.Int("amount_cents"));
  entry.note = r.OptionalString("note");
  entry.started_ms = r.Int("started_ms");
  entry.finished_ms = r.Int("finished_ms");
  entry.tse = detail::DecodeTseRecord(r, "tse");
  return entry;
}

Json EncodeShiftClosed(const ShiftClosed& closed) {
  Json payments = Json::array();
  for (const PaymentTotal& total : closed.payments) {
    payments.push_back({{"method", PaymentMethodName(total.method)},
                        {"currency", total.currency},
                        {"amount_cents", total.amount.cents()}});
  }
  return Json{{"z_number", closed.z_number},
              {"cashier", EncodeCashier(closed.cashier)},
              {"first_receipt_number", closed.first_receipt_number},
              {"last_receipt_number", closed.last_receipt_number},
              {"expected_cash_cents", closed.expected_cash.cents()},
              {"counted_cash_cents", closed.counted_cash.cents()},
              {"difference_cents", closed.difference.cents()},
              {"sales_total_cents", closed.sales_total.cents()},
              {"vat", EncodeVat(closed.vat)},
              {"payments", payments}};
}

PaymentTotal DecodePaymentTotal(JsonReader& r) {
  PaymentTotal total;
  std::optional<PaymentMethod> method = FromName(kPaymentMethods, PaymentMethodName, r.String("method"));
  if (r.ok() && !method) r.Fail("method", "must be cash, girocard, credit_card or voucher");
  total.method = method.value_or(PaymentMethod::kCash);
  total.currency = r.String("currency");
  total.amount = Money::FromCents(r.Int("amount_cents"));
  return total;
}

ShiftClosed DecodeShiftClosed(JsonReader& r) {
  ShiftClosed closed;
  closed.z_number = r.Int("z_number");
  closed.cashier = DecodeCashier(r, "cashier");
  closed.first_receipt_number = r.Int("first_receipt_number");
  closed.last_receipt_number = r.Int("last_receipt_number");
  closed.expected_cash = Money::FromCents(r.Int("expected_cash_cents"));
  closed.counted_cash = Money::FromCents(r.Int("counted_cash_cents"));
  closed.difference = Money::FromCents(r.Int("difference_cents"));
  closed.sales_total = Money::FromCents(r.Int("sales_total_cents"));
  closed.vat = DecodeVat(r, "vat");
  closed.payments = DecodeList<PaymentTotal>(r, "payments", DecodePaymentTotal);
  return closed;
}

struct PayloadEncoder {
  Json operator()(const ShiftOpened& opened) const { return Json{{"cashier", EncodeCashier(opened.cashier)}}; }
  Json operator()(const ReceiptEntry& entry) const { return EncodeReceipt(entry); }
  Json operator()(const CashMovementEntry& entry) const { return EncodeCashMovement(entry); }
  Json operator()(const ShiftClosed& closed) const { return EncodeShiftClosed(closed); }
  Json operator()(const TseOutageStarted& started) const { return Json{{"reason", started.reason}}; }
  Json operator()(const TseOutageEnded& ended) const {
    return Json{{"started_ms", ended.started_ms}, {"reason", ended.reason}};
  }
};

Payload DecodePayload(JsonReader& r, std::string_view kind) {
  if (kind == "shift_opened") return ShiftOpened{DecodeCashier(r, "cashier")};
  if (kind == "receipt") return DecodeReceipt(r);
  if (kind == "cash_movement") return DecodeCashMovement(r);
  if (kind == "shift_closed") return DecodeShiftClosed(r);
  if (kind == "tse_outage_started") return TseOutageStarted{r.String("reason")};
  if (kind == "tse_outage_ended") {
    TseOutageEnded ended;
    ended.started_ms = r.Int("started_ms");
    ended.reason = r.String("reason");
    return ended;
  }
  return ShiftOpened{};  // unreachable: the kind was checked by the caller
}

bool IsKnownKind(std::string_view kind) {
  for (std::string_view known :
       {"shift_opened", "receipt", "cash_movement", "shift_closed", "tse_outage_started", "tse_outage_ended"}) {
    if (kind == known) return true;
  }
  return false;
}

}  // namespace

std::string EncodeEntry(const JournalEntry& entry) {
  Json json{{"seq", entry.seq},
            {"register_id", entry.register_id.value()},
            {"closing_number", entry.closing_number},
            {"recorded_ms", entry.recorded_ms},
            {"kind", KindName(entry.payload)},
            {"payload", std::visit(PayloadEncoder{}, entry.payload)}};
  return json.dump();
}

std::string EncodeReceiptDraft(const ReceiptEntry& draft) { return EncodeReceipt(draft).dump(); }

Result<ReceiptEntry> DecodeReceiptDraft(std::string_view text) {
  Json json = Json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (json.is_discarded()) return Status::InvalidArgument("", "receipt draft is not valid JSON");
  JsonReader r(json, "");
  ReceiptEntry draft = DecodeReceipt(r);
  KASSE_RETURN_IF_ERROR(r.Finish());
  return draft;
}

Result<JournalEntry> DecodeEntry(std::string_view text) {
  if (text.size() > kMaxEntryBytes) {
    return Status::InvalidArgument("", "journal entry has " + std::to_string(text.size()) + " bytes; at most " +
                                           std::to_string(kMaxEntryBytes) + " are allowed");
  }
  KASSE_RETURN_IF_ERROR(CheckJsonNesting(text));
  Json json = Json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (json.is_discarded()) return Status::InvalidArgument("", "journal entry is not valid JSON");
  JsonReader r(json, "");
  JournalEntry entry;
  entry.seq = r.Int("seq");
  if (r.ok() && entry.seq < 1) r.Fail("seq", "must be 1 or more");
  entry.register_id = RegisterId(r.String("register_id"));
  if (r.ok() && entry.register_id.empty()) r.Fail("register_id", "must not be empty");
  entry.closing_number = r.Int("closing_number");
  if (r.ok() && entry.closing_number < 1) r.Fail("closing_number", "must be 1 or more");
  entry.recorded_ms = r.Int("recorded_ms");
  std::string kind = r.String("kind");
  if (r.ok() && !IsKnownKind(kind)) r.Fail("kind", "is not a journal entry kind");
  const Json* payload = r.Object("payload");
  if (payload != nullptr) {
    JsonReader p(*payload, "payload");
    entry.payload = DecodePayload(p, kind);
    r.Absorb(p.Finish());
  }
  KASSE_RETURN_IF_ERROR(r.Finish());
  return entry;
}

}  // namespace kasse::journal
