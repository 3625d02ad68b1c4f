// SPDX-License-Identifier: GPL-2.0-only

#ifndef PLANET_PYTHON_BIND_H
#define PLANET_PYTHON_BIND_H

#include <pybind11/pybind11.h>

/**
 * \file
 * \ingroup planet
 * The parts of the planet._core extension, one function per area (bind-<area>.cc), called by
 * the module definition in bind-module.cc.
 */

namespace planet::python
{

/// \brief run_scenario() and scenario introspection (bind-scenario.cc).
void BindScenario(pybind11::module_& m);

/// \brief Leaf-spine shape, wire format and the ideal bound (bind-fabric.cc).
void BindFabric(pybind11::module_& m);

/// \brief Traffic planner, collective algorithms, flow graphs and metrics (bind-collective.cc).
void BindCollective(pybind11::module_& m);

/// \brief The RCPSP engine, the PSPLIB reader, periodic schedulers (bind-quantum.cc).
void BindQuantum(pybind11::module_& m);

/// \brief Topologies, devices, link tables and protocol synthesis (bind-quantum-planning.cc).
void BindQuantumPlanning(pybind11::module_& m);

} // namespace planet::python

#endif /* PLANET_PYTHON_BIND_H */
