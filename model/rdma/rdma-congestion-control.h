// SPDX-License-Identifier: GPL-2.0-only

#ifndef RDMA_CONGESTION_CONTROL_H
#define RDMA_CONGESTION_CONTROL_H

#include "ns3/data-rate.h"
#include "ns3/event-id.h"
#include "ns3/fabric-header.h"
#include "ns3/nstime.h"
#include "ns3/object.h"
#include "ns3/packet.h"
#include "ns3/traced-value.h"

#include <string>

namespace ns3
{

class FabricIntTag;
class RdmaQueuePair;

/**
 * \ingroup planet
 * \brief The congestion state of one queue pair: what its congestion control keeps, and the
 * rate and window it sets, as traced values.
 *
 * Each queue pair has one (RdmaQueuePair::GetCcState), created by its congestion control's
 * InitQp; an algorithm with state of its own subclasses it. A script plots a flow's rate by
 * connecting to "Rate", directly or by Config path
 * (/NodeList/N/$ns3::RdmaStack/CongestionState/QPN/Rate).
 */
class RdmaCcState : public Object
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    TracedValue<uint64_t> m_rateBps;     //!< the pacing rate (bit/s)
    TracedValue<uint64_t> m_windowBytes; //!< the window (payload bytes; 0: no limit)
    EventId m_timer;                     //!< the algorithm's pending timer (OnTimer)
};

/**
 * \ingroup planet
 * \brief What an acknowledgement tells the sender's congestion control.
 */
struct RdmaCcFeedback
{
    uint32_t ackedPackets{0};            //!< packets newly acknowledged (cumulatively)
    uint32_t ackPsn{0};                  //!< the receiver's expected PSN
    bool ecnEcho{false};                 //!< the receiver saw CE since its previous ACK
    bool retransmission{false};          //!< the packet that triggered it was a retransmission
    const FabricIntTag* intTag{nullptr}; //!< echoed telemetry (null: none)
};

/**
 * \ingroup planet
 * \brief Congestion control of queue pairs: sets each queue pair's sending rate (the stack
 * paces packets at it) and window from acknowledgements, CNPs, telemetry and losses.
 *
 * Chosen by TypeId through RdmaStack's "CongestionControl" attribute, like
 * TcpCongestionOps; one instance per stack, its attributes the algorithm's parameters. Per
 * queue pair state lives in the queue pair's RdmaCcState (created by InitQp). Hooks:
 * OnSend for every data packet (stamp telemetry requests, count bytes), OnAck, OnCnp (a
 * congestion notification packet from the receiver, DCQCN), OnLoss, OnTimer (the timer the
 * algorithm set with RdmaQueuePair::ScheduleCcTimer). A receiver sends a CNP for CE-marked
 * data at most once per GetCnpInterval() per queue pair, if the algorithm asks for CNPs.
 */
class RdmaCongestionControl : public Object
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
    /// \brief Name of the algorithm (as --cc takes it).
    virtual std::string GetName() const = 0;
    /// \brief Set up a new queue pair (the default: an RdmaCcState, at line rate).
    virtual void InitQp(RdmaQueuePair& qp, DataRate lineRate);
    /// \brief A data packet leaves (the default does nothing).
    virtual void OnSend(RdmaQueuePair& qp, FabricHeader& header, Ptr<Packet> packet);
    /// \brief Acknowledgement progress or telemetry.
    virtual void OnAck(RdmaQueuePair& qp, const RdmaCcFeedback& feedback) = 0;
    /// \brief A congestion notification packet arrived for this queue pair (default: nothing).
    virtual void OnCnp(RdmaQueuePair& qp);
    /// \brief A NACK or a timeout.
    virtual void OnLoss(RdmaQueuePair& qp) = 0;
    /// \brief The timer set with RdmaQueuePair::ScheduleCcTimer fired (default: nothing).
    virtual void OnTimer(RdmaQueuePair& qp);
    /**
     * \brief Whether receivers send CNPs, and how often at most per queue pair.
     * \return the interval, negative for no CNPs (the default)
     */
    virtual Time GetCnpInterval() const;
    /**
     * \brief Ask for telemetry on a data packet: a FabricIntTag with the send time (echoed in
     * the acknowledgement it triggers), and with `hops` the INT flag, so that every switch
     * egress appends its state.
     */
    static void RequestTelemetry(FabricHeader& header, Ptr<Packet> packet, bool hops);

    /// \brief Rate or window decreases so far, over this stack's queue pairs.
    uint64_t GetDecreases() const;

  protected:
    uint64_t m_decreases{0}; //!< rate or window decreases (the algorithm counts them)
};

/**
 * \ingroup planet
 * \brief No congestion control: line rate, limited only by the stack's window.
 */
class RdmaCcNone : public RdmaCongestionControl
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
    std::string GetName() const override;
    void OnAck(RdmaQueuePair& qp, const RdmaCcFeedback& feedback) override;
    void OnLoss(RdmaQueuePair& qp) override;
};

} // namespace ns3

#endif /* RDMA_CONGESTION_CONTROL_H */
