// SPDX-License-Identifier: GPL-2.0-only

#include "fabric-mmu.h"

#include "fabric-channel.h"
#include "fabric-defaults.h"
#include "fabric-net-device.h"
#include "fabric-pfc.h"

#include "ns3/double.h"
#include "ns3/log.h"
#include "ns3/uinteger.h"

#include <cmath>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("FabricMmu");

NS_OBJECT_ENSURE_REGISTERED(FabricMmu);

TypeId
FabricMmu::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::FabricMmu")
            .SetParent<Object>()
            .SetGroupName("Planet")
            .AddConstructor<FabricMmu>()
            .AddAttribute("BufferBytes",
                          "The switch's whole buffer (0: BufferBytesPerPort per port)",
                          UintegerValue(0),
                          MakeUintegerAccessor(&FabricMmu::m_bufferBytes),
                          MakeUintegerChecker<uint64_t>())
            .AddAttribute("BufferBytesPerPort",
                          "Buffer per port when BufferBytes is 0 (12 MB / 32 ports, Tomahawk)",
                          UintegerValue(planet::defaults::kSwitchBufferBytesPerPort),
                          MakeUintegerAccessor(&FabricMmu::m_bufferBytesPerPort),
                          MakeUintegerChecker<uint64_t>(1))
            .AddAttribute("ReservedBytes",
                          "Bytes reserved for each egress queue (port, priority) (0: one "
                          "maximum frame)",
                          UintegerValue(0),
                          MakeUintegerAccessor(&FabricMmu::m_reservedBytes),
                          MakeUintegerChecker<uint64_t>())
            .AddAttribute("Alpha",
                          "Dynamic threshold of lossy egress queues: alpha x free shared pool "
                          "(Choudhury and Hahne)",
                          DoubleValue(planet::defaults::kDtAlpha),
                          MakeDoubleAccessor(&FabricMmu::m_alpha),
                          MakeDoubleChecker<double>(0))
            .AddAttribute("PfcAlpha",
                          "Dynamic XOFF threshold of lossless ingress queues: alpha x free "
                          "shared pool",
                          DoubleValue(planet::defaults::kPfcAlpha),
                          MakeDoubleAccessor(&FabricMmu::m_pfcAlpha),
                          MakeDoubleChecker<double>(0))
            .AddAttribute("XoffBytes",
                          "Static XOFF threshold of lossless ingress queues (0: dynamic)",
                          UintegerValue(0),
                          MakeUintegerAccessor(&FabricMmu::m_xoffBytes),
                          MakeUintegerChecker<uint64_t>())
            .AddAttribute("XonOffsetBytes",
                          "A paused ingress queue resumes this far below XOFF (0: two "
                          "maximum frames)",
                          UintegerValue(0),
                          MakeUintegerAccessor(&FabricMmu::m_xonOffsetBytes),
                          MakeUintegerChecker<uint64_t>())
            .AddAttribute("HeadroomBytes",
                          "PFC headroom per port and lossless priority (0: from the link's "
                          "rate and delay plus frames, see the class)",
                          UintegerValue(0),
                          MakeUintegerAccessor(&FabricMmu::m_headroomBytes),
                          MakeUintegerChecker<uint64_t>())
            .AddAttribute(
                "MaxFrameBytes",
                "Wire bytes of the largest packet (MTU + overhead)",
                UintegerValue(planet::defaults::kMtuBytes + planet::defaults::kOverheadBytes),
                MakeUintegerAccessor(&FabricMmu::m_maxFrameBytes),
                MakeUintegerChecker<uint32_t>(1))
            .AddAttribute("LosslessPriorities",
                          "Priorities with PFC, a bit mask (bit p: priority p; 0: all lossy)",
                          UintegerValue(0),
                          MakeUintegerAccessor(&FabricMmu::m_losslessMask),
                          MakeUintegerChecker<uint8_t>())
            .AddTraceSource("Occupancy",
                            "Bytes in the switch's buffer",
                            MakeTraceSourceAccessor(&FabricMmu::m_occupancy),
                            "ns3::TracedValueCallback::Uint64");
    return tid;
}

