#include "cli/loadgen_command.h"

namespace kasse::cli {

int RunLoadgen(const loadgen::LoadOptions& options, std::ostream& out, std::ostream& err) {
  Status valid = loadgen::ValidateLoadOptions(options);
  if (!valid.ok()) {
    err << "kasse loadgen: --" << valid.field() << " " << valid.message() << "\n";
    return kLoadgenUsage;
  }
  Result<loadgen::LoadReport> report = loadgen::RunLoad(options, out);
  if (!report.ok()) {
    err << "kasse loadgen: " << report.status().message() << "\n";
    return kLoadgenServerRefused;
  }
  out << loadgen::FormatLoadReport(*report) << std::flush;
  bool complete = report->errors == 0 && report->entries == options.registers * options.entries_per_register;
  return complete ? 0 : kLoadgenIncomplete;
}

}  // namespace kasse::cli
