// SPDX-License-Identifier: GPL-2.0-only

#include "fabric-leaf-spine-helper.h"

#include "ns3/config.h"
#include "ns3/fabric-defaults.h"
#include "ns3/fabric-channel.h"
#include "ns3/log.h"
#include "ns3/names.h"
#include "ns3/random-variable-stream.h"
#include "ns3/rdma-roce-frame.h"
#include "ns3/simulator.h"
#include "ns3/uinteger.h"

#include <iomanip>
#include <sstream>
#include <stdexcept>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("LeafSpineHelper");

namespace
{

RoceFrame::Mac
MacOf(const Address& address)
{
    RoceFrame::Mac mac;
    Mac48Address::ConvertFrom(address).CopyTo(mac.data());
    return mac;
}

/// A packet seen by a pcap-traced device: its frame, at the time it starts on the wire (sent)
/// or has fully arrived (received).
void
PcapSink(Ptr<PcapFileWrapper> file,
         RoceFrame::Mac src,
         RoceFrame::Mac dst,
         Ptr<const Packet>,
         const FabricHeader& header)
{
    const std::vector<uint8_t> frame = RoceFrame::Serialise(header, src, dst);
    file->Write(Simulator::Now(),
                Create<Packet>(frame.data(), static_cast<uint32_t>(frame.size())));
}

void
AsciiSink(Ptr<OutputStreamWrapper> stream,
          char event,
          RoceFrame::Mac src,
          RoceFrame::Mac dst,
          std::string context,
          Ptr<const Packet>,
          const FabricHeader& header)
{
    std::ostream& os = *stream->GetStream();
    os << event << " " << std::setprecision(12) << Simulator::Now().GetSeconds() << " " << context
       << " opcode=0x" << std::hex << static_cast<int>(RoceFrame::BthOpcode(header)) << std::dec
       << " frame=" << RoceFrame::Serialise(header, src, dst).size() << " " << header << "\n";
}

} // namespace

LeafSpineHelper::LeafSpineHelper()
    : LeafSpineHelper(planet::LeafSpineShape())
{
}

LeafSpineHelper::LeafSpineHelper(const planet::LeafSpineShape& shape)
    : m_shape(shape)
{
    m_shape.Validate();
    m_deviceFactory.SetTypeId(FabricNetDevice::GetTypeId());
    m_switchFactory.SetTypeId(FabricSwitch::GetTypeId());
    m_pfcFactory.SetTypeId(FabricPfc::GetTypeId());
    m_mmuFactory.SetTypeId(FabricMmu::GetTypeId());
}

void
LeafSpineHelper::EnablePfc(bool enable)
{
    m_pfc = enable;
    m_mmuFactory.Set("LosslessPriorities",
                     UintegerValue(enable ? 1u << planet::defaults::kDataPriority : 0u));
}

void
LeafSpineHelper::SetPfcAttribute(const std::string& name, const AttributeValue& value)
{
    m_pfcFactory.Set(name, value);
}

void
LeafSpineHelper::EnableSharedBuffer(bool enable)
{
    m_sharedBuffer = enable;
}

void
LeafSpineHelper::SetSharedBufferAttribute(const std::string& name, const AttributeValue& value)
{
    m_mmuFactory.Set(name, value);
}

void
LeafSpineHelper::SetDeviceAttribute(const std::string& name, const AttributeValue& value)
{
    m_deviceFactory.Set(name, value);
}

void
LeafSpineHelper::SetSwitchAttribute(const std::string& name, const AttributeValue& value)
{
    m_switchFactory.Set(name, value);
}

Ptr<FabricNetDevice>
LeafSpineHelper::MakeDevice(Ptr<Node> node, double rateBps)
{
    Ptr<FabricNetDevice> dev = m_deviceFactory.Create<FabricNetDevice>();
    dev->SetAttribute("DataRate", DataRateValue(DataRate(static_cast<uint64_t>(rateBps))));
    if (m_pfc)
    {
        dev->SetPfc(m_pfcFactory.Create<FabricPfc>());
    }
    node->AddDevice(dev);
    return dev;
}

