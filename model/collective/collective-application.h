// SPDX-License-Identifier: GPL-2.0-only

#ifndef COLLECTIVE_APPLICATION_H
#define COLLECTIVE_APPLICATION_H

#include "ns3/application.h"
#include "ns3/collective-flow-graph.h"
#include "ns3/rdma-path-selection.h"
#include "ns3/rdma-stack.h"
#include "ns3/simple-ref-count.h"
#include "ns3/traced-callback.h"

#include <vector>

/**
 * \file
 * \ingroup planet
 * Executing a collective flow graph (collective-flow-graph.h) over the RDMA transport: one
 * CollectiveApplication per host sends the flows whose source is that host; a flow starts
 * f.startDelayS after the last of its dependencies was delivered to its receiver.
 */

namespace ns3
{

class CollectiveApplication;

/**
 * \ingroup planet
 * \brief The state of one flow-graph run shared by the applications of all hosts: the graph,
 * the stacks, the dependencies still outstanding and what each flow did (start and delivery
 * time, bytes delivered). Created by CollectiveHelper; read after the run for the metrics.
 */
class CollectiveExecution : public SimpleRefCount<CollectiveExecution>
{
  public:
    /**
     * \param graph the flow graph (validated here)
     * \param stacks the RDMA stack of every host, by host id
     * \throws std::invalid_argument when the graph is invalid or names a host without a stack
     */
    CollectiveExecution(planet::FlowGraph graph, std::vector<Ptr<RdmaStack>> stacks);

    /// \brief The graph being executed.
    const planet::FlowGraph& GetGraph() const;
    /// \brief Start time of every flow in seconds (-1: not started).
    const std::vector<double>& GetStartTimes() const;
    /// \brief Delivery time of every flow in seconds (-1: not delivered).
    const std::vector<double>& GetFinishTimes() const;
    /// \brief Payload bytes delivered to the receiver of a flow.
    uint64_t GetDeliveredBytes(uint32_t flow) const;
    /// \brief Flows delivered so far.
    uint32_t GetDeliveredFlows() const;
    /// \brief Collectives whose every flow has been delivered.
    uint32_t GetCompletedCollectives() const;
    /// \brief Whether every flow of the graph has been delivered.
    bool IsComplete() const;
    /// \brief Completion time of a completed collective: last delivery - first start (s).
    double GetCollectiveTime(uint32_t collective) const;

  private:
    friend class CollectiveApplication;

    /// A flow has started.
    void Started(uint32_t flow);
    /**
     * A flow has been delivered: release its dependents, count its collective.
     * \return the collective the flow completed, or UINT32_MAX
     */
    uint32_t Delivered(uint32_t flow, uint64_t bytes);

    planet::FlowGraph m_graph;
    std::vector<Ptr<RdmaStack>> m_stacks;            //!< by host id
    std::vector<CollectiveApplication*> m_apps;      //!< by host id (not owned)
    std::vector<std::vector<uint32_t>> m_dependents; //!< reverse dependency edges
    std::vector<uint32_t> m_pending;                 //!< outstanding dependencies per flow
    std::vector<uint32_t> m_collectiveLeft;          //!< undelivered flows per collective
    std::vector<double> m_collectiveStartS;          //!< first flow start per collective
    std::vector<double> m_startS;
    std::vector<double> m_finishS;
    std::vector<uint64_t> m_deliveredBytes;
    uint32_t m_deliveredFlows{0};
    uint32_t m_completedCollectives{0};
};

/**
 * \ingroup planet
 * \brief Runs the flows of a collective flow graph that one host sends.
 *
 * Every (sub)flow gets its own queue pair, connected when the flow starts, so that a split
 * flow's subflows travel on separate queue pairs and hashed ECMP hashes every (sub)flow on its
 * own; the queue pair takes the stack's path selection (ECMP, spraying, adaptive, pinned). With
 * PinPaths, a subflow the planner gave a spine carries that uplink as its path id (effective
 * under pinned path selection, ns3::RdmaPinnedPath). A flow is delivered when its receiver has
 * the whole message; then its dependents may start (after their start delay).
 */
class CollectiveApplication : public Application
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
    CollectiveApplication();
    ~CollectiveApplication() override;

    /**
     * \brief Attach the shared run state (done by CollectiveHelper before the start).
     * \param execution the run this host takes part in
     */
    void SetExecution(Ptr<CollectiveExecution> execution);

    /// Signature of the FlowStart trace: flow id, source host, destination host, bytes.
    typedef void (*FlowCallback)(uint32_t flow, uint32_t src, uint32_t dst, uint64_t bytes);
    /// Signature of the CollectiveComplete trace: collective index, completion time (s).
    typedef void (*CollectiveCallback)(uint32_t collective, double cctS);

  protected:
    void DoDispose() override;

  private:
    friend class CollectiveExecution;

    void StartApplication() override;
    void StopApplication() override;

    /// A flow of this host may start after `delay`.
    void Release(uint32_t flow, Time delay);
    /// Connect a queue pair for a flow of this host and post its message.
    void StartFlow(uint32_t flow);
    /// The receiver (this host) has the whole message of a flow.
    void OnDelivered(uint32_t flow, uint64_t bytes);

    uint32_t m_hostId;
    bool m_pinPaths;
    bool m_shareWindow;
    uint32_t m_parallelLinks;
    Ptr<CollectiveExecution> m_execution;

    TracedCallback<uint32_t, uint32_t, uint32_t, uint64_t> m_flowStart;
    TracedCallback<uint32_t, uint32_t, uint32_t, uint64_t> m_flowComplete;
    TracedCallback<uint32_t, double> m_collectiveComplete;
};

} // namespace ns3

#endif /* COLLECTIVE_APPLICATION_H */
