// SPDX-License-Identifier: GPL-2.0-only

// Congestion control on a two-flow bottleneck: hosts 0 and 1 under leaf 0 each send a long
// message to host 2 under leaf 1, the second starting 200 us after the first; both share the
// 100 Gbps uplink of leaf 0 (the bottleneck), windows of 4 MB (RoCE without BDP limit) and
// 16 MB buffers (no drop). Measured over [2, 4] ms:
// - planet-rdma-cc-dcqcn: each flow within 10% of half the pair's throughput, the pair above
//   70% of the link, the bottleneck's mean queue within [Kmin/4, Kmax] (near Kmin = 100 kB);
//   CNPs flowed and the rates went down;
// - planet-rdma-cc-hpcc: mean queue below 16 kB (four packets), throughput in [0.85, 1.0]
//   of the link (eta = 0.95);
// - planet-rdma-cc-swift: the mean RTT sample within 20% of the mean target delay, the pair
//   above 80% of the link;
// - each with cc=none: the same setup fails the property (queues of megabytes: a queueing
//   delay many times Swift's target).
// Also: a queue pair's rate is reachable by Config path and traced; and the rules by hand:
// - planet-rdma-cc-dcqcn-rules: every rate step of DCQCN's reaction point for given CNPs, and
//   the byte counter's increases;
// - planet-rdma-cc-hpcc-rules: HPCC's rate for given telemetry;
// - planet-rdma-cc-swift-target: Swift's target delay (hop and flow scaling).

#include "planet-rdma-test-util.h"

#include "ns3/config.h"
#include "ns3/double.h"
#include "ns3/fabric-int.h"
#include "ns3/fabric-net-device.h"
#include "ns3/rdma-cc-swift.h"
#include "ns3/rdma-congestion-control.h"
#include "ns3/test.h"

#include <cmath>
#include <sstream>

using namespace ns3;
using namespace ns3::planettest;

namespace
{

constexpr double kStartS = 2e-3;
constexpr double kEndS = 4e-3;

/// What the two flows did in [kStartS, kEndS].
struct TwoFlows
{
    double flowBps[2]{0, 0};   //!< delivered payload rate of each flow
    double linkPayloadBps{0};  //!< the bottleneck's payload capacity
    double meanQueueBytes{0};  //!< bottleneck queue, time average
    uint64_t maxQueueBytes{0}; //!< bottleneck queue, largest
    uint64_t drops{0};
    uint64_t cnps{0};
    uint64_t decreases{0};
    double meanDelayS{0};    //!< Swift: mean RTT sample
    double meanTargetS{0};   //!< Swift: mean target delay
    uint64_t rateChanges{0}; //!< changes of flow 0's traced rate
};

struct Collector
{
    uint64_t bytes[2]{0, 0};
    bool measuring{false};
    double delaySum{0};
    double targetSum{0};
    uint64_t samples{0};
    uint64_t rateChanges{0};
    Ptr<RdmaSwiftState> swift;

    void Deliver(uint32_t, uint32_t qpn, uint32_t, uint32_t size)
    {
        if (measuring)
        {
            bytes[qpn] += size;
        }
    }

    void Delay(Time, Time now)
    {
        if (measuring && swift)
        {
            delaySum += now.GetSeconds();
            targetSum += Time(swift->m_target).GetSeconds();
            ++samples;
        }
    }

