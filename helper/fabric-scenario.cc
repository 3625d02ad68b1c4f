// SPDX-License-Identifier: GPL-2.0-only

#include "fabric-scenario.h"

#include "collective-scenario.h"
#include "fabric-leaf-spine-helper.h"
#include "rdma-helper.h"

#include "ns3/boolean.h"
#include "ns3/double.h"
#include "ns3/fabric-defaults.h"
#include "ns3/fabric-workload.h"
#include "ns3/log.h"
#include "ns3/random-variable-stream.h"
#include "ns3/rdma-path-selection.h"
#include "ns3/rdma-recovery.h"
#include "ns3/rng-seed-manager.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/uinteger.h"

#include <algorithm>
#include <iomanip>
#include <map>
#include <unordered_map>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("FabricScenario");

NS_OBJECT_ENSURE_REGISTERED(FabricScenario);

namespace
{

const std::map<std::string, std::string> kRouting{
    {"ecmp", "ns3::RdmaEcmpPath"},
    {"pinned-random", "ns3::RdmaPinnedPath"},
    {"spray-random", "ns3::RdmaSprayRandomPath"},
    {"spray-rr", "ns3::RdmaSprayRoundRobinPath"},
    {"adaptive", "ns3::RdmaAdaptivePath"},
    {"planned", "ns3::RdmaPinnedPath"}, // collectives: the planner's spine per subflow
};

const std::map<std::string, std::string> kRecovery{
    {"gbn", "ns3::RdmaGoBackN"},
    {"sr", "ns3::RdmaSelectiveRepeat"},
};

const std::map<std::string, std::string> kScheduler{
    {"map", "ns3::MapScheduler"},
    {"heap", "ns3::HeapScheduler"},
    {"list", "ns3::ListScheduler"},
    {"calendar", "ns3::CalendarScheduler"},
    {"priority", "ns3::PriorityQueueScheduler"},
};

/// The --hosts list: comma-separated host ids ("" gives none).
std::vector<uint32_t>
ParseHostList(const std::string& text)
{
    std::vector<uint32_t> hosts;
    std::size_t begin = 0;
    while (!text.empty() && begin <= text.size())
    {
        const std::size_t end = std::min(text.find(',', begin), text.size());
        const std::string item = text.substr(begin, end - begin);
        const bool digits = !item.empty() && item.size() <= 9 &&
                            item.find_first_not_of("0123456789") == std::string::npos;
        if (!digits)
        {
            throw std::invalid_argument("parameter 'hosts': '" + item +
                                        "' is not a host id; expected comma-separated "
                                        "non-negative integers, e.g. 0,5,9");
        }
        hosts.push_back(static_cast<uint32_t>(std::stoul(item)));
        begin = end + 1;
    }
    return hosts;
}

std::vector<std::string>
Keys(const std::map<std::string, std::string>& m)
{
    std::vector<std::string> keys;
    for (const auto& [k, v] : m)
    {
        keys.push_back(k);
    }
    return keys;
}

/// Per-flow state of a run.
struct FlowState
{
    Ptr<RdmaQueuePair> sender;
    Ptr<RdmaQueuePair> receiver;
    bool started{false};
    bool done{false};
    double startS{0};
    double doneS{0};
    std::vector<bool> paths; //!< uplink indices used at the source leaf
};

} // namespace

