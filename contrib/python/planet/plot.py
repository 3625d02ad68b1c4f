# SPDX-License-Identifier: GPL-2.0-only
"""Figures from sweep results (a DataFrame from planet.results.load) as PNG files.

``lines(frame, x, y, hue)`` is the generic figure: the mean of column y over replications for
each x, one line per value of column hue, error bars from the smallest to the largest
replication. ``fct_cdf(flows, hue)`` draws the distribution of flow completion times (a table
from planet.results.flows). ``standard(frame, out_dir)`` writes the standard figures whose columns
the results hold (see FIGURES). ``queue_over_time(queues)`` and ``rate_over_time(rates)`` draw
planet-fabric's time series (tables from planet.results.queues_of / rates_of), one line per link
or series. Command line: ``python3 -m planet.plot SWEEP_DIR --out DIR``
(also writes ``fct-cdf.png`` when the runs have per-flow records).
"""

import argparse
import os
import sys

#: The standard figures: file name -> the arguments of lines(). A figure is drawn when the
#: results have its x, y and hue columns (runner records: planet-fabric, planet-quantum).
FIGURES = {
    "fabric-completion-over-ideal.png": dict(
        x="bytes", y="completion_over_ideal", hue="routing", logx=True, hline=1.0,
        xlabel="bytes per flow", ylabel="completion / ideal",
        title="completion time over the ideal bound"),
    "fabric-completion.png": dict(
        x="bytes", y="completion_s", hue="routing", logx=True, logy=True,
        xlabel="bytes per flow", ylabel="completion time (s)"),
    "collective-cct-over-ideal.png": dict(
        x="bytes", y="collective.cct_over_ideal", hue="routing", logx=True, hline=1.0,
        xlabel="collective size (bytes)", ylabel="CCT / ideal"),
    "collective-busbw.png": dict(
        x="bytes", y="collective.busbw_Bps", hue="routing", logx=True,
        xlabel="collective size (bytes)", ylabel="bus bandwidth (B/s)"),
    "quantum-throughput.png": dict(
        x="fmin", y="throughput_ebit_s", hue="scheduler",
        xlabel="minimum fidelity", ylabel="throughput (ebit/s)"),
    "quantum-jitter.png": dict(
        x="fmin", y="max_jitter_s2", hue="scheduler",
        xlabel="minimum fidelity", ylabel="largest jitter (s^2)"),
}


def _finish(figure, axes, title, path, legend):
    """Title, legend and grid; the PNG to path (when given, closing the figure); the figure."""
    import matplotlib.pyplot as plt

    if title:
        axes.set_title(title)
    if legend:
        axes.legend(fontsize="small")
    axes.grid(True, alpha=0.3)
    figure.tight_layout()
    if path:
        figure.savefig(path, dpi=120)
        plt.close(figure)
    return figure

def lines(frame, x, y, hue=None, path=None, *, logx=False, logy=False, xlabel=None,
          ylabel=None, title=None, hline=None):
    """Draw mean(y) against x per hue value, error bars min..max over replications.

    Writes the PNG to path (when given) and returns the matplotlib figure.
    hline: draw a dashed horizontal reference line at this y (e.g. 1 for a ratio to a bound)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    for column in (x, y) + ((hue,) if hue else ()):
        if column not in frame.columns:
            raise ValueError(f"plot: no column '{column}' (columns: {', '.join(frame.columns)})")
    figure, axes = plt.subplots(figsize=(5.5, 3.6))
    groups = frame.groupby(hue, sort=True) if hue else [(None, frame)]
    for name, group in groups:
        stats = group.groupby(x)[y].agg(["mean", "min", "max"]).sort_index()
        axes.errorbar(stats.index, stats["mean"],
                      yerr=[stats["mean"] - stats["min"], stats["max"] - stats["mean"]],
                      marker="o", markersize=4, capsize=3,
                      label=None if hue is None else f"{hue}={name}")
    if hline is not None:
        axes.axhline(hline, color="grey", linestyle="--", linewidth=1)
    if logx:
        axes.set_xscale("log")
    if logy:
        axes.set_yscale("log")
    axes.set_xlabel(xlabel or x)
    axes.set_ylabel(ylabel or y)
    return _finish(figure, axes, title, path, legend=hue is not None)


def fct_cdf(flows, hue="routing", path=None, *, logx=True, title=None):
    """Empirical CDF of fct_s, one line per value of column hue (flows without an FCT, not done,
    are left out and counted in the legend). Writes the PNG to path (when given) and returns the
    matplotlib figure."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import numpy as np

    for column in ("fct_s",) + ((hue,) if hue else ()):
        if column not in flows.columns:
            raise ValueError(f"plot: no column '{column}' (columns: {', '.join(flows.columns)})")
    figure, axes = plt.subplots(figsize=(5.5, 3.6))
    groups = flows.groupby(hue, sort=True) if hue else [(None, flows)]
    for name, group in groups:
        fct = np.sort(group["fct_s"].dropna().to_numpy())
        if fct.size == 0:
            continue
        missing = int(group["fct_s"].isna().sum())
        label = "all" if hue is None else f"{hue}={name}"
        label += f" ({missing} not done)" if missing else ""
        axes.step(fct, np.arange(1, fct.size + 1) / group.shape[0], where="post", label=label)
    if logx:
        axes.set_xscale("log")
    axes.set_xlabel("flow completion time (s)")
    axes.set_ylabel("fraction of flows")
    axes.set_ylim(0, 1.02)
    return _finish(figure, axes, title, path, legend=True)


