# The key tables of docs/scenario.md are generated from the field declarations (clir::Fields) by
# tools/clir_docgen.cpp; this test fails, showing the stale lines, when the checked-in file
# differs from what the declarations say. Refresh with:
#   build/release/clir_docgen --write docs/scenario.md
add_executable(clir_docgen "${PROJECT_SOURCE_DIR}/tools/clir_docgen.cpp")
target_link_libraries(clir_docgen PRIVATE clir::clir)
clir_set_warnings(clir_docgen)
set_target_properties(clir_docgen PROPERTIES RUNTIME_OUTPUT_DIRECTORY "${PROJECT_BINARY_DIR}")
add_test(NAME docs.scenario_key_tables COMMAND clir_docgen --check "${PROJECT_SOURCE_DIR}/docs/scenario.md")
set_tests_properties(docs.scenario_key_tables PROPERTIES LABELS docs)
