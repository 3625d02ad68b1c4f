// SPDX-License-Identifier: GPL-2.0-only

#include "rdma-queue-pair.h"

#include "rdma-congestion-control.h"
#include "rdma-path-selection.h"
#include "rdma-recovery.h"
#include "rdma-stack.h"

#include "ns3/log.h"
#include "ns3/simulator.h"

#include <algorithm>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("RdmaQueuePair");

namespace
{
constexpr uint32_t LAST_BIT = 0x80000000u;
} // namespace

// ---- reorder buffer ---------------------------------------------------------------------

void
RdmaQueuePair::ReorderBuffer::Put(uint32_t distance, uint32_t payload, bool last)
{
    if (distance >= m_slots.size())
    {
        // Grow to a power of two, unrolling the ring so that the front is slot 0.
        std::size_t size = std::max<std::size_t>(64, m_slots.size());
        while (size <= distance)
        {
            size *= 2;
        }
        std::vector<uint32_t> slots(size, 0);
        for (std::size_t i = 0; i < m_slots.size(); ++i)
        {
            slots[i] = m_slots[(m_head + i) & (m_slots.size() - 1)];
        }
        m_slots.swap(slots);
        m_head = 0;
    }
    m_slots[(m_head + distance) & (m_slots.size() - 1)] = (payload + 1) | (last ? LAST_BIT : 0);
}

bool
RdmaQueuePair::ReorderBuffer::Has(uint32_t distance) const
{
    return distance < m_slots.size() && m_slots[(m_head + distance) & (m_slots.size() - 1)] != 0;
}

bool
RdmaQueuePair::ReorderBuffer::HasFront() const
{
    return !m_slots.empty() && m_slots[m_head] != 0;
}

void
RdmaQueuePair::ReorderBuffer::PopFront(uint32_t* payload, bool* last)
{
    if (m_slots.empty())
    {
        return;
    }
    const uint32_t slot = m_slots[m_head];
    m_slots[m_head] = 0;
    m_head = (m_head + 1) & (m_slots.size() - 1);
    *payload = (slot & ~LAST_BIT) - 1;
    *last = (slot & LAST_BIT) != 0;
}

// ---- queue pair --------------------------------------------------------------------------

RdmaQueuePair::RdmaQueuePair(RdmaStack* stack,
                             uint32_t qpn,
                             uint32_t remoteHost,
                             uint32_t remoteQpn)
    : m_stack(stack),
      m_qpn(qpn),
      m_remoteHost(remoteHost),
      m_remoteQpn(remoteQpn),
      m_windowPackets(stack->m_windowPackets)
{
}

void
RdmaQueuePair::SetWindowPackets(uint32_t packets)
{
    m_windowPackets = packets;
}

uint32_t
RdmaQueuePair::GetWindowPackets() const
{
    return m_windowPackets;
}

uint64_t
RdmaQueuePair::PostMessage(uint64_t bytes, CompletionCallback done)
{
    const uint64_t mtu = m_stack->m_mtu;
    const uint64_t packets = std::max<uint64_t>(1, (bytes + mtu - 1) / mtu);
    if (packets > UINT32_MAX - m_endPsn)
    {
        throw std::invalid_argument("RdmaQueuePair::PostMessage: PSN space exhausted");
    }
    const uint64_t id = m_nextMsgId++;
    m_messages.push_back({id, bytes, m_endPsn, static_cast<uint32_t>(packets), done});
    m_endPsn += static_cast<uint32_t>(packets);
    m_stack->Activate(*this);
    return id;
}

void
RdmaQueuePair::SetReceiveCallback(ReceiveCallback cb)
{
    m_receive = cb;
}

void
RdmaQueuePair::SetPathSelection(Ptr<RdmaPathSelection> selection)
{
    m_pathSelection = selection;
    selection->InitQp(*this);
}

void
RdmaQueuePair::SetPathId(uint32_t pathId)
{
    m_pathId = pathId;
}

