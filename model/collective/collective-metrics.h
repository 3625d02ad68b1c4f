// SPDX-License-Identifier: GPL-2.0-only

#ifndef COLLECTIVE_METRICS_H
#define COLLECTIVE_METRICS_H

#include "ns3/collective-flow-graph.h"
#include "ns3/fabric-leaf-spine.h"

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

/**
 * \file
 * \ingroup planet
 * Completion metrics of collectives: bandwidths as nccl-tests reports them, the ideal
 * completion time on a leaf-spine, and the times an executor measured, step by step.
 */

namespace planet
{

/**
 * \brief nccl-tests' bus bandwidth factor: AllReduce 2(n-1)/n; ReduceScatter, AllGather and
 * AllToAll (n-1)/n; Broadcast and plain transfers 1.
 */
double BusBwFactor(CollectiveKind kind, uint32_t ranks);

/// \brief Algorithm bandwidth S / t in bytes per second. \throws std::invalid_argument if t <= 0
double AlgBwBps(uint64_t bytes, double seconds);

/// \brief Bus bandwidth: AlgBwBps x BusBwFactor, in bytes per second.
double BusBwBps(CollectiveKind kind, uint32_t ranks, uint64_t bytes, double seconds);

/**
 * \brief The ideal completion time of one collective: the larger of two lower bounds that
 * hold for any routing, even perfect fractional splitting (packet spraying at its best).
 *
 * - The chain: along every dependency chain of the collective, each flow takes at least what it
 *   would alone on an idle fabric (ComputeIdealBound of that one flow: its wire bytes at the
 *   slowest rate of its path, plus the path's latency; of all its parts at once for a split
 *   flow); the longest chain counts. A flow waits for the event its dependency names: delivery,
 *   or delivery plus the least time the last acknowledgement needs back to the sender (an empty
 *   packet stored and forwarded at each hop's rate, plus the hop delays); a flow that needs k of
 *   its dependencies waits for the k-th of them.
 * - The links: the whole collective's load on its busiest link under perfect splitting, plus the
 *   shortest ways in and out (ComputeIdealBound of all its flows at once), plus the shortest
 *   acknowledgement when flows are done at their acknowledgement.
 *
 * For the ring AllReduce on a non-blocking fabric the chain is 2(n-1) x (wire bytes of S/n /
 * host rate + path latency), the latency being that of the paths the chain actually takes. The
 * bound does not assume that steps are synchronised, so pipelined algorithms, whose stages
 * overlap, cannot beat it either. Computed on the graph that runs (after splitting), it also
 * counts the framing and the store-and-forward packets of the subflows. stepS keeps the bound of
 * every step taken alone (the step-by-step view of nccl-style analyses), for comparison with the
 * measured step times.
 */
struct IdealCct
{
    std::vector<double> stepS;  //!< ComputeIdealBound of every step's flows alone
    double chainS{0};           //!< the dependency-chain bound
    double linkS{0};            //!< the busiest-link bound
    double transferS{0};        //!< the busiest link's load / rate (linkS without latency)
    uint32_t bottleneckLink{0}; //!< the busiest link (LeafSpineShape index)
    double maxLinkBytes{0};     //!< wire bytes on the busiest link
    double idealS{0};           //!< max(chainS, linkS)
};

/**
 * \brief Ideal completion time of graph.collectives[collective] on a leaf-spine.
 * \param graph the graph
 * \param collective its index
 * \param shape the fabric
 * \param wire the framing
 * \param done when a flow counts as done (Delivered, the default, is a bound under either
 *        definition; Acked is the tighter one when the executor waits for acknowledgements) and
 *        what dependencies without an event of their own wait for
 * \throws std::out_of_range for a bad index; std::invalid_argument for a bad shape or host
 */
IdealCct ComputeIdealCct(const FlowGraph& graph,
                         uint32_t collective,
                         const LeafSpineShape& shape,
                         const WireFormat& wire,
                         FlowEvent done = FlowEvent::Delivered);

/**
 * \brief Ideal time of every flow of a job, from time 0 (training iterations with their compute,
 * which the flows carry as start delays; the start times of a traffic matrix): the same two
 * bounds as ComputeIdealCct, over all the job's flows, counting the start delays of flows
 * without dependencies. stepS is empty. Ranks may move into the next iteration at different
 * times, so this, not a sum over iterations, is what a job's completion cannot beat.
 * \throws std::invalid_argument naming 'job' when the job has no flows
 */
IdealCct ComputeIdealJob(const FlowGraph& graph,
                         uint32_t job,
                         const LeafSpineShape& shape,
                         const WireFormat& wire,
                         FlowEvent done = FlowEvent::Delivered);

/**
 * \brief The analytic ring AllReduce bound 2(n-1)/n x S / B: the time every rank needs to push
 * its 2(n-1)/n x S bytes through a link of B bit/s (payload only, no latency).
 */
double AnalyticRingAllReduceS(uint32_t ranks, uint64_t bytes, double rateBps);

/**
 * \brief Measured times of one collective, from its flows' start and finish times.
 *
 * The collective starts when its first flow starts and ends when its last flow is delivered.
 * Step k ends when every flow of steps <= k has been delivered; stepS[k] is the time from the
 * end of step k-1 (the collective's start for k = 0) to the end of step k, so the steps add up
 * to the completion time.
 */
struct CollectiveTiming
{
    double startS{0};          //!< first flow start
    double endS{0};            //!< last flow delivered
    double cctS{0};            //!< endS - startS
    std::vector<double> stepS; //!< time of every step
};

/**
 * \brief Times of graph.collectives[collective] from per-flow start and finish times (by flow
 * id, as an executor or ReplayWithoutContention records them).
 * \throws std::invalid_argument when the vectors do not cover the graph's flows
 */
CollectiveTiming SummariseCollective(const FlowGraph& graph,
                                     uint32_t collective,
                                     const std::vector<double>& startS,
                                     const std::vector<double>& finishS);

/**
 * \brief Everything the result record says about one collective.
 */
struct CollectiveReport
{
    std::string algorithm;                          //!< registry name
    CollectiveKind kind{CollectiveKind::AllReduce}; //!< what it computes
    uint32_t job{0};                                //!< job
    uint32_t iteration{0};                          //!< training iteration
    uint32_t bucket{0};                             //!< gradient bucket
    uint32_t ranks{0};                              //!< n
    uint64_t bytes{0};                              //!< S
    uint32_t steps{0};                              //!< steps
    double cctS{0};                                 //!< measured completion time
    double idealS{0};                               //!< ideal completion time
    double algbwBps{0};                             //!< S / cct, bytes per second
    double busbwBps{0};                             //!< algbw x bus factor, bytes per second
    std::vector<double> stepS;                      //!< measured step times
};

/**
 * \brief Put a collective's measured timing and its ideal together.
 * \throws std::invalid_argument when the timing has a zero completion time
 */
CollectiveReport ReportCollective(const FlowGraph& graph,
                                  uint32_t collective,
                                  const CollectiveTiming& timing,
                                  const IdealCct& ideal);

/**
 * \brief The result-record entry of a collective: algorithm, kind, job, iteration, bucket,
 * ranks, bytes, steps, cct_s, ideal_s, cct_over_ideal, algbw_Bps, busbw_Bps, step_s.
 */
nlohmann::json ToJson(const CollectiveReport& report);

} // namespace planet

#endif /* COLLECTIVE_METRICS_H */