void
LeafSpineHelper::Connect(Ptr<FabricNetDevice> a, Ptr<FabricNetDevice> b)
{
    Ptr<FabricChannel> channel = CreateObject<FabricChannel>();
    channel->SetAttribute("Delay", TimeValue(Seconds(m_shape.linkDelayS)));
    a->Attach(channel);
    b->Attach(channel);
}

void
LeafSpineHelper::Install()
{
    if (m_hosts.GetN() > 0)
    {
        throw std::logic_error("LeafSpineHelper::Install: already installed");
    }
    const planet::LeafSpineShape& s = m_shape;
    m_hosts.Create(s.Hosts());
    m_leaves.Create(s.leaves);
    m_spines.Create(s.spines);
    m_links.assign(s.LinkCount(), nullptr);
    for (uint32_t l = 0; l < s.leaves; ++l)
    {
        Ptr<FabricSwitch> sw = m_switchFactory.Create<FabricSwitch>();
        if (m_sharedBuffer)
        {
            sw->SetSharedBuffer(m_mmuFactory.Create<FabricMmu>());
        }
        m_leaves.Get(l)->AggregateObject(sw);
        m_leafSwitches.push_back(sw);
    }
    for (uint32_t k = 0; k < s.spines; ++k)
    {
        Ptr<FabricSwitch> sw = m_switchFactory.Create<FabricSwitch>();
        if (m_sharedBuffer)
        {
            sw->SetSharedBuffer(m_mmuFactory.Create<FabricMmu>());
        }
        m_spines.Get(k)->AggregateObject(sw);
        m_spineSwitches.push_back(sw);
    }

    NameNodes();

    // Host links: each host port is its own group on the leaf.
    for (uint32_t h = 0; h < s.Hosts(); ++h)
    {
        const uint32_t l = s.LeafOf(h);
        Ptr<FabricNetDevice> up = MakeDevice(m_hosts.Get(h), s.hostRateBps);
        Ptr<FabricNetDevice> down = MakeDevice(m_leaves.Get(l), s.hostRateBps);
        Connect(up, down);
        m_links[s.HostUpLink(h)] = up;
        m_links[s.HostDownLink(h)] = down;
        const uint32_t port = m_leafSwitches[l]->AddPort(down);
        m_leafSwitches[l]->SetRoute(h, m_leafSwitches[l]->AddGroup({port}));
    }
    // Leaf-spine links.
    std::vector<std::vector<uint32_t>> uplinkPorts(s.leaves); // leaf -> ports, path order
    std::vector<std::vector<std::vector<uint32_t>>> downPorts(
        s.spines,
        std::vector<std::vector<uint32_t>>(s.leaves));
    for (uint32_t l = 0; l < s.leaves; ++l)
    {
        for (uint32_t k = 0; k < s.spines; ++k)
        {
            for (uint32_t p = 0; p < s.parallelLinks; ++p)
            {
                Ptr<FabricNetDevice> up = MakeDevice(m_leaves.Get(l), s.fabricRateBps);
                Ptr<FabricNetDevice> down = MakeDevice(m_spines.Get(k), s.fabricRateBps);
                Connect(up, down);
                m_links[s.LeafUpLink(l, k, p)] = up;
                m_links[s.SpineDownLink(k, l, p)] = down;
                uplinkPorts[l].push_back(m_leafSwitches[l]->AddPort(up));
                downPorts[k][l].push_back(m_spineSwitches[k]->AddPort(down));
            }
        }
    }
    for (uint32_t l = 0; l < s.leaves; ++l)
    {
        const uint32_t group = m_leafSwitches[l]->AddGroup(uplinkPorts[l]);
        for (uint32_t h = 0; h < s.Hosts(); ++h)
        {
            if (s.LeafOf(h) != l)
            {
                m_leafSwitches[l]->SetRoute(h, group);
            }
        }
    }
    for (uint32_t k = 0; k < s.spines; ++k)
    {
        for (uint32_t l = 0; l < s.leaves; ++l)
        {
            const uint32_t group = m_spineSwitches[k]->AddGroup(downPorts[k][l]);
            for (uint32_t h = l * s.hostsPerLeaf; h < (l + 1) * s.hostsPerLeaf; ++h)
            {
                m_spineSwitches[k]->SetRoute(h, group);
            }
        }
    }
    for (const auto* switches : {&m_leafSwitches, &m_spineSwitches})
    {
        for (const auto& sw : *switches)
        {
            if (sw->GetSharedBuffer())
            {
                sw->GetSharedBuffer()->Setup();
            }
        }
    }
}

