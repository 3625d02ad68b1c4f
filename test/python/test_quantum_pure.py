# SPDX-License-Identifier: GPL-2.0-only
"""The RCPSP engine from Python agrees with the C++ reference cases
(test/unit/quantum-rcpsp-engine-test.cc, quantum-rcpsp-psplib-test.cc)."""

import os

import pytest

import planet

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SAMPLES = os.path.join(REPO, "test", "unit", "data", "psplib")
DATA = os.path.join(REPO, "data", "psplib")


def single_machine(durations):
    return planet.RcpspInstance(name="machine", capacity=[1], activities=[
        planet.RcpspActivity(duration=d, demand=[1]) for d in durations])


def test_validator_reports_every_kind_of_violation():
    instance = single_machine([2, 3, 4])
    activities = instance.activities
    activities[0].successors = [1]
    activities[2].release, activities[2].deadline = 5, 9
    instance.activities = activities  # lists are copied: assign them back
    instance.reservations = [planet.RcpspReservation(resource=0, amount=1, start=12, end=14)]
    good = planet.RcpspSchedule([0, 2, 5])
    assert planet.validate_rcpsp_schedule(instance, good) == []
    assert (good.makespan(instance), good.lateness(instance)) == (9, 0)
    assert planet.validate_rcpsp_schedule(instance, planet.RcpspSchedule([0, 1, 5])) == [
        "activity 1 starts at 1 before its predecessor activity 0 finishes at 2",
        "resource 0 uses 2 > capacity 1 at time 1"]
    assert planet.validate_rcpsp_schedule(instance, planet.RcpspSchedule([0, 6, 2])) == [
        "activity 2 starts at 2 before its release time 5"]
    late = planet.RcpspSchedule([0, 2, 10])
    assert planet.validate_rcpsp_schedule(instance, late) == [
        "activity 2 finishes at 14 after its deadline 9",
        "resource 0 uses 2 > capacity 1 at time 12"]
    assert late.lateness(instance) == 5
    assert len(planet.validate_rcpsp_schedule(instance, late, check_deadlines=False)) == 1


def test_serial_and_parallel_schemes_decode_as_defined():
    instance = single_machine([3, 2, 1])
    activities = instance.activities
    activities[1].successors = [2]
    instance.activities = activities
    assert planet.rcpsp_decode(instance, "serial", [1, 2, 0]).start == [3, 0, 2]
    assert planet.rcpsp_decode(instance, "serial", [0, 1, 2]).start == [0, 3, 5]
    two = planet.RcpspInstance(capacity=[2], activities=[
        planet.RcpspActivity(name="a", duration=4, demand=[2]),
        planet.RcpspActivity(name="b", duration=2, demand=[1]),
        planet.RcpspActivity(name="c", duration=6, demand=[1])])
    assert planet.rcpsp_decode(two, "serial", [2, 0, 1]).start == [6, 0, 0]
    assert planet.rcpsp_decode(two, "parallel", [0, 1, 2]).start == [0, 4, 4]


def test_psplib_instance_and_tables_are_read():
    instance = planet.load_psplib_sm(os.path.join(SAMPLES, "j301_1.sm"))
    assert instance.name == "j301_1.sm" and len(instance.activities) == 32
    assert instance.capacity == [12, 13, 4, 12]
    assert instance.activities[1].duration == 8 and instance.activities[1].successors == [5, 10, 14]
    assert planet.rcpsp_critical_path_bound(instance) == 38
    optima = planet.load_psplib_table(os.path.join(DATA, "j30opt.sm"))
    assert len(optima) == 480 and optima[(1, 1)] == [43]
    with pytest.raises(ValueError):
        planet.load_psplib_sm(os.path.join(SAMPLES, "no-such-file.sm"))


def test_genetic_reaches_the_known_optimum_and_beats_the_single_pass():
    instance = planet.load_psplib_sm(os.path.join(SAMPLES, "j301_1.sm"))
    result = planet.solve_rcpsp(instance, "genetic", planet.RcpspOptions(seed=1))
    assert result.makespan == 43  # PSPLIB j30opt.sm
    assert planet.validate_rcpsp_schedule(instance, result.schedule) == []
    assert result.lowerBound == 38
    assert planet.solve_rcpsp(instance, "priority").makespan > 43


