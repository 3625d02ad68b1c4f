// SPDX-License-Identifier: GPL-2.0-only

#ifndef RDMA_CONGESTION_CONTROL_H
#define RDMA_CONGESTION_CONTROL_H

#include "ns3/data-rate.h"
#include "ns3/object.h"

#include <string>

namespace ns3
{

class RdmaQueuePair;

/**
 * \ingroup planet
 * \brief Congestion control of queue pairs: sets each queue pair's sending rate (the stack
 * paces packets at it) from acknowledgements, ECN echoes and losses.
 *
 * Chosen by TypeId through RdmaStack's "CongestionControl" attribute, like
 * TcpCongestionOps. Stateless across queue pairs: per-QP state lives in the queue pair. The
 * seams for DCQCN: OnAck carries the ECN echo, SetRate paces.
 */
class RdmaCongestionControl : public Object
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
    /// \brief Name of the algorithm.
    virtual std::string GetName() const = 0;
    /// \brief Set up a new queue pair (the default starts at line rate).
    virtual void InitQp(RdmaQueuePair& qp, DataRate lineRate);
    /**
     * \brief Acknowledgement progress.
     * \param qp the queue pair
     * \param ackedPackets packets newly acknowledged
     * \param ecnEcho whether the receiver saw CE since its previous ACK
     */
    virtual void OnAck(RdmaQueuePair& qp, uint32_t ackedPackets, bool ecnEcho) = 0;
    /// \brief A NACK or a timeout.
    virtual void OnLoss(RdmaQueuePair& qp) = 0;
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
    void OnAck(RdmaQueuePair& qp, uint32_t ackedPackets, bool ecnEcho) override;
    void OnLoss(RdmaQueuePair& qp) override;
};

} // namespace ns3

#endif /* RDMA_CONGESTION_CONTROL_H */
