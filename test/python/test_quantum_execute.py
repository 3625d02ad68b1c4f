# SPDX-License-Identifier: GPL-2.0-only
"""Executing quantum plans from Python: planet.run_quantum(execute=True) returns the measured
figures beside the planned ones, sweeps over the window quantile run through planet.sweep, and
the example program an ns-3 user would write prints every delivered pair."""

import re
import subprocess

import planet
import planet.results
import planet.sweep

SMALL = {"network": "line", "randomDemands": 3, "hyperperiods": 6}


def test_run_quantum_returns_measured_figures():
    r = planet.run_quantum(execute=True, **SMALL)
    assert r["plan_only"] is False
    m = r["measured"]
    accepted = [d for d in r["demands"] if d["accepted"]]
    assert accepted
    assert m["instances"] == sum(d["measured"]["instances"] for d in accepted)
    assert m["pairs_delivered"] + m["aborted"] + m["unfinished"] == m["instances"]
    assert m["pairs_delivered"] == sum(d["measured"]["pairs_delivered"] for d in accepted)
    # Each delivered pair is reported by both of its end nodes.
    assert m["control_messages_received"].get("delivered", 0) == 2 * m["pairs_delivered"]
    for d in accepted:
        q = d["measured"]
        assert q["instances"] == round(6 * r["hyperperiod_s"] / d["period_s"])
        assert abs(q["rate_hz"] - q["pairs_delivered"] / m["duration_s"]) < 1e-9
        assert abs(q["rate_over_planned"] * d["rate_achieved"] - q["rate_hz"]) < 1e-9
        if q["pairs_delivered"]:
            assert 0.25 < q["fidelity_p05"] <= q["fidelity_mean"] + 1e-12 <= 1 + 1e-12
            assert 0 < q["latency_mean_s"] <= q["wcrt_s"]
    for d in r["demands"]:
        assert ("measured" in d) == d["accepted"]
    plan = planet.run_quantum(execute=False, **SMALL)
    assert plan["plan_only"] is True and "measured" not in plan
    assert plan["demands"][0]["protocol"] == r["demands"][0]["protocol"]


def test_sweep_over_the_window_quantile(tmp_path):
    spec = {"runner": "quantum",
            "fixed": {"network": "line", "randomDemands": 2, "hyperperiods": 20,
                      "fmin": 0.5, "maxRate": 2},
            "grid": {"windowQuantile": [0, 0.95]}}
    summary = planet.sweep.run(spec, str(tmp_path), workers=2, progress=False)
    assert summary["ok"] == 2
    frame = planet.results.load(str(tmp_path), ok_only=True).set_index("windowQuantile")
    delivered = frame["measured.pairs_delivered"] / frame["measured.instances"]
    # Windows that herald with probability 0.95 per link deliver far more often than 1/rate
    # windows (about 0.63 per link).
    assert delivered[0.95] > delivered[0.0] + 0.2
    assert (frame["plan_only"] == False).all()  # noqa: E712


def test_example_prints_each_delivered_pair(runner_bin):
    out = subprocess.run([runner_bin("quantum-line-example"), "--hyperperiods=12",
                          "--missedWindow=retry"],
                         capture_output=True, text=True, check=True).stdout
    lines = [line for line in out.splitlines() if " delivered, fidelity " in line]
    summary = re.search(r"^delivered (\d+) of (\d+) instances", out, re.M)
    assert summary, out
    assert int(summary.group(1)) == len(lines) > 0
    for line in lines:
        fidelity = float(re.search(r"fidelity ([0-9.]+)", line).group(1))
        assert 0.25 < fidelity < 1  # (retried windows dephase the stored half more)
