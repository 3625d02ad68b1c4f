// SPDX-License-Identifier: GPL-2.0-only

#include "collective-metrics.h"

#include <algorithm>
#include <limits>
#include <stdexcept>
#include <string>

namespace planet
{

double
BusBwFactor(CollectiveKind kind, uint32_t ranks)
{
    if (ranks == 0)
    {
        throw std::invalid_argument("parameter 'ranks': must be at least 1");
    }
    const double n = ranks;
    switch (kind)
    {
    case CollectiveKind::AllReduce:
        return 2.0 * (n - 1) / n;
    case CollectiveKind::ReduceScatter:
    case CollectiveKind::AllGather:
    case CollectiveKind::AllToAll:
        return (n - 1) / n;
    case CollectiveKind::Broadcast:
        return 1.0;
    }
    throw std::invalid_argument("unknown CollectiveKind");
}

double
AlgBwBps(uint64_t bytes, double seconds)
{
    if (!(seconds > 0))
    {
        throw std::invalid_argument("algbw: the completion time must be positive");
    }
    return bytes / seconds;
}

double
BusBwBps(CollectiveKind kind, uint32_t ranks, uint64_t bytes, double seconds)
{
    return AlgBwBps(bytes, seconds) * BusBwFactor(kind, ranks);
}

namespace
{

/**
 * The chain and link bounds of a set of flows (ids ascending; a split flow's parts all in it):
 * dependencies on flows outside the set are ignored; a flow without a dependency in the set
 * starts at its start delay if countRootDelay, else at 0. Fills chainS, linkS, transferS,
 * idealS.
 */
IdealCct
BoundFlows(const FlowGraph& graph,
           const std::vector<uint32_t>& ids,
           bool countRootDelay,
           const LeafSpineShape& shape,
           const WireFormat& wire)
{
    // Earliest finish of every flow, in id (= topological) order. The parts of a split flow
    // (contiguous ids, same dependencies) run together: they finish at the bound of all of them.
    std::vector<double> finishS(ids.size(), 0.0);
    std::vector<FabricFlow> all;
    all.reserve(ids.size());
    IdealCct ideal;
    for (uint32_t k = 0; k < ids.size();)
    {
        const CollectiveFlow& f = graph.flows[ids[k]];
        std::vector<FabricFlow> parts;
        uint32_t next = k;
        while (next < ids.size() && graph.flows[ids[next]].logical == f.logical)
        {
            const CollectiveFlow& part = graph.flows[ids[next++]];
            parts.push_back(FabricFlow{part.srcHost, part.dstHost, part.bytes});
            all.push_back(parts.back());
        }
        bool rooted = true;
        double startS = 0;
        for (uint32_t d : f.deps)
        {
            const auto in = std::lower_bound(ids.begin(), ids.end(), d);
            if (in != ids.end() && *in == d)
            {
                rooted = false;
                startS = std::max(startS, finishS[in - ids.begin()]);
            }
        }
        startS += rooted && !countRootDelay ? 0.0 : f.startDelayS;
        const double finish = startS + ComputeIdealBound(shape, wire, parts).idealS;
        std::fill(finishS.begin() + k, finishS.begin() + next, finish);
        ideal.chainS = std::max(ideal.chainS, finish);
        k = next;
    }
    const IdealBound links = ComputeIdealBound(shape, wire, all);
    ideal.linkS = links.idealS;
    ideal.transferS = links.transferS;
    ideal.idealS = std::max(ideal.chainS, ideal.linkS);
    return ideal;
}

} // namespace

IdealCct
ComputeIdealCct(const FlowGraph& graph,
                uint32_t collective,
                const LeafSpineShape& shape,
                const WireFormat& wire)
{
    const CollectiveInstance& coll = graph.collectives.at(collective);
    std::vector<uint32_t> ids(coll.flowCount);
    std::vector<std::vector<FabricFlow>> steps(coll.steps);
    for (uint32_t k = 0; k < coll.flowCount; ++k)
    {
        ids[k] = coll.firstFlow + k;
        const CollectiveFlow& f = graph.flows.at(ids[k]);
        steps.at(f.step).push_back(FabricFlow{f.srcHost, f.dstHost, f.bytes});
    }
    IdealCct ideal = BoundFlows(graph, ids, false, shape, wire);
    for (const auto& flows : steps)
    {
        ideal.stepS.push_back(ComputeIdealBound(shape, wire, flows).idealS);
    }
    return ideal;
}

IdealCct
ComputeIdealJob(const FlowGraph& graph,
                uint32_t job,
                const LeafSpineShape& shape,
                const WireFormat& wire)
{
    std::vector<uint32_t> ids;
    for (const CollectiveFlow& f : graph.flows)
    {
        if (f.job == job)
        {
            ids.push_back(f.id);
        }
    }
    if (ids.empty())
    {
        throw std::invalid_argument("parameter 'job': job " + std::to_string(job) +
                                    " has no flows");
    }
    return BoundFlows(graph, ids, true, shape, wire);
}

double
AnalyticRingAllReduceS(uint32_t ranks, uint64_t bytes, double rateBps)
{
    if (!(rateBps > 0))
    {
        throw std::invalid_argument("parameter 'rate': must be positive");
    }
    return BusBwFactor(CollectiveKind::AllReduce, ranks) * bytes * 8.0 / rateBps;
}

CollectiveTiming
SummariseCollective(const FlowGraph& graph,
                    uint32_t collective,
                    const std::vector<double>& startS,
                    const std::vector<double>& finishS)
{
    if (startS.size() != graph.flows.size() || finishS.size() != graph.flows.size())
    {
        throw std::invalid_argument("flow times: need one start and one finish per flow");
    }
    const CollectiveInstance& coll = graph.collectives.at(collective);
    CollectiveTiming timing;
    timing.startS = std::numeric_limits<double>::infinity();
    std::vector<double> stepEnd(coll.steps, 0.0);
    for (uint32_t i = coll.firstFlow; i < coll.firstFlow + coll.flowCount; ++i)
    {
        timing.startS = std::min(timing.startS, startS[i]);
        stepEnd.at(graph.flows[i].step) = std::max(stepEnd[graph.flows[i].step], finishS[i]);
    }
    double previous = timing.startS;
    for (double end : stepEnd)
    {
        const double boundary = std::max(previous, end);
        timing.stepS.push_back(boundary - previous);
        previous = boundary;
    }
    timing.endS = previous;
    timing.cctS = timing.endS - timing.startS;
    return timing;
}

CollectiveReport
ReportCollective(const FlowGraph& graph,
                 uint32_t collective,
                 const CollectiveTiming& timing,
                 const IdealCct& ideal)
{
    const CollectiveInstance& coll = graph.collectives.at(collective);
    CollectiveReport report;
    report.algorithm = coll.algorithm;
    report.kind = coll.kind;
    report.job = coll.job;
    report.iteration = coll.iteration;
    report.bucket = coll.bucket;
    report.ranks = coll.ranks;
    report.bytes = coll.bytes;
    report.steps = coll.steps;
    report.cctS = timing.cctS;
    report.idealS = ideal.idealS;
    report.algbwBps = AlgBwBps(coll.bytes, timing.cctS);
    report.busbwBps = BusBwBps(coll.kind, coll.ranks, coll.bytes, timing.cctS);
    report.stepS = timing.stepS;
    return report;
}

nlohmann::json
ToJson(const CollectiveReport& report)
{
    return nlohmann::json{{"algorithm", report.algorithm},
                          {"kind", ToString(report.kind)},
                          {"job", report.job},
                          {"iteration", report.iteration},
                          {"bucket", report.bucket},
                          {"ranks", report.ranks},
                          {"bytes", report.bytes},
                          {"steps", report.steps},
                          {"cct_s", report.cctS},
                          {"ideal_s", report.idealS},
                          {"cct_over_ideal", report.cctS / report.idealS},
                          {"algbw_Bps", report.algbwBps},
                          {"busbw_Bps", report.busbwBps},
                          {"step_s", report.stepS}};
}

} // namespace planet
