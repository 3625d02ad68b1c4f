# SPDX-License-Identifier: GPL-2.0-only
"""planet: planned networks, an ns-3 module, from Python.

Scenario runs return the same record as the runners' ``--json`` file::

    import planet
    record = planet.run_fabric(hostsPerLeaf=4, seed=1)

Parameter names are the runners' flag names (``--hostsPerLeaf`` -> ``hostsPerLeaf``); values
may be str, int, float or bool. A bad parameter raises ValueError naming it. One simulation
runs at a time per process; a second run in the same process gives the same record as a fresh
process.

The pure algorithms (no simulation) are plain classes and functions, e.g.
``planet.compute_ideal_bound(planet.LeafSpineShape(leaves=2), planet.WireFormat(), flows)``.

Submodules (imported on use): ``planet.sweep`` (parameter sweeps, local or on Dask),
``planet.results`` (a sweep directory as a pandas DataFrame), ``planet.plot`` (figures).
"""

from . import _core
from ._core import *  # noqa: F401,F403  (the pure algorithms' classes and functions)

__version__ = _core.__version__

#: Runner name -> scenario TypeId name (the runners planet-fabric and planet-quantum).
RUNNERS = {"fabric": "ns3::FabricScenario", "quantum": "ns3::QuantumScenario"}


def parameter_string(name, value):
    """The command-line text of a parameter value: bool -> "true"/"false", numbers -> str."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float, str)):
        return str(value)  # floats: the shortest text that reads back to the same number
    raise ValueError(f"parameter '{name}': cannot use {value!r} of type {type(value).__name__} "
                     "(expects str, int, float or bool)")


def parameter_strings(params):
    """All parameters as command-line texts (see parameter_string)."""
    return {name: parameter_string(name, value) for name, value in params.items()}


def scenario_type(runner):
    """The scenario TypeId name of a runner name ("fabric", "quantum") or of a TypeId name."""
    return RUNNERS.get(runner, runner)


def run(runner, **params):
    """Run one scenario ("fabric", "quantum" or a scenario TypeId name); returns its record."""
    return _core.run_scenario(scenario_type(runner), parameter_strings(params))


def run_fabric(**params):
    """Run planet-fabric's scenario once; returns the record that ``--json`` writes."""
    return run("fabric", **params)


def run_quantum(**params):
    """Run planet-quantum's scenario once; returns the record that ``--json`` writes."""
    return run("quantum", **params)


def config(runner, **params):
    """Every parameter of a runner with its value after applying params (defaults included),
    without running: the record's "config". Raises ValueError for a bad parameter."""
    return _core.scenario_config(scenario_type(runner), parameter_strings(params))
