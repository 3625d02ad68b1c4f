# SPDX-License-Identifier: GPL-2.0-only
"""Hostile Python calls: each in a child process of its own (hostile.py), each must end in a
one-line ValueError/TypeError/IndexError naming the parameter or file - or, for a legal value,
in the right result. The interpreter must never die (issue #14: 14 calls used to kill it)."""

import tempfile

import pytest

import hostile
import hostile_files

CHILD = r"""
import os, sys
import planet
F = {files!r}
shape = planet.LeafSpineShape(leaves=2, spines=2, hostsPerLeaf=2)
wire = planet.WireFormat()
def inst(**kw):
    a = [planet.RcpspActivity(name=str(i), duration=1, demand=[1]) for i in range(3)]
    a[0].successors = [1]
    a[1].successors = [2]
    i = planet.RcpspInstance(name="t", capacity=[1], activities=a)
    for k, v in kw.items():
        setattr(i, k, v)
    return i
def bad_successor():
    i = inst()
    a = i.activities
    a[1].successors = [99]
    i.activities = a
    return i
def with_activity(j, **kw):
    i = inst()
    a = i.activities
    for k, v in kw.items():
        setattr(a[j], k, v)
    i.activities = a
    return i
def job(period, tasks=1):
    return planet.PeriodicJob(period=period, tasks=[planet.PeriodicTask(kind="link", qubits=[0],
                              duration=1) for _ in range(tasks)],
                              holds=[planet.QubitHold(qubit=0, begin=0, end=1)])
comm = planet.make_communicator("contiguous", 4, 8)
topo = planet.make_study_topology("star")
optics = planet.OpticalParameters()
{setup}
try:
    result = {call}
except (ValueError, TypeError, IndexError) as e:
    sys.stderr.write(type(e).__name__ + ": " + str(e) + "\n")
    sys.exit(2)
{check}
print("ok")
"""

SHAPE_METHODS = ["hosts()", "leaf_of(0)", "uplinks_per_leaf()", "oversubscription()",
                 "hops(0, 1)", "link_count()", "host_up_link(0)", "host_down_link(0)",
                 "leaf_up_link(0, 0)", "spine_down_link(0, 0)", "link(0)", "link_rate_bps(0)",
                 "link_name(0)", "validate()"]


