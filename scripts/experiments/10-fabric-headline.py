#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Headline comparison of planet-fabric: the 128-host permutation under every routing mode.

128 hosts (16 leaves x 8 hosts, 8 spines, 100 Gbps, 1 us links, 9000 B payload), each host
sends 8,000,000 B to one other host; routing ecmp, pinned-random, spray-random, spray-rr and
adaptive, each with selective repeat (sr) and go-back-N (gbn). Then the 64:1 incast of 64 KB per
sender on the same fabric (ECMP; the default 1 MB buffers and 30 kB ones), where loss recovery
is all that matters, and the same on the lossless fabric (--fabric=lossless: PFC, shared-buffer
switches), beside the permutation's ecmp, spray-rr and adaptive rows on it (selective repeat,
no congestion control). Prints the tables and writes results/fabric/: one JSON record per run,
headline.md (the tables) and headline.png.

Usage: scripts/experiments/10-fabric-headline.py [--short] [--jobs N]
Environment: BUILD is the build directory (default: build).
"""

import argparse
import concurrent.futures

from common import results_dir, run_record, runner

ROUTINGS = ["ecmp", "pinned-random", "spray-random", "spray-rr", "adaptive"]
RECOVERIES = ["sr", "gbn"]
FABRIC = {
    "leaves": 16,
    "hostsPerLeaf": 8,
    "spines": 8,
    "hostRate": "100Gbps",
    "fabricRate": "100Gbps",
    "linkDelay": "1us",
    "mtu": 9000,
    "workload": "permutation",
    "bytes": 8000000,
    "seed": 1,
    "run": 1,
}


#: The incast runs: 64 senders of 64 KB into one host, per buffer size (bytes per port).
INCAST = {"workload": "incast", "incastSenders": 64, "bytes": 65536, "routing": "ecmp"}
INCAST_BUFFERS = [1000000, 30000]
#: The lossless fabric's runs: its preset, and the permutation's routings run on it.
LOSSLESS = {"fabric": "lossless"}
LOSSLESS_ROUTINGS = ["ecmp", "spray-rr", "adaptive"]


def command(binary, out, **params):
    args = [str(binary)] + [f"--{k}={v}" for k, v in dict(FABRIC, **params).items()]
    return args + [f"--json={out}"]


def run_one(binary, outdir, routing, recovery):
    out = outdir / f"headline-{routing}-{recovery}.json"
    return (routing, recovery), run_record(
        command(binary, out, routing=routing, recovery=recovery), out)


def run_incast(binary, outdir, buffer, recovery):
    out = outdir / f"incast-{buffer}-{recovery}.json"
    return ("incast", buffer, recovery), run_record(
        command(binary, out, bufferBytes=buffer, recovery=recovery, **INCAST), out)


def run_lossless(binary, outdir, routing):
    """The lossless fabric: the permutation with `routing`, or the incast ("incast")."""
    out = outdir / f"lossless-{routing}.json"
    params = dict(INCAST) if routing == "incast" else {"routing": routing}
    return ("lossless", routing), run_record(
        command(binary, out, recovery="sr", **LOSSLESS, **params), out)


def lossless_table(results):
    lines = [
        "| workload | routing | completion_us | completion/ideal | retransmitted pkts | "
        "timeouts | max queue KB | drops | wall_s | PAUSE frames | longest pause us |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for routing in LOSSLESS_ROUTINGS + ["incast"]:
        r = results[("lossless", routing)]
        workload = "64:1 incast" if routing == "incast" else "permutation"
        lines.append(f"| {workload} | {'ecmp' if routing == 'incast' else routing} | " + row(r) +
                     f" {r['pause_frames_sent']} | {r['longest_pause_s'] * 1e6:.1f} |")
    return "\n".join(lines)


def row(r):
    return (f"{r['completion_s'] * 1e6:.1f} | {r['completion_over_ideal']:.3f} | "
            f"{r['retransmitted_packets']} | {r['timeouts']} | {r['max_queue_bytes'] / 1000:.1f} | "
            f"{r['drops']} | {r['sim']['wall_s']:.2f} |")


def table(results):
    lines = [
        "| routing | recovery | completion_us | completion/ideal | retransmitted pkts | "
        "timeouts | max queue KB | drops | wall_s |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for routing in ROUTINGS:
        for recovery in RECOVERIES:
            lines.append(f"| {routing} | {recovery} | " + row(results[(routing, recovery)]))
    return "\n".join(lines)


def incast_table(results):
    lines = [
        "| buffer per port | recovery | completion_us | completion/ideal | retransmitted pkts | "
        "timeouts | max queue KB | drops | wall_s |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for buffer in INCAST_BUFFERS:
        for recovery in RECOVERIES:
            lines.append(f"| {buffer // 1000} kB | {recovery} | " +
                         row(results[("incast", buffer, recovery)]))
    return "\n".join(lines)


def plot(results, path):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(8, 4))
    width = 0.38
    for k, recovery in enumerate(RECOVERIES):
        ratios = [results[(r, recovery)]["completion_over_ideal"] for r in ROUTINGS]
        xs = [i + (k - 0.5) * width for i in range(len(ROUTINGS))]
        ax.bar(xs, ratios, width, label=recovery)
    ax.axhline(1.0, color="black", linewidth=0.8, linestyle="--")
    ax.set_xticks(range(len(ROUTINGS)))
    ax.set_xticklabels(ROUTINGS)
    ax.set_ylabel("completion / ideal")
    ax.set_title("128-host permutation, 8 MB per host, 100 Gbps leaf-spine")
    ax.legend(title="recovery")
    fig.tight_layout()
    fig.savefig(path, dpi=120)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--short", action="store_true", help="for `make run` (same runs: fast)")
    parser.add_argument("--jobs", type=int, default=2, help="parallel runs (at most 2)")
    args = parser.parse_args()
    binary = runner("planet-fabric")
    outdir = results_dir("fabric")

    results = {}
    jobs = max(1, min(2, args.jobs))
    with concurrent.futures.ThreadPoolExecutor(max_workers=jobs) as pool:
        futures = [
            pool.submit(run_one, binary, outdir, routing, recovery)
            for routing in ROUTINGS
            for recovery in RECOVERIES
        ] + [
            pool.submit(run_incast, binary, outdir, buffer, recovery)
            for buffer in INCAST_BUFFERS
            for recovery in RECOVERIES
        ] + [
            pool.submit(run_lossless, binary, outdir, routing)
            for routing in LOSSLESS_ROUTINGS + ["incast"]
        ]
        for f in concurrent.futures.as_completed(futures):
            key, record = f.result()
            results[key] = record

    example = " ".join(command("build/bin/planet-fabric", "out.json", routing="spray-rr",
                               recovery="sr"))
    incast = " ".join(command("build/bin/planet-fabric", "out.json", recovery="sr",
                              bufferBytes=INCAST_BUFFERS[0], **INCAST))
    text = table(results)
    incast_text = incast_table(results)
    lossless_text = lossless_table(results)
    ideal = results[("ecmp", "sr")]["ideal_s"]
    incast_ideal = results[("incast", INCAST_BUFFERS[0], "sr")]["ideal_s"]
    md = (
        "# planet-fabric headline: 128-host permutation\n\n"
        f"ideal_s = {ideal * 1e6:.1f} us. One run per row; a row is\n\n"
        f"    {example}\n\n"
        "with --routing and --recovery as in the row (scripts/experiments/10-fabric-headline.py).\n\n"
        + text
        + "\n\n## 64:1 incast, 64 KB per sender\n\n"
        f"ideal_s = {incast_ideal * 1e6:.1f} us. A row is\n\n    {incast}\n\n"
        "with --bufferBytes and --recovery as in the row.\n\n"
        + incast_text
        + "\n\n## The lossless fabric (--fabric=lossless, selective repeat)\n\n"
        "The rows above with --fabric=lossless (PFC on the data priority, shared-buffer "
        "switches, DCQCN's ECN marking; no congestion control).\n\n"
        + lossless_text
        + "\n"
    )
    (outdir / "headline.md").write_text(md)
    plot(results, outdir / "headline.png")
    print(f"ideal_s = {ideal * 1e6:.1f} us")
    print(text)
    print(f"incast ideal_s = {incast_ideal * 1e6:.1f} us")
    print(incast_text)
    print(lossless_text)
    print(f"wrote {outdir / 'headline.md'} and {outdir / 'headline.png'}")


if __name__ == "__main__":
    main()
