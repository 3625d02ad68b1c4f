// SPDX-License-Identifier: GPL-2.0-only

// planet-fabric scenarios end to end:
// - planet-fabric-ideal: no workload or routing beats the ideal bound; round-robin spraying
//   with selective repeat finishes the permutation within 10% of it;
// - planet-fabric-matrix: traffic-matrix files, htsim's send_done and recv_done triggers under
//   both --flowDone definitions, the chain as the ideal, undelivered-flow warnings.

#include "planet-fabric-test-util.h"

#include "ns3/test.h"

#include <fstream>

using namespace ns3;
using namespace ns3::planettest;

namespace
{

class IdealNeverBeatenTestCase : public TestCase
{
  public:
    IdealNeverBeatenTestCase(std::string workload)
        : TestCase(workload + ": completion >= ideal for every routing"),
          m_workload(workload)
    {
    }

  private:
    void DoRun() override
    {
        for (const std::string routing :
             {"ecmp", "pinned-random", "spray-random", "spray-rr", "adaptive"})
        {
            const nlohmann::json r = RunFabric(SmallFabric({{"workload", m_workload},
                                                            {"bytes", "300000"},
                                                            {"incastSenders", "5"},
                                                            {"routing", routing}}));
            const double ideal = r.at("ideal_s");
            NS_TEST_ASSERT_MSG_GT(ideal, 0.0, "a positive bound");
            NS_TEST_ASSERT_MSG_GT_OR_EQ(r.at("completion_s").get<double>(), ideal, routing);
            NS_TEST_ASSERT_MSG_EQ(r.at("bytes_delivered"), r.at("bytes_requested"), routing);
            // The busiest link carries at least the bound's load (it is a lower bound too).
            NS_TEST_ASSERT_MSG_GT_OR_EQ(r.at("max_link_bytes").get<double>(),
                                        r.at("ideal_max_link_bytes").get<double>() * (1 - 1e-9),
                                        routing);
        }
    }

    std::string m_workload;
};

class SprayNearIdealTestCase : public TestCase
{
  public:
    SprayNearIdealTestCase()
        : TestCase("spray-rr + sr: the 128-host permutation within 10% of ideal_s")
    {
    }

  private:
    void DoRun() override
    {
        const nlohmann::json r = RunFabric({{"workload", "permutation"},
                                            {"bytes", "2000000"},
                                            {"mtu", "9000"},
                                            {"routing", "spray-rr"},
                                            {"recovery", "sr"},
                                            // above one bandwidth-delay product (the default)
                                            // by the queueing spraying adds at the spines
                                            {"windowBytes", "262144"}});
        const double ratio = r.at("completion_over_ideal");
        NS_TEST_ASSERT_MSG_GT_OR_EQ(ratio, 1.0, "not below the bound");
        NS_TEST_ASSERT_MSG_LT_OR_EQ(ratio, 1.10, "within 10%");
        NS_TEST_ASSERT_MSG_EQ(r.at("hosts").get<uint32_t>(), 128u, "the headline fabric");
    }
};

class IdealTestSuite : public TestSuite
{
  public:
    IdealTestSuite()
        : TestSuite("planet-fabric-ideal", UNIT)
    {
        for (const std::string w : {"permutation", "incast", "alltoall"})
        {
            AddTestCase(new IdealNeverBeatenTestCase(w), TestCase::QUICK);
        }
        AddTestCase(new SprayNearIdealTestCase, TestCase::QUICK);
    }
};

IdealTestSuite g_idealTestSuite;

/// Seconds from a record entry (start_s, fct_s).
double
At(const nlohmann::json& flow, const char* key)
{
    return flow.at(key).get<double>();
}

class TriggerTestCase : public TestCase
{
  public:
    /// `trigger`: which htsim trigger chains the flows; `flowDone`: the run's definition.
    TriggerTestCase(std::string trigger, std::string flowDone)
        : TestCase("htsim " + trigger + " chains, --flowDone=" + flowDone +
                   ": a flow starts when its activator's event happens; ideal_s is the chain"),
          m_trigger(trigger),
          m_flowDone(flowDone)
    {
    }

  private:
    void DoRun() override
    {
        const std::string file = CreateTempDirFilename("chain.cm");
        std::ofstream(file) << "Nodes 8\nConnections 4\nTriggers 2\n"
                            << "0->5 id 1 start 3000000 size 50000 " << m_trigger << " 1\n"
                            << "5->2 id 2 trigger 1 size 70000 " << m_trigger << " 2\n"
                            << "2->7 id 3 trigger 2 size 10000\n"
                            << "3->4 id 4 trigger 2 size 10000\n"
                            << "trigger id 1 oneshot\ntrigger id 2 oneshot\n";
        const nlohmann::json r = RunFabric(
            SmallFabric({{"workload", "matrix"}, {"matrix", file}, {"flowDone", m_flowDone}}));
        const auto& f = r.at("flows");
        NS_TEST_ASSERT_MSG_EQ(f.size(), 4u, "four flows");
        NS_TEST_ASSERT_MSG_EQ_TOL(At(f[0], "start_s"), 3e-6, 1e-12, "3e6 ps");
        // The trigger's event is the flow's end when it is the run's definition too.
        const bool sameEvent = (m_trigger == "send_done_trigger") == (m_flowDone == "acked");
        for (uint32_t i = 1; i < 4; ++i)
        {
            const auto& before = f[i == 3 ? 1 : i - 1];
            const double done = At(before, "start_s") + At(before, "fct_s");
            if (sameEvent)
            {
                NS_TEST_ASSERT_MSG_EQ_TOL(At(f[i], "start_s"),
                                          done,
                                          1e-12,
                                          "flow " << i << " starts when its trigger fires");
            }
            else
            {
                // send_done fires after the delivery, recv_done before the acknowledgement.
                const bool later = At(f[i], "start_s") > done;
                const bool expected = m_flowDone == "delivered";
                NS_TEST_ASSERT_MSG_EQ(later,
                                      expected,
                                      "flow " << i << " waits for the event its trigger names");
            }
        }
        NS_TEST_ASSERT_MSG_EQ(r.at("bytes_delivered").get<uint64_t>(), 140000u, "all delivered");
        NS_TEST_ASSERT_MSG_EQ(r.at("warnings").size(), 0u, "no warnings");
        // A serial chain: the ideal is the chain bound, which starts at 3 us.
        const double ideal = r.at("ideal_s");
        NS_TEST_ASSERT_MSG_EQ_TOL(ideal, r.at("ideal_chain_s").get<double>(), 1e-15, "chain binds");
        NS_TEST_ASSERT_MSG_GT(ideal, 3e-6 + r.at("ideal_link_s").get<double>(), "serialised");
        NS_TEST_ASSERT_MSG_GT_OR_EQ(r.at("completion_s").get<double>(), ideal, "a lower bound");
    }

