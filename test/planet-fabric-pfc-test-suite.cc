// SPDX-License-Identifier: GPL-2.0-only

// planet-fabric-pfc: the lossless fabric. PAUSE frames on one link stop only their priority,
// after the frame on the wire, for their quanta or until XON, exactly. A 32:1 incast loses nothing,
// pauses the receiver leaf's upstream ports and finishes within 2% of the ideal (the lossy fabric
// drops in the same run); a congested spine-to-leaf port pauses the leaves' uplinks first and the
// hosts after them, and nothing upstream of it the other way; the computed headroom absorbs what is
// in flight on a 10 us link (between one and two links' worth of bytes) and a headroom too
// small drops; a congested lossy queue of a shared-buffer switch grows to the dynamic
// threshold's alpha S / (1 + alpha), beyond a static share; a victim flow that shares only an
// uplink with an incast is slowed by the pauses (head-of-line blocking). Adaptive routing
// avoids a paused port, and a flowlet keeps its port.

#include "planet-fabric-test-util.h"

#include "ns3/fabric-channel.h"
#include "ns3/fabric-mmu.h"
#include "ns3/fabric-pfc.h"
#include "ns3/fabric-switch.h"
#include "ns3/node.h"
#include "ns3/test.h"
#include "ns3/uinteger.h"

#include <fstream>
#include <sstream>

using namespace ns3;
using namespace ns3::planettest;

namespace
{

/// The shape a run's parameters give (to find its links in the record).
planet::LeafSpineShape
ShapeOf(const nlohmann::json& record)
{
    const auto& c = record.at("config");
    planet::LeafSpineShape s;
    s.leaves = c.at("leaves");
    s.spines = c.at("spines");
    s.hostsPerLeaf = c.at("hostsPerLeaf");
    s.parallelLinks = c.at("parallelLinks");
    return s;
}

uint64_t
Link(const nlohmann::json& record, uint32_t link, const char* key)
{
    return record.at("links").at(link).at(key).get<uint64_t>();
}

/// A traffic matrix file of "src dst bytes" lines.
std::string
Matrix(const std::string& file, const std::vector<std::tuple<uint32_t, uint32_t, uint64_t>>& flows)
{
    std::ofstream out(file);
    for (const auto& [src, dst, bytes] : flows)
    {
        out << src << " " << dst << " " << bytes << "\n";
    }
    return file;
}

/// Two nodes, one 8 Gbit/s link (1 ns per byte), 500 ns, 100 B overhead, PFC at both ends.
struct PfcLink : public FabricPacketSink
{
    Ptr<FabricNetDevice> tx;
    Ptr<FabricNetDevice> rx;
    std::map<uint32_t, Time> arrivals; //!< by psn

    PfcLink()
    {
        Ptr<FabricChannel> ch = CreateObject<FabricChannel>();
        ch->SetAttribute("Delay", TimeValue(NanoSeconds(500)));
        for (auto* dev : {&tx, &rx})
        {
            *dev = CreateObject<FabricNetDevice>();
            (*dev)->SetAttribute("DataRate", DataRateValue(DataRate("8Gbps")));
            (*dev)->SetAttribute("OverheadBytes", UintegerValue(100));
            Ptr<FabricPfc> pfc = CreateObject<FabricPfc>();
            pfc->SetAttribute("PauseQuanta", UintegerValue(100)); // 6.4 us at 8 Gbit/s
            (*dev)->SetPfc(pfc);
            Ptr<Node> node = CreateObject<Node>();
            node->AddDevice(*dev);
            (*dev)->Attach(ch);
        }
        rx->SetPacketSink(this);
    }

    void ReceiveFromDevice(FabricNetDevice*, Ptr<Packet>, const FabricHeader& h) override
    {
        arrivals[h.psn] = Simulator::Now();
    }
};

class PauseFrameTestCase : public TestCase
{
  public:
    PauseFrameTestCase()
        : TestCase("PAUSE frames on one link: wire and propagation time, quanta, refresh, XON, "
                   "expiry; only the paused priority stops")
    {
    }

