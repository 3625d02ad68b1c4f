// SPDX-License-Identifier: GPL-2.0-only

#include "rdma-queue-pair.h"

#include "rdma-congestion-control.h"
#include "rdma-path-selection.h"
#include "rdma-recovery.h"
#include "rdma-stack.h"

#include "ns3/fabric-ecmp.h"
#include "ns3/fabric-int.h"
#include "ns3/log.h"
#include "ns3/simulator.h"

#include <algorithm>
#include <stdexcept>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("RdmaQueuePair");

namespace
{
constexpr uint32_t LAST_BIT = 0x80000000u;
} // namespace

// ---- PSN ring ----------------------------------------------------------------------------

template <typename T>
void
RdmaQueuePair::PsnRing<T>::Fit(uint32_t base, uint32_t end, uint32_t oldEnd)
{
    if (Fits(base, end))
    {
        return;
    }
    std::size_t size = std::max<std::size_t>(16, m_slots.size());
    while (size < end - base)
    {
        size *= 2;
    }
    std::vector<T> slots(size, T{});
    for (uint32_t psn = base; psn != oldEnd && !m_slots.empty(); ++psn)
    {
        slots[psn & (size - 1)] = (*this)[psn];
    }
    m_slots.swap(slots);
}

template <typename T>
void
RdmaQueuePair::PsnRing<T>::Release()
{
    std::vector<T>().swap(m_slots);
}

// ---- queue pair --------------------------------------------------------------------------

RdmaQueuePair::RdmaQueuePair(RdmaStack* stack,
                             uint32_t qpn,
                             RdmaStack* remote,
                             uint32_t remoteHost,
                             uint32_t remoteQpn)
    : m_stack(stack),
      m_remoteStack(remote),
      m_qpn(qpn),
      m_remoteHost(remoteHost),
      m_remoteQpn(remoteQpn),
      m_windowPackets(stack->m_windowPackets)
{
}

RdmaQueuePair::~RdmaQueuePair() = default;

bool
RdmaQueuePair::Selective() const
{
    return m_stack->m_selective;
}

void
RdmaQueuePair::SetWindowPackets(uint32_t packets)
{
    m_windowPackets = packets;
    if (m_ccState)
    {
        m_ccState->m_windowBytes = static_cast<uint64_t>(packets) * m_stack->m_mtu;
    }
}

void
RdmaQueuePair::SetWindowBytes(uint64_t bytes)
{
    const uint64_t mtu = m_stack->m_mtu;
    m_windowPackets =
        bytes == 0
            ? 0
            : static_cast<uint32_t>(
                  std::min<uint64_t>(UINT32_MAX, std::max<uint64_t>(1, (bytes + mtu - 1) / mtu)));
    if (m_ccState)
    {
        m_ccState->m_windowBytes = bytes;
    }
}

void
RdmaQueuePair::SetCcState(Ptr<RdmaCcState> state)
{
    m_ccState = state;
    m_ccState->m_rateBps = static_cast<uint64_t>(m_rateBps);
    m_ccState->m_windowBytes = static_cast<uint64_t>(m_windowPackets) * m_stack->m_mtu;
}

Ptr<RdmaCcState>
RdmaQueuePair::GetCcState() const
{
    return m_ccState;
}

void
RdmaQueuePair::ScheduleCcTimer(Time delay)
{
    m_ccState->m_timer.Cancel();
    m_ccState->m_timer = Simulator::Schedule(delay, &RdmaStack::CcTimer, m_stack, m_qpn);
}

DataRate
RdmaQueuePair::GetLineRate() const
{
    return m_stack->m_lineRate;
}

Time
RdmaQueuePair::GetBaseRtt() const
{
    return m_stack->m_baseRtt;
}

uint32_t
RdmaQueuePair::GetMtu() const
{
    return m_stack->m_mtu;
}

uint32_t
RdmaQueuePair::GetWireBytes(uint32_t payload) const
{
    return m_stack->m_nic->WireBytes(payload);
}

uint32_t
RdmaQueuePair::GetSwitchHops() const
{
    const planet::EcmpFabric* fabric = m_stack->GetEcmpFabric();
    return fabric ? fabric->shape.Hops(m_stack->m_hostId, m_remoteHost) - 1 : 0;
}

