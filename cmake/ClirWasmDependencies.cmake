# The dependencies of the WebAssembly build (the `wasm` preset; see docs/web.md).
#
# Emscripten's toolchain confines find_package() to its own sysroot, and Debian's packages are
# built for the host, so nothing here is "found": the header-only libraries (Eigen, Boost,
# nlohmann-json, toml++) are Debian's headers, and the compiled ones (GeographicLib, GLPK) come
# from scripts/wasm-deps, which builds them from Debian's source packages into CLIR_WASM_DEPS_PREFIX.
# The targets have the names the native build uses, so the rest of CMakeLists.txt is unchanged.

set(CLIR_WASM_DEPS_PREFIX "${CMAKE_CURRENT_SOURCE_DIR}/build/wasm-deps/prefix" CACHE PATH
  "Prefix holding GeographicLib and GLPK built for WebAssembly (scripts/wasm-deps)")
set(CLIR_WASM_DEBIAN_INCLUDE "/usr/include" CACHE PATH
  "Where Debian's header-only libraries (boost, eigen3, nlohmann, toml++) are")

# /usr/include also holds glibc's headers, which must never shadow emscripten's libc: the
# header-only libraries are reached through a folder of links to their own subfolders only.
set(_clir_wasm_headers "${CMAKE_CURRENT_BINARY_DIR}/debian-headers")
file(MAKE_DIRECTORY "${_clir_wasm_headers}")
foreach(_dir IN ITEMS boost nlohmann toml++)
  if(NOT IS_DIRECTORY "${CLIR_WASM_DEBIAN_INCLUDE}/${_dir}")
    message(FATAL_ERROR "wasm build: ${CLIR_WASM_DEBIAN_INCLUDE}/${_dir} not found; "
                        "install Debian's headers first (scripts/deps)")
  endif()
  if(NOT EXISTS "${_clir_wasm_headers}/${_dir}")
    file(CREATE_LINK "${CLIR_WASM_DEBIAN_INCLUDE}/${_dir}" "${_clir_wasm_headers}/${_dir}" SYMBOLIC)
  endif()
endforeach()
if(NOT IS_DIRECTORY "${CLIR_WASM_DEBIAN_INCLUDE}/eigen3/Eigen")
  message(FATAL_ERROR "wasm build: ${CLIR_WASM_DEBIAN_INCLUDE}/eigen3 not found (Debian's libeigen3-dev)")
endif()

function(_clir_wasm_interface name)
  add_library(${name} INTERFACE IMPORTED)
  set_target_properties(${name} PROPERTIES INTERFACE_SYSTEM_INCLUDE_DIRECTORIES "${ARGN}"
                                           INTERFACE_INCLUDE_DIRECTORIES "${ARGN}")
endfunction()
_clir_wasm_interface(Eigen3::Eigen "${CLIR_WASM_DEBIAN_INCLUDE}/eigen3")
_clir_wasm_interface(Boost::headers "${_clir_wasm_headers}")
_clir_wasm_interface(Boost::graph "${_clir_wasm_headers}")  # the parts clir uses are header-only
_clir_wasm_interface(nlohmann_json::nlohmann_json "${_clir_wasm_headers}")
# Debian builds toml++ as a shared library; here it is compiled from the same headers
# (TOML_HEADER_ONLY, toml++'s default), the same parser code.
_clir_wasm_interface(tomlplusplus::tomlplusplus "${_clir_wasm_headers}")
# Single-threaded: no -pthread, so std::thread is never started (see clir/core/parallel.hpp).
add_library(Threads::Threads INTERFACE IMPORTED)

foreach(_header IN ITEMS GeographicLib/Config.h glpk.h)
  if(NOT EXISTS "${CLIR_WASM_DEPS_PREFIX}/include/${_header}")
    message(FATAL_ERROR "wasm build: ${CLIR_WASM_DEPS_PREFIX}/include/${_header} not found. "
                        "Build the compiled dependencies for WebAssembly first: scripts/wasm-deps")
  endif()
endforeach()
foreach(_lib IN ITEMS GeographicLib glpk)
  if(NOT EXISTS "${CLIR_WASM_DEPS_PREFIX}/lib/lib${_lib}.a")
    # The library's objects can be compiled meanwhile; the link needs the archive.
    message(WARNING "wasm build: ${CLIR_WASM_DEPS_PREFIX}/lib/lib${_lib}.a is not built yet "
                    "(scripts/wasm-deps); clir_wasm cannot be linked without it")
  endif()
endforeach()
add_library(GeographicLib::GeographicLib STATIC IMPORTED)
set_target_properties(GeographicLib::GeographicLib PROPERTIES
  IMPORTED_LOCATION "${CLIR_WASM_DEPS_PREFIX}/lib/libGeographicLib.a"
  INTERFACE_INCLUDE_DIRECTORIES "${CLIR_WASM_DEPS_PREFIX}/include")
add_library(GLPK::GLPK STATIC IMPORTED)
set_target_properties(GLPK::GLPK PROPERTIES
  IMPORTED_LOCATION "${CLIR_WASM_DEPS_PREFIX}/lib/libglpk.a"
  INTERFACE_INCLUDE_DIRECTORIES "${CLIR_WASM_DEPS_PREFIX}/include")
