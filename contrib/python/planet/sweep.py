# SPDX-License-Identifier: GPL-2.0-only
"""Parameter sweeps over planet's runners, on this machine or on a Dask cluster.

A sweep spec (a JSON file or a dict)::

    {"runner": "fabric",                      # or "quantum", or a scenario TypeId name
     "fixed": {"hostsPerLeaf": 4},            # parameters common to every run
     "grid": {"routing": ["ecmp", "spray"]},  # every combination of these lists
     "zip": {"a": [1, 2], "b": [3, 4]},       # these lists side by side (same length)
     "replications": 3}                       # parameter "run" = 1..3 for every configuration

gives grid x zip x replications configurations. Each runs in its own process (ns-3 keeps
global state; locally forked from a launcher that has imported planet, see planet.worker), and
its result is written to ``OUT/runs/<key>.json`` as soon as it is
known (temp file + rename: a killed sweep loses no finished result). The key is a hash of the
runner, the parameters and planet's version, so a rerun runs only what is missing. A run that
raises (bad parameter, failed check) is recorded with its error and kept; a run whose process
dies (killed, crashed, timed out) is recorded as "crashed" and retried by the next sweep.

Command line::

    python3 -m planet.sweep SPEC --out DIR [--workers N] [--scheduler tcp://HOST:PORT]

Locally the runs go to a pool of N worker processes (default: the cores available); with
``--scheduler`` they go to a Dask cluster whose workers have planet on their PYTHONPATH.
Either way the result files are written by this process, the same way.
"""

import argparse
import concurrent.futures
import hashlib
import itertools
import json
import os
import queue
import subprocess
import sys
import time

import planet
from planet import worker

RUNS_DIR = "runs"
SPEC_KEYS = ("runner", "fixed", "grid", "zip", "replications")


def load_spec(spec):
    """A sweep spec from a dict or from a JSON file's path."""
    if isinstance(spec, dict):
        return dict(spec)
    with open(spec) as f:
        return json.load(f)


def expand(spec):
    """The configurations of a spec, in order: [{"runner": name, "params": {...}}, ...].

    Raises ValueError naming what is wrong in the spec."""
    spec = load_spec(spec)
    for key in spec:
        if key not in SPEC_KEYS:
            raise ValueError(f"sweep spec: unknown key '{key}' (known: {', '.join(SPEC_KEYS)})")
    runner = spec.get("runner")
    if not isinstance(runner, str) or not runner:
        raise ValueError("sweep spec: 'runner' must name a runner (fabric, quantum)")
    sections = {}
    for section in ("fixed", "grid", "zip"):
        value = spec.get(section, {})
        if not isinstance(value, dict):
            raise ValueError(f"sweep spec: '{section}' must be an object of parameters")
        sections[section] = value
    for section in ("grid", "zip"):
        for name, values in sections[section].items():
            if not isinstance(values, list) or not values:
                raise ValueError(f"sweep spec: {section} parameter '{name}' needs a non-empty list")
    lengths = {len(values) for values in sections["zip"].values()}
    if len(lengths) > 1:
        raise ValueError("sweep spec: the 'zip' lists must have the same length "
                         f"({', '.join(f'{n}: {len(v)}' for n, v in sections['zip'].items())})")
    replications = spec.get("replications")
    if replications is not None and (isinstance(replications, bool)
                                     or not isinstance(replications, int) or replications < 1):
        raise ValueError("sweep spec: 'replications' must be a positive integer")

    seen = {}
    for section, params in sections.items():
        for name in params:
            if name in seen:
                raise ValueError(f"sweep spec: parameter '{name}' is in both '{seen[name]}' "
                                 f"and '{section}'")
            seen[name] = section
    if replications is not None and "run" in seen:
        raise ValueError(f"sweep spec: 'replications' sets parameter 'run', which is also in "
                         f"'{seen['run']}'")

    grid, zipped = sections["grid"], sections["zip"]
    grid_rows = [dict(zip(grid, values)) for values in itertools.product(*grid.values())]
    zip_rows = [dict(zip(zipped, values)) for values in zip(*zipped.values())] if zipped else [{}]
    runs = range(1, replications + 1) if replications is not None else [None]
    configs = []
    for g, z, r in itertools.product(grid_rows, zip_rows, runs):
        params = {**sections["fixed"], **g, **z}
        if r is not None:
            params["run"] = r
        planet.parameter_strings(params)  # ValueError for a value of the wrong type
        configs.append({"runner": runner, "params": params})
    return configs


