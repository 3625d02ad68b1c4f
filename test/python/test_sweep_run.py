# SPDX-License-Identifier: GPL-2.0-only
"""Sweeps end to end: parallel == serial, reruns run only what is missing, failures are
recorded, killed workers and killed sweeps lose no finished result, Dask == local."""

import json
import os
import signal
import subprocess
import sys
import time

import pytest

from conftest import free_port
from planet import sweep

SMALL = {"leaves": 2, "spines": 2, "hostsPerLeaf": 2}

#: 8 short configurations: 4 sizes x 2 replications (run 1, 2: other permutations).
SPEC = {"runner": "fabric", "fixed": SMALL, "grid": {"bytes": [10000, 20000, 50000, 100000]},
        "replications": 2}

#: Runs that take about a second each, for killing mid-sweep.
SLOW_SPEC = {"runner": "fabric", "fixed": {"leaves": 4, "spines": 4, "hostsPerLeaf": 8},
             "grid": {"bytes": [3000000 + i for i in range(5)]}}


def normalised(out):
    """Every result file of a sweep, wall-clock figures removed: key -> document."""
    runs = os.path.join(out, sweep.RUNS_DIR)
    documents = {}
    for name in sorted(os.listdir(runs)):
        assert name.endswith(".json"), f"stray file {name} in {runs}"
        with open(os.path.join(runs, name)) as f:
            document = json.load(f)
        if document["record"]:
            del document["record"]["sim"]["wall_s"], document["record"]["sim"]["peak_rss_mb"]
        documents[name] = document
    return documents


@pytest.fixture(scope="module")
def serial(tmp_path_factory):
    out = str(tmp_path_factory.mktemp("serial"))
    summary = sweep.run(SPEC, out, workers=1, progress=False)
    assert summary == {"runs": 8, "cached": 0, "ran": 8, "ok": 8, "error": 0, "crashed": 0}
    return out


def test_two_processes_equal_serial(serial, tmp_path):
    out = str(tmp_path)
    summary = sweep.run(SPEC, out, workers=2, progress=False)
    assert summary["ran"] == 8 and summary["ok"] == 8
    results = normalised(out)
    assert results == normalised(serial)
    runs = {d["record"]["config"]["run"] for d in results.values()}
    assert runs == {1, 2}
    # replications differ: run 2 draws another permutation
    flows = {(d["params"]["bytes"], d["params"]["run"]): [(f["src"], f["dst"]) for f in
                                                          d["record"]["flows"]]
             for d in results.values()}
    assert flows[(10000, 1)] != flows[(10000, 2)]


def test_rerun_of_a_finished_sweep_runs_nothing(serial):
    before = {name: os.stat(os.path.join(serial, "runs", name)).st_mtime_ns
              for name in os.listdir(os.path.join(serial, "runs"))}
    summary = sweep.run(SPEC, serial, workers=2, progress=False)
    assert summary == {"runs": 8, "cached": 8, "ran": 0, "ok": 8, "error": 0, "crashed": 0}
    after = {name: os.stat(os.path.join(serial, "runs", name)).st_mtime_ns
             for name in os.listdir(os.path.join(serial, "runs"))}
    assert after == before


def test_a_failed_run_is_recorded_and_the_sweep_goes_on(tmp_path):
    spec = {"runner": "fabric", "fixed": SMALL, "grid": {"routing": ["ecmp", "nope", "spray-rr"]}}
    summary = sweep.run(spec, str(tmp_path), workers=2, progress=False)
    assert (summary["ok"], summary["error"]) == (2, 1)
    failed = [d for d in normalised(str(tmp_path)).values() if d["status"] != "ok"]
    assert failed[0]["params"] == dict(SMALL, routing="nope") and failed[0]["record"] is None
    assert failed[0]["error"].startswith("ValueError") and "'routing'" in failed[0]["error"]
    # errors are kept: a rerun runs nothing, unless asked to retry them
    assert sweep.run(spec, str(tmp_path), progress=False)["ran"] == 0
    assert sweep.run(spec, str(tmp_path), progress=False, retry_failed=True)["ran"] == 1


def _children(pid):
    """Child processes of pid (started by any of its threads)."""
    children = []
    for task in os.listdir(f"/proc/{pid}/task"):
        try:
            with open(f"/proc/{pid}/task/{task}/children") as f:
                children += [int(c) for c in f.read().split()]
        except FileNotFoundError:  # the thread has ended
            pass
    return children


