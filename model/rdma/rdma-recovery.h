// SPDX-License-Identifier: GPL-2.0-only

#ifndef RDMA_RECOVERY_H
#define RDMA_RECOVERY_H

#include "ns3/fabric-header.h"
#include "ns3/nstime.h"
#include "ns3/object.h"

namespace ns3
{

class RdmaQueuePair;

/**
 * \ingroup planet
 * \brief Loss recovery of a queue pair: what the receiver does with a packet beyond the
 * expected PSN, what the sender concludes from an ACK or NACK, what it resends on a
 * retransmission timeout and how long that timeout is.
 *
 * Chosen by TypeId through RdmaStack's "Recovery" attribute; stateless (the state is in the
 * queue pairs: RdmaQueuePair offers the sender's scoreboard primitives), so one instance
 * serves a whole host.
 */
class RdmaRecovery : public Object
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
    /**
     * \brief Whether the receiver keeps packets that arrive beyond a gap (in a bitmap beyond
     * the cumulative point) and NACKs every such arrival with the PSN it got (IRN's SACK);
     * otherwise it drops them and NACKs the gap once.
     */
    virtual bool BuffersOutOfOrder() const = 0;
    /// \brief Set up a new queue pair's recovery state (the default: nothing).
    virtual void InitQp(RdmaQueuePair& qp) const;
    /**
     * \brief The sender got an ACK or a NACK, before its cumulative acknowledgement is applied
     * (the scoreboard still holds the PSNs it acknowledges).
     * \param qp the sending queue pair
     * \param header the ACK/NACK: psn the receiver's expected PSN, sack the PSN of the data
     * packet that triggered it, RDMA_RETX set if that packet was a retransmission
     */
    virtual void OnFeedback(RdmaQueuePair& qp, const FabricHeader& header);
    /**
     * \brief The sender got a NACK; its cumulative acknowledgement has been applied.
     * \param qp the sending queue pair
     * \param header the NACK
     * \return packets newly found lost (0 if none: mere reordering so far)
     */
    virtual uint32_t OnNack(RdmaQueuePair& qp, const FabricHeader& header) = 0;
    /// \brief The sender's retransmission timer expired: mark what is to be sent again.
    virtual void OnTimeout(RdmaQueuePair& qp) = 0;
    /**
     * \brief The retransmission timeout of a queue pair now.
     * \param qp the sending queue pair
     * \param rto the stack's RetransmitTimeout
     * \return the timeout (the default: rto)
     */
    virtual Time Timeout(const RdmaQueuePair& qp, Time rto) const;
    /**
     * \brief Whether the data packet just sent asks the receiver for an acknowledgement at once
     * (RDMA_ACKREQ, BTH's AckReq bit), beside the receiver's own rule (every AckEvery packets,
     * a message's end, ...).
     * \param qp the sending queue pair, the packet already counted as in flight
     * \return the default: false
     */
    virtual bool RequestsAck(const RdmaQueuePair& qp) const;
};

/**
 * \ingroup planet
 * \brief Go-back-N, RoCE's behaviour: the receiver drops packets beyond a gap and NACKs the
 * gap once; the sender resends everything from the missing PSN; one timeout.
 */
class RdmaGoBackN : public RdmaRecovery
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
    bool BuffersOutOfOrder() const override;
    uint32_t OnNack(RdmaQueuePair& qp, const FabricHeader& header) override;
    void OnTimeout(RdmaQueuePair& qp) override;
};

/**
 * \ingroup planet
 * \brief Selective repeat as IRN does it (Mittal et al., SIGCOMM 2018), with a reorder
 * tolerance for sprayed paths.
 *
 * The receiver keeps what arrives beyond the cumulative point and NACKs every such arrival
 * with the cumulative PSN and the PSN it got; it acknowledges a retransmission, a filled gap
 * and a message's last packet at once. The sender keeps a scoreboard of what was sent, when
 * (in transmission order) and what has been selectively acknowledged: a hole is lost once a
 * packet sent at least ReorderTolerance transmissions after it has been acknowledged (1 is
 * IRN's rule: any later packet), which also finds a lost retransmission; every known hole is
 * resent, oldest first, before new data. When an original packet the sender had declared lost
 * turns up after all, the queue pair's tolerance grows to the reordering it has seen (up to
 * its window - 1), so spraying does not keep costing retransmissions. The timeout is RtoLow
 * while at most RtoLowPackets packets are in flight (tail losses) and the stack's
 * RetransmitTimeout (IRN's RTO_high) otherwise; on a timeout every packet not acknowledged is
 * resent. IRN acknowledges every packet; planet's receiver coalesces (AckEvery), so a packet
 * sent while at most RtoLowPackets are in flight, and each of the last RtoLowPackets of what is
 * posted, asks for its acknowledgement at once (RDMA_ACKREQ): otherwise a flow that the NIC
 * serves slowly among many (an AllToAll's) would wait longer than RtoLow for an acknowledgement
 * of packets that were never lost, and a timeout after a tail loss would resend delivered
 * packets that were only waiting for their coalesced acknowledgement.
 */
class RdmaSelectiveRepeat : public RdmaRecovery
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
    bool BuffersOutOfOrder() const override;
    void InitQp(RdmaQueuePair& qp) const override;
    void OnFeedback(RdmaQueuePair& qp, const FabricHeader& header) override;
    uint32_t OnNack(RdmaQueuePair& qp, const FabricHeader& header) override;
    void OnTimeout(RdmaQueuePair& qp) override;
    Time Timeout(const RdmaQueuePair& qp, Time rto) const override;
    bool RequestsAck(const RdmaQueuePair& qp) const override;

  private:
    uint32_t m_tolerance;
    bool m_adaptive;
    Time m_rtoLow;
    uint32_t m_rtoLowPackets;
};

} // namespace ns3

#endif /* RDMA_RECOVERY_H */
