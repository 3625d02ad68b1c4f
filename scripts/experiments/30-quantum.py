#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Quantum-network QoS planning: throughput and jitter against Fmin for every scheduler.

The four small networks of Skrzypczyk & Wehner (star, H, line, symmetric; 5 km links, NV
centres, link capabilities from data/quantum/nv-link-capabilities.json) and SURFnet
(data/quantum/surfnet.gml, futuristic parameters), random demands (uniform end-node pairs,
2^k pairs/s for k = -1..3, one Fmin per point) planned by build/bin/planet-quantum with each
scheduler. Per point: accepted demands, network throughput (ebit/s) and the mean jitter
(variance of start-to-start minus period) of the accepted demands, averaged over the runs.
Prints the table and writes results/quantum/: quantum.md (the table), quantum.json (all
points) and quantum.png (throughput and jitter against Fmin); with --short, quantum-short.*
(so that `make run` leaves the full run's files alone).

These are plans: the schedules are not executed in ns-3 here.

Usage: scripts/experiments/30-quantum.py [--short] [--jobs N]
Environment: BUILD is the build directory (default: build).
"""

import argparse
import concurrent.futures
import json
import os
import tempfile
from pathlib import Path

from common import ROOT, results_dir, run_record, runner
SCHEDULERS = ["PTS-NP-EDF", "RCPSP-NP-EDF", "RCPSP-NP-FPR", "PLANET-RCPSP"]
TABLE_LINKS = str(ROOT / "data/quantum/nv-link-capabilities.json")
NETWORKS = {
    # name: (flags, demands, Fmin values); two NV hops of the table reach about 0.44
    "star": (["--network=star", f"--links={TABLE_LINKS}"], 10, [0.27, 0.3, 0.35, 0.4, 0.45]),
    "h": (["--network=h", f"--links={TABLE_LINKS}"], 10, [0.27, 0.3, 0.35, 0.4, 0.45]),
    "line": (["--network=line", f"--links={TABLE_LINKS}"], 10, [0.27, 0.3, 0.35, 0.4, 0.45]),
    "symmetric": (["--network=symmetric", f"--links={TABLE_LINKS}"], 10,
                  [0.27, 0.3, 0.35, 0.4, 0.45]),
    "surfnet": ([f"--network={ROOT / 'data/quantum/surfnet.gml'}", "--hardware=futuristic"], 100,
                [0.6, 0.7, 0.8, 0.9]),
}


def run_one(binary, network, fmin, scheduler, run, demands):
    flags, _, _ = NETWORKS[network]
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "record.json"
        cmd = [str(binary)] + flags + [f"--randomDemands={demands}", f"--fmin={fmin}",
                                       f"--scheduler={scheduler}", f"--run={run}",
                                       f"--json={out}"]
        record = run_record(cmd, out)
    accepted = [d for d in record["demands"] if d["accepted"]]
    jitter = sum(d["jitter_s2"] for d in accepted) / len(accepted) if accepted else 0.0
    return {
        "network": network, "fmin": fmin, "scheduler": scheduler, "run": run,
        "demands": len(record["demands"]), "accepted": record["accepted"],
        "throughput_ebit_s": record["throughput_ebit_s"], "mean_jitter_s2": jitter,
        "max_wcrt_s": record["max_wcrt_s"], "wall_s": record["sim"]["wall_s"],
    }


def aggregate(points):
    groups = {}
    for p in points:
        groups.setdefault((p["network"], p["fmin"], p["scheduler"]), []).append(p)
    rows = []
    for (network, fmin, scheduler), ps in groups.items():
        n = len(ps)
        rows.append({
            "network": network, "fmin": fmin, "scheduler": scheduler, "runs": n,
            "demands": ps[0]["demands"],
            "accepted": sum(p["accepted"] for p in ps) / n,
            "throughput_ebit_s": sum(p["throughput_ebit_s"] for p in ps) / n,
            "mean_jitter_s2": sum(p["mean_jitter_s2"] for p in ps) / n,
            "max_wcrt_s": max(p["max_wcrt_s"] for p in ps),
            "wall_s": max(p["wall_s"] for p in ps),
        })
    order = list(NETWORKS)
    rows.sort(key=lambda r: (order.index(r["network"]), r["fmin"],
                             SCHEDULERS.index(r["scheduler"])))
    return rows


def table(rows):
    lines = ["| network | Fmin | scheduler | accepted | throughput ebit/s | mean jitter s^2 | "
             "max wcrt s | wall s |", "|---|---|---|---|---|---|---|---|"]
    for r in rows:
        lines.append(f"| {r['network']} | {r['fmin']:.2f} | {r['scheduler']} | "
                     f"{r['accepted']:.1f}/{r['demands']} | {r['throughput_ebit_s']:.2f} | "
                     f"{r['mean_jitter_s2']:.2e} | {r['max_wcrt_s']:.3f} | {r['wall_s']:.2f} |")
    return "\n".join(lines)


def plot(rows, path):
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    networks = list(NETWORKS)
    fig, axes = plt.subplots(2, len(networks), figsize=(4 * len(networks), 6.5), squeeze=False)
    for col, network in enumerate(networks):
        for scheduler in SCHEDULERS:
            pts = [r for r in rows if r["network"] == network and r["scheduler"] == scheduler]
            x = [r["fmin"] for r in pts]
            axes[0][col].plot(x, [r["throughput_ebit_s"] for r in pts], marker="o",
                              label=scheduler)
            axes[1][col].plot(x, [r["mean_jitter_s2"] for r in pts], marker="o",
                              label=scheduler)
        axes[0][col].set_title(network)
        axes[1][col].set_xlabel("Fmin")
    axes[0][0].set_ylabel("throughput (ebit/s)")
    axes[1][0].set_ylabel("mean jitter (s^2)")
    axes[0][0].legend(fontsize=7)
    fig.suptitle("planet-quantum plans: throughput and jitter against Fmin")
    fig.tight_layout()
    fig.savefig(path, dpi=120)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--short", action="store_true",
                        help="one run per point and 50 SURFnet demands (well under 2 minutes)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args()

    binary = runner("planet-quantum")
    runs = [1] if args.short else [1, 2, 3]
    tasks = []
    for network, (_, demands, fmins) in NETWORKS.items():
        if args.short and network == "surfnet":
            demands = 50
        for fmin in fmins:
            for scheduler in SCHEDULERS:
                for run in runs:
                    tasks.append((binary, network, fmin, scheduler, run, demands))
    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        points = list(pool.map(lambda t: run_one(*t), tasks))
    rows = aggregate(points)

    outdir = results_dir("quantum")
    text = table(rows)
    print(text)
    command = "scripts/experiments/30-quantum.py" + (" --short" if args.short else "")
    name = "quantum-short" if args.short else "quantum"
    (outdir / f"{name}.md").write_text(f"Command: `{command}` (plans only, not executed in "
                                       f"ns-3)\n\n{text}\n")
    (outdir / f"{name}.json").write_text(json.dumps({"rows": rows, "points": points}, indent=1))
    plot(rows, outdir / f"{name}.png")
    print(f"wrote {outdir / name}.md, {name}.json, {name}.png")


if __name__ == "__main__":
    main()
