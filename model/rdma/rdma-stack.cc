// SPDX-License-Identifier: GPL-2.0-only

#include "rdma-stack.h"

#include "rdma-congestion-control.h"
#include "rdma-path-selection.h"
#include "rdma-recovery.h"

#include "ns3/log.h"
#include "ns3/object-factory.h"
#include "ns3/simulator.h"
#include "ns3/type-id.h"
#include "ns3/uinteger.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("RdmaStack");

NS_OBJECT_ENSURE_REGISTERED(RdmaStack);

TypeId
RdmaStack::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::RdmaStack")
            .SetParent<Object>()
            .SetGroupName("Planet")
            .AddConstructor<RdmaStack>()
            .AddAttribute("HostId",
                          "This host's id in the fabric (the FabricHeader address)",
                          UintegerValue(0),
                          MakeUintegerAccessor(&RdmaStack::m_hostId),
                          MakeUintegerChecker<uint32_t>())
            .AddAttribute("Mtu",
                          "Payload bytes per packet",
                          UintegerValue(4096),
                          MakeUintegerAccessor(&RdmaStack::m_mtu),
                          MakeUintegerChecker<uint32_t>(1, 0x7ffffffe))
            .AddAttribute("AckEvery",
                          "The receiver acknowledges every this many packets (and at the end of "
                          "each message)",
                          UintegerValue(4),
                          MakeUintegerAccessor(&RdmaStack::m_ackEvery),
                          MakeUintegerChecker<uint32_t>(1))
            .AddAttribute("WindowBytes",
                          "Most payload bytes a queue pair may have unacknowledged (0: no "
                          "limit); about one bandwidth-delay product keeps a lone flow at line "
                          "rate and bounds the queues",
                          UintegerValue(262144),
                          MakeUintegerAccessor(&RdmaStack::m_windowBytes),
                          MakeUintegerChecker<uint64_t>())
            .AddAttribute("RetransmitTimeout",
                          "Time without acknowledgement progress after which the sender "
                          "retransmits",
                          TimeValue(MilliSeconds(1)),
                          MakeTimeAccessor(&RdmaStack::m_rto),
                          MakeTimeChecker(NanoSeconds(1)))
            .AddAttribute("Recovery",
                          "Loss recovery (a subclass of ns3::RdmaRecovery): "
                          "ns3::RdmaGoBackN or ns3::RdmaSelectiveRepeat",
                          TypeIdValue(RdmaSelectiveRepeat::GetTypeId()),
                          MakeTypeIdAccessor(&RdmaStack::m_recoveryType),
                          MakeTypeIdChecker())
            .AddAttribute("PathSelection",
                          "Default path selection of new queue pairs (a subclass of "
                          "ns3::RdmaPathSelection)",
                          TypeIdValue(RdmaEcmpPath::GetTypeId()),
                          MakeTypeIdAccessor(&RdmaStack::m_pathType),
                          MakeTypeIdChecker())
            .AddAttribute("CongestionControl",
                          "Congestion control (a subclass of ns3::RdmaCongestionControl)",
                          TypeIdValue(RdmaCcNone::GetTypeId()),
                          MakeTypeIdAccessor(&RdmaStack::m_ccType),
                          MakeTypeIdChecker())
            .AddTraceSource("Deliver",
                            "Payload delivered to the application, in order, exactly once",
                            MakeTraceSourceAccessor(&RdmaStack::m_deliverTrace),
                            "ns3::RdmaStack::DeliverCallback")
            .AddTraceSource("MessageComplete",
                            "Sender: a message has been acknowledged completely",
                            MakeTraceSourceAccessor(&RdmaStack::m_messageCompleteTrace),
                            "ns3::RdmaStack::MessageCallback")
            .AddTraceSource("MessageReceived",
                            "Receiver: a whole message has been delivered",
                            MakeTraceSourceAccessor(&RdmaStack::m_messageReceivedTrace),
                            "ns3::RdmaStack::MessageCallback")
            .AddTraceSource("Retransmit",
                            "A data packet is sent again",
                            MakeTraceSourceAccessor(&RdmaStack::m_retransmitTrace),
                            "ns3::RdmaStack::PsnCallback")
            .AddTraceSource("Nack",
                            "The sender received a NACK for this PSN",
                            MakeTraceSourceAccessor(&RdmaStack::m_nackTrace),
                            "ns3::RdmaStack::PsnCallback")
            .AddTraceSource("Timeout",
                            "A retransmission timeout at this oldest unacknowledged PSN",
                            MakeTraceSourceAccessor(&RdmaStack::m_timeoutTrace),
                            "ns3::RdmaStack::PsnCallback");
    return tid;
}

RdmaStack::RdmaStack() = default;

RdmaStack::~RdmaStack() = default;

void
RdmaStack::DoDispose()
{
    if (m_nic)
    {
        m_nic->SetPacketSource(nullptr);
        m_nic->SetPacketSink(nullptr);
    }
    m_nic = nullptr;
    m_qps.clear();
    m_active.clear();
    m_recovery = nullptr;
    m_pathSelection = nullptr;
    m_cc = nullptr;
    Object::DoDispose();
}

