# SPDX-License-Identifier: GPL-2.0-only
"""Sweep specs: expansion into configurations, cache keys, spec errors (no simulation)."""

import pytest

import planet
from planet import sweep


def test_grid_zip_and_replications_multiply_in_order():
    configs = sweep.expand({"runner": "fabric", "fixed": {"seed": 3},
                            "grid": {"a": [1, 2], "b": ["x", "y", "z"]},
                            "zip": {"c": [True, False], "d": [0.5, 0.25]},
                            "replications": 2})
    assert len(configs) == 2 * 3 * 2 * 2
    assert configs[0] == {"runner": "fabric",
                          "params": {"seed": 3, "a": 1, "b": "x", "c": True, "d": 0.5, "run": 1}}
    assert configs[1]["params"]["run"] == 2
    assert configs[2]["params"]["c"] is False and configs[2]["params"]["d"] == 0.25
    assert configs[-1]["params"] == {"seed": 3, "a": 2, "b": "z", "c": False, "d": 0.25, "run": 2}
    keys = {sweep.run_key(c["runner"], c["params"]) for c in configs}
    assert len(keys) == len(configs)


def test_without_grid_a_spec_is_one_configuration():
    assert sweep.expand({"runner": "quantum"}) == [{"runner": "quantum", "params": {}}]


def test_keys_follow_command_line_text_runner_and_version():
    key = sweep.run_key("fabric", {"hostsPerLeaf": 4, "ecn": True})
    assert key == sweep.run_key("fabric", {"ecn": "true", "hostsPerLeaf": "4"})
    assert key != sweep.run_key("quantum", {"hostsPerLeaf": 4, "ecn": True})
    assert key != sweep.run_key("fabric", {"hostsPerLeaf": 5, "ecn": True})
    assert key != sweep.run_key("fabric", {"hostsPerLeaf": 4, "ecn": True}, version="0.0.0")
    assert key == sweep.run_key("fabric", {"hostsPerLeaf": 4, "ecn": True},
                                version=planet.__version__)


@pytest.mark.parametrize("spec, message", [
    ({"runner": "fabric", "grids": {}}, "unknown key 'grids'"),
    ({"grid": {"a": [1]}}, "'runner'"),
    ({"runner": "fabric", "grid": {"a": 1}}, "grid parameter 'a'"),
    ({"runner": "fabric", "grid": {"a": []}}, "grid parameter 'a'"),
    ({"runner": "fabric", "zip": {"a": [1, 2], "b": [1]}}, "same length"),
    ({"runner": "fabric", "fixed": {"a": 1}, "grid": {"a": [2]}}, "'a' is in both"),
    ({"runner": "fabric", "fixed": {"run": 1}, "replications": 2}, "'run'"),
    ({"runner": "fabric", "replications": 0}, "'replications'"),
    ({"runner": "fabric", "fixed": {"a": [1]}}, "parameter 'a'"),
])
def test_bad_specs_name_the_problem(spec, message):
    with pytest.raises(ValueError, match=message):
        sweep.expand(spec)


def test_parameter_text_is_the_command_line_form():
    assert planet.parameter_strings({"a": True, "b": False, "c": 4, "d": 1e-6, "e": "x"}) == {
        "a": "true", "b": "false", "c": "4", "d": "1e-06", "e": "x"}
    with pytest.raises(ValueError, match="'f'"):
        planet.parameter_string("f", None)