void
LeafSpineHelper::EnablePcapInternal(std::string prefix,
                                    Ptr<NetDevice> nd,
                                    bool promiscuous,
                                    bool explicitFilename)
{
    Ptr<FabricNetDevice> device = DynamicCast<FabricNetDevice>(nd);
    if (!device)
    {
        NS_LOG_INFO("LeafSpineHelper::EnablePcap: not a FabricNetDevice, skipped");
        return;
    }
    PcapHelper pcap;
    const std::string filename =
        explicitFilename ? prefix : pcap.GetFilenameFromDevice(prefix, device);
    Ptr<PcapFileWrapper> file = pcap.CreateFile(filename, std::ios::out, PcapHelper::DLT_EN10MB);
    const RoceFrame::Mac self = MacOf(device->GetAddress());
    Ptr<FabricChannel> channel = DynamicCast<FabricChannel>(device->GetChannel());
    const RoceFrame::Mac peer = MacOf(channel->GetPeer(device)->GetAddress());
    device->TraceConnectWithoutContext("Transmit", MakeBoundCallback(&PcapSink, file, self, peer));
    device->TraceConnectWithoutContext("Receive", MakeBoundCallback(&PcapSink, file, peer, self));
}

void
LeafSpineHelper::EnableAsciiInternal(Ptr<OutputStreamWrapper> stream,
                                     std::string prefix,
                                     Ptr<NetDevice> nd,
                                     bool explicitFilename)
{
    Ptr<FabricNetDevice> device = DynamicCast<FabricNetDevice>(nd);
    if (!device)
    {
        NS_LOG_INFO("LeafSpineHelper::EnableAscii: not a FabricNetDevice, skipped");
        return;
    }
    if (!stream)
    {
        AsciiTraceHelper ascii;
        const std::string filename =
            explicitFilename ? prefix : ascii.GetFilenameFromDevice(prefix, device);
        stream = ascii.CreateFileStream(filename);
    }
    const RoceFrame::Mac self = MacOf(device->GetAddress());
    Ptr<FabricChannel> channel = DynamicCast<FabricChannel>(device->GetChannel());
    const RoceFrame::Mac peer = MacOf(channel->GetPeer(device)->GetAddress());
    std::ostringstream path;
    path << "/NodeList/" << device->GetNode()->GetId() << "/DeviceList/" << device->GetIfIndex()
         << "/$ns3::FabricNetDevice/";
    Config::Connect(path.str() + "Transmit",
                    MakeBoundCallback(&AsciiSink, stream, 't', self, peer));
    Config::Connect(path.str() + "Receive", MakeBoundCallback(&AsciiSink, stream, 'r', peer, self));
    Config::Connect(path.str() + "Drop", MakeBoundCallback(&AsciiSink, stream, 'd', self, peer));
}

