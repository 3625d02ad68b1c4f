// SPDX-License-Identifier: GPL-2.0-only

// Flow graphs of the headline workload: 128 ranks on 16 leaves x 8 hosts, 8 spines, 64 MB.
// How long expanding each algorithm takes, how many flows and dependencies it makes, and how
// long splitting and planning a whole ring AllReduce takes.

#include "ns3/collective-algorithm.h"
#include "ns3/collective-metrics.h"
#include "ns3/collective-split.h"
#include "ns3/collective-workload.h"

#include <benchmark/benchmark.h>

using namespace planet;

namespace
{

/// The headline fabric (16 leaves x 8 hosts, 8 spines, 100 Gbps) is LeafSpineShape's default.
LeafSpineShape
HeadlineShape()
{
    return LeafSpineShape();
}

const uint64_t kBytes = uint64_t{64} << 20;

void
Count(benchmark::State& state, const FlowGraph& g)
{
    uint64_t deps = 0;
    for (const CollectiveFlow& f : g.flows)
    {
        deps += f.deps.size();
    }
    state.counters["flows"] = g.flows.size();
    state.counters["deps"] = deps;
}

/// Expand one collective of 64 MB over 128 ranks; range(0) indexes CollectiveAlgorithmNames().
void
BM_Expand(benchmark::State& state)
{
    const std::string name = CollectiveAlgorithmNames().at(state.range(0));
    state.SetLabel(name);
    const auto algorithm = MakeCollectiveAlgorithm(name);
    const Communicator comm = MakeCommunicator("contiguous", 128, HeadlineShape().Hosts());
    FlowGraph g;
    for (auto _ : state)
    {
        g = FlowGraph();
        AppendCollective(g, *algorithm, comm, kBytes);
        benchmark::DoNotOptimize(g.flows.data());
    }
    Count(state, g);
}

BENCHMARK(BM_Expand)->DenseRange(0, 8)->Unit(benchmark::kMillisecond);

/// The ideal CCT of a 128-rank ring AllReduce (254 steps through ComputeIdealBound).
void
BM_IdealRing(benchmark::State& state)
{
    FlowGraph g;
    AppendCollective(g,
                     RingAllReduce(),
                     MakeCommunicator("contiguous", 128, HeadlineShape().Hosts()),
                     kBytes);
    for (auto _ : state)
    {
        benchmark::DoNotOptimize(ComputeIdealCct(g, 0, HeadlineShape(), WireFormat()).idealS);
    }
}

BENCHMARK(BM_IdealRing)->Unit(benchmark::kMillisecond);

/// Split and plan a whole 128-rank collective; range(0): 0 ring, 1 halving-doubling;
/// range(1): splits, 0 = auto.
void
BM_SplitAndPlan(benchmark::State& state)
{
    const auto algorithm =
        MakeCollectiveAlgorithm(state.range(0) == 0 ? "allreduce-ring" : "allreduce-hd");
    state.SetLabel(algorithm->Name());
    FlowGraph g;
    PlacementOptions random;
    random.seed = 1;
    AppendCollective(g,
                     *algorithm,
                     MakeCommunicator("random", 128, HeadlineShape().Hosts(), random),
                     kBytes);
    const SplitPolicy policy = state.range(1) == 0
                                   ? SplitPolicy::Auto()
                                   : SplitPolicy::Fixed(static_cast<uint32_t>(state.range(1)));
    SplitGraph split;
    for (auto _ : state)
    {
        split = SplitAndPlan(g, HeadlineShape(), policy);
        benchmark::DoNotOptimize(split.graph.flows.data());
    }
    Count(state, split.graph);
}

BENCHMARK(BM_SplitAndPlan)->Args({0, 0})->Args({0, 8})->Args({1, 0})->Unit(benchmark::kMillisecond);

/// Ten bucketed training iterations of a 128-rank ring AllReduce.
void
BM_Training(benchmark::State& state)
{
    TrainingSpec spec;
    spec.iterations = 10;
    spec.gradientBytes = kBytes;
    spec.backwardS = 0.01;
    spec.buckets = state.range(0);
    const Communicator comm = MakeCommunicator("contiguous", 128, HeadlineShape().Hosts());
    FlowGraph g;
    for (auto _ : state)
    {
        g = FlowGraph();
        AppendTraining(g, spec, RingAllReduce(), comm, 0);
        benchmark::DoNotOptimize(g.flows.data());
    }
    Count(state, g);
}

BENCHMARK(BM_Training)->Arg(1)->Arg(4)->Unit(benchmark::kMillisecond);

} // namespace

BENCHMARK_MAIN();
