// SPDX-License-Identifier: GPL-2.0-only

#include "fabric-net-device.h"

#include "fabric-channel.h"

#include "ns3/boolean.h"
#include "ns3/double.h"
#include "ns3/log.h"
#include "ns3/node.h"
#include "ns3/random-variable-stream.h"
#include "ns3/simulator.h"
#include "ns3/uinteger.h"

#include <cmath>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("FabricNetDevice");

NS_OBJECT_ENSURE_REGISTERED(FabricNetDevice);

TypeId
FabricNetDevice::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::FabricNetDevice")
            .SetParent<NetDevice>()
            .SetGroupName("Planet")
            .AddConstructor<FabricNetDevice>()
            .AddAttribute("DataRate",
                          "Link rate of this transmitter",
                          DataRateValue(DataRate("100Gbps")),
                          MakeDataRateAccessor(&FabricNetDevice::m_rate),
                          MakeDataRateChecker())
            .AddAttribute("OverheadBytes",
                          "Wire bytes per packet beyond the payload (headers, preamble, "
                          "inter-frame gap); RoCEv2: 62 + 20",
                          UintegerValue(82),
                          MakeUintegerAccessor(&FabricNetDevice::m_overhead),
                          MakeUintegerChecker<uint32_t>())
            .AddAttribute("BufferBytes",
                          "Egress queue limit in wire bytes (tail drop beyond it)",
                          UintegerValue(1000000),
                          MakeUintegerAccessor(&FabricNetDevice::m_bufferBytes),
                          MakeUintegerChecker<uint64_t>(1))
            .AddAttribute("EcnMarking",
                          "Mark ECN-capable packets CE by the RED-style rule",
                          BooleanValue(true),
                          MakeBooleanAccessor(&FabricNetDevice::m_ecn),
                          MakeBooleanChecker())
            .AddAttribute("EcnKmin",
                          "Queue bytes below which nothing is marked",
                          UintegerValue(100000),
                          MakeUintegerAccessor(&FabricNetDevice::m_kmin),
                          MakeUintegerChecker<uint64_t>())
            .AddAttribute("EcnKmax",
                          "Queue bytes above which every ECN-capable packet is marked",
                          UintegerValue(400000),
                          MakeUintegerAccessor(&FabricNetDevice::m_kmax),
                          MakeUintegerChecker<uint64_t>())
            .AddAttribute("EcnPmax",
                          "Marking probability reached at EcnKmax",
                          DoubleValue(0.2),
                          MakeDoubleAccessor(&FabricNetDevice::m_pmax),
                          MakeDoubleChecker<double>(0, 1))
            .AddAttribute("Mtu",
                          "NetDevice MTU (informational: the transport segments by its own)",
                          UintegerValue(9216),
                          MakeUintegerAccessor(&FabricNetDevice::SetMtu, &FabricNetDevice::GetMtu),
                          MakeUintegerChecker<uint16_t>())
            .AddTraceSource("QueueBytes",
                            "Wire bytes in the egress queue",
                            MakeTraceSourceAccessor(&FabricNetDevice::m_queueBytes),
                            "ns3::TracedValueCallback::Uint64")
            .AddTraceSource("Transmit",
                            "A packet starts on the wire",
                            MakeTraceSourceAccessor(&FabricNetDevice::m_txTrace),
                            "ns3::FabricNetDevice::PacketTracedCallback")
            .AddTraceSource("Drop",
                            "A packet was dropped at the full queue",
                            MakeTraceSourceAccessor(&FabricNetDevice::m_dropTrace),
                            "ns3::FabricNetDevice::PacketTracedCallback")
            .AddTraceSource("EcnMark",
                            "A packet was marked CE",
                            MakeTraceSourceAccessor(&FabricNetDevice::m_markTrace),
                            "ns3::FabricNetDevice::PacketTracedCallback");
    return tid;
}

FabricNetDevice::FabricNetDevice()
    : m_address(Mac48Address::Allocate())
{
    m_ecnRng = CreateObject<UniformRandomVariable>();
}

FabricNetDevice::~FabricNetDevice() = default;

void
FabricNetDevice::DoDispose()
{
    m_node = nullptr;
    m_channel = nullptr;
    m_ecnRng = nullptr;
    m_control.clear();
    m_data.clear();
    m_source = nullptr;
    m_sink = nullptr;
    m_rx = NetDevice::ReceiveCallback();
    NetDevice::DoDispose();
}

