#include "loadgen/simulated_register.h"

#include <string_view>

#include "journal/entry_json.h"

namespace kasse::loadgen {
namespace {

constexpr std::string_view kCashierId = "7";
constexpr std::string_view kCashierName = "Anna Schmidt";
constexpr int64_t kOpeningFloatCents = 15000;
constexpr int64_t kCashRoundingCents = 500;  // customers hand over the next 5 euro

}  // namespace

SimulatedRegister::~SimulatedRegister() = default;

Result<std::unique_ptr<SimulatedRegister>> SimulatedRegister::Open(const RegisterId& register_id,
                                                                   const std::string& db_path, Clock& clock) {
  std::unique_ptr<SimulatedRegister> till(new SimulatedRegister());
  Result<std::unique_ptr<reg::JournalStore>> store = reg::JournalStore::Open(db_path, {});
  if (!store.ok()) return store.status();
  till->store_ = std::move(store).value();
  Result<crypto::EcPrivateKey> key = crypto::EcPrivateKey::Generate(crypto::Curve::kP256);
  if (!key.ok()) return key.status();
  till->tse_ = std::make_unique<signing::SoftwareSigningUnit>(std::move(key).value(), clock, *till->store_);
  till->service_ = std::make_unique<reg::RegisterService>(register_id, till->vat_, *till->store_, *till->tse_, clock);
  KASSE_RETURN_IF_ERROR(till->service_->Start());
  if (!till->service_->shift().open) {
    KASSE_RETURN_IF_ERROR(till->service_
                              ->OpenShift(journal::Cashier{std::string(kCashierId), std::string(kCashierName)},
                                          Money::FromCents(kOpeningFloatCents))
                              .status());
  }
  return till;
}

Result<journal::JournalEntry> SimulatedRegister::RingUp(const Basket& basket) {
  if (basket.kind == BasketKind::kReturn && last_sale_) return Return();
  for (const BasketLine& line : basket.lines) KASSE_RETURN_IF_ERROR(service_->AddItem(line.item, line.quantity));
  if (basket.kind == BasketKind::kAbort) return service_->AbortSale();
  if (basket.lines.empty()) {  // a return with no sale to return from yet
    Basket sale = basket;
    sale.kind = BasketKind::kSale;
    sale.lines.push_back({reg::SaleItem{ArticleNumber("104001"), "Gerolsteiner Sprudel 1,5 l", Money::FromCents(89),
                                        VatKey(1), ProductGroupId("WG30")},
                          Quantity::Pieces(1)});
    return RingUp(sale);
  }
  Result<journal::JournalEntry> entry = Pay(basket.method);
  if (entry.ok()) last_sale_ = std::get<journal::ReceiptEntry>(entry->payload);
  return entry;
}

Result<journal::JournalEntry> SimulatedRegister::Pay(PaymentMethod method) {
  int64_t due = service_->sale()->Due().cents();
  if (IsCash(method) && due > 0) due = (due + kCashRoundingCents - 1) / kCashRoundingCents * kCashRoundingCents;
  Result<std::optional<journal::JournalEntry>> paid = service_->AddPayment(Payment{method, Money::FromCents(due), {}});
  if (!paid.ok()) return paid.status();
  if (!*paid) return Status::Internal("the payment did not settle the sale");
  return std::move(**paid);
}

Result<journal::JournalEntry> SimulatedRegister::Return() {
  KASSE_RETURN_IF_ERROR(service_->StartReturn(last_sale_->receipt_number));
  KASSE_RETURN_IF_ERROR(service_->ReturnLine(0, last_sale_->receipt.lines[0].quantity));
  last_sale_.reset();                // each sale is returned at most once
  return Pay(PaymentMethod::kCash);  // refunds are paid out in cash
}

Result<std::vector<std::string>> SimulatedRegister::EncodedJournal(size_t limit) {
  Result<std::vector<journal::JournalEntry>> entries = store_->ReadAfter(0, limit);
  if (!entries.ok()) return entries.status();
  std::vector<std::string> encoded;
  encoded.reserve(entries->size());
  for (const journal::JournalEntry& entry : *entries) encoded.push_back(journal::EncodeEntry(entry));
  return encoded;
}

Result<std::vector<std::string>> GenerateJournal(const RegisterId& register_id, size_t entries, uint64_t seed) {
  SystemClock clock;
  Result<std::unique_ptr<SimulatedRegister>> till = SimulatedRegister::Open(register_id, ":memory:", clock);
  if (!till.ok()) return till.status();
  BasketMix mix(seed);
  while (true) {
    Result<int64_t> last = (*till)->store().LastSeq();
    if (!last.ok()) return last.status();
    if (static_cast<size_t>(*last) >= entries) break;
    KASSE_RETURN_IF_ERROR((*till)->RingUp(mix.Next()).status());
  }
  return (*till)->EncodedJournal(entries);
}

}  // namespace kasse::loadgen
