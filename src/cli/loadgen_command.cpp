#include "cli/loadgen_command.h"

#include "cli/secret.h"

namespace kasse::cli {

int RunLoadgen(LoadgenFlags flags, std::ostream& out, std::ostream& err) {
  loadgen::LoadOptions& options = flags.load;
  Result<std::string> token =
      ResolveSecret({"admin-token", options.admin_token, "admin-token-file", flags.admin_token_file, kAdminTokenEnv});
  if (!token.ok()) {
    err << "kasse loadgen: --" << token.status().field() << " " << token.status().message() << "\n";
    return kLoadgenUsage;
  }
  options.admin_token = *token;
  Status valid = loadgen::ValidateLoadOptions(options);
  if (!valid.ok()) {
    err << "kasse loadgen: --" << valid.field() << " " << valid.message() << "\n";
    return kLoadgenUsage;
  }
  Result<loadgen::LoadReport> report = loadgen::RunLoad(options, out);
  if (!report.ok()) {
    err << "kasse loadgen: " << report.status().ToString() << "\n";
    bool unreachable = report.status().IsUnavailable() || report.status().IsUnauthenticated();
    return unreachable ? kLoadgenServerRefused : kLoadgenIncomplete;
  }
  out << loadgen::FormatLoadReport(*report) << std::flush;
  bool complete = report->errors == 0 && report->entries == options.registers * options.entries_per_register;
  return complete ? 0 : kLoadgenIncomplete;
}

}  // namespace kasse::cli
