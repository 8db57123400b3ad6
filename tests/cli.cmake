# The CLI end-to-end tests (tests/cli/) run the built `clir` executable: build it with them.
if(TARGET clir_test_cli AND TARGET clir_cli)
  add_dependencies(clir_test_cli clir_cli)
endif()