uint32_t
RdmaQueuePair::GetPathId() const
{
    return m_pathId;
}

void
RdmaQueuePair::SetEntropy(uint32_t entropy)
{
    m_entropy = entropy;
}

uint32_t
RdmaQueuePair::GetEntropy() const
{
    return m_entropy;
}

uint32_t
RdmaQueuePair::NextRoundRobinPath()
{
    const uint32_t path = m_rrNext;
    m_rrNext = (m_rrNext + 1) & 0x7fffffffu;
    return path;
}

void
RdmaQueuePair::SetRoundRobinStart(uint32_t path)
{
    m_rrNext = path & 0x7fffffffu;
}

void
RdmaQueuePair::SetRate(DataRate rate)
{
    m_rateBps = static_cast<double>(rate.GetBitRate());
}

DataRate
RdmaQueuePair::GetRate() const
{
    return DataRate(static_cast<uint64_t>(m_rateBps));
}

uint32_t
RdmaQueuePair::GetSndUna() const
{
    return m_sndUna;
}

void
RdmaQueuePair::GoBackTo(uint32_t psn)
{
    if (psn >= m_sndUna && psn < m_sndNxt)
    {
        m_sndNxt = psn;
    }
}

void
RdmaQueuePair::Retransmit(uint32_t psn)
{
    if (psn >= m_sndUna && psn < m_sndMax &&
        std::find(m_retransmit.begin(), m_retransmit.end(), psn) == m_retransmit.end())
    {
        m_retransmit.push_back(psn);
    }
}

uint32_t
RdmaQueuePair::GetQpn() const
{
    return m_qpn;
}

uint32_t
RdmaQueuePair::GetRemoteQpn() const
{
    return m_remoteQpn;
}

uint32_t
RdmaQueuePair::GetLocalHost() const
{
    return m_stack->m_hostId;
}

uint32_t
RdmaQueuePair::GetRemoteHost() const
{
    return m_remoteHost;
}

uint64_t
RdmaQueuePair::GetSentPackets() const
{
    return m_sentPackets;
}

uint64_t
RdmaQueuePair::GetRetransmittedPackets() const
{
    return m_retransmittedPackets;
}

uint64_t
RdmaQueuePair::GetDeliveredBytes() const
{
    return m_deliveredBytes;
}

bool
RdmaQueuePair::IsIdle() const
{
    return m_sndUna == m_endPsn;
}

bool
RdmaQueuePair::HasWork() const
{
    if (!m_retransmit.empty())
    {
        return true;
    }
    return m_sndNxt < m_endPsn && (m_windowPackets == 0 || m_sndNxt - m_sndUna < m_windowPackets);
}

const RdmaQueuePair::Message&
RdmaQueuePair::MessageOf(uint32_t psn) const
{
    for (std::size_t i = m_msgHead; i < m_messages.size(); ++i)
    {
        if (psn < m_messages[i].firstPsn + m_messages[i].packets)
        {
            return m_messages[i];
        }
    }
    NS_ABORT_MSG("RdmaQueuePair: no message holds PSN " << psn);
    return m_messages.back();
}

