// SPDX-License-Identifier: GPL-2.0-only

#ifndef RDMA_LOSS_MODEL_H
#define RDMA_LOSS_MODEL_H

#include "ns3/fabric-header.h"
#include "ns3/object.h"

#include <unordered_map>

namespace ns3
{

class RdmaQueuePair;

/**
 * \ingroup planet
 * \brief Deterministic loss of data packets, for aiming a test or a run at one recovery case.
 *
 * A host's RdmaStack (attribute-free: RdmaStack::SetLossModel, or RdmaHelper::SetLoss for
 * every host) asks its loss model about every data packet that arrives for one of its queue
 * pairs; a packet it drops has crossed the whole fabric and vanishes at the receiving NIC, as
 * if the last switch had dropped it. Each stack needs its own instance (the models count per
 * queue pair).
 */
class RdmaLossModel : public Object
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
    /**
     * \brief Whether to drop a data packet.
     * \param qp the receiving queue pair
     * \param header the packet's header
     * \return true to drop it
     */
    virtual bool Drop(const RdmaQueuePair& qp, const FabricHeader& header) = 0;
};

/**
 * \ingroup planet
 * \brief Drops the N-th data packet (counting from 1, retransmissions included) arriving at
 * each queue pair.
 */
class RdmaDropNth : public RdmaLossModel
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
    bool Drop(const RdmaQueuePair& qp, const FabricHeader& header) override;

  private:
    uint64_t m_n;
    std::unordered_map<uint32_t, uint64_t> m_arrived; //!< qpn -> data packets so far
};

/**
 * \ingroup planet
 * \brief Drops the first Times arrivals of one PSN at each queue pair.
 */
class RdmaDropPsn : public RdmaLossModel
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
    bool Drop(const RdmaQueuePair& qp, const FabricHeader& header) override;

  private:
    uint32_t m_psn;
    uint32_t m_times;
    std::unordered_map<uint32_t, uint32_t> m_dropped; //!< qpn -> drops so far
};

/**
 * \ingroup planet
 * \brief Drops the first transmission of every message's last packet: the tail loss that no
 * later packet reveals.
 */
class RdmaDropLast : public RdmaLossModel
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
    bool Drop(const RdmaQueuePair& qp, const FabricHeader& header) override;
};

} // namespace ns3

#endif /* RDMA_LOSS_MODEL_H */