def cases():
    """(id, setup, call, names, check): names None = a legal call, check asserts its result."""
    c = []

    def add(call, names, setup="", check="", name=None):
        c.append((name or call, setup, call, names, check))

    # Leaf-spine shapes: a zero count divided by, huge products, bad rates and delays, each
    # through every method (they all validate first).
    for field in ("leaves", "spines", "hostsPerLeaf", "parallelLinks"):
        for method in SHAPE_METHODS:
            add(f"planet.LeafSpineShape({field}=0).{method}", f"'{field}'")
    for method in SHAPE_METHODS:
        add(f"planet.LeafSpineShape(spines=65536, parallelLinks=65536).{method}",
            "'parallelLinks'")
        add(f"planet.LeafSpineShape(leaves=1 << 20, hostsPerLeaf=1 << 20).{method}",
            "'hostsPerLeaf'")
    for field, value in (("hostRateBps", "float('nan')"), ("hostRateBps", "float('inf')"),
                         ("hostRateBps", "-1.0"), ("fabricRateBps", "0.0"),
                         ("fabricRateBps", "1e30")):
        add(f"planet.LeafSpineShape({field}={value}).oversubscription()",
            "'hostRate'" if field == "hostRateBps" else "'fabricRate'")
    for value in ("1e30", "float('nan')", "-1e-6", "float('inf')"):
        add(f"planet.LeafSpineShape(linkDelayS={value}).validate()", "'linkDelay'")
    add("shape.leaf_of(4)", "'host'")
    add("shape.leaf_of(2**32 - 1)", "'host'")
    add("shape.hops(0, 4)", "'dst'")
    add("shape.hops(9, 0)", "'src'")
    add("shape.host_up_link(4)", "'host'")
    add("shape.host_down_link(100)", "'host'")
    add("shape.leaf_up_link(2, 0)", "'leaf'")
    add("shape.leaf_up_link(0, 2)", "'spine'")
    add("shape.leaf_up_link(0, 0, 1)", "'parallel'")
    add("shape.spine_down_link(2, 0)", "'spine'")
    add("shape.spine_down_link(0, 5)", "'leaf'")
    add("shape.link(shape.link_count())", "link index")
    add("shape.link_name(10**6)", "link index")
    add("shape.link_rate_bps(10**6)", "link index")
    add("planet.LeafSpineShape(leaves=-1)", "field 'leaves'")
    add("planet.LeafSpineShape(spines=2**40)", "field 'spines'")
    add("planet.LeafSpineShape(hostRateBps='fast')", "field 'hostRateBps'")
    add("planet.LeafSpineShape(leafs=2)", "'leafs'")
    add("shape.leaf_of(3)", None, check="assert result == 1")
    add("shape.link_count()", None, check="assert result == 2 * 4 + 2 * 2 * 2")
    # Wire formats.
    for call in ("packets(1)", "wire_bytes(1)", "validate()", "packets(0)", "wire_bytes(2**40)"):
        add(f"planet.WireFormat(mtuBytes=0).{call}", "'mtu'")
    for call in ("wire_bytes(1)", "packets(1)", "validate()"):
        add(f"planet.WireFormat(overheadBytes=4294967295).{call}", "'overheadBytes'")
        add(f"planet.WireFormat(mtuBytes=4294967295).{call}", "'mtu'")
    add("wire.wire_bytes(2**63)", "'bytes'")
    add("planet.WireFormat(mtuBytes=1, overheadBytes=2**29).wire_bytes(2**50)", "'overheadBytes'")
    add("wire.wire_bytes(8000)", None, check="assert result == 8000 + 2 * 82")
    add("planet.WireFormat(mtuBytes=-5)", "field 'mtuBytes'")
    # The ideal bound and the planner.
    add("planet.compute_ideal_bound(planet.LeafSpineShape(spines=0), wire, [(0, 1, 10)])",
        "'spines'")
    add("planet.compute_ideal_bound(shape, planet.WireFormat(mtuBytes=0), [(0, 1, 10)])", "'mtu'")
    add("planet.compute_ideal_bound(shape, wire, [(0, 9, 10)])", "host out of range")
    add("planet.compute_ideal_bound(shape, wire, [(0, 1, 2**62)])", "'bytes'")
    add("planet.compute_ideal_bound(planet.LeafSpineShape(linkDelayS=1e30), wire, [(0, 1, 1)])",
        "'linkDelay'")
    add("planet.plan_traffic(shape, [(0, 0, 0, 99, 10)])", "host out of range")
    add("planet.plan_traffic(planet.LeafSpineShape(hostsPerLeaf=0), [(0, 0, 0, 1, 10)])",
        "'hostsPerLeaf'")
    add("planet.plan_traffic(shape, [(0, 0, 0, 2, 10)], split=planet.SplitPolicy.fixed(0))",
        "'splits'")
    add("planet.SplitPolicy.fixed(10**6)", "'splits'")
    add("planet.SplitPolicy.parse('-1')", "'splits'")
    add("planet.SplitPolicy.parse('lots')", "'splits'")
    add("planet.SplitPolicy.parse('99999999999')", "'splits'")
    add("planet.theorem_splits(0, 4)", "TheoremSplits")
    add("planet.split_bytes(10, 0)", "parts")
    add("planet.colour_bipartite_multigraph(2, 2, [(0, 5)], 1)", "")
    # Collectives: sizes over the memory budget refused before allocating.
    add("planet.expand_collective('alltoall', 65536, 2**30)", "memory budget")
    add("planet.expand_collective('allreduce-ring', 2**20, 2**40)", "memory budget")
    add("planet.expand_collective('allreduce-ring', 2**21, 2**40)", "'ranks'")
    add("planet.expand_collective('broadcast', 8, 2**40, chunkBytes=1)", "'chunkBytes'")
    add("planet.expand_collective('allreduce-tree', 8, 2**40, chunkBytes=1)", "'chunkBytes'")
    add("planet.expand_collective('broadcast', 8, 2**31, chunkBytes=1)", "memory budget")
    add("planet.expand_collective('allreduce-tree', 8, 2**31, chunkBytes=1)", "memory budget")
    add("planet.expand_collective('allreduce-tree', 8, 2**20, chunkBytes=0)", "'chunkBytes'")
    add("planet.expand_collective('broadcast', 4, 100, root=4)", "'root'")
    add("planet.expand_collective('broadcast-tree', 4, 100, root=99)", "'root'")
    for algorithm in ("allreduce-ring", "allreduce-hd", "reducescatter", "allgather", "alltoall",
                      "alltoall-pairwise", "broadcast", "broadcast-tree", "allreduce-tree"):
        add(f"planet.expand_collective('{algorithm}', 1, 1000)", "'ranks'")
        add(f"planet.expand_collective('{algorithm}', 0, 1000)", "'ranks'")
    add("planet.expand_collective('allreduce-ring', 8, 3)", "'bytes'")
    add("planet.expand_collective('no-such', 4, 100)", "no-such")
    add("planet.expand_collective('allreduce-ring', 4, 100)", None,
        check="assert len(result) == 2 * 3 * 4")
    add("planet.make_communicator('nowhere', 4, 8)", "nowhere")
    add("planet.make_communicator('contiguous', 16, 8)", "ranks")
    add("planet.make_communicator('explicit', 2, 8, hosts=[0, 99])", "99")
    add("planet.TrainingSpec(iterations=0, gradientBytes=10**6).validate()", "'iterations'")
    add("planet.TrainingSpec(forwardS=float('nan'), gradientBytes=10**6).validate()",
        "'forwardTime'")
    add("planet.TrainingSpec(backwardS=1e30, gradientBytes=10**6).validate()", "'computeTime'")
    add("planet.TrainingSpec(buckets=0, gradientBytes=10**6).validate()", "'buckets'")
    add("planet.TrainingSpec(iterations=2**31, buckets=4, gradientBytes=10**6).validate()",
        "'iterations'")
    add("planet.append_training(planet.FlowGraph(), planet.TrainingSpec(iterations=4294967295, "
        "gradientBytes=10**6), 'allreduce-ring', comm)", "memory budget")
    add("planet.append_training(planet.FlowGraph(), planet.TrainingSpec(iterations=1000, "
        "buckets=2**20, gradientBytes=2**30), 'allreduce-ring', comm)", "memory budget")
    add("planet.append_collective(planet.FlowGraph(), 'alltoall', comm, 10**3, chunkBytes=0)",
        None)  # alltoall has no chunks: legal
    # RCPSP: indices past the instance, bad instances through every graph function.
    add("planet.rcpsp_decode(inst(), 'serial', [0, 1, 5])", "'activity_list'")
    add("planet.rcpsp_decode(inst(), 'serial', [0, 1, 2**40])", "'activity_list'")
    add("planet.rcpsp_decode(inst(), 'serial', [0, 1])", "'activity_list'")
    add("planet.rcpsp_decode(inst(), 'serial', [0, 0, 1])", "listed twice")
    add("planet.rcpsp_decode(inst(), 'parallel', [1, 0, 2])", "predecessor")
    add("planet.rcpsp_decode(inst(), 'nope', [0, 1, 2])", "nope")
    add("planet.rcpsp_decode(inst(), 'serial', [0, 1, 2]).start", None,
        check="assert list(result) == [0, 1, 2]")
    add("planet.RcpspSchedule([0, 1, 2]).finish(inst(), 3)", "'activity'")
    add("planet.RcpspSchedule([0]).finish(inst(), 2)", "'activity'")
    add("planet.RcpspSchedule([0, 1, 2, 3, 4]).makespan(inst())", "start times")
    add("planet.RcpspSchedule([0]).lateness(inst())", "start times")
    add("planet.RcpspSchedule([2**63 - 1, 0, 0]).finish(inst(), 0)", "overflows")
    add("planet.validate_rcpsp_schedule(inst(), planet.RcpspSchedule([-5, 0, 2**62]))", None,
        check="assert any('outside' in p for p in result)")
    for call in ("bad_successor().predecessors()", "bad_successor().topological_order()",
                 "bad_successor().check()", "planet.rcpsp_earliest_starts(bad_successor())",
                 "planet.rcpsp_latest_finishes(bad_successor(), 10)",
                 "planet.rcpsp_critical_path_bound(bad_successor())",
                 "planet.validate_rcpsp_schedule(bad_successor(), planet.RcpspSchedule([0,0,0]))",
                 "planet.solve_rcpsp(bad_successor(), 'genetic')",
                 "planet.rcpsp_decode(bad_successor(), 'serial', [0, 1, 2])"):
        add(call, "successor")
    for field, value, names in (("duration", "2**62", "kRcpspMaxHorizon"),
                                ("duration", "-1", "negative duration"),
                                ("release", "2**60", "kRcpspMaxHorizon"),
                                ("release", "-3", "negative release"),
                                ("deadline", "-1", "negative deadline"),
                                ("demand", "[5]", "demands 5"),
                                ("demand", "[1, 1]", "2 demands")):
        for fn in ("check()", "solve"):
            call = (f"with_activity(1, {field}={value}).check()" if fn == "check()" else
                    f"planet.solve_rcpsp(with_activity(1, {field}={value}), 'priority')")
            add(call, names)
    add("planet.rcpsp_latest_finishes(inst(), -1)", "'horizon'")
    add("planet.solve_rcpsp(inst(), 'genetic', planet.RcpspOptions(schedules=0))", "schedules")
    add("planet.solve_rcpsp(inst(), 'genetic', planet.RcpspOptions(schedules=2**40))",
        "'schedules'")
    add("planet.solve_rcpsp(inst(), 'genetic', planet.RcpspOptions(population=10**15))",
        "memory budget")
    add("planet.solve_rcpsp(inst(), 'annealing')", "annealing")
    add("planet.solve_rcpsp(inst(), 'priority', planet.RcpspOptions(rule='tallest'))", "tallest")
    add("planet.solve_rcpsp(inst(), 'priority', planet.RcpspOptions(generator='x'))", "'x'")
    add("planet.RcpspInstance(capacity=[-1]).check()", "negative capacity")
    add("planet.RcpspInstance(capacity=[1], reservations=[planet.RcpspReservation(resource=3, "
        "amount=1, start=0, end=1)]).check()", "reservation 0")
    add("planet.RcpspInstance(capacity=[1], reservations=[planet.RcpspReservation(resource=0, "
        "amount=1, start=-5, end=1)]).check()", "reservation 0")
    add("planet.RcpspInstance(capacity=[1], reservations=[planet.RcpspReservation(resource=0, "
        "amount=1, start=0, end=2**62)]).check()", "kRcpspMaxHorizon")
    add("planet.solve_rcpsp(inst(), 'genetic').makespan", None, check="assert result == 3")
    # PSPLIB files.
    for name, names in (("jobs-1e14.sm", "jobs"), ("jobs-negative.sm", "negative"),
                        ("duration-overflow.sm", "kRcpspMaxHorizon"),
                        ("duration-huge.sm", "not an integer"),
                        ("request-over-int.sm", "request"), ("capacity-short.sm", "demands 5"),
                        ("truncated.sm", "truncated.sm"), ("empty.sm", "empty.sm"),
                        ("binary.sm", "binary.sm"), ("a-directory", "is a directory"),
                        ("missing", "does-not-exist"), ("dev-zero", "not a regular file")):
        add(f"planet.load_psplib_sm(F[{name!r}])", names, name=f"load_psplib_sm({name})")
    add("planet.load_psplib_table(F['a-directory'])", "is a directory")
    add("planet.load_psplib_table(F['empty.sm'])", "no row")
    add("planet.load_psplib_sm(F['legal.sm']).activities[1].duration", None,
        check="assert result == 4")
    # Topologies.
    for name, names in (("deep.gml", "nested deeper"), ("unterminated.gml", "unterminated"),
                        ("weight-inf.gml", "weight"), ("weight-nan.gml", "weight"),
                        ("weight-negative.gml", "weight"), ("id-1e300.gml", "integer"),
                        ("no-graph.gml", "graph"), ("many-qubits.gml", "kMaxQubitsPerNode"),
                        ("a-directory", "is a directory"), ("missing", "does-not-exist"),
                        ("dev-zero", "not a regular file"), ("binary.sm", "binary.sm")):
        add(f"planet.load_gml_topology(F[{name!r}])", names, name=f"load_gml_topology({name})")
    add("len(planet.load_gml_topology(F['legal.gml']).nodes())", None, check="assert result == 2")
    add("topo.add_node(planet.QuantumNode(name='x', storageQubits=2**31))", "kMaxQubitsPerNode")
    add("topo.add_node(planet.QuantumNode(name='x', communicationQubits=0))",
        "communication qubit")
    add("topo.add_node(planet.QuantumNode(name='x', storageQubits=-1))", "field 'storageQubits'")
    add("topo.add_link(0, 99, 1.0)", "does not exist")
    add("topo.add_link(0, 0, 1.0)", "self-loop")
    add("topo.add_link(0, 1, float('nan'))", "length_km")
    add("topo.add_link(0, 1, -1.0)", "length_km")
    add("topo.shortest_path(0, 99)", "does not exist")
    add("topo.shortest_path(1, 1)", "same node")
    add("planet.make_study_topology('nowhere')", "nowhere")
    add("planet.make_study_topology('star', -1.0)", "length_km")
    add("planet.make_study_topology('star', float('inf'))", "length_km")
    # Periodic schedules: zero periods, hyperperiods past the limit, too many instances.
    add("planet.PeriodicSchedule.of_jobs([job(0)])", "period")
    add("planet.PeriodicSchedule.of_jobs([job(4), job(-8)])", "period")
    add("planet.PeriodicSchedule.of_jobs([job(2**51), job(3)])", "hyperperiod")
    add("planet.PeriodicSchedule.of_jobs([job(1), job(2**40)])", "memory budget")
    add("planet.hyperperiod([job(0)])", "period")
    add("planet.hyperperiod([job(2**40), job(2**40 - 1)])", "hyperperiod")
    add("planet.hyperperiod([job(4), job(8)])", None, check="assert result == 8")
    add("len(planet.PeriodicSchedule.of_jobs([job(2), job(4)]).instances)", None,
        check="assert result == 3")
    add("planet.power_of_two_period(0, 1e-3)", "rate")
    add("planet.power_of_two_period(float('nan'), 1e-3)", "rate")
    add("planet.power_of_two_period(1, 0)", "slot")
    add("planet.power_of_two_period(1e-30, 1e-9)", "2^62")
    add("planet.power_of_two_period(1e9, 1)", "shorter than one slot")
    add("job(3).check(4)", None)  # periods need not be powers of two (as in the study)
    add("job(4).check(0)", "")
    # Physics: arguments outside [0, 1], NaN, unbounded pumping.
    add("planet.pumping_sequence(0.9, 0.9, 10**9)", "'rounds'")
    add("planet.pumping_sequence(0.9, 0.9, 2**32 - 1)", "'rounds'")
    add("planet.pumping_sequence(1.5, 0.9, 3)", "'initial'")
    add("planet.pumping_sequence(0.9, float('nan'), 3)", "'fresh'")
    add("len(planet.pumping_sequence(0.9, 0.9, 5))", None, check="assert result == 5")
    for call, names in (("planet.werner_from_fidelity(2)", "'fidelity'"),
                        ("planet.werner_from_fidelity(float('nan'))", "'fidelity'"),
                        ("planet.fidelity_from_werner(5)", "'werner'"),
                        ("planet.swap_fidelity(-1, 0.5)", "'f1'"),
                        ("planet.swap_fidelity(0.5, float('inf'))", "'f2'"),
                        ("planet.distill(1.5, 0.9)", "'kept'"),
                        ("planet.distill(0.9, -0.1)", "'sacrificed'"),
                        ("planet.apply_pauli_error(0.9, 2)", "'probability'"),
                        ("planet.apply_pauli_error(float('nan'), 0.1)", "'fidelity'"),
                        ("planet.apply_depolarising(0.9, -1)", "'probability'"),
                        ("planet.attempt_time(optics, -1)", "'length_km'"),
                        ("planet.attempt_time(optics, float('nan'))", "'length_km'"),
                        ("planet.detection_probability(optics, float('inf'))", "'length_km'"),
                        ("planet.DoubleClickLink(optics).capabilities(-5)", "'length_km'"),
                        ("planet.DecoherenceModel('Magic')", "Magic")):
        add(call, names)
    add("planet.swap_fidelity(1, 1)", None, check="assert result == 1")
    # Synthesis.
    route = "topo.shortest_path(0, 1)"
    for fmin in ("2", "0.1", "float('nan')"):
        add(f"planet.synthesise_protocol(topo, {route}, {fmin}, planet.DoubleClickLink(optics), "
            "planet.QuantumDevice(), planet.DecoherenceModel('T1T2'))", "fmin")
    add("planet.synthesise_protocol(topo, planet.QuantumRoute(nodes=[0, 2], links=[0]), 0.8, "
        "planet.DoubleClickLink(optics), planet.QuantumDevice(), "
        "planet.DecoherenceModel('T1T2'))", "route")
    add("planet.load_quantum_device(F['deep.json'])", "nested deeper")
    add("planet.load_quantum_device(F['a-directory'])", "is a directory")
    add("planet.load_quantum_device(F['device-empty.json'])", "missing")
    add("planet.load_table_link(F['links-inf.json'])", "inf")
    add("planet.load_table_link(F['links-bad.json'])", "fidelity")
    add("planet.load_table_link(F['number-1e400.json'])", "malformed")
    add("planet.load_table_link(F['missing'])", "does-not-exist")
    # Scenario runs from Python: the silent wrong results and unbounded sizes.
    for params, names in (("overheadBytes=4294967295", "'overheadBytes'"),
                          ("linkDelay='1e30s'", "'linkDelay'"),
                          ("hostsPerLeaf=100000", "'hostsPerLeaf'"),
                          ("spines=65536, parallelLinks=65536", "'parallelLinks'"),
                          ("workload='training', iterations=4294967295", "memory budget"),
                          ("workload='matrix', matrix=F['a-directory']", "is a directory"),
                          ("workload='matrix', matrix=F['src-dst.tm']", "src == dst"),
                          ("workload='matrix', matrix=F['start-1e300.tm']", "start time"),
                          ("workload='matrix', matrix=F['start-inf.tm']", "start time"),
                          ("bytes=10**15", "event budget"),
                          ("memoryBudget=1", "memory budget"),
                          ("hostRate='1e30Gbps'", "'hostRate'"),
                          ("stopTime='1e12s'", "'stopTime'"),
                          ("ecnPmax=float('nan')", "'ecnPmax'"),
                          ("bytes=-1", "'bytes'"),
                          ("workload='allreduce-ring', splits='100000'", "'splits'"),
                          ("workload='allreduce-ring', splits='4294967295'", "'splits'"),
                          ("workload='alltoall-collective', ranks=65536", "ranks")):
        add(f"planet.run_fabric({params})", names)
    for params, names in (("network=F['deep.gml']", "nested deeper"),
                          ("network=F['a-directory']", "is a directory"),
                          ("network=F['storage-2e9.graphml']", "storage_qubits"),
                          ("demands=F['deep.json']", "nested deeper"),
                          ("demands=F['src-deep.json']", "demand 0 src"),
                          ("demands=F['a-directory']", "is a directory"),
                          ("demands=F['fmin-2.json']", "fmin"),
                          ("slot=float('inf')", "'slot'")):
        add(f"planet.run_quantum({params})", names)
    add("planet.set_memory_budget(2**41)", "'mb'")
    add("planet.set_memory_budget(64) or planet.expand_collective('alltoall', 1024, 2**20)",
        "budget of 64 MB")
    add("planet.set_event_budget(100) or planet.run_fabric(leaves=2, spines=1, hostsPerLeaf=2, "
        "bytes=10**6)", "event budget of 100")
    return c


CASES = cases()


@pytest.fixture(scope="module")
def outcomes():
    with tempfile.TemporaryDirectory() as directory:
        files = hostile_files.write_all(directory)
        programs = [CHILD.format(files=files, setup=setup, call=call, check=check)
                    for key, setup, call, names, check in CASES]
        yield hostile.run_python_cases(programs, preamble="import planet")


def test_at_least_200_hostile_calls():
    assert sum(1 for case in CASES if case[3] is not None) >= 200


@pytest.mark.parametrize("index", range(len(CASES)), ids=[case[0][:80] for case in CASES])
def test_hostile_call(outcomes, index):
    key, setup, call, names, check = CASES[index]
    hostile.check_outcome(outcomes[index], names, legal=names is None)
