// SPDX-License-Identifier: GPL-2.0-only

// The RDMA transport on a fabric:
// - planet-rdma-delivery: every byte delivered exactly once and in order, for every routing
//   mode and both recovery modes, with ample buffers and with buffers that force drops;
// - planet-rdma-goodput: one flow on an idle path reaches >= 97% of what the wire allows;
// - planet-rdma-recovery: with spraying, go-back-N retransmits much more than selective repeat.

#include "planet-fabric-test-util.h"
#include "planet-rdma-test-util.h"

#include "ns3/test.h"

#include <fstream>
#include <map>

using namespace ns3;
using namespace ns3::planettest;

namespace
{

const std::vector<std::string> kRoutings{"ecmp",
                                         "pinned-random",
                                         "spray-random",
                                         "spray-rr",
                                         "adaptive"};

class DeliveryTestCase : public TestCase
{
  public:
    DeliveryTestCase(std::string routing, std::string recovery, bool smallBuffers)
        : TestCase(routing + " + " + recovery +
                   (smallBuffers ? ", 6 kB buffers" : ", 1 MB buffers")),
          m_routing(routing),
          m_recovery(recovery),
          m_small(smallBuffers)
    {
    }

  private:
    void DoRun() override
    {
        DeliveryChecker checker;
        const nlohmann::json r =
            RunFabric(SmallFabric({{"workload", "alltoall"},
                                   {"bytes", "40000"},
                                   {"mtu", "1000"},
                                   {"routing", m_routing},
                                   {"recovery", m_recovery},
                                   {"rto", "20us"},
                                   {"bufferBytes", m_small ? "6000" : "1000000"}}),
                      MakeCallback(&DeliveryChecker::Built, &checker));
        const uint64_t requested = r.at("bytes_requested");
        NS_TEST_ASSERT_MSG_EQ(requested, 56u * 40000, "8 hosts all-to-all");
        NS_TEST_ASSERT_MSG_EQ(r.at("bytes_delivered").get<uint64_t>(), requested, "all delivered");
        NS_TEST_ASSERT_MSG_EQ(r.at("flows_done").get<uint64_t>(), 56u, "all flows done");
        NS_TEST_ASSERT_MSG_EQ(checker.bytes, requested, "traced bytes: each exactly once");
        NS_TEST_ASSERT_MSG_EQ(checker.violations, 0u, "in order, no gaps, no duplicates");
        NS_TEST_ASSERT_MSG_EQ(checker.nextPsn.size(), 56u, "one receiving queue pair per flow");
        for (const auto& [key, next] : checker.nextPsn)
        {
            NS_TEST_ASSERT_MSG_EQ(next, 40u, "40 packets of 1000 B per flow");
        }
        if (m_small)
        {
            NS_TEST_ASSERT_MSG_GT(r.at("drops").get<uint64_t>(), 0u, "small buffers drop");
            NS_TEST_ASSERT_MSG_GT(r.at("retransmitted_packets").get<uint64_t>(), 0u, "and recover");
        }
        else
        {
            NS_TEST_ASSERT_MSG_EQ(r.at("drops").get<uint64_t>(), 0u, "ample buffers do not drop");
        }
        NS_TEST_ASSERT_MSG_GT_OR_EQ(r.at("completion_s").get<double>(),
                                    r.at("ideal_s").get<double>(),
                                    "the ideal bound is never beaten");
    }

    std::string m_routing;
    std::string m_recovery;
    bool m_small;
};

class DeliveryTestSuite : public TestSuite
{
  public:
    DeliveryTestSuite()
        : TestSuite("planet-rdma-delivery", UNIT)
    {
        for (const auto& routing : kRoutings)
        {
            for (const std::string recovery : {"gbn", "sr"})
            {
                for (bool small : {false, true})
                {
                    AddTestCase(new DeliveryTestCase(routing, recovery, small), TestCase::QUICK);
                }
            }
        }
    }
};

DeliveryTestSuite g_deliveryTestSuite;

class GoodputTestCase : public TestCase
{
  public:
    GoodputTestCase(uint32_t mtu)
        : TestCase("one flow, MTU " + std::to_string(mtu) + ": >= 97% of the wire's goodput"),
          m_mtu(mtu)
    {
    }

  private:
    void DoRun() override
    {
        const std::string file = CreateTempDirFilename("one-flow.tm");
        std::ofstream(file) << "0 3 20000000\n";
        const nlohmann::json r = RunFabric(SmallFabric(
            {{"workload", "matrix"}, {"matrix", file}, {"mtu", std::to_string(m_mtu)}}));
        const double fct = r.at("flows").at(0).at("fct_s");
        const double goodput = 20e6 * 8 / fct;
        const double wire = 100e9 * m_mtu / (m_mtu + 82.0);
        NS_TEST_ASSERT_MSG_GT_OR_EQ(goodput, 0.97 * wire, "goodput " << goodput);
        NS_TEST_ASSERT_MSG_LT_OR_EQ(goodput, wire, "never faster than the wire");
    }

    uint32_t m_mtu;
};

class GoodputTestSuite : public TestSuite
{
  public:
    GoodputTestSuite()
        : TestSuite("planet-rdma-goodput", UNIT)
    {
        AddTestCase(new GoodputTestCase(4096), TestCase::QUICK);
        AddTestCase(new GoodputTestCase(9000), TestCase::QUICK);
    }
};

GoodputTestSuite g_goodputTestSuite;

class RecoveryTestCase : public TestCase
{
  public:
    RecoveryTestCase(std::string routing)
        : TestCase(routing + ": go-back-N retransmits measurably more than selective repeat"),
          m_routing(routing)
    {
    }

  private:
    void DoRun() override
    {
        auto run = [this](const std::string& recovery) {
            return RunFabric({{"leaves", "8"},
                              {"spines", "4"},
                              {"hostsPerLeaf", "4"},
                              {"workload", "permutation"},
                              {"bytes", "2000000"},
                              {"mtu", "9000"},
                              {"routing", m_routing},
                              {"recovery", recovery}});
        };
        const nlohmann::json gbn = run("gbn");
        const nlohmann::json sr = run("sr");
        const uint64_t g = gbn.at("retransmitted_packets");
        const uint64_t s = sr.at("retransmitted_packets");
        NS_TEST_ASSERT_MSG_GT(g, 100u, "spraying reorders, go-back-N resends");
        NS_TEST_ASSERT_MSG_GT(g, 3 * s, "selective repeat resends far less");
        NS_TEST_ASSERT_MSG_EQ(gbn.at("bytes_delivered"), gbn.at("bytes_requested"), "gbn delivers");
        NS_TEST_ASSERT_MSG_EQ(sr.at("bytes_delivered"), sr.at("bytes_requested"), "sr delivers");
    }

    std::string m_routing;
};

class RecoveryTestSuite : public TestSuite
{
  public:
    RecoveryTestSuite()
        : TestSuite("planet-rdma-recovery", UNIT)
    {
        AddTestCase(new RecoveryTestCase("spray-random"), TestCase::QUICK);
        AddTestCase(new RecoveryTestCase("adaptive"), TestCase::QUICK);
    }
};

RecoveryTestSuite g_recoveryTestSuite;

} // namespace
