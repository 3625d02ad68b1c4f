// SPDX-License-Identifier: GPL-2.0-only

// The collective area's pure code from Python: the traffic planner (flows + leaf-spine ->
// subflows, paths and link loads), collective algorithms expanded into flow graphs, placements
// and communicators, and the completion metrics (ideal CCT, bus bandwidth).

#include "bind-util.h"
#include "bind.h"

#include "ns3/collective-algorithm.h"
#include "ns3/collective-communicator.h"
#include "ns3/collective-flow-graph.h"
#include "ns3/collective-metrics.h"
#include "ns3/collective-planner.h"
#include "ns3/collective-split.h"
#include "ns3/collective-transfers.h"
#include "ns3/collective-workload.h"

#include <pybind11/functional.h>
#include <pybind11/stl.h>
#include <tuple>

namespace py = pybind11;

namespace planet::python
{
namespace
{

void
BindPlanner(py::module_& m)
{
    py::class_<SplitPolicy>(m,
                            "SplitPolicy",
                            "How many subflows each flow is split into: a fixed k or \"auto\" "
                            "(the theorem's uplinks / gcd(r, uplinks)). Wherever a SplitPolicy "
                            "is expected, \"auto\", \"4\" or 4 work too.")
        .def(py::init(&SplitPolicy::Parse), py::arg("text"))
        .def(py::init(&SplitPolicy::Fixed), py::arg("k"))
        .def_static("auto", &SplitPolicy::Auto)
        .def_static("fixed", &SplitPolicy::Fixed, py::arg("k"))
        .def_static("parse", &SplitPolicy::Parse, py::arg("text"))
        .def("is_auto", &SplitPolicy::IsAuto)
        .def("splits_for",
             &SplitPolicy::SplitsFor,
             py::arg("busiest_leaf_flows"),
             py::arg("uplinks"),
             py::arg("local"))
        .def("__str__", &SplitPolicy::ToString)
        .def("__repr__",
             [](const SplitPolicy& s) { return "SplitPolicy('" + s.ToString() + "')"; });
    py::implicitly_convertible<py::str, SplitPolicy>();
    py::implicitly_convertible<py::int_, SplitPolicy>();

    m.def("theorem_splits",
          &TheoremSplits,
          py::arg("flows"),
          py::arg("uplinks"),
          "uplinks / gcd(flows, uplinks): subflows per flow that make flows x subflows a "
          "multiple of the uplinks.");

    py::class_<PlannerFlow> flow(m,
                                 "PlannerFlow",
                                 "A flow to plan; also accepted as (id, job, src, dst, bytes).");
    KeywordInit(flow);
    flow.def(py::init([](const std::tuple<uint64_t, uint32_t, uint32_t, uint32_t, uint64_t>& t) {
                 return PlannerFlow{std::get<0>(t),
                                    std::get<1>(t),
                                    std::get<2>(t),
                                    std::get<3>(t),
                                    std::get<4>(t)};
             }),
             py::arg("id_job_src_dst_bytes"))
        .def_readwrite("id", &PlannerFlow::id)
        .def_readwrite("job", &PlannerFlow::job)
        .def_readwrite("src", &PlannerFlow::src)
        .def_readwrite("dst", &PlannerFlow::dst)
        .def_readwrite("bytes", &PlannerFlow::bytes);
    FieldRepr(flow);
    py::implicitly_convertible<py::tuple, PlannerFlow>();

    m.attr("NO_SPINE") = kNoSpine;

    py::class_<PathChoice> path(m, "PathChoice", "A leaf-spine path (spine == NO_SPINE: none).");
    path.def_readonly("spine", &PathChoice::spine)
        .def_readonly("upLink", &PathChoice::upLink)
        .def_readonly("downLink", &PathChoice::downLink);
    FieldRepr(path);

    py::class_<PlannedSubflow> subflow(m, "PlannedSubflow", "One part of a flow and its paths.");
    subflow.def_readonly("flowId", &PlannedSubflow::flowId)
        .def_readonly("job", &PlannedSubflow::job)
        .def_readonly("index", &PlannedSubflow::index)
        .def_readonly("count", &PlannedSubflow::count)
        .def_readonly("src", &PlannedSubflow::src)
        .def_readonly("dst", &PlannedSubflow::dst)
        .def_readonly("srcLeaf", &PlannedSubflow::srcLeaf)
        .def_readonly("dstLeaf", &PlannedSubflow::dstLeaf)
        .def_readonly("bytes", &PlannedSubflow::bytes)
        .def_readonly("planned", &PlannedSubflow::planned)
        .def_readonly("ecmp", &PlannedSubflow::ecmp);
    FieldRepr(subflow);

    py::class_<LinkLoads>(m, "LinkLoads", "Payload bytes per link (LeafSpineShape numbering).")
        .def_readonly("linkBytes", &LinkLoads::linkBytes)
        .def_readonly("maxFabricLinkBytes", &LinkLoads::maxFabricLinkBytes)
        .def_readonly("maxFabricLink", &LinkLoads::maxFabricLink);

    py::class_<TrafficPlan>(m, "TrafficPlan", "Subflows, their paths and the link loads.")
        .def_readonly("subflows", &TrafficPlan::subflows)
        .def_readonly("planned", &TrafficPlan::planned)
        .def_readonly("ecmp", &TrafficPlan::ecmp)
        .def_readonly("busiestLeafBytes", &TrafficPlan::busiestLeafBytes)
        .def_readonly("uplinksPerLeaf", &TrafficPlan::uplinksPerLeaf)
        .def_readonly("busiestLeafFlows", &TrafficPlan::busiestLeafFlows)
        .def_readonly("lowerBoundBytes", &TrafficPlan::lowerBoundBytes)
        .def_readonly("largestSubflowBytes", &TrafficPlan::largestSubflowBytes);

    m.def("plan_traffic",
          &PlanTraffic,
          py::arg("shape"),
          py::arg("flows"),
          py::arg("split") = SplitPolicy::Auto(),
          py::arg("ecmp_seed") = 0,
          "Split the concurrent flows of one step (PlannerFlow or (id, job, src, dst, bytes)) "
          "and pin every subflow to a leaf-spine path; also the hashed-ECMP paths and loads for "
          "comparison. Raises ValueError naming a bad shape field or host.");
    m.def("colour_bipartite_multigraph",
          &ColourBipartiteMultigraph,
          py::arg("left_vertices"),
          py::arg("right_vertices"),
          py::arg("edges"),
          py::arg("colours"),
          "Proper edge colouring of a bipartite multigraph ((left, right) edges): the colour "
          "of every edge.");
}

void
BindCollectives(py::module_& m)
{
    py::enum_<CollectiveKind>(m, "CollectiveKind")
        .value("AllReduce", CollectiveKind::AllReduce)
        .value("ReduceScatter", CollectiveKind::ReduceScatter)
        .value("AllGather", CollectiveKind::AllGather)
        .value("AllToAll", CollectiveKind::AllToAll)
        .value("Broadcast", CollectiveKind::Broadcast)
        .value("Transfers", CollectiveKind::Transfers);
    py::enum_<FlowEvent>(m, "FlowEvent", "An event of a flow that dependencies wait for.")
        .value("Default", FlowEvent::Default)
        .value("Delivered", FlowEvent::Delivered)
        .value("Acked", FlowEvent::Acked);

    m.def("collective_algorithms",
          &CollectiveAlgorithmNames,
          "Registry names of the collective algorithms.");
    m.def("placements", &PlacementNames, "Registry names of the rank placements.");
    m.def("split_bytes",
          &SplitBytes,
          py::arg("total"),
          py::arg("parts"),
          "total bytes cut into parts that differ by at most one byte, larger first.");

    py::class_<Communicator>(m, "Communicator", "Ranks and the host of each.")
        .def(py::init<std::vector<uint32_t>, uint32_t>(), py::arg("hosts"), py::arg("fabric_hosts"))
        .def("size", &Communicator::Size)
        .def("host", &Communicator::Host, py::arg("rank"))
        .def_property_readonly("hosts", &Communicator::Hosts)
        .def("fabric_hosts", &Communicator::FabricHosts);
    m.def(
        "make_communicator",
        [](const std::string& placement,
           uint32_t ranks,
           uint32_t fabricHosts,
           uint32_t firstHost,
           uint32_t stride,
           uint64_t seed,
           const std::vector<uint32_t>& hosts) {
            return MakeCommunicator(placement,
                                    ranks,
                                    fabricHosts,
                                    PlacementOptions{firstHost, stride, seed, hosts});
        },
        py::arg("placement"),
        py::arg("ranks"),
        py::arg("fabric_hosts"),
        py::arg("firstHost") = 0,
        py::arg("stride") = 1,
        py::arg("seed") = 1,
        py::arg("hosts") = std::vector<uint32_t>{},
        "A communicator of `ranks` ranks placed by the named placement (see placements()).");

    py::class_<RankFlow> rankFlow(m, "RankFlow", "A flow between ranks of a collective.");
    rankFlow.def_readonly("src", &RankFlow::src)
        .def_readonly("dst", &RankFlow::dst)
        .def_readonly("bytes", &RankFlow::bytes)
        .def_readonly("step", &RankFlow::step)
        .def_readonly("deps", &RankFlow::deps)
        .def_readonly("offset", &RankFlow::offset)
        .def_readonly("reduce", &RankFlow::reduce);
    FieldRepr(rankFlow);

    m.def(
        "expand_collective",
        [](const std::string& algorithm,
           uint32_t ranks,
           uint64_t bytes,
           uint64_t chunkBytes,
           uint32_t root) {
            return MakeCollectiveAlgorithm(algorithm, CollectiveOptions{chunkBytes, root})
                ->Expand(ranks, bytes);
        },
        py::arg("algorithm"),
        py::arg("ranks"),
        py::arg("bytes"),
        py::arg("chunkBytes") = CollectiveOptions{}.chunkBytes,
        py::arg("root") = CollectiveOptions{}.root,
        "The flows (in rank space) of one collective of `bytes` bytes over `ranks` ranks.");
    m.def(
        "collective_kind",
        [](const std::string& algorithm) { return MakeCollectiveAlgorithm(algorithm)->Kind(); },
        py::arg("algorithm"),
        "What an algorithm computes.");

    py::class_<CollectiveFlow> flow(m, "CollectiveFlow", "A flow of a flow graph, in hosts.");
    flow.def_readonly("id", &CollectiveFlow::id)
        .def_readonly("job", &CollectiveFlow::job)
        .def_readonly("collective", &CollectiveFlow::collective)
        .def_readonly("srcRank", &CollectiveFlow::srcRank)
        .def_readonly("dstRank", &CollectiveFlow::dstRank)
        .def_readonly("srcHost", &CollectiveFlow::srcHost)
        .def_readonly("dstHost", &CollectiveFlow::dstHost)
        .def_readonly("bytes", &CollectiveFlow::bytes)
        .def_readonly("step", &CollectiveFlow::step)
        .def_readonly("deps", &CollectiveFlow::deps)
        .def_readonly("depEvents", &CollectiveFlow::depEvents)
        .def_readonly("depsNeeded", &CollectiveFlow::depsNeeded)
        .def_readonly("startDelayS", &CollectiveFlow::startDelayS)
        .def_readonly("logical", &CollectiveFlow::logical)
        .def_readonly("subflow", &CollectiveFlow::subflow)
        .def_readonly("subflows", &CollectiveFlow::subflows)
        .def_readonly("path", &CollectiveFlow::path);
    FieldRepr(flow);

    py::class_<CollectiveInstance> instance(m, "CollectiveInstance", "One collective of a graph.");
    instance.def_readonly("job", &CollectiveInstance::job)
        .def_readonly("round", &CollectiveInstance::round)
        .def_readonly("iteration", &CollectiveInstance::iteration)
        .def_readonly("bucket", &CollectiveInstance::bucket)
        .def_readonly("algorithm", &CollectiveInstance::algorithm)
        .def_readonly("kind", &CollectiveInstance::kind)
        .def_readonly("ranks", &CollectiveInstance::ranks)
        .def_readonly("bytes", &CollectiveInstance::bytes)
        .def_readonly("steps", &CollectiveInstance::steps)
        .def_readonly("pipelined", &CollectiveInstance::pipelined)
        .def_readonly("firstFlow", &CollectiveInstance::firstFlow)
        .def_readonly("flowCount", &CollectiveInstance::flowCount);
    FieldRepr(instance);

    py::class_<FlowGraph>(m, "FlowGraph", "Flows of collectives with their dependencies.")
        .def(py::init<>())
        .def_readonly("flows", &FlowGraph::flows)
        .def_readonly("collectives", &FlowGraph::collectives)
        .def("validate", &FlowGraph::Validate)
        .def("dependents", &FlowGraph::Dependents)
        .def("sinks", &FlowGraph::Sinks, py::arg("collective"));

    py::class_<CollectiveStart> start(m, "CollectiveStart", "When a collective may begin.");
    KeywordInit(start);
    start.def_readwrite("job", &CollectiveStart::job)
        .def_readwrite("round", &CollectiveStart::round)
        .def_readwrite("iteration", &CollectiveStart::iteration)
        .def_readwrite("bucket", &CollectiveStart::bucket)
        .def_readwrite("after", &CollectiveStart::after)
        .def_readwrite("delayS", &CollectiveStart::delayS);
    FieldRepr(start);

    m.def(
        "append_collective",
        [](FlowGraph& graph,
           const std::string& algorithm,
           const Communicator& comm,
           uint64_t bytes,
           const CollectiveStart& start,
           uint64_t chunkBytes,
           uint32_t root) {
            return AppendCollective(
                graph,
                *MakeCollectiveAlgorithm(algorithm, CollectiveOptions{chunkBytes, root}),
                comm,
                bytes,
                start);
        },
        py::arg("graph"),
        py::arg("algorithm"),
        py::arg("comm"),
        py::arg("bytes"),
        py::arg("start") = CollectiveStart{},
        py::arg("chunkBytes") = CollectiveOptions{}.chunkBytes,
        py::arg("root") = CollectiveOptions{}.root,
        "Append one collective to a flow graph (modified in place); returns its index.");

    py::class_<TrainingSpec> training(m, "TrainingSpec", "Data-parallel training iterations.");
    KeywordInit(training);
    training.def_readwrite("iterations", &TrainingSpec::iterations)
        .def_readwrite("gradientBytes", &TrainingSpec::gradientBytes)
        .def_readwrite("forwardS", &TrainingSpec::forwardS)
        .def_readwrite("backwardS", &TrainingSpec::backwardS)
        .def_readwrite("buckets", &TrainingSpec::buckets)
        .def("validate", &TrainingSpec::Validate);
    FieldRepr(training);
    m.def(
        "append_training",
        [](FlowGraph& graph,
           const TrainingSpec& spec,
           const std::string& algorithm,
           const Communicator& comm,
           uint32_t job,
           uint64_t chunkBytes) {
            return AppendTraining(
                graph,
                spec,
                *MakeCollectiveAlgorithm(algorithm, CollectiveOptions{chunkBytes}),
                comm,
                job);
        },
        py::arg("graph"),
        py::arg("spec"),
        py::arg("algorithm"),
        py::arg("comm"),
        py::arg("job") = 0,
        py::arg("chunkBytes") = CollectiveOptions{}.chunkBytes,
        "Append a job's training iterations to a flow graph (modified in place); returns the "
        "indices of the new collectives.");

    py::class_<StepPlan> stepPlan(m, "StepPlan", "What the planner did with one group of flows.");
    stepPlan.def_readonly("round", &StepPlan::round)
        .def_readonly("step", &StepPlan::step)
        .def_readonly("pipelined", &StepPlan::pipelined)
        .def_readonly("flows", &StepPlan::flows)
        .def_readonly("subflows", &StepPlan::subflows)
        .def_readonly("maxFabricLinkBytes", &StepPlan::maxFabricLinkBytes)
        .def_readonly("ecmpMaxFabricLinkBytes", &StepPlan::ecmpMaxFabricLinkBytes)
        .def_readonly("lowerBoundBytes", &StepPlan::lowerBoundBytes);
    FieldRepr(stepPlan);
    py::class_<SplitGraph>(m, "SplitGraph", "A split flow graph and the plan of every group.")
        .def_readonly("graph", &SplitGraph::graph)
        .def_readonly("plans", &SplitGraph::plans);
    m.def("split_and_plan",
          &SplitAndPlan,
          py::arg("graph"),
          py::arg("shape"),
          py::arg("policy"),
          py::arg("ecmp_seed") = 0,
          "Split every flow of a graph into subflows pinned to the planner's paths.");

    py::class_<Replay>(m, "Replay", "Flow times of a replay without contention.")
        .def_readonly("startS", &Replay::startS)
        .def_readonly("finishS", &Replay::finishS)
        .def_readonly("makespanS", &Replay::makespanS);
    m.def("replay_without_contention",
          &ReplayWithoutContention,
          py::arg("graph"),
          py::arg("duration_s"),
          "Start and finish of every flow when flow f takes duration_s(f) and nothing "
          "interferes.");
}

void
BindMetrics(py::module_& m)
{
    m.def("bus_bw_factor", &BusBwFactor, py::arg("kind"), py::arg("ranks"));
    m.def("alg_bw_bps", &AlgBwBps, py::arg("bytes"), py::arg("seconds"));
    m.def("bus_bw_bps",
          &BusBwBps,
          py::arg("kind"),
          py::arg("ranks"),
          py::arg("bytes"),
          py::arg("seconds"));
    m.def("analytic_ring_allreduce_s",
          &AnalyticRingAllReduceS,
          py::arg("ranks"),
          py::arg("bytes"),
          py::arg("rate_bps"));

    py::class_<IdealCct>(m, "IdealCct", "The ideal completion time of one collective.")
        .def_readonly("stepS", &IdealCct::stepS)
        .def_readonly("chainS", &IdealCct::chainS)
        .def_readonly("linkS", &IdealCct::linkS)
        .def_readonly("transferS", &IdealCct::transferS)
        .def_readonly("bottleneckLink", &IdealCct::bottleneckLink)
        .def_readonly("maxLinkBytes", &IdealCct::maxLinkBytes)
        .def_readonly("idealS", &IdealCct::idealS);
    m.def("compute_ideal_cct",
          &ComputeIdealCct,
          py::arg("graph"),
          py::arg("collective"),
          py::arg("shape"),
          py::arg("wire"),
          py::arg("done") = FlowEvent::Delivered,
          "Ideal completion time of one collective; done=FlowEvent.Acked counts the last "
          "acknowledgements too.");
    m.def("compute_ideal_job",
          &ComputeIdealJob,
          py::arg("graph"),
          py::arg("job"),
          py::arg("shape"),
          py::arg("wire"),
          py::arg("done") = FlowEvent::Delivered,
          "Ideal time of all of a job's flows from time 0 (start delays and times included).");
    m.def(
        "matrix_flow_graph",
        [](const std::string& path, const std::string& name) {
            TransferGraph g = TransfersToFlowGraph(ReadTrafficMatrix(path), name);
            return py::make_tuple(std::move(g.graph), std::move(g.flowId));
        },
        py::arg("path"),
        py::arg("name") = "matrix",
        "Read a traffic-matrix file (htsim's connection matrices included) as a flow graph with "
        "htsim's trigger semantics: (graph, matrix flow id of every graph flow).");

    py::class_<CollectiveTiming>(m, "CollectiveTiming", "Measured times of one collective.")
        .def_readonly("startS", &CollectiveTiming::startS)
        .def_readonly("endS", &CollectiveTiming::endS)
        .def_readonly("cctS", &CollectiveTiming::cctS)
        .def_readonly("stepS", &CollectiveTiming::stepS);
    m.def("summarise_collective",
          &SummariseCollective,
          py::arg("graph"),
          py::arg("collective"),
          py::arg("start_s"),
          py::arg("finish_s"));
    py::class_<TrainingTiming>(m, "TrainingTiming", "Measured iteration times of one job.")
        .def_readonly("iterationS", &TrainingTiming::iterationS)
        .def_readonly("totalS", &TrainingTiming::totalS)
        .def_readonly("iterationsPerS", &TrainingTiming::iterationsPerS);
    m.def("summarise_training",
          &SummariseTraining,
          py::arg("graph"),
          py::arg("job"),
          py::arg("finish_s"));
}

} // namespace

void
BindCollective(py::module_& m)
{
    BindPlanner(m);
    BindCollectives(m);
    BindMetrics(m);
}

} // namespace planet::python
