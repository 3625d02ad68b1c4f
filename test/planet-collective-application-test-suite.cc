// SPDX-License-Identifier: GPL-2.0-only

// Collectives executed over the RDMA transport (CollectiveApplication, planet-fabric):
// - planet-collective-ring-bound: a ring AllReduce with planned routing on a non-blocking
//   leaf-spine finishes within 5% of the analytic 2(n-1)/n x S / B plus the per-step path
//   latency, and never faster than the analytic bound;
// - planet-collective-rank-bytes: every rank receives exactly the bytes the algorithm's rank
//   schedule gives it (counted from the FlowDelivered traces, compared with the schedule
//   expanded independently of the executed, split graph);
// - planet-collective-delivery: every algorithm delivers all its bytes under every routing mode
//   through planet-fabric (small fabric QUICK; a 64-host fabric EXTENSIVE).

#include "ns3/boolean.h"
#include "ns3/collective-algorithm.h"
#include "ns3/collective-helper.h"
#include "ns3/collective-metrics.h"
#include "ns3/collective-split.h"
#include "ns3/enum.h"
#include "ns3/fabric-leaf-spine-helper.h"
#include "ns3/fabric-scenario.h"
#include "ns3/fabric-workload-helper.h"
#include "ns3/rdma-helper.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/test.h"
#include "ns3/type-id.h"
#include "ns3/uinteger.h"

#include <map>

using namespace ns3;

namespace
{

/// Run planet-fabric's scenario in-process on 4 leaves x 2 hosts, 4 spines unless overridden.
nlohmann::json
RunFabric(std::map<std::string, std::string> params)
{
    params.emplace("leaves", "4");
    params.emplace("spines", "4");
    params.emplace("hostsPerLeaf", "2");
    Ptr<FabricScenario> scenario = CreateObject<FabricScenario>();
    scenario->Configure(params);
    return scenario->Run();
}

/// 4 leaves x 2 hosts, 4 spines of 100 Gbps: non-blocking.
planet::LeafSpineShape
SmallShape()
{
    planet::LeafSpineShape shape;
    shape.leaves = 4;
    shape.spines = 4;
    shape.hostsPerLeaf = 2;
    shape.hostRateBps = 100e9;
    shape.fabricRateBps = 100e9;
    shape.linkDelayS = 1e-6;
    return shape;
}

/// A fabric with stacks, the graph run by CollectiveHelper, traces counting received bytes.
struct CollectiveRun
{
    std::map<uint32_t, uint64_t> receivedByHost; //!< from FlowDelivered traces
    uint32_t collectivesCompleted{0};
    double cctS{0}; //!< from the CollectiveComplete trace

    void FlowDelivered(uint32_t, uint32_t, uint32_t dst, uint64_t bytes)
    {
        receivedByHost[dst] += bytes;
    }

    void CollectiveComplete(uint32_t, double cct)
    {
        ++collectivesCompleted;
        cctS = cct;
    }

    /// Run `graph` on the shape with path selection `pathType`; pin planned paths if asked.
    void Run(const planet::LeafSpineShape& shape,
             const planet::FlowGraph& graph,
             const std::string& pathType,
             bool pin)
    {
        LeafSpineHelper fabric(shape);
        fabric.Install();
        fabric.AssignStreams(1);
        RdmaHelper rdma;
        rdma.SetStackAttribute("PathSelection", TypeIdValue(TypeId::LookupByName(pathType)));
        // A window above one bandwidth-delay product (the stack's default), so that queueing
        // where subflows meet does not throttle them: these runs check the planning.
        rdma.SetStackAttribute("WindowBytes", UintegerValue(262144));
        const std::vector<Ptr<RdmaStack>> stacks = rdma.Install(fabric.GetHosts());
        RdmaHelper::AssignStreams(stacks, 1000);
        CollectiveHelper helper(graph, stacks);
        helper.SetAttribute("PinPaths", BooleanValue(pin));
        helper.SetAttribute("ParallelLinks", UintegerValue(shape.parallelLinks));
        const ApplicationContainer apps = helper.Install(fabric.GetHosts());
        for (uint32_t i = 0; i < apps.GetN(); ++i)
        {
            apps.Get(i)->TraceConnectWithoutContext(
                "FlowDelivered",
                MakeCallback(&CollectiveRun::FlowDelivered, this));
            apps.Get(i)->TraceConnectWithoutContext(
                "CollectiveComplete",
                MakeCallback(&CollectiveRun::CollectiveComplete, this));
        }
        Simulator::Stop(Seconds(1));
        Simulator::Run();
        Simulator::Destroy();
    }
};

class RingBoundTestCase : public TestCase
{
  public:
    RingBoundTestCase()
        : TestCase("ring AllReduce, planned, 8 ranks x 8 MB: within 5% of the analytic ring time "
                   "plus latency")
    {
    }

