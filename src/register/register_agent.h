// RegisterAgent: one register as a running process (`kasse register`): it opens
// the data directory, the journal, the software signing unit, the catalog, starts
// the local API on 127.0.0.1 and the sync client, and stops them in order.
//
// The data directory (mode 0700) holds register.db (journal, WAL), catalog.db,
// tse-key.pem (0600), device-token (0600, the server credential from enrollment),
// store-id (the register's store from the master data, learnt at enrollment),
// local-api.token (0600, made anew at every start: the secret the cashier screen
// presents on every change, see LocalApi) and register.lock: an exclusive lock, so two processes can
// never act as the same register on one machine. (That no second *device* acts as
// the register is the server's lease, see docs/sync-protocol.md.)
//
// Thread-safety: Start() and Stop() from one thread.
#pragma once

#include <memory>
#include <set>
#include <string>

#include "base/status.h"
#include "domain/ids.h"
#include "printing/seller_info.h"

namespace kasse::reg {

struct RegisterAgentConfig {
  std::string data_dir;
  RegisterId register_id;
  std::string listen = "127.0.0.1:8181";  // the cashier screen's API; loopback only by default
  std::string server_url;                 // empty: no server, the journal waits
  std::string token;                      // device credential; default: DATA_DIR/device-token
  std::string token_file;                 // or read from this file (mode 0600), when `token` is empty
  std::string enroll_code;                // exchanged for the device credential at start (first time)
  std::string enroll_code_file;           // or read from this file (mode 0600), when `enroll_code` is empty
  std::string store_id;                   // the store whose catalog the server sends (with server_url)
  std::string catalog_file;               // a catalog delta (JSON, docs/catalog.md) to apply at start
  printing::SellerInfo seller;
  std::set<std::string> manager_ids;
  std::string printer_path;  // ESC/POS bytes of every receipt are appended here; empty: none
  bool simulate_tse_outage = false;
};

class RegisterAgent {
 public:
  explicit RegisterAgent(RegisterAgentConfig config);
  ~RegisterAgent();

  Status Start();
  void Stop();
  // Where the local API listens (after Start()).
  std::string api_url() const;
  // The store whose catalog it pulls: --store-id, or the one learnt at enrollment
  // (kept in DATA_DIR/store-id); "" if neither.
  std::string store_id() const { return config_.store_id; }
  // The local API's token of this run (after Start()); also in DATA_DIR/local-api.token.
  std::string api_token() const;

 private:
  struct Parts;
  RegisterAgentConfig config_;
  std::unique_ptr<Parts> parts_;
};

}  // namespace kasse::reg