RdmaQueuePair::SendState
RdmaQueuePair::NextPacket(Ptr<Packet>* packet, FabricHeader* header, Time* when)
{
    while (!m_retransmit.empty() && m_retransmit.front() < m_sndUna)
    {
        m_retransmit.erase(m_retransmit.begin());
    }
    if (!HasWork())
    {
        return SendState::BLOCKED;
    }
    const Time now = Simulator::Now();
    const bool paced = m_rateBps < static_cast<double>(m_stack->m_lineRate.GetBitRate());
    if (paced && now < m_nextSendTime)
    {
        *when = m_nextSendTime;
        return SendState::PACED;
    }
    uint32_t psn;
    if (!m_retransmit.empty())
    {
        psn = m_retransmit.front();
        m_retransmit.erase(m_retransmit.begin());
    }
    else
    {
        psn = m_sndNxt++;
    }
    const bool retransmission = psn < m_sndMax;
    const Message& msg = MessageOf(psn);
    const uint64_t offset = static_cast<uint64_t>(psn - msg.firstPsn) * m_stack->m_mtu;
    const uint32_t payload =
        static_cast<uint32_t>(std::min<uint64_t>(m_stack->m_mtu, msg.bytes - offset));
    const bool last = psn == msg.firstPsn + msg.packets - 1;

    header->kind = RDMA_DATA;
    header->transportFlags = (last ? RDMA_LAST : 0) | (retransmission ? RDMA_RETX : 0);
    header->qp = m_remoteQpn;
    header->psn = psn;
    header->src = m_stack->m_hostId;
    header->dst = m_remoteHost;
    header->flowLabel = m_qpn;
    header->entropy = 0;
    header->pathId = FabricHeader::NO_PATH;
    header->payload = payload;
    header->flags = FabricHeader::ECT;
    m_pathSelection->Stamp(*this, *header);
    *packet = Create<Packet>(payload);

    ++m_sentPackets;
    if (retransmission)
    {
        ++m_retransmittedPackets;
        ++m_stack->m_retransmitted;
        m_stack->m_retransmitTrace(m_stack->m_hostId, m_qpn, psn);
    }
    if (m_sndUna == m_sndMax)
    {
        m_lastProgress = now; // nothing was outstanding: the timer counts from now
    }
    m_sndMax = std::max(m_sndMax, psn + 1);
    if (!m_timerRunning)
    {
        m_timerRunning = true;
        Simulator::Schedule(m_stack->m_rto, &RdmaQueuePair::CheckTimeout, this);
    }
    if (paced)
    {
        m_nextSendTime = now + Seconds(m_stack->m_nic->WireBytes(payload) * 8.0 / m_rateBps);
    }
    return SendState::SENT;
}

void
RdmaQueuePair::CheckTimeout()
{
    if (m_sndUna >= m_sndMax)
    {
        m_timerRunning = false;
        return;
    }
    const Time now = Simulator::Now();
    const Time deadline = m_lastProgress + m_stack->m_rto;
    if (now < deadline)
    {
        Simulator::Schedule(deadline - now, &RdmaQueuePair::CheckTimeout, this);
        return;
    }
    NS_LOG_LOGIC("qp " << m_qpn << " timeout at una " << m_sndUna);
    ++m_stack->m_timeouts;
    m_stack->m_timeoutTrace(m_stack->m_hostId, m_qpn, m_sndUna);
    m_lastProgress = now;
    m_stack->m_recovery->OnTimeout(*this);
    m_stack->m_cc->OnLoss(*this);
    m_stack->Activate(*this);
    Simulator::Schedule(m_stack->m_rto, &RdmaQueuePair::CheckTimeout, this);
}

void
RdmaQueuePair::Acknowledge(uint32_t psn)
{
    if (psn <= m_sndUna || psn > m_sndMax)
    {
        return;
    }
    m_sndUna = psn;
    m_lastProgress = Simulator::Now();
    if (m_sndNxt < m_sndUna)
    {
        m_sndNxt = m_sndUna;
    }
    while (m_msgHead < m_messages.size() &&
           m_messages[m_msgHead].firstPsn + m_messages[m_msgHead].packets <= m_sndUna)
    {
        const Message msg = m_messages[m_msgHead++];
        if (m_msgHead == m_messages.size())
        {
            m_messages.clear();
            m_msgHead = 0;
        }
        m_stack->m_messageCompleteTrace(m_stack->m_hostId, m_qpn, msg.id, msg.bytes);
        if (!msg.done.IsNull())
        {
            msg.done(msg.id);
        }
    }
}

