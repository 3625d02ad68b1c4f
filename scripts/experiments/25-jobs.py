#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Two jobs on one fabric: does planning them together (C4P-style) matter, with and without
flow splitting?

Two halving-doubling AllReduce jobs of 48 ranks each run at once on 16 leaves x 8 hosts, 8
spines, 100 Gbps (strided placement: each job has 3 ranks under every leaf, so r = 3 flows
leave a leaf per job and step, which does not divide the 8 uplinks). Routing: ecmp,
spray-random, adaptive, and planned with and without splitting (--splits=1 | auto), the jobs'
concurrent flows planned together (--jointPlanning=true) or each job as if alone (false).
Sizes 4, 16 and 64 MB per rank (--short, as `make run` does: 4 and 16 MB).

The runs go through planet.sweep (cached in results/jobs/sweep/: a rerun runs only what is
missing); prints the table and writes results/jobs/jobs.md and jobs.png (or jobs-short.*).

Usage: scripts/experiments/25-jobs.py [--short] [--workers N] [--scheduler tcp://H:P]
Environment: PYTHONPATH must hold <build>/python (scripts/run-experiments.sh sets it).
"""

import argparse
import sys

from common import add_sweep_arguments, ratio_against_size, results_dir, sweep_frame

# (label, routing, splits, jointPlanning)
VARIANTS = [
    ("ecmp", "ecmp", "1", True),
    ("spray-random", "spray-random", "1", True),
    ("adaptive", "adaptive", "1", True),
    ("planned, unsplit, joint", "planned", "1", True),
    ("planned, unsplit, per job", "planned", "1", False),
    ("planned, split, joint", "planned", "auto", True),
    ("planned, split, per job", "planned", "auto", False),
]
SIZES_MB = [4, 16, 64]
SHORT_SIZES_MB = [4, 16]


def spec(sizes):
    return {
        "runner": "fabric",
        "fixed": {"leaves": 16, "hostsPerLeaf": 8, "spines": 8, "hostRate": "100Gbps",
                  "fabricRate": "100Gbps", "linkDelay": "1us", "mtu": 4096, "recovery": "sr",
                  "workload": "allreduce-hd", "jobs": 2, "ranks": 48, "placement": "strided",
                  "stopTime": "100s", "seed": 1},
        "grid": {"bytes": [mb * 1000000 for mb in sizes]},
        "zip": {"routing": [v[1] for v in VARIANTS], "splits": [v[2] for v in VARIANTS],
                "jointPlanning": [v[3] for v in VARIANTS]},
    }


def label(row):
    for name, routing, splits, joint in VARIANTS:
        if (row["routing"], row["splits"], str(row["jointPlanning"]).lower() == "true") == (
                routing, splits, joint):
            return name
    raise ValueError(f"no variant for {row['routing']}/{row['splits']}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--short", action="store_true", help="for `make run`: 4 and 16 MB")
    add_sweep_arguments(parser)
    args = parser.parse_args()
    sizes = SHORT_SIZES_MB if args.short else SIZES_MB
    outdir = results_dir("jobs")
    frame, _ = sweep_frame(spec(sizes), outdir / "sweep", args)
    undelivered = frame[frame["bytes_delivered"] != frame["bytes_requested"]]
    if len(undelivered):
        sys.exit(f"{len(undelivered)} runs did not deliver every byte")
    frame["variant"] = frame.apply(label, axis=1)
    frame["MB"] = frame["bytes"] // 1000000

    lines = ["| MB | routing | completion_us | ideal_us | completion/ideal | subflows | "
             "planner max/bound |", "|---|---|---|---|---|---|---|"]
    for mb in sizes:
        for name, routing, _, _ in VARIANTS:
            r = frame[(frame["MB"] == mb) & (frame["variant"] == name)].iloc[0]
            bound = r["planner.lower_bound_bytes"]
            ratio = f"{r['planner.max_link_bytes'] / bound:.3f}" if routing == "planned" else "-"
            lines.append(f"| {mb} | {name} | {r['completion_s'] * 1e6:.1f} | "
                         f"{r['ideal_s'] * 1e6:.1f} | {r['completion_over_ideal']:.3f} | "
                         f"{r['planner.subflows']} | {ratio} |")
    text = "\n".join(lines)
    name = "jobs-short" if args.short else "jobs"
    (outdir / f"{name}.md").write_text(
        "# Two halving-doubling jobs (48 ranks each, strided) on 16 leaves x 8 spines\n\n"
        f"scripts/experiments/25-jobs.py{' --short' if args.short else ''}. completion: the "
        "later job's last delivery; ideal: the slower job's lower bound; subflows: queue pairs "
        "of the run; planner max/bound: the planned busiest fabric link over the spraying bound, "
        "summed over the planned groups (per job when the jobs are planned apart, so it does "
        "not see their collisions).\n\n" + text + "\n")
    plot(frame, sizes, outdir / f"{name}.png")
    print(text)
    print(f"wrote {outdir / (name + '.md')} and {outdir / (name + '.png')}")


def plot(frame, sizes, path):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(8.5, 4))
    for name, _, _, _ in VARIANTS:
        rows = frame[frame["variant"] == name].sort_values("MB")
        ax.plot(rows["MB"], rows["completion_over_ideal"], marker="o", label=name)
    ratio_against_size(ax, sizes)
    ax.set_ylabel("completion / ideal (log)")
    ax.set_title("two halving-doubling jobs, 48 ranks each")
    ax.legend(fontsize=8, loc="upper left", bbox_to_anchor=(1.01, 1))
    fig.tight_layout()
    fig.savefig(path, dpi=120)


if __name__ == "__main__":
    main()
