// SPDX-License-Identifier: GPL-2.0-only

// planet-fabric-routing: pinned paths take exactly the named spine (and parallel link), by an
// explicit path id or by an entropy the switches' ECMP hash maps to it (then no packet carries
// a path id); ECMP spreads many flows over every spine, one path per flow, the same ones for
// the same seed.

#include "planet-fabric-test-util.h"

#include "ns3/rdma-helper.h"
#include "ns3/rdma-path-selection.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/test.h"

#include <set>

using namespace ns3;
using namespace ns3::planettest;

namespace
{

class PinnedPathTestCase : public TestCase
{
  public:
    PinnedPathTestCase(std::string pinning)
        : TestCase("a queue pair pinned by " + pinning +
                   " uses exactly the named spine and parallel link"),
          m_pinning(pinning)
    {
    }

  private:
    void DoRun() override
    {
        planet::LeafSpineShape shape;
        shape.leaves = 2;
        shape.spines = 4;
        shape.hostsPerLeaf = 1;
        shape.parallelLinks = 2;
        LeafSpineHelper fabric(shape);
        fabric.Install();
        fabric.AssignStreams(1);
        RdmaHelper rdma;
        rdma.SetStackAttribute("PathSelection", TypeIdValue(RdmaPinnedPath::GetTypeId()));
        rdma.SetPathSelectionAttribute("Pinning", StringValue(m_pinning));
        rdma.SetFabric(fabric);
        const auto stacks = rdma.Install(fabric.GetHosts());
        RdmaHelper::AssignStreams(stacks, 10);
        uint64_t withPathId = 0;
        uint64_t chosen = 0;
        fabric.GetLeafSwitch(0)->TraceConnectWithoutContext(
            "PathChosen",
            Callback<void, const FabricHeader&, uint32_t, uint32_t>(
                [&](const FabricHeader& h, uint32_t, uint32_t) {
                    withPathId += h.pathId != FabricHeader::NO_PATH ? 1 : 0;
                    ++chosen;
                }));

        const uint32_t path = 5; // spine 2, parallel link 1
        Ptr<RdmaQueuePair> qp = stacks[0]->Connect(stacks[1]);
        qp->SetPathId(path);
        bool done = false;
        qp->PostMessage(300000,
                        RdmaQueuePair::CompletionCallback([&done](uint64_t) { done = true; }));
        Simulator::Run();
        NS_TEST_ASSERT_MSG_EQ(done, true, "the message completes");
        NS_TEST_ASSERT_MSG_GT(chosen, 70u, "the leaf chose among its uplinks for every packet");
        NS_TEST_ASSERT_MSG_EQ(withPathId,
                              (m_pinning == "PathId" ? chosen : 0),
                              "source routing only with PathId");

        for (uint32_t k = 0; k < shape.spines; ++k)
        {
            for (uint32_t p = 0; p < shape.parallelLinks; ++p)
            {
                const bool named = k * shape.parallelLinks + p == path;
                const uint64_t up =
                    fabric.GetLinkDevice(shape.LeafUpLink(0, k, p))->GetStats().txBytes;
                const uint64_t down =
                    fabric.GetLinkDevice(shape.SpineDownLink(k, 1, p))->GetStats().txBytes;
                NS_TEST_ASSERT_MSG_EQ((up > 0), named, shape.LinkName(shape.LeafUpLink(0, k, p)));
                NS_TEST_ASSERT_MSG_EQ((down > 0),
                                      named,
                                      shape.LinkName(shape.SpineDownLink(k, 1, p)));
                if (named)
                {
                    NS_TEST_ASSERT_MSG_GT_OR_EQ(up, 300000u, "the whole message crossed it");
                }
            }
        }
        Simulator::Destroy();
    }

    std::string m_pinning;
};

/// Paths of every flow of an ECMP all-to-all.
std::vector<std::vector<uint32_t>>
EcmpPaths(const std::string& run, uint32_t* spinesUsed)
{
    const nlohmann::json r = RunFabric(SmallFabric(
        {{"workload", "alltoall"}, {"bytes", "20000"}, {"routing", "ecmp"}, {"run", run}}));
    std::vector<std::vector<uint32_t>> paths;
    std::set<uint32_t> used;
    for (const auto& f : r.at("flows"))
    {
        paths.push_back(f.at("paths").get<std::vector<uint32_t>>());
        for (uint32_t p : paths.back())
        {
            used.insert(p);
        }
    }
    *spinesUsed = used.size();
    return paths;
}

class EcmpTestCase : public TestCase
{
  public:
    EcmpTestCase()
        : TestCase("ECMP: one path per flow, every spine used, same seed same paths")
    {
    }

  private:
    void DoRun() override
    {
        uint32_t used = 0;
        const auto a = EcmpPaths("1", &used);
        NS_TEST_ASSERT_MSG_EQ(used, 4u, "56 flows over 4 spines use every spine");
        uint32_t crossLeaf = 0;
        for (uint32_t i = 0; i < a.size(); ++i)
        {
            // SmallFabric: hosts 2l and 2l+1 share leaf l; all-to-all order is src-major.
            const uint32_t src = i / 7;
            const uint32_t dst = i % 7 < src ? i % 7 : i % 7 + 1;
            const bool sameLeaf = src / 2 == dst / 2;
            NS_TEST_ASSERT_MSG_EQ(a[i].size(), (sameLeaf ? 0u : 1u), "flow " << i << " paths");
            crossLeaf += sameLeaf ? 0 : 1;
        }
        NS_TEST_ASSERT_MSG_EQ(crossLeaf, 48u, "cross-leaf flows");
        uint32_t again = 0;
        NS_TEST_ASSERT_MSG_EQ((EcmpPaths("1", &again) == a), true, "same seed, same paths");
        NS_TEST_ASSERT_MSG_EQ((EcmpPaths("2", &again) != a), true, "another run, other hashes");
    }
};

class RoutingTestSuite : public TestSuite
{
  public:
    RoutingTestSuite()
        : TestSuite("planet-fabric-routing", UNIT)
    {
        AddTestCase(new PinnedPathTestCase("PathId"), TestCase::QUICK);
        AddTestCase(new PinnedPathTestCase("Entropy"), TestCase::QUICK);
        AddTestCase(new EcmpTestCase, TestCase::QUICK);
    }
};

RoutingTestSuite g_routingTestSuite;

} // namespace
