# SPDX-License-Identifier: GPL-2.0-only
"""A sweep directory as a pandas DataFrame: one row per run.

Columns: ``key``, ``runner``, ``status``, ``error``, then every parameter of the run (the
record's "config", defaults included; for a failed run the parameters it was given), then every
scalar figure of the record, nested objects flattened with dots ("sim.events",
"sim.wall_s"). A record with exactly one collective (planet-fabric's collective workloads) has
that collective's figures as ``collective.*`` columns ("collective.cct_over_ideal"). Other
lists in the record are left out of the table (read the run's JSON file for them:
``OUT/runs/<key>.json``).

``flows(out)`` is the per-flow table of planet-fabric runs: one row per (sub)flow of every run
(the record's "flows"), with the run's key and the parameters that tell runs apart; the FCT
(``fct_s``) follows the run's --flowDone. ``flows_of(record)`` does the same for one record, as
``planet.run_fabric`` returns it.
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


#: Fields of a per-flow entry of a planet-fabric record, in table order.
FLOW_COLUMNS = ["id", "collective", "step", "subflow", "src", "dst", "bytes", "start_s", "fct_s"]


def flows_of(record, **labels):
    """The per-flow table of one planet-fabric record (a DataFrame; labels become columns)."""
    import pandas as pd

    entries = record.get("flows") or []
    frame = pd.DataFrame([{c: e.get(c) for c in FLOW_COLUMNS} for e in entries],
                         columns=FLOW_COLUMNS)
    frame["fct_s"] = frame["fct_s"].astype(float)
    frame["start_s"] = frame["start_s"].astype(float)
    for name, value in labels.items():
        frame.insert(0, name, value)
    return frame


def flows(out, params=("workload", "routing", "recovery", "bytes", "flowDone", "run")):
    """One row per flow of every successful planet-fabric run of a sweep directory.

    params: the run parameters to add as columns (those the runs have)."""
    import pandas as pd

    frames = []
    for path in sorted(glob.glob(os.path.join(out, RUNS_DIR, "*.json"))):
        with open(path) as f:
            result = json.load(f)
        record = result.get("record") or {}
        if result["status"] != "ok" or "flows" not in record:
            continue
        config = record.get("config") or {}
        labels = {p: config[p] for p in reversed(params) if p in config}
        labels["key"] = result["key"]
        frames.append(flows_of(record, **labels))
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=FLOW_COLUMNS)


def load(out, ok_only=False):
    """Load a sweep directory into a DataFrame (see the module docstring for the columns).

    ok_only: only the runs that succeeded."""
    import pandas as pd

    frame = pd.DataFrame(rows(out))
    if ok_only and not frame.empty:
        frame = frame[frame["status"] == "ok"].reset_index(drop=True)
    return frame
