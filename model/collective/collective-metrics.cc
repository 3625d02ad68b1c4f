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
    case CollectiveKind::Transfers:
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

/// Least time the acknowledgement of a flow's last packet needs back to its sender: an empty
/// packet (framing only), stored and forwarded at each hop's rate, plus each hop's delay.
double
AckReturnS(const LeafSpineShape& shape, const WireFormat& wire, uint32_t src, uint32_t dst)
{
    const double bits = wire.WireBytes(0) * 8.0;
    const double hostHop = bits / shape.hostRateBps + shape.linkDelayS;
    const double fabricHop = bits / shape.fabricRateBps + shape.linkDelayS;
    return 2 * hostHop + (shape.LeafOf(src) == shape.LeafOf(dst) ? 0.0 : 2 * fabricHop);
}

/**
 * The chain and link bounds of a set of flows (ids ascending; a split flow's parts all in it):
 * dependencies on flows outside the set count as done at time 0; a flow without a dependency in
 * the set starts at its start delay if countRootDelay, else at 0. A flow is done when `done`
 * happens to it; its dependants wait for the event their dependency names. Fills chainS, linkS,
 * transferS, bottleneckLink, maxLinkBytes, idealS.
 */
IdealCct
BoundFlows(const FlowGraph& graph,
           const std::vector<uint32_t>& ids,
           bool countRootDelay,
           const LeafSpineShape& shape,
           const WireFormat& wire,
           FlowEvent done)
{
    // Earliest delivery and acknowledgement of every flow, in id (= topological) order. The
    // parts of a split flow (contiguous ids, same dependencies) run together: they finish at the
    // bound of all of them.
    std::vector<double> deliveredS(ids.size(), 0.0);
    std::vector<double> ackedS(ids.size(), 0.0);
    std::vector<FabricFlow> all;
    all.reserve(ids.size());
    IdealCct ideal;
    double ackReturn = std::numeric_limits<double>::infinity();
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
        const double ready = ReadyTime(f, [&](std::size_t j) {
            const auto in = std::lower_bound(ids.begin(), ids.end(), f.deps[j]);
            if (in == ids.end() || *in != f.deps[j])
            {
                return 0.0;
            }
            rooted = false;
            const std::size_t at = in - ids.begin();
            return DependencyEvent(f, j, done) == FlowEvent::Acked ? ackedS[at] : deliveredS[at];
        });
        const double startS = rooted && !countRootDelay ? 0.0 : ready;
        const double delivered = startS + ComputeIdealBound(shape, wire, parts).idealS;
        const double ack = AckReturnS(shape, wire, f.srcHost, f.dstHost);
        ackReturn = std::min(ackReturn, ack);
        std::fill(deliveredS.begin() + k, deliveredS.begin() + next, delivered);
        std::fill(ackedS.begin() + k, ackedS.begin() + next, delivered + ack);
        ideal.chainS =
            std::max(ideal.chainS, done == FlowEvent::Acked ? delivered + ack : delivered);
        k = next;
    }
    // The busiest link: its last byte is delivered, and then acknowledged, at the earliest after
    // the bound; the acknowledgement of whichever flow carried it takes at least the shortest.
    const IdealBound links = ComputeIdealBound(shape, wire, all);
    ideal.linkS = links.idealS + (done == FlowEvent::Acked && !all.empty() ? ackReturn : 0.0);
    ideal.transferS = links.transferS;
    ideal.bottleneckLink = links.bottleneckLink;
    ideal.maxLinkBytes = links.maxLinkBytes;
    ideal.idealS = std::max(ideal.chainS, ideal.linkS);
    return ideal;
}

} // namespace

IdealCct
ComputeIdealCct(const FlowGraph& graph,
                uint32_t collective,
                const LeafSpineShape& shape,
                const WireFormat& wire,
                FlowEvent done)
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
    IdealCct ideal = BoundFlows(graph, ids, false, shape, wire, done);
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
                const WireFormat& wire,
                FlowEvent done)
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
    return BoundFlows(graph, ids, true, shape, wire, done);
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
