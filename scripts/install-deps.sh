#!/usr/bin/env bash
# Installs the Debian packages planet needs that are not installed yet (see README: Dependencies).
# Runs apt-get as root, or through sudo. Does nothing when everything is present.
set -euo pipefail
packages=(
  cmake g++ make                      # build
  libns3-dev ns3 libgsl-dev libxml2-dev  # ns-3 3.37 (+ two dependencies its CMake config checks)
  libboost-dev libboost-graph-dev     # graph algorithms (shortest paths, matching, GraphML)
  nlohmann-json3-dev                  # JSON result records and input files
  libgtest-dev libbenchmark-dev       # unit tests and kernel benchmarks
  pybind11-dev python3-dev            # the planet._core Python extension
  python3-numpy python3-pandas python3-matplotlib python3-pytest python3-tqdm
  python3-dask python3-distributed    # sweeps, tables, plots, tests, Dask cluster runs
  time                                # /usr/bin/time: peak RSS of each run in `make bench`
  clang libclang-rt-14-dev            # `make fuzz`: libFuzzer, ASan and UBSan runtimes
  tshark                              # tests only: decodes planet's pcap with Wireshark's RoCE dissector
)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
echo "planet: installing missing Debian packages: ${missing[*]}"
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "planet: need root or sudo to install: ${missing[*]}" >&2; exit 1; }
  sudo="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
