#!/usr/bin/env bash
# `make run`: runs every headline experiment in scripts/experiments/ (the numbered scripts,
# in name order; common.py is their shared code). Each prints its table and writes its
# records and plots under results/.
set -euo pipefail
cd "$(dirname "$0")/.."
export BUILD="${BUILD:-build}"
PYTHON="${PYTHON:-/usr/bin/python3}"
export PYTHONPATH="$PWD/$BUILD/python${PYTHONPATH:+:$PYTHONPATH}"
shopt -s nullglob
for experiment in scripts/experiments/[0-9]*.py; do
  echo "== $experiment"
  "$PYTHON" "$experiment" --short
done
