// The subcommands of `kasse`, each a function from options to an exit code.
// app.cpp wires them to the command line; they never parse arguments themselves.
//
// Thread-safety: each writes only to the stream it is given; call from one thread.
#pragma once

#include <ostream>

namespace kasse::cli {

// Prints "kasse <version>" and the build's compiler.
int RunVersion(std::ostream& out);

// Walks sales, a split payment, a return and rejected inputs through the domain
// core and prints receipts, VAT breakdowns and the TSE processData.
int RunDemo(std::ostream& out);

}  // namespace kasse::cli
