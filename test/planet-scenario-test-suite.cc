/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// Tests of PlanetScenario: the parameter contract shared by the runners and Python.

#include "ns3/boolean.h"
#include "ns3/double.h"
#include "ns3/planet-scenario.h"
#include "ns3/random-variable-stream.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/test.h"
#include "ns3/uinteger.h"

#include <stdexcept>

using namespace ns3;

namespace
{

/// A scenario that schedules a few events and draws one random number.
class ToyScenario : public PlanetScenario
{
  public:
    static TypeId GetTypeId()
    {
        static TypeId tid = TypeId("ns3::PlanetToyScenario")
                                .SetParent<PlanetScenario>()
                                .AddConstructor<ToyScenario>()
                                .AddAttribute("HostsPerLeaf",
                                              "an integer",
                                              UintegerValue(8),
                                              MakeUintegerAccessor(&ToyScenario::m_hosts),
                                              MakeUintegerChecker<uint32_t>(1, 64))
                                .AddAttribute("Rate",
                                              "a double",
                                              DoubleValue(0.5),
                                              MakeDoubleAccessor(&ToyScenario::m_rate),
                                              MakeDoubleChecker<double>())
                                .AddAttribute("Mode",
                                              "a choice: a|b",
                                              StringValue("a"),
                                              MakeStringAccessor(&ToyScenario::m_mode),
                                              MakeStringChecker())
                                .AddAttribute("Verbose",
                                              "a boolean",
                                              BooleanValue(false),
                                              MakeBooleanAccessor(&ToyScenario::m_verbose),
                                              MakeBooleanChecker());
        return tid;
    }

  protected:
    nlohmann::json DoRunScenario() override
    {
        CheckChoice("mode", m_mode, {"a", "b"});
        for (uint32_t i = 0; i < m_hosts; ++i)
        {
            Simulator::Schedule(Seconds(i), [] {});
        }
        Simulator::Run();
        auto rng = CreateObject<UniformRandomVariable>();
        rng->SetStream(7); // automatic stream numbers go on across runs in one process
        return {{"draw", rng->GetValue()}, {"now_s", Simulator::Now().GetSeconds()}};
    }

  private:
    uint32_t m_hosts;
    double m_rate;
    std::string m_mode;
    bool m_verbose;
};

NS_OBJECT_ENSURE_REGISTERED(ToyScenario);

class ScenarioRecordTestCase : public TestCase
{
  public:
    ScenarioRecordTestCase()
        : TestCase("record has config, figures and sim; reruns repeat; runs differ")
    {
    }

  private:
    void DoRun() override
    {
        auto run = [](const std::map<std::string, std::string>& params) {
            auto scenario = CreateObject<ToyScenario>();
            scenario->Configure(params);
            return scenario->Run();
        };
        const auto a = run({{"hostsPerLeaf", "5"}, {"rate", "0.25"}});
        NS_TEST_ASSERT_MSG_EQ(a["config"]["hostsPerLeaf"].get<uint64_t>(), 5, "integer parameter");
        NS_TEST_ASSERT_MSG_EQ(a["config"]["rate"].get<double>(), 0.25, "double parameter");
        NS_TEST_ASSERT_MSG_EQ(a["config"]["mode"].get<std::string>(), "a", "default kept");
        NS_TEST_ASSERT_MSG_EQ(a["config"]["verbose"].is_boolean(), true, "boolean parameter");
        NS_TEST_ASSERT_MSG_EQ(run({{"verbose", "true"}})["config"]["verbose"].get<bool>(),
                              true,
                              "boolean parameter set");
        NS_TEST_ASSERT_MSG_EQ(a["config"]["seed"].get<uint64_t>(), 1, "seed recorded");
        NS_TEST_ASSERT_MSG_EQ(a["now_s"].get<double>(), 4.0, "last of 5 events at 4 s");
        NS_TEST_ASSERT_MSG_EQ(a["sim"]["events"].get<uint64_t>(), 5, "events counted");
        NS_TEST_ASSERT_MSG_EQ(Simulator::Now(), Time(0), "simulator destroyed after a run");

        const auto b = run({{"hostsPerLeaf", "5"}, {"rate", "0.25"}});
        NS_TEST_ASSERT_MSG_EQ(a["draw"].get<double>(), b["draw"].get<double>(), "same seed");
        const auto c = run({{"hostsPerLeaf", "5"}, {"run", "2"}});
        NS_TEST_ASSERT_MSG_NE(a["draw"].get<double>(), c["draw"].get<double>(), "other run");
    }
};

class ScenarioErrorTestCase : public TestCase
{
  public:
    ScenarioErrorTestCase()
        : TestCase("bad parameters throw invalid_argument naming the parameter")
    {
    }

  private:
    static std::string Error(const std::map<std::string, std::string>& params)
    {
        try
        {
            auto scenario = CreateObject<ToyScenario>();
            scenario->Configure(params);
            scenario->Run();
        }
        catch (const std::invalid_argument& e)
        {
            return e.what();
        }
        return "";
    }

    void DoRun() override
    {
        auto contains = [](const std::string& s, const std::string& part) {
            return s.find(part) != std::string::npos;
        };
        const auto unknown = Error({{"hostsperleaf", "3"}});
        NS_TEST_EXPECT_MSG_EQ(contains(unknown, "'hostsperleaf'"), true, unknown);
        NS_TEST_EXPECT_MSG_EQ(contains(unknown, "hostsPerLeaf"), true, "lists known names");
        const auto range = Error({{"hostsPerLeaf", "65"}});
        NS_TEST_EXPECT_MSG_EQ(contains(range, "'hostsPerLeaf'"), true, range);
        const auto parse = Error({{"rate", "fast"}}); // ns-3 itself would abort the process
        NS_TEST_EXPECT_MSG_EQ(contains(parse, "'rate'"), true, parse);
        const auto integer = Error({{"hostsPerLeaf", "4.5"}});
        NS_TEST_EXPECT_MSG_EQ(contains(integer, "'hostsPerLeaf'"), true, integer);
        const auto choice = Error({{"mode", "c"}});
        NS_TEST_EXPECT_MSG_EQ(contains(choice, "'mode'") && contains(choice, "a|b"), true, choice);
        NS_TEST_EXPECT_MSG_EQ(Error({{"mode", "b"}}), "", "a valid choice runs");
    }
};

class PlanetScenarioTestSuite : public TestSuite
{
  public:
    PlanetScenarioTestSuite()
        : TestSuite("planet-helper-scenario", UNIT)
    {
        AddTestCase(new ScenarioRecordTestCase, TestCase::QUICK);
        AddTestCase(new ScenarioErrorTestCase, TestCase::QUICK);
    }
};

PlanetScenarioTestSuite g_planetScenarioTestSuite;

} // namespace
