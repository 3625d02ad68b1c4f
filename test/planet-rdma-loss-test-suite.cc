// SPDX-License-Identifier: GPL-2.0-only

// Loss recovery aimed at its cases with the deterministic loss models:
// - planet-rdma-tail-loss: a message's dropped last packet (no later packet reveals it) is
//   recovered by one short timeout: within RTO_low + 2 RTT of the loss-free run;
// - planet-rdma-hole-loss: a packet dropped in the middle is recovered from the
//   acknowledgements of later packets, without any timeout; so is a lost retransmission when
//   new data follows it (with one bandwidth-delay window nothing can: one RTO_low then);
// - planet-rdma-incast: 64 senders of 64 KB into one host through tiny buffers: selective
//   repeat finishes within 3x the ideal and delivers every byte exactly once, in order;
// - planet-rdma-reorder: random spraying on a fabric that drops nothing costs selective repeat
//   next to no retransmissions (the reorder tolerance adapts); a 128-rank AllToAll, whose queue
//   pairs each get a 127th of their NIC, has no timeout without a loss (its packets sent with
//   few in flight ask for their acknowledgement at once, so RtoLow does not fire on them).

#include "planet-fabric-test-util.h"
#include "planet-rdma-test-util.h"

#include "ns3/rdma-loss-model.h"
#include "ns3/test.h"

using namespace ns3;
using namespace ns3::planettest;

namespace
{

constexpr uint64_t kBytes = 1000000; // 245 packets of 4096 B
constexpr double kRtoLowS = 100e-6;  // RdmaSelectiveRepeat's default

class TailLossTestCase : public TestCase
{
  public:
    TailLossTestCase()
        : TestCase("a dropped last packet is recovered by one RTO_low: within RTO_low + 2 RTT")
    {
    }

  private:
    void DoRun() override
    {
        const std::string sr = "ns3::RdmaSelectiveRepeat";
        const LoneFlow clean = RunLoneFlow(TwoLeaves(), kBytes, sr);
        const LoneFlow lossy = RunLoneFlow(TwoLeaves(), kBytes, sr, CreateObject<RdmaDropLast>());
        NS_TEST_ASSERT_MSG_EQ(clean.timeouts, 0u, "no loss, no timeout");
        NS_TEST_ASSERT_MSG_EQ(lossy.injected, 1u, "the last packet was dropped once");
        NS_TEST_ASSERT_MSG_EQ(lossy.deliveredBytes, kBytes, "and every byte delivered");
        NS_TEST_ASSERT_MSG_EQ(lossy.timeouts, 1u, "one timeout found it");
        NS_TEST_ASSERT_MSG_EQ(lossy.retransmitted, 1u, "and only it was sent again");
        const double late = lossy.deliveredS - clean.deliveredS;
        const double rtt = lossy.baseRttS;
        NS_TEST_ASSERT_MSG_LT_OR_EQ(late, kRtoLowS + 2 * rtt, "recovered within RTO_low + 2 RTT");
        NS_TEST_ASSERT_MSG_GT_OR_EQ(late, kRtoLowS - rtt, "by the short timer");
    }
};

class HoleLossTestCase : public TestCase
{
  public:
    /// PSN 100 dropped `times` times, with a window of `windowBytes` (0: one BDP).
    HoleLossTestCase(std::string recovery, uint32_t times, uint64_t windowBytes)
        : TestCase(recovery + ": PSN 100 of 245 dropped " + std::to_string(times) +
                   (times == 1 ? " time" : " times") +
                   (windowBytes ? ", window of 1 MB" : ", window of one BDP") +
                   (times == 1 || windowBytes ? ": no timeout" : ": one RTO_low")),
          m_recovery(recovery),
          m_times(times),
          m_window(windowBytes)
    {
    }

