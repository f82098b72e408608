#include "cli/app.h"

#include <algorithm>

#include <CLI/CLI.hpp>

#include "cli/commands.h"
#include "cli/loadgen_command.h"
#include "cli/secret.h"

namespace kasse::cli {
namespace {

constexpr int kUsageError = 2;      // as most Unix tools
constexpr int kInternalError = 70;  // EX_SOFTWARE: a bug, reported rather than crashing

bool IsKnownSubcommand(CLI::App& app, const std::string& name) {
  std::vector<CLI::App*> all = app.get_subcommands([](CLI::App*) { return true; });
  return std::any_of(all.begin(), all.end(), [&](CLI::App* subcommand) { return subcommand->check_name(name); });
}

}  // namespace

int Run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  CLI::App app{"Kasse: point of sale for retail chains", "kasse"};
  app.require_subcommand(1);
  int exit_code = 0;

  app.add_subcommand("version", "Print the version of this build")->callback([&] { exit_code = RunVersion(out); });
  DemoFlags demo_flags;
  CLI::App* demo_app = app.add_subcommand(
      "demo", "Run a central server and a simulated chain: 3 stores, 9 registers, cashiers selling (docs/demo.md)");
  demo_app->add_option("--data", demo_flags.data_dir, "Data directory; a restart continues from it")
      ->capture_default_str();
  demo_app->add_option("--listen", demo_flags.listen, "The server's HOST:PORT")->capture_default_str();
  demo_app->add_option("--pace", demo_flags.pace, "Speed factor: 1 = a customer every 3-8 s per register")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  demo_app->add_option("--duration", demo_flags.duration_seconds, "Stop after this many seconds (default: Ctrl-C)")
      ->check(CLI::NonNegativeNumber);
  demo_app->add_option("--seed", demo_flags.seed, "Seed of the cashiers' random choices")->capture_default_str();
  demo_app->add_flag("--receipts", demo_flags.receipts,
                     "Instead: ring the reference receipts through the domain core and print the TSE processData");
  demo_app->callback([&] { exit_code = demo_flags.receipts ? RunReceiptsDemo(out) : RunDemo(demo_flags, out, err); });
  std::string qr_code;
  CLI::App* verify_receipt = app.add_subcommand(
      "verify-receipt",
      "Check the TSE signature in a receipt's QR code; exit 0 if valid, 1 if invalid, 2 if not a receipt QR code");
  verify_receipt->add_option("qr-code", qr_code, "The QR code's text, V0;<client id>;…;<public key>, in quotes")
      ->required();
  verify_receipt->callback([&] { exit_code = RunVerifyReceipt(qr_code, out, err); });

  JournalOptions journal_options;
  CLI::App* journal_app = app.add_subcommand(
      "journal", "An operator's actions on a register's journal on the server (docs/sync-protocol.md)");
  journal_app->require_subcommand(1);
  for (CLI::App* action :
       {journal_app->add_subcommand("release",
                                    "Set a register's quarantined entries from a seq on aside, so its "
                                    "real entries can come in (a register in CONFLICT)"),
        journal_app->add_subcommand("pin-tse", "Pin a new signing unit (TSE) for a register's next entries")}) {
    action->add_option("--server", journal_options.server, "The server's URL")->capture_default_str();
    action->add_option("--token", journal_options.token, SecretFlagHelp("Admin token", "token-file", kAdminTokenEnv));
    action->add_option("--token-file", journal_options.token_file, "File holding the admin token");
    action->add_option("--register", journal_options.register_id, "The register's ID")->required();
    action->add_option("--reason", journal_options.reason, "Why, for the audit trail")->required();
  }
  CLI::App* release_app = journal_app->get_subcommand("release");
  release_app->add_option("--from-seq", journal_options.from_seq, "The first seq to set aside")
      ->required()
      ->check(CLI::PositiveNumber);
  release_app->callback([&] { exit_code = RunJournalRelease(journal_options, out, err); });
  CLI::App* pin_app = journal_app->get_subcommand("pin-tse");
  pin_app->add_option("--public-key", journal_options.public_key, "The new unit's public key, base64")->required();
  pin_app->callback([&] { exit_code = RunJournalPinTse(journal_options, out, err); });

