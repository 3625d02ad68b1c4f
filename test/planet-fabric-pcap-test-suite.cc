// SPDX-License-Identifier: GPL-2.0-only

// pcap of a 4-host run decoded by Wireshark's RoCE dissector (tshark): every data packet a host
// sent has the BTH opcode its place in the message calls for, the destination QP and the PSN
// the sender's Transmit trace saw, and the lengths RoCEv2 gives it; every acknowledgement the
// PSN it acknowledges. On the lossless fabric with DCQCN, tshark decodes the PFC PAUSE frames a
// host received and the CNPs a receiver sent, as many as the devices and stacks counted.

#include "ns3/collective-helper.h"
#include "ns3/collective-transfers.h"
#include "ns3/fabric-leaf-spine-helper.h"
#include "ns3/rdma-helper.h"
#include "ns3/rdma-queue-pair.h"
#include "ns3/simulator.h"
#include "ns3/test.h"
#include "ns3/type-id.h"
#include "ns3/uinteger.h"

#include <cstdio>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

namespace ns3
{
namespace
{

/// One packet as the sender sent it, or as tshark decoded it.
struct Seen
{
    uint32_t opcode{0};
    uint32_t qp{0};
    uint32_t psn{0};
    uint32_t ipLength{0};
};

/// Sender-side truth: what each host's NIC put on the wire.
std::map<uint32_t, std::vector<FabricHeader>> g_sent;

void
Sent(uint32_t host, Ptr<const Packet>, const FabricHeader& header)
{
    g_sent[host].push_back(header);
}

/// What host 0's NIC received (for the ascii trace).
uint32_t g_received = 0;

void
Received(Ptr<const Packet>, const FabricHeader&)
{
    ++g_received;
}

/// Run tshark on a capture: the RoCE packets host `src` sent, one Seen per packet.
std::vector<Seen>
Decode(const std::string& file, uint32_t src, std::string* error)
{
    const std::string command =
        "tshark -r '" + file + "' -Y 'ip.src == 10.0.0." + std::to_string(src + 1) +
        " && infiniband' -T fields -E separator=, -e infiniband.bth.opcode -e "
        "infiniband.bth.destqp -e infiniband.bth.psn -e ip.len 2>/dev/null";
    FILE* pipe = popen(command.c_str(), "r");
    std::vector<Seen> seen;
    if (!pipe)
    {
        *error = "cannot run tshark";
        return seen;
    }
    char line[512];
    while (fgets(line, sizeof(line), pipe))
    {
        Seen s;
        std::istringstream in(line);
        std::string field;
        std::vector<uint32_t> values;
        while (std::getline(in, field, ','))
        {
            values.push_back(static_cast<uint32_t>(std::stoul(field, nullptr, 0)));
        }
        if (values.size() != 4)
        {
            *error = std::string("unexpected tshark line: ") + line;
            break;
        }
        seen.push_back({values[0], values[1], values[2], values[3]});
    }
    const int status = pclose(pipe);
    if (status != 0 && error->empty())
    {
        *error = "tshark failed (exit status " + std::to_string(status) +
                 "; scripts/install-deps.sh installs it)";
    }
    return seen;
}

class PcapTestCase : public TestCase
{
  public:
    PcapTestCase()
        : TestCase("4 hosts, messages of 1 to 5 packets: tshark decodes opcode, QP, PSN and "
                   "lengths of every packet the senders sent; the ascii trace lists them")
    {
    }