    void Rate(uint64_t, uint64_t)
    {
        ++rateChanges;
    }
};

TwoFlows
RunTwoFlows(const std::string& cc)
{
    planet::LeafSpineShape shape;
    shape.leaves = 2;
    shape.spines = 1;
    shape.hostsPerLeaf = 2;
    LeafSpineHelper fabric(shape);
    fabric.SetDeviceAttribute("BufferBytes", UintegerValue(16000000));
    fabric.Install();
    fabric.AssignStreams(1);
    RdmaHelper rdma;
    rdma.SetStackAttribute("WindowBytes", UintegerValue(4000000));
    rdma.SetStackAttribute("CongestionControl", TypeIdValue(TypeId::LookupByName(cc)));
    rdma.SetFabric(fabric);
    const std::vector<Ptr<RdmaStack>> stacks = rdma.Install(fabric.GetHosts());
    RdmaHelper::AssignStreams(stacks, 10);

    Collector c;
    stacks[2]->TraceConnectWithoutContext("Deliver", MakeCallback(&Collector::Deliver, &c));
    const uint64_t bytes = 100000000;                     // longer than the run
    Ptr<RdmaQueuePair> a = stacks[0]->Connect(stacks[2]); // receiver qpn 0
    Ptr<RdmaQueuePair> b = stacks[1]->Connect(stacks[2]); // receiver qpn 1
    a->PostMessage(bytes);
    Simulator::Schedule(MicroSeconds(200), [b, bytes]() { b->PostMessage(bytes); });
    // Flow 0's rate, by Config path as a script would.
    Config::ConnectWithoutContext("/NodeList/0/$ns3::RdmaStack/CongestionState/0/Rate",
                                  MakeCallback(&Collector::Rate, &c));
    c.swift = DynamicCast<RdmaSwiftState>(a->GetCcState());
    if (c.swift)
    {
        a->GetCcState()->TraceConnectWithoutContext("Delay", MakeCallback(&Collector::Delay, &c));
    }

    Ptr<FabricNetDevice> bottleneck = fabric.GetLinkDevice(shape.LeafUpLink(0, 0));
    FabricPortStats atStart;
    Simulator::Schedule(Seconds(kStartS), [&]() {
        c.measuring = true;
        atStart = bottleneck->GetStats();
    });
    TwoFlows r;
    Simulator::Schedule(Seconds(kEndS), [&]() {
        c.measuring = false;
        const FabricPortStats end = bottleneck->GetStats();
        r.meanQueueBytes = (end.queueByteSeconds - atStart.queueByteSeconds) / (kEndS - kStartS);
        Simulator::Stop();
    });
    Simulator::Run();
    const double span = kEndS - kStartS;
    r.flowBps[0] = c.bytes[0] * 8 / span;
    r.flowBps[1] = c.bytes[1] * 8 / span;
    const double wire = bottleneck->WireBytes(4096);
    r.linkPayloadBps = shape.fabricRateBps * 4096 / wire;
    r.maxQueueBytes = bottleneck->GetStats().maxQueueBytes;
    r.drops = bottleneck->GetStats().drops;
    r.cnps = stacks[0]->GetCnpsReceived() + stacks[1]->GetCnpsReceived();
    r.decreases = stacks[0]->GetCongestionControl()->GetDecreases() +
                  stacks[1]->GetCongestionControl()->GetDecreases();
    r.meanDelayS = c.samples ? c.delaySum / c.samples : 0;
    r.meanTargetS = c.samples ? c.targetSum / c.samples : 0;
    r.rateChanges = c.rateChanges;
    Simulator::Destroy();
    return r;
}

std::string
Describe(const TwoFlows& r)
{
    std::ostringstream os;
    os << "flows " << r.flowBps[0] / 1e9 << " + " << r.flowBps[1] / 1e9 << " Gbps of "
       << r.linkPayloadBps / 1e9 << ", mean queue " << r.meanQueueBytes << " B, max "
       << r.maxQueueBytes << " B, drops " << r.drops << ", CNPs " << r.cnps << ", decreases "
       << r.decreases << ", delay " << r.meanDelayS * 1e6 << " us (target " << r.meanTargetS * 1e6
       << " us)";
    return os.str();
}

/// Each flow within 10% of the pair's mean.
bool
Fair(const TwoFlows& r)
{
    const double mean = (r.flowBps[0] + r.flowBps[1]) / 2;
    return mean > 0 && std::abs(r.flowBps[0] - mean) <= 0.1 * mean &&
           std::abs(r.flowBps[1] - mean) <= 0.1 * mean;
}

class DcqcnTestCase : public TestCase
{
  public:
    DcqcnTestCase()
        : TestCase("DCQCN: two flows converge to fair shares with the queue near Kmin")
    {
    }