  ServerFlags server_flags;
  CLI::App* server_app = app.add_subcommand(
      "server", "Run the central server: enrollment, journal ingestion, metrics (SQLite or PostgreSQL)");
  server_app->footer("Settings (TOML file < environment < flags):\n" + server::ServerConfigSchema().Describe("KASSE_"));
  server_app->add_option("--config", server_flags.config_file, "TOML configuration file");
  server_app->add_option("--db", server_flags.values["database.url"],
                         "SQLite file or postgresql://user@host:port/database (database.url)");
  server_app->add_option("--listen", server_flags.values["server.listen"], "HOST:PORT to listen on (server.listen)");
  server_app->add_option("--threads", server_flags.values["server.threads"], "HTTP threads (server.threads)");
  server_app->add_option("--max-connections-per-client", server_flags.values["server.max_connections_per_client"],
                         "Open connections from one IP address, 0: no cap (server.max_connections_per_client)");
  server_app->add_option("--db-connections", server_flags.values["database.connections"],
                         "Database connections (database.connections)");
  server_app->add_option("--log-level", server_flags.values["log.level"], "debug, info, warn, error (log.level)");
  server_app->callback([&] { exit_code = RunServer(server_flags, out, err); });

  ServerFlags token_flags;
  CLI::App* token_app = app.add_subcommand(
      "admin-token", "Replace the server's admin token: print a new one once; the old one stops working at once");
  token_app->add_option("--config", token_flags.config_file, "The server's TOML configuration file");
  token_app->add_option("--db", token_flags.values["database.url"],
                        "SQLite file or postgresql:// URL of the server (database.url)");
  token_app->callback([&] { exit_code = RunAdminToken(token_flags, out, err); });

  ReportOptions report_options;
  CLI::App* report_app =
      app.add_subcommand("report", "Show live sales per store and register, and each register's sync state");
  report_app->add_option("--server", report_options.server, "The server's URL")->capture_default_str();
  report_app->add_option("--token", report_options.token, SecretFlagHelp("Admin token", "token-file", kAdminTokenEnv));
  report_app->add_option("--token-file", report_options.token_file,
                         "File whose first line is the admin token (or set " + std::string(kAdminTokenEnv) + ")");
  report_app->add_option("--day", report_options.day, "Business day YYYY-MM-DD (default: the latest with sales)");
  report_app->add_option("--watch", report_options.watch_seconds, "Print again every N seconds");
  report_app->callback([&] { exit_code = RunReport(report_options, out, err); });

  LoadgenFlags loadgen_flags;
  loadgen::LoadOptions& load = loadgen_flags.load;
  CLI::App* loadgen_app =
      app.add_subcommand("loadgen", "Simulate N registers uploading signed journals to a server; print throughput");
  loadgen_app->add_option("--server", load.server_url, "Server URL, http://host:port")->required();
  loadgen_app->add_option("--admin-token", load.admin_token,
                          SecretFlagHelp("The server's admin token (to enroll)", "admin-token-file", kAdminTokenEnv));
  loadgen_app->add_option("--admin-token-file", loadgen_flags.admin_token_file,
                          "File whose first line is the admin token (or set " + std::string(kAdminTokenEnv) + ")");
  loadgen_app->add_option("--registers", load.registers, "Simulated registers")->required();
  loadgen_app->add_option("--entries-per-register", load.entries_per_register, "Journal entries each")->required();
  loadgen_app->add_option("--batch", load.batch, "Entries per upload, 1-500")->capture_default_str();
  loadgen_app->add_option("--concurrency", load.concurrency, "Upload threads")->capture_default_str();
  loadgen_app->add_option("--register-prefix", load.register_prefix, "Register IDs <prefix>-<n> (default: new)");
  loadgen_app->callback([&] { exit_code = RunLoadgen(loadgen_flags, out, err); });

