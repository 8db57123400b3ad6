# Run by CTest (see install.cmake). Fails on the first step that does not succeed.
set(work "${BUILD_DIR}/install-test")
file(REMOVE_RECURSE "${work}")
set(prefix "${work}/prefix")

function(run_step what)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "${what} failed (${rc}):\n${out}\n${err}")
  endif()
  set(last_output "${out}" PARENT_SCOPE)
endfunction()

run_step("install" ${CMAKE_COMMAND} --install "${BUILD_DIR}" --prefix "${prefix}")
foreach(f include/clir/clir.hpp include/clir/core/table.hpp share/clir/hromadas.csv share/clir/clir2024_groups.csv share/clir/README.md lib/cmake/clir/clirConfig.cmake lib/cmake/clir/clirConfigVersion.cmake bin/clir)
  if(NOT EXISTS "${prefix}/${f}")
    message(FATAL_ERROR "installed tree lacks ${f}")
  endif()
endforeach()
set(extra)
if(SANITIZE)  # a sanitized libclir.a needs the sanitizer runtimes at link time
  list(APPEND extra "-DCMAKE_CXX_FLAGS=-fsanitize=address,undefined" "-DCMAKE_EXE_LINKER_FLAGS=-fsanitize=address,undefined")
endif()
run_step("configure consumer" ${CMAKE_COMMAND} -S "${SOURCE_DIR}/examples/consumer" -B "${work}/consumer"
  "-DCMAKE_PREFIX_PATH=${prefix}" "-DCMAKE_CXX_COMPILER=${CXX_COMPILER}" "-DCMAKE_BUILD_TYPE=${BUILD_TYPE}" ${extra})
run_step("build consumer" ${CMAKE_COMMAND} --build "${work}/consumer")
run_step("run consumer" "${work}/consumer/consumer")
if(NOT last_output MATCHES "rows=2 error-key=area")
  message(FATAL_ERROR "consumer printed unexpected output: ${last_output}")
endif()
# A version the package does not provide must be refused.
file(WRITE "${work}/toonew/CMakeLists.txt"
  "cmake_minimum_required(VERSION 3.25)\nproject(toonew LANGUAGES CXX)\nfind_package(clir 9.0 REQUIRED)\n")
execute_process(COMMAND ${CMAKE_COMMAND} -S "${work}/toonew" -B "${work}/toonew/build" "-DCMAKE_PREFIX_PATH=${prefix}"
  RESULT_VARIABLE rc OUTPUT_QUIET ERROR_QUIET)
if(rc EQUAL 0)
  message(FATAL_ERROR "find_package(clir 9.0) succeeded against clir ${PROJECT_VERSION}")
endif()
message(STATUS "install-and-consume: OK")