  private:
    void DoRun() override
    {
        const TwoFlows r = RunTwoFlows("ns3::RdmaDcqcn");
        std::cout << "dcqcn: " << Describe(r) << std::endl;
        NS_TEST_ASSERT_MSG_EQ(Fair(r), true, Describe(r));
        NS_TEST_ASSERT_MSG_GT(r.flowBps[0] + r.flowBps[1], 0.7 * r.linkPayloadBps, Describe(r));
        NS_TEST_ASSERT_MSG_GT(r.meanQueueBytes, 25000.0, Describe(r));
        NS_TEST_ASSERT_MSG_LT(r.meanQueueBytes, 400000.0, Describe(r));
        NS_TEST_ASSERT_MSG_GT(r.cnps, 0u, "CNPs reached the senders");
        NS_TEST_ASSERT_MSG_GT(r.decreases, 0u, "the rates went down");
        NS_TEST_ASSERT_MSG_GT(r.rateChanges, 0u, "flow 0's rate traced by Config path");
        const TwoFlows none = RunTwoFlows("ns3::RdmaCcNone");
        std::cout << "none: " << Describe(none) << std::endl;
        NS_TEST_ASSERT_MSG_GT(none.meanQueueBytes, 1000000.0, "without CC: " << Describe(none));
        NS_TEST_ASSERT_MSG_EQ(none.cnps, 0u, "no CNPs without DCQCN");
        NS_TEST_ASSERT_MSG_EQ(none.rateChanges, 0u, "constant rate without CC");
    }
};

/**
 * DCQCN's reaction point by hand, on an idle queue pair: CNPs at 10 us, 1000 us, 1002 us. The
 * rate steps follow the rules with the default parameters (g = 1/256, alpha every 1 us,
 * decreases 4 us apart, increase timer 300 us, F = 1, AI 20 Mb/s, HAI 200 Mb/s, 100 Gbps):
 * 50 G at 10 us (alpha = 1), fast recovery to 75 G at 310 us, additive 87.5 G at 610 us,
 * hyper 93.75 G at 910 us, at 1000 us a decrease by alpha/2 with alpha decayed over 990
 * periods (the target clamped to 93.75 G), the CNP at 1002 us decreases only at 1004 us,
 * and the next fast recovery comes 300 us after that.
 */
class DcqcnRulesTestCase : public TestCase
{
  public:
    DcqcnRulesTestCase()
        : TestCase("DCQCN: rate decrease, alpha, fast recovery, additive and hyper increase")
    {
    }

  private:
    void DoRun() override
    {
        LeafSpineHelper fabric(TwoLeaves());
        fabric.Install();
        RdmaHelper rdma;
        rdma.SetStackAttribute("CongestionControl",
                               TypeIdValue(TypeId::LookupByName("ns3::RdmaDcqcn")));
        rdma.SetFabric(fabric);
        const auto stacks = rdma.Install(fabric.GetHosts());
        Ptr<RdmaQueuePair> qp = stacks[0]->Connect(stacks[1]);
        Ptr<RdmaCongestionControl> cc = stacks[0]->GetCongestionControl();
        std::vector<std::pair<double, double>> steps; // (time us, rate bit/s)
        qp->GetCcState()->TraceConnectWithoutContext(
            "Rate",
            MakeCallback(+[](std::vector<std::pair<double, double>>* v, uint64_t, uint64_t rate) {
                v->emplace_back(Simulator::Now().GetMicroSeconds(), static_cast<double>(rate));
            }).Bind(&steps));
        for (double us : {10.0, 1000.0, 1002.0})
        {
            Simulator::Schedule(MicroSeconds(us), [cc, qp]() { cc->OnCnp(*qp); });
        }
        Simulator::Stop(MicroSeconds(1400));
        Simulator::Run();
        Simulator::Destroy();

        const double g = 1.0 / 256;
        const double line = 100e9;
        // alpha: 1 at 10 us, then one update per us from 11 us; a CNP sets the period's bit.
        const double a1000 = std::pow(1 - g, 990);            // updates at 11..1000 us, no CNP
        const double a1002 = ((1 - g) * a1000 + g) * (1 - g); // 1001 (CNP of 1000), 1002
        const double a1004 = ((1 - g) * a1002 + g) * (1 - g); // 1003 (CNP of 1002), 1004
        const double r910 = 93.75e9;
        const double r1000 = r910 * (1 - a1000 / 2);
        const double r1004 = r1000 * (1 - a1004 / 2);
        const std::vector<std::pair<double, double>> expected{
            {10, line / 2},
            {310, 0.75 * line},
            {610, 0.875 * line},
            {910, r910},
            {1000, r1000},
            {1004, r1004},
            {1304, (r1004 + r910) / 2}, // the target stayed at 93.75 G: no increase since 1000
        };
        NS_TEST_ASSERT_MSG_EQ(steps.size(), expected.size(), "rate changes");
        for (std::size_t i = 0; i < std::min(steps.size(), expected.size()); ++i)
        {
            NS_TEST_ASSERT_MSG_EQ_TOL(steps[i].first, expected[i].first, 1e-9, "step " << i);
            NS_TEST_ASSERT_MSG_EQ_TOL(steps[i].second, expected[i].second, 2.0, "step " << i);
        }
        NS_TEST_ASSERT_MSG_EQ(cc->GetDecreases(), 3u, "three decreases");
    }
};

/**
 * DCQCN's byte counter by hand: with ByteCounter = 10 packets' wire bytes, after a CNP (50 G,
 * target 100 G) the 10th packet sent is a fast recovery (75 G) and the 20th an additive
 * increase (max(T, BC) = F = 1: 87.5 G), long before the 300 us timer.
 */
class DcqcnByteCounterTestCase : public TestCase
{
  public:
    DcqcnByteCounterTestCase()
        : TestCase("DCQCN: the byte counter's increase events")
    {
    }

