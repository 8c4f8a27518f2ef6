# The one helper through which every test is registered.
#
#   goro_add_test(NAME name SOURCES a.cpp b.cpp LIBS goro_gc [LABELS l])
# builds a GoogleTest binary and registers each of its tests with CTest
# (gtest_discover_tests), so `ctest -R Name` selects single tests.
include(GoogleTest)
function(goro_add_test)
  cmake_parse_arguments(T "" "NAME" "SOURCES;LIBS;LABELS" ${ARGN})
  add_executable(${T_NAME} ${T_SOURCES})
  target_link_libraries(${T_NAME} PRIVATE ${T_LIBS} GTest::gtest GTest::gtest_main)
  gtest_discover_tests(${T_NAME}
    DISCOVERY_TIMEOUT 60
    PROPERTIES LABELS "${T_LABELS}" TIMEOUT 300)
endfunction()
