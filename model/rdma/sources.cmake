# Sources of model/rdma, read by the top-level CMakeLists.txt in both build modes.
# Paths are relative to the repository root.
#   planet_rdma_pure_sources/headers: plain C++ with no ns-3 dependency (GoogleTest, Python)
#   planet_rdma_pure_deps: other areas whose pure code this area's pure code uses
#   planet_rdma_sources/headers: ns-3 models
#   planet_rdma_unit_tests: GoogleTest sources (test/unit/), linked with the pure code only
#   planet_rdma_suites: ns-3 TestSuite sources (test/)
list(APPEND planet_rdma_sources model/rdma/rdma-queue-pair.cc)
list(APPEND planet_rdma_sources model/rdma/rdma-stack.cc)
list(APPEND planet_rdma_sources model/rdma/rdma-path-selection.cc)
list(APPEND planet_rdma_sources model/rdma/rdma-recovery.cc)
list(APPEND planet_rdma_sources model/rdma/rdma-congestion-control.cc)
list(APPEND planet_rdma_sources model/rdma/rdma-loss-model.cc)
list(APPEND planet_rdma_headers model/rdma/rdma-queue-pair.h)
list(APPEND planet_rdma_headers model/rdma/rdma-stack.h)
list(APPEND planet_rdma_headers model/rdma/rdma-path-selection.h)
list(APPEND planet_rdma_headers model/rdma/rdma-recovery.h)
list(APPEND planet_rdma_headers model/rdma/rdma-congestion-control.h)
list(APPEND planet_rdma_headers model/rdma/rdma-loss-model.h)
list(APPEND planet_rdma_suites test/planet-rdma-transport-test-suite.cc)
list(APPEND planet_rdma_suites test/planet-rdma-loss-test-suite.cc)
list(APPEND planet_rdma_suites test/planet-rdma-timing-test-suite.cc)
list(APPEND planet_rdma_suites test/planet-rdma-close-test-suite.cc)
# RoCEv2 bytes of a packet, for pcap and ascii traces (LeafSpineHelper::EnablePcap)
list(APPEND planet_rdma_sources model/rdma/rdma-roce-frame.cc)
list(APPEND planet_rdma_headers model/rdma/rdma-roce-frame.h)
