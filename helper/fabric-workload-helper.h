// SPDX-License-Identifier: GPL-2.0-only

#ifndef FABRIC_WORKLOAD_HELPER_H
#define FABRIC_WORKLOAD_HELPER_H

#include "collective-helper.h"

#include "ns3/collective-metrics.h"
#include "ns3/collective-split.h"
#include "ns3/fabric-leaf-spine.h"
#include "ns3/fabric-workload.h"

#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace ns3
{

class LeafSpineHelper;

/**
 * \ingroup planet
 * \brief The workload parameters of planet-fabric (FabricScenario), as the runner's flags name
 * them.
 */
struct FabricWorkloadConfig
{
    std::string workload;        //!< --workload (one of FabricWorkloadHelper::Names())
    uint64_t bytes{0};           //!< --bytes: per flow, or the collective size S per rank
    uint32_t incastSenders{8};   //!< --incastSenders (incast)
    std::string matrix;          //!< --matrix: traffic-matrix file (matrix)
    planet::UniformIndex draw;   //!< random source of permutation and incast
    std::string placement;       //!< --placement: contiguous|strided|random|explicit
    std::vector<uint32_t> hosts; //!< --hosts: the explicit placement's hosts, rank by rank
    std::string routing;         //!< --routing; "planned" pins the planner's paths
    std::string splits{"1"};     //!< --splits: k or auto
    bool shareWindow{true};      //!< --shareWindow: subflows share their flow's window
    bool jointPlanning{true};    //!< --jointPlanning: the jobs' concurrent flows planned together
    bool reuseConnections{true}; //!< --reuseConnections: a queue pair per peer, kept
    planet::FlowEvent flowDone{planet::FlowEvent::Acked}; //!< --flowDone
    bool flowRecords{true};                               //!< --flowRecords: per-flow entries
    uint32_t jobs{1};       //!< --jobs: concurrent jobs, each of `ranks` ranks
    uint32_t ranks{0};      //!< --ranks per job (0: the hosts shared out among the jobs)
    uint32_t iterations{1}; //!< --iterations (training)
    double forwardS{0};     //!< --forwardTime (training)
    double computeS{0};     //!< --computeTime (training: the backward pass)
    uint32_t buckets{1};    //!< --buckets (training: gradient buckets)
    std::string trainingCollective{"allreduce-ring"}; //!< --trainingCollective
    uint64_t chunkBytes{1 << 20}; //!< --chunkBytes: pipeline chunk of tree and broadcast
    uint64_t placementSeed{1};    //!< seed of the random placement
};

/**
 * \ingroup planet
 * \brief Every planet-fabric workload as one flow graph, executed by CollectiveApplications, and
 * summarised for the result record.
 *
 * The plain workloads (permutation, incast, alltoall: --bytes per flow; matrix: a traffic-matrix
 * file with htsim's triggers) become one collective of kind Transfers
 * (planet::TransfersToFlowGraph); the collectives are planet::AppendCollective or
 * planet::AppendTraining over a communicator placed on the fabric, split and planned
 * (planet::SplitAndPlan). One executor and one ideal (planet::ComputeIdealJob) serve them all.
 *
 * Collective workload names: the algorithm registry names (collective-algorithm.h) except the
 * all-pairs AllToAll, which is "alltoall-collective" (planet-fabric's "alltoall" is the plain
 * every-host-to-every-host flow workload with --bytes per flow), and "training" (iterations of
 * --forwardTime and --computeTime, the backward pass, with the --trainingCollective of --bytes
 * of gradients in --buckets; planet::AppendTraining).
 *
 * Jobs: --jobs communicators of --ranks ranks each run the same collective workload at once, on
 * disjoint hosts: the placement lays out jobs x ranks ranks and job j takes the j-th run of
 * --ranks of them. Their collectives are planned together (same rounds) unless
 * --jointPlanning=false.
 */
class FabricWorkloadHelper
{
  public:
    /// \brief Every workload name: the plain ones, then the collective ones.
    static std::vector<std::string> Names();
    /// \brief Whether a --workload value is a collective workload.
    static bool IsCollective(const std::string& workload);

    /**
     * \brief Build (and, for collectives, split and plan) the flow graph.
     * \throws std::invalid_argument naming the bad parameter
     */
    FabricWorkloadHelper(const FabricWorkloadConfig& config,
                         const planet::LeafSpineShape& shape,
                         const planet::WireFormat& wire);

    /**
     * \brief Install the applications on the hosts; the simulation stops when every flow is
     * done.
     * \param hosts the hosts, host id = index
     * \param stacks their RDMA stacks
     */
    void Install(NodeContainer hosts, const std::vector<Ptr<RdmaStack>>& stacks);

    /**
     * \brief Record which uplinks of its source leaf every flow's packets took (the record's
     * per-flow `paths`), from the leaves' PathChosen traces. Call after Install().
     */
    void TrackPaths(const LeafSpineHelper& fabric);

    /// \brief The executed (split) graph (after Install() the run state's).
    const planet::FlowGraph& GetGraph() const;
    /// \brief The run state (after Install).
    Ptr<CollectiveExecution> GetExecution() const;
    /// \brief The ideal of the slowest job (planet::ComputeIdealJob with the FlowDone event).
    planet::IdealCct GetIdeal() const;

    /**
     * \brief Add the workload's figures to a planet-fabric record: completion_s, ideal_s and the
     * ideal's parts (ideal_chain_s, ideal_link_s, ideal_transfer_s, ideal_latency_s,
     * ideal_bottleneck_link, ideal_max_link_bytes), completion_over_ideal, bytes_requested/
     * delivered, flows_total/done, connections, flow_done, flows and flow_ideals (the ideal of
     * a flow alone on the idle fabric by hops and bytes; both unless --flowRecords=false);
     * for collectives also jobs, ranks (per job), splits, collectives, planner and, for the
     * training workload, training (per job its iteration times and ideal iteration time); a
     * warning when flows were not done, saying which and why.
     */
    void Report(nlohmann::json& record) const;

  private:
    /// Per-flow entries of the record.
    nlohmann::json FlowRecords() const;
    /// The record's flow_ideals: the ideal of a flow alone on the idle fabric, by hops and bytes.
    nlohmann::json FlowIdeals() const;

    FabricWorkloadConfig m_config;
    planet::LeafSpineShape m_shape;
    planet::WireFormat m_wire;
    planet::SplitGraph m_split;      //!< what runs, and the plan (collectives)
    std::vector<uint32_t> m_flowIds; //!< by graph flow: the workload's own flow id
    std::unique_ptr<CollectiveHelper> m_helper;
    std::vector<std::vector<bool>> m_paths; //!< by graph flow: uplinks used at its source leaf
};

} // namespace ns3

#endif /* FABRIC_WORKLOAD_HELPER_H */
