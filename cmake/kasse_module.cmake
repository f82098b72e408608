# kasse_module(<name> SOURCES ... [DEPS ...] [PRIVATE_DEPS ...] [TESTS ...] [TEST_DEPS ...])
#
# One static library per src/<module>/, named kasse_<name>. Its public headers are
# included as "<module>/<header>.h" from src/. TESTS are *_test.cpp files next to the
# code; they become one test binary kasse_<name>_test registered with CTest,
# linked with the module and TEST_DEPS (e.g. kasse_samples).
function(kasse_module name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS;PRIVATE_DEPS;TESTS;TEST_DEPS" ${ARGN})
  add_library(kasse_${name} STATIC ${ARG_SOURCES})
  target_include_directories(kasse_${name} PUBLIC ${PROJECT_SOURCE_DIR}/src)
  target_link_libraries(kasse_${name} PUBLIC ${ARG_DEPS} PRIVATE kasse_warnings ${ARG_PRIVATE_DEPS})
  if(KASSE_BUILD_TESTS AND ARG_TESTS)
    add_executable(kasse_${name}_test ${ARG_TESTS})
    target_link_libraries(kasse_${name}_test PRIVATE kasse_${name} ${ARG_TEST_DEPS} kasse_warnings GTest::gmock GTest::gtest_main)
    gtest_discover_tests(kasse_${name}_test DISCOVERY_MODE PRE_TEST PROPERTIES LABELS unit)
  endif()
endfunction()
