# SPDX-License-Identifier: GPL-2.0-only
"""The planner and the collective algorithms from Python agree with the C++ reference cases
(test/unit/collective-planner-test.cc, collective-algorithm-test.cc)."""

import collections

import pytest

import planet


def shape(leaves, spines, parallel, hosts_per_leaf):
    return planet.LeafSpineShape(leaves=leaves, spines=spines, parallelLinks=parallel,
                                 hostsPerLeaf=hosts_per_leaf)


def test_split_policy_parses_auto_and_positive_integers():
    assert planet.SplitPolicy.parse("auto").is_auto() and str(planet.SplitPolicy("auto")) == "auto"
    four = planet.SplitPolicy("4")
    assert not four.is_auto() and str(four) == "4" and str(planet.SplitPolicy(4)) == "4"
    assert four.splits_for(3, 8, False) == 4 and four.splits_for(3, 8, True) == 4
    assert planet.SplitPolicy.auto().splits_for(3, 8, False) == 8
    assert planet.SplitPolicy.auto().splits_for(3, 8, True) == 1
    with pytest.raises(ValueError, match="splits"):
        planet.SplitPolicy("many")
    with pytest.raises(ValueError, match="splits"):
        planet.SplitPolicy(0)


def test_theorem_split_makes_subflows_a_multiple_of_the_uplinks():
    cases = {(3, 2): 2, (4, 8): 2, (8, 8): 1, (6, 4): 2, (5, 8): 8, (12, 8): 2}
    for (flows, uplinks), k in cases.items():
        assert planet.theorem_splits(flows, uplinks) == k
    with pytest.raises(ValueError):
        planet.theorem_splits(0, 8)


def test_three_flows_on_two_spines_split_in_two_and_load_each_uplink_with_three():
    s = shape(4, 2, 1, 1)
    plan = planet.plan_traffic(s, [(10, 0, 0, 1, 600), (11, 0, 0, 2, 600), (12, 0, 0, 3, 600)])
    assert len(plan.subflows) == 6
    assert all(sf.count == 2 and sf.bytes == 300 for sf in plan.subflows)
    assert collections.Counter(sf.planned.spine for sf in plan.subflows) == {0: 3, 1: 3}
    assert plan.planned.linkBytes[s.leaf_up_link(0, 0)] == 900
    assert plan.planned.linkBytes[s.leaf_up_link(0, 1)] == 900
    for leaf in range(1, 4):
        assert plan.planned.linkBytes[s.spine_down_link(0, leaf)] == 300
        assert plan.planned.linkBytes[s.spine_down_link(1, leaf)] == 300
    assert (plan.busiestLeafBytes, plan.lowerBoundBytes) == (1800, 900.0)
    assert (plan.planned.maxFabricLinkBytes, plan.largestSubflowBytes) == (900, 300)
    assert [sf.flowId for sf in plan.subflows] == [10, 10, 11, 11, 12, 12]


def test_parallel_links_are_colours_too():
    s = shape(7, 2, 2, 2)
    flows = [planet.PlannerFlow(id=leaf, job=0, src=1, dst=2 * leaf, bytes=1000)
             for leaf in range(1, 7)]
    plan = planet.plan_traffic(s, flows, "auto")
    assert len(plan.subflows) == 12
    uplinks = collections.Counter(sf.planned.spine * 2 + sf.planned.upLink for sf in plan.subflows)
    assert uplinks == {0: 3, 1: 3, 2: 3, 3: 3}
    assert plan.planned.maxFabricLinkBytes == 1500 and plan.lowerBoundBytes == 1500.0


def test_splits_bytes_exactly_and_flows_within_a_leaf_cross_no_spine():
    plan = planet.plan_traffic(shape(2, 4, 1, 2), [(1, 0, 0, 2, 10), (2, 0, 1, 3, 2), (3, 0, 0, 3, 0)],
                               split=3)
    assert [(sf.count, sf.bytes) for sf in plan.subflows] == [
        (3, 4), (3, 3), (3, 3), (2, 1), (2, 1), (1, 0)]
    assert plan.largestSubflowBytes == 4

    s = shape(2, 2, 1, 4)
    flows = [(1, 0, 0, 3, 800), (2, 0, 5, 5, 100), (3, 0, 1, 6, 50)]
    plan = planet.plan_traffic(s, flows)
    assert len(plan.subflows) == 4
    assert plan.subflows[0].planned.spine == planet.NO_SPINE
    assert plan.subflows[1].planned.spine == planet.NO_SPINE
    assert plan.planned.linkBytes[s.host_up_link(0)] == 800
    assert plan.planned.linkBytes[s.host_down_link(3)] == 800
    assert plan.planned.linkBytes[s.host_up_link(5)] == 0
    assert (plan.busiestLeafBytes, plan.planned.maxFabricLinkBytes) == (50, 25)
    assert len(planet.plan_traffic(s, flows, planet.SplitPolicy.fixed(2)).subflows) == 6


