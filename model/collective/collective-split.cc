// SPDX-License-Identifier: GPL-2.0-only

#include "collective-split.h"

#include <algorithm>
#include <map>
#include <utility>

namespace planet
{

SplitGraph
SplitAndPlan(const FlowGraph& graph,
             const LeafSpineShape& shape,
             const SplitPolicy& policy,
             uint64_t ecmpSeed)
{
    // Group the flows by (round, step).
    std::map<std::pair<uint32_t, uint32_t>, std::vector<PlannerFlow>> groups;
    for (const CollectiveFlow& f : graph.flows)
    {
        const uint32_t round = graph.collectives.at(f.collective).round;
        groups[{round, f.step}].push_back(PlannerFlow{f.id, f.job, f.srcHost, f.dstHost, f.bytes});
    }
    // Plan each group; remember every flow's parts.
    SplitGraph out;
    std::vector<std::vector<std::pair<uint64_t, PathChoice>>> parts(graph.flows.size());
    for (const auto& [key, flows] : groups)
    {
        const TrafficPlan plan = PlanTraffic(shape, flows, policy, ecmpSeed);
        for (const PlannedSubflow& sub : plan.subflows)
        {
            parts.at(sub.flowId).emplace_back(sub.bytes, sub.planned);
        }
        StepPlan summary;
        summary.round = key.first;
        summary.step = key.second;
        summary.flows = flows.size();
        summary.subflows = plan.subflows.size();
        summary.maxFabricLinkBytes = plan.planned.maxFabricLinkBytes;
        summary.ecmpMaxFabricLinkBytes = plan.ecmp.maxFabricLinkBytes;
        summary.lowerBoundBytes = plan.lowerBoundBytes;
        out.plans.push_back(summary);
    }
    // Rebuild the graph in id order: the parts of flow f get ids first[f] .. first[f+1]-1.
    std::vector<uint32_t> first(graph.flows.size() + 1, 0);
    for (uint32_t i = 0; i < graph.flows.size(); ++i)
    {
        first[i + 1] = first[i] + parts[i].size();
    }
    FlowGraph& split = out.graph;
    split.collectives = graph.collectives;
    for (CollectiveInstance& coll : split.collectives)
    {
        const uint32_t end = coll.firstFlow + coll.flowCount;
        coll.firstFlow = first[coll.firstFlow];
        coll.flowCount = first[end] - coll.firstFlow;
    }
    split.flows.reserve(first.back());
    for (const CollectiveFlow& f : graph.flows)
    {
        std::vector<uint32_t> deps;
        for (uint32_t d : f.deps)
        {
            for (uint32_t k = first[d]; k < first[d + 1]; ++k)
            {
                deps.push_back(k);
            }
        }
        for (uint32_t k = 0; k < parts[f.id].size(); ++k)
        {
            CollectiveFlow sub = f;
            sub.id = first[f.id] + k;
            sub.bytes = parts[f.id][k].first;
            sub.path = parts[f.id][k].second;
            sub.deps = deps;
            sub.logical = f.id;
            sub.subflow = k;
            sub.subflows = parts[f.id].size();
            split.flows.push_back(std::move(sub));
        }
    }
    return out;
}

nlohmann::json
PlannerJson(const std::vector<StepPlan>& plans)
{
    uint64_t maxLink = 0;
    uint64_t ecmpMaxLink = 0;
    uint64_t subflows = 0;
    double lowerBound = 0;
    double worst = 0;
    for (const StepPlan& p : plans)
    {
        maxLink += p.maxFabricLinkBytes;
        ecmpMaxLink += p.ecmpMaxFabricLinkBytes;
        lowerBound += p.lowerBoundBytes;
        subflows += p.subflows;
        if (p.lowerBoundBytes > 0)
        {
            worst = std::max(worst, p.maxFabricLinkBytes / p.lowerBoundBytes);
        }
    }
    return nlohmann::json{{"max_link_bytes", maxLink},
                          {"lower_bound_bytes", lowerBound},
                          {"ecmp_max_link_bytes", ecmpMaxLink},
                          {"worst_ratio", worst},
                          {"groups", plans.size()},
                          {"subflows", subflows}};
}

} // namespace planet
