# Use ccache for every compile when it is installed; two cores make rebuilds expensive.
find_program(KASSE_CCACHE ccache)
if(KASSE_CCACHE)
  set(CMAKE_CXX_COMPILER_LAUNCHER "${KASSE_CCACHE}")
endif()