  private:
    void DoRun() override
    {
        LeafSpineHelper fabric(TwoLeaves());
        fabric.Install();
        RdmaHelper rdma;
        rdma.SetStackAttribute("CongestionControl",
                               TypeIdValue(TypeId::LookupByName("ns3::RdmaDcqcn")));
        rdma.SetFabric(fabric);
        const auto stacks = rdma.Install(fabric.GetHosts());
        Ptr<RdmaQueuePair> qp = stacks[0]->Connect(stacks[1]);
        Ptr<RdmaCongestionControl> cc = stacks[0]->GetCongestionControl();
        const uint32_t wire = qp->GetWireBytes(4096);
        cc->SetAttribute("ByteCounter", UintegerValue(10 * wire));
        std::vector<double> rates;
        Simulator::Schedule(MicroSeconds(10), [&]() {
            cc->OnCnp(*qp);
            rates.push_back(static_cast<double>(qp->GetRate().GetBitRate()));
            FabricHeader header;
            header.payload = 4096;
            for (int i = 1; i <= 20; ++i)
            {
                cc->OnSend(*qp, header, Create<Packet>(4096));
                if (i % 10 == 9 || i % 10 == 0)
                {
                    rates.push_back(static_cast<double>(qp->GetRate().GetBitRate()));
                }
            }
        });
        Simulator::Stop(MicroSeconds(20));
        Simulator::Run();
        Simulator::Destroy();
        const std::vector<double> expected{50e9, 50e9, 75e9, 75e9, 87.5e9};
        NS_TEST_ASSERT_MSG_EQ(rates.size(), expected.size(), "samples");
        for (std::size_t i = 0; i < std::min(rates.size(), expected.size()); ++i)
        {
            NS_TEST_ASSERT_MSG_EQ_TOL(rates[i], expected[i], 2.0, "sample " << i);
        }
    }
};

/**
 * HPCC's update from telemetry by hand, on an idle queue pair (every ACK a full update, one
 * hop at 100 Gbps, T the base RTT): the rate from U and eta, the moving average over tau, the
 * queue term min(qlen, previous qlen) / (B T), additive and multiplicative steps.
 */
class HpccRulesTestCase : public TestCase
{
  public:
    HpccRulesTestCase()
        : TestCase("HPCC: rate from the most utilised hop's telemetry")
    {
    }

