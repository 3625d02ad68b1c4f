// SPDX-License-Identifier: GPL-2.0-only

#include "ns3/collective-metrics.h"
#include "ns3/collective-split.h"
#include "ns3/collective-workload.h"

#include <algorithm>
#include <cmath>
#include <gtest/gtest.h>
#include <map>
#include <random>
#include <stdexcept>
#include <tuple>

using namespace planet;

namespace
{

const auto kUnit = [](const CollectiveFlow&) { return 1.0; };

} // namespace

TEST(CollectiveWorkload, TrainingIterationsWaitForComputeAndThePreviousIteration)
{
    const Communicator comm = MakeCommunicator("contiguous", 4, 16);
    TrainingSpec spec;
    spec.iterations = 3;
    spec.gradientBytes = 1000003;
    spec.forwardS = 10;
    spec.backwardS = 20;
    spec.buckets = 4;
    FlowGraph g;
    const auto colls = AppendTraining(g, spec, RingAllReduce(), comm, 0);
    ASSERT_NO_THROW(g.Validate());
    ASSERT_EQ(colls.size(), 12u);
    // The buckets hold the gradient exactly.
    uint64_t bytes = 0;
    for (uint32_t j = 0; j < 4; ++j)
    {
        bytes += g.collectives[colls[j]].bytes;
        EXPECT_EQ(g.collectives[colls[j]].bucket, j);
        EXPECT_EQ(g.collectives[colls[4 + j]].iteration, 1u);
        EXPECT_EQ(g.collectives[colls[4 + j]].round, 4 + j);
    }
    EXPECT_EQ(bytes, spec.gradientBytes);
    // Unit-time flows: bucket j starts at forward + (j+1)/4 backward, takes 2(n-1) = 6; the last
    // bucket ends each iteration at 10 + 20 + 6 = 36 after it began.
    const Replay r = ReplayWithoutContention(g, kUnit);
    for (uint32_t j = 0; j < 4; ++j)
    {
        const CollectiveTiming t = SummariseCollective(g, colls[j], r.startS, r.finishS);
        EXPECT_DOUBLE_EQ(t.startS, 10 + 5.0 * (j + 1));
        EXPECT_DOUBLE_EQ(t.cctS, 6);
        const CollectiveTiming second = SummariseCollective(g, colls[4 + j], r.startS, r.finishS);
        EXPECT_DOUBLE_EQ(second.startS, 36 + 10 + 5.0 * (j + 1));
    }
    const TrainingTiming tt = SummariseTraining(g, 0, r.finishS);
    EXPECT_EQ(tt.iterationS, std::vector<double>(3, 36.0));
    EXPECT_DOUBLE_EQ(tt.totalS, 108);
    EXPECT_DOUBLE_EQ(tt.iterationsPerS, 3.0 / 108);
    // Flows lasting bytes / 10^4: without buckets the whole gradient waits for the backward
    // pass; with four buckets only the last quarter does (this replay ignores contention).
    auto byBytes = [](const CollectiveFlow& f) { return f.bytes / 10000.0; };
    spec.iterations = 1;
    FlowGraph one;
    spec.buckets = 1;
    AppendTraining(one, spec, RingAllReduce(), comm, 0);
    FlowGraph four;
    spec.buckets = 4;
    AppendTraining(four, spec, RingAllReduce(), comm, 0);
    const double serial = ReplayWithoutContention(one, byBytes).makespanS;
    const double overlapped = ReplayWithoutContention(four, byBytes).makespanS;
    // Serial: 30 of compute, then 6 ring steps of the largest 1/4 share (250001 B).
    EXPECT_NEAR(serial, 30 + 6 * 25.0001, 1e-6);
    // Bucketed: the last bucket (250000 B) starts at 30; its shares are 62500 B.
    EXPECT_NEAR(overlapped, 30 + 6 * 6.2500, 1e-3);
    EXPECT_LT(overlapped, serial);
}

TEST(CollectiveWorkload, TrainingRejectsBadSpecs)
{
    const Communicator comm = MakeCommunicator("contiguous", 4, 16);
    auto check = [&](TrainingSpec spec, const std::string& parameter) {
        FlowGraph g;
        try
        {
            AppendTraining(g, spec, RingAllReduce(), comm, 0);
            ADD_FAILURE() << "accepted a bad " << parameter;
        }
        catch (const std::invalid_argument& e)
        {
            EXPECT_NE(std::string(e.what()).find("'" + parameter + "'"), std::string::npos)
                << e.what();
        }
    };
    TrainingSpec good;
    good.gradientBytes = 1 << 20;
    TrainingSpec s = good;
    s.iterations = 0;
    check(s, "iterations");
    s = good;
    s.gradientBytes = 0;
    check(s, "bytes");
    s = good;
    s.backwardS = -1;
    check(s, "computeTime");
    s = good;
    s.buckets = 0;
    check(s, "buckets");
    s = good;
    s.buckets = 1 << 19; // 2-byte buckets: too small for 4 ranks
    check(s, "bytes");
}