def test_jobs_are_planned_together_and_auto_split_follows_the_busiest_leaf():
    plan = planet.plan_traffic(shape(3, 2, 1, 2), [(7, 1, 0, 2, 4000), (7, 2, 1, 4, 4000)])
    assert [sf.job for sf in plan.subflows] == [1, 2]
    assert plan.subflows[0].planned.spine != plan.subflows[1].planned.spine
    assert plan.planned.maxFabricLinkBytes == 4000

    plan = planet.plan_traffic(shape(4, 2, 1, 1),
                               [(1, 0, 0, 2, 900), (2, 0, 0, 3, 900), (3, 0, 1, 2, 900)])
    assert plan.busiestLeafFlows == 2 and len(plan.subflows) == 3
    assert plan.planned.maxFabricLinkBytes == 900 and plan.lowerBoundBytes == 900.0
    spines = [sf.planned.spine for sf in plan.subflows]
    assert spines[0] != spines[1] and spines[0] != spines[2]


@pytest.mark.parametrize("bad, word", [
    (shape(2, 0, 1, 1), "spines"), (shape(0, 2, 1, 1), "leaves"),
    (shape(2, 2, 0, 1), "parallelLinks")])
def test_bad_planner_input_names_the_parameter(bad, word):
    with pytest.raises(ValueError, match=word):
        planet.plan_traffic(bad, [(1, 0, 0, 1, 100)])


def test_bad_host_is_a_value_error():
    for flow in [(1, 0, 0, 2, 100), (1, 0, 9, 0, 100)]:
        with pytest.raises(ValueError, match="host out of range"):
            planet.plan_traffic(shape(2, 2, 1, 1), [flow])


def test_same_input_same_plan_and_the_seed_only_moves_ecmp():
    s = shape(8, 4, 1, 4)
    flows = [(i, i % 3, (7 * i) % 32, (13 * i + 5) % 32, 1 + (i * 7919) % 100000)
             for i in range(200)]
    a = planet.plan_traffic(s, flows, "auto", 1)
    b = planet.plan_traffic(s, flows, "auto", 1)
    c = planet.plan_traffic(s, flows, "auto", 2)
    assert [x.planned.spine for x in a.subflows] == [x.planned.spine for x in b.subflows]
    assert [x.planned.spine for x in a.subflows] == [x.planned.spine for x in c.subflows]
    assert a.planned.linkBytes == b.planned.linkBytes
    assert [x.ecmp.spine for x in a.subflows] != [x.ecmp.spine for x in c.subflows]
    # the planner keeps every link within one subflow of the spraying bound
    assert (a.planned.maxFabricLinkBytes * a.uplinksPerLeaf
            <= a.busiestLeafBytes + a.uplinksPerLeaf * a.largestSubflowBytes)


def test_colouring_is_proper():
    edges = [(0, 0), (0, 0), (0, 1), (1, 0), (1, 1), (1, 1)]
    colours = planet.colour_bipartite_multigraph(2, 2, edges, 3)
    for side in (0, 1):
        for v in (0, 1):
            used = [c for e, c in zip(edges, colours) if e[side] == v]
            assert len(used) == len(set(used))
    with pytest.raises(ValueError):
        planet.colour_bipartite_multigraph(2, 2, edges, 2)


def test_collective_registry_names_and_errors():
    assert planet.collective_algorithms() == [
        "allreduce-ring", "allreduce-hd", "allreduce-tree", "reducescatter", "allgather",
        "alltoall", "alltoall-pairwise", "broadcast", "broadcast-tree"]
    for name in planet.collective_algorithms():
        with pytest.raises(ValueError, match="'ranks'"):
            planet.expand_collective(name, 1, 1024)
    with pytest.raises(ValueError, match="'algorithm'"):
        planet.expand_collective("allreduce-magic", 4, 1024)
    with pytest.raises(ValueError):
        planet.expand_collective("allreduce-ring", 8, 7)
    with pytest.raises(IndexError):
        planet.Communicator([0, 1], 2).host(2)


