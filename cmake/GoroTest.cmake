# The one helper through which every unit test binary is registered.
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

# The one helper through which every script test is registered.
#
#   goro_add_script_tests(SUITE name DIR dir [RECURSE] [VARIANTS v...]
#                         [LABELS l...] [FOLDER_LABELS folder...] [TIMEOUT s])
# registers, for each DIR/*.goro (DIR/**/*.goro with RECURSE), one CTest
# test per variant that runs the script with the goro command through
# tests/lang/run_golden.sh, which checks what it prints and its exit status
# against the expectations in its comments. Tests are named
# SUITE/<path below DIR, without .goro>[/<variant>] and run in DIR.
# Variants (default: plain):
#   plain     as is (no suffix)
#   procs1    GOMAXPROCS=1
#   procs4    GOMAXPROCS=4, with the lock order checked (GORO_LOCKRANK=1)
#   gcstress  GORO_GC_STRESS=1, a collection at every allocation; also
#             labelled gcstress, with a longer timeout (300 s)
# Every test is labelled LABELS, and a script in a sub-folder named in
# FOLDER_LABELS is labelled with that folder's name too. TIMEOUT (default
# 120 s) applies to the other variants; run_golden.sh kills a hung script
# at 120 s.
function(goro_add_script_tests)
  cmake_parse_arguments(S "RECURSE" "SUITE;DIR;TIMEOUT" "VARIANTS;LABELS;FOLDER_LABELS" ${ARGN})
  if(NOT TARGET goro)
    return()
  endif()
  if(NOT S_VARIANTS)
    set(S_VARIANTS plain)
  endif()
  if(NOT S_TIMEOUT)
    set(S_TIMEOUT 120)
  endif()
  if(S_RECURSE)
    file(GLOB_RECURSE scripts CONFIGURE_DEPENDS ${S_DIR}/*.goro)
  else()
    file(GLOB scripts CONFIGURE_DEPENDS ${S_DIR}/*.goro)
  endif()
  set(runner ${PROJECT_SOURCE_DIR}/tests/lang/run_golden.sh)
  foreach(script ${scripts})
    file(RELATIVE_PATH rel ${S_DIR} ${script})
    string(REGEX REPLACE "\\.goro$" "" name ${rel})
    set(labels ${S_LABELS})
    foreach(folder ${S_FOLDER_LABELS})
      if(rel MATCHES "^${folder}/")
        list(APPEND labels ${folder})
      endif()
    endforeach()
    foreach(variant ${S_VARIANTS})
      set(timeout ${S_TIMEOUT})
      set(variant_labels ${labels})
      if(variant STREQUAL "plain")
        set(test ${S_SUITE}/${name})
        set(env "")
      elseif(variant STREQUAL "procs1")
        set(test ${S_SUITE}/${name}/procs1)
        set(env GOMAXPROCS=1)
      elseif(variant STREQUAL "procs4")
        set(test ${S_SUITE}/${name}/procs4)
        set(env GOMAXPROCS=4 GORO_LOCKRANK=1)
      elseif(variant STREQUAL "gcstress")
        set(test ${S_SUITE}/${name}/gcstress)
        set(env GORO_GC_STRESS=1)
        set(timeout 300)
        list(APPEND variant_labels gcstress)
      else()
        message(FATAL_ERROR "goro_add_script_tests: unknown variant ${variant}")
      endif()
      add_test(NAME ${test}
        COMMAND ${CMAKE_COMMAND} -E env ${env} ${runner} $<TARGET_FILE:goro> ${script}
        WORKING_DIRECTORY ${S_DIR})
      set_tests_properties(${test} PROPERTIES LABELS "${variant_labels}" TIMEOUT ${timeout})
    endforeach()
  endforeach()
endfunction()
