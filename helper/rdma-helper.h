// SPDX-License-Identifier: GPL-2.0-only

#ifndef RDMA_HELPER_H
#define RDMA_HELPER_H

#include "ns3/fabric-ecmp.h"
#include "ns3/node-container.h"
#include "ns3/object-factory.h"
#include "ns3/rdma-stack.h"

#include <memory>
#include <set>
#include <string>
#include <vector>

namespace ns3
{

class LeafSpineHelper;

/**
 * \ingroup planet
 * \brief Installs the RDMA transport (an RdmaStack) on hosts.
 *
 * Each host must have one FabricNetDevice (as LeafSpineHelper builds them); host i of the
 * container gets HostId i, which must be its address in the fabric. Stack attributes (Mtu,
 * AckEvery, WindowBytes, BaseRtt, RetransmitTimeout, Recovery, PathSelection,
 * CongestionControl) are set with SetStackAttribute before Install(); SetFabric() tells the
 * stacks about the fabric they run on.
 */
class RdmaHelper
{
  public:
    RdmaHelper();
    /// \brief Set an attribute of every stack created afterwards.
    void SetStackAttribute(const std::string& name, const AttributeValue& value);
    /**
     * \brief Set an attribute of every stack's loss recovery (e.g. RdmaSelectiveRepeat's
     * RtoLow) when Install() creates it; recoveries without the attribute ignore it.
     */
    void SetRecoveryAttribute(const std::string& name, const AttributeValue& value);
    /**
     * \brief Set an attribute of every stack's path selection (e.g. RdmaPinnedPath's
     * Pinning) when Install() creates it; selections without the attribute ignore it.
     */
    void SetPathSelectionAttribute(const std::string& name, const AttributeValue& value);
    /**
     * \brief Set an attribute of every stack's congestion control (e.g. RdmaDcqcn's
     * RateAi) when Install() creates it; algorithms without the attribute ignore it.
     */
    void SetCongestionControlAttribute(const std::string& name, const AttributeValue& value);
    /**
     * \brief The fabric the stacks run on (installed, its streams assigned). Install() then
     * sets each stack's BaseRtt (for the bandwidth-delay window) and RetransmitTimeout (IRN's
     * RTO_high: the largest RTT the fabric's buffers allow, planet::LeafSpineShape::MaxRttS,
     * with a port's queue up to its switch's whole buffer where the switches share one)
     * from the fabric, unless SetStackAttribute set them, and gives it the switches' ECMP
     * seeds (for entropy pinning).
     */
    void SetFabric(const LeafSpineHelper& fabric);
    /**
     * \brief Give every stack a deterministic loss model (RdmaLossModel), one instance each.
     * \param spec "none", "last" (every message's last packet, once: RdmaDropLast), "psn:P"
     * (PSN P of every queue pair, once: RdmaDropPsn) or "nth:N" (the N-th data packet
     * arriving at every queue pair: RdmaDropNth)
     * \throws std::invalid_argument naming the parameter 'loss'
     */
    void SetLoss(const std::string& spec);
    /**
     * \brief Install a stack on every host.
     * \param hosts the hosts, host id = index
     * \return the stacks, by host id
     */
    std::vector<Ptr<RdmaStack>> Install(NodeContainer hosts) const;
    /**
     * \brief Assign the stacks' random streams.
     * \param stacks the stacks
     * \param stream first stream index
     * \return streams used
     */
    static int64_t AssignStreams(const std::vector<Ptr<RdmaStack>>& stacks, int64_t stream);

  private:
    ObjectFactory m_factory;
    std::set<std::string> m_set; //!< stack attributes set with SetStackAttribute
    /// Attributes of the recovery, the path selection and the congestion control, by name.
    std::vector<std::pair<std::string, Ptr<AttributeValue>>> m_recoveryAttributes;
    std::vector<std::pair<std::string, Ptr<AttributeValue>>> m_pathAttributes;
    std::vector<std::pair<std::string, Ptr<AttributeValue>>> m_ccAttributes;
    ObjectFactory m_lossFactory; //!< TypeId not set: no loss model
    std::shared_ptr<const planet::EcmpFabric> m_fabric;
    uint64_t m_bufferBytes{0}; //!< the fabric's egress buffers
};

} // namespace ns3

#endif /* RDMA_HELPER_H */
