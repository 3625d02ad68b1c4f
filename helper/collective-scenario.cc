// SPDX-License-Identifier: GPL-2.0-only

#include "collective-scenario.h"

#include "ns3/boolean.h"
#include "ns3/collective-algorithm.h"
#include "ns3/collective-metrics.h"
#include "ns3/collective-workload.h"
#include "ns3/simulator.h"
#include "ns3/uinteger.h"

#include <algorithm>
#include <stdexcept>

namespace ns3
{

namespace
{

/// Workload name -> algorithm registry name.
std::string
AlgorithmOf(const CollectiveWorkloadConfig& config)
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

} // namespace

std::vector<std::string>
CollectiveWorkload::Names()
{
    std::vector<std::string> names;
    for (const std::string& algorithm : planet::CollectiveAlgorithmNames())
    {
        names.push_back(algorithm == "alltoall" ? "alltoall-collective" : algorithm);
    }
    names.emplace_back("training");
    return names;
}

bool
CollectiveWorkload::IsCollective(const std::string& workload)
{
    const std::vector<std::string> names = Names();
    return std::find(names.begin(), names.end(), workload) != names.end();
}

CollectiveWorkload::CollectiveWorkload(const CollectiveWorkloadConfig& config,
                                       const planet::LeafSpineShape& shape,
                                       const planet::WireFormat& wire)
    : m_config(config),
      m_shape(shape),
      m_wire(wire)
{
    if (!IsCollective(config.workload))
    {
        throw std::invalid_argument("parameter 'workload': '" + config.workload +
                                    "' is not a collective workload");
    }
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
    m_split = planet::SplitAndPlan(logical, shape, policy);
}

void
CollectiveWorkload::Install(NodeContainer hosts, const std::vector<Ptr<RdmaStack>>& stacks)
{
    m_helper = std::make_unique<CollectiveHelper>(m_split.graph, stacks);
    m_helper->SetAttribute("PinPaths", BooleanValue(m_config.routing == "planned"));
    m_helper->SetAttribute("ParallelLinks", UintegerValue(m_shape.parallelLinks));
    m_helper->SetAttribute("ShareWindow", BooleanValue(m_config.shareWindow));
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

const planet::FlowGraph&
CollectiveWorkload::GetGraph() const
{
    return m_split.graph;
}

Ptr<CollectiveExecution>
CollectiveWorkload::GetExecution() const
{
    return m_helper ? m_helper->GetExecution() : nullptr;
}

void
CollectiveWorkload::Report(nlohmann::json& record) const
{
    const Ptr<CollectiveExecution> execution = GetExecution();
    const planet::FlowGraph& graph = m_split.graph;
    const std::vector<double>& startS = execution->GetStartTimes();
    const std::vector<double>& finishS = execution->GetFinishTimes();
    uint64_t requested = 0;
    uint64_t delivered = 0;
    double completion = 0;
    for (const planet::CollectiveFlow& f : graph.flows)
    {
        requested += f.bytes;
        delivered += execution->GetDeliveredBytes(f.id);
        completion = std::max(completion, finishS[f.id]);
    }
    const uint32_t jobs = m_config.jobs;
    nlohmann::json collectives = nlohmann::json::array();
    for (uint32_t c = 0; c < graph.collectives.size(); ++c)
    {
        const planet::IdealCct idealCct = planet::ComputeIdealCct(graph, c, m_shape, m_wire);
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
    // The slowest job's ideal: every flow of a job from time 0, its compute included.
    double ideal = 0;
    nlohmann::json training = nlohmann::json::array();
    for (uint32_t job = 0; job < jobs; ++job)
    {
        const double jobIdeal = planet::ComputeIdealJob(graph, job, m_shape, m_wire).idealS;
        ideal = std::max(ideal, jobIdeal);
        if (m_config.workload == "training" && execution->IsComplete())
        {
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
    if (!execution->IsComplete())
    {
        record["warnings"].push_back(
            std::to_string(graph.flows.size() - execution->GetDeliveredFlows()) + " of " +
            std::to_string(graph.flows.size()) + " collective flows not delivered (" +
            std::to_string(delivered) + " of " + std::to_string(requested) +
            " bytes) by the stop time");
    }
    record["completion_s"] = completion;
    record["ideal_s"] = ideal;
    record["completion_over_ideal"] = ideal > 0 ? completion / ideal : 0.0;
    record["bytes_requested"] = requested;
    record["bytes_delivered"] = delivered;
    record["flows_total"] = graph.flows.size();
    record["flows_done"] = execution->GetDeliveredFlows();
    record["jobs"] = jobs;
    record["ranks"] = graph.collectives.empty() ? 0 : graph.collectives.front().ranks;
    record["splits"] = m_config.splits;
    record["collectives"] = collectives;
    record["planner"] = planet::PlannerJson(m_split.plans);
}

} // namespace ns3
