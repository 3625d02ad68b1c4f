# Sources of model/collective, read by the top-level CMakeLists.txt in both build modes.
# Paths are relative to the repository root.
#   planet_collective_pure_sources/headers: plain C++ with no ns-3 dependency (GoogleTest, Python)
#   planet_collective_pure_deps: other areas whose pure code this area's pure code uses
#   planet_collective_sources/headers: ns-3 models
#   planet_collective_unit_tests: GoogleTest sources (test/unit/), linked with the pure code only
#   planet_collective_suites: ns-3 TestSuite sources (test/)
list(APPEND planet_collective_pure_sources model/collective/collective-planner.cc)
list(APPEND planet_collective_pure_headers model/collective/collective-planner.h)
list(APPEND planet_collective_pure_deps fabric input)
list(APPEND planet_collective_unit_tests test/unit/collective-planner-test.cc)
# Communicators, algorithms, flow graphs, metrics, training workloads, graph splitting (calgo)
list(APPEND planet_collective_pure_sources
     model/collective/collective-communicator.cc
     model/collective/collective-flow-graph.cc
     model/collective/collective-algorithm.cc
     model/collective/collective-metrics.cc
     model/collective/collective-workload.cc
     model/collective/collective-split.cc
     model/collective/collective-transfers.cc)
list(APPEND planet_collective_pure_headers
     model/collective/collective-registry.h
     model/collective/collective-communicator.h
     model/collective/collective-flow-graph.h
     model/collective/collective-algorithm.h
     model/collective/collective-metrics.h
     model/collective/collective-workload.h
     model/collective/collective-split.h
     model/collective/collective-transfers.h)
list(APPEND planet_collective_unit_tests
     test/unit/collective-algorithm-test.cc
     test/unit/collective-communicator-test.cc
     test/unit/collective-metrics-test.cc
     test/unit/collective-workload-test.cc
     test/unit/collective-transfers-test.cc)
# ns-3 half: the application executing a flow graph over the RDMA transport (ccoll)
list(APPEND planet_collective_sources model/collective/collective-application.cc)
list(APPEND planet_collective_headers model/collective/collective-application.h)
list(APPEND planet_collective_suites test/planet-collective-application-test-suite.cc)
