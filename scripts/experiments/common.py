# SPDX-License-Identifier: GPL-2.0-only
"""Shared by the numbered experiment scripts: find a scenario runner and run it for one record.

Environment: BUILD is the build directory (default: build, relative to the repository).
"""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def runner(name):
    """Path of BUILD/bin/NAME; exits with a one-line message when it is not built."""
    binary = ROOT / os.environ.get("BUILD", "build") / "bin" / name  # an absolute BUILD wins
    if not binary.exists():
        sys.exit(f"{binary} not found: build first (make)")
    return binary


def results_dir(name):
    """results/NAME, created."""
    outdir = ROOT / "results" / name
    outdir.mkdir(parents=True, exist_ok=True)
    return outdir


def add_sweep_arguments(parser):
    """--workers and --scheduler, for the scripts that run through planet.sweep."""
    parser.add_argument("--workers", type=int, help="local worker processes (default: cores)")
    parser.add_argument("--scheduler", help="Dask scheduler address instead of local workers")


def sweep_frame(spec, sweep_dir, args):
    """Run a planet.sweep spec (cached in sweep_dir; args from add_sweep_arguments) and return
    (the spec's records as a pandas frame, the sweep's summary); exits when a run failed."""
    import planet.results
    import planet.sweep

    summary = planet.sweep.run(spec, str(sweep_dir), workers=args.workers,
                               scheduler=args.scheduler, progress=sys.stderr.isatty())
    if summary["ok"] != summary["runs"]:
        sys.exit(f"planet.sweep: {summary['runs'] - summary['ok']} runs failed; see "
                 f"{sweep_dir}/runs")
    frame = planet.results.load(str(sweep_dir), ok_only=True)
    keys = {planet.sweep.run_key(c["runner"], c["params"]) for c in planet.sweep.expand(spec)}
    return frame[frame["key"].isin(keys)].copy(), summary


def ratio_against_size(ax, sizes):
    """Log-log axes of a ratio to an ideal against MB per rank, the ideal (1.0) dashed."""
    ax.axhline(1.0, color="black", linewidth=0.8, linestyle="--")
    ax.set_xscale("log", base=2)
    ax.set_yscale("log")
    ax.set_xticks(sizes)
    ax.set_xticklabels([str(s) for s in sizes])
    ax.set_xlabel("MB per rank")


def run_record(cmd, out):
    """Run a runner command line that ends in --json=OUT and return the record it wrote.

    Raises RuntimeError with the command and its stderr when the runner fails."""
    cmd = [str(c) for c in cmd]
    done = subprocess.run(cmd, capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed ({done.returncode}):\n{done.stderr}")
    return json.loads(Path(out).read_text())