def run_key(runner, params, version=None):
    """The cache key of one run: a hash of runner, parameters (as command-line texts, so 4 and
    "4" are the same) and planet's version."""
    text = json.dumps({"runner": runner, "params": planet.parameter_strings(params),
                       "version": version or planet.__version__}, sort_keys=True)
    return hashlib.sha256(text.encode()).hexdigest()[:24]


def result_path(out, key):
    """Where the result of run `key` of a sweep into directory `out` is written."""
    return os.path.join(out, RUNS_DIR, key + ".json")


def _worker_env():
    """The environment of worker processes: this planet package first on PYTHONPATH."""
    env = dict(os.environ)
    package_root = os.path.dirname(os.path.dirname(os.path.abspath(planet.__file__)))
    env["PYTHONPATH"] = os.pathsep.join(p for p in (package_root, env.get("PYTHONPATH")) if p)
    return env


def execute(runner, params, timeout=None):
    """Run one configuration in a fresh Python process (``python3 -m planet.worker``).

    Returns {"status": "ok", "record": ...}, {"status": "error", "error": ...} when the run
    raised, or {"status": "crashed", "error": ...} when the process died or timed out. This is
    the function that Dask workers call."""
    try:
        proc = subprocess.run([sys.executable, "-m", "planet.worker"],
                              input=json.dumps({"runner": runner, "params": params}),
                              capture_output=True, text=True, timeout=timeout, env=_worker_env())
    except subprocess.TimeoutExpired:
        return {"status": "crashed", "error": f"timed out after {timeout} s"}
    if proc.returncode == 0:
        try:
            return json.loads(proc.stdout)
        except ValueError:
            pass
    tail = proc.stderr.strip().splitlines()[-5:]
    return {"status": "crashed", "error": f"worker process {worker.describe_exit(proc.returncode)}"
            + (": " + " | ".join(tail) if tail else "")}


class _Launcher:
    """A ``python3 -m planet.worker --serve`` process: forks one fresh child per run."""

    def __init__(self):
        self.proc = None

    def run(self, runner, params, timeout):
        if self.proc is None or self.proc.poll() is not None:
            self.proc = subprocess.Popen([sys.executable, "-m", "planet.worker", "--serve"],
                                         stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                         text=True, env=_worker_env())
        try:
            self.proc.stdin.write(json.dumps({"runner": runner, "params": params,
                                              "timeout": timeout}) + "\n")
            self.proc.stdin.flush()
            line = self.proc.stdout.readline()
        except BrokenPipeError:
            line = ""
        if line:
            return json.loads(line)
        code = self.proc.wait()  # the launcher died (killed) during the run
        self.proc = None
        return {"status": "crashed", "error": f"worker process {worker.describe_exit(code)}"}

    def close(self):
        if self.proc is not None:
            self.proc.stdin.close()
            self.proc.wait()


def write_result(out, key, runner, params, outcome, version=None):
    """Write one run's result file atomically (temp file + rename); returns its path."""
    document = {"key": key, "runner": runner, "params": params,
                "version": version or planet.__version__, "status": outcome["status"],
                "error": outcome.get("error"), "record": outcome.get("record")}
    path = result_path(out, key)
    temp = f"{path}.{os.getpid()}.tmp"
    with open(temp, "w") as f:
        f.write(json.dumps(document, indent=1, sort_keys=True) + "\n")
    os.replace(temp, path)
    return path


def read_status(out, key):
    """Status of a finished run ("ok", "error", "crashed"), or None if there is no result."""
    try:
        with open(result_path(out, key)) as f:
            return json.load(f).get("status")
    except (OSError, ValueError):
        return None


def _local(tasks, workers, timeout):
    """Yields (task, outcome) as runs finish on `workers` launchers (one process per run)."""
    launchers = queue.SimpleQueue()
    for _ in range(workers):
        launchers.put(_Launcher())

    def work(task):
        launcher = launchers.get()
        try:
            return launcher.run(task["runner"], task["params"], timeout)
        finally:
            launchers.put(launcher)

    with concurrent.futures.ThreadPoolExecutor(max_workers=workers) as pool:
        futures = {pool.submit(work, t): t for t in tasks}
        try:
            for future in concurrent.futures.as_completed(futures):
                yield futures[future], future.result()
        finally:
            for future in futures:
                future.cancel()
    while not launchers.empty():
        launchers.get().close()


