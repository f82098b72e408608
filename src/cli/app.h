// The `kasse` command line: one binary, one subcommand per job.
//
// Run parses the arguments, dispatches to the subcommand and returns the process
// exit code. Output goes to the given streams, so tests run it in-process.
// Subcommands today: version, demo, verify-receipt. Each has --help.
//
// Thread-safety: call from one thread.
#pragma once

#include <ostream>
#include <string>
#include <vector>

namespace kasse::cli {

// args excludes the program name.
int Run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace kasse::cli
