// SPDX-License-Identifier: GPL-2.0-only

#ifndef RDMA_RECOVERY_H
#define RDMA_RECOVERY_H

#include "ns3/object.h"

namespace ns3
{

class RdmaQueuePair;

/**
 * \ingroup planet
 * \brief Loss recovery of a queue pair: what the receiver does with a packet beyond the
 * expected PSN and what the sender does on a NACK or a retransmission timeout.
 *
 * Chosen by TypeId through RdmaStack's "Recovery" attribute; stateless (the state is in the
 * queue pairs), so one instance serves a whole host.
 */
class RdmaRecovery : public Object
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
    /// \brief Whether the receiver keeps packets that arrive beyond a gap.
    virtual bool BuffersOutOfOrder() const = 0;
    /**
     * \brief How far beyond the expected PSN a packet must be before the receiver reports the
     * gap with a NACK (1: at once).
     */
    virtual uint32_t NackDistance() const = 0;
    /// \brief The sender got a NACK for this PSN.
    virtual void OnNack(RdmaQueuePair& qp, uint32_t psn) = 0;
    /// \brief The sender's retransmission timer expired.
    virtual void OnTimeout(RdmaQueuePair& qp) = 0;
};

/**
 * \ingroup planet
 * \brief Go-back-N, RoCE's behaviour: the receiver drops packets beyond a gap and NACKs the
 * gap; the sender resends everything from the missing PSN.
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
    uint32_t NackDistance() const override;
    void OnNack(RdmaQueuePair& qp, uint32_t psn) override;
    void OnTimeout(RdmaQueuePair& qp) override;
};

/**
 * \ingroup planet
 * \brief Selective repeat: the receiver keeps packets beyond a gap in a reorder buffer and
 * NACKs the gap once a packet ReorderTolerance PSNs beyond it has arrived (so that mere
 * reordering, as spraying causes, does not trigger a retransmission); the sender resends only
 * the missing PSN.
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
    uint32_t NackDistance() const override;
    void OnNack(RdmaQueuePair& qp, uint32_t psn) override;
    void OnTimeout(RdmaQueuePair& qp) override;

  private:
    uint32_t m_tolerance;
};

} // namespace ns3

#endif /* RDMA_RECOVERY_H */
