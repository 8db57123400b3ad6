# Install-and-consume test: install this build into a scratch prefix, then configure, build and
# run examples/consumer against it with find_package(clir 0.1), as nanoflann and Boost do.
add_test(NAME install_and_consume
  COMMAND ${CMAKE_COMMAND}
    -DBUILD_DIR=${PROJECT_BINARY_DIR}
    -DSOURCE_DIR=${PROJECT_SOURCE_DIR}
    -DCXX_COMPILER=${CMAKE_CXX_COMPILER}
    -DBUILD_TYPE=${CMAKE_BUILD_TYPE}
    -DSANITIZE=${CLIR_SANITIZE}
    -P ${CMAKE_CURRENT_LIST_DIR}/scripts/install_and_consume.cmake)
set_tests_properties(install_and_consume PROPERTIES LABELS install TIMEOUT 600)
