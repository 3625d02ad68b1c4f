// SPDX-License-Identifier: GPL-2.0-only

#include "fabric-switch.h"

#include "fabric-ecmp.h"

#include "ns3/log.h"
#include "ns3/simulator.h"
#include "ns3/uinteger.h"

#include <stdexcept>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("FabricSwitch");

NS_OBJECT_ENSURE_REGISTERED(FabricSwitch);

namespace
{

constexpr uint32_t NO_ROUTE = UINT32_MAX;

} // namespace

TypeId
FabricSwitch::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::FabricSwitch")
            .SetParent<Object>()
            .SetGroupName("Planet")
            .AddConstructor<FabricSwitch>()
            .AddAttribute("HashSeed",
                          "Seed of this switch's ECMP hash (each switch has its own, as in "
                          "real fabrics)",
                          UintegerValue(0),
                          MakeUintegerAccessor(&FabricSwitch::m_seed),
                          MakeUintegerChecker<uint32_t>())
            .AddAttribute("FlowletGap",
                          "Adaptive packets: a flow keeps its port until it pauses this long "
                          "(0: every packet chooses)",
                          TimeValue(Seconds(0)),
                          MakeTimeAccessor(&FabricSwitch::m_flowletGap),
                          MakeTimeChecker(Seconds(0)))
            .AddTraceSource("PathChosen",
                            "A packet was sent to one member of a group of equal-cost ports",
                            MakeTraceSourceAccessor(&FabricSwitch::m_pathChosen),
                            "ns3::FabricSwitch::PathChosenCallback")
            .AddTraceSource("Unroutable",
                            "A packet for a destination without a route was dropped",
                            MakeTraceSourceAccessor(&FabricSwitch::m_unroutableTrace),
                            "ns3::FabricNetDevice::PacketTracedCallback");
    return tid;
}

FabricSwitch::FabricSwitch() = default;

void
FabricSwitch::DoDispose()
{
    for (const auto& port : m_ports)
    {
        port->SetPacketSink(nullptr);
    }
    m_ports.clear();
    if (m_mmu)
    {
        m_mmu->Dispose();
        m_mmu = nullptr;
    }
    Object::DoDispose();
}

uint32_t
FabricSwitch::AddPort(Ptr<FabricNetDevice> device)
{
    device->SetPacketSink(this);
    m_ports.push_back(device);
    const uint32_t port = static_cast<uint32_t>(m_ports.size() - 1);
    if (m_mmu)
    {
        device->SetSharedBuffer(PeekPointer(m_mmu), m_mmu->AddPort(device));
    }
    return port;
}

void
FabricSwitch::SetSharedBuffer(Ptr<FabricMmu> mmu)
{
    if (!m_ports.empty())
    {
        throw std::logic_error("FabricSwitch::SetSharedBuffer: set it before adding ports");
    }
    m_mmu = mmu;
}

Ptr<FabricMmu>
FabricSwitch::GetSharedBuffer() const
{
    return m_mmu;
}

uint32_t
FabricSwitch::AddGroup(const std::vector<uint32_t>& ports)
{
    if (ports.empty())
    {
        throw std::invalid_argument("FabricSwitch::AddGroup: a group needs at least one port");
    }
    for (uint32_t p : ports)
    {
        if (p >= m_ports.size())
        {
            throw std::invalid_argument("FabricSwitch::AddGroup: no port " + std::to_string(p));
        }
    }
    m_groups.push_back(ports);
    return static_cast<uint32_t>(m_groups.size() - 1);
}

void
FabricSwitch::SetRoute(uint32_t dst, uint32_t group)
{
    if (group >= m_groups.size())
    {
        throw std::invalid_argument("FabricSwitch::SetRoute: no group " + std::to_string(group));
    }
    if (dst >= m_routes.size())
    {
        m_routes.resize(dst + 1, NO_ROUTE);
    }
    m_routes[dst] = group;
}

Ptr<FabricNetDevice>
FabricSwitch::GetPort(uint32_t port) const
{
    return m_ports.at(port);
}

uint32_t
FabricSwitch::GetNPorts() const
{
    return static_cast<uint32_t>(m_ports.size());
}

uint32_t
FabricSwitch::Choose(uint32_t group, const FabricHeader& header) const
{
    const std::vector<uint32_t>& ports = m_groups[group];
    const uint32_t n = static_cast<uint32_t>(ports.size());
    if (n == 1)
    {
        return 0;
    }
    if (header.Has(FabricHeader::ADAPTIVE))
    {
        // Least queued bytes, a port paused for the packet's priority last; ties broken from
        // a point set by the packet's entropy so that equal ports share the load instead of
        // the first one taking it all.
        const uint8_t priority = m_ports[ports[0]]->GetPriority(header);
        auto load = [this, priority](uint32_t port) {
            const FabricNetDevice& dev = *m_ports[port];
            return dev.IsPaused(priority) ? UINT64_MAX : dev.GetQueueBytes();
        };
        const uint32_t start = header.entropy % n;
        uint32_t best = start;
        uint64_t bestBytes = load(ports[start]);
        for (uint32_t k = 1; k < n && bestBytes > 0; ++k)
        {
            const uint32_t i = (start + k) % n;
            const uint64_t bytes = load(ports[i]);
            if (bytes < bestBytes)
            {
                best = i;
                bestBytes = bytes;
            }
        }
        return best;
    }
    if (header.pathId != FabricHeader::NO_PATH)
    {
        return header.pathId % n;
    }
    return planet::EcmpMember(m_seed, header.src, header.dst, header.entropy, n);
}

uint32_t
FabricSwitch::ChooseFlowlet(uint32_t group, const FabricHeader& header)
{
    // The flow's key: its hosts and label (its packets' entropy may change: adaptive senders
    // draw one per packet to break ties); two flows colliding in 64 bits share a flowlet.
    const uint64_t key =
        (static_cast<uint64_t>(header.src) << 32 | header.dst) * 0x9e3779b97f4a7c15ULL ^
        header.flowLabel;
    const Time now = Simulator::Now();
    auto [it, fresh] = m_flowlets.try_emplace(key, Flowlet{now, 0});
    if (fresh || now - it->second.last >= m_flowletGap)
    {
        it->second.member = Choose(group, header);
    }
    it->second.last = now;
    return it->second.member;
}

void
FabricSwitch::ReceiveFromDevice(FabricNetDevice* in, Ptr<Packet> packet, const FabricHeader& header)
{
    const uint32_t group = header.dst < m_routes.size() ? m_routes[header.dst] : NO_ROUTE;
    if (group == NO_ROUTE)
    {
        m_unroutableTrace(packet, header);
        return;
    }
    const std::vector<uint32_t>& ports = m_groups[group];
    uint32_t member = 0;
    if (ports.size() > 1)
    {
        member = header.Has(FabricHeader::ADAPTIVE) && m_flowletGap.IsStrictlyPositive()
                     ? ChooseFlowlet(group, header)
                     : Choose(group, header);
        m_pathChosen(header, group, member);
    }
    m_ports[ports[member]]->Enqueue(packet, header, in->GetArrivalTime(), in->GetBufferPort());
}

} // namespace ns3
