// SPDX-License-Identifier: GPL-2.0-only

#include "ns3/fabric-leaf-spine.h"

#include <gtest/gtest.h>
#include <set>
#include <stdexcept>

using namespace planet;

TEST(LeafSpineShape, LinkIndicesAreABijection)
{
    LeafSpineShape shape;
    shape.leaves = 3;
    shape.spines = 2;
    shape.hostsPerLeaf = 4;
    shape.parallelLinks = 2;
    std::set<uint32_t> seen;
    std::set<std::string> names;
    for (uint32_t h = 0; h < shape.Hosts(); ++h)
    {
        seen.insert(shape.HostUpLink(h));
        seen.insert(shape.HostDownLink(h));
        EXPECT_EQ(shape.Link(shape.HostUpLink(h)).host, h);
        EXPECT_EQ(shape.Link(shape.HostDownLink(h)).kind, LinkKind::HostDown);
    }
    for (uint32_t l = 0; l < shape.leaves; ++l)
    {
        for (uint32_t s = 0; s < shape.spines; ++s)
        {
            for (uint32_t p = 0; p < shape.parallelLinks; ++p)
            {
                const FabricLink up = shape.Link(shape.LeafUpLink(l, s, p));
                const FabricLink down = shape.Link(shape.SpineDownLink(s, l, p));
                EXPECT_EQ(up.kind, LinkKind::LeafUp);
                EXPECT_EQ(down.kind, LinkKind::SpineDown);
                EXPECT_EQ(up.leaf, l);
                EXPECT_EQ(up.spine, s);
                EXPECT_EQ(up.parallel, p);
                EXPECT_EQ(down.leaf, l);
                EXPECT_EQ(down.spine, s);
                EXPECT_EQ(down.parallel, p);
                seen.insert(shape.LeafUpLink(l, s, p));
                seen.insert(shape.SpineDownLink(s, l, p));
            }
        }
    }
    EXPECT_EQ(seen.size(), shape.LinkCount());
    EXPECT_EQ(*seen.rbegin(), shape.LinkCount() - 1);
    for (uint32_t i = 0; i < shape.LinkCount(); ++i)
    {
        names.insert(shape.LinkName(i));
    }
    EXPECT_EQ(names.size(), shape.LinkCount());
    EXPECT_EQ(shape.LinkName(shape.LeafUpLink(2, 1, 1)), "leaf2->spine1.1");
    EXPECT_THROW(shape.Link(shape.LinkCount()), std::out_of_range);
}

TEST(LeafSpineShape, OversubscriptionAndValidation)
{
    LeafSpineShape shape;
    EXPECT_DOUBLE_EQ(shape.Oversubscription(), 1.0);
    shape.spines = 2;
    EXPECT_DOUBLE_EQ(shape.Oversubscription(), 4.0);
    shape.spines = 0;
    try
    {
        shape.Validate();
        FAIL() << "zero spines accepted";
    }
    catch (const std::invalid_argument& e)
    {
        EXPECT_NE(std::string(e.what()).find("'spines'"), std::string::npos) << e.what();
    }
}

TEST(WireFormat, FramingPerPacket)
{
    WireFormat wire{9000, 82};
    EXPECT_EQ(wire.Packets(1), 1u);
    EXPECT_EQ(wire.Packets(9000), 1u);
    EXPECT_EQ(wire.Packets(9001), 2u);
    EXPECT_EQ(wire.WireBytes(8000000), 8000000u + 889u * 82u);
    EXPECT_EQ(wire.WireBytes(0), 82u); // an empty message still sends one packet
}

