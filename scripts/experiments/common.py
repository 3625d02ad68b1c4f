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


def run_record(cmd, out):
    """Run a runner command line that ends in --json=OUT and return the record it wrote.

    Raises RuntimeError with the command and its stderr when the runner fails."""
    cmd = [str(c) for c in cmd]
    done = subprocess.run(cmd, capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed ({done.returncode}):\n{done.stderr}")
    return json.loads(Path(out).read_text())