TypeId
FabricScenario::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::FabricScenario")
            .SetParent<PlanetScenario>()
            .SetGroupName("Planet")
            .AddConstructor<FabricScenario>()
            .AddAttribute("Leaves",
                          "Leaf (top-of-rack) switches",
                          UintegerValue(planet::defaults::kLeaves),
                          MakeUintegerAccessor(&FabricScenario::m_leaves),
                          MakeUintegerChecker<uint32_t>(1))
            .AddAttribute("Spines",
                          "Spine switches",
                          UintegerValue(planet::defaults::kSpines),
                          MakeUintegerAccessor(&FabricScenario::m_spines),
                          MakeUintegerChecker<uint32_t>(1))
            .AddAttribute("HostsPerLeaf",
                          "Hosts under each leaf",
                          UintegerValue(planet::defaults::kHostsPerLeaf),
                          MakeUintegerAccessor(&FabricScenario::m_hostsPerLeaf),
                          MakeUintegerChecker<uint32_t>(1))
            .AddAttribute("ParallelLinks",
                          "Links between each leaf and each spine",
                          UintegerValue(planet::defaults::kParallelLinks),
                          MakeUintegerAccessor(&FabricScenario::m_parallelLinks),
                          MakeUintegerChecker<uint32_t>(1))
            .AddAttribute(
                "HostRate",
                "Host <-> leaf link rate",
                DataRateValue(DataRate(static_cast<uint64_t>(planet::defaults::kLinkRateBps))),
                MakeDataRateAccessor(&FabricScenario::m_hostRate),
                MakeDataRateChecker())
            .AddAttribute(
                "FabricRate",
                "Leaf <-> spine link rate",
                DataRateValue(DataRate(static_cast<uint64_t>(planet::defaults::kLinkRateBps))),
                MakeDataRateAccessor(&FabricScenario::m_fabricRate),
                MakeDataRateChecker())
            .AddAttribute("LinkDelay",
                          "Propagation delay of every link",
                          TimeValue(Seconds(planet::defaults::kLinkDelayS)),
                          MakeTimeAccessor(&FabricScenario::m_linkDelay),
                          MakeTimeChecker(Seconds(0)))
            .AddAttribute("Workload",
                          "permutation|incast|alltoall|matrix, or a collective: "
                          "allreduce-ring|allreduce-hd|allreduce-tree|reducescatter|allgather|"
                          "alltoall-collective|alltoall-pairwise|broadcast|broadcast-tree|"
                          "training",
                          StringValue("permutation"),
                          MakeStringAccessor(&FabricScenario::m_workload),
                          MakeStringChecker())
            .AddAttribute("Bytes",
                          "Payload bytes per flow (permutation, incast, alltoall); collective "
                          "size S per rank (collectives, nccl-tests convention)",
                          UintegerValue(1000000),
                          MakeUintegerAccessor(&FabricScenario::m_bytes),
                          MakeUintegerChecker<uint64_t>())
            .AddAttribute("IncastSenders",
                          "Senders of the incast workload",
                          UintegerValue(8),
                          MakeUintegerAccessor(&FabricScenario::m_incastSenders),
                          MakeUintegerChecker<uint32_t>(1))
            .AddAttribute("Matrix",
                          "Traffic-matrix file of the matrix workload: 'src dst bytes "
                          "[start_s]' lines or htsim's 'S->D id N start T size B [trigger X] "
                          "[send_done_trigger Y]'",
                          StringValue(""),
                          MakeStringAccessor(&FabricScenario::m_matrix),
                          MakeStringChecker())
            .AddAttribute("Routing",
                          "ecmp|pinned-random|spray-random|spray-rr|adaptive|planned "
                          "(collectives: split and pinned by the planner)",
                          StringValue("ecmp"),
                          MakeStringAccessor(&FabricScenario::m_routing),
                          MakeStringChecker())
            .AddAttribute("Recovery",
                          "Loss recovery: gbn (go-back-N) | sr (selective repeat)",
                          StringValue("sr"),
                          MakeStringAccessor(&FabricScenario::m_recovery),
                          MakeStringChecker())
            .AddAttribute("Mtu",
                          "Payload bytes per packet",
                          UintegerValue(planet::defaults::kMtuBytes),
                          MakeUintegerAccessor(&FabricScenario::m_mtu),
                          MakeUintegerChecker<uint32_t>(1, 0x7ffffffe))
            .AddAttribute("OverheadBytes",
                          "Wire bytes per packet beyond the payload (RoCEv2: 62 B headers + "
                          "20 B preamble and gap)",
                          UintegerValue(planet::defaults::kOverheadBytes),
                          MakeUintegerAccessor(&FabricScenario::m_overheadBytes),
                          MakeUintegerChecker<uint32_t>())
            .AddAttribute("BufferBytes",
                          "Egress queue limit per port (wire bytes)",
                          UintegerValue(planet::defaults::kBufferBytes),
                          MakeUintegerAccessor(&FabricScenario::m_bufferBytes),
                          MakeUintegerChecker<uint64_t>(1))
            .AddAttribute("Ecn",
                          "ECN marking at the queues",
                          BooleanValue(true),
                          MakeBooleanAccessor(&FabricScenario::m_ecn),
                          MakeBooleanChecker())
            .AddAttribute("EcnKmin",
                          "Queue bytes below which nothing is marked",
                          UintegerValue(planet::defaults::kEcnKminBytes),
                          MakeUintegerAccessor(&FabricScenario::m_ecnKmin),
                          MakeUintegerChecker<uint64_t>())
            .AddAttribute("EcnKmax",
                          "Queue bytes above which everything is marked",
                          UintegerValue(planet::defaults::kEcnKmaxBytes),
                          MakeUintegerAccessor(&FabricScenario::m_ecnKmax),
                          MakeUintegerChecker<uint64_t>())
            .AddAttribute("EcnPmax",
                          "Marking probability at EcnKmax",
                          DoubleValue(planet::defaults::kEcnPmax),
                          MakeDoubleAccessor(&FabricScenario::m_ecnPmax),
                          MakeDoubleChecker<double>(0, 1))
            .AddAttribute("AckEvery",
                          "Receiver acknowledges every this many packets",
                          UintegerValue(planet::defaults::kAckEvery),
                          MakeUintegerAccessor(&FabricScenario::m_ackEvery),
                          MakeUintegerChecker<uint32_t>(1))
            .AddAttribute("WindowBytes",
                          "Most unacknowledged payload bytes per queue pair (0: one "
                          "bandwidth-delay product of the fabric)",
                          UintegerValue(planet::defaults::kWindowBytes),
                          MakeUintegerAccessor(&FabricScenario::m_windowBytes),
                          MakeUintegerChecker<uint64_t>())
            .AddAttribute("Rto",
                          "Retransmission timeout (selective repeat: while more than "
                          "rtoLowPackets are in flight); 0: the largest RTT the buffers allow "
                          "(IRN's RTO_high)",
                          TimeValue(Seconds(0)),
                          MakeTimeAccessor(&FabricScenario::m_rto),
                          MakeTimeChecker(Seconds(0)))
            .AddAttribute("RtoLow",
                          "Selective repeat: the timeout while at most rtoLowPackets are in "
                          "flight (IRN's RTO_low, for tail losses)",
                          TimeValue(Seconds(planet::defaults::kRtoLowS)),
                          MakeTimeAccessor(&FabricScenario::m_rtoLow),
                          MakeTimeChecker(NanoSeconds(1)))
            .AddAttribute("RtoLowPackets",
                          "Selective repeat: packets in flight up to which rtoLow applies "
                          "(IRN's N)",
                          UintegerValue(planet::defaults::kRtoLowPackets),
                          MakeUintegerAccessor(&FabricScenario::m_rtoLowPackets),
                          MakeUintegerChecker<uint32_t>())
            .AddAttribute("ReorderTolerance",
                          "Selective repeat: transmissions after a hole, acknowledged, before "
                          "it counts as lost (where each queue pair starts; it adapts)",
                          UintegerValue(planet::defaults::kReorderTolerance),
                          MakeUintegerAccessor(&FabricScenario::m_reorderTolerance),
                          MakeUintegerChecker<uint32_t>(1))
            .AddAttribute("Pinning",
                          "How pinned-random and planned pin a path: entropy (the UDP source "
                          "port the switches' ECMP hash maps to it, as RoCE NICs can) | pathid "
                          "(an explicit path index every switch honours: source routing)",
                          StringValue("entropy"),
                          MakeStringAccessor(&FabricScenario::m_pinning),
                          MakeStringChecker())
            .AddAttribute("Loss",
                          "Deterministic losses for testing recovery: none | last (every "
                          "message's last packet, once) | psn:P (PSN P of every flow, once) | "
                          "nth:N (the N-th data packet arriving at every flow)",
                          StringValue("none"),
                          MakeStringAccessor(&FabricScenario::m_loss),
                          MakeStringChecker())
            .AddAttribute("Scheduler",
                          "Simulator event scheduler: map|heap|list|calendar|priority",
                          StringValue("priority"),
                          MakeStringAccessor(&FabricScenario::m_scheduler),
                          MakeStringChecker())
            .AddAttribute("StopTime",
                          "Simulated time after which the run stops even if flows remain",
                          TimeValue(Seconds(10)),
                          MakeTimeAccessor(&FabricScenario::m_stopTime),
                          MakeTimeChecker(NanoSeconds(1)))
            .AddAttribute("Jobs",
                          "Concurrent jobs running the collective workload, each of --ranks "
                          "ranks on hosts of its own, planned together",
                          UintegerValue(1),
                          MakeUintegerAccessor(&FabricScenario::m_jobs),
                          MakeUintegerChecker<uint32_t>(1))
            .AddAttribute("Ranks",
                          "Ranks of each job's collective (0: the hosts shared out among the "
                          "jobs)",
                          UintegerValue(0),
                          MakeUintegerAccessor(&FabricScenario::m_ranks),
                          MakeUintegerChecker<uint32_t>())
            .AddAttribute("Placement",
                          "Hosts of the ranks (job after job): contiguous|strided (consecutive "
                          "ranks on consecutive leaves)|random (seeded by --seed/--run)|explicit "
                          "(--hosts)",
                          StringValue("contiguous"),
                          MakeStringAccessor(&FabricScenario::m_placement),
                          MakeStringChecker())
            .AddAttribute("Hosts",
                          "Hosts of the ranks for --placement=explicit, comma-separated, rank by "
                          "rank, job after job",
                          StringValue(""),
                          MakeStringAccessor(&FabricScenario::m_hosts),
                          MakeStringChecker())
            .AddAttribute("Splits",
                          "Subflows per collective flow: k, or auto (uplinks/gcd(r, uplinks))",
                          StringValue("1"),
                          MakeStringAccessor(&FabricScenario::m_splits),
                          MakeStringChecker())
            .AddAttribute("JointPlanning",
                          "Plan the concurrent flows of all jobs together (C4P-style); false: "
                          "each job's as if it ran alone (--routing=planned)",
                          BooleanValue(true),
                          MakeBooleanAccessor(&FabricScenario::m_jointPlanning),
                          MakeBooleanChecker())
            .AddAttribute("ShareWindow",
                          "Subflows of a split collective flow share its window (its packets "
                          "dealt out among them, at least one each); false: each has a whole "
                          "window",
                          BooleanValue(true),
                          MakeBooleanAccessor(&FabricScenario::m_shareWindow),
                          MakeBooleanChecker())
            .AddAttribute("Iterations",
                          "Training iterations (workload training)",
                          UintegerValue(1),
                          MakeUintegerAccessor(&FabricScenario::m_iterations),
                          MakeUintegerChecker<uint32_t>(1))
            .AddAttribute("ForwardTime",
                          "Forward pass of each training iteration (workload training)",
                          TimeValue(Seconds(0)),
                          MakeTimeAccessor(&FabricScenario::m_forwardTime),
                          MakeTimeChecker(Seconds(0)))
            .AddAttribute("ComputeTime",
                          "Backward pass of each training iteration, before (or, in buckets, "
                          "overlapping) the gradients' collective (workload training)",
                          TimeValue(Seconds(0)),
                          MakeTimeAccessor(&FabricScenario::m_computeTime),
                          MakeTimeChecker(Seconds(0)))
            .AddAttribute("Buckets",
                          "Gradient buckets (workload training): bucket j's collective starts "
                          "when (j+1)/buckets of the backward pass is done",
                          UintegerValue(1),
                          MakeUintegerAccessor(&FabricScenario::m_buckets),
                          MakeUintegerChecker<uint32_t>(1))
            .AddAttribute("TrainingCollective",
                          "Gradient collective of the training workload: "
                          "allreduce-ring|allreduce-hd|allreduce-tree",
                          StringValue("allreduce-ring"),
                          MakeStringAccessor(&FabricScenario::m_trainingCollective),
                          MakeStringChecker())
            .AddAttribute("ChunkBytes",
                          "Pipeline chunk of the tree AllReduce and the broadcasts",
                          UintegerValue(1 << 20),
                          MakeUintegerAccessor(&FabricScenario::m_chunkBytes),
                          MakeUintegerChecker<uint64_t>(1))
            .AddTraceSource("NetworkBuilt",
                            "The fabric and the stacks exist; the simulation has not started",
                            MakeTraceSourceAccessor(&FabricScenario::m_networkBuilt),
                            "ns3::FabricScenario::NetworkBuiltCallback");
    return tid;
}

