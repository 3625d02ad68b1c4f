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
(``fct_s``) follows the run's --flowDone, ``ideal_s`` is the flow alone on the idle fabric (from
the record's ``flow_ideals``, one per hop count and size) and ``slowdown`` is fct_s / ideal_s. ``flows_of(record)`` does the same for one record, as
``planet.run_fabric`` returns it.

Time series (planet-fabric's --traceQueues, --traceRates): ``queues_of(record)`` is the queue
table (time_s, link, mean_bytes, max_bytes; one row per link and sampling interval) and
``rates_of(record)`` the rate table (time_s, series, kind, bps; kind link_tx or host_rx) of one
record; ``queues(out)`` and ``rates(out)`` those of every run of a sweep, with the run's key.
``read_record(path)`` reads a runner's --json file, so that its CSV files are found beside it.
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
FLOW_COLUMNS = ["id", "collective", "step", "subflow", "src", "dst", "bytes", "start_s", "fct_s",
                "ideal_s", "slowdown"]


def flows_of(record, **labels):
    """The per-flow table of one planet-fabric record (a DataFrame; labels become columns)."""
    import pandas as pd

    entries = record.get("flows") or []
    frame = pd.DataFrame([{c: e.get(c) for c in FLOW_COLUMNS} for e in entries],
                         columns=FLOW_COLUMNS)
    # The record keeps one ideal per (hops, bytes) (flow_ideals); a flow crosses 2 links within
    # its leaf, 4 across leaves.
    ideals = {(i["hops"], i["bytes"]): i["ideal_s"] for i in record.get("flow_ideals") or []}
    per_leaf = (record.get("config") or {}).get("hostsPerLeaf")
    if ideals and per_leaf:
        hops = [2 if s // per_leaf == d // per_leaf else 4 for s, d in zip(frame["src"], frame["dst"])]
        frame["ideal_s"] = [ideals.get((h, b)) for h, b in zip(hops, frame["bytes"])]
    for column in ("fct_s", "start_s", "ideal_s"):
        frame[column] = frame[column].astype(float)
    frame["slowdown"] = frame["fct_s"] / frame["ideal_s"]
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


#: Columns of the time-series tables.
QUEUE_COLUMNS = ["time_s", "link", "mean_bytes", "max_bytes"]
RATE_COLUMNS = ["time_s", "series", "kind", "bps"]


def read_record(path):
    """A runner's --json record, remembering where it is (its CSV files are found beside it)."""
    with open(path) as f:
        record = json.load(f)
    record["_path"] = os.path.abspath(path)
    return record


def _series_path(record, table):
    traces = record.get("traces") or {}
    if table not in traces:
        flag = "--traceQueues=LINKS" if table == "queues" else "--traceRates=true"
        raise ValueError(f"the record has no {table} time series (run planet-fabric with {flag})")
    path = traces[table]
    if not os.path.isabs(path) and "_path" in record:
        beside = os.path.join(os.path.dirname(record["_path"]), os.path.basename(path))
        if not os.path.exists(path) and os.path.exists(beside):
            return beside
    return path


def _series_of(record, table, columns, labels):
    import pandas as pd

    frame = pd.read_csv(_series_path(record, table))
    if list(frame.columns) != columns:
        raise ValueError(f"{_series_path(record, table)}: columns {list(frame.columns)}, "
                         f"expected {columns}")
    for name, value in labels.items():
        frame.insert(0, name, value)
    return frame


def queues_of(record, **labels):
    """The queue-depth table of one planet-fabric record (a DataFrame; labels become columns)."""
    return _series_of(record, "queues", QUEUE_COLUMNS, labels)


def rates_of(record, **labels):
    """The rate table of one planet-fabric record (a DataFrame; labels become columns)."""
    return _series_of(record, "rates", RATE_COLUMNS, labels)


def _series(out, table, columns):
    import pandas as pd

    frames = []
    for path in sorted(glob.glob(os.path.join(out, RUNS_DIR, "*.json"))):
        with open(path) as f:
            result = json.load(f)
        record = result.get("record") or {}
        if result["status"] == "ok" and table in (record.get("traces") or {}):
            frames.append(_series_of(record, table, columns, {"key": result["key"]}))
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=columns)


def queues(out):
    """The queue tables of every run of a sweep directory that traced queues, with its key."""
    return _series(out, "queues", QUEUE_COLUMNS)


def rates(out):
    """The rate tables of every run of a sweep directory that traced rates, with its key."""
    return _series(out, "rates", RATE_COLUMNS)
