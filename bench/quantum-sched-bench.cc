// SPDX-License-Identifier: GPL-2.0-only

// Scheduling 100 random demands on SURFnet (data/quantum/surfnet.gml), per scheduler:
//  - BM_PlanSurfnet100: the whole plan (routes, protocol synthesis, task graphs, admission and
//    one hyperperiod of schedule), PlanQuantumNetwork(). SURFnet's links are all 5 km, so
//    routes with as many hops have one shape and share one search (ProtocolSynthesiser);
//  - BM_PlanSurfnetVaried100: the same on SURFnet with seeded link lengths of 2-10 km, where
//    almost every route has a shape of its own: the cost of one search per demand;
//  - BM_AdmitSurfnet100: admission control and scheduling alone, on the periodic jobs of the
//    same demands (synthesised once, outside the timing).
// Physics: planet's futuristic hardware profile (FindHardwareProfile("futuristic"): double-click
// links with emission efficiency 0.5 and visibility 0.9, two-qubit gate and readout errors 1e-3,
// carbon T2 10 s), not the study's SURFnet links.
// Demands: end-node pairs uniformly at random, fmin 0.8, 2^k pairs/s for k in -1..3 (seeded).
// Counters: accepted demands, candidate jobs, job instances per hyperperiod.

#include "ns3/quantum-hardware.h"
#include "ns3/quantum-qos-plan.h"

#include <benchmark/benchmark.h>
#include <cmath>
#include <random>

using namespace planet;

namespace
{

const std::string kData = std::string(PLANET_DATA_DIR) + "/quantum/";

struct Surfnet
{
    QuantumTopology topology = LoadGmlTopology(kData + "surfnet.gml");
    QuantumDevice device;
    OpticalParameters optics;
    std::unique_ptr<DoubleClickLink> links;
    T1T2Decoherence decoherence;
    std::vector<QuantumDemand> demands;

    explicit Surfnet(bool vary)
    {
        if (vary)
        {
            std::mt19937_64 lengths(7);
            std::uniform_real_distribution<double> km(2.0, 10.0);
            QuantumTopology varied;
            for (const auto& node : topology.Nodes())
            {
                varied.AddNode(node);
            }
            for (const auto& link : topology.Links())
            {
                varied.AddLink(link.a, link.b, km(lengths));
            }
            topology = varied;
        }
        FindHardwareProfile("futuristic").apply(device, optics);
        links = std::make_unique<DoubleClickLink>(optics);
        const auto ends = topology.EndNodes();
        std::mt19937_64 rng(1);
        std::uniform_int_distribution<std::size_t> pick(0, ends.size() - 1);
        std::uniform_int_distribution<int> rateExp(-1, 3);
        for (int i = 0; i < 100; ++i)
        {
            QuantumDemand d;
            d.src = ends[pick(rng)];
            do
            {
                d.dst = ends[pick(rng)];
            } while (d.dst == d.src);
            d.fmin = 0.8;
            d.rate_hz = std::ldexp(1.0, rateExp(rng));
            demands.push_back(d);
        }
    }
};

const Surfnet&
GetSurfnet(bool vary = false)
{
    static const Surfnet surfnet(false);
    static const Surfnet varied(true);
    return vary ? varied : surfnet;
}

std::string
SchedulerName(int64_t index)
{
    return PeriodicSchedulerNames().at(static_cast<std::size_t>(index));
}

void
PlanSurfnet100(benchmark::State& state, bool vary)
{
    const auto& s = GetSurfnet(vary);
    QosPlanOptions options;
    options.scheduler = SchedulerName(state.range(0));
    std::size_t accepted = 0;
    for (auto _ : state)
    {
        const auto plan =
            PlanQuantumNetwork(s.topology, s.demands, *s.links, s.device, s.decoherence, options);
        accepted = plan.accepted;
        benchmark::DoNotOptimize(plan.throughput_ebit_s);
    }
    state.SetLabel(options.scheduler);
    state.counters["accepted"] = static_cast<double>(accepted);
}

void
BM_PlanSurfnet100(benchmark::State& state)
{
    PlanSurfnet100(state, false);
}

void
BM_PlanSurfnetVaried100(benchmark::State& state)
{
    PlanSurfnet100(state, true);
}

void
BM_AdmitSurfnet100(benchmark::State& state)
{
    const auto& s = GetSurfnet();
    QosPlanOptions options;
    options.scheduler = SchedulerName(state.range(0));
    // The jobs of the demands that have a protocol: a plan with everything admitted.
    const auto plan = PlanQuantumNetwork(s.topology,
                                         s.demands,
                                         *s.links,
                                         s.device,
                                         s.decoherence,
                                         QosPlanOptions{});
    std::vector<PeriodicJob> jobs;
    for (std::size_t i = 0; i < plan.demands.size(); ++i)
    {
        const auto& d = plan.demands[i];
        if (d.period_s > 0)
        {
            const SynthesisResult r =
                SynthesiseProtocol(s.topology,
                                   s.topology.ShortestPath(d.demand.src, d.demand.dst),
                                   d.demand.fmin,
                                   *s.links,
                                   s.device,
                                   s.decoherence);
            jobs.push_back(JobFromTaskGraph(r.plan,
                                            i,
                                            std::llround(d.period_s / options.slot_s),
                                            options.slot_s));
        }
    }
    const auto scheduler = CreatePeriodicScheduler(options.scheduler);
    std::size_t accepted = 0;
    std::size_t instances = 0;
    for (auto _ : state)
    {
        const auto admission = scheduler->Admit(jobs, s.topology.QubitCount());
        accepted = admission.admitted.size();
        instances = admission.schedule.instances.size();
        benchmark::DoNotOptimize(admission.schedule.hyperperiod);
    }
    state.SetLabel(options.scheduler);
    state.counters["jobs"] = static_cast<double>(jobs.size());
    state.counters["accepted"] = static_cast<double>(accepted);
    state.counters["instances"] = static_cast<double>(instances);
}

} // namespace

BENCHMARK(BM_PlanSurfnet100)->DenseRange(0, 5)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_PlanSurfnetVaried100)->DenseRange(0, 5)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_AdmitSurfnet100)->DenseRange(0, 5)->Unit(benchmark::kMillisecond);
BENCHMARK_MAIN();
