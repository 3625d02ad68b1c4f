# Benchmarks, read by the top-level CMakeLists.txt (standalone mode) when this file exists.
# Paths are relative to the repository root. Targets: build/bin/planet-bench-*.
if(benchmark_FOUND)
  add_executable(planet-bench-planner bench/collective-planner-bench.cc)
  target_link_libraries(planet-bench-planner PRIVATE planet-collective-pure planet-fabric-pure
                                                     benchmark::benchmark)
endif()
