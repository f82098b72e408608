// `kasse loadgen`: N simulated registers upload realistic, signed journals to a
// running server (loadgen/load_run.h) and the figures are printed.
//
// Exit codes: 0 when every entry was acknowledged; 1 when the run finished with
// errors or unacknowledged entries; 2 for bad options; 3 when the server cannot be
// reached or refuses the admin token (nothing uploaded).
//
// Thread-safety: writes only to the streams it is given; call from one thread.
#pragma once

#include <ostream>

#include "loadgen/load_run.h"

namespace kasse::cli {

inline constexpr int kLoadgenIncomplete = 1;
inline constexpr int kLoadgenUsage = 2;
inline constexpr int kLoadgenServerRefused = 3;

int RunLoadgen(const loadgen::LoadOptions& options, std::ostream& out, std::ostream& err);

}  // namespace kasse::cli
