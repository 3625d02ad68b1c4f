// SPDX-License-Identifier: GPL-2.0-only

#ifndef COLLECTIVE_HELPER_H
#define COLLECTIVE_HELPER_H

#include "ns3/application-container.h"
#include "ns3/collective-application.h"
#include "ns3/node-container.h"
#include "ns3/object-factory.h"

#include <vector>

namespace ns3
{

/**
 * \ingroup planet
 * \brief Installs CollectiveApplications that execute one flow graph over the RDMA transport.
 *
 * Node i of the container must be host i (the host id the graph and the stacks use), as
 * LeafSpineHelper::GetHosts() and RdmaHelper::Install() number them. Application attributes
 * (PinPaths, ParallelLinks, StartTime, ...) are set with SetAttribute before Install().
 */
class CollectiveHelper
{
  public:
    /**
     * \param graph the flows to run (validated; moved into the run state, which keeps the only
     *        copy: GetExecution()->GetGraph())
     * \param stacks the RDMA stack of every host, by host id
     * \throws std::invalid_argument for an invalid graph or a host without a stack
     */
    CollectiveHelper(planet::FlowGraph graph, const std::vector<Ptr<RdmaStack>>& stacks);

    /// \brief Set an attribute of every application created afterwards.
    void SetAttribute(const std::string& name, const AttributeValue& value);

    /**
     * \brief Install one application per host.
     * \param hosts the hosts, host id = index
     * \return the applications, by host id
     */
    ApplicationContainer Install(NodeContainer hosts) const;

    /// \brief The run state shared by the applications: flow times and bytes after the run.
    Ptr<CollectiveExecution> GetExecution() const;

  private:
    ObjectFactory m_factory;
    Ptr<CollectiveExecution> m_execution;
};

} // namespace ns3

#endif /* COLLECTIVE_HELPER_H */