  private:
    void DoRun() override
    {
        const planet::LeafSpineShape shape = SmallShape();
        const uint32_t n = shape.Hosts();
        const uint64_t bytes = 8'000'000;
        const planet::Communicator comm = planet::MakeCommunicator("contiguous", n, n);
        planet::FlowGraph graph;
        planet::AppendCollective(graph,
                                 *planet::MakeCollectiveAlgorithm("allreduce-ring"),
                                 comm,
                                 bytes);
        const planet::SplitGraph split =
            planet::SplitAndPlan(graph, shape, planet::SplitPolicy::Auto());
        CollectiveRun run;
        run.Run(shape, split.graph, "ns3::RdmaPinnedPath", true);
        NS_TEST_ASSERT_MSG_EQ(run.collectivesCompleted, 1, "the AllReduce did not complete");
        const double analytic = planet::AnalyticRingAllReduceS(n, bytes, shape.hostRateBps);
        // Every step crosses at most host -> leaf -> spine -> leaf -> host, and the next one
        // starts when the step's acknowledgement is back (FlowDone=Acked): 4 hops of an empty
        // 82 B packet.
        const double ack = 4 * (82 * 8 / shape.hostRateBps + shape.linkDelayS);
        const double latency = 2.0 * (n - 1) * (4 * shape.linkDelayS + ack);
        NS_TEST_ASSERT_MSG_GT_OR_EQ(run.cctS, analytic, "faster than the link allows");
        NS_TEST_ASSERT_MSG_LT_OR_EQ(run.cctS,
                                    1.05 * (analytic + latency),
                                    "cct " << run.cctS << " s vs analytic " << analytic
                                           << " s + latency " << latency << " s");
    }
};

class RankBytesTestCase : public TestCase
{
  public:
    RankBytesTestCase(std::string algorithm, std::string split, std::string pathType, bool pin)
        : TestCase(algorithm + ", splits " + split + ", " + pathType),
          m_algorithm(algorithm),
          m_split(split),
          m_pathType(pathType),
          m_pin(pin)
    {
    }

  private:
    void DoRun() override
    {
        const planet::LeafSpineShape shape = SmallShape();
        const uint32_t n = 7; // not a power of two, not a divisor of the bytes
        const uint64_t bytes = 300'001;
        planet::PlacementOptions placement;
        placement.seed = 5;
        const planet::Communicator comm =
            planet::MakeCommunicator("random", n, shape.Hosts(), placement);
        planet::CollectiveOptions options;
        options.chunkBytes = 65'536;
        const auto algorithm = planet::MakeCollectiveAlgorithm(m_algorithm, options);
        // Expected bytes per receiving host, from the rank schedule alone.
        std::map<uint32_t, uint64_t> expected;
        uint64_t total = 0;
        for (const planet::RankFlow& f : algorithm->Expand(n, bytes))
        {
            expected[comm.Host(f.dst)] += f.bytes;
            total += f.bytes;
        }
        planet::FlowGraph graph;
        planet::AppendCollective(graph, *algorithm, comm, bytes);
        const planet::SplitGraph split =
            planet::SplitAndPlan(graph, shape, planet::SplitPolicy::Parse(m_split));
        CollectiveRun run;
        run.Run(shape, split.graph, m_pathType, m_pin);
        NS_TEST_ASSERT_MSG_EQ(run.collectivesCompleted, 1, "the collective did not complete");
        uint64_t received = 0;
        for (const auto& [host, b] : run.receivedByHost)
        {
            received += b;
        }
        NS_TEST_ASSERT_MSG_EQ(received, total, "bytes received over all ranks");
        for (uint32_t r = 0; r < n; ++r)
        {
            NS_TEST_ASSERT_MSG_EQ(run.receivedByHost[comm.Host(r)],
                                  expected[comm.Host(r)],
                                  "bytes received by rank " << r);
        }
        if (m_algorithm == "allreduce-ring")
        {
            // Every rank sends 2(S - its final share): 2(n-1)S in all.
            NS_TEST_ASSERT_MSG_EQ(received, 2 * (n - 1) * bytes, "ring AllReduce total");
        }
    }

