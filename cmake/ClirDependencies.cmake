# Finds every dependency from Debian's packages. Shared by the build and (through
# clirConfig.cmake) by projects that consume an installed clir.
if(EMSCRIPTEN)
  # The WebAssembly build (the `wasm` preset) takes its dependencies elsewhere (docs/web.md).
  include("${CMAKE_CURRENT_LIST_DIR}/ClirWasmDependencies.cmake")
  return()
endif()
find_package(Threads REQUIRED)
find_package(Eigen3 3.3 REQUIRED NO_MODULE)
find_package(Boost 1.74 REQUIRED COMPONENTS graph)
find_package(nlohmann_json 3.10 REQUIRED)
find_package(tomlplusplus 3 REQUIRED)
find_package(GeographicLib REQUIRED)
find_package(GLPK 4.65 REQUIRED)
if(CLIR_BUILD_CLI)
  find_package(CLI11 2 REQUIRED)
endif()
