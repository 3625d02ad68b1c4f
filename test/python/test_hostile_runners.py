# SPDX-License-Identifier: GPL-2.0-only
"""Hostile runner invocations (planet-fabric, planet-quantum, planet-rcpsp): each a process of
its own; every one must exit 0 (a legal value) or 2 with one line naming the flag or file -
never a signal, an abort inside ns-3, exit 1 or a silently wrong run. `make test-sanitize` runs
this file against the ASan+UBSan build (PLANET_BUILD_DIR)."""

import os
import tempfile

import pytest

import hostile
import hostile_files

FABRIC_NUMBERS = ["leaves", "spines", "hostsPerLeaf", "parallelLinks", "bytes", "incastSenders",
                  "mtu", "overheadBytes", "bufferBytes", "ecnKmin", "ecnKmax", "ackEvery",
                  "windowBytes", "reorderTolerance", "jobs", "ranks", "iterations", "buckets",
                  "chunkBytes", "seed", "run", "memoryBudget", "eventBudget"]
FABRIC_TIMES = ["linkDelay", "rto", "stopTime", "forwardTime", "computeTime"]
FABRIC_RATES = ["hostRate", "fabricRate"]
SMALL = ["--leaves=2", "--spines=1", "--hostsPerLeaf=2", "--bytes=1000"]