def test_deadlines_steer_the_priorities_and_reservations_hold():
    instance = single_machine([2, 2, 2])
    activities = instance.activities
    for a, deadline in zip(activities, [6, 2, 4]):
        a.deadline = deadline
    instance.activities = activities
    result = planet.solve_rcpsp(instance, "priority")
    assert result.lateness == 0 and result.schedule.start == [4, 0, 2]

    instance = single_machine([3, 3])
    activities = instance.activities
    activities[1].release = 2
    instance.activities = activities
    instance.reservations = [planet.RcpspReservation(resource=0, amount=1, start=3, end=7)]
    for method in planet.rcpsp_methods():
        for generator in planet.rcpsp_generators():
            result = planet.solve_rcpsp(instance, method, planet.RcpspOptions(generator=generator))
            assert result.makespan == 10, (method, generator)


def test_bad_input_is_rejected_with_the_allowed_values():
    instance = single_machine([1, 2])
    with pytest.raises(ValueError, match=r"allowed: genetic, priority, sampling"):
        planet.solve_rcpsp(instance, "tabu")
    with pytest.raises(ValueError, match="est, grpw, lft"):
        planet.solve_rcpsp(instance, "priority", planet.RcpspOptions(rule="fifo"))
    with pytest.raises(ValueError):
        planet.solve_rcpsp(instance, "priority", planet.RcpspOptions(schedules=0))
    cyclic = single_machine([1, 1, 1])
    activities = cyclic.activities
    for j in range(3):
        activities[j].successors = [(j + 1) % 3]
    cyclic.activities = activities
    with pytest.raises(ValueError):
        cyclic.check()
    with pytest.raises(ValueError):
        planet.rcpsp_decode(cyclic, "serial", [0, 1, 2])
    with pytest.raises(ValueError, match="'generatr'"):
        planet.RcpspOptions(generatr="serial")


# Periodic schedulers (test/unit/quantum-sched-test.cc)

def block_job(demand, period, length, qubits):
    """A job of one task holding `qubits` for `length` slots."""
    return planet.PeriodicJob(
        demand=demand, period=period,
        tasks=[planet.PeriodicTask(kind="link", qubits=qubits, offset=0, duration=length)],
        holds=[planet.QubitHold(qubit=q, begin=0, end=length) for q in qubits])


def test_power_of_two_period_hyperperiod_and_instances():
    assert planet.power_of_two_period(1.0, 0.01) == 64
    assert planet.power_of_two_period(1.5625, 0.01) == 64
    assert planet.power_of_two_period(100.0, 0.01) == 1
    with pytest.raises(ValueError):
        planet.power_of_two_period(200.0, 0.01)
    jobs = [block_job(0, 4, 1, [0]), block_job(1, 16, 1, [1])]
    assert planet.hyperperiod(jobs) == 16
    s = planet.PeriodicSchedule.of_jobs(jobs)
    assert len(s.instances) == 5
    assert (s.instances[3].release, s.instances[3].deadline, s.instances[4].job) == (12, 16, 1)
    with pytest.raises(ValueError):
        block_job(0, 0, 2, [0]).check(2)  # a period under one slot