    std::string m_algorithm;
    std::string m_split;
    std::string m_pathType;
    bool m_pin;
};

class DeliveryTestCase : public TestCase
{
  public:
    DeliveryTestCase(std::map<std::string, std::string> params, std::string label)
        : TestCase(label),
          m_params(std::move(params))
    {
    }

  private:
    void DoRun() override
    {
        const nlohmann::json r = RunFabric(m_params);
        NS_TEST_ASSERT_MSG_EQ(r.at("bytes_delivered").get<uint64_t>(),
                              r.at("bytes_requested").get<uint64_t>(),
                              "bytes delivered");
        NS_TEST_ASSERT_MSG_GT(r.at("bytes_requested").get<uint64_t>(), 0, "nothing to send");
        NS_TEST_ASSERT_MSG_EQ(r.at("flows_done").get<uint32_t>(),
                              r.at("flows_total").get<uint32_t>(),
                              "flows delivered");
        for (const auto& c : r.at("collectives"))
        {
            NS_TEST_ASSERT_MSG_EQ(c.at("cct_s").is_number(), true, "collective without cct");
            // The ideal is a lower bound (dependency chain and busiest link): nothing beats it.
            const double ideal = c.at("ideal_s").get<double>();
            NS_TEST_ASSERT_MSG_GT_OR_EQ(c.at("cct_s").get<double>(),
                                        ideal * (1 - 1e-9),
                                        "faster than the lower bound");
            NS_TEST_ASSERT_MSG_LT_OR_EQ(c.at("cct_s").get<double>(),
                                        5 * ideal,
                                        "stalled (losses and timeouts?)");
        }
        // The slowest job's ideal (its flows from time 0, compute included) is a bound too.
        NS_TEST_ASSERT_MSG_GT_OR_EQ(r.at("completion_s").get<double>(),
                                    r.at("ideal_s").get<double>() * (1 - 1e-9),
                                    "completion faster than the lower bound");
        if (m_params.at("routing") == "planned")
        {
            const auto& p = r.at("planner");
            NS_TEST_ASSERT_MSG_GT_OR_EQ(p.at("max_link_bytes").get<double>(),
                                        p.at("lower_bound_bytes").get<double>() * 0.999999,
                                        "planner below its lower bound");
        }
    }

    std::map<std::string, std::string> m_params;
};

class TrainingJobsTestCase : public TestCase
{
  public:
    TrainingJobsTestCase()
        : TestCase("two training jobs, bucketed halving-doubling, planned together: every byte, "
                   "iterations no faster than compute or the ideal")
    {
    }

