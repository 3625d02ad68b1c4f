// SPDX-License-Identifier: GPL-2.0-only

// planet-fabric scenarios end to end:
// - planet-fabric-ideal: no workload or routing beats the ideal bound; round-robin spraying
//   with selective repeat finishes the permutation within 10% of it;
// - planet-fabric-matrix: traffic-matrix files, htsim triggers, undelivered-flow warnings.

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

class TriggerTestCase : public TestCase
{
  public:
    TriggerTestCase()
        : TestCase("htsim triggers start a flow when the previous one is delivered")
    {
    }

  private:
    void DoRun() override
    {
        const std::string file = CreateTempDirFilename("chain.cm");
        std::ofstream(file) << "Nodes 8\nConnections 4\nTriggers 2\n"
                            << "0->5 id 1 start 3000000 size 50000 send_done_trigger 1\n"
                            << "5->2 id 2 trigger 1 size 70000 send_done_trigger 2\n"
                            << "2->7 id 3 trigger 2 size 10000\n"
                            << "3->4 id 4 trigger 2 size 10000\n"
                            << "trigger id 1 oneshot\ntrigger id 2 oneshot\n";
        const nlohmann::json r = RunFabric(SmallFabric({{"workload", "matrix"}, {"matrix", file}}));
        const auto& f = r.at("flows");
        NS_TEST_ASSERT_MSG_EQ(f.size(), 4u, "four flows");
        NS_TEST_ASSERT_MSG_EQ_TOL(f[0].at("start_s").get<double>(), 3e-6, 1e-12, "3e6 ps");
        for (uint32_t i = 1; i < 4; ++i)
        {
            const auto& before = f[i == 3 ? 1 : i - 1];
            const double done =
                before.at("start_s").get<double>() + before.at("fct_s").get<double>();
            NS_TEST_ASSERT_MSG_EQ_TOL(f[i].at("start_s").get<double>(),
                                      done,
                                      1e-12,
                                      "flow " << i << " starts when its trigger fires");
        }
        NS_TEST_ASSERT_MSG_EQ(r.at("bytes_delivered").get<uint64_t>(), 140000u, "all delivered");
        NS_TEST_ASSERT_MSG_EQ(r.at("warnings").size(), 0u, "no warnings");
        // The chain cannot finish before the sum of its links' serialisation and latencies.
        NS_TEST_ASSERT_MSG_GT(r.at("completion_s").get<double>(),
                              3e-6 + r.at("ideal_s").get<double>(),
                              "dependencies serialise the chain");
    }
};

class UndeliveredTestCase : public TestCase
{
  public:
    UndeliveredTestCase()
        : TestCase("a flow whose trigger never fires is reported")
    {
    }

  private:
    void DoRun() override
    {
        const std::string file = CreateTempDirFilename("orphan.tm");
        std::ofstream(file) << "0 1 1000\n1->2 id 9 trigger 5 size 2000\n";
        const nlohmann::json r = RunFabric(SmallFabric({{"workload", "matrix"}, {"matrix", file}}));
        NS_TEST_ASSERT_MSG_EQ(r.at("bytes_requested").get<uint64_t>(), 3000u, "requested");
        NS_TEST_ASSERT_MSG_EQ(r.at("bytes_delivered").get<uint64_t>(), 1000u, "delivered");
        NS_TEST_ASSERT_MSG_EQ(r.at("warnings").size(), 1u, "one warning");
        const std::string w = r.at("warnings").at(0);
        NS_TEST_ASSERT_MSG_NE(w.find("1 never started"), std::string::npos, w);
        NS_TEST_ASSERT_MSG_EQ(r.at("flows").at(1).at("fct_s").is_null(), true, "no fct");
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
    }
};

class MatrixTestSuite : public TestSuite
{
  public:
    MatrixTestSuite()
        : TestSuite("planet-fabric-matrix", UNIT)
    {
        AddTestCase(new TriggerTestCase, TestCase::QUICK);
        AddTestCase(new UndeliveredTestCase, TestCase::QUICK);
        AddTestCase(new BadInputTestCase, TestCase::QUICK);
    }
};

MatrixTestSuite g_matrixTestSuite;

} // namespace