def test_validator_and_stats_of_a_hand_schedule():
    jobs = [block_job(0, 4, 2, [0]), block_job(1, 8, 3, [0, 1])]
    good = planet.PeriodicSchedule.of_jobs(jobs)
    instances = good.instances
    for i, start in zip(range(3), [0, 5, 2]):  # A0 [0,2), A1 [5,7), B0 [2,5)
        instances[i].start = start
    good.instances = instances
    assert planet.validate_periodic_schedule(jobs, 2, good) == []
    instances[2].start = 1  # B0 overlaps A0 on qubit 0
    good.instances = instances
    assert planet.validate_periodic_schedule(jobs, 2, good) != []

    jobs = [block_job(0, 4, 2, [0]), block_job(1, 8, 3, [0])]
    s = planet.PeriodicSchedule.of_jobs(jobs)
    instances = s.instances
    for i, start in zip(range(3), [0, 5, 2]):
        instances[i].start = start
    s.instances = instances
    stats = planet.periodic_schedule_stats(jobs, s)
    assert stats[0].deadlinesMet and stats[0].worstResponse == 3
    assert stats[0].jitter == 0.0 and stats[0].cyclicJitter == 1.0  # starts 0, 5; P 4; H 8
    assert stats[1].worstResponse == 5 and stats[1].jitter == 0.0
    assert planet.study_start_jitter([0.0, 5.0], 4.0) == 0.0
    assert planet.cyclic_start_jitter([0.0, 5.0], 4.0, 8.0) == 1.0
    assert planet.study_start_jitter([0, 5, 8, 14], 4) == pytest.approx(42 / 27)
    with pytest.raises(ValueError, match="period"):
        planet.study_start_jitter([0.0, 1.0], 0.0)


def test_edf_schedule_and_admission_control():
    assert planet.periodic_schedulers() == [
        "PTS-NP-EDF", "RCPSP-NP-EDF", "RCPSP-NP-FPR", "PLANET-WC-EDF", "PLANET-WC-RM",
        "PLANET-RCPSP"]
    with pytest.raises(ValueError, match="PTS-NP-EDF"):
        planet.PeriodicScheduler("EDF")
    s = planet.PeriodicScheduler("RCPSP-NP-EDF").schedule(
        [block_job(0, 4, 2, [0]), block_job(1, 8, 3, [0])], 1)
    assert [s.instances[i].start for i in (0, 2, 1)] == [0, 2, 5]
    overload = [block_job(0, 4, 3, [0]), block_job(1, 8, 3, [0, 1])]
    no_fit = [block_job(0, 2, 1, [0]), block_job(1, 8, 3, [0])]
    full = [block_job(0, 4, 2, [0]), block_job(1, 8, 4, [0])]
    for name in planet.periodic_schedulers():
        scheduler = planet.PeriodicScheduler(name)
        a = scheduler.admit(overload, 2)
        assert a.accepted == [True, False] and a.reason[1].startswith("utilisation"), name
        a = scheduler.admit(no_fit, 1)
        assert a.accepted == [True, False] and a.reason[1].startswith("deadline"), name
        assert planet.validate_periodic_schedule(no_fit[:1], 1, a.schedule) == []
        assert scheduler.admit(full, 1).accepted == [True, True], name
    disjoint = [block_job(0, 4, 3, [0]), block_job(1, 4, 3, [1])]
    pts = planet.PeriodicScheduler("PTS-NP-EDF").admit(disjoint, 2)
    assert not pts.accepted[1] and pts.reason[1].startswith("utilisation of the network")
    assert planet.PeriodicScheduler("PLANET-RCPSP").admit(disjoint, 2).accepted[1]


# Physics (test/unit/quantum-physics-test.cc)

def test_werner_swap_distill_and_pumping_reference_values():
    assert planet.werner_from_fidelity(1.0) == pytest.approx(1.0, abs=1e-15)
    assert planet.werner_from_fidelity(0.25) == pytest.approx(0.0, abs=1e-15)
    assert planet.fidelity_from_werner(planet.werner_from_fidelity(0.8123)) == pytest.approx(
        0.8123, abs=1e-15)
    assert planet.swap_fidelity(0.9, 0.8) == pytest.approx(0.72 + 0.02 / 3, abs=1e-12)
    out = planet.distill(0.9, 0.9)
    assert out.fidelity == pytest.approx(0.9263959390862944, abs=1e-9)
    assert out.successProbability == pytest.approx(0.81 + 0.06 + 0.05 / 9, abs=1e-12)
    seq = planet.pumping_sequence(0.9, 0.9, 200)
    assert len(seq) == 200 and seq[-1].fidelity == pytest.approx(0.9434601571592949, abs=1e-9)
    assert planet.apply_pauli_error(1.0, 0.3) == pytest.approx(0.7, abs=1e-15)


