/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef QUANTUM_QUBIT_MAPPING_H
#define QUANTUM_QUBIT_MAPPING_H

#include "quantum-task-graph.h"
#include "quantum-topology.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

/**
 * \file
 * \ingroup planet
 * Qubit mapping across demands, chosen by name. Pure C++.
 *
 * BuildTaskGraph() places one demand's protocol on the earliest-free qubits of each node as if
 * the network were empty, so every demand gets the lowest local indices. A qubit mapping then
 * relabels the demand's qubits inside each class of interchangeable qubits (the communication
 * qubits of one node, the storage qubits of one node), given the utilisation that the demands
 * mapped before left on every qubit. Relabelling within a class changes no task time and no
 * fidelity (qubits of one class have the same operations and memory), only which physical
 * qubit carries the load.
 *
 * - "least-used" (default): the qubits of the demand, from the most utilised by the demand to
 *   the least (ties: lower index), go to the physical qubits of their class from the least
 *   utilised so far to the most (ties: lower index). This is the balancing the study
 *   (Skrzypczyk & Wehner) describes, each task's virtual qubits on the least used physical
 *   ones. (Its code, balance_taskset_resource_utilization in code/simulations/common.py,
 *   sorts the physical qubits most utilised first, which packs instead; planet follows the
 *   description.)
 * - "lowest-index": planet's former rule, the placement of BuildTaskGraph() unchanged.
 */

namespace planet
{

/**
 * \brief A rule mapping a demand's qubits onto the network's qubits (see the file comment).
 * Subclasses are chosen by name (CreateQubitMapping).
 */
class QubitMapping
{
  public:
    virtual ~QubitMapping() = default;

    /// \return the rule's name
    virtual std::string GetName() const = 0;

    /**
     * \brief The physical qubit of every qubit of a demand.
     * \param topology the network
     * \param demandLoad per global qubit, the utilisation the demand puts on it as placed
     * \param load per global qubit, the utilisation of the demands mapped before
     * \return per global qubit, the global qubit it becomes: a permutation that keeps every
     * qubit in its class
     */
    virtual std::vector<uint32_t> Assign(const QuantumTopology& topology,
                                         const std::vector<double>& demandLoad,
                                         const std::vector<double>& load) const = 0;
};

/// \brief The names CreateQubitMapping() accepts, sorted.
std::vector<std::string> QubitMappingNames();

/**
 * \brief The mapping rule called \p name.
 * \throws std::invalid_argument "parameter 'qubit mapping': ..." listing the allowed names
 */
std::unique_ptr<QubitMapping> CreateQubitMapping(const std::string& name);

/**
 * \brief \p graph with every qubit q replaced by global qubit \p assignment[q] (tasks, outputs
 * and occupancy, which stays sorted by qubit, then start).
 * \param graph the task graph
 * \param assignment a permutation of the global qubits (QubitMapping::Assign)
 * \param topology the network (node and local index of the new qubits)
 * \return the relabelled graph
 */
TaskGraph RemapQubits(const TaskGraph& graph,
                      const std::vector<uint32_t>& assignment,
                      const QuantumTopology& topology);

} // namespace planet

#endif // QUANTUM_QUBIT_MAPPING_H
