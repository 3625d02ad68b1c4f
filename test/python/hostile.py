# SPDX-License-Identifier: GPL-2.0-only
"""Running hostile inputs in child processes (test_hostile_python.py, test_hostile_runners.py).

Every case runs in a process of its own, with its address space limited, so that a crash, an
abort or an unbounded allocation shows as a failed case and cannot take pytest (or the machine)
down. A case passes when the child ends by itself (no signal) with status 0 or 2, prints no
traceback, and - for status 2 - says exactly one line naming what is wrong.
"""

import concurrent.futures
import os
import resource
import subprocess

#: Address-space limit of a child (bytes): far above any legitimate case here, far below the
#: machine, so that a regression allocating without bound fails fast instead of swapping.
CHILD_MEMORY = 6 << 30
#: Seconds a child may take.
CHILD_TIMEOUT = 120

#: Text in a child's stderr that means it crashed or leaked an internal error.
CRASH_MARKS = ("Traceback", "terminate called", "Aborted", "Segmentation", "assert", "NS_FATAL",
               "AddressSanitizer", "runtime error:", "msg=")


def _limit():
    if not os.environ.get("PLANET_SANITIZE"):  # ASan reserves terabytes of address space
        resource.setrlimit(resource.RLIMIT_AS, (CHILD_MEMORY, CHILD_MEMORY))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def run_child(argv, env=None, cwd=None):
    """Run one child; returns (returncode, stdout, stderr); returncode < 0 for a signal."""
    try:
        done = subprocess.run(argv, capture_output=True, text=True, timeout=CHILD_TIMEOUT,
                              env=env, cwd=cwd, preexec_fn=_limit, stdin=subprocess.DEVNULL)
        return done.returncode, done.stdout, done.stderr
    except subprocess.TimeoutExpired as e:
        return "timeout", e.stdout or "", e.stderr or ""


# A fork server: imports the module under test once, then runs every case in a child forked
# from it (a process of its own, as cheap as a fork). It reads a JSON list of programs on stdin
# and writes one JSON line [returncode (negative: signal), stdout, stderr] per program.
_SERVER = r"""
import json, os, resource, signal, sys, tempfile
PREAMBLE
limit, timeout = int(sys.argv[1]), int(sys.argv[2])
programs = json.load(sys.stdin)
out = sys.stdout
for program in programs:
    files = [tempfile.TemporaryFile() for _ in range(2)]
    pid = os.fork()
    if pid == 0:
        os.dup2(files[0].fileno(), 1)
        os.dup2(files[1].fileno(), 2)
        sys.stdout = os.fdopen(1, "w", buffering=1)
        sys.stderr = os.fdopen(2, "w", buffering=1)
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
        signal.alarm(timeout)
        try:
            exec(compile(program, "<case>", "exec"), {"__name__": "__main__"})
            code = 0
        except SystemExit as e:
            code = e.code if isinstance(e.code, int) else 1
        except BaseException:
            import traceback
            traceback.print_exc()
            code = 1
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)
    _, status = os.waitpid(pid, 0)
    code = -os.WTERMSIG(status) if os.WIFSIGNALED(status) else os.WEXITSTATUS(status)
    texts = []
    for f in files:
        f.seek(0)
        texts.append(f.read().decode("utf-8", "replace"))
        f.close()
    out.write(json.dumps([code] + texts) + "\n")
    out.flush()
"""


def run_python_cases(programs, preamble, workers=None):
    """Run Python programs, each in a process of its own forked from a server that ran
    `preamble` once; returns [(returncode, stdout, stderr)] in order (returncode < 0: signal,
    -14 (SIGALRM): timed out)."""
    import json
    import sys
    workers = workers or max(2, os.cpu_count() or 2)
    shares = [list(range(i, len(programs), workers)) for i in range(workers)]

    def serve(indices):
        server = subprocess.run(
            [sys.executable, "-c", _SERVER.replace("PREAMBLE", preamble), str(CHILD_MEMORY),
             str(CHILD_TIMEOUT)],
            input=json.dumps([programs[i] for i in indices]), capture_output=True, text=True)
        lines = server.stdout.splitlines()
        assert server.returncode == 0 and len(lines) == len(indices), server.stderr[-3000:]
        return [tuple(json.loads(line)) for line in lines]

    results = [None] * len(programs)
    with concurrent.futures.ThreadPoolExecutor(max_workers=workers) as pool:
        for indices, outcomes in zip(shares, pool.map(serve, shares)):
            for i, outcome in zip(indices, outcomes):
                results[i] = outcome
    return results


def run_all(jobs, workers=None):
    """Run (key, argv, env) jobs in parallel; returns {key: (returncode, stdout, stderr)}."""
    workers = workers or max(2, os.cpu_count() or 2)
    with concurrent.futures.ThreadPoolExecutor(max_workers=workers) as pool:
        futures = {key: pool.submit(run_child, argv, env) for key, argv, env in jobs}
        return {key: f.result() for key, f in futures.items()}


def check_outcome(outcome, names, legal):
    """Assert the rules on one child's outcome.

    names: text the error line must contain (the parameter, flag or file), or None for a legal
    value, whose child must exit 0.
    """
    code, out, err = outcome
    assert code != "timeout", f"no answer within {CHILD_TIMEOUT} s\n{err[-2000:]}"
    assert code >= 0, f"killed by signal {-code}\n{err[-2000:]}"
    for mark in CRASH_MARKS:
        assert mark not in err, f"'{mark}' in stderr:\n{err[-3000:]}"
    assert code in (0, 2), f"exit status {code}\n{err[-3000:]}"
    if legal:
        assert code == 0, f"a legal value was refused: {err.strip()}"
        return
    assert code == 2, f"a hostile value was accepted (exit 0):\n{out[-2000:]}"
    lines = err.strip().splitlines()
    assert len(lines) == 1, f"expected one line, got {len(lines)}:\n{err[-3000:]}"
    assert names in lines[0], f"'{names}' not named in: {lines[0]}"