  private:
    void DoRun() override
    {
        PfcLink link;
        Simulator::Schedule(Seconds(0), [&link]() {
            for (uint32_t k = 0; k < 12; ++k)
            {
                FabricHeader h;
                h.payload = 900; // 1000 wire bytes: 1 us
                h.psn = k;
                link.tx->Enqueue(Create<Packet>(900), h);
            }
        });
        // XOFF at 2.5 us: the PAUSE takes 100 ns on the wire and 500 ns to arrive (3.1 us);
        // packet 3 (3.0-4.0 us) finishes, packet 4 waits. The refresh at half the quanta
        // (5.7 us) would hold it to 12.7 us; the XON at 7.0 us arrives at 7.6 us.
        Simulator::Schedule(NanoSeconds(2500), [&link]() { link.rx->GetPfc()->SetXoff(3, true); });
        Simulator::Schedule(NanoSeconds(7000), [&link]() { link.rx->GetPfc()->SetXoff(3, false); });
        // A control packet (priority 6) at 5 us is not paused.
        Simulator::Schedule(NanoSeconds(5000), [&link]() {
            FabricHeader h;
            h.flags = FabricHeader::CONTROL;
            h.psn = 99;
            link.tx->Enqueue(Create<Packet>(), h);
        });
        // A PAUSE of 50 quanta (3.2 us) arriving at 12.05 us, left to expire at 15.25 us.
        Simulator::Schedule(NanoSeconds(12050), [&link]() {
            FabricHeader h;
            h.flags = FabricHeader::PAUSE;
            h.priority = 3;
            h.psn = 50;
            link.tx->Receive(Create<Packet>(), h, FabricTime::Now());
        });
        Simulator::Run();
        auto ns = [&link](uint32_t psn) { return link.arrivals.at(psn).GetNanoSeconds(); };
        for (uint32_t k = 0; k < 4; ++k)
        {
            NS_TEST_ASSERT_MSG_EQ(ns(k), 1500 + 1000 * k, "before the pause " << k);
        }
        for (uint32_t k = 4; k < 9; ++k)
        {
            NS_TEST_ASSERT_MSG_EQ(ns(k), 7600 + 1500 + 1000 * (k - 4), "after the XON " << k);
        }
        for (uint32_t k = 9; k < 12; ++k)
        {
            NS_TEST_ASSERT_MSG_EQ(ns(k), 15250 + 1500 + 1000 * (k - 9), "after expiry " << k);
        }
        NS_TEST_ASSERT_MSG_EQ(ns(99), 5600, "the control priority flows");
        const FabricPfcStats t = link.tx->GetPfc()->GetStats();
        const FabricPfcStats r = link.rx->GetPfc()->GetStats();
        NS_TEST_ASSERT_MSG_EQ(r.framesSent, 3u, "XOFF, refresh, XON");
        NS_TEST_ASSERT_MSG_EQ(t.framesReceived, 4u, "those and the injected one");
        NS_TEST_ASSERT_MSG_EQ(t.pauses, 2u, "two pauses");
        NS_TEST_ASSERT_MSG_EQ_TOL(t.pausedS, 4.5e-6 + 3.2e-6, 1e-12, "paused time");
        NS_TEST_ASSERT_MSG_EQ_TOL(t.longestPauseS, 4.5e-6, 1e-12, "longest pause");
        NS_TEST_ASSERT_MSG_EQ(link.rx->GetStats().txPackets, 3u, "PAUSE frames are on the wire");
        Simulator::Destroy();
    }
};

class IncastTestCase : public TestCase
{
  public:
    IncastTestCase()
        : TestCase("32:1 incast: lossless loses nothing, pauses upstream, near the ideal; "
                   "lossy drops")
    {
    }