def test_link_models_hand_values():
    optics = planet.OpticalParameters(emissionEfficiency=0.5, detectionEfficiency=0.8,
                                      emissionTime_s=1e-6, visibility=0.9)
    caps = planet.DoubleClickLink(optics).capabilities(20.0)
    p = 0.5 * (0.4 * 10 ** -0.2) ** 2
    assert len(caps) == 1 and caps[0].rate_hz == pytest.approx(p / 102e-6, abs=1e-9)
    assert caps[0].fidelity == pytest.approx(0.95, abs=1e-15)
    assert planet.attempt_time(optics, 20.0) == pytest.approx(102e-6, abs=1e-15)
    optics = planet.OpticalParameters(emissionEfficiency=0.1, detectionEfficiency=0.5,
                                      emissionTime_s=2e-6)
    link = planet.SingleClickLink(optics, [0.1, 0.3])
    caps = link.capabilities(10.0)
    pdet, t = 0.05 * 10 ** -0.1, 2 * (25e-6 + 2e-6)
    assert [c.rate_hz for c in caps] == pytest.approx([2 * 0.1 * pdet / t, 2 * 0.3 * pdet / t])
    assert [c.fidelity for c in caps] == pytest.approx([0.9, 0.7])
    with pytest.raises(ValueError):
        planet.SingleClickLink(optics, [1.5])
    with pytest.raises(ValueError):
        link.capabilities(-1)


# Protocol synthesis (test/unit/quantum-planning-test.cc)

NV_LINKS = os.path.join(REPO, "data", "quantum", "nv-link-capabilities.json")


def test_one_hop_without_storage_uses_the_fastest_good_enough_capability():
    links = planet.load_table_link(NV_LINKS)
    device, decoherence = planet.QuantumDevice(), planet.DecoherenceModel("T1T2")
    topo = planet.QuantumTopology()
    for _ in range(3):
        topo.add_node(planet.QuantumNode(storageQubits=0))
    topo.add_link(0, 1, 5)
    topo.add_link(1, 2, 5)
    r = planet.synthesise_protocol(topo, topo.shortest_path(0, 1), 0.8, links, device, decoherence)
    assert r.found, r.reason
    root = r.protocol.nodes[r.protocol.root]
    assert (root.moves, root.capability) == (0, 1)
    # the table's 0.8338 with both ends' electron-initialisation errors (bit flips, 0.025 / 2)
    flip = lambda f, q: (1 - q) * f + q * (1 - f) / 3
    assert r.protocol.fidelity == pytest.approx(flip(flip(0.8338445929403213, 0.0125), 0.0125),
                                                abs=1e-12)
    assert r.plan.fidelity >= 0.8
    # The search's cost: the exact pass completed, having built and placed a few candidates.
    assert r.exact and r.examined > 0 and r.planned > 0
    assert planet.SynthesisOptions().searchBudget > 0
    r = planet.synthesise_protocol(topo, topo.shortest_path(0, 2), 0.3, links, device, decoherence)
    assert not r.found and "no protocol fits the qubits" in r.reason


def test_unreachable_fmin_has_a_reason_and_bad_input_raises():
    links = planet.load_table_link(NV_LINKS)
    device, decoherence = planet.QuantumDevice(), planet.DecoherenceModel("T1T2")
    topo = planet.make_study_topology("h")
    route = topo.shortest_path(0, 5)
    r = planet.synthesise_protocol(topo, route, 0.99, links, device, decoherence)
    assert not r.found
    assert "0-1-4-5" in r.reason and "fmin 0.99" in r.reason and "best planned fidelity" in r.reason
    with pytest.raises(ValueError):
        planet.synthesise_protocol(topo, route, 1.5, links, device, decoherence)
    broken = planet.QuantumRoute(nodes=[0, 2, 4, 5], links=route.links, length_km=route.length_km)
    with pytest.raises(ValueError):
        planet.synthesise_protocol(topo, broken, 0.6, links, device, decoherence)
    with pytest.raises(ValueError, match="shortRouteBudget"):
        planet.synthesise_protocol(topo, route, 0.6, links, device, decoherence,
                                   planet.SynthesisOptions(shortRouteBudget=0))
    with pytest.raises(ValueError):
        planet.DecoherenceModel("Amnesia")
