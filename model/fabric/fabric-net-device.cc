// SPDX-License-Identifier: GPL-2.0-only

#include "fabric-net-device.h"

#include "fabric-channel.h"
#include "fabric-defaults.h"
#include "fabric-ecn.h"
#include "fabric-int.h"
#include "fabric-leaf-spine.h"
#include "fabric-mmu.h"
#include "fabric-pfc.h"

#include "ns3/boolean.h"
#include "ns3/double.h"
#include "ns3/log.h"
#include "ns3/node.h"
#include "ns3/random-variable-stream.h"
#include "ns3/simulator.h"
#include "ns3/uinteger.h"

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
            .AddAttribute(
                "DataRate",
                "Link rate of this transmitter",
                DataRateValue(DataRate(static_cast<uint64_t>(planet::defaults::kLinkRateBps))),
                MakeDataRateAccessor(&FabricNetDevice::m_rate),
                MakeDataRateChecker())
            .AddAttribute("OverheadBytes",
                          "Wire bytes per packet beyond the payload (headers, preamble, "
                          "inter-frame gap); RoCEv2: 62 + 20",
                          UintegerValue(planet::defaults::kOverheadBytes),
                          MakeUintegerAccessor(&FabricNetDevice::m_overhead),
                          MakeUintegerChecker<uint32_t>())
            .AddAttribute("BufferBytes",
                          "Egress queue limit in wire bytes (tail drop beyond it)",
                          UintegerValue(planet::defaults::kBufferBytes),
                          MakeUintegerAccessor(&FabricNetDevice::m_bufferBytes),
                          MakeUintegerChecker<uint64_t>(1))
            .AddAttribute("EcnMarking",
                          "Mark ECN-capable packets CE by the RED-style rule",
                          BooleanValue(true),
                          MakeBooleanAccessor(&FabricNetDevice::m_ecn),
                          MakeBooleanChecker())
            .AddAttribute("EcnMarkOnDequeue",
                          "Mark when a packet leaves the queue, on the bytes behind it (false: "
                          "when it arrives, on the bytes before it)",
                          BooleanValue(false),
                          MakeBooleanAccessor(&FabricNetDevice::m_ecnOnDequeue),
                          MakeBooleanChecker())
            .AddAttribute("ControlPriority",
                          "Priority of control packets (ACK/NACK/CNP; 7 is served first)",
                          UintegerValue(planet::defaults::kControlPriority),
                          MakeUintegerAccessor(&FabricNetDevice::m_controlPriority),
                          MakeUintegerChecker<uint8_t>(0, FabricHeader::kPriorities - 1))
            .AddAttribute("EcnKmin",
                          "Queue bytes below which nothing is marked",
                          UintegerValue(planet::defaults::kEcnKminBytes),
                          MakeUintegerAccessor(&FabricNetDevice::m_kmin),
                          MakeUintegerChecker<uint64_t>())
            .AddAttribute("EcnKmax",
                          "Queue bytes above which every ECN-capable packet is marked",
                          UintegerValue(planet::defaults::kEcnKmaxBytes),
                          MakeUintegerAccessor(&FabricNetDevice::m_kmax),
                          MakeUintegerChecker<uint64_t>())
            .AddAttribute("EcnPmax",
                          "Marking probability reached at EcnKmax",
                          DoubleValue(planet::defaults::kEcnPmax),
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
            .AddTraceSource("Receive",
                            "A packet has fully arrived (before the switch or transport sees it)",
                            MakeTraceSourceAccessor(&FabricNetDevice::m_rxTrace),
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
    for (auto& q : m_queues)
    {
        q.clear();
    }
    if (m_pfc)
    {
        m_pfc->Dispose();
        m_pfc = nullptr;
    }
    m_mmu = nullptr;
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
    return static_cast<uint32_t>(planet::WireFormat::PacketBytes(payload, m_overhead));
}

int64_t
FabricNetDevice::Serialisation(uint32_t payload)
{
    // Cached per size class: a link carries MTU-sized data and empty control packets. The
    // rate is fixed once the device carries traffic.
    const int k = payload == 0 ? 1 : 0;
    if (m_txCachePayload[k] != payload)
    {
        m_rateBps = m_rate.GetBitRate();
        const uint64_t rate = m_rateBps;
        NS_ABORT_MSG_IF(rate == 0, "FabricNetDevice: DataRate 0 cannot transmit");
        __extension__ typedef unsigned __int128 Wide;
        const Wide units = static_cast<Wide>(WireBytes(payload)) * 8 * FabricTime::UnitsPerSecond();
        m_txCacheUnits[k] = static_cast<uint64_t>(units / rate);
        m_txCacheRemainder[k] = static_cast<uint64_t>(units % rate);
        m_txCachePayload[k] = payload;
    }
    // The exact time is units + remainder / rate: carry the remainder (Bresenham), so the
    // packets' times add up to the exact total with no drift.
    uint64_t units = m_txCacheUnits[k];
    m_carry += m_txCacheRemainder[k];
    if (m_carry >= m_rateBps)
    {
        m_carry -= m_rateBps;
        ++units;
    }
    return static_cast<int64_t>(units);
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
    return Enqueue(packet, header, FabricTime::Now());
}

bool
FabricNetDevice::Enqueue(Ptr<Packet> packet, const FabricHeader& header, int64_t ready)
{
    return Enqueue(packet, header, ready, 0);
}

uint8_t
FabricNetDevice::GetPriority(const FabricHeader& header) const
{
    return header.Has(FabricHeader::CONTROL) ? m_controlPriority : header.priority;
}

void
FabricNetDevice::MarkEcn(Entry& entry, uint64_t queued)
{
    if (!entry.header.Has(FabricHeader::ECT) || entry.header.Has(FabricHeader::CE) ||
        queued <= m_kmin)
    {
        return;
    }
    const double p = planet::EcnMarkProbability(queued, m_kmin, m_kmax, m_pmax);
    if (p >= 1.0 || m_ecnRng->GetValue() < p)
    {
        entry.header.flags |= FabricHeader::CE;
        ++m_stats.ecnMarks;
        m_markTrace(entry.packet, entry.header);
    }
}

bool
FabricNetDevice::Enqueue(Ptr<Packet> packet,
                         const FabricHeader& header,
                         int64_t ready,
                         uint32_t inPort)
{
    const uint32_t wire = WireBytes(header.payload);
    const uint64_t queued = m_queueBytes.Get();
    const uint8_t priority = GetPriority(header);
    planet::BufferPool pool = planet::BufferPool::Shared;
    if (m_mmu)
    {
        pool = m_mmu->Admit(inPort, m_bufferPort, priority, wire);
    }
    else if (queued + wire > m_bufferBytes)
    {
        pool = planet::BufferPool::Dropped;
    }
    if (pool == planet::BufferPool::Dropped)
    {
        ++m_stats.drops;
        m_dropTrace(packet, header);
        return false;
    }
    Entry entry{packet, header, wire, ready, inPort, pool};
    if (m_ecn && !m_ecnOnDequeue)
    {
        MarkEcn(entry, m_priorityBytes[priority]);
    }
    m_queues[priority].push_back(std::move(entry));
    m_priorityBytes[priority] += wire;
    ++m_queuedPackets;
    SetQueueBytes(queued + wire);
    Kick();
    return true;
}

void
FabricNetDevice::Kick()
{
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
    if (m_pfc && m_pfc->HasFrame())
    {
        StartTransmission(Create<Packet>(), m_pfc->TakeFrame(), FabricTime::Now());
        ScheduleTransmitComplete();
        return;
    }
    const uint8_t paused = m_pfc ? m_pfc->GetPausedMask() : 0;
    for (int p = FabricHeader::kPriorities - 1; m_queuedPackets > 0 && p >= 0; --p)
    {
        std::deque<Entry>& queue = m_queues[p];
        if (queue.empty() || ((paused >> p) & 1) != 0)
        {
            continue;
        }
        Entry entry = std::move(queue.front());
        queue.pop_front();
        --m_queuedPackets;
        m_priorityBytes[p] -= entry.wire;
        SetQueueBytes(m_queueBytes.Get() - entry.wire);
        if (m_ecn && m_ecnOnDequeue)
        {
            MarkEcn(entry, m_priorityBytes[p]);
        }
        if (m_mmu)
        {
            m_mmu->Release(entry.inPort, m_bufferPort, p, entry.wire, entry.pool);
        }
        StartTransmission(entry.packet, entry.header, entry.ready);
        if (m_queuedPackets > 0 || m_source)
        {
            ScheduleTransmitComplete();
        }
        return;
    }
    if (m_source && ((paused >> planet::defaults::kDataPriority) & 1) == 0)
    {
        // Without a Wake() since the last pull, the source has had data all along: the packet
        // follows the previous one back to back.
        const int64_t ready = m_woken >= 0 ? m_woken : m_freeAt;
        m_woken = -1;
        FabricHeader header;
        Ptr<Packet> packet = m_source->PullPacket(header);
        if (packet)
        {
            StartTransmission(packet, header, ready);
            ScheduleTransmitComplete();
        }
    }
}

void
FabricNetDevice::StartTransmission(Ptr<Packet> packet, const FabricHeader& header, int64_t ready)
{
    const int64_t start = std::max(m_freeAt, ready);
    m_freeAt = start + Serialisation(header.payload);
    m_busyUntil = FabricTime::ToTimeCeil(m_freeAt);
    m_stats.txBytes += WireBytes(header.payload);
    ++m_stats.txPackets;
    // In-band telemetry (HPCC): a switch port reports its state at egress; hosts do not.
    if (header.Has(FabricHeader::INT) && !m_source)
    {
        FabricIntTag::AppendHop(packet,
                                {m_stats.txBytes, start, m_queueBytes.Get(), m_rate.GetBitRate()});
    }
    m_txTrace(packet, header);
    m_channel->Transmit(this, packet, header, m_freeAt, m_busyUntil);
}

void
FabricNetDevice::Wake()
{
    if (m_woken < 0)
    {
        m_woken = FabricTime::Now();
    }
    Kick();
}

void
FabricNetDevice::SetPfc(Ptr<FabricPfc> pfc)
{
    m_pfc = pfc;
    if (pfc)
    {
        pfc->SetDevice(this);
    }
}

Ptr<FabricPfc>
FabricNetDevice::GetPfc() const
{
    return m_pfc;
}

void
FabricNetDevice::SetSharedBuffer(FabricMmu* mmu, uint32_t port)
{
    m_mmu = mmu;
    m_bufferPort = port;
}

uint32_t
FabricNetDevice::GetBufferPort() const
{
    return m_bufferPort;
}

bool
FabricNetDevice::IsPaused(uint8_t priority) const
{
    return m_pfc && m_pfc->IsPaused(priority);
}

void
FabricNetDevice::NotifyResumed(int64_t at)
{
    // The line stood idle for the paused priority: what it sends now starts no earlier than
    // the resume (a data source's next packet included).
    m_freeAt = std::max(m_freeAt, at);
    Kick();
}

int64_t
FabricNetDevice::GetArrivalTime() const
{
    return m_arrival;
}

void
FabricNetDevice::Receive(Ptr<Packet> packet, FabricHeader header, int64_t arrival)
{
    m_arrival = arrival;
    if (!m_rxTrace.IsEmpty()) // a pcap or ascii trace: the common case pays one test
    {
        m_rxTrace(packet, header);
    }
    if (header.Has(FabricHeader::PAUSE))
    {
        if (m_pfc)
        {
            m_pfc->ReceivePause(header, arrival);
        }
        return;
    }
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
