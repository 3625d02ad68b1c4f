# Sources of model/rdma, read by the top-level CMakeLists.txt in both build modes.
# Paths are relative to the repository root.
#   planet_rdma_pure_sources/headers: plain C++ with no ns-3 dependency (GoogleTest, Python)
#   planet_rdma_pure_deps: other areas whose pure code this area's pure code uses
#   planet_rdma_sources/headers: ns-3 models
#   planet_rdma_unit_tests: GoogleTest sources (test/unit/), linked with the pure code only
#   planet_rdma_suites: ns-3 TestSuite sources (test/)