  private:
    void DoRun() override
    {
        const double forward = 20e-6;
        const double backward = 40e-6;
        const nlohmann::json r = RunFabric({{"workload", "training"},
                                            {"trainingCollective", "allreduce-hd"},
                                            {"jobs", "2"},
                                            {"ranks", "4"},
                                            {"placement", "strided"},
                                            {"iterations", "3"},
                                            {"forwardTime", "20us"},
                                            {"computeTime", "40us"},
                                            {"buckets", "4"},
                                            {"bytes", "400000"},
                                            {"routing", "planned"},
                                            {"splits", "auto"}});
        NS_TEST_ASSERT_MSG_EQ(r.at("bytes_delivered").get<uint64_t>(),
                              r.at("bytes_requested").get<uint64_t>(),
                              "bytes delivered");
        NS_TEST_ASSERT_MSG_EQ(r.at("jobs").get<uint32_t>(), 2, "jobs");
        NS_TEST_ASSERT_MSG_EQ(r.at("ranks").get<uint32_t>(), 4, "ranks per job");
        // 2 jobs x 3 iterations x 4 buckets of 100 kB, each no faster than its ideal.
        const auto& collectives = r.at("collectives");
        NS_TEST_ASSERT_MSG_EQ(collectives.size(), 24, "collectives");
        std::map<uint32_t, uint32_t> perJob;
        for (const auto& c : collectives)
        {
            ++perJob[c.at("job").get<uint32_t>()];
            NS_TEST_ASSERT_MSG_EQ(c.at("algorithm").get<std::string>(), "allreduce-hd", "");
            NS_TEST_ASSERT_MSG_EQ(c.at("bytes").get<uint64_t>(), 100000, "bucket size");
            NS_TEST_ASSERT_MSG_GT_OR_EQ(c.at("cct_s").get<double>(),
                                        c.at("ideal_s").get<double>() * (1 - 1e-9),
                                        "faster than the lower bound");
        }
        NS_TEST_ASSERT_MSG_EQ(perJob[0], 12, "job 0");
        NS_TEST_ASSERT_MSG_EQ(perJob[1], 12, "job 1");
        const auto& training = r.at("training");
        NS_TEST_ASSERT_MSG_EQ(training.size(), 2, "one training entry per job");
        for (const auto& job : training)
        {
            const double ideal = job.at("ideal_iteration_s").get<double>();
            // The last bucket waits for the whole backward pass, then needs its collective.
            NS_TEST_ASSERT_MSG_GT(ideal, forward + backward, "ideal iteration");
            NS_TEST_ASSERT_MSG_EQ(job.at("iteration_s").size(), 3, "iterations");
            for (const auto& it : job.at("iteration_s"))
            {
                NS_TEST_ASSERT_MSG_GT_OR_EQ(it.get<double>(), forward + backward, "compute");
            }
            NS_TEST_ASSERT_MSG_GT_OR_EQ(job.at("total_s").get<double>(),
                                        3 * ideal * (1 - 1e-9),
                                        "faster than the ideal iterations");
        }
    }
};

class ShareWindowTestCase : public TestCase
{
  public:
    ShareWindowTestCase()
        : TestCase("subflows sharing their flow's window keep the queues within the buffers; "
                   "whole windows per subflow overflow them")
    {
    }

  private:
    void DoRun() override
    {
        // One 1 MB chunk per tree and connection, cut 4 ways: without sharing, every flow
        // into a host puts 4 windows in flight.
        auto run = [](const std::string& share) {
            return RunFabric({{"workload", "allreduce-tree"},
                              {"routing", "planned"},
                              {"splits", "4"},
                              {"bytes", "2000000"},
                              {"chunkBytes", "1000000"},
                              {"windowBytes", "262144"}, // 4 whole ones overflow the buffers
                              {"shareWindow", share}});
        };
        const nlohmann::json shared = run("true");
        const nlohmann::json whole = run("false");
        for (const nlohmann::json* r : {&shared, &whole})
        {
            NS_TEST_ASSERT_MSG_EQ(r->at("bytes_delivered").get<uint64_t>(),
                                  r->at("bytes_requested").get<uint64_t>(),
                                  "bytes delivered");
        }
        NS_TEST_ASSERT_MSG_EQ(shared.at("drops").get<uint64_t>(), 0, "drops with shared windows");
        NS_TEST_ASSERT_MSG_EQ(shared.at("timeouts").get<uint64_t>(), 0, "timeouts");
        NS_TEST_ASSERT_MSG_GT(whole.at("max_queue_bytes").get<uint64_t>(),
                              shared.at("max_queue_bytes").get<uint64_t>(),
                              "whole windows per subflow should queue more");
        NS_TEST_ASSERT_MSG_GT(whole.at("collectives").at(0).at("cct_s").get<double>(),
                              shared.at("collectives").at(0).at("cct_s").get<double>(),
                              "and finish later");
    }
};

class FlowDoneTestCase : public TestCase
{
  public:
    FlowDoneTestCase()
        : TestCase("FlowDone: with Acked a two-flow chain's second flow starts exactly one "
                   "acknowledgement later than with Delivered")
    {
    }

