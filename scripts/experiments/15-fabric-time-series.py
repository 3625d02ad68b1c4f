#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Time series and FCTs of one planet-fabric run, read back as DataFrames and drawn.

An incast (8 senders x 1 MB into one host) on 4 leaves x 4 hosts, 4 spines, 100 Gbps, hashed
ECMP: planet-fabric writes its record (--json), every link's queue and every host's goodput
over time (--traceQueues=all --traceRates=true, 5 us intervals) beside it; planet.results reads
them, planet.plot draws the deepest queues and the busiest rates over time and the FCT CDF.
Prints the deepest queue, the receiver's mean goodput while the flows run, and the flows'
slowdowns. Writes results/fabric/time-series/ (run.json, run.queues.csv, run.rates.csv,
queue-over-time.png, rate-over-time.png, fct-cdf.png).

Usage: scripts/experiments/15-fabric-time-series.py [--short]
Environment: PYTHONPATH must hold <build>/python (scripts/run-experiments.sh sets it).
"""

import argparse

import planet.plot
import planet.results
from common import results_dir, run_record, runner


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--short", action="store_true", help="the same run (it takes seconds)")
    parser.parse_args()
    outdir = results_dir("fabric/time-series")
    out = outdir / "run.json"
    run_record([runner("planet-fabric"), "--leaves=4", "--spines=4", "--hostsPerLeaf=4",
                "--workload=incast", "--incastSenders=8", "--bytes=1000000", "--routing=ecmp",
                "--traceQueues=all", "--traceRates=true", "--sampleInterval=5us", "--quiet",
                f"--json={out}"], out)
    record = planet.results.read_record(out)
    queues = planet.results.queues_of(record)
    rates = planet.results.rates_of(record)
    flows = planet.results.flows_of(record)

    deepest = queues.loc[queues["max_bytes"].idxmax()]
    receiver = int(flows["dst"].iloc[0])
    goodput = rates[(rates["series"] == f"host{receiver}") & (rates["kind"] == "host_rx")]
    busy = goodput[goodput["time_s"] < record["completion_s"]]
    print(f"incast of {len(flows)} x 1 MB into host{receiver}: completion "
          f"{record['completion_s'] * 1e6:.1f} us (ideal {record['ideal_s'] * 1e6:.1f} us)")
    print(f"deepest queue: {deepest['link']}, {deepest['max_bytes'] / 1e3:.1f} KB at "
          f"{deepest['time_s'] * 1e6:.0f} us; {len(queues['link'].unique())} links traced")
    print(f"host{receiver} goodput while the flows run: {busy['bps'].mean() / 1e9:.1f} Gbps "
          f"(link 100 Gbps)")
    print(f"slowdown: median {flows['slowdown'].median():.2f}, max {flows['slowdown'].max():.2f}")

    planet.plot.queue_over_time(queues, path=str(outdir / "queue-over-time.png"), top=4,
                                title="incast: the deepest queues")
    planet.plot.rate_over_time(rates, path=str(outdir / "rate-over-time.png"), top=4,
                               title="incast: the receiver's goodput, the busiest links")
    planet.plot.fct_cdf(flows, hue=None, path=str(outdir / "fct-cdf.png"), logx=False,
                        title="incast: flow completion times")
    for name in ("queue-over-time.png", "rate-over-time.png", "fct-cdf.png"):
        print(f"wrote {outdir / name}")


if __name__ == "__main__":
    main()