TEST(CollectiveWorkload, SeveralJobsShareOneGraph)
{
    // Two jobs on overlapping hosts, and a third on its own: one graph, flows tagged by job.
    FlowGraph g;
    PlacementOptions o;
    o.hosts = {0, 5, 10, 15};
    const Communicator a = MakeCommunicator("explicit", 0, 16, o);
    const Communicator b = MakeCommunicator("contiguous", 8, 16);
    PlacementOptions seeded;
    seeded.seed = 99;
    const Communicator c = MakeCommunicator("random", 6, 16, seeded);
    const std::vector<const Communicator*> comms{&a, &b, &c};
    const std::vector<std::string> algorithms{"alltoall", "allreduce-hd", "allgather"};
    for (uint32_t job = 0; job < 3; ++job)
    {
        CollectiveStart start;
        start.job = job;
        AppendCollective(g, *MakeCollectiveAlgorithm(algorithms[job]), *comms[job], 4096, start);
    }
    ASSERT_NO_THROW(g.Validate());
    std::map<uint32_t, uint32_t> flowsPerJob;
    for (const CollectiveFlow& f : g.flows)
    {
        ++flowsPerJob[f.job];
        const Communicator& comm = *comms.at(f.job);
        EXPECT_EQ(f.srcHost, comm.Host(f.srcRank));
        EXPECT_EQ(f.dstHost, comm.Host(f.dstRank));
    }
    EXPECT_EQ(flowsPerJob[0], 12u);
    EXPECT_EQ(flowsPerJob[1], 8u * 6);
    EXPECT_EQ(flowsPerJob[2], 6u * 5);
    // Concurrent jobs: the makespan is the longest job's steps, not their sum.
    EXPECT_DOUBLE_EQ(ReplayWithoutContention(g, kUnit).makespanS, 6);
}

TEST(CollectiveSplit, SplitFlowsKeepBytesAndCompleteTogether)
{
    LeafSpineShape shape;
    shape.leaves = 4;
    shape.spines = 4;
    shape.hostsPerLeaf = 4;
    FlowGraph g;
    const uint64_t S = 16 * 1000 + 7;
    AppendCollective(g, RingAllReduce(), MakeCommunicator("contiguous", 16, 16), S);
    for (const std::string policy : {"auto", "3", "1"})
    {
        const SplitGraph split = SplitAndPlan(g, shape, SplitPolicy::Parse(policy));
        ASSERT_NO_THROW(split.graph.Validate());
        // Bytes per logical flow are exact; parts are numbered 0..k-1 and contiguous.
        std::vector<uint64_t> bytes(g.flows.size(), 0);
        std::vector<uint32_t> partsOf(g.flows.size(), 0);
        for (const CollectiveFlow& f : split.graph.flows)
        {
            EXPECT_EQ(f.subflow, partsOf[f.logical]++);
        }
        for (const CollectiveFlow& f : split.graph.flows)
        {
            bytes[f.logical] += f.bytes;
            const CollectiveFlow& original = g.flows[f.logical];
            EXPECT_EQ(f.step, original.step);
            EXPECT_EQ(f.srcHost, original.srcHost);
            const bool crosses = f.srcHost / 4 != f.dstHost / 4;
            if (policy == "auto")
            {
                // One flow leaves each leaf per ring step: r = 1, s / gcd(1, s) = 4 parts.
                EXPECT_EQ(f.subflows, crosses ? 4u : 1u);
                EXPECT_EQ(f.path.spine != kNoSpine, crosses);
            }
            else
            {
                EXPECT_EQ(f.subflows, policy == "3" ? 3u : 1u);
            }
            // A part depends on every part of every flow its flow depended on.
            std::map<uint32_t, uint32_t> partsOfDep;
            for (uint32_t d : f.deps)
            {
                ++partsOfDep[split.graph.flows[d].logical];
            }
            std::vector<uint32_t> logicalDeps;
            for (const auto& [logical, parts] : partsOfDep)
            {
                logicalDeps.push_back(logical);
                EXPECT_EQ(parts, partsOf[logical]);
            }
            std::vector<uint32_t> originalDeps = original.deps;
            std::sort(originalDeps.begin(), originalDeps.end());
            EXPECT_EQ(logicalDeps, originalDeps);
        }
        for (uint32_t i = 0; i < g.flows.size(); ++i)
        {
            EXPECT_EQ(bytes[i], g.flows[i].bytes);
        }
        // Same critical path in steps; every ring step is one planned group, at the bound.
        EXPECT_DOUBLE_EQ(ReplayWithoutContention(split.graph, kUnit).makespanS, 30);
        EXPECT_EQ(split.plans.size(), 30u);
        if (policy == "auto")
        {
            for (const StepPlan& p : split.plans)
            {
                EXPECT_LE(p.maxFabricLinkBytes, p.lowerBoundBytes + 1);
            }
        }
    }
}