void
FabricNetDevice::Attach(Ptr<FabricChannel> channel)
{
    m_channel = channel;
    channel->Attach(this);
}

int64_t
FabricNetDevice::AssignStreams(int64_t stream)
{
    m_ecnRng->SetStream(stream);
    return 1;
}

uint32_t
FabricNetDevice::WireBytes(uint32_t payload) const
{
    return payload + m_overhead;
}

Time
FabricNetDevice::TransmissionTime(uint32_t payload) const
{
    // Cached per size class: a link carries MTU-sized data and empty control packets. The
    // rate is fixed once the device carries traffic.
    const int k = payload == 0 ? 1 : 0;
    if (m_txCachePayload[k] != payload)
    {
        // Rounded up: a packet never leaves sooner than the rate allows.
        const double ns = WireBytes(payload) * 8e9 / static_cast<double>(m_rate.GetBitRate());
        m_txCacheTime[k] = NanoSeconds(static_cast<int64_t>(std::ceil(ns - 1e-9)));
        m_txCachePayload[k] = payload;
    }
    return m_txCacheTime[k];
}

DataRate
FabricNetDevice::GetDataRate() const
{
    return m_rate;
}

uint64_t
FabricNetDevice::GetQueueBytes() const
{
    return m_queueBytes;
}

FabricPortStats
FabricNetDevice::GetStats() const
{
    FabricPortStats s = m_stats;
    const double steps = m_queueByteSteps + static_cast<double>(m_queueBytes.Get()) *
                                                static_cast<double>(Simulator::Now().GetTimeStep() -
                                                                    m_lastQueueChange);
    s.queueByteSeconds = steps * TimeStep(1).GetSeconds();
    return s;
}

void
FabricNetDevice::SetQueueBytes(uint64_t bytes)
{
    const int64_t now = Simulator::Now().GetTimeStep();
    m_queueByteSteps +=
        static_cast<double>(m_queueBytes.Get()) * static_cast<double>(now - m_lastQueueChange);
    m_lastQueueChange = now;
    m_queueBytes = bytes;
    if (bytes > m_stats.maxQueueBytes)
    {
        m_stats.maxQueueBytes = bytes;
    }
}

bool
FabricNetDevice::Enqueue(Ptr<Packet> packet, const FabricHeader& header)
{
    const uint32_t wire = WireBytes(header.payload);
    const uint64_t queued = m_queueBytes.Get();
    if (queued + wire > m_bufferBytes)
    {
        ++m_stats.drops;
        m_dropTrace(packet, header);
        return false;
    }
    Entry entry{packet, header, wire};
    if (m_ecn && header.Has(FabricHeader::ECT) && queued > m_kmin)
    {
        const bool mark = queued >= m_kmax ||
                          m_ecnRng->GetValue() < m_pmax * static_cast<double>(queued - m_kmin) /
                                                     static_cast<double>(m_kmax - m_kmin);
        if (mark && !header.Has(FabricHeader::CE))
        {
            entry.header.flags |= FabricHeader::CE;
            ++m_stats.ecnMarks;
            m_markTrace(packet, entry.header);
        }
    }
    if (header.Has(FabricHeader::CONTROL))
    {
        m_control.push_back(std::move(entry));
    }
    else
    {
        m_data.push_back(std::move(entry));
    }
    SetQueueBytes(queued + wire);
    if (!m_txPending)
    {
        if (Simulator::Now() >= m_busyUntil)
        {
            TransmitNext();
        }
        else
        {
            ScheduleTransmitComplete();
        }
    }
    return true;
}

void
FabricNetDevice::ScheduleTransmitComplete()
{
    m_txPending = true;
    Simulator::Schedule(m_busyUntil - Simulator::Now(), &FabricNetDevice::TransmitComplete, this);
}

void
FabricNetDevice::TransmitComplete()
{
    m_txPending = false;
    TransmitNext();
}

void
FabricNetDevice::TransmitNext()
{
    if (m_paused)
    {
        return;
    }
    std::deque<Entry>* queue = !m_control.empty() ? &m_control
                               : !m_data.empty()  ? &m_data
                                                  : nullptr;
    if (queue)
    {
        Entry entry = std::move(queue->front());
        queue->pop_front();
        SetQueueBytes(m_queueBytes.Get() - entry.wire);
        StartTransmission(entry.packet, entry.header);
        if (!m_control.empty() || !m_data.empty() || m_source)
        {
            ScheduleTransmitComplete();
        }
        return;
    }
    if (m_source)
    {
        FabricHeader header;
        Ptr<Packet> packet = m_source->PullPacket(header);
        if (packet)
        {
            StartTransmission(packet, header);
            ScheduleTransmitComplete();
        }
    }
}

