// SPDX-License-Identifier: GPL-2.0-only

#include "collective-metrics.h"

#include <algorithm>
#include <limits>
#include <stdexcept>

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

IdealCct
ComputeIdealCct(const FlowGraph& graph,
                uint32_t collective,
                const LeafSpineShape& shape,
                const WireFormat& wire)
{
    const CollectiveInstance& coll = graph.collectives.at(collective);
    const uint32_t first = coll.firstFlow;
    const uint32_t end = coll.firstFlow + coll.flowCount;
    std::vector<std::vector<FabricFlow>> steps(coll.steps);
    std::vector<FabricFlow> all;
    all.reserve(coll.flowCount);
    // Earliest finish of every flow of the collective, in id (= topological) order; a flow
    // without a dependency inside the collective starts with it. The parts of a split flow
    // (contiguous ids, same dependencies) run together: they finish at the bound of all of them.
    std::vector<double> finishS(coll.flowCount, 0.0);
    IdealCct ideal;
    for (uint32_t i = first; i < end;)
    {
        const CollectiveFlow& f = graph.flows.at(i);
        std::vector<FabricFlow> parts;
        uint32_t next = i;
        while (next < end && graph.flows[next].logical == f.logical)
        {
            const CollectiveFlow& part = graph.flows[next++];
            const FabricFlow flow{part.srcHost, part.dstHost, part.bytes};
            steps.at(part.step).push_back(flow);
            all.push_back(flow);
            parts.push_back(flow);
        }
        double startS = 0;
        for (uint32_t d : f.deps)
        {
            if (d >= first && d < end)
            {
                startS = std::max(startS, finishS[d - first] + f.startDelayS);
            }
        }
        const double finish = startS + ComputeIdealBound(shape, wire, parts).idealS;
        std::fill(finishS.begin() + (i - first), finishS.begin() + (next - first), finish);
        ideal.chainS = std::max(ideal.chainS, finish);
        i = next;
    }
    for (const auto& flows : steps)
    {
        ideal.stepS.push_back(ComputeIdealBound(shape, wire, flows).idealS);
    }
    const IdealBound links = ComputeIdealBound(shape, wire, all);
    ideal.linkS = links.idealS;
    ideal.transferS = links.transferS;
    ideal.idealS = std::max(ideal.chainS, ideal.linkS);
    return ideal;
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
