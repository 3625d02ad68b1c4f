// SPDX-License-Identifier: GPL-2.0-only

#ifndef COLLECTIVE_FLOW_GRAPH_H
#define COLLECTIVE_FLOW_GRAPH_H

#include "ns3/collective-planner.h"

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

/**
 * \file
 * \ingroup planet
 * The flow graph: what an executor (the ns-3 collective application, or a replay) runs. A
 * workload is one graph holding every flow of every collective of every job; a flow may start
 * once the flows it depends on have been delivered. Plain C++17, no simulator.
 *
 * Execution rule (the only one an executor needs): flow f may start f.startDelayS seconds after
 * the last of f.deps is done (after the f.depsNeeded-th, when it is set), or f.startDelayS
 * after time 0 when f.deps is empty. What "done" means is a FlowEvent: per dependency
 * (f.depEvents), or the executor's choice (FlowEvent::Default): the receiver has the last byte
 * (Delivered), or the sender has the last acknowledgement (Acked, a flow's end in htsim and what
 * a real sender sees). Dependencies always point to smaller ids, so the graph is acyclic and id
 * order is a topological order.
 *
 * Steps: every flow has a step index inside its collective; a flow's dependencies inside its
 * collective have smaller steps. For the ring, halving-doubling and pairwise algorithms the
 * step is the textbook one (ring AllReduce: 0 .. 2(n-1)-1; halving-doubling with n not a power
 * of two: step 0 is the fold-in of the extra ranks, the last step the fold-out). For the
 * pipelined algorithms (double binary tree, pipelined broadcasts) the step is the pipeline
 * stage: the length of the longest dependency chain ending at the flow, so that one step holds
 * the chunk transfers an infinitely fast network would run at the same time.
 */

namespace planet
{

/// \brief What a collective computes; decides the nccl-tests bus bandwidth factor.
enum class CollectiveKind
{
    AllReduce,
    ReduceScatter,
    AllGather,
    AllToAll,
    Broadcast,
    Transfers //!< plain point-to-point transfers (a traffic pattern or matrix, a user's graph)
};

/// \brief "allreduce", "reducescatter", "allgather", "alltoall", "broadcast", "transfers".
std::string ToString(CollectiveKind kind);

/// \brief An event in the life of a flow, as dependencies and completion times see it.
enum class FlowEvent : uint8_t
{
    Default,   //!< (a dependency) whatever the executor's FlowDone says
    Delivered, //!< the receiver has the last byte (htsim's recv_done_trigger)
    Acked,     //!< the sender has the last acknowledgement (htsim's send_done_trigger)
};

/// \brief "default", "delivered" or "acked".
std::string ToString(FlowEvent event);

/**
 * \brief The FlowEvent named \p name ("delivered" or "acked"; "default" too when \p allowDefault).
 * \throws std::invalid_argument naming \p parameter and the allowed values
 */
FlowEvent ParseFlowEvent(const std::string& name,
                         const std::string& parameter,
                         bool allowDefault = false);

/**
 * \brief One transfer of a collective schedule in rank space, as an algorithm expands it: the
 * sender's bytes [offset, offset + bytes) of the collective's buffer (AllToAll: of the send
 * buffer, the block of the receiving rank), which the receiver adds into its own copy
 * (reduce) or stores (otherwise).
 */
struct RankFlow
{
    uint32_t src{0};            //!< sending rank
    uint32_t dst{0};            //!< receiving rank
    uint64_t bytes{0};          //!< payload bytes (> 0)
    uint32_t step{0};           //!< step index (see the file comment)
    std::vector<uint32_t> deps; //!< indices of earlier RankFlows of the same schedule
    uint64_t offset{0};         //!< where the bytes sit in the buffer
    bool reduce{false};         //!< the receiver reduces them into its data (else stores them)
};

/// \brief The flows of one collective in rank space, dependencies pointing backwards.
using RankSchedule = std::vector<RankFlow>;

/**
 * \brief One flow (or subflow) of a workload, in host space.
 */
struct CollectiveFlow
{
    uint32_t id{0};             //!< index in FlowGraph::flows
    uint32_t job{0};            //!< job (communicator) it belongs to
    uint32_t collective{0};     //!< index in FlowGraph::collectives
    uint32_t srcRank{0};        //!< sending rank in the job's communicator
    uint32_t dstRank{0};        //!< receiving rank
    uint32_t srcHost{0};        //!< sending host
    uint32_t dstHost{0};        //!< receiving host
    uint64_t bytes{0};          //!< payload bytes (> 0)
    uint32_t step{0};           //!< step index inside its collective
    std::vector<uint32_t> deps; //!< flows that must be done before it starts
    /// Per dependency, the event of it that counts (empty: FlowEvent::Default for all).
    std::vector<FlowEvent> depEvents;
    uint32_t depsNeeded{0}; //!< start once this many of deps are done (0: all of them)
    double startDelayS{0};  //!< wait after the last dependency (compute time)
    uint32_t logical{0};    //!< id of the flow it was split from (its own id if unsplit)
    uint32_t subflow{0};    //!< which part of the logical flow, in [0, subflows)
    uint32_t subflows{1};   //!< parts the logical flow was split into
    PathChoice path;        //!< the planner's path (spine == kNoSpine: not pinned)
};

/**
 * \brief One collective operation of a workload: its flows are
 * flows[firstFlow, firstFlow + flowCount).
 */
struct CollectiveInstance
{
    uint32_t job{0};       //!< job (communicator) running it
    uint32_t round{0};     //!< collectives with the same round run concurrently (planned jointly)
    uint32_t iteration{0}; //!< training iteration (0 outside training workloads)
    uint32_t bucket{0};    //!< gradient bucket within the iteration (0 outside training)
    std::string algorithm; //!< registry name of the algorithm
    CollectiveKind kind{CollectiveKind::AllReduce}; //!< what it computes
    uint32_t ranks{0};                              //!< communicator size n
    uint64_t bytes{0};                              //!< collective size S (nccl-tests convention)
    uint32_t steps{0};                              //!< number of steps (largest step + 1)
    bool pipelined{false}; //!< steps are overlapping pipeline stages (see the file comment)
    uint32_t firstFlow{0}; //!< id of its first flow
    uint32_t flowCount{0}; //!< number of its flows
};

/**
 * \brief Every flow of a workload and the collectives they belong to.
 */
struct FlowGraph
{
    std::vector<CollectiveFlow> flows;           //!< by id
    std::vector<CollectiveInstance> collectives; //!< by index

