// SPDX-License-Identifier: GPL-2.0-only

#include "collective-flow-graph.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace planet
{

std::string
ToString(CollectiveKind kind)
{
    switch (kind)
    {
    case CollectiveKind::AllReduce:
        return "allreduce";
    case CollectiveKind::ReduceScatter:
        return "reducescatter";
    case CollectiveKind::AllGather:
        return "allgather";
    case CollectiveKind::AllToAll:
        return "alltoall";
    case CollectiveKind::Broadcast:
        return "broadcast";
    case CollectiveKind::Transfers:
        return "transfers";
    }
    throw std::invalid_argument("unknown CollectiveKind");
}

std::string
ToString(FlowEvent event)
{
    switch (event)
    {
    case FlowEvent::Default:
        return "default";
    case FlowEvent::Delivered:
        return "delivered";
    case FlowEvent::Acked:
        return "acked";
    }
    throw std::invalid_argument("unknown FlowEvent");
}

FlowEvent
ParseFlowEvent(const std::string& name, const std::string& parameter, bool allowDefault)
{
    if (name == "delivered")
    {
        return FlowEvent::Delivered;
    }
    if (name == "acked")
    {
        return FlowEvent::Acked;
    }
    if (allowDefault && name == "default")
    {
        return FlowEvent::Default;
    }
    throw std::invalid_argument("parameter '" + parameter + "': unknown value '" + name +
                                "'; allowed: " + (allowDefault ? "default, " : "") +
                                "delivered, acked");
}

namespace
{

[[noreturn]] void
Broken(uint32_t flow, const std::string& what)
{
    throw std::invalid_argument("flow graph: flow " + std::to_string(flow) + " " + what);
}

} // namespace

void
FlowGraph::Validate() const
{
    uint32_t next = 0;
    for (uint32_t c = 0; c < collectives.size(); ++c)
    {
        const CollectiveInstance& coll = collectives[c];
        if (coll.firstFlow != next || coll.flowCount == 0)
        {
            throw std::invalid_argument("flow graph: collective " + std::to_string(c) +
                                        " does not start at flow " + std::to_string(next) +
                                        " or has no flows");
        }
        next += coll.flowCount;
    }
    if (next != flows.size())
    {
        throw std::invalid_argument("flow graph: collectives cover " + std::to_string(next) +
                                    " of " + std::to_string(flows.size()) + " flows");
    }
    for (uint32_t i = 0; i < flows.size(); ++i)
    {
        const CollectiveFlow& f = flows[i];
        if (f.id != i)
        {
            Broken(i, "has id " + std::to_string(f.id));
        }
        if (f.collective >= collectives.size() || i < collectives[f.collective].firstFlow ||
            i >= collectives[f.collective].firstFlow + collectives[f.collective].flowCount)
        {
            Broken(i, "lies outside its collective " + std::to_string(f.collective));
        }
        if (f.bytes == 0)
        {
            Broken(i, "has no bytes");
        }
        if (f.srcHost == f.dstHost || f.srcRank == f.dstRank)
        {
            Broken(i, "sends to itself");
        }
        if (!std::isfinite(f.startDelayS) || f.startDelayS < 0)
        {
            Broken(i, "has a negative or infinite start delay");
        }
        if (f.subflows == 0 || f.subflow >= f.subflows)
        {
            Broken(i, "has an inconsistent subflow numbering");
        }
        if (!f.depEvents.empty() && f.depEvents.size() != f.deps.size())
        {
            Broken(i,
                   "has " + std::to_string(f.depEvents.size()) + " dependency events for " +
                       std::to_string(f.deps.size()) + " dependencies");
        }
        if (f.depsNeeded > f.deps.size())
        {
            Broken(i,
                   "needs " + std::to_string(f.depsNeeded) + " of its " +
                       std::to_string(f.deps.size()) + " dependencies");
        }
        for (uint32_t d : f.deps)
        {
            if (d >= i)
            {
                Broken(i, "depends on flow " + std::to_string(d) + ", not an earlier one");
            }
            if (flows[d].collective == f.collective && flows[d].step >= f.step)
            {
                Broken(i,
                       "(step " + std::to_string(f.step) + ") depends on flow " +
                           std::to_string(d) + " of step " + std::to_string(flows[d].step));
            }
        }
    }
}

std::vector<std::vector<uint32_t>>
FlowGraph::Dependents() const
{
    std::vector<std::vector<uint32_t>> dependents(flows.size());
    for (const CollectiveFlow& f : flows)
    {
        for (uint32_t d : f.deps)
        {
            dependents.at(d).push_back(f.id);
        }
    }
    return dependents;
}

std::vector<uint32_t>
FlowGraph::Sinks(uint32_t collective) const
{
    const CollectiveInstance& coll = collectives.at(collective);
    std::vector<bool> needed(coll.flowCount, false);
    for (uint32_t i = coll.firstFlow; i < coll.firstFlow + coll.flowCount; ++i)
    {
        for (uint32_t d : flows[i].deps)
        {
            if (d >= coll.firstFlow)
            {
                needed[d - coll.firstFlow] = true;
            }
        }
    }
    std::vector<uint32_t> sinks;
    for (uint32_t k = 0; k < coll.flowCount; ++k)
    {
        if (!needed[k])
        {
            sinks.push_back(coll.firstFlow + k);
        }
    }
    return sinks;
}

uint32_t
AppendSchedule(FlowGraph& graph,
               const std::string& algorithm,
               CollectiveKind kind,
               const RankSchedule& schedule,
               const std::vector<uint32_t>& hosts,
               uint64_t bytes,
               const CollectiveStart& start)
{
    const uint32_t first = graph.flows.size();
    if (!start.rankAfter.empty() && start.rankAfter.size() != hosts.size())
    {
        throw std::invalid_argument("collective start: rankAfter needs one list per rank");
    }
    auto check = [first](const std::vector<uint32_t>& flows) {
        for (uint32_t d : flows)
        {
            if (d >= first)
            {
                throw std::invalid_argument("collective start: flow " + std::to_string(d) +
                                            " is not in the graph");
            }
        }
    };
    check(start.after);
    for (const auto& flows : start.rankAfter)
    {
        check(flows);
    }
    CollectiveInstance coll;
    coll.job = start.job;
    coll.round = start.round;
    coll.iteration = start.iteration;
    coll.bucket = start.bucket;
    coll.algorithm = algorithm;
    coll.kind = kind;
    coll.ranks = hosts.size();
    coll.bytes = bytes;
    coll.firstFlow = first;
    coll.flowCount = schedule.size();
    const uint32_t index = graph.collectives.size();
    for (uint32_t k = 0; k < schedule.size(); ++k)
    {
        const RankFlow& rf = schedule[k];
        if (rf.src >= hosts.size() || rf.dst >= hosts.size())
        {
            throw std::invalid_argument("parameter 'ranks': the schedule of " + algorithm +
                                        " uses rank " + std::to_string(std::max(rf.src, rf.dst)) +
                                        " of a " + std::to_string(hosts.size()) +
                                        "-rank communicator");
        }
        CollectiveFlow f;
        f.id = first + k;
        f.job = start.job;
        f.collective = index;
        f.srcRank = rf.src;
        f.dstRank = rf.dst;
        f.srcHost = hosts[rf.src];
        f.dstHost = hosts[rf.dst];
        f.bytes = rf.bytes;
        f.step = rf.step;
        f.logical = f.id;
        if (rf.deps.empty())
        {
            f.deps = start.after;
            if (!start.rankAfter.empty())
            {
                const auto& more = start.rankAfter[rf.src];
                f.deps.insert(f.deps.end(), more.begin(), more.end());
            }
            f.startDelayS = start.delayS;
        }
        for (uint32_t d : rf.deps)
        {
            f.deps.push_back(first + d);
        }
        coll.steps = std::max(coll.steps, rf.step + 1);
        graph.flows.push_back(std::move(f));
    }
    graph.collectives.push_back(coll);
    return index;
}

FlowEvent
DependencyEvent(const CollectiveFlow& f, std::size_t k, FlowEvent done)
{
    const FlowEvent event = f.depEvents.empty() ? FlowEvent::Default : f.depEvents.at(k);
    return event == FlowEvent::Default ? done : event;
}

double
ReadyTime(const CollectiveFlow& f, const std::function<double(std::size_t k)>& doneS)
{
    if (f.deps.empty())
    {
        return f.startDelayS;
    }
    std::vector<double> times(f.deps.size());
    for (std::size_t k = 0; k < times.size(); ++k)
    {
        times[k] = doneS(k);
    }
    const std::size_t needed = f.depsNeeded == 0 ? times.size() : f.depsNeeded;
    std::nth_element(times.begin(), times.begin() + (needed - 1), times.end());
    return times[needed - 1] + f.startDelayS;
}

Replay
ReplayWithoutContention(const FlowGraph& graph,
                        const std::function<double(const CollectiveFlow&)>& durationS)
{
    Replay replay;
    replay.startS.resize(graph.flows.size());
    replay.finishS.resize(graph.flows.size());
    for (const CollectiveFlow& f : graph.flows)
    {
        replay.startS[f.id] =
            ReadyTime(f, [&](std::size_t k) { return replay.finishS.at(f.deps[k]); });
        replay.finishS[f.id] = replay.startS[f.id] + durationS(f);
        replay.makespanS = std::max(replay.makespanS, replay.finishS[f.id]);
    }
    return replay;
}

std::vector<FabricFlow>
ToFabricFlows(const FlowGraph& graph)
{
    std::vector<FabricFlow> out;
    out.reserve(graph.flows.size());
    for (const auto& f : graph.flows)
    {
        out.push_back({f.srcHost, f.dstHost, f.bytes});
    }
    return out;
}

} // namespace planet
