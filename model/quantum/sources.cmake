# Sources of model/quantum, read by the top-level CMakeLists.txt in both build modes.
# Paths are relative to the repository root.
#   planet_quantum_pure_sources/headers: plain C++ with no ns-3 dependency (GoogleTest, Python)
#   planet_quantum_pure_deps: other areas whose pure code this area's pure code uses
#   planet_quantum_sources/headers: ns-3 models
#   planet_quantum_unit_tests: GoogleTest sources (test/unit/), linked with the pure code only
#   planet_quantum_suites: ns-3 TestSuite sources (test/)
list(APPEND planet_quantum_pure_deps input)
# General RCPSP engine (instance, validator, SGS, methods, PSPLIB reader)
list(APPEND planet_quantum_pure_sources
  model/quantum/quantum-rcpsp.cc
  model/quantum/quantum-rcpsp-sgs.cc
  model/quantum/quantum-rcpsp-methods.cc
  model/quantum/quantum-rcpsp-psplib.cc)
list(APPEND planet_quantum_pure_headers
  model/quantum/quantum-rcpsp.h
  model/quantum/quantum-rcpsp-sgs.h
  model/quantum/quantum-rcpsp-methods.h
  model/quantum/quantum-rcpsp-psplib.h)
list(APPEND planet_quantum_unit_tests
  test/unit/quantum-rcpsp-engine-test.cc
  test/unit/quantum-rcpsp-psplib-test.cc)
# Periodic schedulers and admission control (qsched)
list(APPEND planet_quantum_pure_sources
  model/quantum/quantum-qos-metrics.cc
  model/quantum/quantum-periodic.cc
  model/quantum/quantum-periodic-scheduler.cc
  model/quantum/quantum-qubit-mapping.cc
  model/quantum/quantum-qos-plan.cc)
list(APPEND planet_quantum_pure_headers
  model/quantum/quantum-qos-metrics.h
  model/quantum/quantum-periodic.h
  model/quantum/quantum-periodic-scheduler.h
  model/quantum/quantum-qubit-mapping.h
  model/quantum/quantum-qos-plan.h)
list(APPEND planet_quantum_unit_tests
  test/unit/quantum-sched-test.cc)
# Physics, entanglement math, topology and routing, protocol synthesis, task graphs (qphys)
list(APPEND planet_quantum_pure_sources
  model/quantum/quantum-fidelity.cc
  model/quantum/quantum-device.cc
  model/quantum/quantum-hardware.cc
  model/quantum/quantum-link.cc
  model/quantum/quantum-topology.cc
  model/quantum/quantum-protocol.cc
  model/quantum/quantum-task-graph.cc
  model/quantum/quantum-synthesis.cc)
list(APPEND planet_quantum_pure_headers
  model/quantum/quantum-fidelity.h
  model/quantum/quantum-device.h
  model/quantum/quantum-hardware.h
  model/quantum/quantum-link.h
  model/quantum/quantum-topology.h
  model/quantum/quantum-protocol.h
  model/quantum/quantum-task-graph.h
  model/quantum/quantum-synthesis.h)
list(APPEND planet_quantum_unit_tests
  test/unit/quantum-physics-test.cc
  test/unit/quantum-hardware-test.cc
  test/unit/quantum-topology-test.cc
  test/unit/quantum-planning-test.cc
  test/unit/quantum-synthesis-test.cc)
