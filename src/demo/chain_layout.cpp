#include "demo/chain_layout.h"

namespace kasse::demo {
namespace {

constexpr int kRegistersPerStore = 3;

DemoStore Store(std::string id, std::string name, DemoAddress address) {
  DemoStore store{std::move(id), std::move(name), std::move(address), "Europe/Berlin", {}};
  for (int i = 1; i <= kRegistersPerStore; ++i) store.registers.emplace_back(store.id + "-K" + std::to_string(i));
  return store;
}

}  // namespace

DemoChain MakeDemoChain() {
  DemoChain chain;
  chain.name = "Frischmarkt Handels GmbH";
  chain.address = {"Friedrichstraße 123", "10117", "Berlin", "DE"};
  chain.tax_number = "37/204/51873";
  chain.vat_id = "DE287451936";
  chain.stores = {
      Store("BER-01", "Frischmarkt Berlin-Mitte", {"Rosenthaler Straße 40", "10178", "Berlin", "DE"}),
      Store("LEI-01", "Frischmarkt Leipzig Zentrum", {"Grimmaische Straße 12", "04109", "Leipzig", "DE"}),
      Store("MUC-01", "Frischmarkt München-Schwabing", {"Leopoldstraße 82", "80802", "München", "DE"}),
  };
  return chain;
}

printing::SellerInfo SellerOf(const DemoChain& chain, const DemoStore& store, const RegisterId& register_id) {
  return printing::SellerInfo{
      chain.name,   store.name,       store.address.street, store.address.postcode,          store.address.city,
      chain.vat_id, chain.tax_number, register_id,          "Vielen Dank für Ihren Einkauf!"};
}

}  // namespace kasse::demo
