# SPDX-License-Identifier: GPL-2.0-only
"""planet-fabric's time series (--traceQueues, --traceRates) and per-flow slowdowns, read back
with planet.results and drawn with planet.plot; the progress line of the runners.

The series are built from trace sources, the record's per-link statistics from the devices'
own counters: they must agree (bytes, the time-averaged and the largest queue)."""

import json
import subprocess

import pytest

import planet
import planet.plot
import planet.results

INCAST = dict(leaves=2, spines=2, hostsPerLeaf=4, workload="incast", incastSenders=5,
              bytes=300000, seed=1)


@pytest.fixture(scope="module")
def traced(tmp_path_factory):
    prefix = str(tmp_path_factory.mktemp("series") / "run.")
    record = planet.run_fabric(**INCAST, traceQueues="all", traceRates=True,
                               sampleInterval="5us", tracePrefix=prefix)
    return record


def test_queue_series_agree_with_the_link_statistics(traced):
    queues = planet.results.queues_of(traced)
    assert list(queues.columns) == planet.results.QUEUE_COLUMNS
    links = {link["name"].replace("->", "-"): link for link in traced["links"]}
    assert set(queues["link"]) == set(links)
    end = traced["completion_s"]
    dt = traced["traces"]["sample_interval_s"]
    for name, series in queues.groupby("link"):
        series = series.sort_values("time_s")
        # Intervals cover [0, end) without a gap; the last one ends the run.
        assert series["time_s"].iloc[0] == 0
        assert series["time_s"].diff().dropna().round(12).eq(round(dt, 12)).all()
        lengths = [min(dt, end - t) for t in series["time_s"]]
        mean = sum(m * w for m, w in zip(series["mean_bytes"], lengths)) / end
        assert mean == pytest.approx(links[name]["avg_queue_bytes"], rel=1e-6, abs=1e-6), name
        assert series["max_bytes"].max() == links[name]["max_queue_bytes"], name
        assert (series["mean_bytes"] <= series["max_bytes"] + 1e-6).all()
    assert queues["max_bytes"].max() == traced["max_queue_bytes"] > 0


def test_rate_series_carry_every_byte(traced):
    rates = planet.results.rates_of(traced)
    assert list(rates.columns) == planet.results.RATE_COLUMNS
    end = traced["completion_s"]
    rates["length"] = [min(traced["traces"]["sample_interval_s"], end - t) for t in rates["time_s"]]
    rates["bytes"] = rates["bps"] * rates["length"] / 8
    links = {link["name"].replace("->", "-"): link for link in traced["links"]}
    tx = rates[rates["kind"] == "link_tx"]
    for name, series in tx.groupby("series"):
        assert series["bytes"].sum() == pytest.approx(links[name]["bytes"], rel=1e-6), name
    # No interval above the line rate (100 Gbps), beyond the rounding of events to 1 ns.
    assert tx["bps"].max() <= 100e9 * 1.001
    rx = rates[rates["kind"] == "host_rx"].groupby("series")["bytes"].sum()
    flows = planet.results.flows_of(traced)
    received = flows.groupby("dst")["bytes"].sum()
    for host in range(8):
        assert rx[f"host{host}"] == pytest.approx(received.get(host, 0), abs=1e-3)


def test_flow_records_have_slowdowns(traced):
    flows = planet.results.flows_of(traced)
    assert len(flows) == 5
    # One ideal per (hops, size): the five flows have one size and cross 2 or 4 links.
    assert {i["bytes"] for i in traced["flow_ideals"]} == {300000}
    assert {i["hops"] for i in traced["flow_ideals"]} <= {2, 4}
    assert flows["ideal_s"].notna().all()
    assert (flows["slowdown"] == flows["fct_s"] / flows["ideal_s"]).all()
    # Five senders share the receiver's link: the last is done no sooner than 5x its ideal
    # transfer, and nobody beats being alone.
    assert (flows["slowdown"] >= 1).all()
    assert flows["slowdown"].max() >= 4


