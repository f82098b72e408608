// kasse: the one binary. Wires the command line to the subcommands; nothing else.
#include <iostream>
#include <string>
#include <vector>

#include "cli/app.h"

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  return kasse::cli::Run(args, std::cout, std::cerr);
}
