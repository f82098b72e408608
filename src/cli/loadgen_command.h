// `kasse loadgen`: N simulated registers upload realistic, signed journals to a
// running server (loadgen/load_run.h) and the figures are printed.
//
// The admin token comes from --admin-token, --admin-token-file or
// KASSE_ADMIN_TOKEN (cli/secret.h).
//
// Exit codes: 0 when every entry was acknowledged; 1 when the run finished with
// errors or unacknowledged entries, or the server refused something else than the
// admin token (e.g. 403, 409: printed with its code, PERMISSION_DENIED, CONFLICT);
// 2 for bad options; 3 when the server cannot be reached (or answers 503) or
// refuses the admin token (nothing uploaded).
//
// Thread-safety: writes only to the streams it is given; call from one thread.
#pragma once

#include <ostream>
#include <string>

#include "loadgen/load_run.h"

namespace kasse::cli {

inline constexpr int kLoadgenIncomplete = 1;
inline constexpr int kLoadgenUsage = 2;
inline constexpr int kLoadgenServerRefused = 3;

struct LoadgenFlags {
  loadgen::LoadOptions load;
  std::string admin_token_file;
};

int RunLoadgen(LoadgenFlags flags, std::ostream& out, std::ostream& err);

}  // namespace kasse::cli