TEST(CollectiveWorkload, EachRankStartsTheNextIterationWhenItsOwnFlowsAreDone)
{
    // Random flow durations: the first flows a rank sends in iteration 1 start exactly when the
    // last flow it sent or received in iteration 0 was delivered, plus the compute delay.
    std::mt19937_64 rng(3);
    for (const std::string name :
         {"allreduce-ring", "allreduce-hd", "allreduce-tree", "alltoall", "alltoall-pairwise"})
    {
        const Communicator comm = MakeCommunicator("contiguous", 6, 16);
        TrainingSpec spec;
        spec.iterations = 2;
        spec.gradientBytes = 1 << 16;
        spec.forwardS = 0.5;
        spec.backwardS = 2;
        spec.buckets = 2;
        FlowGraph g;
        const auto colls = AppendTraining(g, spec, *MakeCollectiveAlgorithm(name), comm, 0);
        ASSERT_NO_THROW(g.Validate());
        std::vector<double> duration(g.flows.size());
        for (double& d : duration)
        {
            d = 1 + rng() % 1000 / 100.0;
        }
        const Replay r =
            ReplayWithoutContention(g, [&](const CollectiveFlow& f) { return duration[f.id]; });
        const uint32_t secondIteration = g.collectives[colls[2]].firstFlow;
        std::vector<double> rankDone(comm.Size(), 0);
        for (uint32_t i = 0; i < secondIteration; ++i)
        {
            for (uint32_t rank : {g.flows[i].srcRank, g.flows[i].dstRank})
            {
                rankDone[rank] = std::max(rankDone[rank], r.finishS[i]);
            }
        }
        for (uint32_t j = 0; j < 2; ++j)
        {
            const CollectiveInstance& coll = g.collectives[colls[2 + j]];
            for (uint32_t i = coll.firstFlow; i < coll.firstFlow + coll.flowCount; ++i)
            {
                const CollectiveFlow& f = g.flows[i];
                bool root = true;
                for (uint32_t d : f.deps)
                {
                    root = root && d < secondIteration;
                }
                if (root)
                {
                    EXPECT_DOUBLE_EQ(r.startS[i], rankDone[f.srcRank] + 0.5 + (j + 1) * 1.0)
                        << name << " flow " << i;
                }
            }
        }
    }
}

TEST(CollectiveSplit, PlannerRecordSumsTheGroups)
{
    std::vector<StepPlan> plans(2);
    plans[0].maxFabricLinkBytes = 300;
    plans[0].lowerBoundBytes = 200;
    plans[0].ecmpMaxFabricLinkBytes = 600;
    plans[0].subflows = 8;
    plans[1].maxFabricLinkBytes = 100;
    plans[1].lowerBoundBytes = 100;
    plans[1].ecmpMaxFabricLinkBytes = 100;
    plans[1].subflows = 4;
    const nlohmann::json j = PlannerJson(plans);
    EXPECT_EQ(j.at("max_link_bytes"), 400);
    EXPECT_DOUBLE_EQ(j.at("lower_bound_bytes").get<double>(), 300);
    EXPECT_EQ(j.at("ecmp_max_link_bytes"), 700);
    EXPECT_DOUBLE_EQ(j.at("worst_ratio").get<double>(), 1.5);
    EXPECT_EQ(j.at("groups"), 2);
    EXPECT_EQ(j.at("subflows"), 12);
}

