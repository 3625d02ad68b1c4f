// SPDX-License-Identifier: GPL-2.0-only

#include "fabric-workload-helper.h"

#include "fabric-leaf-spine-helper.h"

#include "ns3/boolean.h"
#include "ns3/collective-algorithm.h"
#include "ns3/collective-metrics.h"
#include "ns3/collective-transfers.h"
#include "ns3/collective-workload.h"
#include "ns3/enum.h"
#include "ns3/fabric-switch.h"
#include "ns3/simulator.h"
#include "ns3/uinteger.h"

#include <algorithm>
#include <map>
#include <stdexcept>

namespace ns3
{

namespace
{

/// The plain (non-collective) workloads.
const std::vector<std::string> kPlainWorkloads{"permutation", "incast", "alltoall", "matrix"};

/// Workload name -> algorithm registry name.
std::string
AlgorithmOf(const FabricWorkloadConfig& config)
{
    if (config.workload == "alltoall-collective")
    {
        return "alltoall";
    }
    if (config.workload == "training")
    {
        return config.trainingCollective;
    }
    return config.workload;
}

/// Gradient collectives the training workload accepts.
const std::vector<std::string> kTrainingCollectives{"allreduce-ring",
                                                    "allreduce-hd",
                                                    "allreduce-tree"};

/// The flows of a plain workload, as a traffic matrix.
planet::TrafficMatrix
PlainWorkload(const FabricWorkloadConfig& config, const planet::LeafSpineShape& shape)
{
    planet::TrafficMatrix matrix;
    const uint32_t hosts = shape.Hosts();
    if (config.workload == "permutation")
    {
        matrix.flows = planet::PermutationWorkload(hosts, config.bytes, config.draw);
    }
    else if (config.workload == "incast")
    {
        matrix.flows =
            planet::IncastWorkload(hosts, config.incastSenders, config.bytes, config.draw);
    }
    else if (config.workload == "alltoall")
    {
        matrix.flows = planet::AllToAllWorkload(hosts, config.bytes);
    }
    else
    {
        if (config.matrix.empty())
        {
            throw std::invalid_argument(
                "parameter 'matrix': workload 'matrix' needs --matrix=FILE");
        }
        matrix = planet::ReadTrafficMatrix(config.matrix);
        if (matrix.hosts > hosts)
        {
            throw std::invalid_argument("parameter 'matrix': " + config.matrix + " has " +
                                        std::to_string(matrix.hosts) + " nodes, the fabric only " +
                                        std::to_string(hosts) + " hosts");
        }
        planet::CheckFlowHosts(matrix.flows, hosts, config.matrix);
    }
    return matrix;
}

/// The collective workloads' graph (split and planned).
planet::SplitGraph
CollectiveGraph(const FabricWorkloadConfig& config,
                const planet::LeafSpineShape& shape,
                const planet::WireFormat& wire)
{
    const std::vector<std::string> placements{"contiguous", "strided", "random", "explicit"};
    if (std::find(placements.begin(), placements.end(), config.placement) == placements.end())
    {
        throw std::invalid_argument("parameter 'placement': unknown value '" + config.placement +
                                    "'; allowed: contiguous, strided, random, explicit");
    }
    if ((config.placement == "explicit") != !config.hosts.empty())
    {
        throw std::invalid_argument(
            "parameter 'hosts': a host list goes with --placement=explicit, and only with it");
    }
    if (config.workload == "training" &&
        std::find(kTrainingCollectives.begin(),
                  kTrainingCollectives.end(),
                  config.trainingCollective) == kTrainingCollectives.end())
    {
        throw std::invalid_argument("parameter 'trainingCollective': unknown value '" +
                                    config.trainingCollective +
                                    "'; allowed: allreduce-ring, allreduce-hd, allreduce-tree");
    }
    const planet::SplitPolicy policy = planet::SplitPolicy::Parse(config.splits);
    const uint32_t available = config.placement == "explicit" ? config.hosts.size() : shape.Hosts();
    if (config.jobs == 0 || config.jobs > available)
    {
        throw std::invalid_argument("parameter 'jobs': " + std::to_string(config.jobs) +
                                    " jobs; at least 1 and at most one per host (" +
                                    std::to_string(available) + ")");
    }
    const uint32_t ranks = config.ranks == 0 ? available / config.jobs : config.ranks;
    if (ranks == 0 || uint64_t{ranks} * config.jobs > available)
    {
        throw std::invalid_argument(
            "parameter 'ranks': " + std::to_string(config.jobs) + " job(s) of " +
            std::to_string(ranks) + " ranks need " + std::to_string(uint64_t{ranks} * config.jobs) +
            " hosts; " + (config.placement == "explicit" ? "--hosts lists " : "the fabric has ") +
            std::to_string(available));
    }
    planet::PlacementOptions placement;
    placement.stride = shape.hostsPerLeaf; // strided: consecutive ranks on consecutive leaves
    placement.seed = config.placementSeed;
    placement.hosts = config.hosts;
    const std::vector<uint32_t> hosts =
        planet::MakeCommunicator(config.placement, ranks * config.jobs, shape.Hosts(), placement)
            .Hosts();
    planet::CollectiveOptions options;
    options.chunkBytes = config.chunkBytes;
    const std::unique_ptr<planet::CollectiveAlgorithm> algorithm =
        planet::MakeCollectiveAlgorithm(AlgorithmOf(config), options);
    planet::FlowGraph logical;
    for (uint32_t job = 0; job < config.jobs; ++job)
    {
        const planet::Communicator comm(
            std::vector<uint32_t>(hosts.begin() + job * ranks, hosts.begin() + (job + 1) * ranks),
            shape.Hosts());
        if (config.workload == "training")
        {
            planet::TrainingSpec spec;
            spec.iterations = config.iterations;
            spec.gradientBytes = config.bytes;
            spec.forwardS = config.forwardS;
            spec.backwardS = config.computeS;
            spec.buckets = config.buckets;
            spec.Validate();
            planet::AppendTraining(logical, spec, *algorithm, comm, job);
        }
        else
        {
            planet::CollectiveStart start;
            start.job = job;
            planet::AppendCollective(logical, *algorithm, comm, config.bytes, start);
        }
    }
    if (!config.jointPlanning)
    {
        // A round of its own for every job's collectives (same order within the job): the
        // planner then plans each job as if it were alone; execution is unchanged.
        for (planet::CollectiveInstance& coll : logical.collectives)
        {
            coll.round = coll.round * config.jobs + coll.job;
        }
    }
    return planet::SplitAndPlan(logical, shape, policy);
}

} // namespace

std::vector<std::string>
FabricWorkloadHelper::Names()
{
    std::vector<std::string> names = kPlainWorkloads;
    for (const std::string& algorithm : planet::CollectiveAlgorithmNames())
    {
        names.push_back(algorithm == "alltoall" ? "alltoall-collective" : algorithm);
    }
    names.emplace_back("training");
    return names;
}

bool
FabricWorkloadHelper::IsCollective(const std::string& workload)
{
    const std::vector<std::string> names = Names();
    return std::find(kPlainWorkloads.begin(), kPlainWorkloads.end(), workload) ==
               kPlainWorkloads.end() &&
           std::find(names.begin(), names.end(), workload) != names.end();
}

FabricWorkloadHelper::FabricWorkloadHelper(const FabricWorkloadConfig& config,
                                           const planet::LeafSpineShape& shape,
                                           const planet::WireFormat& wire)
    : m_config(config),
      m_shape(shape),
      m_wire(wire)
{
    if (IsCollective(config.workload))
    {
        m_split = CollectiveGraph(config, shape, wire);
        m_flowIds.resize(m_split.graph.flows.size());
        for (uint32_t i = 0; i < m_flowIds.size(); ++i)
        {
            m_flowIds[i] = i;
        }
        return;
    }
    const std::vector<std::string> names = Names();
    if (std::find(names.begin(), names.end(), config.workload) == names.end())
    {
        std::string allowed;
        for (const std::string& name : names)
        {
            allowed += (allowed.empty() ? "" : ", ") + name;
        }
        throw std::invalid_argument("parameter 'workload': unknown value '" + config.workload +
                                    "'; allowed: " + allowed);
    }
    planet::TransferGraph transfers =
        planet::TransfersToFlowGraph(PlainWorkload(config, shape), config.workload);
    m_split.graph = std::move(transfers.graph);
    m_flowIds = std::move(transfers.flowId);
}

void
FabricWorkloadHelper::Install(NodeContainer hosts, const std::vector<Ptr<RdmaStack>>& stacks)
{
    // The run state keeps the only copy of the graph from now on.
    m_helper = std::make_unique<CollectiveHelper>(std::move(m_split.graph), stacks);
    m_helper->SetAttribute("PinPaths", BooleanValue(m_config.routing == "planned"));
    m_helper->SetAttribute("ParallelLinks", UintegerValue(m_shape.parallelLinks));
    m_helper->SetAttribute("ShareWindow", BooleanValue(m_config.shareWindow));
    m_helper->SetAttribute("ReuseConnections", BooleanValue(m_config.reuseConnections));
    m_helper->SetAttribute("FlowDone",
                           EnumValue(m_config.flowDone == planet::FlowEvent::Acked
                                         ? CollectiveApplication::ACKED
                                         : CollectiveApplication::DELIVERED));
    const ApplicationContainer apps = m_helper->Install(hosts);
    Ptr<CollectiveExecution> execution = m_helper->GetExecution();
    for (uint32_t i = 0; i < apps.GetN(); ++i)
    {
        apps.Get(i)->TraceConnectWithoutContext(
            "CollectiveComplete",
            Callback<void, uint32_t, double>([execution](uint32_t, double) {
                if (execution->IsComplete())
                {
                    Simulator::Stop();
                }
            }));
    }
}

void
FabricWorkloadHelper::TrackPaths(const LeafSpineHelper& fabric)
{
    if (!m_config.flowRecords)
    {
        return;
    }
    m_paths.assign(GetGraph().flows.size(), {});
    const uint32_t uplinks = m_shape.UplinksPerLeaf();
    Ptr<CollectiveExecution> execution = GetExecution();
    for (uint32_t l = 0; l < m_shape.leaves; ++l)
    {
        fabric.GetLeafSwitch(l)->TraceConnectWithoutContext(
            "PathChosen",
            Callback<void, const FabricHeader&, uint32_t, uint32_t>(
                [this, execution, uplinks](const FabricHeader& h, uint32_t, uint32_t member) {
                    if (h.Has(FabricHeader::CONTROL))
                    {
                        return;
                    }
                    const uint32_t flow = execution->FlowOfPacket(h.src, h.flowLabel, h.psn);
                    if (flow == UINT32_MAX)
                    {
                        return;
                    }
                    std::vector<bool>& paths = m_paths[flow];
                    if (paths.empty())
                    {
                        paths.assign(uplinks, false);
                    }
                    paths[member] = true;
                }));
    }
}

const planet::FlowGraph&
FabricWorkloadHelper::GetGraph() const
{
    return m_helper ? m_helper->GetExecution()->GetGraph() : m_split.graph;
}

Ptr<CollectiveExecution>
FabricWorkloadHelper::GetExecution() const
{
    return m_helper ? m_helper->GetExecution() : nullptr;
}

planet::IdealCct
FabricWorkloadHelper::GetIdeal() const
{
    // The slowest job's ideal: every flow of a job from time 0, its compute or start times
    // included.
    planet::IdealCct slowest;
    std::vector<bool> hasJob;
    for (const planet::CollectiveFlow& f : GetGraph().flows)
    {
        hasJob.resize(std::max<std::size_t>(hasJob.size(), f.job + 1), false);
        hasJob[f.job] = true;
    }
    for (uint32_t job = 0; job < hasJob.size(); ++job)
    {
        if (hasJob[job])
        {
            const planet::IdealCct ideal =
                planet::ComputeIdealJob(GetGraph(), job, m_shape, m_wire, m_config.flowDone);
            if (ideal.idealS > slowest.idealS)
            {
                slowest = ideal;
            }
        }
    }
    return slowest;
}

nlohmann::json
FabricWorkloadHelper::FlowRecords() const
{
    const Ptr<CollectiveExecution> execution = GetExecution();
    const std::vector<double>& startS = execution->GetStartTimes();
    const std::vector<double>& finishS = execution->GetFinishTimes();
    nlohmann::json flows = nlohmann::json::array();
    for (const planet::CollectiveFlow& f : GetGraph().flows)
    {
        nlohmann::json paths = nlohmann::json::array();
        const std::vector<bool> none;
        const std::vector<bool>& used = m_paths.empty() ? none : m_paths[f.id];
        for (uint32_t p = 0; p < used.size(); ++p)
        {
            if (used[p])
            {
                paths.push_back(p);
            }
        }
        const bool started = startS[f.id] >= 0;
        const bool done = finishS[f.id] >= 0;
        flows.push_back(
            {{"id", m_flowIds[f.id]},
             {"collective", f.collective},
             {"step", f.step},
             {"subflow", f.subflow},
             {"src", f.srcHost},
             {"dst", f.dstHost},
             {"bytes", f.bytes},
             {"start_s", started ? nlohmann::json(startS[f.id]) : nlohmann::json()},
             {"fct_s", done ? nlohmann::json(finishS[f.id] - startS[f.id]) : nlohmann::json()},
             {"paths", paths}});
    }
    return flows;
}

nlohmann::json
FabricWorkloadHelper::FlowIdeals() const
{
    // One entry per (hops, bytes): every flow of that size and path length has the same ideal
    // on a leaf-spine, and a table this small keeps 32,640-flow records light.
    std::map<std::pair<uint32_t, uint64_t>, const planet::CollectiveFlow*> kinds;
    for (const planet::CollectiveFlow& f : GetGraph().flows)
    {
        kinds.emplace(std::make_pair(m_shape.Hops(f.srcHost, f.dstHost), f.bytes), &f);
    }
    nlohmann::json ideals = nlohmann::json::array();
    for (const auto& [key, f] : kinds)
    {
        ideals.push_back(
            {{"hops", key.first},
             {"bytes", key.second},
             {"ideal_s",
              planet::ComputeIdealBound(m_shape, m_wire, {{f->srcHost, f->dstHost, f->bytes}})
                  .idealS}});
    }
    return ideals;
}

void
FabricWorkloadHelper::Report(nlohmann::json& record) const
{
    const Ptr<CollectiveExecution> execution = GetExecution();
    const planet::FlowGraph& graph = GetGraph();
    const std::vector<double>& startS = execution->GetStartTimes();
    const std::vector<double>& finishS = execution->GetFinishTimes();
    uint64_t requested = 0;
    uint64_t delivered = 0;
    double completion = 0;
    uint32_t notStarted = 0;
    uint32_t firstUndone = UINT32_MAX;
    for (const planet::CollectiveFlow& f : graph.flows)
    {
        requested += f.bytes;
        delivered += execution->GetDeliveredBytes(f.id);
        completion = std::max(completion, finishS[f.id]);
        if (finishS[f.id] < 0)
        {
            notStarted += startS[f.id] < 0 ? 1 : 0;
            firstUndone = std::min(firstUndone, f.id);
        }
    }
    if (firstUndone != UINT32_MAX || delivered != requested)
    {
        const planet::CollectiveFlow& first = graph.flows[firstUndone];
        record["warnings"].push_back(
            std::to_string(graph.flows.size() - execution->GetDoneFlows()) + " of " +
            std::to_string(graph.flows.size()) + " flows not done (" + std::to_string(delivered) +
            " of " + std::to_string(requested) +
            " bytes delivered): " + std::to_string(notStarted) +
            " never started (they wait for flows that did not finish), the others were cut off at "
            "t=" +
            std::to_string(Simulator::Now().GetSeconds()) + " s (stopTime); first: flow id " +
            std::to_string(m_flowIds[firstUndone]) + " " + std::to_string(first.srcHost) + "->" +
            std::to_string(first.dstHost));
    }
    const planet::IdealCct ideal = GetIdeal();
    record["completion_s"] = completion;
    record["ideal_s"] = ideal.idealS;
    record["completion_over_ideal"] = ideal.idealS > 0 ? completion / ideal.idealS : 0.0;
    record["ideal_chain_s"] = ideal.chainS;
    record["ideal_link_s"] = ideal.linkS;
    record["ideal_transfer_s"] = ideal.transferS;
    record["ideal_latency_s"] = ideal.idealS - ideal.transferS;
    record["ideal_bottleneck_link"] = m_shape.LinkName(ideal.bottleneckLink);
    record["ideal_max_link_bytes"] = ideal.maxLinkBytes;
    record["bytes_requested"] = requested;
    record["bytes_delivered"] = delivered;
    record["flows_total"] = graph.flows.size();
    record["flows_done"] = execution->GetDoneFlows();
    record["flow_done"] = planet::ToString(m_config.flowDone);
    record["connections"] = execution->GetConnections();
    record["connections_closed"] = execution->GetReleasedConnections();
    record["flows"] = m_config.flowRecords ? FlowRecords() : nlohmann::json::array();
    record["flow_ideals"] = m_config.flowRecords ? FlowIdeals() : nlohmann::json::array();
    if (!IsCollective(m_config.workload))
    {
        return;
    }
    nlohmann::json collectives = nlohmann::json::array();
    for (uint32_t c = 0; c < graph.collectives.size(); ++c)
    {
        const planet::IdealCct idealCct =
            planet::ComputeIdealCct(graph, c, m_shape, m_wire, m_config.flowDone);
        const planet::CollectiveInstance& coll = graph.collectives[c];
        bool done = true;
        for (uint32_t i = coll.firstFlow; i < coll.firstFlow + coll.flowCount; ++i)
        {
            done = done && finishS[i] >= 0;
        }
        if (done)
        {
            const planet::CollectiveTiming timing =
                planet::SummariseCollective(graph, c, startS, finishS);
            collectives.push_back(
                planet::ToJson(planet::ReportCollective(graph, c, timing, idealCct)));
        }
        else
        {
            collectives.push_back({{"algorithm", coll.algorithm},
                                   {"job", coll.job},
                                   {"ranks", coll.ranks},
                                   {"bytes", coll.bytes},
                                   {"steps", coll.steps},
                                   {"ideal_s", idealCct.idealS},
                                   {"cct_s", nullptr}});
        }
    }
    nlohmann::json training = nlohmann::json::array();
    for (uint32_t job = 0; job < m_config.jobs && m_config.workload == "training"; ++job)
    {
        if (execution->IsComplete())
        {
            const double jobIdeal =
                planet::ComputeIdealJob(graph, job, m_shape, m_wire, m_config.flowDone).idealS;
            const planet::TrainingTiming t = planet::SummariseTraining(graph, job, finishS);
            training.push_back({{"job", job},
                                {"iteration_s", t.iterationS},
                                {"ideal_iteration_s", jobIdeal / m_config.iterations},
                                {"total_s", t.totalS},
                                {"iterations_per_s", t.iterationsPerS}});
        }
    }
    if (!training.empty())
    {
        record["training"] = training;
    }
    record["jobs"] = m_config.jobs;
    record["ranks"] = graph.collectives.empty() ? 0 : graph.collectives.front().ranks;
    record["splits"] = m_config.splits;
    record["collectives"] = collectives;
    record["planner"] = planet::PlannerJson(m_split.plans);
}

} // namespace ns3