def _start_cli(spec_file, out):
    return subprocess.Popen([sys.executable, "-m", "planet.sweep", spec_file, "--out", out,
                             "--workers", "1", "--quiet"], start_new_session=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _wait_for_results(out, count, proc, deadline_s=60):
    runs = os.path.join(out, sweep.RUNS_DIR)
    end = time.monotonic() + deadline_s
    while time.monotonic() < end:
        done = [n for n in os.listdir(runs) if n.endswith(".json")] if os.path.isdir(runs) else []
        if len(done) >= count:
            return done
        assert proc.poll() is None, proc.communicate()
        time.sleep(0.02)
    raise AssertionError(f"no {count} results in {deadline_s} s")


def test_killed_worker_loses_no_finished_result_and_rerun_completes(tmp_path):
    spec_file = str(tmp_path / "spec.json")
    with open(spec_file, "w") as f:
        json.dump(SLOW_SPEC, f)
    out = str(tmp_path / "out")
    proc = _start_cli(spec_file, out)
    try:
        _wait_for_results(out, 1, proc)
        workers = _children(proc.pid)
        while not workers:  # between two runs: wait for the next worker process
            assert proc.poll() is None, proc.communicate()
            workers = _children(proc.pid)
        os.kill(workers[0], signal.SIGKILL)  # one worker dies mid-run
        stdout, _ = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
    assert proc.returncode == 1  # not every run ok
    results = normalised(out)
    assert len(results) == 5
    crashed = [d for d in results.values() if d["status"] == "crashed"]
    assert len(crashed) == 1 and "SIGKILL" in crashed[0]["error"]
    summary = sweep.run(spec_file, out, progress=False)
    assert (summary["ran"], summary["ok"]) == (1, 5)

    # now kill the whole sweep (driver and worker) mid-way
    out = str(tmp_path / "out2")
    proc = _start_cli(spec_file, out)
    try:
        done = _wait_for_results(out, 2, proc)
    finally:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
    finished = normalised(out)  # only complete result files: every one parses
    assert len(finished) >= len(done) and all(d["status"] == "ok" for d in finished.values())
    summary = sweep.run(spec_file, out, progress=False)
    assert summary["cached"] == len(finished) and summary["ran"] == 5 - len(finished)
    assert summary["ok"] == 5
    for name, document in finished.items():
        assert normalised(out)[name] == document


@pytest.fixture
def dask_cluster(tmp_path):
    """A Dask scheduler and two single-threaded workers on 127.0.0.1; always torn down."""
    port = free_port()
    address = f"tcp://127.0.0.1:{port}"
    common = ["--no-dashboard"]
    processes = []
    logs = []

    def start(args, name):
        log = open(tmp_path / f"{name}.log", "w")
        logs.append(log)
        processes.append(subprocess.Popen(args, stdout=log, stderr=subprocess.STDOUT,
                                          start_new_session=True))

    try:
        start(["dask-scheduler", "--host", "127.0.0.1", "--port", str(port)] + common,
              "scheduler")
        for i in range(2):
            start(["dask-worker", address, "--nthreads", "1", "--host", "127.0.0.1",
                   "--no-nanny"] + common, f"worker{i}")
        from distributed import Client

        with Client(address, timeout=30) as client:
            client.wait_for_workers(2, timeout=30)
        yield address
    finally:
        for proc in reversed(processes):
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGTERM)
        for proc in reversed(processes):
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
        for log in logs:
            log.close()


def test_dask_cluster_equals_local(serial, dask_cluster, tmp_path):
    out = str(tmp_path / "dask")
    summary = sweep.run(SPEC, out, scheduler=dask_cluster, progress=False)
    assert summary["ran"] == 8 and summary["ok"] == 8
    assert normalised(out) == normalised(serial)


def test_collective_sweep_gives_collective_columns_and_standard_figures(tmp_path):
    from planet import plot, results

    spec = {"runner": "fabric", "fixed": dict(SMALL, workload="allreduce-ring", ranks=4),
            "grid": {"bytes": [40000, 80000], "routing": ["ecmp", "planned"]}}
    out = str(tmp_path / "sweep")
    assert sweep.run(spec, out, workers=2, progress=False)["ok"] == 4
    frame = results.load(out, ok_only=True)
    assert len(frame) == 4
    # the record's one collective, flattened: CCT never beats its ideal by more than latency
    assert (frame["collective.cct_over_ideal"] > 0.8).all()
    assert (frame["collective.bytes"] == frame["bytes"]).all()
    assert (frame["collective.busbw_Bps"] > 0).all()
    written = {os.path.basename(p) for p in plot.standard(frame, str(tmp_path / "plots"))}
    assert {"collective-cct-over-ideal.png", "collective-busbw.png"} <= written
