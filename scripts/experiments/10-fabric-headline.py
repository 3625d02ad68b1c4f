#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Headline comparison of planet-fabric: the 128-host permutation under every routing mode.

128 hosts (16 leaves x 8 hosts, 8 spines, 100 Gbps, 1 us links, 9000 B payload), each host
sends 8,000,000 B to one other host; routing ecmp, pinned-random, spray-random, spray-rr and
adaptive, each with selective repeat (sr) and go-back-N (gbn). Then the 64:1 incast of 64 KB per
sender on the same fabric (ECMP; the default 1 MB buffers and 30 kB ones), where loss recovery
is all that matters. Both on the default lossy fabric (--fabric=lossy: drop-tail buffers, no
congestion control) and, with selective repeat, on the lossless preset (--fabric=lossless: PFC,
shared-buffer switches, ECN marking and DCQCN). Prints the tables and writes results/fabric/:
one JSON record per run, headline.md (the tables) and headline.png.

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
#: Recovery modes run on the lossless preset (nothing is lost there to recover).
LOSSLESS_RECOVERIES = ["sr"]


def command(binary, out, **params):
    args = [str(binary)] + [f"--{k}={v}" for k, v in dict(FABRIC, **params).items()]
    return args + [f"--json={out}"]


def run_one(binary, outdir, routing, recovery, fabric="lossy"):
    out = outdir / f"headline-{fabric}-{routing}-{recovery}.json"
    return (fabric, routing, recovery), run_record(
        command(binary, out, fabric=fabric, routing=routing, recovery=recovery), out)


def run_incast(binary, outdir, buffer, recovery, fabric="lossy"):
    out = outdir / f"incast-{fabric}-{buffer}-{recovery}.json"
    params = dict(INCAST, fabric=fabric, recovery=recovery)
    if fabric == "lossy":
        params["bufferBytes"] = buffer
    return ("incast", fabric, buffer, recovery), run_record(command(binary, out, **params), out)


COLUMNS = ("completion_us | completion/ideal | retransmitted pkts | timeouts | max queue KB | "
           "drops | pause frames | CNPs | wall_s |")


def row(r):
    cnps = r.get("congestion_control", {}).get("cnps_sent", 0)
    return (f"{r['completion_s'] * 1e6:.1f} | {r['completion_over_ideal']:.3f} | "
            f"{r['retransmitted_packets']} | {r['timeouts']} | {r['max_queue_bytes'] / 1000:.1f} | "
            f"{r['drops']} | {r.get('pause_frames_sent', 0)} | {cnps} | "
            f"{r['sim']['wall_s']:.2f} |")


def table(results):
    lines = ["| fabric | routing | recovery | " + COLUMNS, "|---" * 12 + "|"]
    for fabric, recoveries in (("lossy", RECOVERIES), ("lossless", LOSSLESS_RECOVERIES)):
        for routing in ROUTINGS:
            for recovery in recoveries:
                lines.append(f"| {fabric} | {routing} | {recovery} | " +
                             row(results[(fabric, routing, recovery)]))
    return "\n".join(lines)


def incast_table(results):
    lines = ["| fabric | buffer per port | recovery | " + COLUMNS, "|---" * 12 + "|"]
    for buffer in INCAST_BUFFERS:
        for recovery in RECOVERIES:
            lines.append(f"| lossy | {buffer // 1000} kB | {recovery} | " +
                         row(results[("incast", "lossy", buffer, recovery)]))
    for recovery in RECOVERIES:
        lines.append(f"| lossless | shared | {recovery} | " +
                     row(results[("incast", "lossless", 0, recovery)]))
    return "\n".join(lines)


def plot(results, path):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(8, 4))
    width = 0.38
    for k, recovery in enumerate(RECOVERIES):
        ratios = [results[("lossy", r, recovery)]["completion_over_ideal"] for r in ROUTINGS]
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
            pool.submit(run_one, binary, outdir, routing, recovery, "lossless")
            for routing in ROUTINGS
            for recovery in LOSSLESS_RECOVERIES
        ] + [
            pool.submit(run_incast, binary, outdir, buffer, recovery)
            for buffer in INCAST_BUFFERS
            for recovery in RECOVERIES
        ] + [
            pool.submit(run_incast, binary, outdir, 0, recovery, "lossless")
            for recovery in RECOVERIES
        ]
        for f in concurrent.futures.as_completed(futures):
            key, record = f.result()
            results[key] = record

    example = " ".join(command("build/bin/planet-fabric", "out.json", fabric="lossy",
                               routing="spray-rr", recovery="sr"))
    incast = " ".join(command("build/bin/planet-fabric", "out.json", fabric="lossy",
                              recovery="sr", bufferBytes=INCAST_BUFFERS[0], **INCAST))
    text = table(results)
    incast_text = incast_table(results)
    ideal = results[("lossy", "ecmp", "sr")]["ideal_s"]
    incast_ideal = results[("incast", "lossy", INCAST_BUFFERS[0], "sr")]["ideal_s"]
    md = (
        "# planet-fabric headline: 128-host permutation\n\n"
        f"ideal_s = {ideal * 1e6:.1f} us. One run per row; a row is\n\n"
        f"    {example}\n\n"
        "with --fabric, --routing and --recovery as in the row "
        "(scripts/experiments/10-fabric-headline.py).\n\n"
        + text
        + "\n\n## 64:1 incast, 64 KB per sender\n\n"
        f"ideal_s = {incast_ideal * 1e6:.1f} us. A row is\n\n    {incast}\n\n"
        "with --fabric, --bufferBytes (lossy; the lossless preset has shared buffers) and "
        "--recovery as in the row.\n\n"
        + incast_text
        + "\n"
    )
    (outdir / "headline.md").write_text(md)
    plot(results, outdir / "headline.png")
    print(f"ideal_s = {ideal * 1e6:.1f} us")
    print(text)
    print(f"incast ideal_s = {incast_ideal * 1e6:.1f} us")
    print(incast_text)
    print(f"wrote {outdir / 'headline.md'} and {outdir / 'headline.png'}")


if __name__ == "__main__":
    main()