    /**
     * \brief Check the invariants an executor relies on: ids equal indices, dependencies point
     * to smaller ids and, inside a collective, to smaller steps; depEvents is empty or has one
     * event per dependency and depsNeeded is at most the number of dependencies; every flow has
     * bytes, distinct endpoints and a finite non-negative delay; collectives cover the flows
     * contiguously.
     * \throws std::invalid_argument naming the first broken invariant
     */
    void Validate() const;

    /// \brief For every flow, the flows that list it as a dependency (reverse edges).
    std::vector<std::vector<uint32_t>> Dependents() const;

    /// \brief Flows of a collective no other flow of that collective depends on: once they are
    /// delivered, the whole collective is.
    std::vector<uint32_t> Sinks(uint32_t collective) const;
};

/**
 * \brief When a collective may begin: its first flows (those with no dependency inside the
 * collective) wait for `after` (and, for a first flow sent by rank r, rankAfter[r]), then
 * `delayS`. A rank whose first send waits for data from other ranks (an inner tree node, a
 * folded-in halving-doubling rank) starts when that data arrives.
 */
struct CollectiveStart
{
    uint32_t job{0};             //!< job (communicator) id
    uint32_t round{0};           //!< concurrency round (see CollectiveInstance::round)
    uint32_t iteration{0};       //!< training iteration label
    uint32_t bucket{0};          //!< gradient bucket label
    std::vector<uint32_t> after; //!< flows (already in the graph) that must be delivered first
    /// Per sending rank, more flows to wait for (empty, or one list per rank).
    std::vector<std::vector<uint32_t>> rankAfter;
    double delayS{0}; //!< then this long (compute)
};

/**
 * \brief Append one collective to a graph: its rank schedule mapped to the communicator's hosts.
 * \param graph the graph to extend
 * \param algorithm registry name of the algorithm that produced the schedule
 * \param kind what it computes
 * \param schedule the flows in rank space (from CollectiveAlgorithm::Expand)
 * \param hosts host of every rank (Communicator::Hosts())
 * \param bytes the collective size S
 * \param start when it may begin
 * \return index of the new collective
 * \throws std::invalid_argument when the schedule names a rank without a host, start.after or
 *         start.rankAfter names a flow not in the graph, or rankAfter has not one list per rank
 */
uint32_t AppendSchedule(FlowGraph& graph,
                        const std::string& algorithm,
                        CollectiveKind kind,
                        const RankSchedule& schedule,
                        const std::vector<uint32_t>& hosts,
                        uint64_t bytes,
                        const CollectiveStart& start);

/// \brief The event of flow \p f's dependency number \p k that releases it (Default resolved
/// to \p done).
FlowEvent DependencyEvent(const CollectiveFlow& f, std::size_t k, FlowEvent done);

/**
 * \brief When a flow may start: f.startDelayS after the f.depsNeeded-th (or the last) of its
 * dependencies' done times, or after time 0 without dependencies.
 * \param f the flow
 * \param doneS done time of dependency number k of f, for each k (a dependency never done: +inf)
 * \return the start time (+inf when too few dependencies are ever done)
 */
double ReadyTime(const CollectiveFlow& f, const std::function<double(std::size_t k)>& doneS);

/**
 * \brief Start and finish time of every flow when each flow takes a given time and nothing
 * else interferes (no contention): the execution rule applied in id order (a dependency is done
 * when it finishes, whatever its event).
 */
struct Replay
{
    std::vector<double> startS;  //!< by flow id
    std::vector<double> finishS; //!< by flow id
    double makespanS{0};         //!< largest finish time (0 for an empty graph)
};

/**
 * \brief Replay a graph without contention, e.g. durationS = 1 for "an infinitely fast network
 * with unit latency" (the makespan is then the number of steps on the critical path), or
 * bytes / rate for a lower bound that ignores sharing.
 * \param graph the graph (validated)
 * \param durationS time a flow takes once started
 */
Replay ReplayWithoutContention(const FlowGraph& graph,
                               const std::function<double(const CollectiveFlow&)>& durationS);

/**
 * \brief The flows of a graph as plain transfers between hosts (for the ideal bound and
 * CheckFabricBudget()).
 */
std::vector<FabricFlow> ToFabricFlows(const FlowGraph& graph);

} // namespace planet

#endif /* COLLECTIVE_FLOW_GRAPH_H */
