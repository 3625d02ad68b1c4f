// SPDX-License-Identifier: GPL-2.0-only

// The traffic planner on the headline fabric: 128 ranks on 16 leaves x 8 hosts, 8 spines.
// Counters: subflows planned, and the busiest link over the spraying bound for the planner and
// for hashed ECMP.

#include "ns3/collective-planner.h"

#include <algorithm>
#include <benchmark/benchmark.h>
#include <numeric>
#include <random>

using namespace planet;

namespace
{

/// The headline fabric (16 leaves x 8 hosts, 8 spines, 100 Gbps) is LeafSpineShape's default.
LeafSpineShape
HeadlineShape()
{
    return LeafSpineShape();
}

/// Rank -> host: contiguous (range(0) == 0) or a fixed random permutation.
std::vector<uint32_t>
Placement(uint32_t hosts, bool random)
{
    std::vector<uint32_t> host(hosts);
    std::iota(host.begin(), host.end(), 0);
    if (random)
    {
        std::mt19937_64 rng(42);
        std::shuffle(host.begin(), host.end(), rng);
    }
    return host;
}

SplitPolicy
Split(int64_t k)
{
    return k == 0 ? SplitPolicy::Auto() : SplitPolicy::Fixed(static_cast<uint32_t>(k));
}

void
Report(benchmark::State& state, const TrafficPlan& plan, double plans)
{
    state.counters["subflows"] = plan.subflows.size();
    state.counters["plans_per_s"] = benchmark::Counter(plans, benchmark::Counter::kIsRate);
    state.counters["planned/bound"] = plan.planned.maxFabricLinkBytes / plan.lowerBoundBytes;
    state.counters["ecmp/bound"] = plan.ecmp.maxFabricLinkBytes / plan.lowerBoundBytes;
}

/// One all-to-all step: every rank sends 64 MB / 128 to every other rank at once.
/// range(0): 0 = contiguous, 1 = random placement; range(1): splits, 0 = auto.
void
BM_PlanAllToAllStep(benchmark::State& state)
{
    const LeafSpineShape shape = HeadlineShape();
    const std::vector<uint32_t> host = Placement(shape.Hosts(), state.range(0) == 1);
    std::vector<PlannerFlow> flows;
    for (uint32_t a = 0; a < host.size(); ++a)
    {
        for (uint32_t b = 0; b < host.size(); ++b)
        {
            if (a != b)
            {
                flows.push_back({flows.size(), 0, host[a], host[b], (64u << 20) / 128});
            }
        }
    }
    const SplitPolicy split = Split(state.range(1));
    TrafficPlan plan;
    for (auto _ : state)
    {
        plan = PlanTraffic(shape, flows, split);
        benchmark::DoNotOptimize(plan.planned.maxFabricLinkBytes);
    }
    Report(state, plan, state.iterations());
}

/// A whole ring AllReduce of 64 MB: 2(n-1) steps of n flows of S/n bytes, each step planned.
/// range(0): placement as above; range(1): splits, 0 = auto.
void
BM_PlanRingAllReduce(benchmark::State& state)
{
    const LeafSpineShape shape = HeadlineShape();
    const std::vector<uint32_t> host = Placement(shape.Hosts(), state.range(0) == 1);
    const uint32_t n = host.size();
    std::vector<PlannerFlow> step;
    for (uint32_t r = 0; r < n; ++r)
    {
        step.push_back({r, 0, host[r], host[(r + 1) % n], (64u << 20) / n});
    }
    const SplitPolicy split = Split(state.range(1));
    TrafficPlan plan;
    for (auto _ : state)
    {
        for (uint32_t s = 0; s < 2 * (n - 1); ++s)
        {
            plan = PlanTraffic(shape, step, split, s);
            benchmark::DoNotOptimize(plan.planned.maxFabricLinkBytes);
        }
    }
    Report(state, plan, state.iterations() * 2.0 * (n - 1));
}

/// Recursive halving-doubling's first step on 128 ranks: pairs at distance 64 exchange halves.
void
BM_PlanHalvingDoublingStep(benchmark::State& state)
{
    const LeafSpineShape shape = HeadlineShape();
    const std::vector<uint32_t> host = Placement(shape.Hosts(), state.range(0) == 1);
    std::vector<PlannerFlow> flows;
    for (uint32_t r = 0; r < host.size(); ++r)
    {
        flows.push_back({r, 0, host[r], host[r ^ 64], 32u << 20});
    }
    const SplitPolicy split = Split(state.range(1));
    TrafficPlan plan;
    for (auto _ : state)
    {
        plan = PlanTraffic(shape, flows, split);
        benchmark::DoNotOptimize(plan.planned.maxFabricLinkBytes);
    }
    Report(state, plan, state.iterations());
}

} // namespace

BENCHMARK(BM_PlanAllToAllStep)
    ->ArgsProduct({{0, 1}, {0, 8}})
    ->ArgNames({"random", "splits"})
    ->Unit(benchmark::kMillisecond);
BENCHMARK(BM_PlanRingAllReduce)
    ->ArgsProduct({{0, 1}, {0, 1}})
    ->ArgNames({"random", "splits"})
    ->Unit(benchmark::kMillisecond);
BENCHMARK(BM_PlanHalvingDoublingStep)
    ->ArgsProduct({{0, 1}, {0, 1}})
    ->ArgNames({"random", "splits"})
    ->Unit(benchmark::kMicrosecond);

BENCHMARK_MAIN();
