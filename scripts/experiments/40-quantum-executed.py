#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Quantum networks, planned against delivered: the plans executed in ns-3.

The four small networks of Skrzypczyk & Wehner (star, H, line, symmetric; 5 km links, NV
centres, link capabilities from data/quantum/nv-link-capabilities.json, 10 random demands at
Fmin 0.28: two NV hops reach about 0.44, three about 0.32) and SURFnet (data/quantum/surfnet.gml, futuristic
parameters, 100 random demands at Fmin 0.7), planned by build/bin/planet-quantum with each scheduler and each link-window quantile
(0: windows of 1/rate, planet's planning before execution; 0.9 and 0.99: windows that herald
with that probability), then executed for 10 hyperperiods (a missed window aborts its
instance). Per point: requested throughput of the accepted demands, planned and delivered
throughput, delivered fidelity (mean, and the fraction of pairs at or above Fmin), worst
measured and planned WCRT, mean planned jitter (of the starts), measured jitter (of the delivery
times, so lost instances count) and latency jitter (lost instances left out); means over the
runs. Prints the
table and writes results/quantum-executed/: executed.md, executed.json and executed.png
(--short: executed-short.*, one run per point and 50 SURFnet demands).

Usage: scripts/experiments/40-quantum-executed.py [--short] [--jobs N] [--replot]
Environment: BUILD is the build directory (default: build); PYTHONPATH has BUILD/python.
"""

import argparse
import concurrent.futures
import json
import os
import tempfile
from pathlib import Path

import planet
from common import ROOT, results_dir, run_record, runner

SCHEDULERS = planet.periodic_schedulers()
QUANTILES = [0.0, 0.9, 0.99]
TABLE_LINKS = str(ROOT / "data/quantum/nv-link-capabilities.json")
NETWORKS = {
    # name: (flags, demands, fmin)
    "star": (["--network=star", f"--links={TABLE_LINKS}"], 10, 0.28),
    "h": (["--network=h", f"--links={TABLE_LINKS}"], 10, 0.28),
    "line": (["--network=line", f"--links={TABLE_LINKS}"], 10, 0.28),
    "symmetric": (["--network=symmetric", f"--links={TABLE_LINKS}"], 10, 0.28),
    "surfnet": ([f"--network={ROOT / 'data/quantum/surfnet.gml'}", "--hardware=futuristic"], 100,
                0.7),
}


def mean(values):
    values = list(values)
    return sum(values) / len(values) if values else 0.0


def run_one(binary, network, scheduler, quantile, run, demands):
    flags, _, fmin = NETWORKS[network]
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "record.json"
        cmd = [str(binary)] + flags + [f"--randomDemands={demands}", f"--fmin={fmin}",
                                       f"--scheduler={scheduler}", f"--windowQuantile={quantile}",
                                       "--hyperperiods=10", f"--run={run}", f"--json={out}"]
        record = run_record(cmd, out)
    m = record["measured"]
    accepted = [d for d in record["demands"] if d["accepted"]]
    delivered = [d["measured"] for d in accepted if d["measured"]["pairs_delivered"]]
    pairs = sum(q["pairs_delivered"] for q in delivered)
    return {
        "network": network, "scheduler": scheduler, "quantile": quantile, "run": run,
        "demands": len(record["demands"]), "accepted": record["accepted"],
        "requested_ebit_s": sum(d["rate"] for d in accepted),
        "planned_ebit_s": record["throughput_ebit_s"],
        "delivered_ebit_s": m["throughput_ebit_s"],
        "planned_fidelity": mean(d["fidelity"] for d in accepted),
        "delivered_fidelity": m["fidelity_mean"],
        "at_least_fmin": (sum(q["fraction_at_least_fmin"] * q["pairs_delivered"] for q in delivered)
                          / pairs if pairs else 0.0),
        "planned_wcrt_s": record["max_wcrt_s"], "measured_wcrt_s": m["max_wcrt_s"],
        "planned_jitter_s2": mean(d["jitter_s2"] for d in accepted),
        "measured_jitter_s2": mean(q["jitter_s2"] for q in delivered),
        "latency_jitter_s2": mean(q["latency_jitter_s2"] for q in delivered),
        "aborted": m["aborted_by"], "instances": m["instances"],
        "events_per_pair": m["events_per_pair"], "wall_s": record["sim"]["wall_s"],
    }


def aggregate(points):
    groups = {}
    for p in points:
        groups.setdefault((p["network"], p["scheduler"], p["quantile"]), []).append(p)
    rows = []
    for (network, scheduler, quantile), ps in groups.items():
        row = {"network": network, "scheduler": scheduler, "quantile": quantile, "runs": len(ps),
               "demands": ps[0]["demands"]}
        for key in ("accepted", "requested_ebit_s", "planned_ebit_s", "delivered_ebit_s",
                    "instances"):
            row[key] = mean(p[key] for p in ps)
        # Figures of accepted demands and delivered pairs: over the runs that have some.
        planned = [p for p in ps if p["accepted"]]
        delivered = [p for p in ps if p["delivered_ebit_s"] > 0]
        for key in ("planned_fidelity", "planned_jitter_s2"):
            row[key] = mean(p[key] for p in planned)
        for key in ("delivered_fidelity", "at_least_fmin", "measured_jitter_s2",
                    "latency_jitter_s2"):
            row[key] = mean(p[key] for p in delivered)
        row["planned_wcrt_s"] = max(p["planned_wcrt_s"] for p in ps)
        row["measured_wcrt_s"] = max(p["measured_wcrt_s"] for p in ps)
        aborted = {}
        for p in ps:
            for reason, n in p["aborted"].items():
                aborted[reason] = aborted.get(reason, 0) + n / len(ps)
        row["aborted"] = aborted
        row["delivered_over_planned"] = (row["delivered_ebit_s"] / row["planned_ebit_s"]
                                         if row["planned_ebit_s"] else 0.0)
        rows.append(row)
    order = list(NETWORKS)
    rows.sort(key=lambda r: (order.index(r["network"]), SCHEDULERS.index(r["scheduler"]),
                             r["quantile"]))
    return rows


def table(rows):
    lines = ["| network | scheduler | q | accepted | requested | planned | delivered | "
             "delivered/planned | fidelity planned | fidelity delivered | >= Fmin | "
             "WCRT planned | WCRT measured | jitter planned | jitter measured | "
             "latency jitter |",
             "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"]
    for r in rows:
        lines.append(
            f"| {r['network']} | {r['scheduler']} | {r['quantile']:g} | "
            f"{r['accepted']:.1f}/{r['demands']} | {r['requested_ebit_s']:.2f} | "
            f"{r['planned_ebit_s']:.2f} | {r['delivered_ebit_s']:.2f} | "
            f"{r['delivered_over_planned']:.2f} | {r['planned_fidelity']:.3f} | "
            f"{r['delivered_fidelity']:.3f} | {r['at_least_fmin']:.2f} | "
            f"{r['planned_wcrt_s']:.3f} | {r['measured_wcrt_s']:.3f} | "
            f"{r['planned_jitter_s2']:.2e} | {r['measured_jitter_s2']:.2e} | "
            f"{r['latency_jitter_s2']:.2e} |")
    return "\n".join(lines)


def plot(rows, path):
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    networks = [n for n in NETWORKS if any(r["network"] == n and r["planned_ebit_s"] > 0
                                           for r in rows)]
    fig, axes = plt.subplots(2, len(networks), figsize=(4 * len(networks), 6.5), squeeze=False)
    for col, network in enumerate(networks):
        for scheduler in SCHEDULERS:
            pts = [r for r in rows if r["network"] == network and r["scheduler"] == scheduler]
            x = [r["quantile"] for r in pts]
            line, = axes[0][col].plot(x, [r["delivered_ebit_s"] for r in pts], marker="o",
                                      label=scheduler)
            axes[0][col].plot(x, [r["planned_ebit_s"] for r in pts], linestyle=":",
                              color=line.get_color())
            axes[1][col].plot(x, [r["delivered_fidelity"] if r["delivered_ebit_s"] > 0
                                  else float("nan") for r in pts],
                              marker="o", color=line.get_color())
        fmin = NETWORKS[network][2]
        axes[1][col].axhline(fmin, color="black", linewidth=0.8, linestyle="--")
        axes[0][col].set_title(network)
        axes[1][col].set_xlabel("window quantile (0: 1/rate)")
    axes[0][0].set_ylabel("throughput, ebit/s (dotted: planned)")
    axes[1][0].set_ylabel("delivered fidelity (dashed: Fmin)")
    axes[0][0].legend(fontsize=7)
    fig.suptitle("planet-quantum executed in ns-3: planned against delivered")
    fig.tight_layout()
    fig.savefig(path, dpi=120)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--short", action="store_true",
                        help="one run per point and 50 SURFnet demands")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--replot", action="store_true",
                        help="table and plot again from the saved points, without running")
    args = parser.parse_args()

    outdir = results_dir("quantum-executed")
    name = "executed-short" if args.short else "executed"
    if args.replot:
        points = json.loads((outdir / f"{name}.json").read_text())["points"]
        write(aggregate(points), points, outdir, name, args.short)
        return
    binary = runner("planet-quantum")
    runs = [1] if args.short else [1, 2, 3]
    tasks = []
    for network, (_, demands, _) in NETWORKS.items():
        if args.short and network == "surfnet":
            demands = 50
        for scheduler in SCHEDULERS:
            for quantile in QUANTILES:
                for run in runs:
                    tasks.append((binary, network, scheduler, quantile, run, demands))
    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        points = list(pool.map(lambda t: run_one(*t), tasks))
    write(aggregate(points), points, outdir, name, args.short)


def write(rows, points, outdir, name, short):
    text = table(rows)
    print(text)
    command = "scripts/experiments/40-quantum-executed.py" + (" --short" if short else "")
    (outdir / f"{name}.md").write_text(f"Command: `{command}` (plans executed in ns-3 for 10 "
                                       f"hyperperiods, missed windows abort)\n\n{text}\n")
    (outdir / f"{name}.json").write_text(json.dumps({"rows": rows, "points": points}, indent=1))
    plot(rows, outdir / f"{name}.png")
    print(f"wrote {outdir / name}.md, {name}.json, {name}.png")


if __name__ == "__main__":
    main()
