# Warnings are errors for every Kasse target (not for third-party code).
add_library(kasse_warnings INTERFACE)
target_compile_options(kasse_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Werror
  -Wconversion -Wsign-conversion -Wshadow -Wnon-virtual-dtor
  -Wold-style-cast -Woverloaded-virtual -Wimplicit-fallthrough
  -Wnull-dereference -Wzero-as-null-pointer-constant -Wduplicated-cond -Wlogical-op)