    std::string m_trigger;
    std::string m_flowDone;
};

class UndeliveredTestCase : public TestCase
{
  public:
    UndeliveredTestCase()
        : TestCase("flows cut off by stopTime, and the flows waiting for them, are reported")
    {
    }

  private:
    void DoRun() override
    {
        const std::string file = CreateTempDirFilename("cut.cm");
        std::ofstream(file) << "0 1 1000\n"
                            << "0->3 id 8 start 0 size 1000000 send_done_trigger 5\n"
                            << "1->2 id 9 trigger 5 size 2000\n"
                            << "trigger id 5 oneshot\n";
        const nlohmann::json r = RunFabric(
            SmallFabric({{"workload", "matrix"}, {"matrix", file}, {"stopTime", "20us"}}));
        NS_TEST_ASSERT_MSG_EQ(r.at("bytes_requested").get<uint64_t>(), 1003000u, "requested");
        NS_TEST_ASSERT_MSG_LT(r.at("bytes_delivered").get<uint64_t>(), 1001000u, "cut off");
        NS_TEST_ASSERT_MSG_EQ(r.at("warnings").size(), 1u, "one warning");
        const std::string w = r.at("warnings").at(0);
        NS_TEST_ASSERT_MSG_NE(w.find("2 of 3 flows not done"), std::string::npos, w);
        NS_TEST_ASSERT_MSG_NE(w.find("1 never started"), std::string::npos, w);
        NS_TEST_ASSERT_MSG_NE(w.find("first: flow id 8 0->3"), std::string::npos, w);
        NS_TEST_ASSERT_MSG_EQ(r.at("flows").at(2).at("fct_s").is_null(), true, "no fct");
        NS_TEST_ASSERT_MSG_EQ(r.at("flows").at(2).at("start_s").is_null(), true, "no start");
    }
};

class BadInputTestCase : public TestCase
{
  public:
    BadInputTestCase()
        : TestCase("bad parameters and files fail with a message naming them")
    {
    }

  private:
    void DoRun() override
    {
        auto error = [](const std::map<std::string, std::string>& p) -> std::string {
            try
            {
                RunFabric(SmallFabric(p));
            }
            catch (const std::invalid_argument& e)
            {
                return e.what();
            }
            return "";
        };
        NS_TEST_ASSERT_MSG_NE(error({{"routing", "hash"}}).find("routing"), std::string::npos, "");
        NS_TEST_ASSERT_MSG_NE(error({{"routing", "hash"}}).find("spray-rr"), std::string::npos, "");
        NS_TEST_ASSERT_MSG_NE(error({{"recovery", "x"}}).find("gbn|sr"), std::string::npos, "");
        NS_TEST_ASSERT_MSG_NE(error({{"workload", "matrix"}}).find("matrix"),
                              std::string::npos,
                              "");
        const std::string file = CreateTempDirFilename("bad.tm");
        std::ofstream(file) << "0 1 10\n0 99 10\n";
        const std::string e = error({{"workload", "matrix"}, {"matrix", file}});
        NS_TEST_ASSERT_MSG_NE(e.find("out of range"), std::string::npos, e);
        // A trigger nothing activates: the flow waiting on it could never start.
        const std::string orphan = CreateTempDirFilename("orphan.cm");
        std::ofstream(orphan) << "0 1 1000\n1->2 id 9 trigger 5 size 2000\ntrigger id 5 oneshot\n";
        const std::string o = error({{"workload", "matrix"}, {"matrix", orphan}});
        NS_TEST_ASSERT_MSG_NE(o.find("trigger 5 is activated by no flow"), std::string::npos, o);
        NS_TEST_ASSERT_MSG_NE(error({{"flowDone", "sent"}}).find("delivered, acked"),
                              std::string::npos,
                              "");
    }
};

class MatrixTestSuite : public TestSuite
{
  public:
    MatrixTestSuite()
        : TestSuite("planet-fabric-matrix", UNIT)
    {
        for (const std::string trigger : {"send_done_trigger", "recv_done_trigger"})
        {
            for (const std::string flowDone : {"acked", "delivered"})
            {
                AddTestCase(new TriggerTestCase(trigger, flowDone), TestCase::QUICK);
            }
        }
        AddTestCase(new UndeliveredTestCase, TestCase::QUICK);
        AddTestCase(new BadInputTestCase, TestCase::QUICK);
    }
};

MatrixTestSuite g_matrixTestSuite;

} // namespace
