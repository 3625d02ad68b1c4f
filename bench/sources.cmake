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

# planet-bench-quantum-synthesis: protocol synthesis per demand (quantum physics and planning)
if(benchmark_FOUND)
  add_executable(planet-bench-quantum-synthesis bench/quantum-synthesis-bench.cc)
  target_link_libraries(planet-bench-quantum-synthesis PRIVATE planet-quantum-pure
                                                               benchmark::benchmark)
  target_compile_definitions(planet-bench-quantum-synthesis
                             PRIVATE PLANET_DATA_DIR="${CMAKE_CURRENT_SOURCE_DIR}/data")
endif()