  private:
    void DoRun() override
    {
        std::map<std::string, std::string> p{{"leaves", "5"},
                                             {"spines", "4"},
                                             {"hostsPerLeaf", "8"},
                                             {"workload", "incast"},
                                             {"incastSenders", "32"},
                                             {"bytes", "200000"},
                                             {"windowBytes", "4000000"}};
        p["fabric"] = "lossy";
        const nlohmann::json lossy = RunFabric(p);
        NS_TEST_ASSERT_MSG_GT(lossy.at("drops").get<uint64_t>(), 0u, "lossy: the incast drops");
        p["fabric"] = "lossless";
        const nlohmann::json r = RunFabric(p);
        NS_TEST_ASSERT_MSG_EQ(r.at("drops").get<uint64_t>(), 0u, "no drop");
        NS_TEST_ASSERT_MSG_EQ(r.at("retransmitted_packets").get<uint64_t>(), 0u, "no loss");
        NS_TEST_ASSERT_MSG_EQ(r.at("timeouts").get<uint64_t>(), 0u, "no timeout");
        NS_TEST_ASSERT_MSG_EQ(r.at("bytes_delivered").get<uint64_t>(),
                              r.at("bytes_requested").get<uint64_t>(),
                              "every byte");
        NS_TEST_ASSERT_MSG_EQ(r.at("bytes_requested").get<uint64_t>(), 32u * 200000u, "32 x");
        // The receiver's downlink is never idle while data waits: within 2% of the ideal.
        const double completion = r.at("completion_s");
        const double ideal = r.at("ideal_s");
        NS_TEST_ASSERT_MSG_GT_OR_EQ(completion, ideal, "not below the bound");
        NS_TEST_ASSERT_MSG_LT_OR_EQ(completion, 1.02 * ideal, "near the bound");
        // The receiver leaf paused the ports that feed it: its spines' downlinks and local
        // senders' NICs received PAUSE frames, and nothing else did.
        const planet::LeafSpineShape s = ShapeOf(r);
        const uint32_t receiver = r.at("flows").at(0).at("dst");
        const uint32_t leaf = s.LeafOf(receiver);
        uint64_t fromSpines = 0;
        for (uint32_t k = 0; k < s.spines; ++k)
        {
            fromSpines += Link(r, s.SpineDownLink(k, leaf), "pause_frames_received");
        }
        NS_TEST_ASSERT_MSG_GT(fromSpines, 0u, "the spines' downlinks to the leaf paused");
        // Every frame the leaf's uplink ports sent arrived (none is lost or queued forever).
        uint64_t sent = 0;
        for (uint32_t k = 0; k < s.spines; ++k)
        {
            sent += Link(r, s.LeafUpLink(leaf, k), "pause_frames_sent");
        }
        NS_TEST_ASSERT_MSG_EQ(sent, fromSpines, "PAUSE frames sent = received");
    }
};

/// First pause time of the devices of some links, -1 if none.
struct FirstPause
{
    std::map<uint32_t, double> at;

    void Watch(const LeafSpineHelper& fabric, uint32_t link)
    {
        at[link] = -1;
        fabric.GetLinkDevice(link)->GetPfc()->TraceConnectWithoutContext(
            "Pause",
            Callback<void, uint8_t, bool>([this, link](uint8_t, bool paused) {
                if (paused && at[link] < 0)
                {
                    at[link] = Simulator::Now().GetSeconds();
                }
            }));
    }
};

class PropagationTestCase : public TestCase
{
  public:
    PropagationTestCase()
        : TestCase("PFC hop by hop: a congested spine-to-leaf port pauses the leaves' uplinks, "
                   "then they pause the hosts")
    {
    }

  private:
    void DoRun() override
    {
        // One spine, five leaves of 2 hosts: the first host of leaves 1-4 sends to host 0,
        // so the spine's port to leaf 0 takes 400 Gbps for 100, while each leaf forwards at
        // the rate it receives (it needs to pause only when paused itself).
        const planet::LeafSpineShape s = [] {
            planet::LeafSpineShape x;
            x.leaves = 5;
            x.spines = 1;
            x.hostsPerLeaf = 2;
            return x;
        }();
        std::vector<uint32_t> senders{2, 4, 6, 8};
        std::vector<std::tuple<uint32_t, uint32_t, uint64_t>> flows;
        for (uint32_t h : senders)
        {
            flows.emplace_back(h, 0, 2000000);
        }
        FirstPause first;
        const nlohmann::json r =
            RunFabric({{"leaves", "5"},
                       {"spines", "1"},
                       {"hostsPerLeaf", "2"},
                       {"workload", "matrix"},
                       {"matrix", Matrix(CreateTempDirFilename("prop.tm"), flows)},
                       {"windowBytes", "4000000"},
                       {"fabric", "lossless"}},
                      Callback<void, const LeafSpineHelper&, const std::vector<Ptr<RdmaStack>>&>(
                          [&](const LeafSpineHelper& fabric, const std::vector<Ptr<RdmaStack>>&) {
                              first.Watch(fabric, s.SpineDownLink(0, 0));
                              for (uint32_t h : senders)
                              {
                                  first.Watch(fabric, s.LeafUpLink(s.LeafOf(h), 0));
                                  first.Watch(fabric, s.HostUpLink(h));
                              }
                          }));
        NS_TEST_ASSERT_MSG_EQ(r.at("drops").get<uint64_t>(), 0u, "no drop");
        NS_TEST_ASSERT_MSG_EQ(r.at("bytes_delivered").get<uint64_t>(), 8000000u, "every byte");
        NS_TEST_ASSERT_MSG_EQ(first.at.at(s.SpineDownLink(0, 0)), -1.0, "leaf 0 never pauses");
        const double delay = 1e-6;
        for (uint32_t h : senders)
        {
            const double leafPaused = first.at.at(s.LeafUpLink(s.LeafOf(h), 0));
            const double t = first.at.at(s.HostUpLink(h));
            NS_TEST_ASSERT_MSG_GT(leafPaused, 0.0, "the spine pauses host " << h << "'s leaf");
            NS_TEST_ASSERT_MSG_GT(t, 0.0, "the leaf pauses host " << h);
            // Host h's leaf was paused first, and the PAUSE it sent took a link's delay.
            NS_TEST_ASSERT_MSG_GT_OR_EQ(t, leafPaused + delay, "after its leaf, one hop later");
        }
    }
};

class HeadroomTestCase : public TestCase
{
  public:
    /// `headroom`: the HeadroomBytes parameter ("0": computed).
    explicit HeadroomTestCase(std::string headroom)
        : TestCase("headroom " + (headroom == "0" ? std::string("computed") : headroom + " B") +
                   " on 10 us links: " +
                   (headroom == "0" ? "absorbs what is in flight, no drop" : "too small, drops")),
          m_headroom(headroom)
    {
    }

