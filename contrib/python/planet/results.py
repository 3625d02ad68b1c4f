# SPDX-License-Identifier: GPL-2.0-only
"""A sweep directory as a pandas DataFrame: one row per run.

Columns: ``key``, ``runner``, ``status``, ``error``, then every parameter of the run (the
record's "config", defaults included; for a failed run the parameters it was given), then every
scalar figure of the record, nested objects flattened with dots ("sim.events",
"sim.wall_s"). A record with exactly one collective (planet-fabric's collective workloads) has
that collective's figures as ``collective.*`` columns ("collective.cct_over_ideal"). Other
lists in the record are left out of the table (read the run's JSON file for them:
``OUT/runs/<key>.json``).
"""

import glob
import json
import os

from .sweep import RUNS_DIR


def _flatten(value, prefix, row):
    for name, item in value.items():
        column = f"{prefix}{name}"
        if isinstance(item, dict):
            _flatten(item, column + ".", row)
        elif not isinstance(item, list):
            row[column] = item


def rows(out):
    """The rows of load(out) as a list of dicts, in key order."""
    table = []
    for path in sorted(glob.glob(os.path.join(out, RUNS_DIR, "*.json"))):
        with open(path) as f:
            result = json.load(f)
        record = result.get("record") or {}
        row = {"key": result["key"], "runner": result["runner"], "status": result["status"],
               "error": result.get("error")}
        row.update(record.get("config") or result["params"])
        figures = {name: value for name, value in record.items() if name != "config"}
        collectives = figures.get("collectives") or []
        if len(collectives) == 1:  # one collective per run: its figures as collective.* columns
            figures["collective"] = collectives[0]
        _flatten(figures, "", row)
        table.append(row)
    return table


def load(out, ok_only=False):
    """Load a sweep directory into a DataFrame (see the module docstring for the columns).

    ok_only: only the runs that succeeded."""
    import pandas as pd

    frame = pd.DataFrame(rows(out))
    if ok_only and not frame.empty:
        frame = frame[frame["status"] == "ok"].reset_index(drop=True)
    return frame
