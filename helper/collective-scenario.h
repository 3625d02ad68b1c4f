// SPDX-License-Identifier: GPL-2.0-only

#ifndef COLLECTIVE_SCENARIO_H
#define COLLECTIVE_SCENARIO_H

#include "collective-helper.h"

#include "ns3/collective-split.h"
#include "ns3/fabric-leaf-spine.h"

#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup planet
 * \brief The collective workloads of planet-fabric (FabricScenario): parameters as the runner's
 * flags name them.
 */
struct CollectiveWorkloadConfig
{
    std::string workload;        //!< --workload (one of CollectiveWorkload::Names())
    std::string placement;       //!< --placement: contiguous|strided|random|explicit
    std::vector<uint32_t> hosts; //!< --hosts: the explicit placement's hosts, rank by rank
    std::string routing;         //!< --routing; "planned" pins the planner's paths
    std::string splits{"1"};     //!< --splits: k or auto
    bool shareWindow{true};      //!< --shareWindow: subflows share their flow's window
    bool jointPlanning{true};    //!< --jointPlanning: the jobs' concurrent flows planned together
    uint32_t jobs{1};            //!< --jobs: concurrent jobs, each of `ranks` ranks
    uint32_t ranks{0};           //!< --ranks per job (0: the hosts shared out among the jobs)
    uint64_t bytes{0};           //!< --bytes: collective size S per rank
    uint32_t iterations{1};      //!< --iterations (training)
    double forwardS{0};          //!< --forwardTime (training)
    double computeS{0};          //!< --computeTime (training: the backward pass)
    uint32_t buckets{1};         //!< --buckets (training: gradient buckets)
    std::string trainingCollective{"allreduce-ring"}; //!< --trainingCollective
    uint64_t chunkBytes{1 << 20}; //!< --chunkBytes: pipeline chunk of tree and broadcast
    uint64_t placementSeed{1};    //!< seed of the random placement
};

/**
 * \ingroup planet
 * \brief One collective workload on a leaf-spine: the flow graph (planet::AppendCollective or
 * planet::AppendTraining over a communicator placed on the fabric), split and planned
 * (planet::SplitAndPlan), executed by CollectiveApplications, then summarised for the result
 * record (per-collective CCT, ideal, algbw, busbw, step times; the planner's loads).
 *
 * Workload names: the algorithm registry names (collective-algorithm.h) except the all-pairs
 * AllToAll, which is "alltoall-collective" (planet-fabric's "alltoall" is the plain
 * every-host-to-every-host flow workload with --bytes per flow), and "training" (iterations of
 * --forwardTime and --computeTime, the backward pass, with the --trainingCollective of --bytes
 * of gradients in --buckets; planet::AppendTraining).
 *
 * Jobs: --jobs communicators of --ranks ranks each run the same workload at once, on disjoint
 * hosts: the placement lays out jobs x ranks ranks and job j takes the j-th run of --ranks of
 * them. Their collectives are planned together (same rounds).
 */
class CollectiveWorkload
{
  public:
    /// \brief Workload names of the collectives.
    static std::vector<std::string> Names();
    /// \brief Whether a --workload value is a collective workload.
    static bool IsCollective(const std::string& workload);

    /**
     * \brief Build (and split and plan) the flow graph.
     * \throws std::invalid_argument naming the bad parameter
     */
    CollectiveWorkload(const CollectiveWorkloadConfig& config,
                       const planet::LeafSpineShape& shape,
                       const planet::WireFormat& wire);

    /**
     * \brief Install the applications on the hosts; the simulation stops when every flow has
     * been delivered.
     * \param hosts the hosts, host id = index
     * \param stacks their RDMA stacks
     */
    void Install(NodeContainer hosts, const std::vector<Ptr<RdmaStack>>& stacks);

    /// \brief The executed (split) graph.
    const planet::FlowGraph& GetGraph() const;
    /// \brief The run state (after Install).
    Ptr<CollectiveExecution> GetExecution() const;

    /**
     * \brief Add the workload's figures to a planet-fabric record: completion_s, ideal_s (the
     * slowest job's planet::ComputeIdealJob), completion_over_ideal, bytes_requested/delivered, flows_total/done,
     * jobs, ranks (per job), splits, collectives, planner (and, for the training workload,
     * training: per job its iteration times and ideal iteration time); a warning when flows
     * were not delivered.
     */
    void Report(nlohmann::json& record) const;

  private:
    CollectiveWorkloadConfig m_config;
    planet::LeafSpineShape m_shape;
    planet::WireFormat m_wire;
    planet::SplitGraph m_split; //!< what runs, and the plan
    std::unique_ptr<CollectiveHelper> m_helper;
};

} // namespace ns3

#endif /* COLLECTIVE_SCENARIO_H */
