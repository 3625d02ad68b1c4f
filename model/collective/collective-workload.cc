// SPDX-License-Identifier: GPL-2.0-only

#include "collective-workload.h"

#include "ns3/input-check.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <stdexcept>

namespace planet
{

void
TrainingSpec::Validate() const
{
    if (iterations == 0)
    {
        throw std::invalid_argument("parameter 'iterations': must be at least 1");
    }
    CheckTimeS("forwardTime", forwardS);
    CheckTimeS("computeTime", backwardS);
    if (gradientBytes == 0)
    {
        throw std::invalid_argument("parameter 'bytes': the gradient size must be positive");
    }
    if (buckets == 0 || buckets > gradientBytes)
    {
        throw std::invalid_argument("parameter 'buckets': must be in [1, gradient bytes]");
    }
    if (uint64_t{iterations} * buckets > UINT32_MAX)
    {
        ThrowParameter("iterations",
                       std::to_string(iterations) + " iterations x " + std::to_string(buckets) +
                           " buckets is more than 2^32 collectives");
    }
}

namespace
{

/**
 * For every rank, the flows of graph.flows[first, end) it sends or receives that no other such
 * flow of the same rank depends on directly: once they are delivered, all of the rank's flows
 * in the range are (each of the others is a dependency of one of the rank's flows, recursively).
 */
std::vector<std::vector<uint32_t>>
RankFrontier(const FlowGraph& graph, uint32_t first, uint32_t end, uint32_t ranks)
{
    // covered[i - first][0]: flow i is a dependency of a later flow of its sender;
    // covered[i - first][1]: the same for its receiver.
    std::vector<std::array<bool, 2>> covered(end - first, {false, false});
    for (uint32_t i = first; i < end; ++i)
    {
        const CollectiveFlow& f = graph.flows[i];
        for (uint32_t d : f.deps)
        {
            if (d < first)
            {
                continue;
            }
            const CollectiveFlow& dep = graph.flows[d];
            for (uint32_t rank : {f.srcRank, f.dstRank})
            {
                covered[d - first][0] = covered[d - first][0] || dep.srcRank == rank;
                covered[d - first][1] = covered[d - first][1] || dep.dstRank == rank;
            }
        }
    }
    std::vector<std::vector<uint32_t>> frontier(ranks);
    for (uint32_t i = first; i < end; ++i)
    {
        const CollectiveFlow& f = graph.flows[i];
        if (!covered[i - first][0])
        {
            frontier[f.srcRank].push_back(i);
        }
        if (!covered[i - first][1])
        {
            frontier[f.dstRank].push_back(i);
        }
    }
    return frontier;
}

} // namespace

std::vector<uint32_t>
AppendTraining(FlowGraph& graph,
               const TrainingSpec& spec,
               const CollectiveAlgorithm& algorithm,
               const Communicator& comm,
               uint32_t job)
{
    spec.Validate();
    // Before anything is built: the buckets differ by at most one byte, so two flow counts
    // give the whole graph's.
    const uint64_t base = spec.gradientBytes / spec.buckets;
    const uint64_t larger = spec.gradientBytes % spec.buckets;
    const uint64_t perIteration =
        SaturatingAdd(SaturatingMul(larger, algorithm.FlowCount(comm.Size(), base + 1)),
                      SaturatingMul(spec.buckets - larger, algorithm.FlowCount(comm.Size(), base)));
    const uint64_t flows = SaturatingMul(perIteration, spec.iterations);
    CheckMemoryBudget("the flow graph of " + std::to_string(spec.iterations) +
                          " training iterations (" + std::to_string(flows) + " flows)",
                      SaturatingMul(SaturatingAdd(flows, graph.flows.size()), kBytesPerGraphFlow));
    const std::vector<uint64_t> bucketBytes = SplitBytes(spec.gradientBytes, spec.buckets);
    std::vector<uint32_t> added;
    // Per rank, the flows whose delivery ends the rank's part of the previous iteration.
    std::vector<std::vector<uint32_t>> previous;
    for (uint32_t i = 0; i < spec.iterations; ++i)
    {
        const uint32_t first = graph.flows.size();
        for (uint32_t j = 0; j < spec.buckets; ++j)
        {
            CollectiveStart start;
            start.job = job;
            start.round = i * spec.buckets + j;
            start.iteration = i;
            start.bucket = j;
            start.rankAfter = previous;
            start.delayS = spec.forwardS + spec.backwardS * (j + 1) / spec.buckets;
            added.push_back(AppendCollective(graph, algorithm, comm, bucketBytes[j], start));
        }
        previous = RankFrontier(graph, first, graph.flows.size(), comm.Size());
    }
    return added;
}

TrainingTiming
SummariseTraining(const FlowGraph& graph, uint32_t job, const std::vector<double>& finishS)
{
    if (finishS.size() != graph.flows.size())
    {
        throw std::invalid_argument("flow times: need one finish time per flow");
    }
    std::vector<double> end;
    for (const CollectiveInstance& coll : graph.collectives)
    {
        if (coll.job != job)
        {
            continue;
        }
        if (end.size() <= coll.iteration)
        {
            end.resize(coll.iteration + 1, 0.0);
        }
        for (uint32_t i = coll.firstFlow; i < coll.firstFlow + coll.flowCount; ++i)
        {
            end[coll.iteration] = std::max(end[coll.iteration], finishS[i]);
        }
    }
    if (end.empty())
    {
        throw std::invalid_argument("parameter 'job': job " + std::to_string(job) +
                                    " has no collectives");
    }
    TrainingTiming timing;
    double previous = 0;
    for (double e : end)
    {
        timing.iterationS.push_back(e - previous);
        previous = e;
    }
    timing.totalS = previous;
    timing.iterationsPerS = timing.totalS > 0 ? end.size() / timing.totalS : 0.0;
    return timing;
}

} // namespace planet