  private:
    void DoRun() override
    {
        LeafSpineHelper fabric(TwoLeaves());
        fabric.Install();
        RdmaHelper rdma;
        rdma.SetStackAttribute("CongestionControl",
                               TypeIdValue(TypeId::LookupByName("ns3::RdmaHpcc")));
        rdma.SetFabric(fabric);
        const auto stacks = rdma.Install(fabric.GetHosts());
        Ptr<RdmaQueuePair> qp = stacks[0]->Connect(stacks[1]);
        Ptr<RdmaCongestionControl> cc = stacks[0]->GetCongestionControl();
        const double line = 100e9;
        const double t = qp->GetBaseRtt().GetSeconds();
        const int64_t tUnits = static_cast<int64_t>(std::llround(t * 1e12)); // picoseconds
        const double ai = 40e6;
        FabricIntHop hop{0, 0, 0, static_cast<uint64_t>(line)};
        auto ack = [&](uint64_t bytes, int64_t units, uint64_t queue) {
            hop.txBytes += bytes;
            hop.time += units;
            hop.queueBytes = queue;
            FabricIntTag tag;
            tag.PushHop(hop);
            RdmaCcFeedback feedback;
            feedback.ackPsn = 1;
            feedback.intTag = &tag;
            cc->OnAck(*qp, feedback);
            return static_cast<double>(qp->GetRate().GetBitRate());
        };
        const uint64_t lineBytesPerT = static_cast<uint64_t>(line * t / 8);
        const double tol = 5e6; // whole bytes and picoseconds: u is exact to about 2e-5
        // (The macros evaluate their arguments more than once: each ACK's rate first.)
        const double r0 = ack(0, 0, 0);
        NS_TEST_ASSERT_MSG_EQ(r0, line, "the first telemetry only sets the reference");
        // u = 1 over T: U = 1, k = 1 / eta: R = R_c / k + AI.
        const double r1 = 0.95 * line + ai;
        const double a1 = ack(lineBytesPerT, tUnits, 0);
        NS_TEST_ASSERT_MSG_EQ_TOL(a1, r1, tol, "u = 1");
        // u = 0.5 over T: U = 0.5 < eta: additive from R_c.
        const double a2 = ack(lineBytesPerT / 2, tUnits, 0);
        NS_TEST_ASSERT_MSG_EQ_TOL(a2, r1 + ai, tol, "additive");
        // Line rate over T/2 with a queue of B T / 4, the previous 0: min() keeps u at 1;
        // U = (0.5 + 1) / 2 = 0.75: additive again.
        const double a3 = ack(lineBytesPerT / 2, tUnits / 2, lineBytesPerT / 4);
        NS_TEST_ASSERT_MSG_EQ_TOL(a3,
                                  r1 + 2 * ai,
                                  tol,
                                  "a new queue counts from its second report");
        // Line rate over T/2 and the queue again: u = 1.25, U = (0.75 + 1.25) / 2 = 1.
        const double a4 = ack(lineBytesPerT / 2, tUnits / 2, lineBytesPerT / 4);
        NS_TEST_ASSERT_MSG_EQ_TOL(a4,
                                  (r1 + 2 * ai) * 0.95 + ai,
                                  tol,
                                  "multiplicative with the queue");
        Simulator::Destroy();
    }
};

/// Swift's target delay: htsim's flow scaling (FsRange at 0.1 packets, 0 from 100) plus
/// 3.053 us per hop over the 20 us base.
class SwiftTargetTestCase : public TestCase
{
  public:
    SwiftTargetTestCase()
        : TestCase("Swift: target delay with hop and flow scaling")
    {
    }

  private:
    void DoRun() override
    {
        Ptr<RdmaSwift> swift = CreateObject<RdmaSwift>();
        const uint32_t mtu = 4096;
        const double alpha = 100e-6 / (1 / std::sqrt(0.1) - 1 / std::sqrt(100.0));
        const double beta = -alpha / std::sqrt(100.0);
        NS_TEST_ASSERT_MSG_EQ_TOL(swift->TargetDelay(100.0 * mtu, mtu, 3).GetSeconds(),
                                  20e-6 + 3 * 3.053e-6,
                                  1e-12,
                                  "no flow scaling at 100 packets");
        NS_TEST_ASSERT_MSG_EQ_TOL(swift->TargetDelay(0.1 * mtu, mtu, 0).GetSeconds(),
                                  120e-6,
                                  1e-12,
                                  "the whole range at 0.1 packets");
        NS_TEST_ASSERT_MSG_EQ_TOL(swift->TargetDelay(10.0 * mtu, mtu, 1).GetSeconds(),
                                  20e-6 + 3.053e-6 + alpha / std::sqrt(10.0) + beta,
                                  1e-9,
                                  "10 packets, one hop (Time: whole nanoseconds)");
    }
};

class HpccTestCase : public TestCase
{
  public:
    HpccTestCase()
        : TestCase("HPCC: near-zero queue at about eta utilisation")
    {
    }

