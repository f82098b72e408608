#include "printing/testing/sample_entries.h"

#include <sstream>
#include <stdexcept>

#include "crypto/base64.h"
#include "domain/receipt_validation.h"
#include "fiscal/process_data.h"
#include "printing/detail/utf8_text.h"
#include "samples/reference_receipts.h"

namespace kasse::printing::testing {
namespace {

std::string Base64OfCounting(size_t size, uint8_t first) {
  crypto::Bytes bytes(size);
  for (size_t i = 0; i < size; ++i) bytes[i] = static_cast<uint8_t>(first + i);
  return crypto::Base64Encode(bytes);
}

template <typename T>
T Checked(Result<T> result) {
  if (!result.ok()) throw std::runtime_error(result.status().ToString());
  return std::move(result).value();
}

}  // namespace

SellerInfo Seller() {
  return {"Muster Markt GmbH",
          "Filiale Hauptstraße",
          "Hauptstraße 1",
          "12345",
          "Musterstadt",
          "DE123456789",
          "12/345/67890",
          Register(),
          "Vielen Dank für Ihren Einkauf!"};
}

signing::TseTransaction FixedTransaction(const std::string& process_data) {
  crypto::Bytes public_key(65, 0x11);
  public_key[0] = 0x04;
  signing::TseTransaction tx;
  tx.client_id = Register().value();
  tx.transaction_number = 4711;
  tx.process_type = "Kassenbeleg-V1";
  tx.process_data = process_data;
  tx.start = {9500, 1788423302000, Base64OfCounting(64, 0x20)};
  tx.finish = {9502, 1788423400000, Base64OfCounting(64, 0x40)};
  tx.unit = {"aadfb3152cbde762aa5027e350ba9aeacb69b6236b4f25fc3ea78b69e610952a",
             crypto::Base64Encode(public_key),
             "ecdsa-plain-SHA256",
             "unixTime",
             signing::SoftwareSigningUnit::kDescription,
             false};
  return tx;
}

journal::JournalEntry ReceiptEntryFor(const Receipt& receipt) {
  ReceiptTotals totals = Checked(ValidateReceipt(receipt, VatTable::Germany()));
  journal::ReceiptEntry entry;
  entry.receipt_number = 123;
  entry.cashier = {"7", "Anna Müller"};
  entry.receipt = receipt;
  entry.vat = totals.vat;
  entry.total = totals.total;
  entry.change = totals.change;
  entry.started_ms = kStartMs;
  entry.finished_ms = kFinishMs;
  entry.tse.transaction = FixedTransaction(fiscal::KassenbelegProcessData(receipt, totals));
  return {17, Register(), 57, kFinishMs + 44, entry};
}

journal::JournalEntry Tv7Entry() { return ReceiptEntryFor(samples::Tv7CashSale()); }

journal::ReceiptEntry& ReceiptOf(journal::JournalEntry& entry) {
  return std::get<journal::ReceiptEntry>(entry.payload);
}

std::vector<std::string> TooWideLines(const std::string& text) {
  std::vector<std::string> wide;
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);) {
    if (detail::DisplayWidth(line) > 42) wide.push_back(line);
  }
  return wide;
}

std::string Squeeze(const std::string& line) {
  std::string squeezed;
  for (char c : line) {
    if (c == ' ' && (squeezed.empty() || squeezed.back() == ' ')) continue;
    squeezed.push_back(c);
  }
  if (!squeezed.empty() && squeezed.back() == ' ') squeezed.pop_back();
  return squeezed;
}

bool HasSqueezedLine(const std::string& text, const std::string& expected) {
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);) {
    if (Squeeze(line) == expected) return true;
  }
  return false;
}

SigningTse::SigningTse() : unit_(Checked(crypto::EcPrivateKey::Generate(crypto::Curve::kP256)), clock_, store_) {}

void SigningTse::Sign(journal::JournalEntry& entry) {
  journal::ReceiptEntry& receipt = ReceiptOf(entry);
  ReceiptTotals totals = Checked(ValidateReceipt(receipt.receipt, VatTable::Germany()));
  std::string data = fiscal::KassenbelegProcessData(receipt.receipt, totals);
  std::string client = entry.register_id.value();
  clock_.Set(receipt.started_ms);
  signing::TseStarted started = Checked(unit_.StartTransaction(client, fiscal::kProcessTypeKassenbeleg, ""));
  clock_.Set(receipt.finished_ms);
  signing::TseSignature finish =
      Checked(unit_.FinishTransaction(client, started.transaction_number, fiscal::kProcessTypeKassenbeleg, data));
  signing::TseTransaction tx{
      client, started.transaction_number, fiscal::kProcessTypeKassenbeleg, data, started.signature,
      finish, Checked(unit_.Info())};
  receipt.tse = {tx, std::nullopt, ""};
}

}  // namespace kasse::printing::testing
