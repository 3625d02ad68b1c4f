#!/usr/bin/env bash
# `make bench` (not part of `make test`): the Google Benchmark kernels built from bench/ (every
# BUILD/bin/planet-bench-* program; JSON to results/bench/), then planet-fabric against stock
# ns-3 on the anchor workloads (bench/fabric-vs-stock.py; builds the stock ns-3 program into
# BUILD/stock-ns3 on first use). Extra arguments go to fabric-vs-stock.py (e.g. --repeat 3).
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD="${BUILD:-build}"
PYTHON="${PYTHON:-/usr/bin/python3}"
mkdir -p results/bench
shopt -s nullglob
for kernel in "$BUILD"/bin/planet-bench-*; do
  echo "== $kernel"
  "$kernel" --benchmark_out="results/bench/$(basename "$kernel").json" --benchmark_out_format=json
done
echo "== bench/fabric-vs-stock.py"
"$PYTHON" bench/fabric-vs-stock.py --build "$BUILD" "$@"