def cases(files):
    """(id, runner, args, names): names None = legal, exit 0 expected."""
    c = []

    def add(runner, args, names):
        c.append((runner + " " + " ".join(args), runner, args, names))

    f = "planet-fabric"
    for flag in FABRIC_NUMBERS:
        for value in ("abc", "-1", "1e400", "99999999999999999999", ""):
            add(f, [f"--{flag}={value}"], f"'{flag}'")
    for flag in FABRIC_TIMES:
        for value in ("1e30s", "abc", "inf", "nan", "-1e300s", "99999999999y"):
            add(f, [f"--{flag}={value}"], f"'{flag}'")
    for flag in FABRIC_RATES:
        for value in ("100000000000000000000000Gbps", "abc", "0bps", "1e9bps", "-5Gbps", "5Xbps"):
            add(f, [f"--{flag}={value}"], f"'{flag}'")
    for flag, value in (("ecnPmax", "nan"), ("ecnPmax", "2"), ("ecnPmax", "1e400"),
                        ("ecn", "maybe"), ("jointPlanning", "2"), ("shareWindow", "yes please"),
                        ("workload", "everything"), ("routing", "teleport"),
                        ("recovery", "prayer"), ("scheduler", "fifo"), ("placement", "anywhere"),
                        ("splits", "lots"), ("splits", "0"), ("hosts", "1,x"),
                        ("trainingCollective", "nope")):
        add(f, [f"--{flag}={value}", "--workload=allreduce-ring"]
            if flag in ("splits", "placement", "hosts") else
            [f"--{flag}={value}", "--workload=training"] if flag == "trainingCollective" else
            [f"--{flag}={value}"], f"'{flag}'" if flag != "workload" else "'workload'")
    # The crashes, aborts and silent wrong results.
    add(f, ["--spines=65536", "--parallelLinks=65536"], "'parallelLinks'")
    add(f, ["--leaves=65536", "--hostsPerLeaf=65536"], "'hostsPerLeaf'")
    add(f, ["--hostsPerLeaf=100000"], "'hostsPerLeaf'")
    add(f, ["--overheadBytes=4294967295"], "'overheadBytes'")
    add(f, ["--mtu=2147483646", "--overheadBytes=2000000000"], "'mtu'")
    add(f, ["--linkDelay=1e30s"], "'linkDelay'")
    add(f, ["--workload=training", "--iterations=4294967295"], "memory budget")
    add(f, ["--workload=training", "--iterations=1000", "--buckets=100000",
            "--bytes=100000000"], "memory budget")
    add(f, ["--workload=alltoall-collective", "--leaves=64", "--hostsPerLeaf=1024"],
        "memory budget")
    add(f, ["--workload=broadcast", "--chunkBytes=1", "--bytes=1000000000000"], "'chunkBytes'")
    add(f, ["--workload=allreduce-ring", "--splits=100000"], "'splits'")
    add(f, ["--bytes=1000000000000000"], "event budget")
    add(f, ["--workload=alltoall", "--leaves=1024", "--hostsPerLeaf=1024"], "memory budget")
    add(f, ["--memoryBudget=1"], "memory budget")
    add(f, ["--eventBudget=10"], "event budget")
    add(f, ["--ns3::FabricNetDevice::BufferBytes=abc"], "BufferBytes")
    add(f, ["--ns3::FabricNetDevice::BufferBytes=-1"], "BufferBytes")
    add(f, ["--ns3::FabricNetDevice::NoSuchAttribute=1"], "NoSuchAttribute")
    add(f, ["--ns3::NoSuchType::X=1"], "NoSuchType")
    add(f, ["--ns3::FabricNetDevice::BufferBytes"], "BufferBytes")
    add(f, ["--ns3::"], "ns3::")
    add(f, ["--ns3::RdmaStack::RetransmitTimeout=1e30s"], "RetransmitTimeout")
    add(f, ["--PrintAttributes=ns3::NoSuchType"], "PrintAttributes")
    add(f, ["--PrintAttributes"], "PrintAttributes")
    add(f, ["--PrintAttributes="], "PrintAttributes")
    add(f, ["--noSuchFlag=1"], "noSuchFlag")
    add(f, ["stray-argument"], "stray-argument")
    add(f, ["-x"], "-x")
    add(f, ["--json=" + files["a-directory"]], "--json")
    add(f, ["--json=/nonexistent-dir/record.json"], "--json")
    for name, names in (("a-directory", "is a directory"), ("missing", "does-not-exist"),
                        ("dev-zero", "not a regular file"), ("start-1e300.tm", "start time"),
                        ("start-inf.tm", "start time"), ("start-nan.tm", "start time"),
                        ("start-negative.tm", "start time"), ("src-dst.tm", "src == dst"),
                        ("host-out.tm", "out of range"), ("size-huge.tm", "size"),
                        ("size-over-limit.tm", "kMaxMessageBytes"),
                        ("htsim-no-size.tm", "size"),
                        ("htsim-unknown.tm", "colour"), ("garbage.tm", "garbage.tm"),
                        ("nodes-too-many.tm", "nodes")):
        add(f, ["--workload=matrix", "--matrix=" + files[name]], names)
    add(f, ["--workload=matrix"], "'matrix'")
    # A start of 1e7 s (htsim's picoseconds, 19 digits) is legal: the flow never starts before
    # --stopTime, and the run says so.
    add(f, ["--workload=matrix", "--matrix=" + files["htsim-start-huge.tm"]], None)
    # Legal values: the same flags work.
    add(f, ["--PrintHelp"], None)
    add(f, ["--PrintAttributes=ns3::FabricNetDevice"], None)
    add(f, ["--PrintTypeIds"], None)
    add(f, SMALL + ["--ns3::FabricNetDevice::BufferBytes=2000000"], None)
    add(f, SMALL + ["--linkDelay=1ms", "--stopTime=1000000000s"], None)
    add(f, SMALL + ["--memoryBudget=4096", "--eventBudget=100000000"], None)
    add(f, ["--workload=matrix", "--matrix=" + files["legal.tm"]] + SMALL[:3], None)

    q = "planet-quantum"
    for flag in ("linkLength", "fmin", "minRate", "maxRate", "slot"):
        for value in ("abc", "nan", "inf", "1e400", "-1"):
            add(q, [f"--{flag}={value}"], f"'{flag}'")
    for flag in ("randomDemands", "engineSchedules"):
        for value in ("abc", "-1", "0", "99999999999999999999"):
            add(q, [f"--{flag}={value}"], f"'{flag}'")
    for flag, value in (("network", "mars"), ("scheduler", "random"), ("hardware", "alien"),
                        ("links", "wormhole"), ("decoherence", "none")):
        add(q, [f"--{flag}={value}"], f"'{flag}'")
    for name, names in (("deep.gml", "nested deeper"), ("unterminated.gml", "unterminated"),
                        ("weight-inf.gml", "weight"), ("id-1e300.gml", "integer"),
                        ("many-qubits.gml", "kMaxQubitsPerNode"),
                        ("storage-2e9.graphml", "storage_qubits"),
                        ("comm-0.graphml", "comm_qubits"), ("comm-huge.graphml", "GraphML"),
                        ("weight-inf.graphml", "weight"), ("weight-zero.graphml", "weight"),
                        ("deep.graphml", "nested deeper"), ("malformed.graphml", "GraphML"),
                        ("a-directory", "is a directory"), ("dev-zero", "not a regular file")):
        add(q, ["--network=" + files[name]], names)
    for name, names in (("deep.json", "nested deeper"), ("number-1e400.json", "malformed"),
                        ("not-a-list.json", "list"), ("src-deep.json", "demand 0 src"),
                        ("fmin-2.json", "fmin"), ("rate-negative.json", "rate"),
                        ("src-is-dst.json", "demand"), ("unknown-node.json", "99"),
                        ("truncated.json", "malformed"), ("a-directory", "is a directory"),
                        ("missing", "does-not-exist"), ("dev-zero", "not a regular file")):
        add(q, ["--demands=" + files[name]], names)
    for name, names in (("deep.json", "nested deeper"), ("device-empty.json", "missing"),
                        ("a-directory", "is a directory")):
        add(q, ["--device=" + files[name]], names)
    for name, names in (("links-inf.json", "inf"), ("links-bad.json", "fidelity"),
                        ("deep.json", "nested deeper"), ("a-directory", "is a directory")):
        add(q, ["--links=" + files[name]], names)
    add(q, ["--minRate=1e-9", "--maxRate=1e-9", "--slot=1e-9"], "'minRate'")
    # (fmin low enough that two NV hops are planned: the hyperperiod is then what breaks)
    add(q, ["--minRate=1e-9", "--maxRate=1e-8", "--slot=1e-9", "--fmin=0.4"], "hyperperiod")
    add(q, ["--ns3::QuantumScenario::Slot=abc"], "Slot")
    add(q, ["--PrintAttributes=ns3::Nope"], "PrintAttributes")
    add(q, ["--network=" + files["legal.gml"], "--randomDemands=1"], None)
    add(q, ["--randomDemands=2"], None)

    r = "planet-rcpsp"
    for name, names in (("jobs-1e14.sm", "jobs"), ("jobs-negative.sm", "negative"),
                        ("duration-overflow.sm", "kRcpspMaxHorizon"),
                        ("duration-huge.sm", "not an integer"), ("request-over-int.sm", "request"),
                        ("capacity-short.sm", "demands 5"), ("truncated.sm", "truncated.sm"),
                        ("empty.sm", "empty.sm"), ("binary.sm", "binary.sm"),
                        ("a-directory", "is a directory"), ("missing", "does-not-exist"),
                        ("dev-zero", "not a regular file")):
        add(r, [files[name]], names)
    legal = files["legal.sm"]
    for flag, value, names in (("schedules", "0", "schedules"), ("schedules", "abc", "schedules"),
                               ("schedules", "99999999999999999999999", "schedules"),
                               ("schedules", "1099511627776", "schedules"),
                               ("population", "1000000000000000", "memory budget"),
                               ("method", "annealing", "annealing"), ("rule", "tallest", "tallest"),
                               ("generator", "diagonal", "diagonal"), ("justify", "2", "justify"),
                               ("seed", "-1", "seed"), ("colour", "red", "colour")):
        add(r, [legal, f"--{flag}={value}"], names)
    add(r, [legal, "--schedules"], "--schedules")
    add(r, [], "usage")
    add(r, [legal, legal], "one instance file")
    add(r, [legal], None)
    add(r, [legal, "--method=priority", "--rule=mts"], None)
    return c


@pytest.fixture(scope="module")
def setup(build_dir):
    with tempfile.TemporaryDirectory() as directory:
        files = hostile_files.write_all(directory)
        all_cases = cases(files)
        jobs = [(i, [os.path.join(build_dir, "bin", runner)] + args, None)
                for i, (key, runner, args, names) in enumerate(all_cases)]
        yield all_cases, hostile.run_all(jobs)


def test_at_least_150_hostile_invocations(setup):
    all_cases, _ = setup
    assert sum(1 for case in all_cases if case[3] is not None) >= 150


_IDS = [case[0][:100] for case in cases(hostile_files.write_all(tempfile.mkdtemp()))]


@pytest.mark.parametrize("index", range(len(_IDS)), ids=_IDS)
def test_hostile_invocation(setup, index):
    all_cases, outcomes = setup
    key, runner, args, names = all_cases[index]
    hostile.check_outcome(outcomes[index], names, legal=names is None)