  private:
    void DoRun() override
    {
        g_sent.clear();
        constexpr uint32_t kMtu = 4096;
        planet::LeafSpineShape shape;
        shape.leaves = 2;
        shape.spines = 2;
        shape.hostsPerLeaf = 2;
        // Matrix: message sizes of several packets with a short last one, exactly one packet,
        // less than one (padding), whole packets.
        planet::TrafficMatrix matrix;
        matrix.flows = {{1, 0, 2, 18'000}, {2, 1, 3, 4'096}, {3, 2, 1, 1'001}, {4, 3, 0, 8'192}};
        std::vector<std::string> files;
        const std::string ascii = CreateTempDirFilename("host0.tr");
        // The run in a scope of its own: the pcap files are complete once the helper, the
        // devices and their traces are gone.
        {
            LeafSpineHelper fabric(shape);
            fabric.Install();
            fabric.AssignStreams(1);
            RdmaHelper rdma;
            rdma.SetStackAttribute("Mtu", UintegerValue(kMtu));
            rdma.SetFabric(fabric);
            const std::vector<Ptr<RdmaStack>> stacks = rdma.Install(fabric.GetHosts());
            RdmaHelper::AssignStreams(stacks, 1000);
            CollectiveHelper helper(planet::TransfersToFlowGraph(matrix, "pcap").graph, stacks);
            helper.Install(fabric.GetHosts());

            for (uint32_t h = 0; h < shape.Hosts(); ++h)
            {
                files.push_back(CreateTempDirFilename("host" + std::to_string(h) + ".pcap"));
                fabric.EnablePcap(files.back(), fabric.GetHostDevice(h), false, true);
                fabric.GetHostDevice(h)->TraceConnectWithoutContext("Transmit",
                                                                    MakeBoundCallback(&Sent, h));
            }
                fabric.EnableAscii(ascii, fabric.GetHostDevice(0), true);
            g_received = 0;
            fabric.GetHostDevice(0)->TraceConnectWithoutContext("Receive", MakeCallback(&Received));
            Simulator::Run();
            Simulator::Destroy();
        }

        uint32_t dataPackets = 0;
        for (uint32_t h = 0; h < shape.Hosts(); ++h)
        {
            std::string error;
            const std::vector<Seen> decoded = Decode(files[h], h, &error);
            NS_TEST_ASSERT_MSG_EQ(error, "", "host " << h);
            const std::vector<FabricHeader>& sent = g_sent[h];
            NS_TEST_ASSERT_MSG_EQ(decoded.size(), sent.size(), "packets host " << h << " sent");
            // The message of the flow host h sends: its packets, numbered from PSN 0.
            const uint64_t bytes = matrix.flows[h].bytes;
            const uint32_t packets = static_cast<uint32_t>((bytes + kMtu - 1) / kMtu);
            for (std::size_t i = 0; i < std::min(decoded.size(), sent.size()); ++i)
            {
                const FabricHeader& s = sent[i];
                const Seen& d = decoded[i];
                NS_TEST_ASSERT_MSG_EQ(d.qp, s.qp, "host " << h << " packet " << i << " QP");
                if (s.kind == RDMA_DATA)
                {
                    ++dataPackets;
                    NS_TEST_ASSERT_MSG_LT(s.psn, packets, "PSN beyond the message");
                    const bool first = s.psn == 0;
                    const bool last = s.psn == packets - 1;
                    const uint32_t opcode = first && last ? 0x0A
                                            : first       ? 0x06
                                            : last        ? 0x08
                                                          : 0x07;
                    const uint32_t payload =
                        static_cast<uint32_t>(std::min<uint64_t>(kMtu, bytes - s.psn * kMtu));
                    NS_TEST_ASSERT_MSG_EQ(d.opcode, opcode, "host " << h << " PSN " << s.psn);
                    NS_TEST_ASSERT_MSG_EQ(d.psn, s.psn, "host " << h << " packet " << i << " PSN");
                    // IP + UDP + BTH (+ RETH) + payload padded to 4 bytes + ICRC.
                    const uint32_t ip = 20 + 8 + 12 + (first ? 16 : 0) + (payload + 3) / 4 * 4 + 4;
                    NS_TEST_ASSERT_MSG_EQ(d.ipLength, ip, "host " << h << " PSN " << s.psn);
                }
                else
                {
                    // An acknowledgement names the last PSN received in order.
                    NS_TEST_ASSERT_MSG_EQ(d.opcode, 0x11, "host " << h << " ACK opcode");
                    const uint32_t acked = (s.psn - 1) & 0xFFFFFF;
                    NS_TEST_ASSERT_MSG_EQ(d.psn, acked, "host " << h << " ACK");
                    NS_TEST_ASSERT_MSG_EQ(d.ipLength, 20 + 8 + 12 + 4 + 4, "ACK length");
                }
            }
        }
        NS_TEST_ASSERT_MSG_EQ(dataPackets, 5 + 1 + 1 + 2, "data packets of the four messages");

        // The ascii trace of host 0: a line per packet sent (t) and received (r), in order.
        std::ifstream in(ascii);
        std::string line;
        uint32_t sentLines = 0;
        uint32_t receivedLines = 0;
        while (std::getline(in, line))
        {
            if (line[0] == 't')
            {
                NS_TEST_ASSERT_MSG_LT(sentLines, g_sent[0].size(), "more t lines than packets");
                const std::string psn = " psn=" + std::to_string(g_sent[0][sentLines].psn) + " ";
                NS_TEST_ASSERT_MSG_NE(line.find(psn), std::string::npos, line);
                NS_TEST_ASSERT_MSG_NE(line.find("/NodeList/0/DeviceList/0/"),
                                      std::string::npos,
                                      line);
                ++sentLines;
            }
            receivedLines += line[0] == 'r' ? 1 : 0;
        }
        NS_TEST_ASSERT_MSG_EQ(sentLines, g_sent[0].size(), "t lines of host 0");
        NS_TEST_ASSERT_MSG_EQ(receivedLines, g_received, "r lines of host 0");
        NS_TEST_ASSERT_MSG_GT(g_received, 0, "host 0 received nothing");
    }
};

/// How many frames of a capture match a tshark display filter (-1: tshark failed).
int
Count(const std::string& file, const std::string& filter)
{
    const std::string command = "tshark -r '" + file + "' -Y '" + filter + "' 2>/dev/null | wc -l";
    FILE* pipe = popen(command.c_str(), "r");
    if (!pipe)
    {
        return -1;
    }
    int n = -1;
    if (fscanf(pipe, "%d", &n) != 1)
    {
        n = -1;
    }
    pclose(pipe);
    return n;
}

class PcapLosslessTestCase : public TestCase
{
  public:
    PcapLosslessTestCase()
        : TestCase("lossless incast with DCQCN: tshark decodes every PFC PAUSE frame and every "
                   "CNP, as many as were sent")
    {
    }

