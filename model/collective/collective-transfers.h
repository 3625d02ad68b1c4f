// SPDX-License-Identifier: GPL-2.0-only

#ifndef COLLECTIVE_TRANSFERS_H
#define COLLECTIVE_TRANSFERS_H

#include "ns3/collective-flow-graph.h"
#include "ns3/fabric-workload.h"

#include <cstdint>
#include <string>
#include <vector>

/**
 * \file
 * \ingroup planet
 * The fabric runner's plain workloads (permutation, incast, all-to-all, traffic matrices with
 * htsim's triggers) as flow graphs, so that one executor and one ideal serve every workload.
 * Plain C++17, no simulator.
 */

namespace planet
{

/**
 * \brief A traffic matrix as a flow graph, and which matrix flow every graph flow is.
 */
struct TransferGraph
{
    FlowGraph graph;              //!< one collective of kind Transfers, job 0
    std::vector<uint32_t> flowId; //!< by graph flow: the matrix's flow id
};

/**
 * \brief Turn a traffic matrix into a flow graph with htsim's trigger semantics.
 *
 * A flow with a start time and no trigger has no dependencies and that start time as its start
 * delay. A flow waiting for trigger T depends on T's activators: the flows naming T as their
 * send_done_trigger (event Acked: the sender has the last acknowledgement) or recv_done_trigger
 * (event Delivered: the receiver has the last byte). How T fires decides how many of them it
 * needs: a oneshot trigger has exactly one activator (htsim aborts on a second activation); a
 * barrier of count K starts its flows at the K-th activation; a multishot trigger starts its
 * k-th waiting flow (file order, from 1) at the k-th activation. Graph flows are the matrix's in
 * file order as far as the dependencies allow (a triggered flow after its activators); the step
 * of a flow is the length of the longest trigger chain before it. Host h is rank h.
 * \param matrix the matrix (as parsed: triggers declared, ids unique)
 * \param name the collective's algorithm name (the workload's name)
 * \return the graph (validated)
 * \throws std::invalid_argument naming the trigger or flow when a trigger cannot fire as the file
 *         asks (no activator, a oneshot with more than one, more flows waiting on a multishot or
 *         a larger barrier count than it has activators), when triggers form a cycle, for a flow
 *         of size 0 or an empty matrix
 */
TransferGraph TransfersToFlowGraph(const TrafficMatrix& matrix, const std::string& name);

} // namespace planet

#endif /* COLLECTIVE_TRANSFERS_H */