uint32_t
RdmaQueuePair::GetWindowPackets() const
{
    return m_windowPackets;
}

uint64_t
RdmaQueuePair::PostMessage(uint64_t bytes, CompletionCallback done)
{
    if (m_closed)
    {
        throw std::logic_error("RdmaQueuePair::PostMessage: the queue pair has been closed");
    }
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
RdmaQueuePair::Close()
{
    m_closed = true;
    const Ptr<RdmaQueuePair> peer = m_remoteStack->GetQueuePair(m_remoteQpn);
    if (peer)
    {
        peer->m_closed = true;
    }
    ReleaseIfClosed();
}

bool
RdmaQueuePair::IsClosed() const
{
    return m_closed;
}

void
RdmaQueuePair::ReleaseIfClosed()
{
    if (!m_closed || !IsIdle())
    {
        return;
    }
    const Ptr<RdmaQueuePair> peer = m_remoteStack->GetQueuePair(m_remoteQpn);
    if (peer && !peer->IsIdle())
    {
        return; // the other direction still has messages outstanding
    }
    m_remoteStack->Forget(m_remoteQpn);
    m_stack->Forget(m_qpn);
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
    if (m_pathSelection)
    {
        m_pathSelection->PathChanged(*this);
    }
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
    if (m_ccState)
    {
        m_ccState->m_rateBps = rate.GetBitRate();
    }
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

uint32_t
RdmaQueuePair::GetSndMax() const
{
    return m_sndMax;
}

void
RdmaQueuePair::GoBackTo(uint32_t psn)
{
    if (psn >= m_sndUna && psn < m_sndNxt)
    {
        m_sndNxt = psn;
    }
}

uint32_t
RdmaQueuePair::MarkLostBefore(uint32_t psn, uint32_t tolerance)
{
    if (!m_board || psn < m_sndUna || psn >= m_sndMax)
    {
        return 0;
    }
    Scoreboard& b = *m_board;
    const uint32_t reference = b.sent[psn].stamp;
    uint32_t marked = 0;
    for (uint32_t p = m_sndUna; p < psn; ++p)
    {
        SentSlot& slot = b.sent[p];
        // Sent `tolerance` or more transmissions before the acknowledged one (stamps compared
        // modulo 2^32: they are never 2^31 apart within a window).
        if (!(slot.flags & (SACKED | LOST)) &&
            static_cast<int32_t>(reference - slot.stamp) >= static_cast<int32_t>(tolerance))
        {
            slot.flags |= LOST | DECLARED;
            ++b.lost;
            ++marked;
            b.lostFrom = std::min(b.lostFrom, p);
        }
    }
    return marked;
}

uint32_t
RdmaQueuePair::MarkUnacknowledgedLost()
{
    if (!m_board)
    {
        return 0;
    }
    Scoreboard& b = *m_board;
    uint32_t marked = 0;
    for (uint32_t p = m_sndUna; p < m_sndMax; ++p)
    {
        SentSlot& slot = b.sent[p];
        if (!(slot.flags & (SACKED | LOST)))
        {
            slot.flags |= LOST | DECLARED;
            ++b.lost;
            ++marked;
        }
    }
    b.lostFrom = m_sndUna;
    return marked;
}

bool
RdmaQueuePair::WasDeclaredLost(uint32_t psn) const
{
    return m_board && psn >= m_sndUna && psn < m_sndMax && (m_board->sent[psn].flags & DECLARED);
}

uint32_t
RdmaQueuePair::GetHighestSacked() const
{
    return m_board ? std::max(m_board->highestSacked, m_sndUna) : m_sndUna;
}

uint32_t
RdmaQueuePair::GetPacketsUnsent() const
{
    return m_endPsn - m_sndMax;
}

uint32_t
RdmaQueuePair::GetPacketsInFlight() const
{
    if (!Selective())
    {
        return m_sndNxt - m_sndUna;
    }
    return m_sndMax - m_sndUna - (m_board ? m_board->sacked + m_board->lost : 0);
}

uint32_t
RdmaQueuePair::Lost() const
{
    return m_board ? m_board->lost : 0;
}

void
RdmaQueuePair::SetReorderTolerance(uint32_t tolerance)
{
    m_reorderTolerance = std::max<uint32_t>(1, tolerance);
}

uint32_t
RdmaQueuePair::GetReorderTolerance() const
{
    return m_reorderTolerance;
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

std::size_t
RdmaQueuePair::GetBufferBytes() const
{
    return m_messages.capacity() * sizeof(Message) +
           (m_board ? sizeof(Scoreboard) + m_board->sent.Bytes() : 0) + m_reorder.Bytes();
}

bool
RdmaQueuePair::HasWork() const
{
    return Lost() > 0 ||
           (m_sndNxt < m_endPsn && (m_windowPackets == 0 || m_sndNxt - m_sndUna < m_windowPackets));
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

uint32_t
RdmaQueuePair::NextLost()
{
    Scoreboard& b = *m_board;
    for (uint32_t p = std::max(b.lostFrom, m_sndUna);; ++p)
    {
        SentSlot& slot = b.sent[p];
        if (slot.flags & LOST)
        {
            slot.flags &= ~LOST;
            --b.lost;
            b.lostFrom = p + 1;
            return p;
        }
    }
}

RdmaQueuePair::SendState
RdmaQueuePair::NextPacket(Ptr<Packet>* packet, FabricHeader* header, Time* when)
{
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
    // Known holes first, oldest first; then new data.
    const uint32_t psn = Lost() > 0 ? NextLost() : m_sndNxt++;
    const bool retransmission = psn < m_sndMax;
    const Message& msg = MessageOf(psn);
    const uint64_t offset = static_cast<uint64_t>(psn - msg.firstPsn) * m_stack->m_mtu;
    const uint32_t payload =
        static_cast<uint32_t>(std::min<uint64_t>(m_stack->m_mtu, msg.bytes - offset));
    const bool last = psn == msg.firstPsn + msg.packets - 1;

    header->kind = RDMA_DATA;
    header->transportFlags = (psn == msg.firstPsn ? RDMA_FIRST : 0) | (last ? RDMA_LAST : 0) |
                             (retransmission ? RDMA_RETX : 0);
    header->qp = m_remoteQpn;
    header->psn = psn;
    header->sack = 0;
    header->src = m_stack->m_hostId;
    header->dst = m_remoteHost;
    header->flowLabel = m_qpn;
    header->entropy = 0;
    header->pathId = FabricHeader::NO_PATH;
    header->payload = payload;
    header->flags = FabricHeader::ECT;
    m_pathSelection->Stamp(*this, *header);
    *packet = Create<Packet>(payload);
    m_stack->m_cc->OnSend(*this, *header, *packet);

    ++m_sentPackets;
    if (retransmission)
    {
        ++m_retransmittedPackets;
        ++m_stack->m_retransmitted;
        m_stack->m_retransmitTrace(m_stack->m_hostId, m_qpn, psn);
    }
    if (Selective())
    {
        if (!m_board)
        {
            m_board = std::make_unique<Scoreboard>();
        }
        Scoreboard& b = *m_board;
        if (!retransmission)
        {
            b.sent.Fit(m_sndUna, psn + 1, m_sndMax);
            b.sent[psn] = SentSlot{b.transmissions, 0};
        }
        else
        {
            b.sent[psn].stamp = b.transmissions;
        }
        ++b.transmissions;
    }
    if (m_sndUna == m_sndMax)
    {
        m_lastProgress = now; // nothing was outstanding: the timer counts from now
    }
    m_sndMax = std::max(m_sndMax, psn + 1);
    if (m_stack->m_recovery->RequestsAck(*this))
    {
        header->transportFlags |= RDMA_ACKREQ;
    }
    ArmTimer();
    if (paced)
    {
        m_nextSendTime = now + Seconds(m_stack->m_nic->WireBytes(payload) * 8.0 / m_rateBps);
    }
    return SendState::SENT;
}

Time
RdmaQueuePair::CurrentTimeout() const
{
    return m_stack->m_recovery->Timeout(*this, m_stack->m_rto);
}

void
RdmaQueuePair::ArmTimer()
{
    if (m_sndUna >= m_sndMax)
    {
        return; // nothing outstanding; a pending check will find so
    }
    const int64_t now = Simulator::Now().GetTimeStep();
    const int64_t deadline = std::max(now, (m_lastProgress + CurrentTimeout()).GetTimeStep());
    if (m_timerAt >= 0 && m_timerAt <= deadline)
    {
        return; // the pending check comes in time and re-arms itself
    }
    // Through the stack, by number: a check pending for a released queue pair finds nothing.
    // A check this replaces still runs, and finds it is not the pending one.
    m_timerAt = deadline;
    Simulator::Schedule(TimeStep(deadline - now), &RdmaStack::CheckTimeout, m_stack, m_qpn);
}

void
RdmaQueuePair::CheckTimeout()
{
    if (Simulator::Now().GetTimeStep() != m_timerAt)
    {
        return; // replaced by an earlier check
    }
    m_timerAt = -1;
    if (m_sndUna >= m_sndMax)
    {
        return;
    }
    const Time now = Simulator::Now();
    if (now < m_lastProgress + CurrentTimeout())
    {
        ArmTimer();
        return;
    }
    NS_LOG_LOGIC("qp " << m_qpn << " timeout at una " << m_sndUna);
    ++m_stack->m_timeouts;
    m_stack->m_timeoutTrace(m_stack->m_hostId, m_qpn, m_sndUna);
    m_lastProgress = now;
    m_stack->m_recovery->OnTimeout(*this);
    m_stack->m_cc->OnLoss(*this);
    m_stack->Activate(*this);
    ArmTimer();
}

void
RdmaQueuePair::Acknowledge(uint32_t psn)
{
    if (psn <= m_sndUna || psn > m_sndMax)
    {
        return;
    }
    if (m_board && psn == m_sndMax)
    {
        m_board.reset(); // nothing outstanding: an idle queue pair holds no scoreboard
    }
    else if (m_board)
    {
        Scoreboard& b = *m_board;
        for (uint32_t p = m_sndUna; p < psn; ++p)
        {
            SentSlot& slot = b.sent[p];
            b.sacked -= (slot.flags & SACKED) ? 1 : 0;
            b.lost -= (slot.flags & LOST) ? 1 : 0;
            slot = SentSlot{};
        }
    }
    m_sndUna = psn;
    m_lastProgress = Simulator::Now();
    m_sndNxt = std::max(m_sndNxt, m_sndUna);
    while (m_msgHead < m_messages.size() &&
           m_messages[m_msgHead].firstPsn + m_messages[m_msgHead].packets <= m_sndUna)
    {
        const Message msg = m_messages[m_msgHead++];
        if (m_msgHead == m_messages.size())
        {
            std::vector<Message>().swap(m_messages); // free, not just clear
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
RdmaQueuePair::Sack(uint32_t psn)
{
    if (!m_board || psn < m_sndUna || psn >= m_sndMax)
    {
        return;
    }
    Scoreboard& b = *m_board;
    SentSlot& slot = b.sent[psn];
    if (slot.flags & SACKED)
    {
        return;
    }
    if (slot.flags & LOST)
    {
        slot.flags &= ~LOST; // it arrived after all: no need to send it again
        --b.lost;
    }
    slot.flags |= SACKED;
    ++b.sacked;
    b.highestSacked = std::max(b.highestSacked, psn);
    m_lastProgress = Simulator::Now();
}

void
RdmaQueuePair::OnAck(const FabricHeader& header, const Ptr<Packet>& packet)
{
    const Ptr<RdmaRecovery>& recovery = m_stack->m_recovery;
    const uint32_t before = m_sndUna;
    recovery->OnFeedback(*this, header);
    Acknowledge(header.psn);
    FabricIntTag tag;
    RdmaCcFeedback feedback;
    feedback.ackedPackets = m_sndUna - before;
    feedback.ackPsn = header.psn;
    feedback.ecnEcho = header.transportFlags & RDMA_ECE;
    feedback.retransmission = header.transportFlags & RDMA_RETX;
    if (packet->PeekPacketTag(tag))
    {
        feedback.intTag = &tag;
        ++m_stack->m_telemetryAcks;
    }
    if (feedback.ackedPackets > 0 || feedback.intTag)
    {
        m_stack->m_cc->OnAck(*this, feedback);
    }
    if (header.kind == RDMA_NACK)
    {
        m_stack->m_nackTrace(m_stack->m_hostId, m_qpn, header.psn);
        Sack(header.sack);
        if (recovery->OnNack(*this, header) > 0)
        {
            m_stack->m_cc->OnLoss(*this);
        }
    }
    ArmTimer();
    m_stack->Activate(*this);
    ReleaseIfClosed();
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

FabricHeader
RdmaQueuePair::ControlHeader(uint8_t kind)
{
    FabricHeader header;
    header.kind = kind;
    header.qp = m_remoteQpn;
    header.psn = m_ePsn;
    header.src = m_stack->m_hostId;
    header.dst = m_remoteHost;
    header.flowLabel = m_qpn;
    header.payload = 0;
    header.flags = FabricHeader::CONTROL;
    m_pathSelection->Stamp(*this, header);
    return header;
}

void
RdmaQueuePair::MaybeSendCnp()
{
    const Time interval = m_stack->m_cc->GetCnpInterval();
    const int64_t now = Simulator::Now().GetTimeStep();
    if (interval.IsNegative() || (m_lastCnp >= 0 && now - m_lastCnp < interval.GetTimeStep()))
    {
        return;
    }
    m_lastCnp = now;
    ++m_stack->m_cnpsSent;
    m_stack->SendControl(Create<Packet>(), ControlHeader(RDMA_CNP));
}

void
RdmaQueuePair::OnData(const FabricHeader& header, const Ptr<Packet>& packet)
{
    if (header.Has(FabricHeader::CE))
    {
        m_ceSeen = true;
        MaybeSendCnp();
    }
    const uint32_t psn = header.psn;
    const bool retransmission = header.transportFlags & RDMA_RETX;
    if (psn < m_ePsn)
    {
        // a duplicate: the sender missed an ACK
        SendControl(RDMA_ACK, psn, retransmission, packet);
        return;
    }
    if (psn > m_ePsn)
    {
        if (Selective())
        {
            // Keep it in the bitmap beyond the cumulative point, and tell the sender at once
            // what arrived (IRN's NACK: cumulative PSN + this PSN).
            m_reorder.Fit(m_ePsn, psn + 1, std::max(m_highest, m_ePsn));
            m_reorder[psn] =
                (header.payload + 1) | (header.transportFlags & RDMA_LAST ? LAST_BIT : 0);
            m_highest = std::max(m_highest, psn + 1);
            SendControl(RDMA_NACK, psn, retransmission, packet);
        }
        else if (m_nackedPsn != m_ePsn)
        {
            SendControl(RDMA_NACK, psn, retransmission, packet); // go-back-N: once per gap
        }
        return;
    }
    // In order: deliver it and whatever the bitmap holds right after it. A retransmission, a
    // packet with later ones already here, a message's end and a packet that asks for it are
    // acknowledged at once.
    bool last = header.transportFlags & RDMA_LAST;
    bool ack =
        last || retransmission || m_highest > psn + 1 || (header.transportFlags & RDMA_ACKREQ);
    Deliver(psn, header.payload, last);
    ++m_ePsn;
    ++m_unacked;
    while (m_ePsn < m_highest && m_reorder[m_ePsn] != 0)
    {
        const uint32_t slot = m_reorder[m_ePsn];
        m_reorder[m_ePsn] = 0;
        last = (slot & LAST_BIT) != 0;
        Deliver(m_ePsn, (slot & ~LAST_BIT) - 1, last);
        ack = ack || last;
        ++m_ePsn;
        ++m_unacked;
    }
    if (last && m_ePsn >= m_highest)
    {
        m_reorder.Release(); // a message ended with nothing beyond it
    }
    if (ack || m_unacked >= m_stack->m_ackEvery)
    {
        SendControl(RDMA_ACK, psn, retransmission, packet);
    }
}

void
RdmaQueuePair::SendControl(uint8_t kind,
                           uint32_t trigger,
                           bool retransmission,
                           const Ptr<Packet>& data)
{
    FabricHeader header = ControlHeader(kind);
    header.transportFlags = (m_ceSeen ? RDMA_ECE : 0) | (retransmission ? RDMA_RETX : 0);
    header.sack = trigger;
    m_ceSeen = false;
    m_unacked = 0;
    if (kind == RDMA_NACK)
    {
        m_nackedPsn = m_ePsn;
    }
    Ptr<Packet> control = Create<Packet>();
    FabricIntTag tag;
    if (data && data->PeekPacketTag(tag))
    {
        control->AddPacketTag(tag); // echo the telemetry of the packet acknowledged
    }
    m_stack->SendControl(control, header);
}

} // namespace ns3
