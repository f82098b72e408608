// DemoChain: the simulated retail chain of `kasse demo` as data — the
// organisation with its tax numbers, three stores (Berlin, Leipzig, München,
// all Europe/Berlin) and three registers per store. Master data, register data
// directories and receipts are all made from this one description.
//
// Thread-safety: value types and a pure function.
#pragma once

#include <string>
#include <vector>

#include "domain/ids.h"
#include "printing/seller_info.h"

namespace kasse::demo {

struct DemoAddress {
  std::string street;
  std::string postcode;
  std::string city;
  std::string country = "DE";
};

struct DemoStore {
  std::string id;  // master data store ID, e.g. "BER-01"
  std::string name;
  DemoAddress address;
  std::string time_zone = "Europe/Berlin";
  std::vector<RegisterId> registers;  // "BER-01-K1" …
};

struct DemoChain {
  std::string name;  // the organisation, as on every receipt
  DemoAddress address;
  std::string tax_number;  // Steuernummer
  std::string vat_id;      // USt-IdNr.
  std::vector<DemoStore> stores;
};

// The chain the demo simulates: 3 stores with 3 registers each.
DemoChain MakeDemoChain();

// What the register prints on its receipts: the organisation, the store, the register.
printing::SellerInfo SellerOf(const DemoChain& chain, const DemoStore& store, const RegisterId& register_id);

}  // namespace kasse::demo