void
RdmaStack::CreateStrategies()
{
    if (!m_recovery)
    {
        ObjectFactory f;
        f.SetTypeId(m_recoveryType);
        m_recovery = f.Create<RdmaRecovery>();
        f.SetTypeId(m_pathType);
        m_pathSelection = f.Create<RdmaPathSelection>();
        f.SetTypeId(m_ccType);
        m_cc = f.Create<RdmaCongestionControl>();
    }
    m_windowPackets = GetWindowPackets();
}

void
RdmaStack::SetDevice(Ptr<FabricNetDevice> nic)
{
    CreateStrategies();
    m_nic = nic;
    m_lineRate = nic->GetDataRate();
    nic->SetPacketSource(this);
    nic->SetPacketSink(this);
}

Ptr<FabricNetDevice>
RdmaStack::GetDevice() const
{
    return m_nic;
}

int64_t
RdmaStack::AssignStreams(int64_t stream)
{
    CreateStrategies();
    return m_pathSelection->AssignStreams(stream);
}

Ptr<RdmaQueuePair>
RdmaStack::Connect(Ptr<RdmaStack> remote)
{
    CreateStrategies();
    remote->CreateStrategies();
    const uint32_t localQpn = static_cast<uint32_t>(m_qps.size());
    const uint32_t remoteQpn =
        static_cast<uint32_t>(remote->m_qps.size()) + (remote == this ? 1 : 0);
    Ptr<RdmaQueuePair> local(new RdmaQueuePair(this, localQpn, remote->m_hostId, remoteQpn), false);
    m_qps.push_back(local);
    Ptr<RdmaQueuePair> peer(new RdmaQueuePair(PeekPointer(remote), remoteQpn, m_hostId, localQpn),
                            false);
    remote->m_qps.push_back(peer);
    local->SetPathSelection(m_pathSelection);
    peer->SetPathSelection(remote->m_pathSelection);
    m_cc->InitQp(*local, m_lineRate);
    remote->m_cc->InitQp(*peer, remote->m_lineRate);
    return local;
}

Ptr<RdmaQueuePair>
RdmaStack::GetQueuePair(uint32_t qpn) const
{
    return m_qps.at(qpn);
}

uint32_t
RdmaStack::GetNQueuePairs() const
{
    return static_cast<uint32_t>(m_qps.size());
}

uint32_t
RdmaStack::GetHostId() const
{
    return m_hostId;
}

uint32_t
RdmaStack::GetWindowPackets() const
{
    const uint64_t packets = m_windowBytes / m_mtu + (m_windowBytes % m_mtu != 0 ? 1 : 0);
    return static_cast<uint32_t>(std::min<uint64_t>(UINT32_MAX, packets));
}

uint64_t
RdmaStack::GetRetransmittedPackets() const
{
    return m_retransmitted;
}

uint64_t
RdmaStack::GetTimeouts() const
{
    return m_timeouts;
}

void
RdmaStack::Activate(RdmaQueuePair& qp)
{
    if (!qp.m_active && qp.HasWork())
    {
        qp.m_active = true;
        m_active.push_back(qp.m_qpn);
        m_nic->Wake();
    }
}

Ptr<Packet>
RdmaStack::PullPacket(FabricHeader& header)
{
    Time earliest = Time::Max();
    for (std::size_t n = m_active.size(); n > 0; --n)
    {
        const uint32_t qpn = m_active.front();
        m_active.pop_front();
        RdmaQueuePair& qp = *m_qps[qpn];
        Ptr<Packet> packet;
        Time when;
        switch (qp.NextPacket(&packet, &header, &when))
        {
        case RdmaQueuePair::SendState::SENT:
            if (qp.HasWork())
            {
                m_active.push_back(qpn);
            }
            else
            {
                qp.m_active = false;
            }
            return packet;
        case RdmaQueuePair::SendState::PACED:
            m_active.push_back(qpn);
            earliest = std::min(earliest, when);
            break;
        case RdmaQueuePair::SendState::BLOCKED:
            qp.m_active = false;
            break;
        }
    }
    if (earliest != Time::Max() &&
        (!m_pacingEvent.IsRunning() ||
         Simulator::Now() + Simulator::GetDelayLeft(m_pacingEvent) > earliest))
    {
        m_pacingEvent.Cancel();
        m_pacingEvent =
            Simulator::Schedule(earliest - Simulator::Now(), &RdmaStack::PacingWake, this);
    }
    return nullptr;
}

void
RdmaStack::PacingWake()
{
    m_nic->Wake();
}

void
RdmaStack::SendControl(Ptr<Packet> packet, const FabricHeader& header)
{
    m_nic->Enqueue(packet, header);
}

void
RdmaStack::ReceiveFromDevice(FabricNetDevice* nic, Ptr<Packet> packet, const FabricHeader& header)
{
    if (header.qp >= m_qps.size())
    {
        NS_LOG_WARN("host " << m_hostId << ": packet for unknown queue pair " << header.qp);
        return;
    }
    RdmaQueuePair& qp = *m_qps[header.qp];
    if (header.kind == RDMA_DATA)
    {
        qp.OnData(header);
    }
    else
    {
        qp.OnAck(header);
    }
}

} // namespace ns3