  private:
    void DoRun() override
    {
        // Seven hosts of one leaf into the eighth, a low static XOFF so that what is in
        // flight when the PAUSE leaves all lands in the headroom.
        std::vector<std::tuple<uint32_t, uint32_t, uint64_t>> flows;
        for (uint32_t h = 1; h < 8; ++h)
        {
            flows.emplace_back(h, 0, 1000000);
        }
        const double delay = 10e-6;
        const nlohmann::json r =
            RunFabric({{"leaves", "2"},
                       {"spines", "1"},
                       {"hostsPerLeaf", "8"},
                       {"linkDelay", "10us"},
                       {"workload", "matrix"},
                       {"matrix", Matrix(CreateTempDirFilename("hdrm.tm"), flows)},
                       {"windowBytes", "4000000"},
                       {"fabric", "lossless"},
                       {"pfcXoffBytes", "20000"},
                       {"headroomBytes", m_headroom}});
        NS_TEST_ASSERT_MSG_EQ(r.at("bytes_delivered").get<uint64_t>(), 7000000u, "every byte");
        const double oneWay = 100e9 * delay / 8;
        const double frame = 4096 + 82;
        const double computed = 2 * oneWay + 3 * frame + 82;
        const double used = r.at("max_headroom_bytes").get<double>();
        if (m_headroom == "0")
        {
            NS_TEST_ASSERT_MSG_EQ(r.at("drops").get<uint64_t>(), 0u, "no drop");
            // After XOFF the upstream NIC sends on until the PAUSE reaches it (a link's
            // delay) and the wire holds another link's worth: between one and two.
            NS_TEST_ASSERT_MSG_GT(used, oneWay, "more than one link's bytes arrive");
            NS_TEST_ASSERT_MSG_LT_OR_EQ(used, computed, "within the computed headroom");
        }
        else
        {
            NS_TEST_ASSERT_MSG_GT(r.at("drops").get<uint64_t>(), 0u, "drops");
            NS_TEST_ASSERT_MSG_LT_OR_EQ(used, std::stod(m_headroom), "headroom full");
        }
    }

    std::string m_headroom;
};

class DynamicThresholdTestCase : public TestCase
{
  public:
    DynamicThresholdTestCase()
        : TestCase("shared buffer, lossy: the congested queue grows to reserve + alpha S over "
                   "(1 + alpha), beyond a static share, and drops beyond it")
    {
    }

