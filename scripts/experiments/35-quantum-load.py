#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""The study's load sweep: throughput, WCRT and jitter against offered load for every scheduler.

Skrzypczyk & Wehner's load simulations (mdskrzypczyk/LinkScheduling,
code/simulations/load_simulations/ and get_fixed_load_taskset in simulations/common.py),
re-run with planet's planner. Offered load is the demanded rate in ebit/s: for each (network,
Fmin, load, run) demands are drawn until their rates sum to at least the load, each between two
end nodes drawn uniformly (distinct), at fidelity Fmin, with a rate drawn uniformly among
1/(slot 2^i), i = 0..9, that are below the rate of the demand's protocol (success probability
over its makespan in whole slots) and below the load still missing; when none is below the
missing load the smallest rate below the protocol's is taken, and a pair without a protocol (or
whose protocol is slower than the smallest rate) is drawn again. planet's periods count the
protocol's success probability p (a power of two of slots at most p/rate), so a rate is also
required to get a period that holds the makespan. The same demands then go, in the order
drawn, to every scheduler (greedy admission). Slot 10 ms as in the study. Loads: the study's
0.5-100 ebit/s (17 values), 3 runs per point.

Networks and physics: star, H, line and symmetric (5 km links, the measured NV link table,
--hardware=study: the study's fidelity model, Werner math on the links with no device noise),
Fmin 0.55-0.85; SURFnet (data/quantum/surfnet.gml) with the study's SURFnet links (fidelity
0.999 at 1400 Hz, data/quantum/surfnet-link-capabilities.json), Fmin 0.98-0.997. These are
plans (--execute=false), as the study's figures are.

