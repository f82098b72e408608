// The subcommands of `kasse`, each a function from options to an exit code.
// app.cpp wires them to the command line; they never parse arguments themselves.
//
// Thread-safety: each writes only to the stream it is given; call from one thread.
#pragma once

#include <cstdint>
#include <map>
#include <ostream>
#include <string>
#include <string_view>

#include "register/register_agent.h"
#include "server/server_app.h"

namespace kasse::cli {

// Prints "kasse <version>" and the build's compiler.
int RunVersion(std::ostream& out);

// `kasse demo --receipts`: walks sales, a split payment, a return and rejected
// inputs through the domain core and prints receipts, VAT breakdowns and the TSE
// processData.
int RunReceiptsDemo(std::ostream& out);

// `kasse demo`: a central server and a simulated chain of 3 stores with 3
// registers each (demo/chain_demo.h, docs/demo.md), until SIGINT or SIGTERM or
// `duration_seconds`; 1 if it cannot start.
struct DemoFlags {
  std::string data_dir = "kasse-demo";
  std::string listen = "127.0.0.1:8080";
  double pace = 1.0;
  int duration_seconds = 0;  // 0: until Ctrl-C
  uint64_t seed = 1;
  bool receipts = false;  // the domain demo instead
};
int RunDemo(const DemoFlags& flags, std::ostream& out, std::ostream& err);

// Exit codes of RunVerifyReceipt besides 0 (valid).
inline constexpr int kVerifyReceiptInvalid = 1;     // a receipt QR code whose check fails
inline constexpr int kVerifyReceiptUnreadable = 2;  // not a receipt QR code at all (as for a usage error)

// Checks the TSE signature of a receipt's QR code (DSFinV-K Anhang I, fiscal/receipt_qr.h).
// Valid: prints "valid" and the details (client id, transaction number, counter,
// start and end time, algorithm, curve, TSE serial) to `out` and returns 0.
// Otherwise prints "invalid: <reason>" to `err` and returns kVerifyReceiptInvalid,
// or kVerifyReceiptUnreadable when the text cannot be parsed as a QR code.
int RunVerifyReceipt(std::string_view qr_code, std::ostream& out, std::ostream& err);

// Runs one register agent until SIGINT or SIGTERM; 1 if it cannot start.
int RunRegister(const reg::RegisterAgentConfig& config, std::ostream& out, std::ostream& err);

// Runs the central server until SIGINT or SIGTERM; 1 if it cannot start.
// `kasse server`'s command line: a config file and flags by dotted key (empty
// values were not given).
struct ServerFlags {
  std::string config_file;
  std::map<std::string, std::string> values;
};
// On a database that has an admin token already, says so and names `kasse admin-token`.
int RunServer(const ServerFlags& flags, std::ostream& out, std::ostream& err);

// `kasse admin-token`: a new admin token for the server database of `flags`
// (the same --config, --db and KASSE_* environment as `kasse server`), printed
// once; the old token stops working at once, also for running servers
// (server::Credentials::ReplaceAdminToken). 0 done; 1 database error; 2 usage.
int RunAdminToken(const ServerFlags& flags, std::ostream& out, std::ostream& err);

// `kasse report`: the server's live sales totals and sync state, printed.
struct ReportOptions {
  std::string server = "http://127.0.0.1:8080";
  std::string token;       // the admin token (visible in `ps`; see cli/secret.h)
  std::string token_file;  // or a file holding it; else KASSE_ADMIN_TOKEN
  std::string day;         // YYYY-MM-DD; empty: the latest day with sales
  int watch_seconds = 0;   // > 0: print again every so many seconds until interrupted
};
// 0 printed; 1 the server could not be asked; 2 usage.
int RunReport(ReportOptions options, std::ostream& out, std::ostream& err);

// `kasse journal release|pin-tse`: an operator's actions on one register's journal
// (docs/sync-protocol.md, "When a register is in CONFLICT"). The admin token comes
// from --token-file or KASSE_ADMIN_TOKEN (ResolveSecret).
struct JournalOptions {
  std::string server = "http://127.0.0.1:8080";
  std::string token;  // the admin token
  std::string token_file;
  std::string register_id;
  int64_t from_seq = 0;    // release: the first seq to set aside
  std::string public_key;  // pin-tse: the new unit's public key, base64
  std::string reason;      // why, for the audit trail
};
// 0 done (the server's answer printed); 1 refused or unreachable; 2 usage.
int RunJournalRelease(const JournalOptions& options, std::ostream& out, std::ostream& err);
int RunJournalPinTse(const JournalOptions& options, std::ostream& out, std::ostream& err);

}  // namespace kasse::cli