TEST(CollectiveFlowGraph, SinksCloseTheirCollective)
{
    std::mt19937_64 rng(5);
    for (const std::string& name : CollectiveAlgorithmNames())
    {
        FlowGraph g;
        const Communicator comm = MakeCommunicator("contiguous", 7, 16);
        AppendCollective(g, *MakeCollectiveAlgorithm(name, {1000, 0}), comm, 7000);
        CollectiveStart later;
        later.after = g.Sinks(0);
        AppendCollective(g, *MakeCollectiveAlgorithm(name, {1000, 0}), comm, 7000, later);
        ASSERT_NO_THROW(g.Validate());
        std::vector<double> duration(g.flows.size());
        for (double& d : duration)
        {
            d = 1 + rng() % 100;
        }
        const Replay r =
            ReplayWithoutContention(g, [&](const CollectiveFlow& f) { return duration[f.id]; });
        for (uint32_t c = 0; c < 2; ++c)
        {
            double last = 0;
            double lastSink = 0;
            const CollectiveInstance& coll = g.collectives[c];
            for (uint32_t i = coll.firstFlow; i < coll.firstFlow + coll.flowCount; ++i)
            {
                last = std::max(last, r.finishS[i]);
            }
            for (uint32_t i : g.Sinks(c))
            {
                lastSink = std::max(lastSink, r.finishS[i]);
            }
            EXPECT_EQ(lastSink, last) << name;
        }
        // The second collective starts when the first has completed.
        const CollectiveTiming first = SummariseCollective(g, 0, r.startS, r.finishS);
        const CollectiveTiming second = SummariseCollective(g, 1, r.startS, r.finishS);
        EXPECT_EQ(second.startS, first.endS) << name;
    }
    FlowGraph ring;
    AppendCollective(ring, RingAllReduce(), MakeCommunicator("contiguous", 5, 16), 500);
    const auto sinks = ring.Sinks(0);
    EXPECT_EQ(sinks.size(), 5u);
    for (uint32_t i : sinks)
    {
        EXPECT_EQ(ring.flows[i].step, 7u);
    }
}

TEST(CollectiveSplit, JobsOfOneRoundArePlannedTogether)
{
    LeafSpineShape shape;
    shape.leaves = 4;
    shape.spines = 2;
    shape.hostsPerLeaf = 4;
    PlacementOptions evens;
    PlacementOptions odds;
    for (uint32_t h = 0; h < 16; h += 2)
    {
        evens.hosts.push_back(h);
        odds.hosts.push_back(h + 1);
    }
    FlowGraph g;
    CollectiveStart second;
    second.job = 1;
    AppendCollective(g, RingAllReduce(), MakeCommunicator("explicit", 0, 16, evens), 8000);
    AppendCollective(g, RingAllReduce(), MakeCommunicator("explicit", 0, 16, odds), 8000, second);
    SplitGraph together = SplitAndPlan(g, shape, SplitPolicy::Auto());
    ASSERT_EQ(together.plans.size(), 14u); // one group per ring step, both jobs in it
    for (const StepPlan& p : together.plans)
    {
        EXPECT_EQ(p.flows, 16u);
        EXPECT_EQ(p.round, 0u);
    }
    // In separate rounds, each job's steps are planned alone.
    g.collectives[1].round = 1;
    const SplitGraph apart = SplitAndPlan(g, shape, SplitPolicy::Auto());
    ASSERT_EQ(apart.plans.size(), 28u);
    EXPECT_EQ(apart.plans.back().round, 1u);
    EXPECT_EQ(apart.plans.back().flows, 8u);
}