@pytest.mark.parametrize("n", [2, 3, 5, 8])
def test_ring_allreduce_moves_twice_n_minus_one_shares(n):
    size = 1000 * n
    flows = planet.expand_collective("allreduce-ring", n, size)
    assert len(flows) == 2 * n * (n - 1)
    assert sum(f.bytes for f in flows) == 2 * (n - 1) * size
    assert max(f.step for f in flows) + 1 == 2 * (n - 1)
    assert {(f.src, f.dst) for f in flows} == {(r, (r + 1) % n) for r in range(n)}
    assert planet.collective_kind("allreduce-ring") == planet.CollectiveKind.AllReduce
    assert planet.bus_bw_factor(planet.CollectiveKind.AllReduce, n) == pytest.approx(2 * (n - 1) / n)


def test_ranks_are_mapped_to_communicator_hosts():
    graph = planet.FlowGraph()
    comm = planet.Communicator([7, 3, 11, 0], 16)
    index = planet.append_collective(graph, "allreduce-ring", comm, 4096,
                                     planet.CollectiveStart(job=5))
    graph.validate()
    assert index == 0
    for f in graph.flows:
        assert (f.srcHost, f.dstHost, f.job) == (comm.host(f.srcRank), comm.host(f.dstRank), 5)
    c = graph.collectives[0]
    assert (c.ranks, c.bytes, c.kind, c.algorithm) == (
        4, 4096, planet.CollectiveKind.AllReduce, "allreduce-ring")
    # with unit flow times the makespan is the number of steps
    assert planet.replay_without_contention(graph, lambda f: 1.0).makespanS == c.steps


def test_a_split_tree_keeps_its_bytes_and_its_ideal_bounds_a_contention_free_replay():
    fabric = shape(4, 4, 1, 4)
    graph = planet.FlowGraph()
    comm = planet.make_communicator("contiguous", 16, 16)
    planet.append_collective(graph, "allreduce-tree", comm, 16 * 1000, chunkBytes=1000)
    assert graph.collectives[0].pipelined
    split = planet.split_and_plan(graph, fabric, "auto")
    split.graph.validate()
    # the pipelined tree is one planned group: all its connections at once
    assert [p.pipelined for p in split.plans] == [True]
    assert split.plans[0].flows == len(graph.flows)
    delivered = collections.Counter()
    for f in split.graph.flows:
        delivered[f.logical] += f.bytes
    assert all(delivered[f.id] == f.bytes for f in graph.flows)
    # the ideal's chain is the replay in which every flow takes its own bound (unsplit graph)
    wire = planet.WireFormat()
    ideal = planet.compute_ideal_cct(graph, 0, fabric, wire)
    assert ideal.idealS == max(ideal.chainS, ideal.linkS)
    replay = planet.replay_without_contention(
        graph, lambda f: planet.compute_ideal_bound(fabric, wire,
                                                    [(f.srcHost, f.dstHost, f.bytes)]).idealS)
    assert ideal.chainS == pytest.approx(replay.makespanS, rel=1e-12)
    # a job's ideal, from time 0, is its one collective's here
    assert planet.compute_ideal_job(graph, 0, fabric, wire).idealS == pytest.approx(ideal.idealS)


def test_training_iterations_wait_for_compute():
    graph = planet.FlowGraph()
    comm = planet.make_communicator("contiguous", 4, 8)
    spec = planet.TrainingSpec(iterations=2, gradientBytes=4000, forwardS=1.0, backwardS=2.0,
                               buckets=2)
    colls = planet.append_training(graph, spec, "allreduce-hd", comm, job=1)
    assert len(colls) == 4 and {graph.collectives[c].job for c in colls} == {1}
    replay = planet.replay_without_contention(graph, lambda f: 0.0)
    timing = planet.summarise_training(graph, 1, replay.finishS)
    # with instant transfers an iteration is exactly its compute: 1 s forward + 2 s backward
    assert timing.iterationS == pytest.approx([3.0, 3.0])
    with pytest.raises(ValueError, match="buckets"):
        planet.TrainingSpec(buckets=0, gradientBytes=1, iterations=1).validate()
