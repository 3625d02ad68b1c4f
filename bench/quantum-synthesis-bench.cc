// SPDX-License-Identifier: GPL-2.0-only

// Protocol synthesis per demand: routing plus the search and the placed task graph, on the
// study's networks (NV parameters, tabulated links) and on SURFnet (futuristic parameters:
// double-click links, 10 s carbon T2, 1e-3 gate and readout errors). Counters: hops of the
// route, found protocols, tasks of the plan, and the search's cost: the share of demands whose
// exact pass completed (exact), candidates it built (examined) and whole-route candidates placed
// (planned). SURFnet runs both with a fresh search per demand
// and with one ProtocolSynthesiser whose sub-path cache fills over the demands.

#include "ns3/quantum-hardware.h"
#include "ns3/quantum-synthesis.h"

#include <benchmark/benchmark.h>
#include <random>

using namespace planet;

namespace
{

const std::string kData = std::string(PLANET_DATA_DIR) + "/quantum/";

/// Synthesises protocols for random end-node pairs of \p topology, one per iteration.
void
RunDemands(benchmark::State& state,
           const QuantumTopology& topology,
           const LinkModel& links,
           const QuantumDevice& device,
           double fmin,
           bool cached = false)
{
    const T1T2Decoherence decoherence;
    ProtocolSynthesiser synthesiser(topology, links, device, decoherence);
    const auto ends = topology.EndNodes();
    std::mt19937 rng(1);
    std::uniform_int_distribution<std::size_t> pick(0, ends.size() - 1);
    double hops = 0;
    double found = 0;
    double tasks = 0;
    double exact = 0;
    double examined = 0;
    double planned = 0;
    for (auto _ : state)
    {
        const auto src = ends[pick(rng)];
        auto dst = ends[pick(rng)];
        while (dst == src)
        {
            dst = ends[pick(rng)];
        }
        const auto route = topology.ShortestPath(src, dst);
        const auto r = cached
                           ? synthesiser.Synthesise(route, fmin)
                           : SynthesiseProtocol(topology, route, fmin, links, device, decoherence);
        benchmark::DoNotOptimize(r.protocol.rate_hz);
        hops += route.links.size();
        found += r.found;
        tasks += r.plan.tasks.size();
        exact += r.exact;
        examined += static_cast<double>(r.examined);
        planned += static_cast<double>(r.planned);
    }
    state.counters["hops"] = benchmark::Counter(hops, benchmark::Counter::kAvgIterations);
    state.counters["found"] = benchmark::Counter(found, benchmark::Counter::kAvgIterations);
    state.counters["tasks"] = benchmark::Counter(tasks, benchmark::Counter::kAvgIterations);
    state.counters["exact"] = benchmark::Counter(exact, benchmark::Counter::kAvgIterations);
    state.counters["examined"] = benchmark::Counter(examined, benchmark::Counter::kAvgIterations);
    state.counters["planned"] = benchmark::Counter(planned, benchmark::Counter::kAvgIterations);
}

void
BM_SynthesisStudyNetwork(benchmark::State& state)
{
    static const char* names[] = {"star", "h", "line", "symmetric"};
    const auto topology = MakeStudyTopology(names[state.range(0)]);
    const auto links = LoadTableLink(kData + "nv-link-capabilities.json");
    state.SetLabel(names[state.range(0)]);
    // Fmin 0.3: two NV hops of the table reach about 0.44, three about 0.32.
    RunDemands(state, topology, links, QuantumDevice{}, 0.3);
}

void
BM_SynthesisSurfnet(benchmark::State& state)
{
    const auto topology = LoadGmlTopology(kData + "surfnet.gml");
    QuantumDevice device;
    OpticalParameters optics;
    FindHardwareProfile("futuristic").apply(device, optics);
    const DoubleClickLink links(optics);
    RunDemands(state, topology, links, device, state.range(0) / 100.0, state.range(1) == 1);
    state.SetLabel(state.range(1) == 1 ? "one ProtocolSynthesiser (cached sub-paths)"
                                       : "SynthesiseProtocol per demand");
}

} // namespace

BENCHMARK(BM_SynthesisStudyNetwork)->DenseRange(0, 3)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_SynthesisSurfnet)->ArgsProduct({{70, 80, 90}, {0, 1}})->Unit(benchmark::kMicrosecond);
BENCHMARK_MAIN();
