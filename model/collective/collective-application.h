// SPDX-License-Identifier: GPL-2.0-only

#ifndef COLLECTIVE_APPLICATION_H
#define COLLECTIVE_APPLICATION_H

#include "ns3/application.h"
#include "ns3/collective-flow-graph.h"
#include "ns3/rdma-path-selection.h"
#include "ns3/rdma-stack.h"
#include "ns3/simple-ref-count.h"
#include "ns3/traced-callback.h"

#include <map>
#include <tuple>
#include <vector>

/**
 * \file
 * \ingroup planet
 * Executing a flow graph (collective-flow-graph.h) over the RDMA transport: one
 * CollectiveApplication per host sends the flows whose source is that host; a flow starts
 * f.startDelayS after the last of its dependencies (the f.depsNeeded-th, if set) is done. Every
 * workload of planet-fabric runs through it: collectives, training, permutations, incasts and
 * traffic matrices alike.
 */

namespace ns3
{

class CollectiveApplication;

/**
 * \ingroup planet
 * \brief The state of one flow-graph run shared by the applications of all hosts: the graph,
 * the stacks, the dependencies still outstanding and what each flow did (start, delivery,
 * acknowledgement and done time, bytes delivered). Created by CollectiveHelper; read after the
 * run for the metrics.
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
    /// \brief Done time of every flow in seconds (-1: not done): its delivery or its
    /// acknowledgement, as its sender's CollectiveApplication::FlowDone says.
    const std::vector<double>& GetFinishTimes() const;
    /// \brief Time the receiver had the last byte of every flow (-1: not delivered).
    const std::vector<double>& GetDeliveryTimes() const;
    /// \brief Time the sender had the last acknowledgement of every flow (-1: not acknowledged).
    const std::vector<double>& GetAckTimes() const;
    /// \brief Payload bytes delivered to the receiver of a flow.
    uint64_t GetDeliveredBytes(uint32_t flow) const;
    /// \brief Flows done so far.
    uint32_t GetDoneFlows() const;
    /// \brief Collectives whose every flow is done.
    uint32_t GetCompletedCollectives() const;
    /// \brief Whether every flow of the graph is done.
    bool IsComplete() const;
    /// \brief Completion time of a completed collective: last done - first start (s).
    double GetCollectiveTime(uint32_t collective) const;
    /// \brief Queue pairs the applications connected (both ends count once).
    uint32_t GetConnections() const;
    /// \brief Connections released after their last flow was acknowledged.
    uint32_t GetReleasedConnections() const;
    /**
     * \brief The flow a data packet belongs to.
     * \param srcHost the sending host
     * \param qpn the sender's queue pair number (FabricHeader::flowLabel)
     * \param psn the packet's PSN
     * \return the flow id, or UINT32_MAX when no flow of this run sent it
     */
    uint32_t FlowOfPacket(uint32_t srcHost, uint32_t qpn, uint32_t psn) const;

  private:
    friend class CollectiveApplication;

    /// A flow has started.
    void Started(uint32_t flow);
    /**
     * Something happened to a flow: record it; when it is the flow's done event, count the flow
     * and its collective; release the dependants waiting for this event.
     * \return the collective the flow completed, or UINT32_MAX
     */
    uint32_t Happened(uint32_t flow, planet::FlowEvent event);

    /// A dependant of a flow and the event of that flow it waits for.
    struct Dependant
    {
        uint32_t flow;           //!< the dependant
        planet::FlowEvent event; //!< Default: the flow's done event
    };

    planet::FlowGraph m_graph;
    std::vector<Ptr<RdmaStack>> m_stacks;             //!< by host id
    std::vector<CollectiveApplication*> m_apps;       //!< by host id (not owned)
    std::vector<std::vector<uint32_t>> m_flowsOf;     //!< flows by sending host
    std::vector<std::vector<Dependant>> m_dependants; //!< reverse dependency edges
    std::vector<uint32_t> m_pending;                  //!< dependencies still needed per flow
    std::vector<uint32_t> m_collectiveLeft;           //!< flows not done per collective
    std::vector<double> m_collectiveStartS;           //!< first flow start per collective
    std::vector<double> m_startS;
    std::vector<double> m_finishS;
    std::vector<double> m_deliveredS;
    std::vector<double> m_ackedS;
    std::vector<uint64_t> m_deliveredBytes;
    std::vector<uint32_t> m_connectionOf; //!< by flow: its connection in its sender's application
    uint32_t m_doneFlows{0};
    uint32_t m_completedCollectives{0};
    uint32_t m_connections{0};
    uint32_t m_released{0};
};

