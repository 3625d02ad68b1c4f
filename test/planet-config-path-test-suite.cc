// SPDX-License-Identifier: GPL-2.0-only

// Trace sources reached by Config path, as an ns-3 user types them: every device, switch, RDMA
// stack and collective application trace the examples and the documentation name, connected by
// path (NodeList and Names), on an incast that overflows one queue.

#include "ns3/boolean.h"
#include "ns3/collective-helper.h"
#include "ns3/collective-transfers.h"
#include "ns3/config.h"
#include "ns3/fabric-leaf-spine-helper.h"
#include "ns3/names.h"
#include "ns3/rdma-helper.h"
#include "ns3/rdma-queue-pair.h"
#include "ns3/simulator.h"
#include "ns3/test.h"
#include "ns3/uinteger.h"

#include <map>
#include <regex>
#include <set>
#include <string>

namespace ns3
{
namespace
{

/// What the traces saw, by trace name.
struct Seen
{
    std::map<std::string, uint64_t> count;                       //!< firings
    std::map<std::string, uint64_t> bytes;                       //!< bytes they reported
    std::map<std::string, std::set<uint32_t>> nodes;             //!< node ids in the contexts
    std::map<std::string, std::map<uint32_t, uint64_t>> countAt; //!< firings by node id
    std::map<std::string, std::set<std::string>> roots;          //!< "/NodeList/3", "/Names/leaf1"
    uint64_t maxQueueBytes{0};
    uint32_t maxMember{0};
    uint32_t badHeaders{0};       //!< headers naming a host outside the fabric
    uint32_t dropsNotForHost0{0}; //!< dropped packets other than data for host 0
    double cctS{0};

    void Note(const std::string& trace, const std::string& context, uint64_t bytesSeen = 0)
    {
        ++count[trace];
        bytes[trace] += bytesSeen;
        static const std::regex node("^/NodeList/([0-9]+)/");
        std::smatch m;
        if (std::regex_search(context, m, node))
        {
            const auto id = static_cast<uint32_t>(std::stoul(m[1]));
            nodes[trace].insert(id);
            ++countAt[trace][id];
        }
        roots[trace].insert(context.substr(0, context.find('/', context.find('/', 1) + 1)));
    }
};

Seen* g_seen = nullptr;
constexpr uint32_t kHosts = 4;

void
DevicePacket(std::string trace, std::string context, Ptr<const Packet>, const FabricHeader& h)
{
    g_seen->Note(trace, context, h.payload);
    g_seen->badHeaders += (h.src >= kHosts || h.dst >= kHosts) ? 1 : 0;
    if (trace.find("Drop") != std::string::npos && (h.dst != 0 || h.kind != RDMA_DATA))
    {
        ++g_seen->dropsNotForHost0;
    }
}

void
QueueBytes(std::string context, uint64_t, uint64_t now)
{
    g_seen->Note("QueueBytes", context);
    g_seen->maxQueueBytes = std::max(g_seen->maxQueueBytes, now);
}

void
PathChosen(std::string trace, std::string context, const FabricHeader& h, uint32_t, uint32_t m)
{
    g_seen->Note(trace, context);
    g_seen->maxMember = std::max(g_seen->maxMember, m);
}

void
StackDeliver(std::string context, uint32_t host, uint32_t, uint32_t, uint32_t bytes)
{
    g_seen->Note("Deliver", context, bytes);
}

void
StackMessage(std::string trace, std::string context, uint32_t, uint32_t, uint64_t, uint64_t bytes)
{
    g_seen->Note(trace, context, bytes);
}

void
StackPsn(std::string trace, std::string context, uint32_t, uint32_t, uint32_t)
{
    g_seen->Note(trace, context);
}

void
AppFlow(std::string trace, std::string context, uint32_t, uint32_t src, uint32_t dst, uint64_t b)
{
    g_seen->Note(trace, context, b);
    g_seen->badHeaders += (src >= kHosts || dst != 0) ? 1 : 0;
}

void
AppCollective(std::string context, uint32_t, double cctS)
{
    g_seen->Note("CollectiveComplete", context);
    g_seen->cctS = cctS;
}

class ConfigPathTestCase : public TestCase
{
  public:
    ConfigPathTestCase()
        : TestCase("incast of 3 x 300 kB on a 2 x 2 fabric: every trace source fires by Config "
                   "path with values the run implies")
    {
    }

