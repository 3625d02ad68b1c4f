// SPDX-License-Identifier: GPL-2.0-only

#ifndef RDMA_PATH_SELECTION_H
#define RDMA_PATH_SELECTION_H

#include "ns3/fabric-header.h"
#include "ns3/object.h"

#include <memory>

namespace planet
{
struct EcmpFabric;
} // namespace planet

namespace ns3
{

class RdmaQueuePair;
class UniformRandomVariable;

/**
 * \ingroup planet
 * \brief How a queue pair's packets choose among equal-cost paths: the sender stamps each
 * packet's FabricHeader (entropy, path id, adaptive flag) and the switches act on it.
 *
 * Chosen by TypeId through RdmaStack's "PathSelection" attribute, or per queue pair with
 * RdmaQueuePair::SetPathSelection(). One instance serves many queue pairs: per-QP state
 * (entropy, path id, round-robin counter) lives in the queue pair.
 */
class RdmaPathSelection : public Object
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
    RdmaPathSelection();
    ~RdmaPathSelection() override;

    /// \brief Set up a new queue pair's path state.
    virtual void InitQp(RdmaQueuePair& qp);
    /// \brief The queue pair's path id was set (RdmaQueuePair::SetPathId).
    virtual void PathChanged(RdmaQueuePair& qp);
    /// \brief Stamp one packet's header.
    virtual void Stamp(RdmaQueuePair& qp, FabricHeader& header) = 0;
    /// \brief The fabric's ECMP hash seeds, for selections that pin paths by entropy.
    void SetEcmpFabric(std::shared_ptr<const planet::EcmpFabric> fabric);
    /**
     * \brief Assign the random stream.
     * \param stream stream index
     * \return streams used (1)
     */
    int64_t AssignStreams(int64_t stream);

  protected:
    void DoDispose() override;
    /// \brief A uniform random 32-bit value from this object's stream.
    uint32_t Draw();
    /// \brief The fabric's hash seeds (null if not given).
    const planet::EcmpFabric* GetEcmpFabric() const;

  private:
    Ptr<UniformRandomVariable> m_rng;
    std::shared_ptr<const planet::EcmpFabric> m_fabric;
};

/**
 * \ingroup planet
 * \brief Per-flow ECMP: one random entropy per queue pair, hashed by every switch.
 */
class RdmaEcmpPath : public RdmaPathSelection
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
    void InitQp(RdmaQueuePair& qp) override;
    void Stamp(RdmaQueuePair& qp, FabricHeader& header) override;
};

/**
 * \ingroup planet
 * \brief Pinned path: all of a queue pair's packets take path id p (uplink p of the source
 * leaf, as LeafSpineHelper numbers them; set with RdmaQueuePair::SetPathId, else drawn at
 * random when the queue pair is created).
 *
 * Pinning "PathId" stamps p into every packet and every switch honours it (source routing:
 * needs switch support). Pinning "Entropy" is how a RoCE NIC does it on plain ECMP switches:
 * the queue pair's entropy (its UDP source port) is the first port, from a random start, whose
 * hash under the switches' seeds takes path p at the source leaf and, with parallel links, at
 * the spine (planet::PathEntropy); it needs the fabric's seeds (RdmaStack::SetEcmpFabric, as
 * RdmaHelper::SetFabric gives them).
 */
class RdmaPinnedPath : public RdmaPathSelection
{
  public:
    /// How a path is pinned.
    enum Pinning
    {
        PATH_ID, //!< an explicit path id every switch honours
        ENTROPY, //!< an entropy the switches' ECMP hash maps to the path
    };

    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
    void InitQp(RdmaQueuePair& qp) override;
    void PathChanged(RdmaQueuePair& qp) override;
    void Stamp(RdmaQueuePair& qp, FabricHeader& header) override;

  private:
    Pinning m_pinning;
};

/**
 * \ingroup planet
 * \brief Random packet spraying: a fresh random entropy on every packet.
 */
class RdmaSprayRandomPath : public RdmaPathSelection
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
    void Stamp(RdmaQueuePair& qp, FabricHeader& header) override;
};

/**
 * \ingroup planet
 * \brief Round-robin packet spraying: consecutive packets take consecutive path ids, from a
 * random starting point per queue pair.
 */
class RdmaSprayRoundRobinPath : public RdmaPathSelection
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
    void InitQp(RdmaQueuePair& qp) override;
    void Stamp(RdmaQueuePair& qp, FabricHeader& header) override;
};

/**
 * \ingroup planet
 * \brief Adaptive spraying: packets ask every switch for its least-loaded equal-cost port.
 */
class RdmaAdaptivePath : public RdmaPathSelection
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
    void Stamp(RdmaQueuePair& qp, FabricHeader& header) override;
};

} // namespace ns3

#endif /* RDMA_PATH_SELECTION_H */