/**
 * \ingroup planet
 * \brief Runs the flows of a flow graph that one host sends.
 *
 * Flows travel on connections (RDMA queue pairs), connected when their first flow starts. With
 * ReuseConnections, as NCCL keeps its connections for a communicator's lifetime, every flow of a
 * job from this host to one peer with the same subflow index (and, with PinPaths, the same
 * planned path) shares one queue pair across steps, collectives and iterations: its messages go
 * out in order, and a hashed ECMP path, drawn once per queue pair, stays the same. Otherwise
 * every (sub)flow gets a queue pair of its own. A connection whose last flow has been
 * acknowledged is closed (RdmaQueuePair::Close). The queue pair takes the stack's path selection
 * (ECMP, spraying, adaptive, pinned); with PinPaths, a subflow the planner gave a spine carries
 * that uplink as its path id (effective under pinned path selection, ns3::RdmaPinnedPath).
 *
 * A flow is done, and its dependants may start (after their start delay), when the event
 * FlowDone names happens: the receiver has the whole message (DELIVERED) or the sender has its
 * last acknowledgement (ACKED, htsim's notion of a finished flow and what a real sender sees).
 * A dependency that names its own event (an htsim matrix's send_done_trigger or
 * recv_done_trigger) waits for that one.
 */
class CollectiveApplication : public Application
{
  public:
    /// When a flow of this host is done (the FlowDone attribute).
    enum FlowDone
    {
        DELIVERED, //!< the receiver has the last byte
        ACKED,     //!< the sender has the last acknowledgement
    };

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

    /// \brief The FlowDone attribute as a flow-graph event.
    planet::FlowEvent GetFlowDoneEvent() const;

    /// Signature of the per-flow traces: flow id, source host, destination host, bytes.
    typedef void (*FlowCallback)(uint32_t flow, uint32_t src, uint32_t dst, uint64_t bytes);
    /// Signature of the CollectiveComplete trace: collective index, completion time (s).
    typedef void (*CollectiveCallback)(uint32_t collective, double cctS);

  protected:
    void DoDispose() override;

  private:
    friend class CollectiveExecution;

    /// One queue pair of this host and the flows it carries.
    struct Connection
    {
        Ptr<RdmaQueuePair> qp;          //!< this host's end (null before use and after release)
        std::vector<uint32_t> flows;    //!< flows posted on it, in order
        std::vector<uint32_t> firstPsn; //!< PSN of each posted flow's first packet
        uint32_t nextPsn{0};            //!< PSN of the next message's first packet
        uint32_t left{0};               //!< its flows not yet acknowledged
    };

    void StartApplication() override;
    void StopApplication() override;

    /// Give every flow of this host a connection (ReuseConnections and PinPaths decide).
    void AssignConnections();
    /// A flow of this host may start after `delay`.
    void Release(uint32_t flow, Time delay);
    /// Post a flow's message on its connection (connecting it first if needed).
    void StartFlow(uint32_t flow);
    /// The sender (this host) has the last acknowledgement of a flow.
    void OnAcked(uint32_t flow);
    /// The receiver (this host) has the whole message of a flow.
    void OnDelivered(uint32_t flow, uint64_t bytes);
    /// Report a flow event to the run; fire the traces of a completed flow and collective.
    void Report(uint32_t flow, planet::FlowEvent event);

    uint32_t m_hostId;
    bool m_pinPaths;
    bool m_shareWindow;
    bool m_reuseConnections;
    FlowDone m_flowDone;
    uint32_t m_parallelLinks;
    uint32_t m_mtu{0}; //!< the stack's payload per packet (PSN bookkeeping)
    Ptr<CollectiveExecution> m_execution;
    std::vector<Connection> m_connections;
    std::vector<uint32_t> m_connectionOfQpn; //!< by local queue pair number

    TracedCallback<uint32_t, uint32_t, uint32_t, uint64_t> m_flowStart;
    TracedCallback<uint32_t, uint32_t, uint32_t, uint64_t> m_flowDelivered;
    TracedCallback<uint32_t, uint32_t, uint32_t, uint64_t> m_flowAcked;
    TracedCallback<uint32_t, uint32_t, uint32_t, uint64_t> m_flowComplete;
    TracedCallback<uint32_t, double> m_collectiveComplete;
};

} // namespace ns3

#endif /* COLLECTIVE_APPLICATION_H */
