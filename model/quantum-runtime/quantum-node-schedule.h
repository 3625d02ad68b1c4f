/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef QUANTUM_NODE_SCHEDULE_H
#define QUANTUM_NODE_SCHEDULE_H

#include "ns3/quantum-link.h"
#include "ns3/quantum-qos-plan.h"
#include "ns3/quantum-task-graph.h"
#include "ns3/quantum-topology.h"

#include <cstdint>
#include <vector>

/**
 * \file
 * \ingroup planet
 * A plan's schedule cut into what each node executes, and the byte encoding in which the
 * controller sends it to the node. Pure C++ (no ns-3): the controller builds and encodes it,
 * the node's agent decodes and executes it (model/quantum-runtime/quantum-agent.h).
 */

namespace planet
{

/**
 * \brief One node's part in one task of the schedule of one hyperperiod.
 *
 * A link generation appears at both its ends (side 0 is the end first on the demand's path), a
 * swap at its repeater, a distillation at both its nodes. Times are relative to the start of
 * the hyperperiod, qubits are the node's local indices.
 *
 * Classical information: a swap's outcome (its Pauli correction) is needed by every node whose
 * later work depends on the corrected pair: the nodes of each distillation above it (the
 * parities only mean something once the frames of both pairs are known) and the two end nodes
 * of the demand (the delivered pair is corrected there). `frames` lists, for a distillation, the
 * swaps below it (its verdict waits for them); `deliveryFrames`, for the task that leaves the
 * delivered pair's half at an end node, every swap of the instance (the delivery waits for
 * them).
 */
struct NodeTask
{
    uint32_t id{0};                          //!< the task's id in the plan's schedule
    uint32_t demand{0};                      //!< demand index
    uint32_t instance{0};                    //!< instance within the hyperperiod
    TaskKind kind{TaskKind::LinkGeneration}; //!< operation
    double start_s{0};                       //!< planned start
    double end_s{0};                         //!< planned end
    double latestEnd_s{0}; //!< latest end that keeps the instance's deadline (planned tail after)
    /// Local qubits the task acts on here: link {communication, storage} (or {communication}
    /// without storage); swap {left pair's, right pair's}; distill {kept pair's, sacrificed's}.
    std::vector<uint32_t> qubits;
    int32_t output{-1}; //!< local qubit holding this node's half of the output (-1: swap)
    /// Link: for each of `qubits`, the planned time the plan frees it again (its reservation).
    std::vector<double> reservedUntil_s;
    /// Swap and distill: the tasks of this node (indices into NodeSchedule::tasks) that leave
    /// the input halves here, in the order of `qubits`.
    std::vector<int32_t> inputs;
    uint32_t peer{0};                     //!< link, distill: the other node
    uint32_t link{0};                     //!< link: topology link index
    uint8_t side{0};                      //!< link: 0 for the end first on the path, else 1
    double window_s{0};                   //!< link: the attempt window
    LinkCapability capability{0, 0};      //!< link: the capability it runs with
    std::vector<uint32_t> destinations;   //!< swap: nodes its outcome goes to
    std::vector<uint32_t> frames;         //!< distill: swaps its verdict needs (see above)
    std::vector<uint32_t> deliveryFrames; //!< delivering task: swaps the delivery needs
    bool delivers{false};                 //!< its output half here is the delivered pair's
};

/// \brief A demand as a node needs to know it.
struct NodeDemand
{
    uint32_t demand{0};          //!< demand index
    double period_s{0};          //!< period
    uint32_t instances{0};       //!< instances per hyperperiod
    std::vector<uint32_t> nodes; //!< every node on its path (aborts go to all of them)
};

/**
 * \brief Everything the controller tells one node: the tasks it takes part in during one
 * hyperperiod (repeated from the activation time on) and how to execute them.
 */
struct NodeSchedule
{
    uint32_t node{0};                //!< topology node index
    double activation_s{0};          //!< simulation time at which hyperperiod 0 starts
    double hyperperiod_s{0};         //!< length of the repeating schedule
    double duration_s{0};            //!< instances released before activation + this are run
    bool retry{false};               //!< a missed window retries inside the slack (else aborts)
    double cutoff_s{0};              //!< storage cutoff (0: none)
    std::vector<NodeDemand> demands; //!< the demands it takes part in
    std::vector<NodeTask> tasks;     //!< by planned start
};

/**
 * \brief Cut a plan's schedule into one NodeSchedule per node of \p topology (nodes without
 * tasks get an empty one). Execution settings (activation, duration, policy) are left at their
 * defaults for the caller to set.
 * \throws std::invalid_argument when the schedule does not fit the topology (a qubit or node
 * out of range, a task kind other than link/swap/distill, a link between nodes without a link)
 */
std::vector<NodeSchedule> BuildNodeSchedules(const QosPlan& plan, const QuantumTopology& topology);

/// \brief The bytes of \p schedule (little-endian, doubles as IEEE-754 bit patterns).
std::vector<uint8_t> EncodeNodeSchedule(const NodeSchedule& schedule);

/// \brief The schedule encoded in \p bytes; std::invalid_argument when they are truncated or
/// malformed.
NodeSchedule DecodeNodeSchedule(const std::vector<uint8_t>& bytes);

} // namespace planet

#endif // QUANTUM_NODE_SCHEDULE_H
