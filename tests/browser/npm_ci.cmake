# cmake -P script: installs the browser tests' npm packages (playwright-core only, pinned by
# package-lock.json) into DESTINATION/node_modules, unless the same lock file is installed
# there already. Never downloads a browser: playwright-core has no install script, scripts are
# off, and PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD is set anyway; the tests use Debian's chromium.
#   -DSOURCE=<tests/browser> -DDESTINATION=<build/browser> -DNPM=<npm>
cmake_minimum_required(VERSION 3.25)
file(MAKE_DIRECTORY "${DESTINATION}")
set(installed "${DESTINATION}/node_modules/.package-lock.json")
file(READ "${SOURCE}/package-lock.json" wanted)
if(EXISTS "${DESTINATION}/package-lock.json" AND EXISTS "${installed}")
  file(READ "${DESTINATION}/package-lock.json" have)
  if(have STREQUAL wanted)
    return()
  endif()
endif()
file(COPY "${SOURCE}/package.json" "${SOURCE}/package-lock.json" DESTINATION "${DESTINATION}")
set(ENV{PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD} 1)
execute_process(COMMAND "${NPM}" ci --ignore-scripts --no-audit --no-fund --loglevel=error
  WORKING_DIRECTORY "${DESTINATION}" RESULT_VARIABLE result)
if(NOT result EQUAL 0)
  message(FATAL_ERROR "npm ci failed (${result}) in ${DESTINATION}: the browser tests need playwright-core from the npm registry")
endif()
