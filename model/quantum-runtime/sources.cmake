# Sources of model/quantum-runtime: the ns-3 runtime that executes quantum plans (quantum nodes
# and qubit registers, heralded links, the classical control network and its messages, the
# controller and the per-node agents, measured QoS). It uses model/quantum/ (the pure planning
# code), never the reverse. Read by the top-level CMakeLists.txt and wscript in both build modes;
# paths are relative to the repository root.
#   planet_quantum-runtime_pure_*: plain C++ (no ns-3): per-node schedules and their encoding,
#     measured-QoS summaries
#   planet_quantum-runtime_ns3_modules: ns-3 modules it needs beyond core and network
list(APPEND planet_quantum-runtime_pure_deps quantum input)
list(APPEND planet_quantum-runtime_ns3_modules internet point-to-point)
list(APPEND planet_quantum-runtime_pure_sources
  model/quantum-runtime/quantum-node-schedule.cc
  model/quantum-runtime/quantum-measured-qos.cc)
list(APPEND planet_quantum-runtime_pure_headers
  model/quantum-runtime/quantum-node-schedule.h
  model/quantum-runtime/quantum-measured-qos.h)
list(APPEND planet_quantum-runtime_sources
  model/quantum-runtime/quantum-node.cc
  model/quantum-runtime/quantum-heralded-link.cc
  model/quantum-runtime/quantum-control-header.cc
  model/quantum-runtime/quantum-agent.cc
  model/quantum-runtime/quantum-network.cc
  model/quantum-runtime/quantum-controller.cc)
list(APPEND planet_quantum-runtime_headers
  model/quantum-runtime/quantum-node.h
  model/quantum-runtime/quantum-heralded-link.h
  model/quantum-runtime/quantum-control-header.h
  model/quantum-runtime/quantum-agent.h
  model/quantum-runtime/quantum-network.h
  model/quantum-runtime/quantum-controller.h)
list(APPEND planet_quantum-runtime_unit_tests test/unit/quantum-runtime-schedule-test.cc)
list(APPEND planet_quantum-runtime_suites test/planet-quantum-runtime-test-suite.cc)