FabricMmu::FabricMmu() = default;

void
FabricMmu::DoDispose()
{
    m_ports.clear();
    m_buffer.reset();
    Object::DoDispose();
}

uint32_t
FabricMmu::AddPort(Ptr<FabricNetDevice> device)
{
    if (m_buffer)
    {
        throw std::logic_error("FabricMmu::AddPort: the buffer is already set up");
    }
    m_ports.push_back(device);
    return static_cast<uint32_t>(m_ports.size() - 1);
}

uint64_t
FabricMmu::ComputedHeadroom(const FabricNetDevice& device) const
{
    Ptr<FabricChannel> channel = DynamicCast<FabricChannel>(device.GetChannel());
    const double delay = channel ? channel->GetDelay().GetSeconds() : 0.0;
    const double inFlight =
        2.0 * static_cast<double>(device.GetDataRate().GetBitRate()) * delay / 8;
    return static_cast<uint64_t>(std::ceil(inFlight)) + 3ULL * m_maxFrameBytes +
           device.WireBytes(0);
}

void
FabricMmu::Setup()
{
    if (m_buffer)
    {
        return;
    }
    planet::SharedBufferConfig c;
    c.bufferBytes = m_bufferBytes > 0 ? m_bufferBytes : m_bufferBytesPerPort * m_ports.size();
    c.reservedBytes = m_reservedBytes > 0 ? m_reservedBytes : m_maxFrameBytes;
    c.alpha = m_alpha;
    c.pfcAlpha = m_pfcAlpha;
    c.xoffBytes = m_xoffBytes;
    c.xonOffsetBytes = m_xonOffsetBytes > 0 ? m_xonOffsetBytes : 2ULL * m_maxFrameBytes;
    c.losslessMask = m_losslessMask;
    std::vector<uint64_t> headroom;
    for (const auto& port : m_ports)
    {
        headroom.push_back(m_headroomBytes > 0 ? m_headroomBytes : ComputedHeadroom(*port));
    }
    m_buffer = std::make_unique<planet::SharedBuffer>(c, std::move(headroom));
}

const planet::SharedBuffer&
FabricMmu::GetBuffer() const
{
    NS_ABORT_MSG_IF(!m_buffer, "FabricMmu::GetBuffer before Setup");
    return *m_buffer;
}

uint64_t
FabricMmu::GetMaxOccupancy() const
{
    return m_maxOccupancy;
}

uint64_t
FabricMmu::GetMaxHeadroomUsed() const
{
    return m_maxHeadroom;
}

planet::BufferPool
FabricMmu::Admit(uint32_t in, uint32_t out, uint8_t priority, uint32_t bytes)
{
    if (!m_buffer)
    {
        Setup();
    }
    const planet::BufferPool pool = m_buffer->Admit(in, out, priority, bytes);
    if (pool == planet::BufferPool::Dropped)
    {
        return pool;
    }
    m_occupancy = m_buffer->Occupancy();
    m_maxOccupancy = std::max<uint64_t>(m_maxOccupancy, m_occupancy);
    if (m_buffer->IsLossless(priority))
    {
        m_maxHeadroom = std::max(m_maxHeadroom, m_buffer->HeadroomUsed(in, priority));
        Ptr<FabricPfc> pfc = m_ports[in]->GetPfc();
        if (pfc && !pfc->IsXoff(priority) && m_buffer->ShouldPause(in, priority))
        {
            pfc->SetXoff(priority, true);
        }
    }
    return pool;
}

void
FabricMmu::Release(uint32_t in,
                   uint32_t out,
                   uint8_t priority,
                   uint32_t bytes,
                   planet::BufferPool pool)
{
    m_buffer->Release(in, out, priority, bytes, pool);
    m_occupancy = m_buffer->Occupancy();
    Ptr<FabricPfc> pfc = m_ports[in]->GetPfc();
    if (pfc && pfc->IsXoff(priority) && m_buffer->ShouldResume(in, priority))
    {
        pfc->SetXoff(priority, false);
    }
}

} // namespace ns3