  private:
    void DoRun() override
    {
        Seen seen;
        g_seen = &seen;
        constexpr uint64_t kBytes = 300'000;
        constexpr uint64_t kBuffer = 40'000;

        planet::LeafSpineShape shape;
        shape.leaves = 2;
        shape.spines = 2;
        shape.hostsPerLeaf = 2;
        shape.hostRateBps = 100e9;
        shape.fabricRateBps = 100e9;
        LeafSpineHelper fabric(shape);
        // A small buffer and low ECN thresholds, so that the incast drops and marks.
        fabric.SetDeviceAttribute("BufferBytes", UintegerValue(kBuffer));
        fabric.SetDeviceAttribute("EcnKmin", UintegerValue(5'000));
        fabric.SetDeviceAttribute("EcnKmax", UintegerValue(20'000));
        fabric.Install();
        fabric.AssignStreams(1);
        RdmaHelper rdma;
        rdma.SetFabric(fabric);
        const std::vector<Ptr<RdmaStack>> stacks = rdma.Install(fabric.GetHosts());
        RdmaHelper::AssignStreams(stacks, 1000);

        planet::TrafficMatrix incast;
        for (uint32_t s = 1; s < kHosts; ++s)
        {
            incast.flows.push_back({s, s, 0, kBytes});
        }
        CollectiveHelper helper(planet::TransfersToFlowGraph(incast, "incast").graph, stacks);
        helper.Install(fabric.GetHosts());

        const std::string dev = "/NodeList/*/DeviceList/*/$ns3::FabricNetDevice/";
        for (const std::string trace : {"Drop", "Transmit", "EcnMark"})
        {
            Config::Connect(dev + trace, MakeBoundCallback(&DevicePacket, trace));
        }
        Config::Connect("/Names/leaf0/DeviceList/*/$ns3::FabricNetDevice/Drop",
                        MakeBoundCallback(&DevicePacket, std::string("leaf0 Drop")));
        Config::Connect(dev + "QueueBytes", MakeCallback(&QueueBytes));
        Config::Connect("/NodeList/*/$ns3::FabricSwitch/PathChosen",
                        MakeBoundCallback(&PathChosen, std::string("PathChosen")));
        Config::Connect("/Names/leaf1/$ns3::FabricSwitch/PathChosen",
                        MakeBoundCallback(&PathChosen, std::string("leaf1 PathChosen")));
        const std::string stack = "/NodeList/*/$ns3::RdmaStack/";
        Config::Connect(stack + "Deliver", MakeCallback(&StackDeliver));
        for (const std::string trace : {"MessageComplete", "MessageReceived"})
        {
            Config::Connect(stack + trace, MakeBoundCallback(&StackMessage, trace));
        }
        for (const std::string trace : {"Retransmit", "Nack", "Timeout"})
        {
            Config::Connect(stack + trace, MakeBoundCallback(&StackPsn, trace));
        }
        const std::string app = "/NodeList/*/ApplicationList/*/$ns3::CollectiveApplication/";
        for (const std::string trace : {"FlowStart", "FlowDelivered", "FlowAcked", "FlowComplete"})
        {
            Config::Connect(app + trace, MakeBoundCallback(&AppFlow, trace));
        }
        Config::Connect(app + "CollectiveComplete", MakeCallback(&AppCollective));

        Simulator::Stop(Seconds(1));
        Simulator::Run();
        const uint32_t leaf0 = fabric.GetLeaves().Get(0)->GetId();
        const uint32_t leaf1 = fabric.GetLeaves().Get(1)->GetId();
        Simulator::Destroy();
        g_seen = nullptr;

        const uint64_t total = (kHosts - 1) * kBytes;
        NS_TEST_ASSERT_MSG_EQ(seen.badHeaders, 0, "a trace reported a host outside the run");
        // Three senders share leaf0's 100 Gbps port to host 0 (and the remote two may share an
        // uplink or a spine's port to leaf0): drops at leaf0, all of data for host 0.
        NS_TEST_ASSERT_MSG_GT(seen.countAt["Drop"][leaf0], 0, "the incast overflowed no queue");
        NS_TEST_ASSERT_MSG_EQ(seen.count["leaf0 Drop"],
                              seen.countAt["Drop"][leaf0],
                              "drops at leaf0 by Names path and by NodeList path");
        NS_TEST_ASSERT_MSG_EQ(seen.dropsNotForHost0, 0, "dropped packets not for host 0");
        NS_TEST_ASSERT_MSG_EQ((seen.roots["leaf0 Drop"] == std::set<std::string>{"/Names/leaf0"}),
                              true,
                              "contexts of the Names path");
        NS_TEST_ASSERT_MSG_GT(seen.count["EcnMark"], 0, "no ECN mark above EcnKmax");
        NS_TEST_ASSERT_MSG_GT_OR_EQ(seen.bytes["Transmit"], 2 * total, "two hops at least");
        NS_TEST_ASSERT_MSG_GT(seen.maxQueueBytes, 20'000, "the queue never passed EcnKmax");
        NS_TEST_ASSERT_MSG_LT_OR_EQ(seen.maxQueueBytes, kBuffer, "queue above its buffer");
        // Hosts 2 and 3 cross the spines: leaf1 chooses among its two uplinks.
        NS_TEST_ASSERT_MSG_GT(seen.count["leaf1 PathChosen"], 0, "leaf1 by Names path");
        NS_TEST_ASSERT_MSG_EQ(
            (seen.roots["leaf1 PathChosen"] == std::set<std::string>{"/Names/leaf1"}),
            true,
            "contexts of the Names path");
        NS_TEST_ASSERT_MSG_GT(seen.countAt["PathChosen"][leaf1], 0, "leaf1 by NodeList path");
        NS_TEST_ASSERT_MSG_LT(seen.maxMember, shape.spines, "member outside the group");
        NS_TEST_ASSERT_MSG_GT_OR_EQ(seen.count["PathChosen"],
                                    seen.count["leaf1 PathChosen"],
                                    "all switches see at least leaf1's choices");
        // Delivery exactly once, whatever was lost and sent again.
        NS_TEST_ASSERT_MSG_EQ(seen.bytes["Deliver"], total, "bytes delivered by the stacks");
        NS_TEST_ASSERT_MSG_EQ(seen.bytes["MessageReceived"], total, "bytes of messages received");
        NS_TEST_ASSERT_MSG_EQ(seen.bytes["MessageComplete"], total, "bytes of messages acked");
        NS_TEST_ASSERT_MSG_EQ(seen.count["MessageComplete"], kHosts - 1, "one message per flow");
        NS_TEST_ASSERT_MSG_GT(seen.count["Retransmit"], 0, "drops without retransmissions");
        NS_TEST_ASSERT_MSG_GT(seen.count["Nack"] + seen.count["Timeout"],
                              0,
                              "drops noticed neither by NACK nor by timeout");
        for (const std::string trace : {"FlowStart", "FlowAcked", "FlowComplete"})
        {
            NS_TEST_ASSERT_MSG_EQ(seen.count[trace], kHosts - 1, trace << " once per flow");
            NS_TEST_ASSERT_MSG_EQ(seen.bytes[trace], total, trace << " bytes");
        }
        NS_TEST_ASSERT_MSG_EQ(
            (seen.nodes["FlowDelivered"] == std::set<uint32_t>{fabric.GetHosts().Get(0)->GetId()}),
            true,
            "FlowDelivered fires at the receiver only");
        NS_TEST_ASSERT_MSG_EQ(seen.bytes["FlowDelivered"], total, "FlowDelivered bytes");
        NS_TEST_ASSERT_MSG_EQ(seen.count["CollectiveComplete"], 1, "one collective");
        // host 0's link carries every byte once: the incast takes at least that long.
        NS_TEST_ASSERT_MSG_GT(seen.cctS,
                              total * 8 / shape.hostRateBps,
                              "faster than host 0's link");
        NS_TEST_ASSERT_MSG_LT(seen.cctS, 0.01, "the incast took implausibly long");
    }
};

class ConfigPathTestSuite : public TestSuite
{
  public:
    ConfigPathTestSuite()
        : TestSuite("planet-helper-config-paths", UNIT)
    {
        AddTestCase(new ConfigPathTestCase, TestCase::QUICK);
    }
};

ConfigPathTestSuite g_configPathTestSuite;

} // namespace
} // namespace ns3