  private:
    void DoRun() override
    {
        const TwoFlows r = RunTwoFlows("ns3::RdmaHpcc");
        std::cout << "hpcc: " << Describe(r) << std::endl;
        const double total = r.flowBps[0] + r.flowBps[1];
        NS_TEST_ASSERT_MSG_LT(r.meanQueueBytes, 16384.0, Describe(r));
        NS_TEST_ASSERT_MSG_GT(total, 0.85 * r.linkPayloadBps, Describe(r));
        NS_TEST_ASSERT_MSG_LT(total, 1.0 * r.linkPayloadBps, Describe(r));
        NS_TEST_ASSERT_MSG_EQ(Fair(r), true, Describe(r));
        const TwoFlows none = RunTwoFlows("ns3::RdmaCcNone");
        NS_TEST_ASSERT_MSG_GT(none.meanQueueBytes, 1000000.0, "without CC: " << Describe(none));
    }
};

class SwiftTestCase : public TestCase
{
  public:
    SwiftTestCase()
        : TestCase("Swift: the measured delay stays near its target")
    {
    }

  private:
    void DoRun() override
    {
        const TwoFlows r = RunTwoFlows("ns3::RdmaSwift");
        std::cout << "swift: " << Describe(r) << std::endl;
        NS_TEST_ASSERT_MSG_GT(r.meanTargetS, 0.0, "delay samples");
        NS_TEST_ASSERT_MSG_LT(std::abs(r.meanDelayS - r.meanTargetS),
                              0.2 * r.meanTargetS,
                              Describe(r));
        NS_TEST_ASSERT_MSG_GT(r.flowBps[0] + r.flowBps[1], 0.8 * r.linkPayloadBps, Describe(r));
        // Without CC the bottleneck's queueing delay alone is many times the target.
        const TwoFlows none = RunTwoFlows("ns3::RdmaCcNone");
        const double queueingS = none.meanQueueBytes * 8 / 100e9;
        NS_TEST_ASSERT_MSG_GT(queueingS, 5 * r.meanTargetS, "without CC: " << Describe(none));
    }
};

/**
 * Swift in a 64:1 incast (hosts 0-31 and 33-64 to host 65 under leaf 1, 9000 B packets): the
 * fair share of the bottleneck's BDP and target queue is below one packet per flow, so the
 * windows go below one MSS and the queue pairs pace (one packet per RTT x MSS / cwnd). Over
 * [1, 3] ms: the delivered rate above 80% of the link, the mean RTT sample within 30% of the
 * mean target, windows below one packet seen and their flows paced below line rate.
 */
class SwiftIncastTestCase : public TestCase
{
  public:
    SwiftIncastTestCase()
        : TestCase("Swift: a 64:1 incast paces below one packet per RTT near the target delay")
    {
    }

  private:
    struct Probe
    {
        double delaySum{0};
        double targetSum{0};
        uint64_t samples{0};
        uint64_t subPacketWindows{0};
        uint64_t pacedRates{0};
        uint64_t bytes{0};
        bool measuring{false};
    };

