# SPDX-License-Identifier: GPL-2.0-only
"""One sweep run in this process: ``python3 -m planet.worker`` reads {"runner", "params"} as
JSON on stdin and writes {"status": "ok", "record": ...} or {"status": "error", "error": ...}
as JSON on stdout. Anything the simulation prints on stdout goes to stderr instead, so the
answer stays parseable. The sweep starts one such process per run (ns-3 keeps global state).
"""

import json
import os
import sys


def main():
    answer = os.fdopen(os.dup(sys.stdout.fileno()), "w")
    sys.stdout.flush()
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())
    task = json.load(sys.stdin)
    try:
        import planet

        result = {"status": "ok", "record": planet.run(task["runner"], **task["params"])}
    except Exception as e:  # recorded in the sweep's result, which goes on with other runs
        result = {"status": "error", "error": f"{type(e).__name__}: {e}"}
    json.dump(result, answer)
    answer.close()


if __name__ == "__main__":
    main()
