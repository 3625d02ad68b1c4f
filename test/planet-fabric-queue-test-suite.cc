// SPDX-License-Identifier: GPL-2.0-only

// planet-fabric-queue: one link driven packet by packet: serialisation and propagation
// timing, tail drop at the byte limit, RED-style ECN marking (on enqueue and on dequeue),
// control priority, statistics;
// serialisation times that are not whole nanoseconds add up exactly.

#include "ns3/boolean.h"
#include "ns3/double.h"
#include "ns3/fabric-channel.h"
#include "ns3/fabric-net-device.h"
#include "ns3/node.h"
#include "ns3/simulator.h"
#include "ns3/test.h"
#include "ns3/uinteger.h"

#include <vector>

using namespace ns3;

namespace
{

/// Two nodes, one link at 8 Gbit/s (1 ns per byte), 500 ns delay, no overhead.
struct Link : public FabricPacketSink
{
    Ptr<FabricNetDevice> tx;
    Ptr<FabricNetDevice> rx;
    std::vector<std::pair<Time, FabricHeader>> arrivals;

    Link(uint64_t buffer, uint64_t kmin, uint64_t kmax, std::string rate = "8Gbps")
    {
        Ptr<Node> a = CreateObject<Node>();
        Ptr<Node> b = CreateObject<Node>();
        tx = CreateObject<FabricNetDevice>();
        rx = CreateObject<FabricNetDevice>();
        for (auto dev : {tx, rx})
        {
            dev->SetAttribute("DataRate", DataRateValue(DataRate(rate)));
            dev->SetAttribute("OverheadBytes", UintegerValue(0));
            dev->SetAttribute("BufferBytes", UintegerValue(buffer));
            dev->SetAttribute("EcnKmin", UintegerValue(kmin));
            dev->SetAttribute("EcnKmax", UintegerValue(kmax));
            dev->SetAttribute("EcnPmax", DoubleValue(1.0));
        }
        a->AddDevice(tx);
        b->AddDevice(rx);
        Ptr<FabricChannel> ch = CreateObject<FabricChannel>();
        ch->SetAttribute("Delay", TimeValue(NanoSeconds(500)));
        tx->Attach(ch);
        rx->Attach(ch);
        rx->SetPacketSink(this);
    }

    void ReceiveFromDevice(FabricNetDevice*, Ptr<Packet> p, const FabricHeader& h) override
    {
        arrivals.emplace_back(Simulator::Now(), h);
    }

    void Send(uint32_t payload, uint32_t tag, uint8_t flags)
    {
        FabricHeader h;
        h.payload = payload;
        h.flowLabel = tag;
        h.flags = flags;
        tx->Enqueue(Create<Packet>(payload), h);
    }
};

class QueueTestCase : public TestCase
{
  public:
    QueueTestCase()
        : TestCase("timing, tail drop, ECN marks, control priority and statistics")
    {
    }

  private:
    void DoRun() override
    {
        // Queue limit 3000 B; Kmin 999 B, Kmax 1000 B: a packet finding >= 1000 B is marked.
        Link link(3000, 999, 1000);
        Simulator::Schedule(Seconds(0), [&link]() {
            for (uint32_t i = 0; i < 5; ++i)
            {
                link.Send(1000, i, FabricHeader::ECT);
            }
            link.Send(0, 99, FabricHeader::CONTROL); // 0 wire bytes: fits, jumps the queue
        });
        Simulator::Run();

        // Packet 0 goes on the wire at once; 1, 2, 3 wait (3000 B); 4 is dropped.
        NS_TEST_ASSERT_MSG_EQ(link.arrivals.size(), 5u, "4 data packets + 1 control arrive");
        const FabricPortStats s = link.tx->GetStats();
        NS_TEST_ASSERT_MSG_EQ(s.drops, 1u, "the fifth data packet overflows 3000 B");
        NS_TEST_ASSERT_MSG_EQ(s.maxQueueBytes, 3000u, "max queue");
        NS_TEST_ASSERT_MSG_EQ(s.txPackets, 5u, "packets on the wire");
        NS_TEST_ASSERT_MSG_EQ(s.txBytes, 4000u, "wire bytes");
        // Packet 1 found 0 B queued, packet 2 1000 B, packet 3 2000 B: two marks.
        NS_TEST_ASSERT_MSG_EQ(s.ecnMarks, 2u, "marks at >= Kmax");

        // Order: data 0, control, data 1, 2, 3. Times: 1 ns per byte + 500 ns.
        NS_TEST_ASSERT_MSG_EQ(link.arrivals[0].second.flowLabel, 0u, "first data");
        NS_TEST_ASSERT_MSG_EQ(link.arrivals[0].first, NanoSeconds(1500), "1000 ns + 500 ns");
        NS_TEST_ASSERT_MSG_EQ(link.arrivals[1].second.flowLabel, 99u, "control overtakes data");
        NS_TEST_ASSERT_MSG_EQ(link.arrivals[1].first, NanoSeconds(1500), "0 B after packet 0");
        const uint32_t order[] = {1, 2, 3};
        for (uint32_t k = 0; k < 3; ++k)
        {
            const auto& [t, h] = link.arrivals[2 + k];
            NS_TEST_ASSERT_MSG_EQ(h.flowLabel, order[k], "FIFO among data");
            NS_TEST_ASSERT_MSG_EQ(t, NanoSeconds(1000 * (k + 2) + 500), "back to back");
            NS_TEST_ASSERT_MSG_EQ(h.Has(FabricHeader::CE), (k >= 1), "CE as marked");
        }
        // Time-averaged occupancy over [0, 4500 ns]: 3000 B for 1000 ns, 2000 B for 1000 ns,
        // 1000 B for 1000 ns: 6000 B us.
        NS_TEST_ASSERT_MSG_EQ_TOL(s.queueByteSeconds, 6000e-6, 1e-12, "queue integral");
        Simulator::Destroy();
    }
};

class DequeueMarkingTestCase : public TestCase
{
  public:
    DequeueMarkingTestCase()
        : TestCase("ECN marking on dequeue: on the bytes behind the packet as it leaves")
    {
    }

