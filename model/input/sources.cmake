# Sources of model/input, read by the top-level CMakeLists.txt in both build modes.
# Paths are relative to the repository root.
#   planet_input_pure_sources/headers: the validation layer every area uses (numbers, times,
#   sizes, memory and event budgets, input files): plain C++, no ns-3, no other area
#   planet_input_unit_tests: GoogleTest sources (test/unit/)
list(APPEND planet_input_pure_sources model/input/input-check.cc model/input/input-file.cc)
list(APPEND planet_input_pure_headers model/input/input-check.h model/input/input-file.h)
list(APPEND planet_input_unit_tests test/unit/input-check-test.cc)