    void DoRun() override
    {
        planet::LeafSpineShape shape;
        shape.leaves = 2;
        shape.spines = 1;
        shape.hostsPerLeaf = 33;
        const uint32_t mtu = 9000;
        LeafSpineHelper fabric(shape);
        fabric.SetDeviceAttribute("BufferBytes", UintegerValue(16000000));
        fabric.Install();
        fabric.AssignStreams(1);
        RdmaHelper rdma;
        rdma.SetStackAttribute("Mtu", UintegerValue(mtu));
        rdma.SetStackAttribute("CongestionControl",
                               TypeIdValue(TypeId::LookupByName("ns3::RdmaSwift")));
        rdma.SetFabric(fabric);
        const std::vector<Ptr<RdmaStack>> stacks = rdma.Install(fabric.GetHosts());
        RdmaHelper::AssignStreams(stacks, 10);
        const uint32_t dst = shape.Hosts() - 1;
        Probe p;
        stacks[dst]->TraceConnectWithoutContext(
            "Deliver",
            MakeCallback(+[](Probe* p, uint32_t, uint32_t, uint32_t, uint32_t size) {
                p->bytes += p->measuring ? size : 0;
            }).Bind(&p));
        std::vector<Ptr<RdmaQueuePair>> qps;
        for (uint32_t h = 0; h < dst; ++h)
        {
            if (h == 32)
            {
                continue; // host 32 is under leaf 0 with the others: leave it idle
            }
            Ptr<RdmaQueuePair> qp = stacks[h]->Connect(stacks[dst]);
            qp->PostMessage(100000000);
            Ptr<RdmaSwiftState> s = DynamicCast<RdmaSwiftState>(qp->GetCcState());
            s->TraceConnectWithoutContext(
                "Delay",
                MakeCallback(+[](Probe* p, RdmaSwiftState* s, Time, Time delay) {
                    if (p->measuring)
                    {
                        p->delaySum += delay.GetSeconds();
                        p->targetSum += Time(s->m_target).GetSeconds();
                        ++p->samples;
                    }
                }).Bind(&p, PeekPointer(s)));
            s->TraceConnectWithoutContext(
                "Window",
                MakeCallback(+[](Probe* p, uint32_t mtu, uint64_t, uint64_t w) {
                    p->subPacketWindows += p->measuring && w < mtu ? 1 : 0;
                }).Bind(&p, mtu));
            s->TraceConnectWithoutContext("Rate", MakeCallback(+[](Probe* p, uint64_t, uint64_t r) {
                                                      p->pacedRates +=
                                                          p->measuring && r < 100000000000ULL ? 1
                                                                                              : 0;
                                                  }).Bind(&p));
            qps.push_back(qp);
        }
        Simulator::Schedule(MilliSeconds(1), [&p]() { p.measuring = true; });
        Simulator::Schedule(MilliSeconds(3), [&p]() {
            p.measuring = false;
            Simulator::Stop();
        });
        Simulator::Run();
        Simulator::Destroy();
        const double payloadBps = 100e9 * mtu / (mtu + 82.0);
        const double rate = p.bytes * 8 / 2e-3;
        const double delay = p.samples ? p.delaySum / p.samples : 0;
        const double target = p.samples ? p.targetSum / p.samples : 0;
        std::ostringstream os;
        os << "rate " << rate / 1e9 << " Gbps, delay " << delay * 1e6 << " us, target "
           << target * 1e6 << " us, " << p.samples << " samples, " << p.subPacketWindows
           << " sub-packet windows, " << p.pacedRates << " paced rates";
        std::cout << "swift incast: " << os.str() << std::endl;
        NS_TEST_ASSERT_MSG_GT(rate, 0.8 * payloadBps, os.str());
        NS_TEST_ASSERT_MSG_LT(std::abs(delay - target), 0.3 * target, os.str());
        NS_TEST_ASSERT_MSG_GT(p.subPacketWindows, 0u, os.str());
        NS_TEST_ASSERT_MSG_GT(p.pacedRates, 0u, os.str());
    }
};

class CcTestSuite : public TestSuite
{
  public:
    CcTestSuite(const std::string& name, TestCase* test)
        : TestSuite(name, UNIT)
    {
        AddTestCase(test, TestCase::QUICK);
    }
};

/// DCQCN's rules: the timer and the byte counter.
class DcqcnRulesTestSuite : public TestSuite
{
  public:
    DcqcnRulesTestSuite()
        : TestSuite("planet-rdma-cc-dcqcn-rules", UNIT)
    {
        AddTestCase(new DcqcnRulesTestCase, TestCase::QUICK);
        AddTestCase(new DcqcnByteCounterTestCase, TestCase::QUICK);
    }
};

DcqcnRulesTestSuite g_dcqcnRulesTestSuite;
CcTestSuite g_dcqcnTestSuite("planet-rdma-cc-dcqcn", new DcqcnTestCase);
CcTestSuite g_hpccRulesTestSuite("planet-rdma-cc-hpcc-rules", new HpccRulesTestCase);
CcTestSuite g_hpccTestSuite("planet-rdma-cc-hpcc", new HpccTestCase);
CcTestSuite g_swiftTargetTestSuite("planet-rdma-cc-swift-target", new SwiftTargetTestCase);
CcTestSuite g_swiftIncastTestSuite("planet-rdma-cc-swift-incast", new SwiftIncastTestCase);
CcTestSuite g_swiftTestSuite("planet-rdma-cc-swift", new SwiftTestCase);

} // namespace
