#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Collective headline: CCT/ideal and busbw of collectives under every routing mode.

128 ranks on 16 leaves x 8 hosts, 8 spines (100 Gbps, 1 us links, 4096 B payload, selective
repeat), one collective per run: ring AllReduce, halving-doubling AllReduce, double binary tree
AllReduce and all-pairs AllToAll, of 4 MB to 256 MB per rank (nccl-tests convention), routing
ecmp, spray-random and adaptive (one queue pair per flow) and planned (flows split by the
theorem, --splits=auto, each subflow pinned to the planner's spine). Prints the table and writes
results/collective/: one JSON record per run, collective.md (the table) and collective.png
(CCT/ideal against size, one panel per algorithm, one line per routing mode).

Every run on both fabric presets: --fabric=lossy (drop-tail port buffers, no congestion control)
and --fabric=lossless (PFC, shared-buffer switches, ECN marking and DCQCN); --fabrics picks them.

--short (make run) runs the sizes 4 MB and 16 MB only; the full version is this script without
--short.

Usage: scripts/experiments/20-collective.py [--short] [--jobs N] [--sizes MB ...]
       [--fabrics lossy lossless] [--reuse]
Environment: BUILD is the build directory (default: build).
"""

import argparse
import concurrent.futures
import itertools
import json
import sys
from common import ratio_against_size, results_dir, run_record, runner
ALGORITHMS = ["allreduce-ring", "allreduce-hd", "allreduce-tree", "alltoall-collective"]
ROUTINGS = ["ecmp", "spray-random", "adaptive", "planned"]
FABRICS = ["lossy", "lossless"]
SIZES_MB = [4, 16, 64, 256]
SHORT_SIZES_MB = [4, 16]
FABRIC = {
    "leaves": 16,
    "hostsPerLeaf": 8,
    "spines": 8,
    "hostRate": "100Gbps",
    "fabricRate": "100Gbps",
    "linkDelay": "1us",
    "mtu": 4096,
    "recovery": "sr",
    "ranks": 128,
    "placement": "contiguous",
    "stopTime": "100s",
    "seed": 1,
    "run": 1,
}


def command(binary, fabric, algorithm, routing, size_mb, out):
    args = [str(binary)] + [f"--{k}={v}" for k, v in FABRIC.items()]
    splits = "auto" if routing == "planned" else "1"
    return args + [
        f"--fabric={fabric}",
        f"--workload={algorithm}",
        f"--routing={routing}",
        f"--splits={splits}",
        f"--bytes={size_mb * 1000000}",
        f"--json={out}",
    ]


def run_one(binary, outdir, fabric, algorithm, routing, size_mb, reuse):
    out = outdir / f"{fabric}-{algorithm}-{routing}-{size_mb}MB.json"
    key = (fabric, algorithm, routing, size_mb)
    if reuse and out.exists():
        return key, json.loads(out.read_text())
    return key, run_record(command(binary, fabric, algorithm, routing, size_mb, out), out)


def table(results, fabrics, sizes):
    lines = [
        "| fabric | algorithm | MB | routing | cct_us | ideal_us | cct/ideal | busbw GB/s | "
        "planner max/bound | drops | pause frames | CNPs | events | wall_s |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for fabric, algorithm, size, routing in itertools.product(fabrics, ALGORITHMS, sizes,
                                                               ROUTINGS):
        r = results[(fabric, algorithm, routing, size)]
        c = r["collectives"][0]
        p = r["planner"]
        bound = p["lower_bound_bytes"]
        ratio = p["max_link_bytes"] / bound if bound > 0 else float("nan")
        planner = f"{ratio:.3f}" if routing == "planned" else "-"
        cnps = r.get("congestion_control", {}).get("cnps_sent", 0)
        lines.append(
            f"| {fabric} | {algorithm} | {size} | {routing} | {c['cct_s'] * 1e6:.1f} | "
            f"{c['ideal_s'] * 1e6:.1f} | {c['cct_over_ideal']:.3f} | "
            f"{c['busbw_Bps'] / 1e9:.2f} | {planner} | {r['drops']} | "
            f"{r.get('pause_frames_sent', 0)} | {cnps} | {r['sim']['events']} | "
            f"{r['sim']['wall_s']:.1f} |"
        )
    return "\n".join(lines)


def plot(results, fabrics, sizes, path):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, axes = plt.subplots(1, len(ALGORITHMS), figsize=(4 * len(ALGORITHMS), 3.6), sharey=True)
    for ax, algorithm in zip(axes, ALGORITHMS):
        for fabric, style in zip(fabrics, ["-", "--"]):
            for k, routing in enumerate(ROUTINGS):
                ys = [results[(fabric, algorithm, routing, s)]["collectives"][0]["cct_over_ideal"]
                      for s in sizes]
                ax.plot(sizes, ys, marker="o", linestyle=style, color=f"C{k}",
                        label=f"{routing}, {fabric}")
        ratio_against_size(ax, sizes)
        ax.set_title(algorithm)
    axes[0].set_ylabel("CCT / ideal (log)")
    axes[0].legend(title="routing, fabric", fontsize="small")
    fig.suptitle("128 ranks, 16 leaves x 8 spines, 100 Gbps")
    fig.tight_layout()
    fig.savefig(path, dpi=120)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--short", action="store_true", help="for `make run`: 4 and 16 MB only")
    parser.add_argument("--jobs", type=int, default=2, help="parallel runs (at most 2)")
    parser.add_argument("--sizes", type=int, nargs="+", help="MB per rank (overrides the default)")
    parser.add_argument("--fabrics", nargs="+", choices=FABRICS, default=FABRICS,
                        help="fabric presets to run (default: both)")
    parser.add_argument("--reuse", action="store_true", help="keep records already written")
    args = parser.parse_args()
    binary = runner("planet-fabric")
    outdir = results_dir("collective")
    sizes = sorted(args.sizes or (SHORT_SIZES_MB if args.short else SIZES_MB))

    results = {}
    jobs = max(1, min(2, args.jobs))
    with concurrent.futures.ThreadPoolExecutor(max_workers=jobs) as pool:
        # Largest first, so the two workers finish together.
        futures = [
            pool.submit(run_one, binary, outdir, fab, a, r, s, args.reuse)
            for s in sorted(sizes, reverse=True)
            for fab in args.fabrics
            for a in ALGORITHMS
            for r in ROUTINGS
        ]
        for f in concurrent.futures.as_completed(futures):
            key, record = f.result()
            if record["warnings"]:
                print(f"WARNING {key}: {record['warnings']}", file=sys.stderr)
            results[key] = record

    name = "collective-short" if args.short else "collective"
    if args.sizes:
        name = "collective-" + "-".join(str(s) for s in sizes) + "MB"
    example = " ".join(command("build/bin/planet-fabric", args.fabrics[0], "allreduce-ring",
                               "planned", 16, "out.json"))
    text = table(results, args.fabrics, sizes)
    scope = (
        f"sizes {', '.join(str(s) for s in sizes)} MB"
        if args.sizes
        else "short version: `--short`, sizes 4 and 16 MB only"
        if args.short
        else "full version: sizes 4 to 256 MB"
    )
    md = (
        f"# Collective headline: 128 ranks, 16 leaves x 8 spines, 100 Gbps ({scope})\n\n"
        "One run per row; a row is\n\n"
        f"    {example}\n\n"
        "with --fabric, --workload, --routing, --splits (auto for planned, else 1) and --bytes as "
        "in the "
        "row (scripts/experiments/20-collective.py). busbw in GB/s (10^9 B/s); planner max/bound: "
        "the planned busiest fabric link over the perfect-spraying bound, summed over steps.\n\n"
        + text
        + "\n"
    )
    (outdir / f"{name}.md").write_text(md)
    plot(results, args.fabrics, sizes, outdir / f"{name}.png")
    print(f"# {scope}")
    print(text)
    print(f"wrote {outdir / (name + '.md')} and {outdir / (name + '.png')}")


if __name__ == "__main__":
    main()
