// ResolveSecret: where a command finds a secret such as the admin token, so that
// it need not be on the command line, where every local user can read it with
// `ps` (or /proc/<pid>/cmdline) while the command runs.
//
// The sources, first one given wins: the flag's value (e.g. --token; kept for
// scripts, and the help text warns about `ps`), then a file (--token-file: its
// first line, without the line break and trailing spaces), then an environment
// variable (KASSE_ADMIN_TOKEN). A flag and a file together are refused, as is a
// file that cannot be read or holds nothing, or no source at all: InvalidArgument
// naming the option ("token-file", or "token" when none was given).
//
// Thread-safety: reads the environment; call from one thread.
#pragma once

#include <string>

#include "base/result.h"

namespace kasse::cli {

// The environment variable that holds the admin token for `kasse report` and `kasse loadgen`.
inline constexpr const char* kAdminTokenEnv = "KASSE_ADMIN_TOKEN";
// A secret file is a token on one line; anything longer is not one.
inline constexpr size_t kMaxSecretFileBytes = 4096;

struct SecretSource {
  std::string flag;       // option name without dashes, e.g. "token"
  std::string value;      // as given on the command line ("" if not)
  std::string file_flag;  // e.g. "token-file"
  std::string file;       // path ("" if not given)
  std::string env;        // e.g. kAdminTokenEnv
};

Result<std::string> ResolveSecret(const SecretSource& source);

// The help text of a secret's flag: what it is, and the warning about `ps`.
std::string SecretFlagHelp(const std::string& what, const std::string& file_flag, const std::string& env);

}  // namespace kasse::cli