  private:
    void DoRun() override
    {
        std::vector<std::tuple<uint32_t, uint32_t, uint64_t>> flows;
        for (uint32_t h = 1; h < 8; ++h)
        {
            flows.emplace_back(h, 0, 1000000);
        }
        uint64_t shared = 0;
        uint64_t buffer = 0;
        uint32_t ports = 0;
        const nlohmann::json r =
            RunFabric({{"leaves", "2"},
                       {"spines", "1"},
                       {"hostsPerLeaf", "8"},
                       {"workload", "matrix"},
                       {"matrix", Matrix(CreateTempDirFilename("dt.tm"), flows)},
                       {"windowBytes", "4000000"},
                       {"sharedBuffer", "true"},
                       {"dtAlpha", "1"}},
                      Callback<void, const LeafSpineHelper&, const std::vector<Ptr<RdmaStack>>&>(
                          [&](const LeafSpineHelper& fabric, const std::vector<Ptr<RdmaStack>>&) {
                              const planet::SharedBuffer& b =
                                  fabric.GetLeafSwitch(0)->GetSharedBuffer()->GetBuffer();
                              shared = b.SharedPoolBytes();
                              ports = b.Ports();
                              buffer = b.SharedPoolBytes() + 8ULL * ports * 4178;
                          }));
        const planet::LeafSpineShape s = ShapeOf(r);
        const double q = Link(r, s.HostDownLink(0), "max_queue_bytes");
        // A packet is admitted while the queue's shared bytes X + 4178 <= S - X before it:
        // X ends at most (S + 4178) / 2, above the reserve of one packet.
        const double bound = 4178 + (static_cast<double>(shared) + 4178) / 2;
        NS_TEST_ASSERT_MSG_EQ(ports, 9u, "8 hosts + 1 spine");
        NS_TEST_ASSERT_MSG_EQ(buffer, 9u * 375000u, "12 MB / 32 per port");
        NS_TEST_ASSERT_MSG_GT(r.at("drops").get<uint64_t>(), 0u, "drops at the threshold");
        NS_TEST_ASSERT_MSG_LT_OR_EQ(q, bound, "within the dynamic threshold");
        NS_TEST_ASSERT_MSG_GT(q, bound - 2 * 4178, "up to it");
        NS_TEST_ASSERT_MSG_GT(q, static_cast<double>(buffer) / ports, "beyond a static share");
        NS_TEST_ASSERT_MSG_EQ(r.at("bytes_delivered").get<uint64_t>(), 7000000u, "recovered");
    }
};

class HeadOfLineTestCase : public TestCase
{
  public:
    HeadOfLineTestCase()
        : TestCase("CC off, PFC on: a victim sharing only an uplink with an incast is slowed by "
                   "the pauses (head-of-line blocking)")
    {
    }

  private:
    void DoRun() override
    {
        // One spine, eight leaves of two hosts. The victim 3 -> 5 (leaf 1 -> leaf 2) shares
        // leaf 1's uplink with host 2's flow and nothing else. In the control run host 2
        // sends to host 7 (leaf 3): the victim gets half the uplink. In the incast run host 2
        // and the first host of leaves 2-7 send to host 0: the spine's port to leaf 0 is
        // shared by seven ingress ports, the spine pauses leaf 1's uplink whenever host 2's
        // packets back up, and the victim's packets wait behind them although their own
        // path is free.
        const std::tuple<uint32_t, uint32_t, uint64_t> victim{3, 5, 1000000};
        std::vector<std::tuple<uint32_t, uint32_t, uint64_t>> control{victim, {2, 7, 3000000}};
        std::vector<std::tuple<uint32_t, uint32_t, uint64_t>> incast{victim};
        for (uint32_t h : {2u, 4u, 6u, 8u, 10u, 12u, 14u})
        {
            incast.emplace_back(h, 0, 3000000);
        }
        std::vector<double> fct;
        uint64_t pauses = 0;
        for (const auto& flows : {control, incast})
        {
            const nlohmann::json r =
                RunFabric({{"leaves", "8"},
                           {"spines", "1"},
                           {"hostsPerLeaf", "2"},
                           {"workload", "matrix"},
                           {"matrix", Matrix(CreateTempDirFilename("hol.tm"), flows)},
                           {"windowBytes", "4000000"},
                           {"fabric", "lossless"},
                           {"cc", "none"}});
            NS_TEST_ASSERT_MSG_EQ(r.at("drops").get<uint64_t>(), 0u, "no drop");
            NS_TEST_ASSERT_MSG_EQ(r.at("bytes_delivered").get<uint64_t>(),
                                  r.at("bytes_requested").get<uint64_t>(),
                                  "every byte");
            fct.push_back(r.at("flows").at(0).at("fct_s"));
            const planet::LeafSpineShape s = ShapeOf(r);
            pauses = Link(r, s.LeafUpLink(1, 0), "pause_frames_received");
        }
        // Control: half of 100 Gbps (within 20%: the first round trip, the pauses).
        NS_TEST_ASSERT_MSG_LT(fct[0], 1.2 * 1000000 * 8 / 50e9, "control: half the uplink");
        // Incast: about host 2's seventh of the spine's port to leaf 0.
        NS_TEST_ASSERT_MSG_GT(pauses, 0u, "the spine paused leaf 1's uplink");
        NS_TEST_ASSERT_MSG_GT(fct[1], 2 * fct[0], "blocked behind the paused flow");
    }
};

class AdaptiveTestCase : public TestCase
{
  public:
    AdaptiveTestCase()
        : TestCase("adaptive routing: a paused port is the last choice; a flowlet keeps its port")
    {
    }