  reg::RegisterAgentConfig register_config;
  std::string register_id;
  std::vector<std::string> managers;
  CLI::App* register_app = app.add_subcommand("register", "Run one register (Kasse): local API, journal, TSE, sync");
  register_app->add_option("--data", register_config.data_dir, "Data directory (journal, catalog, TSE key)")
      ->required();
  register_app->add_option("--register-id", register_id, "Register ID = TSE client ID = DSFinV-K Z_KASSE_ID")
      ->required();
  register_app->add_option("--listen", register_config.listen, "Cashier API address (HOST:PORT)")
      ->capture_default_str();
  register_app->add_option("--server", register_config.server_url, "Central server, http://host:port");
  register_app
      ->add_option("--token", register_config.token,
                   "Device credential for the server (default: the one from enrollment). Visible to every local "
                   "user in `ps`: prefer --token-file or KASSE_DEVICE_TOKEN")
      ->envname("KASSE_DEVICE_TOKEN");
  register_app->add_option("--token-file", register_config.token_file,
                           "File (mode 0600) holding the device credential");
  register_app
      ->add_option("--enroll", register_config.enroll_code,
                   "One-time enrollment code from the server's admin (first start). Visible to every local user "
                   "in `ps`: prefer --enroll-file or KASSE_ENROLLMENT_CODE")
      ->envname("KASSE_ENROLLMENT_CODE");
  register_app->add_option("--enroll-file", register_config.enroll_code_file,
                           "File (mode 0600) holding the one-time enrollment code");
  register_app->add_option("--store-id", register_config.store_id, "Store whose catalog the server sends");
  register_app->add_option("--catalog", register_config.catalog_file,
                           "Apply a catalog delta file (JSON, docs/catalog.md) at start");
  register_app->add_option("--manager", managers, "ID of a manager who may approve discounts (repeatable)");
  register_app->add_option("--seller-name", register_config.seller.business_name, "Business name on receipts")
      ->required();
  register_app->add_option("--store-name", register_config.seller.store_name, "Store name on receipts");
  register_app->add_option("--street", register_config.seller.street, "Store street and number")->required();
  register_app->add_option("--postcode", register_config.seller.postcode, "Store postcode")->required();
  register_app->add_option("--city", register_config.seller.city, "Store city")->required();
  register_app->add_option("--vat-id", register_config.seller.vat_id, "USt-IdNr.");
  register_app->add_option("--tax-number", register_config.seller.tax_number, "Steuernummer");
  register_app->add_option("--printer", register_config.printer_path, "Append receipts as ESC/POS to this file");
  register_app->add_flag("--simulate-tse-outage", register_config.simulate_tse_outage,
                         "Start with the signing unit switched off (demonstrates TSE ausgefallen)");
  register_app->callback([&] {
    register_config.register_id = RegisterId(register_id);
    register_config.seller.register_id = register_config.register_id;
    register_config.manager_ids = {managers.begin(), managers.end()};
    if (register_config.seller.vat_id.empty() && register_config.seller.tax_number.empty()) {
      err << "kasse register: receipts need --vat-id or --tax-number (§14 UStG)\n";
      exit_code = kUsageError;
      return;
    }
    exit_code = RunRegister(register_config, out, err);
  });

  if (!args.empty() && !args[0].starts_with('-') && !IsKnownSubcommand(app, args[0])) {
    err << "kasse: unknown subcommand '" << args[0] << "'; run 'kasse --help' for the list\n";
    return kUsageError;
  }
  // CLI11 wants argv order reversed when given a vector.
  std::vector<std::string> reversed(args.rbegin(), args.rend());
  try {
    app.parse(reversed);
  } catch (const CLI::ParseError& e) {
    return app.exit(e, out, err);
  } catch (const std::exception& e) {
    err << "kasse: internal error: " << e.what() << "\n";
    return kInternalError;
  }
  return exit_code;
}

}  // namespace kasse::cli