void
RdmaQueuePair::OnAck(const FabricHeader& header)
{
    const uint32_t before = m_sndUna;
    Acknowledge(header.psn);
    if (m_sndUna > before)
    {
        m_stack->m_cc->OnAck(*this, m_sndUna - before, header.transportFlags & RDMA_ECE);
    }
    if (header.kind == RDMA_NACK)
    {
        m_stack->m_nackTrace(m_stack->m_hostId, m_qpn, header.psn);
        m_stack->m_recovery->OnNack(*this, header.psn);
        m_stack->m_cc->OnLoss(*this);
    }
    m_stack->Activate(*this);
}

void
RdmaQueuePair::Deliver(uint32_t psn, uint32_t payload, bool last)
{
    m_deliveredBytes += payload;
    m_rxMessageBytes += payload;
    m_stack->m_deliverTrace(m_stack->m_hostId, m_qpn, psn, payload);
    if (last)
    {
        const uint64_t index = m_rxMessages++;
        const uint64_t bytes = m_rxMessageBytes;
        m_rxMessageBytes = 0;
        m_stack->m_messageReceivedTrace(m_stack->m_hostId, m_qpn, index, bytes);
        if (!m_receive.IsNull())
        {
            m_receive(index, bytes);
        }
    }
}

void
RdmaQueuePair::OnData(const FabricHeader& header)
{
    m_ceSeen = m_ceSeen || header.Has(FabricHeader::CE);
    const Ptr<RdmaRecovery>& recovery = m_stack->m_recovery;
    const uint32_t psn = header.psn;
    const uint32_t payload = header.payload;
    if (psn < m_ePsn)
    {
        SendControl(RDMA_ACK); // a duplicate: the sender missed an ACK
        return;
    }
    if (psn > m_ePsn)
    {
        const uint32_t distance = psn - m_ePsn;
        if (recovery->BuffersOutOfOrder())
        {
            m_reorder.Put(distance, payload, header.transportFlags & RDMA_LAST);
            m_highest = std::max(m_highest, psn + 1);
        }
        if (m_nackedPsn != m_ePsn && distance >= recovery->NackDistance())
        {
            SendControl(RDMA_NACK);
        }
        return;
    }
    // In order: deliver it and whatever the reorder buffer holds right after it.
    bool last = header.transportFlags & RDMA_LAST;
    bool ack = last;
    Deliver(m_ePsn, payload, last);
    ++m_ePsn;
    ++m_unacked;
    uint32_t p = 0;
    m_reorder.PopFront(&p, &last); // the (empty) slot of the PSN just delivered
    while (m_reorder.HasFront())
    {
        m_reorder.PopFront(&p, &last);
        Deliver(m_ePsn, p, last);
        ack = ack || last;
        ++m_ePsn;
        ++m_unacked;
    }
    if (m_highest > m_ePsn)
    {
        // A gap remains. Packets beyond it came before this retransmission's round trip, so
        // after a retransmission the gap is a loss, not reordering.
        const bool lost = (header.transportFlags & RDMA_RETX) ||
                          m_highest - 1 - m_ePsn >= recovery->NackDistance();
        if (lost && m_nackedPsn != m_ePsn)
        {
            SendControl(RDMA_NACK);
            return;
        }
    }
    if (ack || m_unacked >= m_stack->m_ackEvery)
    {
        SendControl(RDMA_ACK);
    }
}

void
RdmaQueuePair::SendControl(uint8_t kind)
{
    FabricHeader header;
    header.kind = kind;
    header.transportFlags = m_ceSeen ? RDMA_ECE : 0;
    header.qp = m_remoteQpn;
    header.psn = m_ePsn;
    header.src = m_stack->m_hostId;
    header.dst = m_remoteHost;
    header.flowLabel = m_qpn;
    header.payload = 0;
    header.flags = FabricHeader::CONTROL;
    m_pathSelection->Stamp(*this, header);
    m_ceSeen = false;
    m_unacked = 0;
    if (kind == RDMA_NACK)
    {
        m_nackedPsn = m_ePsn;
    }
    m_stack->SendControl(Create<Packet>(), header);
}

} // namespace ns3
