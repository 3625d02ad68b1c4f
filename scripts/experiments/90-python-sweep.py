#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""A parameter sweep from Python, end to end: planet.sweep -> planet.results -> planet.plot.

planet-fabric on a small leaf-spine (4 leaves x 4 hosts, 4 spines, 100 Gbps), every host sending
to one other (permutation), for several message sizes and routing modes, two replications
(run 1, 2: other permutations). The runs go to a pool of worker processes, one simulation per
process; results are cached in results/python/sweep/ (a rerun runs only what is missing).
Prints the table (mean over replications) and the sweep machinery's overhead per run (from a
separate serial sweep of trivial runs), writes
results/python/table.md and the standard figures (results/python/*.png).

Usage: scripts/experiments/90-python-sweep.py [--short] [--workers N] [--scheduler tcp://H:P]
Environment: PYTHONPATH must hold <build>/python (scripts/run-experiments.sh sets it).
"""

import argparse
import resource
import tempfile
import time

import planet.plot
import planet.results
import planet.sweep
from common import add_sweep_arguments, results_dir, sweep_frame

SPEC = {
    "runner": "fabric",
    "fixed": {"leaves": 4, "spines": 4, "hostsPerLeaf": 4, "workload": "permutation",
              "mtu": 4096, "seed": 1},
    "grid": {"routing": ["ecmp", "pinned-random", "spray-rr"],
             "bytes": [100000, 300000, 1000000, 3000000]},
    "replications": 2,
}
SHORT = dict(SPEC, grid={"routing": ["ecmp", "spray-rr"], "bytes": [100000, 1000000]})


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--short", action="store_true", help="8 runs instead of 24 (make run)")
    add_sweep_arguments(parser)
    args = parser.parse_args()
    spec = SHORT if args.short else SPEC
    outdir = results_dir("python")
    sweep_dir = outdir / "sweep"

    start = time.monotonic()
    frame, summary = sweep_frame(spec, sweep_dir, args)
    elapsed = time.monotonic() - start

    table = (frame.groupby(["routing", "bytes"])
             .agg(runs=("run", "count"), completion_us=("completion_s", "mean"),
                  over_ideal=("completion_over_ideal", "mean"),
                  retransmitted=("retransmitted_packets", "mean"),
                  sim_wall_s=("sim.wall_s", "mean"))
             .reset_index())
    table["completion_us"] *= 1e6
    text = table.to_markdown(index=False, floatfmt=".3f") if _has_tabulate() else table.to_string(
        index=False, float_format=lambda v: f"{v:.3f}")
    print(text)
    print(f"{summary['runs']} runs ({summary['cached']} cached, {summary['ran']} ran) in "
          f"{elapsed:.1f} s")
    overhead, cpu = measure_overhead()
    print(f"sweep machinery overhead on trivial runs (serial, one process per run): "
          f"{overhead:.3f} s wall per run beyond the simulation; {cpu:.3f} s CPU per run in all "
          f"processes, simulation included")
    outdir.mkdir(parents=True, exist_ok=True)
    (outdir / "table.md").write_text(
        "# planet.sweep example: permutation on a 4x4 leaf-spine\n\n"
        "scripts/experiments/90-python-sweep.py" + (" --short" if args.short else "") +
        "; mean over 2 replications.\n\n" + text + "\n")
    for path in planet.plot.standard(frame, str(outdir)):
        print(f"wrote {path}")
    print(f"wrote {outdir / 'table.md'}; records in {sweep_dir}/runs")


def measure_overhead(runs=20):
    """What a serial sweep spends per run beyond the simulations themselves, on a trivial
    configuration (2 hosts, 1 byte): process start, result file, bookkeeping. Returns the wall
    seconds per run beyond the simulations' own wall time, and the CPU seconds per run of all
    processes involved, simulation included (robust on a shared, loaded machine)."""
    trivial = {"runner": "fabric", "replications": runs,
               "fixed": {"leaves": 2, "spines": 1, "hostsPerLeaf": 1, "bytes": 1}}

    def cpu():
        own, children = (resource.getrusage(w) for w in (resource.RUSAGE_SELF,
                                                          resource.RUSAGE_CHILDREN))
        return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime

    with tempfile.TemporaryDirectory() as out:
        start, cpu_start = time.monotonic(), cpu()
        planet.sweep.run(trivial, out, workers=1, progress=False)
        elapsed, cpu_used = time.monotonic() - start, cpu() - cpu_start
        simulated = planet.results.load(out, ok_only=True)["sim.wall_s"].sum()
    return (elapsed - simulated) / runs, cpu_used / runs


def _has_tabulate():
    try:
        import tabulate  # noqa: F401  (pandas' to_markdown needs it)
        return True
    except ImportError:
        return False


if __name__ == "__main__":
    main()
