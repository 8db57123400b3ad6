# Browser tests (tests/browser/): report.html and reproduction.html in Debian's headless
# Chromium, driven by playwright-core from npm. scripts/test installs chromium, nodejs and npm
# (Debian packages) when missing; without them the tests are not registered (and CMake says so).
find_program(CLIR_NODE NAMES node nodejs)
find_program(CLIR_NPM npm)
find_program(CLIR_CHROMIUM chromium)
if(CLIR_NODE AND CLIR_NPM AND CLIR_CHROMIUM AND TARGET clir_cli)
  set(_browser_dir "${CMAKE_CURRENT_BINARY_DIR}/browser")
  add_test(NAME browser_npm_ci
    COMMAND "${CMAKE_COMMAND}" "-DSOURCE=${CMAKE_CURRENT_SOURCE_DIR}/browser" "-DDESTINATION=${_browser_dir}"
            "-DNPM=${CLIR_NPM}" -P "${CMAKE_CURRENT_SOURCE_DIR}/browser/npm_ci.cmake")
  set_tests_properties(browser_npm_ci PROPERTIES FIXTURES_SETUP clir_browser LABELS browser TIMEOUT 600)
  add_test(NAME browser_report
    COMMAND "${CLIR_NODE}" "${CMAKE_CURRENT_SOURCE_DIR}/browser/report_test.cjs"
            --clir "$<TARGET_FILE:clir_cli>" --modules "${_browser_dir}/node_modules"
            --out "${_browser_dir}/out" --chromium "${CLIR_CHROMIUM}")
  set_tests_properties(browser_report PROPERTIES FIXTURES_REQUIRED clir_browser LABELS browser TIMEOUT 300
    RUN_SERIAL TRUE)
  # The interactive report.html needs a clir built with the engine (CLIR_WASM_MODULE, docs/web.md).
  if(CLIR_WASM_MODULE)
    add_test(NAME browser_whatif
      COMMAND "${CLIR_NODE}" "${CMAKE_CURRENT_SOURCE_DIR}/browser/whatif_test.cjs"
              --clir "$<TARGET_FILE:clir_cli>" --modules "${_browser_dir}/node_modules"
              --out "${_browser_dir}/out" --chromium "${CLIR_CHROMIUM}")
    set_tests_properties(browser_whatif PROPERTIES FIXTURES_REQUIRED clir_browser LABELS browser TIMEOUT 600
      RUN_SERIAL TRUE)
  else()
    message(STATUS "clir: the interactive report's browser test is not registered (CLIR_WASM_MODULE is not set)")
  endif()
else()
  message(STATUS "clir: browser tests not registered (need node, npm and chromium; scripts/test installs them)")
endif()