  private:
    /// Start time of flow 1 (host 1 -> 2, after flow 0: host 0 -> 1) and the run's end.
    static std::pair<double, double> Run(CollectiveApplication::FlowDone done)
    {
        const planet::LeafSpineShape shape = SmallShape();
        planet::FlowGraph graph;
        planet::CollectiveInstance coll;
        coll.kind = planet::CollectiveKind::Transfers;
        coll.algorithm = "chain";
        coll.ranks = 3;
        coll.steps = 2;
        coll.flowCount = 2;
        graph.collectives.push_back(coll);
        for (uint32_t i = 0; i < 2; ++i)
        {
            planet::CollectiveFlow f;
            f.id = i;
            f.logical = i;
            f.srcRank = f.srcHost = i;
            f.dstRank = f.dstHost = i + 1;
            f.bytes = 100000;
            f.step = i;
            if (i == 1)
            {
                f.deps = {0};
            }
            graph.flows.push_back(f);
        }
        LeafSpineHelper fabric(shape);
        fabric.Install();
        fabric.AssignStreams(1);
        RdmaHelper rdma;
        const std::vector<Ptr<RdmaStack>> stacks = rdma.Install(fabric.GetHosts());
        RdmaHelper::AssignStreams(stacks, 1000);
        CollectiveHelper helper(graph, stacks);
        helper.SetAttribute("FlowDone", EnumValue(done));
        helper.Install(fabric.GetHosts());
        Simulator::Run();
        const Ptr<CollectiveExecution> run = helper.GetExecution();
        const std::pair<double, double> times{run->GetStartTimes()[1], run->GetFinishTimes()[1]};
        Simulator::Destroy();
        return times;
    }

    void DoRun() override
    {
        const auto [deliveredStart, deliveredEnd] = Run(CollectiveApplication::DELIVERED);
        const auto [ackedStart, ackedEnd] = Run(CollectiveApplication::ACKED);
        // Host 1's acknowledgement of flow 0 goes host 1 -> leaf 0 -> host 0: two hops of an
        // empty packet (82 B at 100 Gbps) and a 1 us delay each, nothing queued before it.
        const double ack = 2 * (82 * 8 / 100e9 + 1e-6);
        // The fabric keeps exact (picosecond) time, but events, and so the times an executor
        // sees, fall on ns-3's whole nanoseconds: each of the two times compared is up to 1 ns
        // late, and the error does not add up over hops.
        const double event = 2e-9;
        NS_TEST_ASSERT_MSG_EQ_TOL(ackedStart - deliveredStart, ack, event, "one ACK later");
        // Flow 1 (host 1 on leaf 0 -> host 2 on leaf 1) ends at its own acknowledgement too:
        // 4 hops back. Under Delivered it started while host 1 was sending flow 0's ACK, which
        // went first (control before data): one empty packet's serialisation later.
        const double ackPacket = 82 * 8 / 100e9;
        NS_TEST_ASSERT_MSG_EQ_TOL(ackedEnd - deliveredEnd,
                                  ack + 2 * ack - ackPacket,
                                  event,
                                  "and its own ACK at the end");
    }
};

class ReuseConnectionsTestCase : public TestCase
{
  public:
    ReuseConnectionsTestCase()
        : TestCase("ReuseConnections: a ring keeps one queue pair per neighbour across steps and "
                   "iterations; without, one per flow")
    {
    }

  private:
    void DoRun() override
    {
        auto run = [](const std::string& reuse, const std::string& workload) {
            return RunFabric({{"workload", workload},
                              {"bytes", "80000"},
                              {"iterations", "3"},
                              {"reuseConnections", reuse}});
        };
        // 8 ranks: 2 x 7 steps of 8 flows per AllReduce.
        const nlohmann::json kept = run("true", "allreduce-ring");
        const nlohmann::json fresh = run("false", "allreduce-ring");
        NS_TEST_ASSERT_MSG_EQ(kept.at("flows_total").get<uint32_t>(), 112u, "flows");
        NS_TEST_ASSERT_MSG_EQ(kept.at("connections").get<uint32_t>(), 8u, "one per neighbour");
        NS_TEST_ASSERT_MSG_EQ(fresh.at("connections").get<uint32_t>(), 112u, "one per flow");
        const nlohmann::json training = run("true", "training");
        NS_TEST_ASSERT_MSG_EQ(training.at("flows_total").get<uint32_t>(), 3 * 112u, "3 iterations");
        NS_TEST_ASSERT_MSG_EQ(training.at("connections").get<uint32_t>(),
                              8u,
                              "kept across iterations");
        for (const nlohmann::json* r : {&kept, &fresh, &training})
        {
            NS_TEST_ASSERT_MSG_EQ(r->at("connections_closed").get<uint32_t>(),
                                  r->at("connections").get<uint32_t>(),
                                  "every connection closed after its last flow");
            NS_TEST_ASSERT_MSG_EQ(r->at("bytes_delivered").get<uint64_t>(),
                                  r->at("bytes_requested").get<uint64_t>(),
                                  "bytes delivered");
            NS_TEST_ASSERT_MSG_GT_OR_EQ(r->at("completion_over_ideal").get<double>(), 1.0, "bound");
        }
        // Every flow of the record: a start, an FCT, the collective it belongs to.
        const nlohmann::json& flows = kept.at("flows");
        NS_TEST_ASSERT_MSG_EQ(flows.size(), 112u, "per-flow records of a collective");
        NS_TEST_ASSERT_MSG_EQ(flows.at(111).at("step").get<uint32_t>(), 13u, "last step");
        NS_TEST_ASSERT_MSG_GT(flows.at(111).at("fct_s").get<double>(), 0.0, "an FCT");
    }
};

class ExplicitPlacementTestCase : public TestCase
{
  public:
    ExplicitPlacementTestCase()
        : TestCase("explicit placement: --hosts lists each job's hosts, jobs planned together or "
                   "apart; bad lists are named")
    {
    }