FabricScenario::FabricScenario() = default;

nlohmann::json
FabricScenario::DoRunScenario()
{
    std::vector<std::string> workloads{"permutation", "incast", "alltoall", "matrix"};
    for (const std::string& name : CollectiveWorkload::Names())
    {
        workloads.push_back(name);
    }
    CheckChoice("workload", m_workload, workloads);
    const bool collectiveWorkload = CollectiveWorkload::IsCollective(m_workload);
    CheckChoice("routing", m_routing, Keys(kRouting));
    if (m_routing == "planned" && !collectiveWorkload)
    {
        throw std::invalid_argument("parameter 'routing': planned needs a collective workload");
    }
    CheckChoice("recovery", m_recovery, Keys(kRecovery));
    CheckChoice("pinning", m_pinning, {"entropy", "pathid"});
    CheckChoice("scheduler", m_scheduler, Keys(kScheduler));
    if (m_workload == "matrix" && m_matrix.empty())
    {
        throw std::invalid_argument("parameter 'matrix': workload 'matrix' needs --matrix=FILE");
    }
    if (m_ecn && m_ecnKmax <= m_ecnKmin)
    {
        throw std::invalid_argument("parameter 'ecnKmax': must be larger than ecnKmin");
    }

    planet::LeafSpineShape shape;
    shape.leaves = m_leaves;
    shape.spines = m_spines;
    shape.hostsPerLeaf = m_hostsPerLeaf;
    shape.parallelLinks = m_parallelLinks;
    shape.hostRateBps = static_cast<double>(m_hostRate.GetBitRate());
    shape.fabricRateBps = static_cast<double>(m_fabricRate.GetBitRate());
    shape.linkDelayS = m_linkDelay.GetSeconds();
    shape.Validate();
    planet::WireFormat wire;
    wire.mtuBytes = m_mtu;
    wire.overheadBytes = m_overheadBytes;
    wire.Validate();

    ObjectFactory scheduler;
    scheduler.SetTypeId(kScheduler.at(m_scheduler));
    Simulator::SetScheduler(scheduler);

    // The workload: random ones draw from stream 0 (so --run changes them, --seed repeats).
    Ptr<UniformRandomVariable> workloadRng = CreateObject<UniformRandomVariable>();
    workloadRng->SetStream(0);
    const planet::UniformIndex draw = [workloadRng](uint32_t n) {
        return static_cast<uint32_t>(workloadRng->GetInteger(0, n - 1));
    };
    std::vector<planet::TrafficFlow> flows;
    std::unique_ptr<CollectiveWorkload> collective;
    if (collectiveWorkload)
    {
        CollectiveWorkloadConfig config;
        config.workload = m_workload;
        config.placement = m_placement;
        config.routing = m_routing;
        config.splits = m_splits;
        config.jobs = m_jobs;
        config.ranks = m_ranks;
        config.hosts = ParseHostList(m_hosts);
        config.bytes = m_bytes;
        config.iterations = m_iterations;
        config.forwardS = m_forwardTime.GetSeconds();
        config.computeS = m_computeTime.GetSeconds();
        config.buckets = m_buckets;
        config.trainingCollective = m_trainingCollective;
        config.chunkBytes = m_chunkBytes;
        config.shareWindow = m_shareWindow;
        config.jointPlanning = m_jointPlanning;
        config.placementSeed = RngSeedManager::GetSeed() * 1000003ULL + RngSeedManager::GetRun();
        collective = std::make_unique<CollectiveWorkload>(config, shape, wire);
    }
    else if (m_workload == "permutation")
    {
        flows = planet::PermutationWorkload(shape.Hosts(), m_bytes, draw);
    }
    else if (m_workload == "incast")
    {
        flows = planet::IncastWorkload(shape.Hosts(), m_incastSenders, m_bytes, draw);
    }
    else if (m_workload == "alltoall")
    {
        flows = planet::AllToAllWorkload(shape.Hosts(), m_bytes);
    }
    else if (m_workload == "matrix")
    {
        const planet::TrafficMatrix matrix = planet::ReadTrafficMatrix(m_matrix);
        if (matrix.hosts > shape.Hosts())
        {
            throw std::invalid_argument("parameter 'matrix': " + m_matrix + " has " +
                                        std::to_string(matrix.hosts) + " nodes, the fabric only " +
                                        std::to_string(shape.Hosts()) + " hosts");
        }
        planet::CheckFlowHosts(matrix.flows, shape.Hosts(), m_matrix);
        flows = matrix.flows;
    }
    const planet::IdealBound ideal =
        planet::ComputeIdealBound(shape, wire, planet::ToFabricFlows(flows));

    // The fabric and the transport.
    LeafSpineHelper fabric(shape);
    fabric.SetDeviceAttribute("OverheadBytes", UintegerValue(m_overheadBytes));
    fabric.SetDeviceAttribute("BufferBytes", UintegerValue(m_bufferBytes));
    fabric.SetDeviceAttribute("EcnMarking", BooleanValue(m_ecn));
    fabric.SetDeviceAttribute("EcnKmin", UintegerValue(m_ecnKmin));
    fabric.SetDeviceAttribute("EcnKmax", UintegerValue(m_ecnKmax));
    fabric.SetDeviceAttribute("EcnPmax", DoubleValue(m_ecnPmax));
    fabric.Install();
    fabric.AssignStreams(1);

    RdmaHelper rdma;
    rdma.SetRecoveryAttribute("ReorderTolerance", UintegerValue(m_reorderTolerance));
    rdma.SetRecoveryAttribute("RtoLow", TimeValue(m_rtoLow));
    rdma.SetRecoveryAttribute("RtoLowPackets", UintegerValue(m_rtoLowPackets));
    rdma.SetPathSelectionAttribute("Pinning",
                                   StringValue(m_pinning == "entropy" ? "Entropy" : "PathId"));
    rdma.SetFabric(fabric);
    rdma.SetLoss(m_loss);
    rdma.SetStackAttribute("Mtu", UintegerValue(m_mtu));
    rdma.SetStackAttribute("AckEvery", UintegerValue(m_ackEvery));
    rdma.SetStackAttribute("WindowBytes", UintegerValue(m_windowBytes));
    if (m_rto > Seconds(0))
    {
        rdma.SetStackAttribute("RetransmitTimeout", TimeValue(m_rto));
    }
    rdma.SetStackAttribute("Recovery", TypeIdValue(TypeId::LookupByName(kRecovery.at(m_recovery))));
    rdma.SetStackAttribute("PathSelection",
                           TypeIdValue(TypeId::LookupByName(kRouting.at(m_routing))));
    const std::vector<Ptr<RdmaStack>> stacks = rdma.Install(fabric.GetHosts());
    RdmaHelper::AssignStreams(stacks, 100000);
    if (collective)
    {
        collective->Install(fabric.GetHosts(), stacks);
    }

    // One queue pair per flow.
    const uint32_t uplinks = shape.UplinksPerLeaf();
    std::vector<FlowState> state(flows.size());
    std::vector<std::vector<uint32_t>> flowOfQp(shape.Hosts());    // src host, qpn -> flow
    std::unordered_map<uint32_t, std::vector<uint32_t>> triggered; // trigger -> flows
    std::unordered_map<uint32_t, bool> fired;
    uint32_t doneFlows = 0;

    std::function<void(uint32_t)> startFlow;
    auto fire = [&](uint32_t trigger) {
        if (trigger == 0 || fired[trigger])
        {
            return; // one-shot
        }
        fired[trigger] = true;
        const auto it = triggered.find(trigger);
        if (it != triggered.end())
        {
            for (uint32_t i : it->second)
            {
                startFlow(i);
            }
        }
    };
    startFlow = [&](uint32_t i) {
        FlowState& f = state[i];
        if (f.started)
        {
            return;
        }
        f.started = true;
        f.startS = Simulator::Now().GetSeconds();
        f.sender->PostMessage(flows[i].bytes);
    };
    for (uint32_t i = 0; i < flows.size(); ++i)
    {
        const planet::TrafficFlow& flow = flows[i];
        FlowState& f = state[i];
        f.sender = stacks[flow.src]->Connect(stacks[flow.dst]);
        f.receiver = stacks[flow.dst]->GetQueuePair(f.sender->GetRemoteQpn());
        flowOfQp[flow.src].resize(f.sender->GetQpn() + 1, UINT32_MAX);
        flowOfQp[flow.src][f.sender->GetQpn()] = i;
        f.receiver->SetReceiveCallback(RdmaQueuePair::ReceiveCallback([&, i](uint64_t, uint64_t) {
            FlowState& g = state[i];
            g.done = true;
            g.doneS = Simulator::Now().GetSeconds();
            fire(flows[i].sendDoneTrigger);
            if (++doneFlows == flows.size())
            {
                Simulator::Stop();
            }
        }));
        if (flow.trigger != 0)
        {
            triggered[flow.trigger].push_back(i);
        }
        else
        {
            Simulator::Schedule(Seconds(flow.startS), [&startFlow, i]() { startFlow(i); });
        }
    }
    for (uint32_t l = 0; l < shape.leaves; ++l)
    {
        fabric.GetLeafSwitch(l)->TraceConnectWithoutContext(
            "PathChosen",
            Callback<void, const FabricHeader&, uint32_t, uint32_t>(
                [&](const FabricHeader& h, uint32_t, uint32_t member) {
                    if (h.Has(FabricHeader::CONTROL) || h.src >= flowOfQp.size() ||
                        h.flowLabel >= flowOfQp[h.src].size())
                    {
                        return;
                    }
                    std::vector<bool>& paths = state[flowOfQp[h.src][h.flowLabel]].paths;
                    if (paths.empty())
                    {
                        paths.assign(uplinks, false);
                    }
                    paths[member] = true;
                }));
    }
    m_networkBuilt(fabric, stacks);

    Simulator::Stop(m_stopTime);
    Simulator::Run();
    const double endS = Simulator::Now().GetSeconds();

    // The record.
    nlohmann::json record;
    nlohmann::json flowList = nlohmann::json::array();
    uint64_t requested = 0;
    uint64_t delivered = 0;
    double completion = 0;
    uint32_t notStarted = 0;
    std::vector<uint32_t> unfinished;
    for (uint32_t i = 0; i < flows.size(); ++i)
    {
        const planet::TrafficFlow& flow = flows[i];
        const FlowState& f = state[i];
        requested += flow.bytes;
        delivered += f.receiver->GetDeliveredBytes();
        nlohmann::json paths = nlohmann::json::array();
        for (uint32_t p = 0; p < f.paths.size(); ++p)
        {
            if (f.paths[p])
            {
                paths.push_back(p);
            }
        }
        nlohmann::json entry = {
            {"id", flow.id},
            {"src", flow.src},
            {"dst", flow.dst},
            {"bytes", flow.bytes},
            {"start_s", f.started ? nlohmann::json(f.startS) : nlohmann::json()},
            {"fct_s", f.done ? nlohmann::json(f.doneS - f.startS) : nlohmann::json()},
            {"paths", paths}};
        flowList.push_back(entry);
        if (f.done)
        {
            completion = std::max(completion, f.doneS);
        }
        else
        {
            notStarted += f.started ? 0 : 1;
            unfinished.push_back(i);
        }
    }
    nlohmann::json links = nlohmann::json::array();
    uint64_t drops = 0;
    uint64_t marks = 0;
    uint64_t maxLinkBytes = 0;
    uint64_t maxQueue = 0;
    for (uint32_t i = 0; i < shape.LinkCount(); ++i)
    {
        const FabricPortStats s = fabric.GetLinkDevice(i)->GetStats();
        drops += s.drops;
        marks += s.ecnMarks;
        maxLinkBytes = std::max(maxLinkBytes, s.txBytes);
        maxQueue = std::max(maxQueue, s.maxQueueBytes);
        links.push_back({{"name", shape.LinkName(i)},
                         {"bytes", s.txBytes},
                         {"packets", s.txPackets},
                         {"max_queue_bytes", s.maxQueueBytes},
                         {"avg_queue_bytes", endS > 0 ? s.queueByteSeconds / endS : 0.0},
                         {"drops", s.drops},
                         {"ecn_marks", s.ecnMarks}});
    }
    uint64_t retransmitted = 0;
    uint64_t timeouts = 0;
    for (const auto& s : stacks)
    {
        retransmitted += s->GetRetransmittedPackets();
        timeouts += s->GetTimeouts();
    }
    nlohmann::json warnings = nlohmann::json::array();
    if (delivered != requested || !unfinished.empty())
    {
        const planet::TrafficFlow& first = flows[unfinished.front()];
        warnings.push_back(
            std::to_string(unfinished.size()) + " of " + std::to_string(flows.size()) +
            " flows not delivered (" + std::to_string(delivered) + " of " +
            std::to_string(requested) + " bytes): " + std::to_string(notStarted) +
            " never started (their trigger never fired), the others were cut off at t=" +
            std::to_string(endS) + " s (stopTime); first: flow id " + std::to_string(first.id) +
            " " + std::to_string(first.src) + "->" + std::to_string(first.dst));
    }

    record["workload"] = m_workload;
    record["routing"] = m_routing;
    record["recovery"] = m_recovery;
    record["hosts"] = shape.Hosts();
    record["completion_s"] = completion;
    record["ideal_s"] = ideal.idealS;
    record["completion_over_ideal"] = ideal.idealS > 0 ? completion / ideal.idealS : 0.0;
    record["ideal_transfer_s"] = ideal.transferS;
    record["ideal_latency_s"] = ideal.latencyS;
    record["ideal_bottleneck_link"] = shape.LinkName(ideal.bottleneckLink);
    record["ideal_max_link_bytes"] = ideal.maxLinkBytes;
    record["bytes_requested"] = requested;
    record["bytes_delivered"] = delivered;
    record["flows_total"] = flows.size();
    record["flows_done"] = doneFlows;
    record["drops"] = drops;
    record["ecn_marks"] = marks;
    record["retransmitted_packets"] = retransmitted;
    record["timeouts"] = timeouts;
    record["max_link_bytes"] = maxLinkBytes;
    record["max_queue_bytes"] = maxQueue;
    record["oversubscription"] = fabric.GetOversubscription();
    record["warnings"] = warnings;
    record["flows"] = flowList;
    record["links"] = links;
    if (collective)
    {
        collective->Report(record);
    }
    return record;
}

