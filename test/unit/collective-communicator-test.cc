// SPDX-License-Identifier: GPL-2.0-only

#include "ns3/collective-communicator.h"

#include <gtest/gtest.h>
#include <set>
#include <stdexcept>
#include <string>

using namespace planet;

namespace
{

/// The message of the invalid_argument f throws (fails the test if it throws nothing).
template <class F>
std::string
ErrorOf(F f)
{
    try
    {
        f();
    }
    catch (const std::invalid_argument& e)
    {
        return e.what();
    }
    ADD_FAILURE() << "no std::invalid_argument thrown";
    return "";
}

bool
Names(const std::string& message, const std::string& parameter)
{
    return message.find("'" + parameter + "'") != std::string::npos;
}

} // namespace

TEST(Communicator, ContiguousAndExplicit)
{
    PlacementOptions from3;
    from3.firstHost = 3;
    const Communicator c = MakeCommunicator("contiguous", 4, 16, from3);
    EXPECT_EQ(c.Hosts(), (std::vector<uint32_t>{3, 4, 5, 6}));
    EXPECT_EQ(c.Size(), 4u);
    EXPECT_EQ(c.FabricHosts(), 16u);
    PlacementOptions o;
    o.hosts = {9, 2, 14};
    EXPECT_EQ(MakeCommunicator("explicit", 0, 16, o).Hosts(), o.hosts);
    EXPECT_EQ(MakeCommunicator("explicit", 3, 16, o).Hosts(), o.hosts);
    EXPECT_TRUE(Names(ErrorOf([&] { MakeCommunicator("explicit", 4, 16, o); }), "ranks"));
    EXPECT_TRUE(Names(ErrorOf([&] { MakeCommunicator("explicit", 3, 10, o); }), "hosts"));
    o.hosts = {1, 5, 1};
    const std::string dup = ErrorOf([&] { MakeCommunicator("explicit", 3, 16, o); });
    EXPECT_TRUE(Names(dup, "hosts"));
    EXPECT_NE(dup.find("host 1"), std::string::npos) << dup;
    EXPECT_TRUE(Names(ErrorOf([] { MakeCommunicator("explicit", 3, 16, {}); }), "hosts"));
}

TEST(Communicator, RankCountMustFit)
{
    for (const auto& name : {"contiguous", "strided", "random"})
    {
        EXPECT_TRUE(Names(ErrorOf([&] { MakeCommunicator(name, 17, 16); }), "ranks")) << name;
        EXPECT_TRUE(Names(ErrorOf([&] { MakeCommunicator(name, 0, 16); }), "ranks")) << name;
        EXPECT_EQ(MakeCommunicator(name, 16, 16).Size(), 16u);
    }
    PlacementOptions from13;
    from13.firstHost = 13;
    EXPECT_TRUE(
        Names(ErrorOf([&] { MakeCommunicator("contiguous", 4, 16, from13); }), "firstHost"));
    EXPECT_TRUE(Names(ErrorOf([] { Communicator({}, 4); }), "ranks"));
}

TEST(Communicator, StridedRoundRobinsOverLeaves)
{
    // 4 leaves x 4 hosts: stride 4 puts consecutive ranks on consecutive leaves.
    PlacementOptions o;
    o.stride = 4;
    const Communicator c = MakeCommunicator("strided", 16, 16, o);
    EXPECT_EQ(c.Hosts(),
              (std::vector<uint32_t>{0, 4, 8, 12, 1, 5, 9, 13, 2, 6, 10, 14, 3, 7, 11, 15}));
    for (uint32_t r = 0; r + 1 < 16; ++r)
    {
        EXPECT_NE(c.Host(r) / 4, c.Host(r + 1) / 4);
    }
    o.stride = 4;
    o.firstHost = 0;
    EXPECT_TRUE(Names(ErrorOf([&] { MakeCommunicator("strided", 6, 6, o); }), "stride"));
    o.stride = 0;
    EXPECT_TRUE(Names(ErrorOf([&] { MakeCommunicator("strided", 2, 6, o); }), "stride"));
}

TEST(Communicator, RandomIsSeededDistinctAndUniform)
{
    PlacementOptions o;
    o.seed = 7;
    const auto a = MakeCommunicator("random", 10, 64, o).Hosts();
    EXPECT_EQ(MakeCommunicator("random", 10, 64, o).Hosts(), a);
    o.seed = 8;
    EXPECT_NE(MakeCommunicator("random", 10, 64, o).Hosts(), a);
    // Each host is drawn with probability ranks / hosts = 1/4: over 4000 seeds host 0 appears
    // about 1000 times (sd ~27); a biased draw (e.g. always the first hosts) is far off.
    uint32_t hits = 0;
    for (uint64_t seed = 0; seed < 4000; ++seed)
    {
        o.seed = seed;
        const auto hosts = MakeCommunicator("random", 4, 16, o).Hosts();
        EXPECT_EQ(std::set<uint32_t>(hosts.begin(), hosts.end()).size(), 4u);
        for (uint32_t h : hosts)
        {
            EXPECT_LT(h, 16u);
            hits += h == 0 ? 1 : 0;
        }
    }
    EXPECT_NEAR(hits, 1000.0, 150.0);
}

TEST(Communicator, RegistryRejectsUnknownNames)
{
    EXPECT_EQ(PlacementNames(),
              (std::vector<std::string>{"contiguous", "strided", "random", "explicit"}));
    const std::string e = ErrorOf([] { MakePlacement("scattered"); });
    EXPECT_TRUE(Names(e, "placement"));
    EXPECT_NE(e.find("contiguous, strided, random, explicit"), std::string::npos) << e;
    EXPECT_EQ(MakePlacement("random")->Name(), "random");
}
