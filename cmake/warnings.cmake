# Warnings are errors for every Kasse target (not for third-party code).
add_library(kasse_warnings INTERFACE)
target_compile_options(kasse_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Werror
  -Wconversion -Wsign-conversion -Wshadow -Wnon-virtual-dtor
  -Wold-style-cast -Woverloaded-virtual -Wimplicit-fallthrough
  -Wnull-dereference -Wzero-as-null-pointer-constant -Wduplicated-cond -Wlogical-op)
# GCC 12's flow analysis at -O2 reports false positives inside std::variant
# (maybe-uninitialized) and Boost.Asio (null-dereference); optimised builds keep
# them as warnings, the Debug builds the tests use keep them as errors.
target_compile_options(kasse_warnings INTERFACE
  $<$<NOT:$<CONFIG:Debug>>:-Wno-error=maybe-uninitialized -Wno-error=null-dereference>)
