# Benchmarks, read by the top-level CMakeLists.txt (standalone mode) when this file exists.
# Paths are relative to the repository root. Targets: build/bin/planet-bench-*.
if(benchmark_FOUND)
  add_executable(planet-bench-planner bench/collective-planner-bench.cc)
  target_link_libraries(planet-bench-planner PRIVATE planet-collective-pure planet-fabric-pure
                                                     planet-input-pure benchmark::benchmark)
endif()

# planet-bench-psplib: the RCPSP engine on the PSPLIB sets, extracted from data/psplib/*.sm.zip
# into the build directory at configure time (file(ARCHIVE_EXTRACT) needs CMake >= 3.18).
if(CMAKE_VERSION VERSION_GREATER_EQUAL 3.18)
  foreach(psplib_set j30 j60 j120)
    if(NOT EXISTS ${CMAKE_BINARY_DIR}/psplib/${psplib_set}/${psplib_set}1_1.sm)
      file(ARCHIVE_EXTRACT INPUT ${CMAKE_CURRENT_SOURCE_DIR}/data/psplib/${psplib_set}.sm.zip
           DESTINATION ${CMAKE_BINARY_DIR}/psplib/${psplib_set})
    endif()
  endforeach()
  add_executable(planet-bench-psplib bench/planet-bench-psplib.cc)
  target_link_libraries(planet-bench-psplib PRIVATE planet-quantum-pure planet-input-pure)
  target_compile_definitions(planet-bench-psplib
    PRIVATE PLANET_DATA_DIR="${CMAKE_CURRENT_SOURCE_DIR}/data"
            PLANET_PSPLIB_DIR="${CMAKE_BINARY_DIR}/psplib")
endif()

# planet-bench-collective-graph: expanding, splitting and planning collective flow graphs
if(benchmark_FOUND)
  add_executable(planet-bench-collective-graph bench/collective-graph-bench.cc)
  target_link_libraries(planet-bench-collective-graph PRIVATE planet-collective-pure
                                                              planet-fabric-pure planet-input-pure
                                                              benchmark::benchmark)
endif()

# planet-bench-quantum-synthesis: protocol synthesis per demand (quantum physics and planning)
if(benchmark_FOUND)
  add_executable(planet-bench-quantum-synthesis bench/quantum-synthesis-bench.cc)
  target_link_libraries(planet-bench-quantum-synthesis PRIVATE planet-quantum-pure
                                                               planet-input-pure
                                                               benchmark::benchmark)
  target_compile_definitions(planet-bench-quantum-synthesis
                             PRIVATE PLANET_DATA_DIR="${CMAKE_CURRENT_SOURCE_DIR}/data")
endif()

# planet-bench-quantum-sched: 100 random demands on SURFnet, whole plan and admission alone
if(benchmark_FOUND)
  add_executable(planet-bench-quantum-sched bench/quantum-sched-bench.cc)
  target_link_libraries(planet-bench-quantum-sched PRIVATE planet-quantum-pure planet-input-pure
                                                           benchmark::benchmark)
  target_compile_definitions(planet-bench-quantum-sched
                             PRIVATE PLANET_DATA_DIR="${CMAKE_CURRENT_SOURCE_DIR}/data")
endif()

# planet-bench-quantum-runtime: executing 100 SURFnet demands in ns-3 for 10 hyperperiods
if(benchmark_FOUND)
  add_executable(planet-bench-quantum-runtime bench/quantum-runtime-bench.cc)
  target_link_libraries(planet-bench-quantum-runtime PRIVATE planet benchmark::benchmark)
  target_compile_definitions(planet-bench-quantum-runtime
                             PRIVATE PLANET_DATA_DIR="${CMAKE_CURRENT_SOURCE_DIR}/data")
endif()
