/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef QUANTUM_TASK_GRAPH_H
#define QUANTUM_TASK_GRAPH_H

#include "quantum-device.h"
#include "quantum-fidelity.h"
#include "quantum-protocol.h"
#include "quantum-topology.h"

#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace planet
{

/// \brief A concrete qubit: node, local index (communication qubits first) and global index
/// (QuantumTopology::QubitIndex).
struct QubitRef
{
    uint32_t node = 0;   //!< topology node index
    unsigned local = 0;  //!< local qubit index at that node
    uint32_t global = 0; //!< network-wide qubit index

    /// \brief Same qubit.
    bool operator==(const QubitRef& o) const
    {
        return global == o.global;
    }
};

/// \brief What a task does.
enum class TaskKind
{
    LinkGeneration, //!< heralded generation on one link, then the move into storage
    Swap,           //!< Bell-state measurement at a repeater
    Distill,        //!< BBPSSW step (bilateral gates, readout, outcome exchange)
};

/// \brief Short name of \p kind: "link", "swap" or "distill".
std::string ToString(TaskKind kind);

/**
 * \brief One task of a planned protocol execution.
 *
 * A task is busy on `qubits` from start_s to end_s. It leaves its output pair on
 * `outputQubits` (two qubits), which stay occupied until the successor task ends (the root's
 * output is handed over at the root's end). Times are relative to the start of the plan.
 */
struct PlannedTask
{
    uint32_t id = 0;                          //!< index in TaskGraph::tasks (topological order)
    TaskKind kind = TaskKind::LinkGeneration; //!< operation
    uint32_t protocolNode = 0;                //!< the Protocol::nodes entry it executes
    std::vector<uint32_t> nodes;              //!< topology nodes whose qubits it uses
    std::vector<QubitRef> qubits;             //!< qubits busy while the task runs
    std::vector<QubitRef> outputQubits;       //!< qubits holding the output pair afterwards
    std::vector<uint32_t> predecessors;       //!< tasks that must end before this one starts
    int32_t successor = -1;                   //!< the task consuming the output (-1: root)
    double duration_s = 0;                    //!< execution time
    double start_s = 0;                       //!< start in the shifted (final) plan
    double end_s = 0;                         //!< start_s + duration_s
    double asapStart_s = 0;                   //!< start in the ASAP placement
    double fidelity = 0;                      //!< output fidelity at end_s (final plan)
    double successProbability = 1;            //!< of this task alone (distill), else 1
    double wait_s = 0;                        //!< storage of the output until the successor starts
    /// Expected coherence factor that the attempts of the plan's other link generations leave
    /// on each output half (in outputQubits order) while it waits (1: none; see BuildTaskGraph).
    std::array<double, 2> attemptCoherence{{1.0, 1.0}};
};

/**
 * \brief A time interval during which one qubit is occupied: from the start of the task that
 * first uses it to the end of the task that frees it (execution and storage together).
 */
struct QubitInterval
{
    QubitRef qubit;         //!< the qubit
    double start_s = 0;     //!< occupied from
    double end_s = 0;       //!< occupied until
    uint32_t firstTask = 0; //!< task that takes the qubit
    uint32_t lastTask = 0;  //!< task that frees it
};

/**
 * \brief A protocol placed on concrete qubits: the plan of one end-to-end pair.
 *
 * Value type, built by BuildTaskGraph(). Placement: tasks in protocol post-order (of a swap's two
 * sides, the one with the larger total task duration first; a distillation's kept side first), each
 * on the earliest-free communication/storage qubits of its nodes, as soon as its predecessors and
 * qubits allow (ASAP). Then shifted late without changing qubit assignment, order on each qubit
 * or makespan, to shorten storage. Two shifts are tried and the one delivering the higher
 * fidelity is kept, or ASAP if neither beats it: (a) every link generation as late as its
 * consumer and the next user of its communication qubits allow, all else fixed (each moved pair
 * waits less, but its attempts may now overlap another pair's storage at the node); (b) every
 * task as late as possible, then swaps and distillations pulled back to right after their
 * inputs (pairs created late, consumed early). The delivered fidelity is evaluated on
 * the shifted times with the decoherence model (storage between producer end and consumer start;
 * decoherence during an operation is part of the operation's noise) and the dephasing that the
 * attempts of the plan's other link generations at a node cause in the carbons stored there
 * meanwhile (OperationModel::ExpectedAttemptCoherence; attempts of other plans sharing the node
 * are not known here).
 *
 * Invariants (checked by the unit tests): intervals on one qubit never overlap; every task
 * starts after its predecessors end; the first task starts at 0 and the root ends at makespan_s
 * in both placements; fidelity >= asapFidelity.
 *
 * A scheduler that places the whole plan rigidly at offset t occupies each qubit of `occupancy`
 * during [t + start_s, t + end_s).
 */
struct TaskGraph
{
    std::vector<PlannedTask> tasks;       //!< in topological order; the root is the last
    std::vector<QubitInterval> occupancy; //!< by global qubit, then start time
    double makespan_s = 0;                //!< end of the root task
    double fidelity = 0;                  //!< delivered by the shifted plan
    double asapFidelity = 0;              //!< delivered by the ASAP placement
    double successProbability = 1;        //!< product of the distillation success probabilities
    double storage_s = 0;                 //!< total storage time (pair-seconds) of the shifted plan
    double asapStorage_s = 0;             //!< total storage time of the ASAP placement

    /// \brief Pairs per second if the plan is repeated back to back: success / makespan.
    double Rate() const;
    /// \brief Global indices of the qubits the plan uses, ascending.
    std::vector<uint32_t> QubitsUsed() const;
};

/**
 * \brief Places \p protocol (over topology nodes protocol.path) on the qubits of \p topology.
 *
 * Durations: link generation its window, LinkGenerationWindow(capability, \p windowQuantile)
 * (quantile 0: 1/rate), plus one move into storage (when the node has storage qubits;
 * otherwise the pair stays on the communication qubit); swap and distillation from \p ops,
 * distillation plus the one-way classical delay between its two nodes (fiber, 2e8 m/s).
 * std::invalid_argument when the protocol needs more qubits at a node than it has, or when the
 * protocol does not match the path.
 */
TaskGraph BuildTaskGraph(const Protocol& protocol,
                         const QuantumTopology& topology,
                         const OperationModel& ops,
                         const DecoherenceModel& decoherence,
                         double windowQuantile = 0);

} // namespace planet

#endif // QUANTUM_TASK_GRAPH_H
