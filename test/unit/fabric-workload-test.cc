// SPDX-License-Identifier: GPL-2.0-only

#include "ns3/fabric-workload.h"

#include <gtest/gtest.h>
#include <random>
#include <set>
#include <sstream>
#include <stdexcept>

using namespace planet;

namespace
{

UniformIndex
Seeded(uint32_t seed)
{
    auto engine = std::make_shared<std::mt19937>(seed);
    return
        [engine](uint32_t n) { return std::uniform_int_distribution<uint32_t>(0, n - 1)(*engine); };
}

TrafficMatrix
Parse(const std::string& text)
{
    std::istringstream in(text);
    return ParseTrafficMatrix(in, "tm.txt");
}

std::string
ErrorOf(const std::string& text)
{
    try
    {
        Parse(text);
    }
    catch (const std::invalid_argument& e)
    {
        return e.what();
    }
    return "";
}

} // namespace

TEST(TrafficMatrix, SimpleLines)
{
    const TrafficMatrix m = Parse("# src dst bytes start\n0 1 1000\n\n2 3 500 0.25  # late\n");
    ASSERT_EQ(m.flows.size(), 2u);
    EXPECT_EQ(m.hosts, 0u);
    EXPECT_EQ(m.flows[0].src, 0u);
    EXPECT_EQ(m.flows[0].dst, 1u);
    EXPECT_EQ(m.flows[0].bytes, 1000u);
    EXPECT_EQ(m.flows[0].startS, 0.0);
    EXPECT_EQ(m.flows[1].id, 1u);
    EXPECT_EQ(m.flows[1].startS, 0.25);
    EXPECT_EQ(m.flows[1].trigger, 0u);
}

TEST(TrafficMatrix, HtsimLinesWithTriggers)
{
    const TrafficMatrix m = Parse("Nodes 128\nConnections 2\nTriggers 1\n"
                                  "14->46 id 1 start 2000000 size 62500 send_done_trigger 1\n"
                                  "46->71 id 2 trigger 1 size 62500\n"
                                  "trigger id 1 oneshot\n");
    EXPECT_EQ(m.hosts, 128u);
    ASSERT_EQ(m.flows.size(), 2u);
    EXPECT_EQ(m.flows[0].src, 14u);
    EXPECT_EQ(m.flows[0].dst, 46u);
    EXPECT_EQ(m.flows[0].id, 1u);
    EXPECT_DOUBLE_EQ(m.flows[0].startS, 2e-6); // picoseconds
    EXPECT_EQ(m.flows[0].sendDoneTrigger, 1u);
    EXPECT_EQ(m.flows[1].trigger, 1u);
    EXPECT_EQ(m.flows[1].sendDoneTrigger, 0u);
}

TEST(TrafficMatrix, ErrorsNameFileAndLine)
{
    EXPECT_EQ(ErrorOf("0 1 100\n0 x 100\n"),
              "tm.txt:2: destination host 'x' is not a non-negative integer");
    EXPECT_EQ(ErrorOf("0 1\n"), ErrorOf("0 1\n")); // deterministic
    EXPECT_NE(ErrorOf("0 1\n").find("tm.txt:1: expected 'src dst bytes [start_s]'"),
              std::string::npos);
    EXPECT_NE(ErrorOf("\n1->2 id 3 size 10 colour red\n").find("tm.txt:2: unknown field 'colour'"),
              std::string::npos);
    EXPECT_NE(ErrorOf("1->2 id 3\n").find("tm.txt:1: a flow needs"), std::string::npos);
    EXPECT_NE(ErrorOf("0 1 10 -3\n").find("tm.txt:1: start time"), std::string::npos);
    EXPECT_THROW(ReadTrafficMatrix("/nonexistent/tm"), std::invalid_argument);
}

TEST(TrafficMatrix, ReadsTheAnchorFiles)
{
    const TrafficMatrix perm =
        ReadTrafficMatrix(std::string(PLANET_DATA_DIR) + "/fabric/perm128_8MB.cm");
    EXPECT_EQ(perm.hosts, 128u);
    EXPECT_EQ(perm.flows.size(), 128u);
}

