# Sources of model/fabric, read by the top-level CMakeLists.txt in both build modes.
# Paths are relative to the repository root.
#   planet_fabric_pure_sources/headers: plain C++ with no ns-3 dependency (GoogleTest, Python)
#   planet_fabric_pure_deps: other areas whose pure code this area's pure code uses
#   planet_fabric_sources/headers: ns-3 models
#   planet_fabric_unit_tests: GoogleTest sources (test/unit/), linked with the pure code only
#   planet_fabric_suites: ns-3 TestSuite sources (test/)
list(APPEND planet_fabric_pure_deps input)
list(APPEND planet_fabric_pure_sources model/fabric/fabric-leaf-spine.cc)
list(APPEND planet_fabric_pure_headers model/fabric/fabric-leaf-spine.h)
list(APPEND planet_fabric_pure_headers model/fabric/fabric-defaults.h)
list(APPEND planet_fabric_pure_sources model/fabric/fabric-ecmp.cc)
list(APPEND planet_fabric_pure_headers model/fabric/fabric-ecmp.h)
list(APPEND planet_fabric_unit_tests test/unit/fabric-ecmp-test.cc)
list(APPEND planet_fabric_unit_tests test/unit/fabric-leaf-spine-test.cc)
list(APPEND planet_fabric_pure_sources model/fabric/fabric-workload.cc)
list(APPEND planet_fabric_pure_headers model/fabric/fabric-workload.h)
list(APPEND planet_fabric_unit_tests test/unit/fabric-workload-test.cc)
list(APPEND planet_fabric_sources model/fabric/fabric-header.cc)
list(APPEND planet_fabric_sources model/fabric/fabric-net-device.cc)
list(APPEND planet_fabric_sources model/fabric/fabric-channel.cc)
list(APPEND planet_fabric_sources model/fabric/fabric-switch.cc)
list(APPEND planet_fabric_headers model/fabric/fabric-header.h)
list(APPEND planet_fabric_headers model/fabric/fabric-net-device.h)
list(APPEND planet_fabric_headers model/fabric/fabric-channel.h)
list(APPEND planet_fabric_headers model/fabric/fabric-switch.h)
list(APPEND planet_fabric_suites test/planet-fabric-queue-test-suite.cc)
list(APPEND planet_fabric_suites test/planet-fabric-routing-test-suite.cc)
list(APPEND planet_fabric_suites test/planet-fabric-scenario-test-suite.cc)
