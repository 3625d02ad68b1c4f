// SPDX-License-Identifier: GPL-2.0-only

// The planet._core extension: scenario runs and the pure algorithms of every area.

#include "bind.h"

PYBIND11_MODULE(_core, m)
{
    m.doc() = "planet's C++ core: scenario runs (the runners' records) and pure algorithms";
    m.attr("__version__") = PLANET_VERSION;
    planet::python::BindScenario(m);
    planet::python::BindFabric(m);
    planet::python::BindCollective(m);
    planet::python::BindQuantum(m);
    planet::python::BindQuantumPlanning(m);
}
