# Fuzz targets of the parsers and of the Python-facing constructors (test/fuzz/fuzz-*.cc), read
# by the top-level CMakeLists.txt (standalone mode). Paths are relative to the repository root.
#  - default (any compiler): each target linked with fuzz-driver.cc, a seeded mutational driver;
#    ctest runs every target on a bounded number of inputs (planet-fuzz-<target>, `make test`)
#  - -DPLANET_LIBFUZZER=ON with clang (`make fuzz`): linked with libFuzzer, ASan and UBSan
set(planet_fuzz_targets matrix demands gml graphml psplib constructors)
set(planet_fuzz_seeds_matrix ${CMAKE_CURRENT_SOURCE_DIR}/test/fuzz/seeds/matrix)
set(planet_fuzz_seeds_demands ${CMAKE_CURRENT_SOURCE_DIR}/test/fuzz/seeds/demands)
set(planet_fuzz_seeds_gml ${CMAKE_CURRENT_SOURCE_DIR}/data/quantum/surfnet.gml)
set(planet_fuzz_seeds_graphml ${CMAKE_CURRENT_SOURCE_DIR}/test/fuzz/seeds/graphml)
set(planet_fuzz_seeds_psplib ${CMAKE_CURRENT_SOURCE_DIR}/test/unit/data/psplib/j301_1.sm)
set(planet_fuzz_seeds_constructors ${CMAKE_CURRENT_SOURCE_DIR}/test/fuzz/seeds/constructors)
option(PLANET_LIBFUZZER "Build the fuzz targets with libFuzzer, ASan and UBSan (clang)" OFF)
set(PLANET_FUZZ_RUNS 20000 CACHE STRING "Inputs each fuzz target runs in ctest")
foreach(target ${planet_fuzz_targets})
  set(name planet-fuzz-${target})
  if(PLANET_LIBFUZZER)
    add_executable(${name} test/fuzz/fuzz-${target}.cc)
    target_compile_options(${name} PRIVATE -fsanitize=fuzzer,address,undefined)
    target_link_options(${name} PRIVATE -fsanitize=fuzzer,address,undefined)
  else()
    add_executable(${name} test/fuzz/fuzz-${target}.cc test/fuzz/fuzz-driver.cc)
  endif()
  target_link_libraries(${name} PRIVATE planet-quantum-pure planet-collective-pure
                                        planet-fabric-pure planet-input-pure)
  add_test(NAME ${name} COMMAND ${name} -runs=${PLANET_FUZZ_RUNS} -seed=1
                                ${planet_fuzz_seeds_${target}})
  set_tests_properties(${name} PROPERTIES LABELS fuzz TIMEOUT 300)
endforeach()