  private:
    void DoRun() override
    {
        planet::LeafSpineShape shape;
        shape.leaves = 2;
        shape.spines = 2;
        shape.hostsPerLeaf = 4;
        // A 7:1 incast into host 0: its leaf pauses its upstream ports (the other hosts of its
        // leaf among them) and marks ECN, so host 0 sends CNPs.
        planet::TrafficMatrix matrix;
        for (uint32_t h = 1; h < shape.Hosts(); ++h)
        {
            matrix.flows.push_back({h, h, 0, 400'000});
        }
        std::vector<std::string> files;
        uint64_t pausesReceived = 0;
        uint64_t cnpsSent = 0;
        {
            LeafSpineHelper fabric(shape);
            fabric.EnablePfc(true);
            fabric.EnableSharedBuffer(true);
            fabric.Install();
            fabric.AssignStreams(1);
            RdmaHelper rdma;
            rdma.SetStackAttribute("CongestionControl",
                                   TypeIdValue(TypeId::LookupByName("ns3::RdmaDcqcn")));
            // Windows far above a BDP, so that the incast backs up into the switch until
            // DCQCN slows the senders down.
            rdma.SetStackAttribute("WindowBytes", UintegerValue(4'000'000));
            rdma.SetFabric(fabric);
            const std::vector<Ptr<RdmaStack>> stacks = rdma.Install(fabric.GetHosts());
            RdmaHelper::AssignStreams(stacks, 1000);
            CollectiveHelper helper(planet::TransfersToFlowGraph(matrix, "incast").graph, stacks);
            helper.Install(fabric.GetHosts());
            for (uint32_t h = 0; h < 2; ++h)
            {
                files.push_back(CreateTempDirFilename("lossless" + std::to_string(h) + ".pcap"));
                fabric.EnablePcap(files.back(), fabric.GetHostDevice(h), false, true);
            }
            Simulator::Run();
            pausesReceived = fabric.GetHostDevice(1)->GetPfc()->GetStats().framesReceived;
            cnpsSent = stacks[0]->GetCnpsSent();
            Simulator::Destroy();
        }
        NS_TEST_ASSERT_MSG_GT(pausesReceived, 0, "the incast must pause host 1");
        NS_TEST_ASSERT_MSG_GT(cnpsSent, 0, "the incast must make host 0 send CNPs");
        const int pauses = Count(files[1], "macc.opcode == 0x0101 && eth.dst == 01:80:c2:00:00:01");
        NS_TEST_ASSERT_MSG_EQ(pauses, static_cast<int>(pausesReceived), "PFC frames host 1 got");
        const int cnps = Count(files[0], "ip.src == 10.0.0.1 && infiniband.bth.opcode == 0x81");
        NS_TEST_ASSERT_MSG_EQ(cnps, static_cast<int>(cnpsSent), "CNPs host 0 sent");
    }
};

class PcapTestSuite : public TestSuite
{
  public:
    PcapTestSuite()
        : TestSuite("planet-fabric-pcap", UNIT)
    {
        AddTestCase(new PcapTestCase, TestCase::QUICK);
        AddTestCase(new PcapLosslessTestCase, TestCase::QUICK);
    }
};

PcapTestSuite g_pcapTestSuite;

} // namespace
} // namespace ns3