  private:
    void DoRun() override
    {
        const LoneFlow clean = RunLoneFlow(TwoLeaves(), kBytes, m_recovery, nullptr, m_window);
        Ptr<RdmaDropPsn> drop = CreateObject<RdmaDropPsn>();
        drop->SetAttribute("Psn", UintegerValue(100));
        drop->SetAttribute("Times", UintegerValue(m_times));
        const LoneFlow lossy = RunLoneFlow(TwoLeaves(), kBytes, m_recovery, drop, m_window);
        NS_TEST_ASSERT_MSG_EQ(lossy.injected, m_times, "the packet (and its resends) dropped");
        NS_TEST_ASSERT_MSG_EQ(lossy.deliveredBytes, kBytes, "every byte delivered");
        const double late = lossy.deliveredS - clean.deliveredS;
        const double rtt = lossy.baseRttS;
        if (m_recovery != "ns3::RdmaSelectiveRepeat")
        {
            NS_TEST_ASSERT_MSG_EQ(lossy.timeouts, 0u, "no timeout");
            NS_TEST_ASSERT_MSG_GT(lossy.retransmitted, m_times, "go-back-N resends a window");
            return;
        }
        NS_TEST_ASSERT_MSG_EQ(lossy.retransmitted, m_times, "only the lost packet resent");
        if (m_times == 1 || m_window > 0)
        {
            // Later packets reveal each loss: about a round trip each.
            NS_TEST_ASSERT_MSG_EQ(lossy.timeouts, 0u, "no timeout");
            NS_TEST_ASSERT_MSG_LT_OR_EQ(late, m_times * 2 * rtt, "late by " << late << " s");
        }
        else
        {
            // The window was full when the hole was resent: nothing followed the resend.
            NS_TEST_ASSERT_MSG_EQ(lossy.timeouts, 1u, "the short timer found the second loss");
            NS_TEST_ASSERT_MSG_LT_OR_EQ(late, kRtoLowS + 3 * rtt, "late by " << late << " s");
        }
    }

    std::string m_recovery;
    uint32_t m_times;
    uint64_t m_window;
};

class TailLossTestSuite : public TestSuite
{
  public:
    TailLossTestSuite()
        : TestSuite("planet-rdma-tail-loss", UNIT)
    {
        AddTestCase(new TailLossTestCase, TestCase::QUICK);
    }
};

TailLossTestSuite g_tailLossTestSuite;

class HoleLossTestSuite : public TestSuite
{
  public:
    HoleLossTestSuite()
        : TestSuite("planet-rdma-hole-loss", UNIT)
    {
        const std::string sr = "ns3::RdmaSelectiveRepeat";
        AddTestCase(new HoleLossTestCase(sr, 1, 0), TestCase::QUICK);
        AddTestCase(new HoleLossTestCase(sr, 2, 0), TestCase::QUICK);
        AddTestCase(new HoleLossTestCase(sr, 2, 1000000), TestCase::QUICK);
        AddTestCase(new HoleLossTestCase("ns3::RdmaGoBackN", 1, 0), TestCase::QUICK);
    }
};

HoleLossTestSuite g_holeLossTestSuite;

class IncastTestCase : public TestCase
{
  public:
    IncastTestCase(std::string recovery)
        : TestCase("64:1 incast of 64 KB, 30 kB buffers, " + recovery +
                   ": every byte once, in order" +
                   (recovery == "sr" ? ", within 3x the ideal" : "")),
          m_recovery(recovery)
    {
    }

  private:
    void DoRun() override
    {
        DeliveryChecker checker;
        const nlohmann::json r = RunFabric({{"workload", "incast"},
                                            {"incastSenders", "64"},
                                            {"bytes", "65536"},
                                            {"bufferBytes", "30000"},
                                            {"recovery", m_recovery}},
                                           MakeCallback(&DeliveryChecker::Built, &checker));
        const uint64_t requested = r.at("bytes_requested");
        NS_TEST_ASSERT_MSG_EQ(requested, 64u * 65536, "64 senders");
        NS_TEST_ASSERT_MSG_EQ(r.at("bytes_delivered").get<uint64_t>(), requested, "delivered");
        NS_TEST_ASSERT_MSG_EQ(checker.bytes, requested, "traced bytes: each exactly once");
        NS_TEST_ASSERT_MSG_EQ(checker.violations, 0u, "in order, no gaps, no duplicates");
        NS_TEST_ASSERT_MSG_GT(r.at("drops").get<uint64_t>(), 1000u, "tiny buffers drop a lot");
        const double ratio = r.at("completion_over_ideal");
        NS_TEST_ASSERT_MSG_GT_OR_EQ(ratio, 1.0, "not below the ideal");
        if (m_recovery == "sr")
        {
            NS_TEST_ASSERT_MSG_LT_OR_EQ(ratio, 3.0, "selective repeat within 3x the ideal");
        }
    }

