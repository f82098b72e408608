#include "cli/app.h"

#include <algorithm>

#include <CLI/CLI.hpp>

#include "cli/commands.h"

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
  app.add_subcommand("demo", "Ring up sample sales, a split payment and a return, and show the TSE processData")
      ->callback([&] { exit_code = RunDemo(out); });
  std::string qr_code;
  CLI::App* verify_receipt = app.add_subcommand(
      "verify-receipt",
      "Check the TSE signature in a receipt's QR code; exit 0 if valid, 1 if invalid, 2 if not a receipt QR code");
  verify_receipt->add_option("qr-code", qr_code, "The QR code's text, V0;<client id>;…;<public key>, in quotes")
      ->required();
  verify_receipt->callback([&] { exit_code = RunVerifyReceipt(qr_code, out, err); });

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
