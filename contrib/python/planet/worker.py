# SPDX-License-Identifier: GPL-2.0-only
"""Worker processes of planet.sweep: one simulation per process (ns-3 keeps global state).

``python3 -m planet.worker`` runs one task: {"runner", "params"} as JSON on stdin, the outcome
as JSON on stdout: {"status": "ok", "record": ...} or {"status": "error", "error": ...}.

``python3 -m planet.worker --serve`` is a launcher: it imports planet once, then for every task
line on stdin forks a fresh child that runs that one task, and writes one outcome line to
stdout, {"status": "crashed", "error": ...} when the child died or ran out of time. Forking from
a process that has loaded ns-3 but never simulated saves the interpreter start and the import
for every run, and every run still starts from a clean simulator.

Anything a simulation prints goes to stderr (or, in the launcher, to a file whose tail is
reported when the run crashes), so the outcomes stay parseable.
"""

import json
import os
import select
import signal
import sys
import tempfile
import time


def run_task(task):
    """Run one task in this process; the outcome as a dict."""
    try:
        import planet

        return {"status": "ok", "record": planet.run(task["runner"], **task["params"])}
    except Exception as e:  # recorded in the sweep's result, which goes on with other runs
        return {"status": "error", "error": f"{type(e).__name__}: {e}"}


def describe_exit(code):
    """Text for a process exit code as subprocess reports it (negative: a signal)."""
    if code < 0:
        return f"killed by {signal.Signals(-code).name}"
    return f"exited with status {code}"


def main():
    answer = os.fdopen(os.dup(sys.stdout.fileno()), "w")
    sys.stdout.flush()
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())
    json.dump(run_task(json.load(sys.stdin)), answer)
    answer.close()


def _die_with_parent():
    """Ask Linux to kill this process when its parent (the launcher) dies."""
    try:
        import ctypes

        ctypes.CDLL(None).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def _run_forked(task, log):
    """Fork a child that runs task with its output going to log; the outcome as a dict."""
    timeout = task.get("timeout")
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: one simulation, then exit without running the parent's cleanup
        code = 1
        try:
            _die_with_parent()
            os.close(read_end)
            sys.stdin.close()
            os.dup2(log.fileno(), 1)
            os.dup2(log.fileno(), 2)
            with os.fdopen(write_end, "w") as out:
                json.dump(run_task(task), out)
            code = 0
        finally:
            os._exit(code)
    os.close(write_end)
    chunks, deadline, timed_out = [], None if timeout is None else time.monotonic() + timeout, False
    with os.fdopen(read_end, "rb") as pipe:
        while True:
            wait = None if deadline is None else max(0.0, deadline - time.monotonic())
            if not select.select([pipe], [], [], wait)[0]:
                os.kill(pid, signal.SIGKILL)
                timed_out = True
                break
            chunk = os.read(pipe.fileno(), 1 << 20)
            if not chunk:
                break
            chunks.append(chunk)
    code = os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1])
    if timed_out:
        return {"status": "crashed", "error": f"timed out after {timeout} s"}
    if code == 0:
        try:
            return json.loads(b"".join(chunks))
        except ValueError:
            pass
    log.seek(0)
    tail = log.read().decode(errors="replace").strip().splitlines()[-5:]
    return {"status": "crashed",
            "error": f"worker process {describe_exit(code)}" + (": " + " | ".join(tail) if tail else "")}


def serve():
    import planet  # noqa: F401  (loaded once here, inherited by every forked child)

    answers = os.fdopen(os.dup(sys.stdout.fileno()), "w")
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())
    for line in sys.stdin:
        with tempfile.TemporaryFile() as log:
            outcome = _run_forked(json.loads(line), log)
        answers.write(json.dumps(outcome) + "\n")
        answers.flush()


if __name__ == "__main__":
    serve() if sys.argv[1:] == ["--serve"] else main()