TEST(CollectiveSplit, PipelinedConnectionsArePlannedOnceAndDealTheirChunksOverThePaths)
{
    LeafSpineShape shape;
    shape.leaves = 4;
    shape.spines = 4;
    shape.hostsPerLeaf = 4;
    const uint64_t chunk = 1000;
    FlowGraph g;
    // 8 chunks per tree (the last one 7 bytes larger); a ring AllReduce in a later round.
    const uint32_t tree = AppendCollective(g,
                                           DoubleBinaryTreeAllReduce(chunk),
                                           MakeCommunicator("contiguous", 16, 16),
                                           16 * chunk + 14);
    ASSERT_TRUE(g.collectives[tree].pipelined);
    CollectiveStart later;
    later.round = 1;
    AppendCollective(g, RingAllReduce(), MakeCommunicator("contiguous", 16, 16), 16000, later);
    ASSERT_FALSE(g.collectives[1].pipelined);
    const SplitGraph split = SplitAndPlan(g, shape, SplitPolicy::Parse("4"));
    ASSERT_NO_THROW(split.graph.Validate());
    // The tree's stages are one group (all its flows); the ring keeps one group per step.
    ASSERT_EQ(split.plans.size(), 1u + 30u);
    EXPECT_EQ(split.plans[0].round, 0u);
    EXPECT_TRUE(split.plans[0].pipelined);
    EXPECT_EQ(split.plans[0].flows, g.collectives[tree].flowCount);
    EXPECT_FALSE(split.plans[1].pipelined);
    // Every connection of the tree that crosses the spines has 8 chunks >= k = 4 planned parts:
    // each chunk goes whole, and each part (a spine may carry several) gets a quarter of the
    // connection's bytes, give or take one chunk.
    std::map<std::pair<uint32_t, uint32_t>, std::map<uint32_t, uint64_t>> perSpine;
    std::vector<uint64_t> bytes(g.flows.size(), 0);
    for (const CollectiveFlow& f : split.graph.flows)
    {
        bytes[f.logical] += f.bytes;
        if (f.collective == tree && f.path.spine != kNoSpine)
        {
            EXPECT_EQ(f.subflows, 1u);
            perSpine[{f.srcHost, f.dstHost}][f.path.spine] += f.bytes;
        }
    }
    ASSERT_FALSE(perSpine.empty());
    for (const auto& [connection, spines] : perSpine)
    {
        uint64_t total = 0;
        for (const auto& [spine, b] : spines)
        {
            total += b;
        }
        const double quarter = total / 4.0;
        uint32_t parts = 0;
        for (const auto& [spine, b] : spines)
        {
            const uint32_t m = std::lround(b / quarter);
            EXPECT_GE(m, 1u);
            EXPECT_LE(std::abs(b - m * quarter), m * (chunk + 7.0));
            parts += m;
        }
        EXPECT_EQ(parts, 4u);
    }
    for (uint32_t i = 0; i < g.flows.size(); ++i)
    {
        EXPECT_EQ(bytes[i], g.flows[i].bytes);
    }
    // The group's figures are the parts' as dealt: recount the busiest fabric link.
    std::map<std::tuple<uint32_t, uint32_t, bool>, uint64_t> fabricLinks;
    uint64_t busiest = 0;
    for (const CollectiveFlow& f : split.graph.flows)
    {
        if (f.collective == tree && f.path.spine != kNoSpine)
        {
            busiest = std::max({busiest,
                                fabricLinks[{f.srcHost / 4, f.path.spine, true}] += f.bytes,
                                fabricLinks[{f.path.spine, f.dstHost / 4, false}] += f.bytes});
        }
    }
    EXPECT_EQ(split.plans[0].maxFabricLinkBytes, busiest);
    EXPECT_GE(split.plans[0].maxFabricLinkBytes, split.plans[0].lowerBoundBytes);
    // Three 500-byte chunks on one connection between leaves, 2 paths: 2 chunks on one path.
    LeafSpineShape pair;
    pair.leaves = 2;
    pair.spines = 2;
    pair.hostsPerLeaf = 1;
    FlowGraph broadcast;
    AppendCollective(broadcast, RingBroadcast(500, 0), MakeCommunicator("contiguous", 2, 2), 1500);
    const SplitGraph dealt = SplitAndPlan(broadcast, pair, SplitPolicy::Parse("2"));
    ASSERT_EQ(dealt.plans.size(), 1u);
    EXPECT_EQ(dealt.plans[0].maxFabricLinkBytes, 1000u);
    EXPECT_DOUBLE_EQ(dealt.plans[0].lowerBoundBytes, 750.0);
    // With fewer chunks than parts, a connection's F chunks are cut into ceil(4 / F) pieces
    // each, so that every part is used.
    FlowGraph small;
    AppendCollective(small,
                     DoubleBinaryTreeAllReduce(chunk),
                     MakeCommunicator("contiguous", 16, 16),
                     2 * chunk);
    std::map<std::pair<uint32_t, uint32_t>, uint32_t> chunks;
    for (const CollectiveFlow& f : small.flows)
    {
        ++chunks[{f.srcHost, f.dstHost}];
    }
    for (const CollectiveFlow& f : SplitAndPlan(small, shape, SplitPolicy::Parse("4")).graph.flows)
    {
        const uint32_t count = chunks.at({f.srcHost, f.dstHost});
        ASSERT_LT(count, 4u);
        EXPECT_EQ(f.subflows, (4 + count - 1) / count);
    }
}
