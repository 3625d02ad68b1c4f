// SPDX-License-Identifier: GPL-2.0-only

#include "collective-split.h"

#include "ns3/collective-algorithm.h"

#include <algorithm>
#include <map>
#include <stdexcept>
#include <string>
#include <tuple>
#include <utility>

namespace planet
{

namespace
{

/// Key of a group of concurrent flows: round, and the step (kAllSteps for pipelined collectives).
using GroupKey = std::pair<uint32_t, uint32_t>;

/// Step of a group holding every stage of the pipelined collectives of a round.
constexpr uint32_t kAllSteps = UINT32_MAX;

/// The flows of one group, as the planner sees them, and which graph flows each of them carries.
struct Group
{
    std::vector<PlannerFlow> flows;             //!< planner input; id = index in members
    std::vector<std::vector<uint32_t>> members; //!< graph flows per planner flow
    std::map<std::tuple<uint32_t, uint32_t, uint32_t>, uint32_t> connection; //!< pipelined
};

} // namespace

SplitGraph
SplitAndPlan(const FlowGraph& graph,
             const LeafSpineShape& shape,
             const SplitPolicy& policy,
             uint64_t ecmpSeed)
{
    graph.Validate();
    // Group the concurrent flows. A step-synchronous collective's flows of one step run at the
    // same time; a pipelined collective's stages overlap, so all its connections are busy at
    // once: they form one group in which a connection (job, source, destination) is one
    // planner flow carrying all its bytes.
    std::map<GroupKey, Group> groups;
    for (const CollectiveFlow& f : graph.flows)
    {
        const CollectiveInstance& coll = graph.collectives.at(f.collective);
        Group& group = groups[{coll.round, coll.pipelined ? kAllSteps : f.step}];
        uint32_t member = group.flows.size();
        if (coll.pipelined)
        {
            member = group.connection.emplace(std::make_tuple(f.job, f.srcHost, f.dstHost), member)
                         .first->second;
        }
        if (member == group.flows.size())
        {
            group.flows.push_back(PlannerFlow{member, f.job, f.srcHost, f.dstHost, 0});
            group.members.emplace_back();
        }
        group.flows[member].bytes += f.bytes;
        group.members[member].push_back(f.id);
    }
    // Plan each group. The flows a planner flow stands for share its k paths: flow i of F is
    // cut into q = ceil(k / F) parts (as SplitBytes cuts it, at most one per byte), each dealt
    // to the path that has the fewest bytes so far (the first such). An unsplit flow (F = 1)
    // thus is cut and routed as the planner did it, and the chunks of a pipelined connection
    // with F >= k chunks go whole, evenly, onto its paths. The group's figures are those of
    // the parts as dealt.
    SplitGraph out;
    std::vector<std::vector<std::pair<uint64_t, PathChoice>>> parts(graph.flows.size());
    for (const auto& [key, group] : groups)
    {
        const TrafficPlan plan = PlanTraffic(shape, group.flows, policy, ecmpSeed);
        std::vector<std::vector<PlannedSubflow>> planned(group.flows.size());
        for (const PlannedSubflow& sub : plan.subflows)
        {
            planned.at(sub.flowId).push_back(sub);
        }
        StepPlan summary;
        summary.round = key.first;
        summary.pipelined = key.second == kAllSteps;
        summary.step = summary.pipelined ? 0 : key.second;
        std::vector<PlannedSubflow> dealtParts; // the parts as they will run
        for (uint32_t m = 0; m < group.members.size(); ++m)
        {
            const std::vector<uint32_t>& members = group.members[m];
            const uint64_t q = (planned[m].size() + members.size() - 1) / members.size();
            std::vector<uint64_t> dealt(planned[m].size(), 0);
            for (uint32_t id : members)
            {
                const uint64_t bytes = graph.flows[id].bytes;
                for (uint64_t size : SplitBytes(bytes, std::min<uint64_t>(q, bytes)))
                {
                    const auto least = std::min_element(dealt.begin(), dealt.end());
                    *least += size;
                    dealtParts.push_back(planned[m][least - dealt.begin()]);
                    dealtParts.back().bytes = size;
                    parts[id].emplace_back(size, dealtParts.back().planned);
                }
                summary.subflows += parts[id].size();
            }
            summary.flows += members.size();
        }
        summary.maxFabricLinkBytes =
            ComputeLinkLoads(shape, dealtParts, &PlannedSubflow::planned).maxFabricLinkBytes;
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
        // A dependency on a split flow is a dependency on all its parts, with the same event.
        std::vector<uint32_t> deps;
        std::vector<FlowEvent> events;
        for (std::size_t j = 0; j < f.deps.size(); ++j)
        {
            const uint32_t d = f.deps[j];
            if (f.depsNeeded != 0 && first[d + 1] - first[d] > 1)
            {
                throw std::invalid_argument("parameter 'splits': flow " + std::to_string(f.id) +
                                            " starts after " + std::to_string(f.depsNeeded) +
                                            " of its dependencies, and flow " + std::to_string(d) +
                                            " among them would be split; only flows that wait for "
                                            "all their dependencies can depend on split flows");
            }
            for (uint32_t k = first[d]; k < first[d + 1]; ++k)
            {
                deps.push_back(k);
                if (!f.depEvents.empty())
                {
                    events.push_back(f.depEvents[j]);
                }
            }
        }
        for (uint32_t k = 0; k < parts[f.id].size(); ++k)
        {
            CollectiveFlow sub = f;
            sub.id = first[f.id] + k;
            sub.bytes = parts[f.id][k].first;
            sub.path = parts[f.id][k].second;
            sub.deps = deps;
            sub.depEvents = events;
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
