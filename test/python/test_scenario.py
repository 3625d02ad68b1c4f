# SPDX-License-Identifier: GPL-2.0-only
"""run_scenario() refuses what is not a runnable scenario with ValueError, never an abort."""

import pytest

import planet


@pytest.mark.parametrize("type_name", [
    "ns3::NoSuchScenario",  # not a TypeId
    "ns3::PlanetScenario",  # the abstract base: no constructor
    "ns3::Object",          # a TypeId, but not a scenario
    "",
])
def test_only_concrete_scenarios_run(type_name):
    with pytest.raises(ValueError, match="is not a scenario"):
        planet.run_scenario(type_name, {})
    with pytest.raises(ValueError, match="is not a scenario"):
        planet.scenario_config(type_name, {})
