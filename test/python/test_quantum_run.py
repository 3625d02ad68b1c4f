# SPDX-License-Identifier: GPL-2.0-only
"""planet.run_quantum() against the planet-quantum runner: the same record for the same
parameters, repeatable in one process, ValueError naming a bad parameter."""

import json
import subprocess

import pytest

import planet

CONFIGS = [
    {"network": "star", "randomDemands": 3},
    {"network": "h", "randomDemands": 4, "fmin": 0.6, "scheduler": "PTS-NP-EDF", "run": 2},
    {"network": "line", "randomDemands": 3, "scheduler": "PLANET-RCPSP", "hardware": "futuristic"},
]


def without_wall_clock(record):
    record = json.loads(json.dumps(record))
    del record["sim"]["wall_s"], record["sim"]["peak_rss_mb"]
    return record


@pytest.mark.parametrize("params", CONFIGS)
def test_bindings_return_the_record_of_the_runner(runner_bin, tmp_path, params):
    path = tmp_path / "record.json"
    flags = [f"--{name}={planet.parameter_string(name, value)}" for name, value in params.items()]
    subprocess.run([runner_bin("planet-quantum")] + flags + [f"--json={path}"], check=True,
                   stdout=subprocess.DEVNULL)
    with open(path) as f:
        from_cli = json.load(f)
    first = planet.run_quantum(**params)
    assert without_wall_clock(first) == without_wall_clock(from_cli)
    assert len(first["demands"]) == params["randomDemands"]
    assert without_wall_clock(planet.run_quantum(**params)) == without_wall_clock(first)


@pytest.mark.parametrize("bad, name", [
    ({"network": "ring"}, "network"),
    ({"fmin": 1.5}, "fmin"),
    ({"fmin": "high"}, "fmin"),
    ({"scheduler": "EDF"}, "scheduler"),
    ({"decoherence": "Amnesia"}, "decoherence"),
    ({"randomDemand": 3}, "randomDemand"),
])
def test_bad_parameters_raise_value_error_naming_them(bad, name):
    with pytest.raises(ValueError, match=f"'{name}'"):
        planet.run_quantum(**dict(CONFIGS[0], **bad))