  private:
    void DoRun() override
    {
        // Two 4-rank rings; the second job on hosts 7,6,5,4 crosses leaves at every step.
        const nlohmann::json r = RunFabric({{"workload", "allreduce-ring"},
                                            {"placement", "explicit"},
                                            {"hosts", "0,1,2,3,7,6,5,4"},
                                            {"jobs", "2"},
                                            {"bytes", "400000"}});
        NS_TEST_ASSERT_MSG_EQ(r.at("bytes_delivered").get<uint64_t>(),
                              r.at("bytes_requested").get<uint64_t>(),
                              "bytes delivered");
        NS_TEST_ASSERT_MSG_EQ(r.at("collectives").size(), 2, "one collective per job");
        // Planned apart, every step of every job is a group of its own: twice the groups.
        std::map<std::string, uint32_t> groups;
        for (const std::string joint : {"true", "false"})
        {
            const nlohmann::json p = RunFabric({{"workload", "allreduce-ring"},
                                                {"placement", "explicit"},
                                                {"hosts", "0,1,2,3,7,6,5,4"},
                                                {"jobs", "2"},
                                                {"bytes", "400000"},
                                                {"routing", "planned"},
                                                {"jointPlanning", joint}});
            NS_TEST_ASSERT_MSG_EQ(p.at("bytes_delivered").get<uint64_t>(),
                                  p.at("bytes_requested").get<uint64_t>(),
                                  "bytes delivered, jointPlanning " << joint);
            groups[joint] = p.at("planner").at("groups").get<uint32_t>();
        }
        NS_TEST_ASSERT_MSG_EQ(groups["true"], 6, "one group per ring step, both jobs in it");
        NS_TEST_ASSERT_MSG_EQ(groups["false"], 12, "one group per job and step");
        auto error = [](std::map<std::string, std::string> p) -> std::string {
            p.emplace("workload", "allreduce-ring");
            try
            {
                RunFabric(p);
            }
            catch (const std::invalid_argument& e)
            {
                return e.what();
            }
            return "";
        };
        const std::string missing = error({{"placement", "explicit"}});
        NS_TEST_ASSERT_MSG_NE(missing.find("'hosts'"), std::string::npos, missing);
        const std::string malformed = error({{"placement", "explicit"}, {"hosts", "0,x"}});
        NS_TEST_ASSERT_MSG_NE(malformed.find("'hosts'"), std::string::npos, malformed);
        const std::string unused = error({{"hosts", "0,1"}});
        NS_TEST_ASSERT_MSG_NE(unused.find("'hosts'"), std::string::npos, unused);
        const std::string tooMany = error({{"jobs", "3"}, {"ranks", "3"}});
        NS_TEST_ASSERT_MSG_NE(tooMany.find("'ranks'"), std::string::npos, tooMany);
        const std::string collective =
            error({{"workload", "training"}, {"trainingCollective", "alltoall"}});
        NS_TEST_ASSERT_MSG_NE(collective.find("allreduce-tree"), std::string::npos, collective);
    }
};

const std::vector<std::string> kRoutings{"ecmp", "spray-random", "spray-rr", "adaptive", "planned"};

class RingBoundTestSuite : public TestSuite
{
  public:
    RingBoundTestSuite()
        : TestSuite("planet-collective-ring-bound", UNIT)
    {
        AddTestCase(new RingBoundTestCase(), TestCase::QUICK);
    }
};

class RankBytesTestSuite : public TestSuite
{
  public:
    RankBytesTestSuite()
        : TestSuite("planet-collective-rank-bytes", UNIT)
    {
        for (const std::string& a : planet::CollectiveAlgorithmNames())
        {
            AddTestCase(new RankBytesTestCase(a, "1", "ns3::RdmaEcmpPath", false), TestCase::QUICK);
            AddTestCase(new RankBytesTestCase(a, "auto", "ns3::RdmaPinnedPath", true),
                        TestCase::QUICK);
        }
        AddTestCase(new RankBytesTestCase("allreduce-hd", "3", "ns3::RdmaSprayRandomPath", false),
                    TestCase::QUICK);
    }
};

class OptionsTestSuite : public TestSuite
{
  public:
    OptionsTestSuite()
        : TestSuite("planet-collective-options", UNIT)
    {
        AddTestCase(new TrainingJobsTestCase, TestCase::QUICK);
        AddTestCase(new ExplicitPlacementTestCase, TestCase::QUICK);
        AddTestCase(new ShareWindowTestCase, TestCase::QUICK);
        AddTestCase(new FlowDoneTestCase, TestCase::QUICK);
        AddTestCase(new ReuseConnectionsTestCase, TestCase::QUICK);
    }
};

class DeliveryTestSuite : public TestSuite
{
  public:
    DeliveryTestSuite()
        : TestSuite("planet-collective-delivery", UNIT)
    {
        for (const std::string& w : FabricWorkloadHelper::Names())
        {
            if (!FabricWorkloadHelper::IsCollective(w))
            {
                continue;
            }
            for (const std::string& routing : kRoutings)
            {
                std::map<std::string, std::string> p{
                    {"workload", w},
                    {"routing", routing},
                    {"bytes", "200000"},
                    {"chunkBytes", "50000"},
                    {"splits", routing == "planned" ? "auto" : "1"},
                    {"iterations", "2"},
                    {"computeTime", "5us"}};
                AddTestCase(new DeliveryTestCase(p, w + ", " + routing + ", 8 hosts"),
                            TestCase::QUICK);
            }
        }
        // Found beating earlier ideals: a sprayed short last packet overtaking the first one;
        // ranks drifting into the next training iteration at different times.
        AddTestCase(new DeliveryTestCase({{"leaves", "2"},
                                          {"spines", "2"},
                                          {"hostsPerLeaf", "1"},
                                          {"workload", "broadcast"},
                                          {"ranks", "2"},
                                          {"bytes", "5000"},
                                          {"routing", "spray-rr"}},
                                         "broadcast of 5000 B sprayed over 2 spines"),
                    TestCase::QUICK);
        AddTestCase(new DeliveryTestCase({{"leaves", "2"},
                                          {"spines", "1"},
                                          {"hostsPerLeaf", "4"},
                                          {"ranks", "8"},
                                          {"placement", "strided"},
                                          {"workload", "training"},
                                          {"bytes", "400000"},
                                          {"iterations", "12"},
                                          {"routing", "spray-rr"},
                                          {"windowBytes", "0"},
                                          {"bufferBytes", "100000000"},
                                          {"ecn", "false"}},
                                         "12 training iterations, ranks drifting apart"),
                    TestCase::QUICK);
        for (const char* w :
             {"allreduce-ring", "allreduce-hd", "allreduce-tree", "alltoall-collective"})
        {
            for (const std::string routing : {"ecmp", "adaptive", "planned"})
            {
                std::map<std::string, std::string> p{
                    {"leaves", "8"},
                    {"spines", "4"},
                    {"hostsPerLeaf", "8"},
                    {"ranks", "48"},
                    {"placement", "random"},
                    {"workload", w},
                    {"routing", routing},
                    {"bytes", "1000000"},
                    {"chunkBytes", "250000"},
                    {"splits", routing == "planned" ? "auto" : "2"}};
                AddTestCase(
                    new DeliveryTestCase(p, std::string(w) + ", " + routing + ", 48 of 64 hosts"),
                    TestCase::EXTENSIVE);
            }
        }
    }
};

RingBoundTestSuite g_ringBound;
RankBytesTestSuite g_rankBytes;
DeliveryTestSuite g_delivery;
OptionsTestSuite g_options;

} // namespace