def _time_lines(frame, column, value, scale, ylabel, select, path, title, top, rank):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    for c in ("time_s", column, value):
        if c not in frame.columns:
            raise ValueError(f"plot: no column '{c}' (columns: {', '.join(frame.columns)})")
    if select is None:
        # The `top` series by rank ("max" or "mean"): a fabric has hundreds of links.
        ranked = frame.groupby(column)[value].agg(rank).sort_values(ascending=False)
        select = list(ranked.index[:top])
    figure, axes = plt.subplots(figsize=(6.5, 3.6))
    for name in select:
        series = frame[frame[column] == name].sort_values("time_s")
        if series.empty:
            raise ValueError(f"plot: no {column} '{name}' in the table")
        axes.step(series["time_s"] * 1e6, series[value] * scale, where="post", label=str(name))
    axes.set_xlabel("time (us)")
    axes.set_ylabel(ylabel)
    return _finish(figure, axes, title, path, legend=True)


def queue_over_time(queues, links=None, path=None, *, stat="mean_bytes", top=6, title=None):
    """Queue depth (KB) over time, one line per link: the given links, else the `top` links with
    the deepest queue (largest stat). stat: mean_bytes (time-average per interval) or max_bytes. Writes the PNG
    to path (when given) and returns the matplotlib figure."""
    return _time_lines(queues, "link", stat, 1e-3, f"queue, {stat.split('_')[0]} per interval (KB)",
                       links, path, title, top, "max")


def rate_over_time(rates, series=None, path=None, *, kind=None, top=6, title=None):
    """Rate (Gbps) over time, one line per series (a link's transmit rate, a host's goodput):
    the given series, else the `top` busiest on average (of one kind, when given). Writes the PNG to path
    (when given) and returns the matplotlib figure."""
    if kind is not None:
        rates = rates[rates["kind"] == kind]
    label = {"link_tx": "link transmit rate", "host_rx": "host goodput"}.get(kind, "rate")
    return _time_lines(rates, "series", "bps", 1e-9, f"{label} (Gbps)", series, path, title, top,
                       "mean")


def standard(frame, out_dir):
    """Write every standard figure (FIGURES) that the results support; returns the paths."""
    os.makedirs(out_dir, exist_ok=True)
    written = []
    for name, spec in FIGURES.items():
        columns = [spec["x"], spec["y"]] + ([spec["hue"]] if spec.get("hue") else [])
        if frame.empty or any(c not in frame.columns or frame[c].isna().all() for c in columns):
            continue
        path = os.path.join(out_dir, name)
        lines(frame.dropna(subset=columns), path=path, **spec)
        written.append(path)
    return written


def main(argv=None):
    from . import results

    parser = argparse.ArgumentParser(prog="python3 -m planet.plot",
                                     description="Write the standard figures of a sweep.")
    parser.add_argument("sweep", help="sweep result directory")
    parser.add_argument("--out", required=True, help="directory for the PNG files")
    args = parser.parse_args(argv)
    for path in standard(results.load(args.sweep, ok_only=True), args.out):
        print(path)
    flows = results.flows(args.sweep)
    if not flows.empty:
        path = os.path.join(args.out, "fct-cdf.png")
        fct_cdf(flows, hue="routing" if "routing" in flows.columns else None, path=path)
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