def test_plots_draw_the_series(traced, tmp_path):
    queues = planet.results.queues_of(traced)
    rates = planet.results.rates_of(traced)
    planet.plot.queue_over_time(queues, path=str(tmp_path / "q.png"))
    planet.plot.rate_over_time(rates, kind="host_rx", path=str(tmp_path / "r.png"))
    assert (tmp_path / "q.png").stat().st_size > 1000
    assert (tmp_path / "r.png").stat().st_size > 1000
    with pytest.raises(ValueError, match="no link 'leaf7-spine0'"):
        planet.plot.queue_over_time(queues, links=["leaf7-spine0"])


def test_records_without_series_say_how_to_get_them():
    record = planet.run_fabric(leaves=1, spines=1, hostsPerLeaf=2, bytes=1000)
    assert "traces" not in record
    with pytest.raises(ValueError, match="--traceQueues"):
        planet.results.queues_of(record)
    with pytest.raises(ValueError, match="traceQueues.*no link 'leaf0-spine9'"):
        planet.run_fabric(leaves=1, spines=1, hostsPerLeaf=2, bytes=1000,
                          traceQueues="leaf0-spine9")
    with pytest.raises(ValueError, match="sampleInterval"):
        planet.run_fabric(leaves=1, spines=1, hostsPerLeaf=2, bytes=1000, traceRates=True,
                          sampleInterval="0s")


def test_runner_writes_series_beside_its_record(runner_bin, tmp_path):
    out = tmp_path / "run.json"
    subprocess.run([runner_bin("planet-fabric"), "--leaves=2", "--spines=2", "--hostsPerLeaf=2",
                    "--bytes=100000", "--traceQueues=leaf0-spine1,spine1-leaf0", f"--json={out}"],
                   check=True, capture_output=True, cwd=tmp_path)
    record = planet.results.read_record(out)
    assert (tmp_path / "run.queues.csv").exists()
    assert set(planet.results.queues_of(record)["link"]) == {"leaf0-spine1", "spine1-leaf0"}


def test_progress_line_changes_nothing(runner_bin, tmp_path):
    # Reports as often as the scheduler looks at the clock (every 4096 events).
    args = [runner_bin("planet-fabric"), "--leaves=2", "--spines=2", "--hostsPerLeaf=4",
            "--bytes=2000000", "--workload=permutation",
            "--progressEvery=0"]
    loud = subprocess.run(args + [f"--json={tmp_path / 'loud.json'}"], capture_output=True,
                          text=True, check=True)
    quiet = subprocess.run(args + ["--quiet", f"--json={tmp_path / 'quiet.json'}"],
                           capture_output=True, text=True, check=True)
    records = [json.loads((tmp_path / f"{n}.json").read_text()) for n in ("loud", "quiet")]
    lines = [line for line in loud.stderr.splitlines() if line.startswith("progress: ")]
    assert len(lines) >= records[0]["sim"]["events"] // 4096 - 1 > 0, loud.stderr
    done = [float(line.split("% done")[0].rsplit(" ", 1)[1]) for line in lines]
    assert done == sorted(done) and 0 <= done[0] and done[-1] <= 100
    assert "progress" not in quiet.stderr
    for r in records:
        del r["sim"]["wall_s"], r["sim"]["peak_rss_mb"]
    assert records[0] == records[1]


def test_sweep_keeps_each_runs_series(tmp_path):
    import planet.sweep

    spec = {"runner": "fabric",
            "fixed": {"leaves": 2, "spines": 2, "hostsPerLeaf": 2, "bytes": 100000,
                      "traceQueues": "fabric"},
            "grid": {"routing": ["ecmp", "spray-rr"]}}
    summary = planet.sweep.run(spec, str(tmp_path), workers=1, progress=False)
    assert summary["ok"] == 2
    frame = planet.results.load(str(tmp_path), ok_only=True)
    queues = planet.results.queues(str(tmp_path))
    assert set(queues["key"]) == set(frame["key"])
    # Per run its own file: the links each run's record reports, under its key.
    for key, series in queues.groupby("key"):
        peak = frame.loc[frame["key"] == key, "max_queue_bytes"].item()
        assert series["max_bytes"].max() <= peak
        assert set(series["link"]) == {"leaf0-spine0", "leaf0-spine1", "leaf1-spine0",
                                       "leaf1-spine1", "spine0-leaf0", "spine0-leaf1",
                                       "spine1-leaf0", "spine1-leaf1"}