  private:
    void DoRun() override
    {
        // A switch with two equal-cost ports, each linked to a node of its own.
        Ptr<FabricSwitch> sw = CreateObject<FabricSwitch>();
        std::vector<Ptr<FabricNetDevice>> ports;
        for (uint32_t i = 0; i < 2; ++i)
        {
            Ptr<FabricChannel> ch = CreateObject<FabricChannel>();
            for (uint32_t end = 0; end < 2; ++end)
            {
                Ptr<FabricNetDevice> dev = CreateObject<FabricNetDevice>();
                dev->SetPfc(CreateObject<FabricPfc>());
                Ptr<Node> node = CreateObject<Node>();
                node->AddDevice(dev);
                dev->Attach(ch);
                if (end == 0)
                {
                    ports.push_back(dev);
                    sw->AddPort(dev);
                }
            }
        }
        const uint32_t group = sw->AddGroup({0, 1});
        FabricHeader data;
        data.flags = FabricHeader::ADAPTIVE;
        data.payload = 1000;
        // Port 1 holds a packet (the first goes on the wire, the second waits): port 0 wins.
        for (uint32_t k = 0; k < 2; ++k)
        {
            ports[1]->Enqueue(Create<Packet>(1000), data);
        }
        NS_TEST_ASSERT_MSG_EQ(sw->Choose(group, data), 0u, "the emptier port");
        // Port 0's egress paused for the data priority: port 1 despite its queue.
        FabricHeader pause;
        pause.flags = FabricHeader::PAUSE;
        pause.priority = data.priority;
        pause.psn = 0xffff;
        ports[0]->Receive(Create<Packet>(), pause, FabricTime::Now());
        NS_TEST_ASSERT_MSG_EQ(sw->Choose(group, data), 1u, "not the paused port");
        // Control packets (another priority) are not paused there.
        FabricHeader ack = data;
        ack.flags |= FabricHeader::CONTROL;
        NS_TEST_ASSERT_MSG_EQ(sw->Choose(group, ack), 0u, "its priority is not paused");
        Simulator::Destroy();

        // Flowlets on a permutation: with a gap longer than the run, each flow keeps the
        // uplink its first packet took; per packet, flows spread over several.
        std::map<std::string, uint32_t> mostPaths;
        for (const std::string gap : {"0s", "1s"})
        {
            const nlohmann::json r = RunFabric(SmallFabric({{"workload", "permutation"},
                                                            {"bytes", "400000"},
                                                            {"routing", "adaptive"},
                                                            {"flowletGap", gap}}));
            NS_TEST_ASSERT_MSG_EQ(r.at("bytes_delivered").get<uint64_t>(),
                                  r.at("bytes_requested").get<uint64_t>(),
                                  "every byte");
            uint32_t most = 0;
            for (const auto& f : r.at("flows"))
            {
                most = std::max<uint32_t>(most, f.at("paths").size());
            }
            mostPaths[gap] = most;
        }
        NS_TEST_ASSERT_MSG_EQ(mostPaths["1s"], 1u, "one flowlet, one uplink");
        NS_TEST_ASSERT_MSG_GT(mostPaths["0s"], 1u, "per packet: several");
    }
};

class PfcTestSuite : public TestSuite
{
  public:
    PfcTestSuite()
        : TestSuite("planet-fabric-pfc", UNIT)
    {
        AddTestCase(new PauseFrameTestCase, TestCase::QUICK);
        AddTestCase(new IncastTestCase, TestCase::QUICK);
        AddTestCase(new PropagationTestCase, TestCase::QUICK);
        AddTestCase(new HeadroomTestCase("0"), TestCase::QUICK);
        AddTestCase(new HeadroomTestCase("20000"), TestCase::QUICK);
        AddTestCase(new DynamicThresholdTestCase, TestCase::QUICK);
        AddTestCase(new HeadOfLineTestCase, TestCase::QUICK);
        AddTestCase(new AdaptiveTestCase, TestCase::QUICK);
    }
};

PfcTestSuite g_pfcTestSuite;

} // namespace
