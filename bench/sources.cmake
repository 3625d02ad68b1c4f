# Benchmarks, read by the top-level CMakeLists.txt (standalone mode) when this file exists.
# Paths are relative to the repository root. Targets: build/bin/planet-bench-*.
if(benchmark_FOUND)
  add_executable(planet-bench-planner bench/collective-planner-bench.cc)
  target_link_libraries(planet-bench-planner PRIVATE planet-collective-pure planet-fabric-pure
                                                     benchmark::benchmark)
endif()

# planet-bench-collective-graph: expanding, splitting and planning collective flow graphs
if(benchmark_FOUND)
  add_executable(planet-bench-collective-graph bench/collective-graph-bench.cc)
  target_link_libraries(planet-bench-collective-graph PRIVATE planet-collective-pure
                                                              planet-fabric-pure benchmark::benchmark)
endif()