TEST(TrafficMatrix, HostsOutOfRange)
{
    const TrafficMatrix m = Parse("0 7 10\n");
    EXPECT_NO_THROW(CheckFlowHosts(m.flows, 8, "tm.txt"));
    EXPECT_THROW(CheckFlowHosts(m.flows, 7, "tm.txt"), std::invalid_argument);
}

TEST(Workloads, PermutationIsADerangementAndReproducible)
{
    for (uint32_t hosts : {2u, 3u, 16u, 128u})
    {
        const auto a = PermutationWorkload(hosts, 42, Seeded(7));
        const auto b = PermutationWorkload(hosts, 42, Seeded(7));
        ASSERT_EQ(a.size(), hosts);
        std::set<uint32_t> receivers;
        for (uint32_t i = 0; i < hosts; ++i)
        {
            EXPECT_EQ(a[i].src, i);
            EXPECT_NE(a[i].dst, i);
            EXPECT_EQ(a[i].bytes, 42u);
            EXPECT_EQ(a[i].dst, b[i].dst);
            receivers.insert(a[i].dst);
        }
        EXPECT_EQ(receivers.size(), hosts);
    }
    const auto x = PermutationWorkload(128, 1, Seeded(1));
    const auto y = PermutationWorkload(128, 1, Seeded(2));
    bool differ = false;
    for (uint32_t i = 0; i < 128; ++i)
    {
        differ = differ || x[i].dst != y[i].dst;
    }
    EXPECT_TRUE(differ);
    EXPECT_THROW(PermutationWorkload(1, 1, Seeded(1)), std::invalid_argument);
}

TEST(Workloads, IncastHasDistinctSendersAndOneReceiver)
{
    const auto flows = IncastWorkload(32, 31, 100, Seeded(3));
    ASSERT_EQ(flows.size(), 31u);
    std::set<uint32_t> senders;
    for (const auto& f : flows)
    {
        EXPECT_EQ(f.dst, flows[0].dst);
        EXPECT_NE(f.src, f.dst);
        senders.insert(f.src);
    }
    EXPECT_EQ(senders.size(), 31u);
    EXPECT_THROW(IncastWorkload(32, 32, 100, Seeded(3)), std::invalid_argument);
    EXPECT_THROW(IncastWorkload(32, 0, 100, Seeded(3)), std::invalid_argument);
}

TEST(Workloads, AllToAll)
{
    const auto flows = AllToAllWorkload(5, 9);
    ASSERT_EQ(flows.size(), 20u);
    std::set<std::pair<uint32_t, uint32_t>> pairs;
    for (const auto& f : flows)
    {
        EXPECT_NE(f.src, f.dst);
        pairs.insert({f.src, f.dst});
    }
    EXPECT_EQ(pairs.size(), 20u);
    const auto fabric = ToFabricFlows(flows);
    ASSERT_EQ(fabric.size(), 20u);
    EXPECT_EQ(fabric[3].bytes, 9u);
}

TEST(IdealBound, ShortPathsIntoTheBottleneckCountOnce)
{
    // Incast into host 3 from host 2 (same leaf, 2 hops) and host 0 (other leaf, 4 hops): the
    // receiver's link can start as soon as host 2's first packet arrives, one hop in.
    LeafSpineShape shape;
    shape.leaves = 2;
    shape.spines = 2;
    shape.hostsPerLeaf = 2;
    WireFormat wire{1000, 0};
    const IdealBound b =
        ComputeIdealBound(shape, wire, ToFabricFlows({{0, 0, 3, 1000000}, {1, 2, 3, 1000000}}));
    const double p = 1000 * 8 / 100e9;
    EXPECT_EQ(b.bottleneckLink, shape.HostDownLink(3));
    EXPECT_NEAR(b.transferS, 2e6 * 8 / 100e9, 1e-15);
    EXPECT_NEAR(b.latencyS, (1e-6 + p) + 1e-6, 1e-15); // in from host 2, out one hop
    // A flow smaller than a packet is serialised as what it is.
    const IdealBound small = ComputeIdealBound(shape, wire, ToFabricFlows({{0, 0, 3, 100}}));
    EXPECT_NEAR(small.idealS, 4e-6 + 4 * 100 * 8 / 100e9, 1e-15);
}