    std::string m_recovery;
};

class IncastTestSuite : public TestSuite
{
  public:
    IncastTestSuite()
        : TestSuite("planet-rdma-incast", UNIT)
    {
        AddTestCase(new IncastTestCase("sr"), TestCase::QUICK);
        AddTestCase(new IncastTestCase("gbn"), TestCase::QUICK);
    }
};

IncastTestSuite g_incastTestSuite;

class ReorderTestCase : public TestCase
{
  public:
    ReorderTestCase(std::string routing)
        : TestCase(routing + " without drops: selective repeat resends under 2% of its packets"),
          m_routing(routing)
    {
    }

  private:
    void DoRun() override
    {
        const nlohmann::json r = RunFabric({{"leaves", "8"},
                                            {"spines", "4"},
                                            {"hostsPerLeaf", "4"},
                                            {"workload", "permutation"},
                                            {"bytes", "4000000"},
                                            {"mtu", "9000"},
                                            {"routing", m_routing},
                                            {"recovery", "sr"}});
        NS_TEST_ASSERT_MSG_EQ(r.at("drops").get<uint64_t>(), 0u, "nothing is lost");
        NS_TEST_ASSERT_MSG_EQ(r.at("bytes_delivered"), r.at("bytes_requested"), "delivered");
        // 32 flows of 445 packets. Until its tolerance has adapted, a queue pair takes its first
        // reorderings for losses: a handful of resends per flow (100-150 over seeds), where a
        // tolerance that did not adapt resends about 2,000 (AdaptiveTolerance=false).
        const double packets = 32.0 * 445;
        NS_TEST_ASSERT_MSG_LT(r.at("retransmitted_packets").get<double>(),
                              0.02 * packets,
                              "reordering is not mistaken for loss");
        NS_TEST_ASSERT_MSG_EQ(r.at("timeouts").get<uint64_t>(), 0u, "no timeout");
    }

    std::string m_routing;
};

class SlowQueuePairsTestCase : public TestCase
{
  public:
    SlowQueuePairsTestCase()
        : TestCase("128-rank AllToAll: many slow queue pairs per NIC, no drop, no timeout")
    {
    }

  private:
    void DoRun() override
    {
        // 127 queue pairs per NIC: one packet of each every ~42 us, so four (AckEvery) take
        // longer than RtoLow while fewer than RtoLowPackets are in flight.
        const nlohmann::json r = RunFabric({{"ranks", "128"},
                                            {"workload", "alltoall-collective"},
                                            {"bytes", "2600000"},
                                            {"flowRecords", "false"}});
        NS_TEST_ASSERT_MSG_EQ(r.at("drops").get<uint64_t>(), 0u, "nothing is lost");
        NS_TEST_ASSERT_MSG_EQ(r.at("bytes_delivered"), r.at("bytes_requested"), "delivered");
        NS_TEST_ASSERT_MSG_EQ(r.at("timeouts").get<uint64_t>(), 0u, "no spurious timeout");
        NS_TEST_ASSERT_MSG_EQ(r.at("retransmitted_packets").get<uint64_t>(), 0u, "no resend");
        NS_TEST_ASSERT_MSG_LT(r.at("completion_over_ideal").get<double>(), 1.5, "no stall");
    }
};

class ReorderTestSuite : public TestSuite
{
  public:
    ReorderTestSuite()
        : TestSuite("planet-rdma-reorder", UNIT)
    {
        for (const char* routing : {"spray-random", "spray-rr", "adaptive"})
        {
            AddTestCase(new ReorderTestCase(routing), TestCase::QUICK);
        }
        AddTestCase(new SlowQueuePairsTestCase, TestCase::QUICK);
    }
};

ReorderTestSuite g_reorderTestSuite;

} // namespace