void
FabricScenario::PrintSummary(const nlohmann::json& record, std::ostream& os) const
{
    const auto& config = record.at("config");
    os << "planet-fabric: " << record.at("workload").get<std::string>() << " on "
       << record.at("hosts").get<uint32_t>() << " hosts (" << config.at("leaves") << " leaves x "
       << config.at("hostsPerLeaf") << ", " << config.at("spines") << " spines, oversubscription "
       << record.at("oversubscription").get<double>() << "), routing "
       << record.at("routing").get<std::string>() << ", recovery "
       << record.at("recovery").get<std::string>() << std::endl;
    const double completion = record.at("completion_s").get<double>();
    const double ideal = record.at("ideal_s").get<double>();
    os << std::setprecision(6) << "completion " << completion * 1e6 << " us, ideal " << ideal * 1e6
       << " us, ratio " << std::setprecision(4) << record.at("completion_over_ideal").get<double>()
       << std::endl;
    os << "flows " << record.at("flows_done") << "/" << record.at("flows_total") << ", bytes "
       << record.at("bytes_delivered") << "/" << record.at("bytes_requested") << ", drops "
       << record.at("drops") << ", ECN marks " << record.at("ecn_marks") << ", retransmitted "
       << record.at("retransmitted_packets") << " packets, timeouts " << record.at("timeouts")
       << ", max queue " << record.at("max_queue_bytes") << " B" << std::endl;
    for (const auto& w : record.at("warnings"))
    {
        os << "WARNING: " << w.get<std::string>() << std::endl;
    }
    PlanetScenario::PrintSummary(record, os);
}

} // namespace ns3