void
LeafSpineHelper::NameNodes()
{
    // Names are process-wide and outlive the nodes: they are cleared when the simulator is
    // destroyed, and a second fabric in the same simulation keeps its nodes unnamed.
    if (Names::Find<Node>(HostName(0)) || Names::Find<Node>(LeafName(0)))
    {
        return;
    }
    Simulator::ScheduleDestroy(&Names::Clear);
    for (uint32_t h = 0; h < m_hosts.GetN(); ++h)
    {
        Names::Add(HostName(h), m_hosts.Get(h));
    }
    for (uint32_t l = 0; l < m_leaves.GetN(); ++l)
    {
        Names::Add(LeafName(l), m_leaves.Get(l));
    }
    for (uint32_t k = 0; k < m_spines.GetN(); ++k)
    {
        Names::Add(SpineName(k), m_spines.Get(k));
    }
}

std::string
LeafSpineHelper::HostName(uint32_t host)
{
    return "host" + std::to_string(host);
}

std::string
LeafSpineHelper::LeafName(uint32_t leaf)
{
    return "leaf" + std::to_string(leaf);
}

std::string
LeafSpineHelper::SpineName(uint32_t spine)
{
    return "spine" + std::to_string(spine);
}

const planet::LeafSpineShape&
LeafSpineHelper::GetShape() const
{
    return m_shape;
}

NodeContainer
LeafSpineHelper::GetHosts() const
{
    return m_hosts;
}

NodeContainer
LeafSpineHelper::GetLeaves() const
{
    return m_leaves;
}

NodeContainer
LeafSpineHelper::GetSpines() const
{
    return m_spines;
}

NodeContainer
LeafSpineHelper::GetSwitches() const
{
    return NodeContainer(m_leaves, m_spines);
}

uint32_t
LeafSpineHelper::GetHostId(Ptr<Node> host) const
{
    for (uint32_t h = 0; h < m_hosts.GetN(); ++h)
    {
        if (m_hosts.Get(h) == host)
        {
            return h;
        }
    }
    throw std::invalid_argument("LeafSpineHelper::GetHostId: not a host of this fabric");
}

Ptr<FabricNetDevice>
LeafSpineHelper::GetHostDevice(uint32_t host) const
{
    return m_links.at(m_shape.HostUpLink(host));
}

Ptr<FabricNetDevice>
LeafSpineHelper::GetLinkDevice(uint32_t link) const
{
    return m_links.at(link);
}

Ptr<FabricSwitch>
LeafSpineHelper::GetLeafSwitch(uint32_t leaf) const
{
    return m_leafSwitches.at(leaf);
}

Ptr<FabricSwitch>
LeafSpineHelper::GetSpineSwitch(uint32_t spine) const
{
    return m_spineSwitches.at(spine);
}

double
LeafSpineHelper::GetOversubscription() const
{
    return m_shape.Oversubscription();
}

planet::EcmpFabric
LeafSpineHelper::GetEcmpFabric() const
{
    auto seeds = [](const std::vector<Ptr<FabricSwitch>>& switches) {
        std::vector<uint32_t> result;
        for (const auto& sw : switches)
        {
            UintegerValue seed;
            sw->GetAttribute("HashSeed", seed);
            result.push_back(static_cast<uint32_t>(seed.Get()));
        }
        return result;
    };
    return planet::EcmpFabric{m_shape, seeds(m_leafSwitches), seeds(m_spineSwitches)};
}

int64_t
LeafSpineHelper::AssignStreams(int64_t stream)
{
    Ptr<UniformRandomVariable> seeds = CreateObject<UniformRandomVariable>();
    seeds->SetStream(stream);
    int64_t used = 1;
    for (const auto& sw : m_leafSwitches)
    {
        sw->SetAttribute("HashSeed", UintegerValue(seeds->GetInteger(0, UINT32_MAX)));
    }
    for (const auto& sw : m_spineSwitches)
    {
        sw->SetAttribute("HashSeed", UintegerValue(seeds->GetInteger(0, UINT32_MAX)));
    }
    for (const auto& dev : m_links)
    {
        used += dev->AssignStreams(stream + used);
    }
    return used;
}

} // namespace ns3
