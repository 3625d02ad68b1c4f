# SPDX-License-Identifier: GPL-2.0-only
"""scripts/experiments/35-quantum-load.py, the study's load sweep, in its smallest configuration
(star and SURFnet, two loads, one Fmin each): the demand sets follow the study's fixed-load
rule, every scheduler plans the same set, and the figures each plan reports are consistent."""

import json
import math
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts/experiments/35-quantum-load.py"
SLOT = 0.01
RATES = {1 / (SLOT * 2 ** i) for i in range(10)}
SCHEDULERS = {"PTS-NP-EDF", "RCPSP-NP-EDF", "RCPSP-NP-FPR", "PLANET-WC-EDF", "PLANET-WC-RM",
              "PLANET-RCPSP"}


@pytest.fixture(scope="module")
def sweep(build_dir, tmp_path_factory):
    out = tmp_path_factory.mktemp("load")
    env = dict(os.environ, BUILD=build_dir)
    subprocess.run([sys.executable, str(SCRIPT), "--smallest", "--jobs", "2", "--out", str(out)],
                   check=True, env=env, stdout=subprocess.DEVNULL, timeout=300)
    data = json.loads((out / "load-smallest.json").read_text())
    return out, data


def test_demand_sets_follow_the_studys_fixed_load_rule(sweep):
    _, data = sweep
    assert {(s["network"], s["load"]) for s in data["sets"]} == {
        (n, load) for n in ("star", "surfnet") for load in (2, 20)}
    for s in data["sets"]:
        rates = s["rates"]
        assert rates and all(any(math.isclose(r, q) for q in RATES) for r in rates)
        # Drawn until the rates reach the load: at least the load, and the set without its
        # last demand is still below it.
        assert sum(rates) >= s["load"] - 1e-9
        assert sum(rates[:-1]) < s["load"]


def test_every_scheduler_plans_the_same_set_with_consistent_figures(sweep):
    _, data = sweep
    sets = {(s["network"], s["fmin"], s["load"], s["run"]): s["rates"] for s in data["sets"]}
    seen = {}
    for p in data["points"]:
        key = (p["network"], p["fmin"], p["load"], p["run"])
        rates = sets[key]
        seen.setdefault(key, set()).add(p["scheduler"])
        assert p["demands"] == len(rates)
        assert p["offered_ebit_s"] == pytest.approx(sum(rates))
        # Greedy admission keeps the first demand: its job alone fits (a period no shorter than
        # its makespan), whatever the scheduler.
        assert 1 <= p["accepted"] <= p["demands"]
        # The study's throughput is the accepted demands' rates: positive, at most the offered
        # load, at least the smallest rate per accepted demand.
        assert min(RATES) * p["accepted"] - 1e-9 <= p["throughput_ebit_s"]
        assert p["throughput_ebit_s"] <= p["offered_ebit_s"] + 1e-9
        # planet's periods deliver between the rate and twice it.
        assert p["throughput_ebit_s"] - 1e-9 <= p["planned_ebit_s"]
        assert p["planned_ebit_s"] < 2 * p["throughput_ebit_s"] + 1e-9
        # Every instance ends by its deadline, the period, at most 1/(smallest rate).
        assert 0 < p["max_wcrt_s"] <= 1 / min(RATES) + 1e-9
        assert p["max_jitter_s2"] >= 0
        if p["accepted"] == p["demands"]:
            assert p["throughput_ebit_s"] == pytest.approx(p["offered_ebit_s"])
    assert all(s == SCHEDULERS for s in seen.values())


def test_rows_average_the_runs_and_the_figures_are_written(sweep):
    out, data = sweep
    for row in data["rows"]:
        mine = [p for p in data["points"] if all(p[k] == row[k] for k in
                                                   ("network", "fmin", "load", "scheduler"))]
        assert row["runs"] == len(mine)
        assert row["throughput_ebit_s"] == pytest.approx(
            sum(p["throughput_ebit_s"] for p in mine) / len(mine))
    table = (out / "load-smallest.md").read_text()
    assert "| star | 0.7 | 20 |" in table
    for figure in ("throughput", "cdf", "wcrt", "jitter"):
        assert (out / f"load-smallest-{figure}.png").stat().st_size > 1000
