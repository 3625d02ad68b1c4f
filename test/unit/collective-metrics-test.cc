// SPDX-License-Identifier: GPL-2.0-only

#include "ns3/collective-algorithm.h"
#include "ns3/collective-metrics.h"

#include <gtest/gtest.h>
#include <stdexcept>

using namespace planet;

namespace
{

LeafSpineShape
Shape()
{
    LeafSpineShape shape;
    shape.leaves = 4;
    shape.spines = 4;
    shape.hostsPerLeaf = 4;
    shape.hostRateBps = 100e9;
    shape.fabricRateBps = 100e9;
    shape.linkDelayS = 1e-6;
    return shape;
}

FlowGraph
Ring(uint32_t n, uint64_t bytes)
{
    FlowGraph g;
    AppendCollective(g, RingAllReduce(), MakeCommunicator("contiguous", n, Shape().Hosts()), bytes);
    return g;
}

} // namespace

TEST(CollectiveMetrics, BusBandwidthFactorsAreNcclTests)
{
    EXPECT_DOUBLE_EQ(BusBwFactor(CollectiveKind::AllReduce, 8), 2.0 * 7 / 8);
    EXPECT_DOUBLE_EQ(BusBwFactor(CollectiveKind::ReduceScatter, 8), 7.0 / 8);
    EXPECT_DOUBLE_EQ(BusBwFactor(CollectiveKind::AllGather, 5), 4.0 / 5);
    EXPECT_DOUBLE_EQ(BusBwFactor(CollectiveKind::AllToAll, 16), 15.0 / 16);
    EXPECT_DOUBLE_EQ(BusBwFactor(CollectiveKind::Broadcast, 16), 1.0);
    EXPECT_DOUBLE_EQ(AlgBwBps(1000, 0.5), 2000.0);
    EXPECT_DOUBLE_EQ(BusBwBps(CollectiveKind::AllReduce, 4, 1000, 0.5), 3000.0);
    EXPECT_THROW(AlgBwBps(1000, 0), std::invalid_argument);
    // A ring AllReduce at the analytic bound runs its links at full rate: busbw = B / 8.
    const double t = AnalyticRingAllReduceS(16, 64 << 20, 100e9);
    EXPECT_DOUBLE_EQ(BusBwBps(CollectiveKind::AllReduce, 16, 64 << 20, t), 100e9 / 8);
}

TEST(CollectiveMetrics, RingIdealEqualsTheAnalyticFormula)
{
    const LeafSpineShape shape = Shape();
    const WireFormat wire;
    const double packet = wire.WireBytes(wire.mtuBytes) * 8 / 100e9;
    const double within = 2 * shape.linkDelayS + packet;     // host -> leaf -> host
    const double across = 4 * shape.linkDelayS + 3 * packet; // through a spine
    for (uint32_t n : {4u, 8u, 16u})
    {
        const uint64_t S = uint64_t{n} * 3 * 4096 * 7;
        const uint64_t share = S / n;
        const FlowGraph g = Ring(n, S);
        const IdealCct ideal = ComputeIdealCct(g, 0, shape, wire);
        const double wireShare = (share + ((share + 4095) / 4096) * 82.0) * 8 / 100e9;
        const double latency = n == 4 ? within : across; // 4 hosts per leaf
        ASSERT_EQ(ideal.stepS.size(), 2 * (n - 1));
        // The chain: a connection sends its 2(n-1) shares one after the other, so the longest
        // chain stays on a connection between leaves (if any).
        EXPECT_NEAR(ideal.chainS, 2 * (n - 1) * (wireShare + latency), 1e-12) << n;
        // The links: every host link carries 2(n-1) shares, less than the chain.
        EXPECT_NEAR(ideal.transferS, 2 * (n - 1) * wireShare, 1e-12) << n;
        EXPECT_LT(ideal.linkS, ideal.chainS);
        EXPECT_DOUBLE_EQ(ideal.idealS, ideal.chainS);
        // Every step alone: one share plus the longest path the step uses.
        for (double stepS : ideal.stepS)
        {
            EXPECT_NEAR(stepS, wireShare + latency, 1e-12);
        }
        // Without framing, the transfer part is the analytic 2(n-1)/n S / B.
        WireFormat bare;
        bare.overheadBytes = 0;
        const IdealCct payload = ComputeIdealCct(g, 0, shape, bare);
        EXPECT_NEAR(payload.transferS, AnalyticRingAllReduceS(n, S, 100e9), 1e-15);
    }
    // With a remainder, share 0 (one byte larger) moves in every step through every host link.
    WireFormat bare;
    bare.overheadBytes = 0;
    const IdealCct odd = ComputeIdealCct(Ring(4, 4 * 4096 + 1), 0, shape, bare);
    EXPECT_NEAR(odd.transferS, (6 * 4096 + 2) * 8 / 100e9, 1e-15);
}

