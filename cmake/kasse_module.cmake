# kasse_module(<name> SOURCES ... [DEPS ...] [PRIVATE_DEPS ...] [TESTS ...] [PG_TESTS ...] [TEST_DEPS ...])
#
# One static library per src/<module>/, named kasse_<name>. Its public headers are
# included as "<module>/<header>.h" from src/. TESTS are *_test.cpp files next to the
# code; they become one test binary kasse_<name>_test registered with CTest,
# linked with the module and TEST_DEPS (e.g. kasse_samples). PG_TESTS (*_pgtest.cpp)
# need PostgreSQL: they become kasse_<name>_pgtest, labelled `postgres`, and CTest
# starts a throwaway server for them (the `postgres` fixture, kasse_postgres_fixture).
function(kasse_module name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS;PRIVATE_DEPS;TESTS;PG_TESTS;TEST_DEPS" ${ARGN})
  add_library(kasse_${name} STATIC ${ARG_SOURCES})
  target_include_directories(kasse_${name} PUBLIC ${PROJECT_SOURCE_DIR}/src)
  target_link_libraries(kasse_${name} PUBLIC ${ARG_DEPS} PRIVATE kasse_warnings ${ARG_PRIVATE_DEPS})
  if(KASSE_BUILD_TESTS AND ARG_TESTS)
    add_executable(kasse_${name}_test ${ARG_TESTS})
    target_link_libraries(kasse_${name}_test PRIVATE kasse_${name} ${ARG_TEST_DEPS} kasse_warnings GTest::gmock GTest::gtest_main)
    gtest_discover_tests(kasse_${name}_test DISCOVERY_MODE PRE_TEST PROPERTIES LABELS unit)
  endif()
  if(KASSE_BUILD_TESTS AND ARG_PG_TESTS)
    add_executable(kasse_${name}_pgtest ${ARG_PG_TESTS})
    target_link_libraries(kasse_${name}_pgtest PRIVATE kasse_${name} ${ARG_TEST_DEPS} kasse_storage_testing
                          kasse_warnings GTest::gmock GTest::gtest_main)
    gtest_discover_tests(kasse_${name}_pgtest DISCOVERY_MODE PRE_TEST PROPERTIES
      LABELS postgres FIXTURES_REQUIRED postgres
      ENVIRONMENT KASSE_TEST_POSTGRES_URL_FILE=${PROJECT_BINARY_DIR}/postgres/url)
  endif()
endfunction()

# The `postgres` CTest fixture: a throwaway PostgreSQL 15 on 127.0.0.1 for the
# PG_TESTS, started before the first and stopped after the last
# (scripts/testing/postgres).
function(kasse_postgres_fixture)
  add_test(NAME postgres.start COMMAND ${PROJECT_SOURCE_DIR}/scripts/testing/postgres start ${PROJECT_BINARY_DIR}/postgres)
  add_test(NAME postgres.stop COMMAND ${PROJECT_SOURCE_DIR}/scripts/testing/postgres stop ${PROJECT_BINARY_DIR}/postgres)
  set_tests_properties(postgres.start PROPERTIES FIXTURES_SETUP postgres LABELS postgres)
  set_tests_properties(postgres.stop PROPERTIES FIXTURES_CLEANUP postgres LABELS postgres)
endfunction()
