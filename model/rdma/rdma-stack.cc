// SPDX-License-Identifier: GPL-2.0-only

#include "rdma-stack.h"

#include "rdma-congestion-control.h"
#include "rdma-loss-model.h"
#include "rdma-path-selection.h"
#include "rdma-recovery.h"

#include "ns3/fabric-defaults.h"
#include "ns3/fabric-ecmp.h"
#include "ns3/fabric-leaf-spine.h"
#include "ns3/log.h"
#include "ns3/object-factory.h"
#include "ns3/object-vector.h"
#include "ns3/simulator.h"
#include "ns3/type-id.h"
#include "ns3/uinteger.h"

#include <cmath>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("RdmaStack");

NS_OBJECT_ENSURE_REGISTERED(RdmaStack);

namespace
{

/// The CongestionState attribute: the open queue pairs' states, indexed by queue pair number.
class CcStateAccessor : public ObjectPtrContainerAccessor
{
    bool DoGetN(const ObjectBase* object, std::size_t* n) const override
    {
        const auto* stack = dynamic_cast<const RdmaStack*>(object);
        if (!stack)
        {
            return false;
        }
        *n = stack->GetNCcStates();
        return true;
    }

    Ptr<Object> DoGet(const ObjectBase* object, std::size_t i, std::size_t* index) const override
    {
        return static_cast<const RdmaStack*>(object)->GetOpenCcState(i, index);
    }
};

} // namespace

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
                          UintegerValue(planet::defaults::kMtuBytes),
                          MakeUintegerAccessor(&RdmaStack::m_mtu),
                          MakeUintegerChecker<uint32_t>(1, 0x7ffffffe))
            .AddAttribute("AckEvery",
                          "The receiver acknowledges every this many packets (and at the end of "
                          "each message)",
                          UintegerValue(planet::defaults::kAckEvery),
                          MakeUintegerAccessor(&RdmaStack::m_ackEvery),
                          MakeUintegerChecker<uint32_t>(1))
            .AddAttribute("WindowBytes",
                          "Most payload bytes a queue pair may have unacknowledged; 0: one "
                          "bandwidth-delay product (the packets the line rate puts on the wire "
                          "in BaseRtt, plus AckEvery - 1), which keeps a lone flow at line rate "
                          "and bounds what is in flight (IRN's BDP-FC)",
                          UintegerValue(planet::defaults::kWindowBytes),
                          MakeUintegerAccessor(&RdmaStack::m_windowBytes),
                          MakeUintegerChecker<uint64_t>())
            .AddAttribute(
                "BaseRtt",
                "The fabric's base round-trip time (longest path, idle links), for "
                "the bandwidth-delay product; RdmaHelper::SetFabric sets it from the "
                "fabric (the default: the default leaf-spine's)",
                TimeValue(Seconds(planet::LeafSpineShape().BaseRttS(planet::WireFormat()))),
                MakeTimeAccessor(&RdmaStack::m_baseRtt),
                MakeTimeChecker(Seconds(0)))
            .AddAttribute("RetransmitTimeout",
                          "Time without acknowledgement progress after which the sender "
                          "retransmits (the recovery may use a shorter one, RdmaSelectiveRepeat's "
                          "RtoLow)",
                          TimeValue(Seconds(planet::defaults::kRtoS)),
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
            .AddAttribute("CongestionState",
                          "The congestion state (ns3::RdmaCcState: traced Rate and Window) of "
                          "each open queue pair, indexed by queue pair number",
                          ObjectVectorValue(),
                          Ptr<const AttributeAccessor>(new CcStateAccessor(), false),
                          MakeObjectVectorChecker<RdmaCcState>())
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
                            "ns3::RdmaStack::PsnCallback")
            .AddTraceSource("LossInjected",
                            "The loss model dropped a data packet arriving here",
                            MakeTraceSourceAccessor(&RdmaStack::m_lossTrace),
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
    m_loss = nullptr;
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
        m_selective = m_recovery->BuffersOutOfOrder();
        if (m_ecmpFabric)
        {
            m_pathSelection->SetEcmpFabric(m_ecmpFabric);
        }
    }
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
    m_windowPackets = GetWindowPackets();
    remote->m_windowPackets = remote->GetWindowPackets();
    const uint32_t localQpn = static_cast<uint32_t>(m_qps.size());
    const uint32_t remoteQpn =
        static_cast<uint32_t>(remote->m_qps.size()) + (remote == this ? 1 : 0);
    Ptr<RdmaQueuePair> local(
        new RdmaQueuePair(this, localQpn, PeekPointer(remote), remote->m_hostId, remoteQpn),
        false);
    m_qps.push_back(local);
    ++m_openQps;
    Ptr<RdmaQueuePair> peer(
        new RdmaQueuePair(PeekPointer(remote), remoteQpn, this, m_hostId, localQpn),
        false);
    remote->m_qps.push_back(peer);
    ++remote->m_openQps;
    local->SetPathSelection(m_pathSelection);
    peer->SetPathSelection(remote->m_pathSelection);
    m_recovery->InitQp(*local);
    remote->m_recovery->InitQp(*peer);
    m_cc->InitQp(*local, m_lineRate);
    remote->m_cc->InitQp(*peer, remote->m_lineRate);
    return local;
}