TEST(IdealBound, PermutationOnNonBlockingFabricIsHostLimited)
{
    LeafSpineShape shape; // 16 x 8 hosts, 8 spines, 100 Gbps, 1 us
    WireFormat wire{9000, 82};
    std::vector<FabricFlow> flows;
    for (uint32_t h = 0; h < shape.Hosts(); ++h)
    {
        flows.push_back({h, (h + 8) % shape.Hosts(), 8000000}); // every flow leaves its leaf
    }
    const IdealBound b = ComputeIdealBound(shape, wire, flows);
    const double wireBytes = wire.WireBytes(8000000);
    // 8 hosts per leaf send over 8 uplinks: each uplink carries one host's worth, like a host
    // link, so the bound is one flow's wire bytes at 100 Gbps.
    EXPECT_DOUBLE_EQ(b.maxLinkBytes, wireBytes);
    EXPECT_NEAR(b.transferS, wireBytes * 8 / 100e9, 1e-15);
    // Latency: 4 hops of 1 us and 3 store-and-forward packets of 9082 B on the wire (the short
    // last packet leaves the host 640 us later: too late to overtake the first).
    EXPECT_NEAR(b.latencyS, 4e-6 + 3 * 9082 * 8 / 100e9, 1e-15);
    EXPECT_DOUBLE_EQ(b.idealS, b.transferS + b.latencyS);
    double sum = 0;
    for (double x : b.linkBytes)
    {
        sum += x;
    }
    EXPECT_NEAR(sum, 4 * wireBytes * shape.Hosts(), 1e-3); // every byte crosses four links
}

TEST(IdealBound, IncastIsLimitedByTheReceiverAndUplinkSharesAreFractional)
{
    LeafSpineShape shape;
    shape.leaves = 2;
    shape.spines = 3;
    shape.hostsPerLeaf = 2;
    WireFormat wire{1000, 0};
    // hosts 0 and 1 (leaf 0) and 2 (leaf 1) send to host 3 (leaf 1)
    const IdealBound b = ComputeIdealBound(shape, wire, {{0, 3, 3000}, {1, 3, 3000}, {2, 3, 6000}});
    EXPECT_EQ(b.bottleneckLink, shape.HostDownLink(3));
    EXPECT_DOUBLE_EQ(b.maxLinkBytes, 12000);
    EXPECT_DOUBLE_EQ(b.linkBytes[shape.LeafUpLink(0, 2)], 2000);
    EXPECT_DOUBLE_EQ(b.linkBytes[shape.SpineDownLink(1, 1)], 2000);
    EXPECT_DOUBLE_EQ(b.linkBytes[shape.LeafUpLink(1, 0)], 0); // intra-leaf flow uses no spine
    EXPECT_THROW(ComputeIdealBound(shape, wire, {{0, 4, 1}}), std::invalid_argument);
}

TEST(IdealBound, SlowUplinksBecomeTheBottleneck)
{
    LeafSpineShape shape;
    shape.leaves = 2;
    shape.spines = 1;
    shape.hostsPerLeaf = 4;
    shape.fabricRateBps = 100e9; // 4:1 oversubscribed
    WireFormat wire{1000, 0};
    std::vector<FabricFlow> flows;
    for (uint32_t h = 0; h < 4; ++h)
    {
        flows.push_back({h, h + 4, 1000000});
    }
    const IdealBound b = ComputeIdealBound(shape, wire, flows);
    EXPECT_EQ(b.bottleneckLink, shape.LeafUpLink(0, 0));
    EXPECT_NEAR(b.transferS, 4e6 * 8 / 100e9, 1e-15);
}

TEST(IdealBound, ASprayedShortLastPacketMayOvertakeTheFirst)
{
    // 5000 B over 4 hops (2 leaves of 1 host): a full packet and a 904-byte one. Sprayed over
    // two spines, the short one, sent right after the full one, can reach the last link first:
    // 4178 + 986 B leave the host, then 1 us + 3 x (986 B + 1 us).
    LeafSpineShape shape;
    shape.leaves = 2;
    shape.spines = 2;
    shape.hostsPerLeaf = 1;
    const WireFormat wire{4096, 82};
    const double byte = 8 / 100e9;
    const IdealBound b = ComputeIdealBound(shape, wire, {{0, 1, 5000}});
    const double in = (4178 + 986) * byte + 1e-6 + 2 * (986 * byte + 1e-6);
    EXPECT_LT(in, 3 * (4178 * byte + 1e-6)); // earlier than the full packet could arrive
    EXPECT_NEAR(b.idealS, in + (4178 + 986) * byte + 1e-6, 1e-15);
}
