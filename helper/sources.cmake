# Sources of helper/ (ns-3 helpers and result writers), read by the top-level CMakeLists.txt.
# Paths are relative to the repository root.
#   planet_helper_sources/headers, planet_helper_suites (ns-3 TestSuite sources in test/)
list(APPEND planet_helper_sources helper/planet-scenario.cc)
list(APPEND planet_helper_headers helper/planet-scenario.h)
list(APPEND planet_helper_suites test/planet-scenario-test-suite.cc)
list(APPEND planet_helper_sources helper/fabric-leaf-spine-helper.cc)
list(APPEND planet_helper_sources helper/rdma-helper.cc)
list(APPEND planet_helper_sources helper/fabric-scenario.cc)
list(APPEND planet_helper_headers helper/fabric-leaf-spine-helper.h)
list(APPEND planet_helper_headers helper/rdma-helper.h)
list(APPEND planet_helper_headers helper/fabric-scenario.h)
list(APPEND planet_helper_sources helper/quantum-scenario.cc)
list(APPEND planet_helper_headers helper/quantum-scenario.h)
list(APPEND planet_helper_suites test/planet-quantum-scenario-test-suite.cc)
# Collective applications; every planet-fabric workload as a flow graph they run
list(APPEND planet_helper_sources helper/collective-helper.cc helper/fabric-workload-helper.cc)
list(APPEND planet_helper_headers helper/collective-helper.h helper/fabric-workload-helper.h)
# The quantum runtime's helpers: networks and controllers in a user's own ns-3 program
list(APPEND planet_helper_sources helper/quantum-network-helper.cc helper/quantum-controller-helper.cc)
list(APPEND planet_helper_headers helper/quantum-network-helper.h helper/quantum-controller-helper.h)
list(APPEND planet_helper_sources helper/quantum-execution.cc)
list(APPEND planet_helper_headers helper/quantum-execution.h)
