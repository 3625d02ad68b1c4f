// SPDX-License-Identifier: GPL-2.0-only

#include "fabric-scenario.h"

#include "fabric-time-series.h"
#include "rdma-helper.h"

#include "ns3/boolean.h"
#include "ns3/double.h"
#include "ns3/fabric-defaults.h"
#include "ns3/fabric-workload.h"
#include "ns3/log.h"
#include "ns3/random-variable-stream.h"
#include "ns3/rdma-congestion-control.h"
#include "ns3/rdma-path-selection.h"
#include "ns3/rdma-recovery.h"
#include "ns3/rng-seed-manager.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/uinteger.h"

#include <algorithm>
#include <fstream>
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

const std::map<std::string, std::string> kCongestionControl{
    {"none", "ns3::RdmaCcNone"},
    {"dcqcn", "ns3::RdmaDcqcn"},
    {"hpcc", "ns3::RdmaHpcc"},
    {"swift", "ns3::RdmaSwift"},
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
            .AddAttribute("FlowletGap",
                          "routing=adaptive: a flow keeps its port at every switch until it "
                          "pauses this long (0: every packet chooses)",
                          TimeValue(Seconds(0)),
                          MakeTimeAccessor(&FabricScenario::m_flowletGap),
                          MakeTimeChecker(Seconds(0)))
            .AddAttribute("Recovery",
                          "Loss recovery: gbn (go-back-N) | sr (selective repeat)",
                          StringValue("sr"),
                          MakeStringAccessor(&FabricScenario::m_recovery),
                          MakeStringChecker())
            .AddAttribute("Cc",
                          "Congestion control: none | dcqcn | hpcc | swift (their parameters: "
                          "the attributes of ns3::RdmaDcqcn, ns3::RdmaHpcc, ns3::RdmaSwift)",
                          StringValue("none"),
                          MakeStringAccessor(&FabricScenario::m_cc),
                          MakeStringChecker())
            .AddAttribute("CcParams",
                          "Parameters of the congestion control, as its attribute names: "
                          "Name=value,... (e.g. RateAi=40Mb/s,EwmaGain=0.0625 for dcqcn)",
                          StringValue(""),
                          MakeStringAccessor(&FabricScenario::m_ccParams),
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
            .AddAttribute("EcnMarkAt",
                          "Where the queues mark: enqueue (on the bytes before the packet) | "
                          "dequeue (on the bytes behind it)",
                          StringValue("enqueue"),
                          MakeStringAccessor(&FabricScenario::m_ecnMarkAt),
                          MakeStringChecker())
            .AddAttribute("Fabric",
                          "Preset of the fabric's pieces, each overridable by its own "
                          "parameter: lossy (per-port tail-drop queues, no PFC) | lossless "
                          "(PFC on the data priority, shared-buffer switches, DCQCN's ECN "
                          "marking)",
                          StringValue("lossy"),
                          MakeStringAccessor(&FabricScenario::m_fabric),
                          MakeStringChecker())
            .AddAttribute("Pfc",
                          "PFC (802.1Qbb) on the data priority, at every port and host NIC "
                          "(needs sharedBuffer)",
                          BooleanValue(false),
                          MakeBooleanAccessor(&FabricScenario::m_pfc),
                          MakeBooleanChecker())
            .AddAttribute("SharedBuffer",
                          "Switches with one shared buffer and dynamic thresholds (false: a "
                          "bufferBytes tail-drop queue per port)",
                          BooleanValue(false),
                          MakeBooleanAccessor(&FabricScenario::m_sharedBuffer),
                          MakeBooleanChecker())
            .AddAttribute("SwitchBufferBytes",
                          "A shared-buffer switch's whole buffer (0: switchBufferBytesPerPort "
                          "per port)",
                          UintegerValue(0),
                          MakeUintegerAccessor(&FabricScenario::m_switchBufferBytes),
                          MakeUintegerChecker<uint64_t>())
            .AddAttribute("SwitchBufferBytesPerPort",
                          "Shared buffer per port (default: a Tomahawk-class 12 MB over 32 "
                          "ports)",
                          UintegerValue(planet::defaults::kSwitchBufferBytesPerPort),
                          MakeUintegerAccessor(&FabricScenario::m_switchBufferBytesPerPort),
                          MakeUintegerChecker<uint64_t>(1))
            .AddAttribute("ReservedBytes",
                          "Shared buffer: bytes reserved per egress queue (0: one packet)",
                          UintegerValue(0),
                          MakeUintegerAccessor(&FabricScenario::m_reservedBytes),
                          MakeUintegerChecker<uint64_t>())
            .AddAttribute("DtAlpha",
                          "Shared buffer: dynamic threshold alpha of lossy queues",
                          DoubleValue(planet::defaults::kDtAlpha),
                          MakeDoubleAccessor(&FabricScenario::m_dtAlpha),
                          MakeDoubleChecker<double>(0))
            .AddAttribute("PfcAlpha",
                          "Shared buffer: dynamic XOFF threshold alpha of lossless ingress "
                          "queues",
                          DoubleValue(planet::defaults::kPfcAlpha),
                          MakeDoubleAccessor(&FabricScenario::m_pfcAlpha),
                          MakeDoubleChecker<double>(0))
            .AddAttribute("PfcXoffBytes",
                          "Static XOFF threshold of lossless ingress queues (0: dynamic, "
                          "pfcAlpha)",
                          UintegerValue(0),
                          MakeUintegerAccessor(&FabricScenario::m_pfcXoffBytes),
                          MakeUintegerChecker<uint64_t>())
            .AddAttribute("HeadroomBytes",
                          "PFC headroom per port and lossless priority (0: 2 x rate x delay "
                          "of the link + 3 packets + a PAUSE frame)",
                          UintegerValue(0),
                          MakeUintegerAccessor(&FabricScenario::m_headroomBytes),
                          MakeUintegerChecker<uint64_t>())
            .AddAttribute("PauseQuanta",
                          "Quanta (512 bit times) of the PAUSE frames sent",
                          UintegerValue(planet::defaults::kPauseQuanta),
                          MakeUintegerAccessor(&FabricScenario::m_pauseQuanta),
                          MakeUintegerChecker<uint32_t>(1, 0xffff))
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
            .AddAttribute("FlowDone",
                          "When a flow is done and the flows that depend on it may start: acked "
                          "(its sender has the last acknowledgement, as in htsim) | delivered "
                          "(its receiver has the last byte); fct_s and completion_s follow it. "
                          "A matrix's send_done_trigger/recv_done_trigger name their own event",
                          StringValue("acked"),
                          MakeStringAccessor(&FabricScenario::m_flowDone),
                          MakeStringChecker())
            .AddAttribute("ReuseConnections",
                          "A flow graph's flows of one job between two hosts (per subflow and "
                          "planned path) share one queue pair across steps and iterations, as "
                          "NCCL keeps its connections; false: a queue pair per (sub)flow",
                          BooleanValue(true),
                          MakeBooleanAccessor(&FabricScenario::m_reuseConnections),
                          MakeBooleanChecker())
            .AddAttribute("FlowRecords",
                          "Put one entry per (sub)flow into the record's 'flows' (false: an empty "
                          "list, for very large runs)",
                          BooleanValue(true),
                          MakeBooleanAccessor(&FabricScenario::m_flowRecords),
                          MakeBooleanChecker())
            .AddAttribute("TraceQueues",
                          "Queue depth over time of these links, as CSV: all, fabric (the "
                          "leaf-spine links) or links A-B (leaf2-spine1, spine1-leaf2, "
                          "host3-leaf0, leaf0-host3; spine1.0 for parallel link 0), "
                          "comma-separated; empty: none",
                          StringValue(""),
                          MakeStringAccessor(&FabricScenario::m_traceQueues),
                          MakeStringChecker())
            .AddAttribute("TraceRates",
                          "Rates over time as CSV: every host's goodput and the transmit rate "
                          "of the TraceQueues links",
                          BooleanValue(false),
                          MakeBooleanAccessor(&FabricScenario::m_traceRates),
                          MakeBooleanChecker())
            .AddAttribute("SampleInterval",
                          "Interval of the TraceQueues and TraceRates series",
                          TimeValue(MicroSeconds(10)),
                          MakeTimeAccessor(&FabricScenario::m_sampleInterval),
                          MakeTimeChecker())
            .AddAttribute("TracePrefix",
                          "Path prefix of the series' CSV files (<prefix>queues.csv, "
                          "<prefix>rates.csv); empty: beside the --json record (run.json -> "
                          "run.queues.csv), else planet-fabric.queues.csv",
                          StringValue(""),
                          MakeStringAccessor(&FabricScenario::m_tracePrefix),
                          MakeStringChecker())
            .AddTraceSource("NetworkBuilt",
                            "The fabric and the stacks exist; the simulation has not started",
                            MakeTraceSourceAccessor(&FabricScenario::m_networkBuilt),
                            "ns3::FabricScenario::NetworkBuiltCallback");
    return tid;
}

FabricScenario::FabricScenario() = default;

const std::map<std::string, std::map<std::string, std::string>>&
FabricScenario::FabricPresets()
{
    static const std::map<std::string, std::map<std::string, std::string>> presets{
        {"lossy",
         {{"cc", "none"},
          {"pfc", "false"},
          {"sharedBuffer", "false"},
          {"ecnKmin", std::to_string(planet::defaults::kEcnKminBytes)},
          {"ecnKmax", std::to_string(planet::defaults::kEcnKmaxBytes)},
          {"ecnPmax", std::to_string(planet::defaults::kEcnPmax)}}},
        {"lossless",
         {{"cc", "dcqcn"},
          {"pfc", "true"},
          {"sharedBuffer", "true"},
          {"ecn", "true"},
          {"ecnKmin", std::to_string(planet::defaults::kLosslessEcnKminBytes)},
          {"ecnKmax", std::to_string(planet::defaults::kLosslessEcnKmaxBytes)},
          {"ecnPmax", std::to_string(planet::defaults::kLosslessEcnPmax)}}},
    };
    return presets;
}

std::map<std::string, std::string>
FabricScenario::ExpandPresets(const std::map<std::string, std::string>& params) const
{
    const auto fabric = params.find("fabric");
    if (fabric == params.end())
    {
        return params;
    }
    std::vector<std::string> names;
    for (const auto& [name, preset] : FabricPresets())
    {
        names.push_back(name);
    }
    CheckChoice("fabric", fabric->second, names);
    std::map<std::string, std::string> expanded = params;
    for (const auto& [name, value] : FabricPresets().at(fabric->second))
    {
        expanded.emplace(name, value); // an explicit parameter wins
    }
    return expanded;
}

planet::LeafSpineShape
FabricScenario::Shape() const
{
    planet::LeafSpineShape shape;
    shape.leaves = m_leaves;
    shape.spines = m_spines;
    shape.hostsPerLeaf = m_hostsPerLeaf;
    shape.parallelLinks = m_parallelLinks;
    shape.hostRateBps = static_cast<double>(m_hostRate.GetBitRate());
    shape.fabricRateBps = static_cast<double>(m_fabricRate.GetBitRate());
    shape.linkDelayS = m_linkDelay.GetSeconds();
    shape.Validate();
    return shape;
}

planet::WireFormat
FabricScenario::Wire() const
{
    planet::WireFormat wire;
    wire.mtuBytes = m_mtu;
    wire.overheadBytes = m_overheadBytes;
    wire.Validate();
    return wire;
}

FabricWorkloadConfig
FabricScenario::WorkloadConfig(const planet::UniformIndex& draw) const
{
    CheckChoice("workload", m_workload, FabricWorkloadHelper::Names());
    CheckChoice("routing", m_routing, Keys(kRouting));
    if (m_routing == "planned" && !FabricWorkloadHelper::IsCollective(m_workload))
    {
        throw std::invalid_argument("parameter 'routing': planned needs a collective workload");
    }
    FabricWorkloadConfig config;
    config.workload = m_workload;
    config.bytes = m_bytes;
    config.incastSenders = m_incastSenders;
    config.matrix = m_matrix;
    config.draw = draw;
    config.placement = m_placement;
    config.routing = m_routing;
    config.splits = m_splits;
    config.jobs = m_jobs;
    config.ranks = m_ranks;
    config.hosts = ParseHostList(m_hosts);
    config.iterations = m_iterations;
    config.forwardS = m_forwardTime.GetSeconds();
    config.computeS = m_computeTime.GetSeconds();
    config.buckets = m_buckets;
    config.trainingCollective = m_trainingCollective;
    config.chunkBytes = m_chunkBytes;
    config.shareWindow = m_shareWindow;
    config.jointPlanning = m_jointPlanning;
    config.reuseConnections = m_reuseConnections;
    config.flowDone = planet::ParseFlowEvent(m_flowDone, "flowDone");
    config.flowRecords = m_flowRecords;
    config.placementSeed = RngSeedManager::GetSeed() * 1000003ULL + RngSeedManager::GetRun();
    return config;
}

FabricScenario::Network
FabricScenario::BuildNetwork(const planet::LeafSpineShape& shape) const
{
    CheckChoice("recovery", m_recovery, Keys(kRecovery));
    CheckChoice("cc", m_cc, Keys(kCongestionControl));
    CheckChoice("pinning", m_pinning, {"entropy", "pathid"});
    if (m_ecn && m_ecnKmax <= m_ecnKmin)
    {
        throw std::invalid_argument("parameter 'ecnKmax': must be larger than ecnKmin");
    }
    CheckChoice("ecnMarkAt", m_ecnMarkAt, {"enqueue", "dequeue"});
    CheckChoice("fabric", m_fabric, {"lossy", "lossless"});
    if (m_pfc && !m_sharedBuffer)
    {
        throw std::invalid_argument("parameter 'pfc': needs sharedBuffer=true (the shared "
                                    "buffer's ingress accounting decides the pauses)");
    }
    if (m_sharedBuffer && m_pfcAlpha <= 0 && m_pfcXoffBytes == 0)
    {
        throw std::invalid_argument("parameter 'pfcAlpha': must be > 0 unless pfcXoffBytes "
                                    "sets a static XOFF threshold");
    }
    Network network;
    network.fabric = std::make_unique<LeafSpineHelper>(shape);
    LeafSpineHelper& fabric = *network.fabric;
    fabric.SetDeviceAttribute("OverheadBytes", UintegerValue(m_overheadBytes));
    fabric.SetDeviceAttribute("BufferBytes", UintegerValue(m_bufferBytes));
    fabric.SetDeviceAttribute("EcnMarking", BooleanValue(m_ecn));
    fabric.SetDeviceAttribute("EcnKmin", UintegerValue(m_ecnKmin));
    fabric.SetDeviceAttribute("EcnKmax", UintegerValue(m_ecnKmax));
    fabric.SetDeviceAttribute("EcnPmax", DoubleValue(m_ecnPmax));
    fabric.SetDeviceAttribute("EcnMarkOnDequeue", BooleanValue(m_ecnMarkAt == "dequeue"));
    fabric.SetSwitchAttribute("FlowletGap", TimeValue(m_flowletGap));
    fabric.EnablePfc(m_pfc);
    fabric.SetPfcAttribute("PauseQuanta", UintegerValue(m_pauseQuanta));
    fabric.EnableSharedBuffer(m_sharedBuffer);
    fabric.SetSharedBufferAttribute("BufferBytes", UintegerValue(m_switchBufferBytes));
    fabric.SetSharedBufferAttribute("BufferBytesPerPort",
                                    UintegerValue(m_switchBufferBytesPerPort));
    fabric.SetSharedBufferAttribute("ReservedBytes", UintegerValue(m_reservedBytes));
    fabric.SetSharedBufferAttribute("Alpha", DoubleValue(m_dtAlpha));
    fabric.SetSharedBufferAttribute("PfcAlpha", DoubleValue(m_pfcAlpha));
    fabric.SetSharedBufferAttribute("XoffBytes", UintegerValue(m_pfcXoffBytes));
    fabric.SetSharedBufferAttribute("HeadroomBytes", UintegerValue(m_headroomBytes));
    fabric.SetSharedBufferAttribute(
        "MaxFrameBytes",
        UintegerValue(planet::WireFormat::PacketBytes(m_mtu, m_overheadBytes)));
    fabric.SetSharedBufferAttribute(
        "LosslessPriorities",
        UintegerValue(m_pfc ? 1u << planet::defaults::kDataPriority : 0u));
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
    const TypeId cc = TypeId::LookupByName(kCongestionControl.at(m_cc));
    rdma.SetStackAttribute("CongestionControl", TypeIdValue(cc));
    for (const auto& [name, value] : ParseAttributeList("ccParams", m_ccParams, cc))
    {
        rdma.SetCongestionControlAttribute(name, StringValue(value));
    }
    rdma.SetStackAttribute("PathSelection",
                           TypeIdValue(TypeId::LookupByName(kRouting.at(m_routing))));
    network.stacks = rdma.Install(fabric.GetHosts());
    RdmaHelper::AssignStreams(network.stacks, 100000);
    return network;
}

nlohmann::json
FabricScenario::CongestionControlRecord(const std::vector<Ptr<RdmaStack>>& stacks)
{
    nlohmann::json record = nlohmann::json::object();
    if (stacks.empty())
    {
        return record;
    }
    // The algorithm and its parameters (every stack has the same), then the counters.
    const Ptr<RdmaCongestionControl> cc = stacks.front()->GetCongestionControl();
    uint64_t cnpsSent = 0;
    uint64_t cnpsReceived = 0;
    uint64_t decreases = 0;
    uint64_t telemetryAcks = 0;
    for (const auto& s : stacks)
    {
        cnpsSent += s->GetCnpsSent();
        cnpsReceived += s->GetCnpsReceived();
        decreases += s->GetCongestionControl()->GetDecreases();
        telemetryAcks += s->GetTelemetryAcks();
    }
    record["name"] = cc->GetName();
    record["type"] = cc->GetInstanceTypeId().GetName();
    record["parameters"] = AttributeValues(*cc);
    record["cnps_sent"] = cnpsSent;
    record["cnps_received"] = cnpsReceived;
    record["decreases"] = decreases;
    record["telemetry_acks"] = telemetryAcks;
    return record;
}

nlohmann::json
FabricScenario::NetworkRecord(const Network& network, double endS)
{
    const LeafSpineHelper& fabric = *network.fabric;
    const planet::LeafSpineShape& shape = fabric.GetShape();
    nlohmann::json links = nlohmann::json::array();
    uint64_t drops = 0;
    uint64_t marks = 0;
    uint64_t maxLinkBytes = 0;
    uint64_t maxQueue = 0;
    FabricPfcStats pfc; // totals; pausedS: the most of one link
    for (uint32_t i = 0; i < shape.LinkCount(); ++i)
    {
        Ptr<FabricNetDevice> dev = fabric.GetLinkDevice(i);
        const FabricPortStats s = dev->GetStats();
        const FabricPfcStats p = dev->GetPfc() ? dev->GetPfc()->GetStats() : FabricPfcStats();
        drops += s.drops;
        marks += s.ecnMarks;
        maxLinkBytes = std::max(maxLinkBytes, s.txBytes);
        maxQueue = std::max(maxQueue, s.maxQueueBytes);
        pfc.framesSent += p.framesSent;
        pfc.framesReceived += p.framesReceived;
        pfc.pauses += p.pauses;
        pfc.pausedS = std::max(pfc.pausedS, p.pausedS);
        pfc.longestPauseS = std::max(pfc.longestPauseS, p.longestPauseS);
        // The link's pauses: its transmitter was paused (received PAUSE frames) and sent
        // PAUSE frames to the other end for what it receives.
        links.push_back({{"name", shape.LinkName(i)},
                         {"bytes", s.txBytes},
                         {"packets", s.txPackets},
                         {"max_queue_bytes", s.maxQueueBytes},
                         {"avg_queue_bytes", endS > 0 ? s.queueByteSeconds / endS : 0.0},
                         {"drops", s.drops},
                         {"ecn_marks", s.ecnMarks},
                         {"pause_frames_received", p.framesReceived},
                         {"pause_frames_sent", p.framesSent},
                         {"paused_s", p.pausedS},
                         {"longest_pause_s", p.longestPauseS}});
    }
    uint64_t maxBuffer = 0;
    uint64_t maxHeadroom = 0;
    for (uint32_t sw = 0; sw < shape.leaves + shape.spines; ++sw)
    {
        Ptr<FabricSwitch> s =
            sw < shape.leaves ? fabric.GetLeafSwitch(sw) : fabric.GetSpineSwitch(sw - shape.leaves);
        if (Ptr<FabricMmu> mmu = s->GetSharedBuffer())
        {
            maxBuffer = std::max(maxBuffer, mmu->GetMaxOccupancy());
            maxHeadroom = std::max(maxHeadroom, mmu->GetMaxHeadroomUsed());
        }
    }
    uint64_t retransmitted = 0;
    uint64_t timeouts = 0;
    for (const auto& s : network.stacks)
    {
        retransmitted += s->GetRetransmittedPackets();
        timeouts += s->GetTimeouts();
    }
    return {{"hosts", shape.Hosts()},
            {"congestion_control", CongestionControlRecord(network.stacks)},
            {"drops", drops},
            {"ecn_marks", marks},
            {"retransmitted_packets", retransmitted},
            {"timeouts", timeouts},
            {"max_link_bytes", maxLinkBytes},
            {"max_queue_bytes", maxQueue},
            {"oversubscription", fabric.GetOversubscription()},
            {"pause_frames_sent", pfc.framesSent},
            {"pause_frames_received", pfc.framesReceived},
            {"pauses", pfc.pauses},
            {"max_link_paused_s", pfc.pausedS},
            {"longest_pause_s", pfc.longestPauseS},
            {"max_switch_buffer_bytes", maxBuffer},
            {"max_headroom_bytes", maxHeadroom},
            {"links", links}};
}

nlohmann::json
FabricScenario::DoRunScenario()
{
    // Parameters.
    const planet::LeafSpineShape shape = Shape();
    const planet::WireFormat wire = Wire();
    CheckChoice("scheduler", m_scheduler, Keys(kScheduler));
    UseScheduler(kScheduler.at(m_scheduler));
    // The workload as a flow graph: random ones draw from stream 0 (so --run changes them,
    // --seed repeats).
    Ptr<UniformRandomVariable> workloadRng = CreateObject<UniformRandomVariable>();
    workloadRng->SetStream(0);
    const planet::UniformIndex draw = [workloadRng](uint32_t n) {
        return static_cast<uint32_t>(workloadRng->GetInteger(0, n - 1));
    };
    FabricWorkloadHelper workload(WorkloadConfig(draw), shape, wire);
    planet::CheckFabricBudget(shape,
                              wire,
                              planet::ToFabricFlows(workload.GetGraph()),
                              m_stopTime.GetSeconds());
    // The network.
    const Network network = BuildNetwork(shape);
    workload.Install(network.fabric->GetHosts(), network.stacks);
    workload.TrackPaths(*network.fabric);
    m_networkBuilt(*network.fabric, network.stacks);
    const std::vector<uint32_t> tracedLinks = FabricTimeSeries::ParseLinks(shape, m_traceQueues);
    std::unique_ptr<FabricTimeSeries> series;
    if (!tracedLinks.empty() || m_traceRates)
    {
        series = std::make_unique<FabricTimeSeries>(*network.fabric,
                                                    network.stacks,
                                                    tracedLinks,
                                                    !tracedLinks.empty(),
                                                    m_traceRates,
                                                    m_sampleInterval);
    }
    // The run.
    // How far the run is: wire bytes the hosts have sent over those the flows need (an
    // estimate: retransmissions and acknowledgements count too).
    double wireBytes = 0;
    for (const planet::CollectiveFlow& f : workload.GetGraph().flows)
    {
        wireBytes += static_cast<double>(wire.WireBytes(f.bytes));
    }
    const LeafSpineHelper* fabric = network.fabric.get();
    ShowProgress([fabric, wireBytes]() {
        double sent = 0;
        for (uint32_t h = 0; h < fabric->GetShape().Hosts(); ++h)
        {
            sent += static_cast<double>(fabric->GetHostDevice(h)->GetStats().txBytes);
        }
        return wireBytes > 0 ? std::min(1.0, sent / wireBytes) : 1.0;
    });
    Simulator::Stop(m_stopTime);
    Simulator::Run();
    ShowProgress(nullptr);
    // The record.
    nlohmann::json record = NetworkRecord(network, Simulator::Now().GetSeconds());
    if (series)
    {
        record["traces"] = WriteSeries(*series, !tracedLinks.empty());
    }
    record["workload"] = m_workload;
    record["routing"] = m_routing;
    record["recovery"] = m_recovery;
    record["warnings"] = nlohmann::json::array();
    workload.Report(record);
    return record;
}

nlohmann::json
FabricScenario::WriteSeries(FabricTimeSeries& series, bool queues) const
{
    series.Finish();
    const std::string prefix = !m_tracePrefix.empty()     ? m_tracePrefix
                               : !GetOutputStem().empty() ? GetOutputStem() + "."
                                                          : std::string("planet-fabric.");
    nlohmann::json traces = {{"sample_interval_s", m_sampleInterval.GetSeconds()}};
    auto write = [&](const std::string& table,
                     void (FabricTimeSeries::*method)(std::ostream&) const) {
        const std::string path = prefix + table + ".csv";
        std::ofstream out(path);
        if (!out)
        {
            throw std::invalid_argument("parameter 'tracePrefix': cannot write '" + path + "'");
        }
        (series.*method)(out);
        traces[table] = path;
    };
    if (queues)
    {
        write("queues", &FabricTimeSeries::WriteQueues);
    }
    if (m_traceRates)
    {
        write("rates", &FabricTimeSeries::WriteRates);
    }
    return traces;
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
       << record.at("recovery").get<std::string>() << ", cc "
       << record.at("congestion_control").at("name").get<std::string>() << std::endl;
    const double completion = record.at("completion_s").get<double>();
    const double ideal = record.at("ideal_s").get<double>();
    os << std::setprecision(6) << "completion " << completion * 1e6 << " us, ideal " << ideal * 1e6
       << " us, ratio " << std::setprecision(4) << record.at("completion_over_ideal").get<double>()
       << std::endl;
    if (record.at("pause_frames_sent").get<uint64_t>() > 0)
    {
        os << "fabric " << config.at("fabric").get<std::string>() << ": PAUSE frames "
           << record.at("pause_frames_sent") << ", longest pause "
           << record.at("longest_pause_s").get<double>() * 1e6 << " us, most paused link "
           << record.at("max_link_paused_s").get<double>() * 1e6 << " us, switch buffer max "
           << record.at("max_switch_buffer_bytes") << " B" << std::endl;
    }
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
