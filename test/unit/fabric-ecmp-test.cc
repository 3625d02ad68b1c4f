// SPDX-License-Identifier: GPL-2.0-only

// The ECMP hash and the entropy search: for random seeds and fabrics, the entropy found makes
// every switch on the path pick the planned port; the search returns the first such entropy
// (checked against a scan of the whole space) and reports when there is none.

#include "ns3/fabric-ecmp.h"

#include <gtest/gtest.h>
#include <random>
#include <stdexcept>

using namespace planet;

namespace
{

EcmpFabric
RandomFabric(std::mt19937& rng, uint32_t spines, uint32_t parallel)
{
    EcmpFabric f;
    f.shape.leaves = 4;
    f.shape.hostsPerLeaf = 3;
    f.shape.spines = spines;
    f.shape.parallelLinks = parallel;
    for (uint32_t l = 0; l < f.shape.leaves; ++l)
    {
        f.leafSeeds.push_back(rng());
    }
    for (uint32_t s = 0; s < f.shape.spines; ++s)
    {
        f.spineSeeds.push_back(rng());
    }
    return f;
}

} // namespace

TEST(Ecmp, MemberIsInRangeAndDependsOnEveryInput)
{
    const uint32_t base = EcmpMember(1, 2, 3, 4, 1000003);
    EXPECT_LT(base, 1000003u);
    EXPECT_NE(EcmpMember(9, 2, 3, 4, 1000003), base);
    EXPECT_NE(EcmpMember(1, 9, 3, 4, 1000003), base);
    EXPECT_NE(EcmpMember(1, 2, 9, 4, 1000003), base);
    EXPECT_NE(EcmpMember(1, 2, 3, 9, 1000003), base);
    EXPECT_EQ(EcmpMember(1, 2, 3, 4, 1), 0u);
}

TEST(Ecmp, ChosenEntropyMakesEverySwitchOnThePathPickThePlannedPort)
{
    std::mt19937 rng(20261127);
    for (const auto& [spines, parallel] :
         std::vector<std::pair<uint32_t, uint32_t>>{{8, 1}, {4, 2}, {2, 4}, {16, 3}})
    {
        for (int trial = 0; trial < 200; ++trial)
        {
            const EcmpFabric f = RandomFabric(rng, spines, parallel);
            const LeafSpineShape& s = f.shape;
            const uint32_t src = rng() % s.Hosts();
            uint32_t dst = rng() % s.Hosts();
            while (s.LeafOf(dst) == s.LeafOf(src))
            {
                dst = rng() % s.Hosts();
            }
            const uint32_t pathId = rng() % (4 * s.UplinksPerLeaf());
            const uint32_t e = PathEntropy(f, src, dst, pathId, rng());
            ASSERT_LT(e, kEntropySpace);
            // What the switches do with it: the source leaf hashes among its uplinks, the
            // spine of that uplink among its parallel links to the destination leaf.
            const uint32_t uplink =
                EcmpMember(f.leafSeeds[s.LeafOf(src)], src, dst, e, s.UplinksPerLeaf());
            EXPECT_EQ(uplink, pathId % s.UplinksPerLeaf()) << "leaf uplink";
            const uint32_t spine = uplink / parallel;
            EXPECT_EQ(spine, (pathId % s.UplinksPerLeaf()) / parallel) << "spine";
            EXPECT_EQ(EcmpMember(f.spineSeeds[spine], src, dst, e, parallel), pathId % parallel)
                << "spine downlink";
        }
    }
}

TEST(Ecmp, SearchFindsTheFirstEntropyInOrderAsAFullScanDoes)
{
    std::mt19937 rng(7);
    auto draw = [&rng](uint32_t n) { return static_cast<uint32_t>(rng() % n); };
    const uint32_t space = 512;
    for (int trial = 0; trial < 300; ++trial)
    {
        const std::vector<HashTarget> targets{{static_cast<uint32_t>(rng()), 8, draw(8)},
                                              {static_cast<uint32_t>(rng()), 3, draw(3)}};
        const uint32_t src = rng() % 100;
        const uint32_t dst = rng() % 100;
        const uint32_t start = rng();
        std::optional<uint32_t> first;
        for (uint32_t k = 0; k < space && !first; ++k)
        {
            const uint32_t e = (start % space + k) % space;
            bool all = true;
            for (const HashTarget& t : targets)
            {
                all = all && EcmpMember(t.seed, src, dst, e, t.members) == t.member;
            }
            if (all)
            {
                first = e;
            }
        }
        EXPECT_EQ(FindEntropy(targets, src, dst, start, space), first);
    }
    // A member out of range is never picked: no entropy works.
    EXPECT_FALSE(FindEntropy({{1, 4, 4}}, 0, 1, 0, space).has_value());
    // No switch chooses: the first entropy searched.
    EXPECT_EQ(FindEntropy({}, 0, 1, 700, space), 700u % space);
}

TEST(Ecmp, PathTargets)
{
    std::mt19937 rng(3);
    const EcmpFabric f = RandomFabric(rng, 4, 2);
    EXPECT_TRUE(PathTargets(f, 0, 1, 5).empty()) << "within a leaf no switch chooses";
    const std::vector<HashTarget> t = PathTargets(f, 0, 3, 5); // uplink 5: spine 2, link 1
    ASSERT_EQ(t.size(), 2u);
    EXPECT_EQ(t[0].seed, f.leafSeeds[0]);
    EXPECT_EQ(t[0].members, 8u);
    EXPECT_EQ(t[0].member, 5u);
    EXPECT_EQ(t[1].seed, f.spineSeeds[2]);
    EXPECT_EQ(t[1].members, 2u);
    EXPECT_EQ(t[1].member, 1u);
    EXPECT_THROW(PathTargets(f, 0, f.shape.Hosts(), 0), std::invalid_argument);
    EcmpFabric missing = f;
    missing.spineSeeds.pop_back();
    EXPECT_THROW(PathTargets(missing, 0, 3, 0), std::invalid_argument);
}
