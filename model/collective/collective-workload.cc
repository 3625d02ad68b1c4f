// SPDX-License-Identifier: GPL-2.0-only

#include "collective-workload.h"

#include <algorithm>
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
    if (gradientBytes == 0)
    {
        throw std::invalid_argument("parameter 'bytes': the gradient size must be positive");
    }
    if (!std::isfinite(forwardS) || forwardS < 0)
    {
        throw std::invalid_argument("parameter 'forwardTime': must be finite and >= 0");
    }
    if (!std::isfinite(backwardS) || backwardS < 0)
    {
        throw std::invalid_argument("parameter 'computeTime': must be finite and >= 0");
    }
    if (buckets == 0 || buckets > gradientBytes)
    {
        throw std::invalid_argument("parameter 'buckets': must be in [1, gradient bytes]");
    }
}

std::vector<uint32_t>
AppendTraining(FlowGraph& graph,
               const TrainingSpec& spec,
               const CollectiveAlgorithm& algorithm,
               const Communicator& comm,
               uint32_t job)
{
    spec.Validate();
    const std::vector<uint64_t> bucketBytes = SplitBytes(spec.gradientBytes, spec.buckets);
    std::vector<uint32_t> added;
    std::vector<uint32_t> previous; // sinks of the previous iteration's collectives
    for (uint32_t i = 0; i < spec.iterations; ++i)
    {
        std::vector<uint32_t> sinks;
        for (uint32_t j = 0; j < spec.buckets; ++j)
        {
            CollectiveStart start;
            start.job = job;
            start.round = i * spec.buckets + j;
            start.iteration = i;
            start.bucket = j;
            start.after = previous;
            start.delayS = spec.forwardS + spec.backwardS * (j + 1) / spec.buckets;
            const uint32_t c = AppendCollective(graph, algorithm, comm, bucketBytes[j], start);
            added.push_back(c);
            const std::vector<uint32_t> s = graph.Sinks(c);
            sinks.insert(sinks.end(), s.begin(), s.end());
        }
        previous = std::move(sinks);
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
