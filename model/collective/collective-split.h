// SPDX-License-Identifier: GPL-2.0-only

#ifndef COLLECTIVE_SPLIT_H
#define COLLECTIVE_SPLIT_H

#include "ns3/collective-flow-graph.h"
#include "ns3/collective-planner.h"
#include "ns3/fabric-leaf-spine.h"

#include <cstdint>
#include <nlohmann/json.hpp>
#include <vector>

/**
 * \file
 * \ingroup planet
 * Application-layer flow splitting of a whole flow graph: every flow becomes subflows (separate
 * queue pairs) pinned to paths by the traffic planner (collective-planner.h), with the
 * dependencies rewritten so that a split flow counts as delivered when all its subflows are.
 */

namespace planet
{

/// \brief What the planner did with one group of concurrent flows.
struct StepPlan
{
    uint32_t round{0};                  //!< concurrency round of the group
    uint32_t step{0};                   //!< step index of the group (0 if pipelined)
    bool pipelined{false};              //!< the group is every stage of pipelined collectives
    uint32_t flows{0};                  //!< flows planned
    uint32_t subflows{0};               //!< subflows they became
    uint64_t maxFabricLinkBytes{0};     //!< busiest leaf-spine link under the parts as dealt
    uint64_t ecmpMaxFabricLinkBytes{0}; //!< busiest leaf-spine link under hashed ECMP
    double lowerBoundBytes{0};          //!< the fractional lower bound of the group
};

/// \brief A split graph and the plan of every group.
struct SplitGraph
{
    FlowGraph graph;             //!< subflows in logical-flow order, paths filled in
    std::vector<StepPlan> plans; //!< one per group, in (round, step) order, pipelined last
};

/**
 * \brief Split every flow of a graph and pin the subflows to paths.
 *
 * Flows that run concurrently are planned together (several jobs in one round jointly,
 * C4P-style): those of step-synchronous collectives with the same round and the same step index;
 * and, because pipeline stages overlap, all flows of the pipelined collectives
 * (CollectiveInstance::pipelined) of a round, where a connection (job, source, destination)
 * counts as one planner flow with all its bytes whose paths its flows (chunks) share: each is
 * cut into ceil(paths / chunks) parts, each part dealt to the least-loaded of the paths. The
 * planner decides how many subflows each flow becomes (policy; "auto" uses r = flows leaving
 * the source leaf in that group) and their exact sizes. Subflow k of flow f depends on every
 * subflow of every flow f depended on, keeps f's start delay, step, job and collective, and has
 * logical = f's id.
 * \throws std::invalid_argument for an invalid graph (FlowGraph::Validate), a bad shape or a
 * host outside it
 */
SplitGraph SplitAndPlan(const FlowGraph& graph,
                        const LeafSpineShape& shape,
                        const SplitPolicy& policy,
                        uint64_t ecmpSeed = 0);

/**
 * \brief The result-record entry "planner" of a split graph: max_link_bytes and
 * lower_bound_bytes summed over the planned groups (groups run one after another, so the sums
 * compare like completion times), ecmp_max_link_bytes likewise for hashed ECMP,
 * worst_ratio (the largest max_link_bytes / lower_bound_bytes of one group), groups, subflows.
 */
nlohmann::json PlannerJson(const std::vector<StepPlan>& plans);

} // namespace planet

#endif /* COLLECTIVE_SPLIT_H */
