#include "cli/commands.h"
#include "cli/version.h"

namespace kasse::cli {

int RunVersion(std::ostream& out) {
  out << "kasse " << kVersion << "\n";
  out << "built with " << __VERSION__ << ", C++ " << __cplusplus << "\n";
  return 0;
}

}  // namespace kasse::cli
