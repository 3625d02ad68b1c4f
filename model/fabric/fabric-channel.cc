// SPDX-License-Identifier: GPL-2.0-only

#include "fabric-channel.h"

#include "fabric-net-device.h"

#include "ns3/log.h"
#include "ns3/node.h"
#include "ns3/simulator.h"

#include <stdexcept>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("FabricChannel");

NS_OBJECT_ENSURE_REGISTERED(FabricChannel);

uint64_t
FabricTime::UnitsPerSecond()
{
    static const uint64_t units = TimeStep(1).GetPicoSeconds() >= 1
                                      ? 1000000000000ULL
                                      : static_cast<uint64_t>(Seconds(1).GetTimeStep());
    return units;
}

TypeId
FabricChannel::GetTypeId()
{
    static TypeId tid = TypeId("ns3::FabricChannel")
                            .SetParent<Channel>()
                            .SetGroupName("Planet")
                            .AddConstructor<FabricChannel>()
                            .AddAttribute("Delay",
                                          "Propagation delay",
                                          TimeValue(MicroSeconds(1)),
                                          MakeTimeAccessor(&FabricChannel::m_delay),
                                          MakeTimeChecker(Seconds(0)));
    return tid;
}

FabricChannel::FabricChannel() = default;

void
FabricChannel::DoDispose()
{
    m_devices[0] = nullptr;
    m_devices[1] = nullptr;
    Channel::DoDispose();
}

void
FabricChannel::Attach(Ptr<FabricNetDevice> device)
{
    const std::size_t i = m_devices[0] ? 1 : 0;
    if (m_devices[i])
    {
        throw std::logic_error("FabricChannel: a link has two ends");
    }
    m_devices[i] = device;
    m_nodeIds[i] = device->GetNode() ? device->GetNode()->GetId() : 0;
}

Ptr<FabricNetDevice>
FabricChannel::GetPeer(Ptr<const FabricNetDevice> device) const
{
    return m_devices[0] == device ? m_devices[1] : m_devices[0];
}

void
FabricChannel::Transmit(Ptr<const FabricNetDevice> from,
                        Ptr<Packet> packet,
                        const FabricHeader& header,
                        int64_t txEnd,
                        Time txEndStep)
{
    const std::size_t to = m_devices[0] == from ? 1 : 0;
    if (m_delayUnits < 0)
    {
        m_delayUnits = FabricTime::FromTime(m_delay);
    }
    // The delay is whole time steps: the arrival's step is the end's plus the delay.
    const int64_t arrival = txEnd + m_delayUnits;
    Simulator::ScheduleWithContext(m_nodeIds[to],
                                   txEndStep + m_delay - Simulator::Now(),
                                   &FabricNetDevice::Receive,
                                   PeekPointer(m_devices[to]),
                                   packet,
                                   header,
                                   arrival);
}

Time
FabricChannel::GetDelay() const
{
    return m_delay;
}

std::size_t
FabricChannel::GetNDevices() const
{
    return m_devices[1] ? 2 : (m_devices[0] ? 1 : 0);
}

Ptr<NetDevice>
FabricChannel::GetDevice(std::size_t i) const
{
    return m_devices[i];
}

} // namespace ns3