void
RdmaStack::Forget(uint32_t qpn)
{
    Ptr<RdmaQueuePair>& qp = m_qps[qpn];
    if (qp)
    {
        qp = nullptr;
        --m_openQps;
    }
}

void
RdmaStack::CheckTimeout(uint32_t qpn)
{
    if (qpn < m_qps.size() && m_qps[qpn])
    {
        m_qps[qpn]->CheckTimeout();
    }
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
RdmaStack::GetNOpenQueuePairs() const
{
    return m_openQps;
}

void
RdmaStack::SetEcmpFabric(std::shared_ptr<const planet::EcmpFabric> fabric)
{
    m_ecmpFabric = fabric;
    if (m_pathSelection)
    {
        m_pathSelection->SetEcmpFabric(fabric);
    }
}

const planet::EcmpFabric*
RdmaStack::GetEcmpFabric() const
{
    return m_ecmpFabric.get();
}

Ptr<RdmaRecovery>
RdmaStack::GetRecovery() const
{
    return m_recovery;
}

Ptr<RdmaPathSelection>
RdmaStack::GetPathSelection() const
{
    return m_pathSelection;
}

void
RdmaStack::SetLossModel(Ptr<RdmaLossModel> model)
{
    m_loss = model;
}

uint64_t
RdmaStack::GetInjectedLosses() const
{
    return m_injectedLosses;
}

uint32_t
RdmaStack::GetHostId() const
{
    return m_hostId;
}

uint32_t
RdmaStack::GetWindowPackets() const
{
    if (m_windowBytes > 0)
    {
        const uint64_t packets = m_windowBytes / m_mtu + (m_windowBytes % m_mtu != 0 ? 1 : 0);
        return static_cast<uint32_t>(std::min<uint64_t>(UINT32_MAX, packets));
    }
    NS_ABORT_MSG_UNLESS(m_nic, "RdmaStack: the bandwidth-delay window needs the device");
    // Whole packets on the wire during a base RTT, rounded up, and the packets the receiver
    // waits for before a coalesced ACK.
    const double wireBits = m_nic->WireBytes(m_mtu) * 8.0;
    const double bdp = static_cast<double>(m_lineRate.GetBitRate()) * m_baseRtt.GetSeconds();
    const double packets = std::ceil(bdp / wireBits - 1e-9) + (m_ackEvery - 1);
    return static_cast<uint32_t>(std::min<double>(UINT32_MAX, std::max(1.0, packets)));
}

uint32_t
RdmaStack::GetWindowShare(uint32_t shares, uint32_t index) const
{
    const uint32_t window = GetWindowPackets();
    const uint32_t own = m_windowBytes > 0 ? 0 : std::min(window, m_ackEvery - 1);
    const uint32_t dealt = window - own;
    const uint32_t share = dealt / shares + (index < dealt % shares ? 1 : 0);
    return std::max<uint32_t>(1, share + own);
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

Ptr<RdmaCongestionControl>
RdmaStack::GetCongestionControl() const
{
    return m_cc;
}

uint64_t
RdmaStack::GetCnpsSent() const
{
    return m_cnpsSent;
}

uint64_t
RdmaStack::GetCnpsReceived() const
{
    return m_cnpsReceived;
}

uint64_t
RdmaStack::GetTelemetryAcks() const
{
    return m_telemetryAcks;
}

std::size_t
RdmaStack::GetNCcStates() const
{
    return m_openQps;
}

Ptr<RdmaCcState>
RdmaStack::GetOpenCcState(std::size_t i, std::size_t* qpn) const
{
    // Config resolution asks for i = 0, 1, 2, ... in turn: continue from the last one found.
    std::size_t found = 0;
    std::size_t q = 0;
    if (i > 0 && m_ccCursor.first == i - 1)
    {
        found = i - 1;
        q = m_ccCursor.second;
    }
    for (; q < m_qps.size(); ++q)
    {
        if (m_qps[q])
        {
            if (found == i)
            {
                m_ccCursor = {i, q};
                *qpn = q;
                return m_qps[q]->GetCcState();
            }
            ++found;
        }
    }
    NS_ABORT_MSG("RdmaStack: no open queue pair number " << i);
    return nullptr;
}

void
RdmaStack::CcTimer(uint32_t qpn)
{
    if (qpn < m_qps.size() && m_qps[qpn])
    {
        m_cc->OnTimer(*m_qps[qpn]);
    }
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
        if (!m_qps[qpn])
        {
            continue; // released
        }
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
    // Held for the call: a queue pair may be released (closed) while it handles the packet.
    const Ptr<RdmaQueuePair> qp = header.qp < m_qps.size() ? m_qps[header.qp] : nullptr;
    if (!qp)
    {
        NS_LOG_LOGIC("host " << m_hostId << ": packet for no open queue pair " << header.qp);
        return;
    }
    if (header.kind == RDMA_DATA)
    {
        if (m_loss && m_loss->Drop(*qp, header))
        {
            ++m_injectedLosses;
            m_lossTrace(m_hostId, header.qp, header.psn);
            return;
        }
        qp->OnData(header, packet);
    }
    else if (header.kind == RDMA_CNP)
    {
        ++m_cnpsReceived;
        m_cc->OnCnp(*qp);
    }
    else
    {
        qp->OnAck(header, packet);
    }
}

} // namespace ns3
