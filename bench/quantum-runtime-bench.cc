// SPDX-License-Identifier: GPL-2.0-only

// Executing the plan of 100 random SURFnet demands in ns-3 for 10 hyperperiods, per scheduler:
//  - BM_ExecuteSurfnet100/<scheduler>: planet-quantum's whole run (plan, then the network,
//    controller and agents in ns-3, Simulator::Run, measured QoS), as `planet-quantum
//    --network=data/quantum/surfnet.gml --hardware=futuristic --randomDemands=100 --fmin=0.8
//    --hyperperiods=10` runs it;
//  - BM_PlanSurfnet100/<scheduler>: the same with --execute=false, so the difference is the
//    execution's cost.
// Counters: accepted demands, instances run, pairs delivered, simulator events, events per
// delivered pair, control messages sent. Goal (issue #11): under a minute of CPU.

#include "ns3/quantum-periodic-scheduler.h"
#include "ns3/quantum-scenario.h"

#include <benchmark/benchmark.h>

using namespace ns3;

namespace
{

const std::string kSurfnet = std::string(PLANET_DATA_DIR) + "/quantum/surfnet.gml";

nlohmann::json
RunSurfnet(const std::string& scheduler, bool execute)
{
    auto scenario = CreateObject<QuantumScenario>();
    scenario->Configure({{"network", kSurfnet},
                         {"hardware", "futuristic"},
                         {"randomDemands", "100"},
                         {"fmin", "0.8"},
                         {"scheduler", scheduler},
                         {"hyperperiods", "10"},
                         {"execute", execute ? "true" : "false"}});
    return scenario->Run();
}

void
BM_ExecuteSurfnet100(benchmark::State& state, const std::string& scheduler)
{
    nlohmann::json record;
    for (auto _ : state)
    {
        record = RunSurfnet(scheduler, true);
    }
    const auto& m = record.at("measured");
    uint64_t messages = 0;
    for (const auto& [type, n] : m.at("control_messages").items())
    {
        messages += n.get<uint64_t>();
    }
    state.counters["accepted"] = record.at("accepted").get<double>();
    state.counters["instances"] = m.at("instances").get<double>();
    state.counters["pairs"] = m.at("pairs_delivered").get<double>();
    state.counters["events"] = record.at("sim").at("events").get<double>();
    state.counters["events_per_pair"] = m.at("events_per_pair").get<double>();
    state.counters["messages"] = static_cast<double>(messages);
}

void
BM_PlanSurfnet100(benchmark::State& state, const std::string& scheduler)
{
    nlohmann::json record;
    for (auto _ : state)
    {
        record = RunSurfnet(scheduler, false);
    }
    state.counters["accepted"] = record.at("accepted").get<double>();
}

} // namespace

int
main(int argc, char** argv)
{
    for (const auto& name : planet::PeriodicSchedulerNames())
    {
        benchmark::RegisterBenchmark(("BM_ExecuteSurfnet100/" + name).c_str(),
                                     BM_ExecuteSurfnet100,
                                     name)
            ->Unit(benchmark::kMillisecond)
            ->Iterations(2);
        benchmark::RegisterBenchmark(("BM_PlanSurfnet100/" + name).c_str(), BM_PlanSurfnet100, name)
            ->Unit(benchmark::kMillisecond)
            ->Iterations(2);
    }
    benchmark::Initialize(&argc, argv);
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
