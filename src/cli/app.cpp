#include "cli/app.h"

#include <algorithm>

#include <CLI/CLI.hpp>

#include "cli/commands.h"

namespace kasse::cli {

int Run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  CLI::App app{"Kasse: point of sale for retail chains", "kasse"};
  app.require_subcommand(1);
  int exit_code = 0;

  app.add_subcommand("version", "Print the version of this build")->callback([&] { exit_code = RunVersion(out); });
  app.add_subcommand("demo", "Ring up sample sales, a split payment and a return, and show the TSE processData")
      ->callback([&] { exit_code = RunDemo(out); });

  // CLI11 wants argv order reversed when given a vector.
  std::vector<std::string> reversed(args.rbegin(), args.rend());
  try {
    app.parse(reversed);
  } catch (const CLI::ParseError& e) {
    return app.exit(e, out, err);
  }
  return exit_code;
}

}  // namespace kasse::cli