void
FabricNetDevice::StartTransmission(Ptr<Packet> packet, const FabricHeader& header)
{
    const Time tx = TransmissionTime(header.payload);
    m_busyUntil = Simulator::Now() + tx;
    m_stats.txBytes += WireBytes(header.payload);
    ++m_stats.txPackets;
    m_txTrace(packet, header);
    m_channel->Transmit(this, packet, header, tx);
}

void
FabricNetDevice::Wake()
{
    if (m_txPending)
    {
        return;
    }
    if (Simulator::Now() >= m_busyUntil)
    {
        TransmitNext();
    }
    else
    {
        ScheduleTransmitComplete();
    }
}

void
FabricNetDevice::SetPaused(bool paused)
{
    m_paused = paused;
    if (!paused)
    {
        Wake();
    }
}

void
FabricNetDevice::Receive(Ptr<Packet> packet, FabricHeader header)
{
    if (m_sink)
    {
        m_sink->ReceiveFromDevice(this, packet, header);
    }
    else if (!m_rx.IsNull())
    {
        m_rx(this, packet, 0, m_channel->GetPeer(this)->GetAddress());
    }
}

void
FabricNetDevice::SetPacketSink(FabricPacketSink* sink)
{
    m_sink = sink;
}

void
FabricNetDevice::SetPacketSource(FabricPacketSource* source)
{
    m_source = source;
}

void
FabricNetDevice::SetIfIndex(const uint32_t index)
{
    m_ifIndex = index;
}

uint32_t
FabricNetDevice::GetIfIndex() const
{
    return m_ifIndex;
}

Ptr<Channel>
FabricNetDevice::GetChannel() const
{
    return m_channel;
}

void
FabricNetDevice::SetAddress(Address address)
{
    m_address = Mac48Address::ConvertFrom(address);
}

Address
FabricNetDevice::GetAddress() const
{
    return m_address;
}

bool
FabricNetDevice::SetMtu(const uint16_t mtu)
{
    m_mtu = mtu;
    return true;
}

uint16_t
FabricNetDevice::GetMtu() const
{
    return m_mtu;
}

bool
FabricNetDevice::IsLinkUp() const
{
    return m_channel != nullptr;
}

void
FabricNetDevice::AddLinkChangeCallback(Callback<void> callback)
{
}

bool
FabricNetDevice::IsBroadcast() const
{
    return false;
}

Address
FabricNetDevice::GetBroadcast() const
{
    return Mac48Address::GetBroadcast();
}

bool
FabricNetDevice::IsMulticast() const
{
    return false;
}

Address
FabricNetDevice::GetMulticast(Ipv4Address multicastGroup) const
{
    return Mac48Address::GetMulticast(multicastGroup);
}

Address
FabricNetDevice::GetMulticast(Ipv6Address addr) const
{
    return Mac48Address::GetMulticast(addr);
}

bool
FabricNetDevice::IsBridge() const
{
    return false;
}

bool
FabricNetDevice::IsPointToPoint() const
{
    return true;
}

bool
FabricNetDevice::Send(Ptr<Packet> packet, const Address& dest, uint16_t protocolNumber)
{
    // The fabric needs a FabricHeader beside every packet: senders use Enqueue().
    NS_LOG_WARN("FabricNetDevice::Send without a FabricHeader: dropped (use Enqueue)");
    return false;
}

bool
FabricNetDevice::SendFrom(Ptr<Packet> packet,
                          const Address& source,
                          const Address& dest,
                          uint16_t protocolNumber)
{
    return Send(packet, dest, protocolNumber);
}

Ptr<Node>
FabricNetDevice::GetNode() const
{
    return m_node;
}

void
FabricNetDevice::SetNode(Ptr<Node> node)
{
    m_node = node;
}

bool
FabricNetDevice::NeedsArp() const
{
    return false;
}

void
FabricNetDevice::SetReceiveCallback(NetDevice::ReceiveCallback cb)
{
    m_rx = cb;
}

void
FabricNetDevice::SetPromiscReceiveCallback(PromiscReceiveCallback cb)
{
}

bool
FabricNetDevice::SupportsSendFrom() const
{
    return false;
}

} // namespace ns3
