# SPDX-License-Identifier: GPL-2.0-only
"""The tutorial programs in examples/ run with small parameters and their output is checked
(ns-3's examples-as-tests): each would fail if the example stopped building, running or
telling the truth about the run it made."""

import csv
import math
import re
import subprocess

NUMBER = r"([-+0-9.eE]+)"


def run(binary, *args, cwd):
    done = subprocess.run([binary, *args], capture_output=True, text=True, cwd=cwd, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


def read_csv(path):
    with open(path) as f:
        return list(csv.DictReader(f))


def test_allreduce_example_writes_the_queue_it_traced(runner_bin, tmp_path):
    out = run(runner_bin("fabric-allreduce-example"), "--csv=queue.csv", cwd=tmp_path)
    summary = re.search(rf"(\d+) ranks, (\d+) B: completion {NUMBER} us, ideal {NUMBER} us, "
                        rf"analytic ring {NUMBER} us", out)
    assert summary, out
    ranks, size = int(summary.group(1)), int(summary.group(2))
    completion, ideal, analytic = (float(summary.group(i)) for i in (3, 4, 5))
    assert ranks == 8 and size == 4_000_000
    # No run beats its ideal, nor the ring's 2(n-1)/n S / B; ECMP collisions cost, but not 3x.
    assert completion >= ideal * (1 - 1e-9) and ideal >= analytic
    assert completion < 3 * ideal, out
    # CollectiveComplete by Config path: once, with the completion time printed after the run.
    done = re.findall(rf"collective 0 done in {NUMBER} us \(/NodeList/(\d+)/ApplicationList/", out)
    assert len(done) == 1, out
    assert math.isclose(float(done[0][0]), completion, rel_tol=1e-5)
    queue = re.search(r"queue leaf0->spine0: max (\d+) B, (\d+) packets", out)
    assert queue, out
    rows = read_csv(tmp_path / "queue.csv")
    times = [float(r["time_s"]) for r in rows]
    depth = [int(r["bytes"]) for r in rows]
    # Two changes per packet at least (in and out), in time order, within the buffer (1 MB set
    # by Config::SetDefault), the maximum the device reports, empty at the end.
    assert len(rows) >= 2 * int(queue.group(2)) > 0
    assert times == sorted(times) and times[-1] <= completion * 1e-6
    assert max(depth) == int(queue.group(1)) <= 1_000_000
    assert depth[-1] == 0


def test_custom_collective_example_plans_to_the_bound(runner_bin, tmp_path):
    out = run(runner_bin("fabric-custom-collective-example"), cwd=tmp_path)
    steps = re.findall(rf"step (\d+): (\d+) flows as (\d+) subflows; busiest fabric link (\d+) B "
                       rf"planned, (\d+) B under ECMP, bound {NUMBER} B", out)
    # 3 leaves: 2 steps of 12 flows of 1 MB; 4 flows leave each leaf over its 4 uplinks.
    assert [int(s[0]) for s in steps] == [0, 1], out
    for _, flows, subflows, planned, ecmp, bound in steps:
        assert int(flows) == 12 and int(subflows) == 12
        assert int(planned) == float(bound) == 1_000_000  # one flow per uplink: the bound
        assert int(ecmp) >= int(planned)
    times = re.search(rf"leaf-shift over 12 hosts: planned {NUMBER} us, ECMP {NUMBER} us, "
                      rf"ideal {NUMBER} us", out)
    assert times, out
    planned, ecmp, ideal = (float(times.group(i)) for i in (1, 2, 3))
    # On its own uplink every flow runs at line rate: planned is within 10% of the
    # ideal (4% on this fabric); ECMP, whose flows share uplinks, cannot be faster.
    assert ideal * (1 - 1e-9) <= planned <= 1.1 * ideal, out
    assert ecmp >= planned * (1 - 1e-9), out


def test_incast_example_writes_every_flow(runner_bin, tmp_path):
    out = run(runner_bin("fabric-incast-example"), "--csv=fct.csv", cwd=tmp_path)
    summary = re.search(rf"(\d+) of (\d+) flows done; worst slowdown {NUMBER}", out)
    assert summary and summary.group(1) == summary.group(2) == "6", out
    rows = read_csv(tmp_path / "fct.csv")
    assert [int(r["flow"]) for r in rows] == list(range(6))
    assert {int(r["dst"]) for r in rows} == {0} and len({r["src"] for r in rows}) == 6
    assert sum(int(r["bytes"]) for r in rows) == 6 * 200_000
    fct = [float(r["fct_s"]) for r in rows]
    for r in rows:
        # Slowdown is FCT over the flow alone on the idle fabric, and no flow beats that.
        assert math.isclose(float(r["slowdown"]), float(r["fct_s"]) / float(r["ideal_s"]),
                            rel_tol=1e-5)
        assert float(r["slowdown"]) >= 1 - 1e-9
    # All six messages cross the receiver's 100 Gbps link: the last is done no sooner than
    # their payload takes on it.
    assert max(fct) >= 6 * 200_000 * 8 / 100e9
    assert math.isclose(max(float(r["slowdown"]) for r in rows), float(summary.group(3)),
                        rel_tol=1e-5)


def test_examples_refuse_bad_flags(runner_bin, tmp_path):
    done = subprocess.run([runner_bin("fabric-incast-example"), "--senders=8"],
                          capture_output=True, text=True, cwd=tmp_path, timeout=60)
    assert done.returncode == 2 and "--senders" in done.stderr, done.stderr
    done = subprocess.run([runner_bin("fabric-allreduce-example"), "--spine=7"],
                          capture_output=True, text=True, cwd=tmp_path, timeout=60)
    assert done.returncode == 2 and "spine" in done.stderr, done.stderr
