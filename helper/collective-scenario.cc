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
AlgorithmOf(const std::string& workload)
{
    if (workload == "alltoall-collective")
    {
        return "alltoall";
    }
    if (workload == "training")
    {
        return "allreduce-ring";
    }
    return workload;
}

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
    const std::vector<std::string> placements{"contiguous", "strided", "random"};
    if (std::find(placements.begin(), placements.end(), config.placement) == placements.end())
    {
        throw std::invalid_argument("parameter 'placement': unknown value '" + config.placement +
                                    "'; allowed: contiguous, strided, random");
    }
    const planet::SplitPolicy policy = planet::SplitPolicy::Parse(config.splits);
    const uint32_t ranks = config.ranks == 0 ? shape.Hosts() : config.ranks;
    if (ranks > shape.Hosts())
    {
        throw std::invalid_argument("parameter 'ranks': " + std::to_string(ranks) +
                                    " ranks need more than the fabric's " +
                                    std::to_string(shape.Hosts()) + " hosts");
    }
    planet::PlacementOptions placement;
    placement.stride = shape.hostsPerLeaf; // strided: consecutive ranks on consecutive leaves
    placement.seed = config.placementSeed;
    const planet::Communicator comm =
        planet::MakeCommunicator(config.placement, ranks, shape.Hosts(), placement);
    planet::CollectiveOptions options;
    options.chunkBytes = config.chunkBytes;
    const std::unique_ptr<planet::CollectiveAlgorithm> algorithm =
        planet::MakeCollectiveAlgorithm(AlgorithmOf(config.workload), options);
    planet::FlowGraph logical;
    if (config.workload == "training")
    {
        planet::TrainingSpec spec;
        spec.iterations = config.iterations;
        spec.gradientBytes = config.bytes;
        spec.backwardS = config.computeS;
        spec.Validate();
        planet::AppendTraining(logical, spec, *algorithm, comm, 0);
    }
    else
    {
        planet::AppendCollective(logical, *algorithm, comm, config.bytes);
    }
    m_split = planet::SplitAndPlan(logical, shape, policy);
}

void
CollectiveWorkload::Install(NodeContainer hosts, const std::vector<Ptr<RdmaStack>>& stacks)
{
    m_helper = std::make_unique<CollectiveHelper>(m_split.graph, stacks);
    m_helper->SetAttribute("PinPaths", BooleanValue(m_config.routing == "planned"));
    m_helper->SetAttribute("ParallelLinks", UintegerValue(m_shape.parallelLinks));
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
    nlohmann::json collectives = nlohmann::json::array();
    double ideal = 0;
    for (uint32_t c = 0; c < graph.collectives.size(); ++c)
    {
        const planet::IdealCct idealCct = planet::ComputeIdealCct(graph, c, m_shape, m_wire);
        ideal += idealCct.idealS;
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
                                   {"ranks", coll.ranks},
                                   {"bytes", coll.bytes},
                                   {"steps", coll.steps},
                                   {"ideal_s", idealCct.idealS},
                                   {"cct_s", nullptr}});
        }
    }
    if (m_config.workload == "training")
    {
        ideal += m_config.iterations * m_config.computeS;
        if (execution->IsComplete())
        {
            const planet::TrainingTiming t = planet::SummariseTraining(graph, 0, finishS);
            record["training"] = {{"iteration_s", t.iterationS},
                                  {"total_s", t.totalS},
                                  {"iterations_per_s", t.iterationsPerS}};
        }
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
    record["ranks"] = graph.collectives.empty() ? 0 : graph.collectives.front().ranks;
    record["splits"] = m_config.splits;
    record["collectives"] = collectives;
    record["planner"] = planet::PlannerJson(m_split.plans);
}

} // namespace ns3