TEST(CollectiveMetrics, PipelinedTreeIdealIsTheLargerOfChainAndBusiestLink)
{
    // Double binary tree over 16 ranks: an inner node of tree 0 with two children sends every
    // chunk up and down twice (3 halves of S), and once up tree 1 where it is a leaf: its host
    // link carries 2 S.
    const LeafSpineShape shape = Shape();
    WireFormat bare;
    bare.overheadBytes = 0;
    const auto ideal = [&](uint64_t chunk, uint64_t bytes) {
        FlowGraph g;
        AppendCollective(g,
                         DoubleBinaryTreeAllReduce(chunk),
                         MakeCommunicator("contiguous", 16, 16),
                         bytes);
        return ComputeIdealCct(g, 0, shape, bare);
    };
    // Large chunks: the busiest link decides.
    const uint64_t mb = 1 << 20;
    const IdealCct large = ideal(mb, 32 * mb);
    EXPECT_NEAR(large.transferS, 2.0 * 32 * mb * 8 / 100e9, 1e-15);
    EXPECT_GT(large.linkS, large.chainS);
    EXPECT_DOUBLE_EQ(large.idealS, large.linkS);
    // Small chunks: each chunk waits for the one before it on its connection, so the chain of
    // 64 chunks, each paying a path latency, decides.
    const IdealCct small = ideal(512, 64 * 1024);
    EXPECT_GT(small.chainS, small.linkS);
    EXPECT_GT(small.chainS, 64 * 2 * shape.linkDelayS);
    EXPECT_DOUBLE_EQ(small.idealS, small.chainS);
}

TEST(CollectiveMetrics, AllToAllIdealIsBoundByHostOrFabricLinks)
{
    // 16 ranks on 4 leaves, 2 spines (2:1 oversubscribed): each leaf sends 4 x 12 shares across,
    // over 2 uplinks; each host sends 15 shares. The uplinks are the bottleneck.
    LeafSpineShape shape = Shape();
    shape.spines = 2;
    FlowGraph g;
    const uint64_t S = 16 * 4096;
    AppendCollective(g, AllToAll(), MakeCommunicator("contiguous", 16, 16), S);
    WireFormat bare;
    bare.overheadBytes = 0;
    const IdealCct ideal = ComputeIdealCct(g, 0, shape, bare);
    ASSERT_EQ(ideal.stepS.size(), 1u);
    EXPECT_NEAR(ideal.transferS, 4.0 * 12 * 4096 / 2 * 8 / 100e9, 1e-15);
    shape.spines = 8; // now the host links: 15 shares each
    EXPECT_NEAR(ComputeIdealCct(g, 0, shape, bare).transferS, 15.0 * 4096 * 8 / 100e9, 1e-15);
}

TEST(CollectiveMetrics, SummaryAddsStepsUpToTheCompletionTime)
{
    const FlowGraph g = Ring(8, 8 * 1000);
    // Unit-time flows, the collective released at t = 2.5: 14 steps of exactly 1.
    FlowGraph delayed = g;
    for (auto& f : delayed.flows)
    {
        if (f.deps.empty())
        {
            f.startDelayS = 2.5;
        }
    }
    const Replay replay =
        ReplayWithoutContention(delayed, [](const CollectiveFlow&) { return 1.0; });
    const CollectiveTiming t = SummariseCollective(delayed, 0, replay.startS, replay.finishS);
    EXPECT_DOUBLE_EQ(t.startS, 2.5);
    EXPECT_DOUBLE_EQ(t.endS, 16.5);
    EXPECT_DOUBLE_EQ(t.cctS, 14.0);
    EXPECT_EQ(t.stepS, std::vector<double>(14, 1.0));
    // Durations proportional to bytes: a flow twice as long in step 3 delays steps >= 3.
    const Replay slow = ReplayWithoutContention(g, [](const CollectiveFlow& f) {
        return f.step == 3 && f.srcRank == 0 ? 2.0 : 1.0;
    });
    const CollectiveTiming s = SummariseCollective(g, 0, slow.startS, slow.finishS);
    EXPECT_DOUBLE_EQ(s.stepS[3], 2.0);
    EXPECT_DOUBLE_EQ(s.cctS, 15.0);
    EXPECT_THROW(SummariseCollective(g, 0, {}, {}), std::invalid_argument);
}

TEST(CollectiveMetrics, ReportCarriesTheRecordFields)
{
    const FlowGraph g = Ring(8, 8 * 4096);
    // Every flow as long as its share at 100 Gbit/s, no contention: the ring's CCT.
    const Replay r =
        ReplayWithoutContention(g, [](const CollectiveFlow& f) { return f.bytes * 8 / 100e9; });
    const CollectiveTiming t = SummariseCollective(g, 0, r.startS, r.finishS);
    WireFormat bare;
    bare.overheadBytes = 0;
    LeafSpineShape shape = Shape();
    shape.linkDelayS = 0;
    const IdealCct ideal = ComputeIdealCct(g, 0, shape, bare);
    const nlohmann::json j = ToJson(ReportCollective(g, 0, t, ideal));
    EXPECT_EQ(j.at("algorithm"), "allreduce-ring");
    EXPECT_EQ(j.at("kind"), "allreduce");
    EXPECT_EQ(j.at("ranks"), 8);
    EXPECT_EQ(j.at("bytes"), 8 * 4096);
    EXPECT_EQ(j.at("steps"), 14);
    EXPECT_EQ(j.at("step_s").size(), 14u);
    EXPECT_NEAR(j.at("cct_s").get<double>(), 14 * 4096 * 8 / 100e9, 1e-15);
    // Every host link at full rate.
    EXPECT_NEAR(j.at("busbw_Bps").get<double>(), 100e9 / 8, 1e-3);
    EXPECT_NEAR(j.at("algbw_Bps").get<double>(), 100e9 / 8 / (14.0 / 8), 1e-3);
    // The ideal is the chain of the 14 shares over a connection between the two leaves of ranks
    // 0-7, each adding 3 store-and-forward packets of 4096 B: 4 times the share's transfer.
    EXPECT_NEAR(j.at("cct_over_ideal").get<double>(), 0.25, 1e-12);
}