  private:
    void DoRun() override
    {
        Link link(3000, 999, 1000);
        link.tx->SetAttribute("EcnMarkOnDequeue", BooleanValue(true));
        Simulator::Schedule(Seconds(0), [&link]() {
            for (uint32_t i = 0; i < 4; ++i)
            {
                link.Send(1000, i, FabricHeader::ECT);
            }
        });
        Simulator::Run();
        // Packet 0 leaves at once with nothing behind it; packet 1 leaves with 2000 B behind
        // it, packet 2 with 1000 B, packet 3 with none: 1 and 2 are marked (on enqueue it
        // would be 2 and 3, which found 1000 and 2000 B before them).
        NS_TEST_ASSERT_MSG_EQ(link.arrivals.size(), 4u, "all arrive");
        for (uint32_t k = 0; k < 4; ++k)
        {
            const FabricHeader& h = link.arrivals[k].second;
            NS_TEST_ASSERT_MSG_EQ(h.flowLabel, k, "in order");
            NS_TEST_ASSERT_MSG_EQ(h.Has(FabricHeader::CE), (k == 1 || k == 2), "CE " << k);
        }
        NS_TEST_ASSERT_MSG_EQ(link.tx->GetStats().ecnMarks, 2u, "two marks");
        Simulator::Destroy();
    }
};

class ExactTimeTestCase : public TestCase
{
  public:
    ExactTimeTestCase()
        : TestCase("1000 B at 3 Gbps take 2666.67 ns each: arrivals at the exact times, rounded "
                   "up, with no drift")
    {
    }

  private:
    void DoRun() override
    {
        Link link(1000000, 999999, 1000000, "3Gbps");
        const uint32_t n = 30;
        Simulator::Schedule(Seconds(0), [&link]() {
            for (uint32_t i = 0; i < n; ++i)
            {
                link.Send(1000, i, 0);
            }
        });
        Simulator::Run();
        NS_TEST_ASSERT_MSG_EQ(link.arrivals.size(), n, "all arrive");
        for (uint32_t k = 0; k < n; ++k)
        {
            // Packet k ends at (k + 1) * 8000 / 3 ns exactly, then 500 ns on the link; the event
            // runs at the first nanosecond at or after it (rounding each packet up instead
            // would add up to k ns).
            const int64_t ps = (k + 1) * 8000000LL / 3 + 500000;
            const int64_t ns = ps / 1000 + (ps % 1000 > 0 ? 1 : 0);
            NS_TEST_ASSERT_MSG_EQ(link.arrivals[k].first, NanoSeconds(ns), "packet " << k);
        }
        Simulator::Destroy();
    }
};

class QueueTestSuite : public TestSuite
{
  public:
    QueueTestSuite()
        : TestSuite("planet-fabric-queue", UNIT)
    {
        AddTestCase(new QueueTestCase, TestCase::QUICK);
        AddTestCase(new DequeueMarkingTestCase, TestCase::QUICK);
        AddTestCase(new ExactTimeTestCase, TestCase::QUICK);
    }
};

QueueTestSuite g_queueTestSuite;

} // namespace
