// SPDX-License-Identifier: GPL-2.0-only

#ifndef RDMA_HELPER_H
#define RDMA_HELPER_H

#include "ns3/node-container.h"
#include "ns3/object-factory.h"
#include "ns3/rdma-stack.h"

#include <vector>

namespace ns3
{

/**
 * \ingroup planet
 * \brief Installs the RDMA transport (an RdmaStack) on hosts.
 *
 * Each host must have one FabricNetDevice (as LeafSpineHelper builds them); host i of the
 * container gets HostId i, which must be its address in the fabric. Stack attributes (Mtu,
 * AckEvery, WindowBytes, RetransmitTimeout, Recovery, PathSelection, CongestionControl) are set
 * with SetStackAttribute before Install().
 */
class RdmaHelper
{
  public:
    RdmaHelper();
    /// \brief Set an attribute of every stack created afterwards.
    void SetStackAttribute(const std::string& name, const AttributeValue& value);
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
};

} // namespace ns3

#endif /* RDMA_HELPER_H */
