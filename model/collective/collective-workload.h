// SPDX-License-Identifier: GPL-2.0-only

#ifndef COLLECTIVE_WORKLOAD_H
#define COLLECTIVE_WORKLOAD_H

#include "ns3/collective-algorithm.h"
#include "ns3/collective-flow-graph.h"

#include <cstdint>
#include <vector>

/**
 * \file
 * \ingroup planet
 * Training iterations as a flow graph: compute, then a collective of the gradients, optionally
 * in buckets that overlap the backward pass. The compute is expressed only through dependencies
 * and start delays, so an executor runs it like any other graph.
 */

namespace planet
{

/**
 * \brief Data-parallel training iterations of one job.
 *
 * Iteration i computes forwardS, then backwardS; the gradients (gradientBytes) are cut into
 * `buckets` buckets (exact sizes, SplitBytes) and bucket j's collective may start once the
 * fraction (j+1)/buckets of the backward pass is done: forwardS + (j+1)/buckets x backwardS
 * after the iteration began (buckets = 1: communication after all compute). The buckets'
 * collectives may overlap each other. Iteration 0 begins at time 0; a rank begins iteration i+1
 * once all its sends and receives of iteration i have been delivered (its optimizer step needs
 * every gradient). The compute delay gates the first flows of each collective (those without
 * dependencies inside it); see CollectiveStart.
 */
struct TrainingSpec
{
    uint32_t iterations{1};    //!< iterations to run
    uint64_t gradientBytes{0}; //!< gradient size per rank (the collective size S of one iteration)
    double forwardS{0};        //!< forward pass
    double backwardS{0};       //!< backward pass (overlaps the bucketed communication)
    uint32_t buckets{1};       //!< gradient buckets

    /// \brief Throws std::invalid_argument naming the bad field ('iterations', 'bytes',
    /// 'forwardTime', 'computeTime', 'buckets').
    void Validate() const;
};

/**
 * \brief Append a job's training iterations to a graph. Collective (iteration i, bucket j) gets
 * round i x buckets + j.
 * \return indices of the new collectives, iteration by iteration, bucket by bucket
 */
std::vector<uint32_t> AppendTraining(FlowGraph& graph,
                                     const TrainingSpec& spec,
                                     const CollectiveAlgorithm& algorithm,
                                     const Communicator& comm,
                                     uint32_t job);

/// \brief Measured iteration times of one job.
struct TrainingTiming
{
    std::vector<double> iterationS; //!< end of iteration i - end of iteration i-1 (or 0)
    double totalS{0};               //!< end of the last iteration
    double iterationsPerS{0};       //!< iterations / totalS
};

/**
 * \brief Iteration times of a job from its flows' finish times (by flow id). An iteration ends
 * when its last collective has completed.
 * \throws std::invalid_argument when the job has no collectives or finishS does not cover the
 *         graph
 */
TrainingTiming SummariseTraining(const FlowGraph& graph,
                                 uint32_t job,
                                 const std::vector<double>& finishS);

} // namespace planet

#endif /* COLLECTIVE_WORKLOAD_H */