Per point (network, Fmin, load, scheduler; means over runs): offered load, demands, accepted,
throughput as the study counts it (the sum of the accepted demands' rates), planned throughput
as planet counts it (success probability over each period: a demand's period is the largest
power of two of slots at most p/rate, so it delivers between its rate and twice it), the
largest WCRT and the largest jitter (the study's jitter_s2: variance of s_{k+1} - s_k - P over
one hyperperiod) of the accepted demands. Writes results/quantum-load/: load.md (summary and
table), load.json (every run and demand set), and the study's figures: load-throughput.png (throughput against offered load per Fmin),
load-cdf.png (CDF of throughput per Fmin), load-wcrt.png and load-jitter.png (2-D histograms
of throughput against WCRT and against jitter per scheduler, over every Fmin, load and run);
with --short, load-short.* (loads 1-50, three Fmin per network, one run; about a minute).

Usage: scripts/experiments/35-quantum-load.py [--short | --smallest] [--jobs N] [--out DIR]
       [--replot]
Environment: BUILD is the build directory (default: build).
"""

import argparse
import concurrent.futures
import json
import math
import os
import random
import re
import resource
import tempfile
import time
from pathlib import Path

from common import ROOT, results_dir, run_record, runner

SLOT = 0.01
RATES = [1 / (SLOT * 2 ** i) for i in range(10)]  # 100 .. 0.195 pairs/s
SCHEDULERS = ["PTS-NP-EDF", "RCPSP-NP-EDF", "RCPSP-NP-FPR", "PLANET-WC-EDF", "PLANET-WC-RM",
              "PLANET-RCPSP"]
SURFNET = ROOT / "data/quantum/surfnet.gml"
SURFNET_LINKS = ROOT / "data/quantum/surfnet-link-capabilities.json"
LOADS = [0.5, 1, 2, 3, 4, 5, 10, 15, 20, 25, 30, 35, 40, 50, 60, 80, 100]
SMALL_FMINS = [0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85]
SURFNET_FMINS = [0.98, 0.985, 0.99, 0.995, 0.997]


def surfnet_end_nodes():
    """Labels of SURFnet's end nodes (end_node 1 in the GML)."""
    text = SURFNET.read_text()
    return [label for label, end in re.findall(r'label "([^"]+)"[^\]]*?end_node (\d)', text)
            if end == "1"]


def networks():
    """name -> (planet-quantum flags, end nodes as demands name them, Fmin values)."""
    study = ["--hardware=study"]
    return {
        "star": (["--network=star"] + study, [0, 1, 2], SMALL_FMINS),
        "h": (["--network=h"] + study, [0, 2, 3, 5], SMALL_FMINS),
        "line": (["--network=line"] + study, [0, 1, 2, 3, 4, 5], SMALL_FMINS),
        "symmetric": (["--network=symmetric"] + study, [0, 1, 2, 3], SMALL_FMINS),
        "surfnet": ([f"--network={SURFNET}", f"--links={SURFNET_LINKS}"] + study,
                    surfnet_end_nodes(), SURFNET_FMINS),
    }


CONFIGS = {
    # name: (networks, loads, Fmin values per network (None: all), runs)
    "full": (None, LOADS, None, [1, 2, 3]),
    "short": (None, [1, 5, 10, 20, 50], {"small": [0.55, 0.7, 0.85],
                                         "surfnet": [0.98, 0.99, 0.997]}, [1]),
    "smallest": (["star", "surfnet"], [2, 20], {"small": [0.7], "surfnet": [0.99]}, [1]),
}


def plan(binary, flags, demands, scheduler):
    """The planet-quantum record (plan only) of these demands."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "demands.json"
        path.write_text(json.dumps(demands))
        out = Path(tmp) / "record.json"
        cmd = [binary] + flags + [f"--demands={path}", f"--scheduler={scheduler}",
                                  f"--slot={SLOT}", "--execute=false", f"--json={out}"]
        return run_record(cmd, out)


class ProtocolRates:
    """(src, dst) -> the demand rates (of RATES) the pair's protocol at fmin can serve: below
    its rate (success probability p over the makespan in whole slots) and with a period (planet's
    power of two of slots at most p / rate) no shorter than the makespan; none without one. Pairs are planned when first asked for, in batches:
    one plan of the pairs at a rate no period can serve, so that each is synthesised and none is
    scheduled."""

    BATCH = 64

    def __init__(self, binary, flags, ends, fmin):
        self.binary, self.flags, self.ends, self.fmin = binary, flags, ends, fmin
        self.rates = {}

    def fill(self, pairs):
        pairs = list(dict.fromkeys(p for p in pairs if p not in self.rates))
        if not pairs:
            return
        record = plan(self.binary, self.flags, [{"src": a, "dst": b, "fmin": self.fmin,
                                                 "rate": 1e9} for a, b in pairs], "PTS-NP-EDF")
        for pair, d in zip(pairs, record["demands"]):
            slots = math.ceil(d["plan_duration_s"] / SLOT - 1e-9)
            p = d["success_probability"]
            # RATES[i] is servable when it is below the protocol's rate (the study's rule) and
            # planet's period for it, 2^floor(log2(p 2^i)) slots, holds the makespan.
            self.rates[pair] = [r for i, r in enumerate(RATES)
                                if d["protocol"] and r < p / (slots * SLOT)
                                and 2 ** math.floor(math.log2(p) + i + 1e-12) >= slots]

    def all_pairs(self):
        return [(a, b) for a in self.ends for b in self.ends if a != b]


def draw_demands(seed, protocols, load):
    """The study's fixed-load demand set (see the module text; pairs and rates come from two
    random streams of the seed); [] when no pair can be served."""
    pair_rng = random.Random(f"{seed}/pairs")
    rate_rng = random.Random(f"{seed}/rates")
    drawn = []
    demands = []
    offered = 0.0
    misses = 0
    while offered < load:
        if len(drawn) <= len(demands) + misses:
            drawn += [tuple(pair_rng.sample(protocols.ends, 2)) for _ in range(ProtocolRates.BATCH)]
        pair = drawn[len(demands) + misses]
        if pair not in protocols.rates:
            protocols.fill(drawn[len(demands) + misses:])
        below = protocols.rates[pair]
        if not below:
            misses += 1
            if misses % 200 == 0:  # the study would draw forever if no pair can be served
                protocols.fill(protocols.all_pairs())
                if not any(protocols.rates.values()):
                    return []
            continue
        allowed = [r for r in below if r < load - offered]
        rate = rate_rng.choice(allowed) if allowed else min(below)
        demands.append({"src": pair[0], "dst": pair[1], "fmin": protocols.fmin, "rate": rate})
        offered += rate
    return demands


def run_point(binary, flags, network, fmin, load, run, demands, scheduler):
    record = plan(binary, flags, demands, scheduler)
    accepted = [d for d in record["demands"] if d["accepted"]]
    return {
        "network": network, "fmin": fmin, "load": load, "run": run, "scheduler": scheduler,
        "offered_ebit_s": sum(d["rate"] for d in demands), "demands": len(demands),
        "accepted": record["accepted"],
        # The study's throughput: the accepted demands' rates (its rate_dict counts 1/period).
        "throughput_ebit_s": sum(d["rate"] for d in accepted),
        # planet's: what the periods deliver (success probability over a power-of-two period
        # at most success probability / rate, so up to twice the rate).
        "planned_ebit_s": record["throughput_ebit_s"],
        "max_wcrt_s": record["max_wcrt_s"], "max_jitter_s2": record["max_jitter_s2"],
        "wall_s": record["sim"]["wall_s"],
    }


def sweep(binary, config, jobs):
    names, loads, fmins, runs = CONFIGS[config]
    nets = networks()
    probes = {}
    tasks = []
    for network, (flags, ends, default_fmins) in nets.items():
        if names and network not in names:
            continue
        chosen = default_fmins
        if fmins:
            chosen = fmins["surfnet" if network == "surfnet" else "small"]
        for fmin in chosen:
            probes[(network, fmin)] = (flags, ends)
    skipped = []
    sets = []
    for (network, fmin), (flags, ends) in probes.items():
        protocols = ProtocolRates(binary, flags, ends, fmin)
        for load in loads:
            for run in runs:
                demands = draw_demands(f"{network}/{fmin}/{load}/{run}", protocols, load)
                if not demands:
                    skipped.append({"network": network, "fmin": fmin, "load": load})
                    continue
                sets.append({"network": network, "fmin": fmin, "load": load, "run": run,
                             "rates": [d["rate"] for d in demands]})
                for scheduler in SCHEDULERS:
                    tasks.append((binary, flags, network, fmin, load, run, demands, scheduler))
    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        points = list(pool.map(lambda t: run_point(*t), tasks))
    return points, skipped, sets


def mean(values):
    values = list(values)
    return sum(values) / len(values) if values else 0.0


def aggregate(points):
    groups = {}
    for p in points:
        groups.setdefault((p["network"], p["fmin"], p["load"], p["scheduler"]), []).append(p)
    order = list(networks())
    rows = []
    for (network, fmin, load, scheduler), ps in groups.items():
        rows.append({
            "network": network, "fmin": fmin, "load": load, "scheduler": scheduler,
            "runs": len(ps),
            **{k: mean(p[k] for p in ps) for k in ("offered_ebit_s", "demands", "accepted",
                                                   "throughput_ebit_s", "planned_ebit_s", "max_wcrt_s",
                                                   "max_jitter_s2")},
        })
    rows.sort(key=lambda r: (order.index(r["network"]), r["fmin"], r["load"],
                             SCHEDULERS.index(r["scheduler"])))
    return rows


def table(rows):
    lines = ["| network | Fmin | load | offered ebit/s | scheduler | accepted | throughput ebit/s "
             "| planned ebit/s | max WCRT s | max jitter s^2 |", "|---|---|---|---|---|---|---|---|---|---|"]
    for r in rows:
        lines.append(f"| {r['network']} | {r['fmin']:g} | {r['load']:g} | "
                     f"{r['offered_ebit_s']:.2f} | {r['scheduler']} | "
                     f"{r['accepted']:.1f}/{r['demands']:.1f} | {r['throughput_ebit_s']:.2f} | "
                     f"{r['planned_ebit_s']:.2f} | "
                     f"{r['max_wcrt_s']:.3f} | {r['max_jitter_s2']:.2e} |")
    return "\n".join(lines)


def summary(rows):
    """Per network and scheduler, over every (Fmin, load): mean throughput and accepted demands,
    at how many points the scheduler has the most throughput (ties count for each scheduler
    that reaches it), and the means of the largest WCRT and jitter."""
    lines = ["| network | scheduler | mean throughput ebit/s | mean accepted | most throughput at "
             "(of points) | mean max WCRT s | mean max jitter s^2 |",
             "|---|---|---|---|---|---|---|"]
    for network in [n for n in networks() if any(r["network"] == n for r in rows)]:
        own = [r for r in rows if r["network"] == network]
        points = {(r["fmin"], r["load"]) for r in own}
        for scheduler in SCHEDULERS:
            mine = [r for r in own if r["scheduler"] == scheduler]
            best = sum(1 for pt in points
                       if max(r["throughput_ebit_s"] for r in own if (r["fmin"], r["load"]) == pt)
                       <= next(r["throughput_ebit_s"] for r in mine
                               if (r["fmin"], r["load"]) == pt) + 1e-9)
            lines.append(f"| {network} | {scheduler} | "
                         f"{mean(r['throughput_ebit_s'] for r in mine):.2f} | "
                         f"{mean(r['accepted'] for r in mine):.2f} | {best}/{len(points)} | "
                         f"{mean(r['max_wcrt_s'] for r in mine):.3f} | "
                         f"{mean(r['max_jitter_s2'] for r in mine):.2e} |")
    return "\n".join(lines)


def plot(points, rows, outdir, name):
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import numpy as np

    nets = [n for n in networks() if any(r["network"] == n for r in rows)]
    fmins = {n: sorted({r["fmin"] for r in rows if r["network"] == n}) for n in nets}
    width = max(len(f) for f in fmins.values())

    def panels():
        """A figure with one panel per (network, Fmin): (figure, axes, [(i, j, network, fmin,
        panel)]); rows with fewer Fmin than the widest leave their last panels blank."""
        fig, axes = plt.subplots(len(nets), width, figsize=(3.2 * width, 2.7 * len(nets)),
                                 squeeze=False)
        cells = []
        for i, network in enumerate(nets):
            for j in range(width):
                if j < len(fmins[network]):
                    cells.append((i, j, network, fmins[network][j], axes[i][j]))
                else:
                    axes[i][j].axis("off")
        return fig, axes, cells

    # Throughput against offered load, one panel per (network, Fmin).
    fig, axes, cells = panels()
    for i, j, network, fmin, ax in cells:
        top = 0
        for scheduler in SCHEDULERS:
            pts = [r for r in rows if r["network"] == network and r["fmin"] == fmin
                   and r["scheduler"] == scheduler]
            x = [r["offered_ebit_s"] for r in pts]
            ax.plot(x, [r["throughput_ebit_s"] for r in pts], marker="o", markersize=3,
                    label=scheduler)
            top = max([top] + x)
        ax.plot([0, top], [0, top], color="grey", linestyle="--", linewidth=0.8)
        ax.set_title(f"{network}, F={fmin:g}", fontsize=9)
        ax.grid(True, alpha=0.3)
        if i == len(nets) - 1:
            ax.set_xlabel("offered load (ebit/s)")
        if j == 0:
            ax.set_ylabel("throughput (ebit/s)")
    axes[0][0].legend(fontsize=6)
    fig.suptitle("planet plans of the study's load sweep: throughput against offered load "
                 "(dashed: all admitted)")
    fig.tight_layout()
    fig.savefig(outdir / f"{name}-throughput.png", dpi=110)
    plt.close(fig)

    # CDF of throughput over every load and run, one panel per (network, Fmin).
    fig, axes, cells = panels()
    for i, j, network, fmin, ax in cells:
        for scheduler in SCHEDULERS:
            t = np.sort([p["throughput_ebit_s"] for p in points if p["network"] == network
                         and p["fmin"] == fmin and p["scheduler"] == scheduler])
            if t.size:
                ax.step(t, np.arange(1, t.size + 1) / t.size, where="post", label=scheduler)
        ax.set_title(f"{network}, F={fmin:g}", fontsize=9)
        ax.set_ylim(0, 1.02)
        ax.grid(True, alpha=0.3)
        if i == len(nets) - 1:
            ax.set_xlabel("throughput (ebit/s)")
        if j == 0:
            ax.set_ylabel("fraction of runs")
    axes[0][0].legend(fontsize=6)
    fig.suptitle("CDF of throughput over loads and runs")
    fig.tight_layout()
    fig.savefig(outdir / f"{name}-cdf.png", dpi=110)
    plt.close(fig)

    # 2-D histograms: throughput against WCRT and against jitter, per (network, scheduler).
    for metric, label, suffix in (("max_wcrt_s", "WCRT (s)", "wcrt"),
                                  ("max_jitter_s2", "jitter (s^2)", "jitter")):
        fig, axes = plt.subplots(len(nets), len(SCHEDULERS),
                                 figsize=(2.9 * len(SCHEDULERS), 2.5 * len(nets)), squeeze=False)
        for i, network in enumerate(nets):
            mine = [p for p in points if p["network"] == network]
            xmax = max(p["throughput_ebit_s"] for p in mine) or 1.0
            ymax = max(p[metric] for p in mine) or 1.0
            for j, scheduler in enumerate(SCHEDULERS):
                ax = axes[i][j]
                sel = [p for p in mine if p["scheduler"] == scheduler]
                x = [p["throughput_ebit_s"] for p in sel]
                y = [p[metric] for p in sel]
                ax.hist2d(x, y, bins=[20, 12], range=[[0, xmax], [0, ymax]],
                          weights=np.ones(len(x)) / max(1, len(x)), cmap="viridis")
                if i == 0:
                    ax.set_title(scheduler, fontsize=9)
                if i == len(nets) - 1:
                    ax.set_xlabel("throughput (ebit/s)")
                if j == 0:
                    ax.set_ylabel(f"{network}\n{label}")
        fig.suptitle(f"throughput against {label} (fraction of runs, every Fmin and load)")
        fig.tight_layout()
        fig.savefig(outdir / f"{name}-{suffix}.png", dpi=110)
        plt.close(fig)


def write(data, outdir, name, command, jobs):
    """The table (load NAME.md), every run (NAME.json) and the figures, from the sweep's data."""
    rows = aggregate(data["points"])
    best = summary(rows)
    print(best)
    note = (f"Command: `{command}` (plans only, not executed in ns-3; {len(data['points'])} "
            f"plans, {data['wall_s']:.0f} s wall with --jobs {jobs}, {data['runner_cpu_s']:.0f} s "
            f"CPU of the runner)\n\n")
    if data["skipped"]:
        note += ("No demand set (no pair has a protocol at this Fmin): " +
                 ", ".join(sorted({f"{s['network']} F={s['fmin']:g}" for s in data["skipped"]})) +
                 "\n\n")
    (outdir / f"{name}.md").write_text(f"{note}{best}\n\n{table(rows)}\n")
    (outdir / f"{name}.json").write_text(json.dumps(dict(data, rows=rows, jobs=jobs), indent=1))
    plot(data["points"], rows, outdir, name)
    print(f"wrote {outdir / name}.md, .json and {name}-throughput/cdf/wcrt/jitter.png")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    size = parser.add_mutually_exclusive_group()
    size.add_argument("--short", action="store_true",
                      help="loads 1, 5, 10, 20, 50; Fmin 0.55/0.7/0.85, SURFnet 0.98/0.99/0.997; one run")
    size.add_argument("--smallest", action="store_true",
                      help="star and SURFnet, two loads, one Fmin each (for tests)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--out", help="output directory (default: results/quantum-load)")
    parser.add_argument("--replot", action="store_true",
                        help="tables and figures again from the saved runs, without planning")
    args = parser.parse_args()

    config = "short" if args.short else "smallest" if args.smallest else "full"
    outdir = Path(args.out) if args.out else results_dir("quantum-load")
    outdir.mkdir(parents=True, exist_ok=True)
    name = {"full": "load", "short": "load-short", "smallest": "load-smallest"}[config]
    command = "scripts/experiments/35-quantum-load.py" + {"full": "", "short": " --short",
                                                          "smallest": " --smallest"}[config]
    if args.replot:
        data = json.loads((outdir / f"{name}.json").read_text())
        write(data, outdir, name, command, data.get("jobs", args.jobs))
        return
    binary = str(runner("planet-quantum"))
    start = time.time()
    points, skipped, sets = sweep(binary, config, args.jobs)
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    write({"points": points, "skipped": skipped, "sets": sets, "wall_s": time.time() - start,
           "runner_cpu_s": usage.ru_utime + usage.ru_stime}, outdir, name, command, args.jobs)


if __name__ == "__main__":
    main()