def _dask(tasks, scheduler, timeout):
    """Yields (task, outcome) as runs finish on the Dask cluster at `scheduler`."""
    from distributed import Client, as_completed

    with Client(scheduler) as client:
        futures = client.map(execute, [t["runner"] for t in tasks], [t["params"] for t in tasks],
                             timeout=timeout, pure=False)
        by_key = {future.key: task for future, task in zip(futures, tasks)}
        for future in as_completed(futures):
            if future.status == "finished":
                outcome = future.result()
            else:  # the task itself failed on the cluster, e.g. its Dask worker died
                outcome = {"status": "crashed", "error": f"dask: {future.exception()!r}"}
            yield by_key[future.key], outcome


def default_workers():
    """The number of cores this process may use."""
    return len(os.sched_getaffinity(0))


def run(spec, out, workers=None, scheduler=None, timeout=None, retry_failed=False,
        progress=True):
    """Run every configuration of `spec` whose result is not in `out` yet.

    workers: local worker processes (default: the cores available); scheduler: address of a
    Dask scheduler ("tcp://HOST:PORT") to run on instead; timeout: seconds per run;
    retry_failed: rerun runs recorded with an error too (crashed runs are always rerun).
    Returns counts: {"runs", "cached", "ran", "ok", "error", "crashed"} (ok/error/crashed over
    all runs of the spec)."""
    from tqdm import tqdm

    configs = expand(spec)
    os.makedirs(os.path.join(out, RUNS_DIR), exist_ok=True)
    status, todo = {}, {}
    for config in configs:
        key = run_key(config["runner"], config["params"])
        if key in status:
            continue  # the same configuration twice in one spec runs once
        status[key] = read_status(out, key)
        if status[key] == "ok" or (status[key] == "error" and not retry_failed):
            continue
        todo[key] = dict(config, key=key)
        params = config["params"]
        traced = (params.get("traceQueues") not in (None, "") or
                  str(params.get("traceRates")).lower() == "true")
        if (config["runner"] in ("fabric", "ns3::FabricScenario") and traced and
                not params.get("tracePrefix")):
            # Each run's time series beside its result: OUT/runs/<key>.queues.csv
            todo[key]["params"] = dict(params, tracePrefix=os.path.abspath(
                os.path.join(out, RUNS_DIR, key + ".")))
    summary = {"runs": len(status), "cached": len(status) - len(todo), "ran": len(todo)}

    tasks = list(todo.values())
    if not tasks:
        results = iter(())
    elif scheduler:
        results = _dask(tasks, scheduler, timeout)
    else:
        results = _local(tasks, workers or default_workers(), timeout)
    with tqdm(total=len(tasks), unit="run", disable=not progress or not tasks,
              desc="planet.sweep") as bar:
        for task, outcome in results:
            write_result(out, task["key"], task["runner"], task["params"], outcome)
            status[task["key"]] = outcome["status"]
            bar.update()
            if outcome["status"] != "ok":
                bar.write(f"planet.sweep: {task['params']}: {outcome['error']}", file=sys.stderr)
    for name in ("ok", "error", "crashed"):
        summary[name] = sum(1 for s in status.values() if s == name)
    return summary


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python3 -m planet.sweep",
                                     description="Run a planet parameter sweep (see the "
                                     "planet.sweep docstring for the spec format).")
    parser.add_argument("spec", help="sweep spec: a JSON file")
    parser.add_argument("--out", required=True, help="result directory (runs/<key>.json)")
    parser.add_argument("--workers", type=int, help="local worker processes (default: cores)")
    parser.add_argument("--scheduler", help="run on this Dask scheduler (tcp://HOST:PORT)")
    parser.add_argument("--timeout", type=float, help="seconds per run before it is killed")
    parser.add_argument("--retry-failed", action="store_true",
                        help="rerun runs recorded with an error too")
    parser.add_argument("--quiet", action="store_true", help="no progress bar")
    args = parser.parse_args(argv)
    if args.workers is not None and args.workers < 1:
        parser.error("--workers must be at least 1")
    start = time.monotonic()
    try:
        summary = run(args.spec, args.out, workers=args.workers, scheduler=args.scheduler,
                      timeout=args.timeout, retry_failed=args.retry_failed,
                      progress=not args.quiet)
    except (OSError, ValueError) as e:
        print(f"planet.sweep: error: {e}", file=sys.stderr)
        return 2
    print(f"planet.sweep: {summary['runs']} runs ({summary['cached']} cached, {summary['ran']} "
          f"ran) in {time.monotonic() - start:.1f} s: {summary['ok']} ok, {summary['error']} "
          f"error, {summary['crashed']} crashed -> {args.out}")
    return 0 if summary["ok"] == summary["runs"] else 1


if __name__ == "__main__":
    sys.exit(main())
