/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// The pure parts of the quantum runtime: link windows from a quantile, a plan cut into node
// schedules and their encoding, measured-QoS summaries.

#include "ns3/quantum-link.h"
#include "ns3/quantum-measured-qos.h"
#include "ns3/quantum-node-schedule.h"
#include "ns3/quantum-qos-plan.h"
#include "ns3/quantum-topology.h"

#include <cmath>
#include <gtest/gtest.h>
#include <set>
#include <stdexcept>

using namespace planet;

namespace
{

TEST(QuantumLinkWindow, DefaultIsTheMeanAndAQuantileTheGeometricQuantile)
{
    const auto c = MakeLinkCapability(0.9, 0.01, 1e-4);
    EXPECT_DOUBLE_EQ(c.rate_hz, 100.0);
    EXPECT_DOUBLE_EQ(LinkGenerationWindow(c, 0), 0.01);
    // 0.95: the smallest n with 1 - 0.99^n >= 0.95 is 299 (0.99^298 = 0.05004, 0.99^299 =
    // 0.04954); ln(20)/0.01 = 299.6 is the small-p approximation.
    EXPECT_NEAR(LinkGenerationWindow(c, 0.95), 299 * 1e-4, 1e-15);
    EXPECT_EQ(WindowAttempts(c, LinkGenerationWindow(c, 0.95)), 299u);
    EXPECT_GE(WindowSuccessProbability(c, LinkGenerationWindow(c, 0.95)), 0.95);
    EXPECT_LT(WindowSuccessProbability(c, 298 * 1e-4), 0.95);
    // The mean window (100 attempts) succeeds with 1 - 0.99^100 = 0.634.
    EXPECT_NEAR(WindowSuccessProbability(c, LinkGenerationWindow(c, 0)),
                1 - std::pow(0.99, 100),
                1e-12);
    const auto certain = MakeLinkCapability(0.9, 1.0, 2e-5);
    EXPECT_DOUBLE_EQ(LinkGenerationWindow(certain, 0), 2e-5);
    EXPECT_DOUBLE_EQ(LinkGenerationWindow(certain, 0.99), 2e-5);
    EXPECT_EQ(WindowAttempts(certain, 2e-5), 1u);
    EXPECT_THROW(LinkGenerationWindow(c, 1.0), std::invalid_argument);
    EXPECT_THROW(LinkGenerationWindow(c, -0.1), std::invalid_argument);
    EXPECT_THROW(MakeLinkCapability(0.9, 0.0, 1e-4), std::invalid_argument);
    EXPECT_THROW(MakeLinkCapability(0.9, 0.5, 0.0), std::invalid_argument);
}

TEST(QuantumLinkWindow, EveryLinkModelStatesItsAttempts)
{
    OpticalParameters optics;
    const double t = AttemptTime(optics, 10);
    for (const auto& c : SingleClickLink(optics, {0.1, 0.3}).Capabilities(10))
    {
        EXPECT_DOUBLE_EQ(c.attempt_s, t);
        EXPECT_NEAR(c.rate_hz, c.successProbability / c.attempt_s, 1e-9 * c.rate_hz);
    }
    const auto dc = DoubleClickLink(optics).Capabilities(10).at(0);
    EXPECT_NEAR(dc.successProbability, 0.5 * std::pow(DetectionProbability(optics, 10), 2), 1e-15);
    // The table has rates only: its attempt time is the midpoint geometry's.
    TableLink table({{5.0, {{0.9, 10.0}}}, {15.0, {{0.8, 2.0}}}}, optics);
    const auto tc = table.Capabilities(10).at(0);
    EXPECT_DOUBLE_EQ(tc.attempt_s, t);
    EXPECT_NEAR(tc.rate_hz, 6.0, 1e-12);
    EXPECT_NEAR(tc.successProbability, 6.0 * t, 1e-15);
}

ScheduledQuantumTask
Task(uint64_t id,
     uint32_t instance,
     const std::string& kind,
     std::vector<uint32_t> qubits,
     double start_s,
     double end_s,
     std::vector<uint64_t> predecessors)
{
    ScheduledQuantumTask t;
    t.id = id;
    t.instance = instance;
    t.kind = kind;
    t.qubits = std::move(qubits);
    t.start_s = start_s;
    t.end_s = end_s;
    t.predecessors = std::move(predecessors);
    return t;
}

/// A plan by hand: a two-hop swap on the line 0 - 1 - 2, one instance per 10 ms.
QosPlan
SwapPlan()
{
    QosPlan plan;
    plan.hyperperiod_s = 0.02;
    DemandPlan d;
    d.demand = {0, 2, 0.5, 50};
    d.accepted = true;
    d.path = {0, 1, 2};
    d.period_s = 0.01;
    plan.demands.push_back(d);
    const auto cap = MakeLinkCapability(0.9, 0.5, 1e-4);
    for (uint32_t k = 0; k < 2; ++k)
    {
        const double t0 = 0.01 * k;
        const uint64_t base = plan.schedule.size();
        // Qubits: node n has 0 (communication) .. 3 (storage); global = 4 n + local.
        auto l0 = Task(base, k, "link", {0, 1, 4, 5}, t0, t0 + 0.002, {});
        l0.nodes = {0, 1};
        l0.outputQubits = {1, 5};
        l0.successor = static_cast<int64_t>(base + 2);
        l0.link = cap;
        l0.window_s = 0.0015;
        auto l1 = Task(base + 1, k, "link", {4, 6, 8, 9}, t0 + 0.001, t0 + 0.003, {});
        l1.nodes = {1, 2};
        l1.outputQubits = {6, 9};
        l1.successor = static_cast<int64_t>(base + 2);
        l1.link = cap;
        l1.window_s = 0.0015;
        auto s = Task(base + 2, k, "swap", {5, 6}, t0 + 0.003, t0 + 0.004, {base, base + 1});
        s.nodes = {1};
        s.outputQubits = {1, 9};
        plan.schedule.push_back(l0);
        plan.schedule.push_back(l1);
        plan.schedule.push_back(s);
    }
    return plan;
}

TEST(QuantumNodeSchedule, TwoHopSwapIsCutIntoWhatEachNodeDoes)
{
    const auto topology = MakeLineTopology(5);
    const auto schedules = BuildNodeSchedules(SwapPlan(), topology);
    ASSERT_EQ(schedules.size(), 6u);
    for (uint32_t n = 3; n < 6; ++n)
    {
        EXPECT_TRUE(schedules[n].tasks.empty());
    }
    // Node 1: both links (side 1 of the first, side 0 of the second) and the swap, per instance.
    const auto& mid = schedules[1].tasks;
    ASSERT_EQ(mid.size(), 6u);
    EXPECT_EQ(mid[0].kind, TaskKind::LinkGeneration);
    EXPECT_EQ(mid[0].side, 1);
    EXPECT_EQ(mid[0].peer, 0u);
    EXPECT_EQ(mid[0].qubits, (std::vector<uint32_t>{0, 1}));
    EXPECT_EQ(mid[1].side, 0);
    EXPECT_EQ(mid[1].qubits, (std::vector<uint32_t>{0, 2}));
    // The communication qubit is free again at the link's end, the storage one at the swap's.
    EXPECT_DOUBLE_EQ(mid[0].reservedUntil_s[0], 0.002);
    EXPECT_DOUBLE_EQ(mid[0].reservedUntil_s[1], 0.004);
    const auto& swap = mid[2];
    EXPECT_EQ(swap.kind, TaskKind::Swap);
    EXPECT_EQ(swap.qubits, (std::vector<uint32_t>{1, 2}));
    EXPECT_EQ(swap.inputs, (std::vector<int32_t>{0, 1}));
    EXPECT_EQ(swap.destinations, (std::vector<uint32_t>{0, 2}));
    // Slack: deadline 0.01, the swap ends at 0.004, so a task may end 6 ms late.
    EXPECT_NEAR(mid[0].latestEnd_s, 0.002 + 0.006, 1e-12);
    // The ends deliver once the swap's outcome is there; their storage is held until the swap.
    const auto& end0 = schedules[0].tasks[0];
    EXPECT_TRUE(end0.delivers);
    EXPECT_EQ(end0.deliveryFrames, (std::vector<uint32_t>{2}));
    EXPECT_TRUE(end0.frames.empty());
    EXPECT_DOUBLE_EQ(end0.reservedUntil_s[1], 0.004);
    EXPECT_TRUE(schedules[2].tasks[0].delivers);
    EXPECT_EQ(schedules[0].demands.at(0).instances, 2u);
    EXPECT_EQ(schedules[0].demands.at(0).nodes, (std::vector<uint32_t>{0, 1, 2}));
    EXPECT_EQ(schedules[1].tasks[5].frames.size(), 0u);
    EXPECT_EQ(schedules[1].tasks[3].instance, 1u);
}

TEST(QuantumNodeSchedule, EncodingRoundTripsAndRejectsTruncation)
{
    auto schedules = BuildNodeSchedules(SwapPlan(), MakeLineTopology(5));
    auto& s = schedules[1];
    s.activation_s = 0.01;
    s.duration_s = 1.5;
    s.retry = true;
    s.cutoff_s = 0.25;
    const auto bytes = EncodeNodeSchedule(s);
    const auto back = DecodeNodeSchedule(bytes);
    EXPECT_EQ(EncodeNodeSchedule(back), bytes);
    EXPECT_EQ(back.tasks.size(), s.tasks.size());
    EXPECT_TRUE(back.retry);
    EXPECT_DOUBLE_EQ(back.cutoff_s, 0.25);
    EXPECT_DOUBLE_EQ(back.tasks[0].capability.successProbability, 0.5);
    for (std::size_t cut : {std::size_t(0), std::size_t(3), bytes.size() / 2, bytes.size() - 1})
    {
        const std::vector<uint8_t> part(bytes.begin(), bytes.begin() + cut);
        EXPECT_THROW(DecodeNodeSchedule(part), std::invalid_argument) << cut;
    }
    auto longer = bytes;
    longer.push_back(0);
    EXPECT_THROW(DecodeNodeSchedule(longer), std::invalid_argument);
}

TEST(QuantumNodeSchedule, EveryTaskOfARealPlanAppearsAtItsNodes)
{
    const auto topology = MakeLineTopology(5);
    const SingleClickLink links(OpticalParameters{}, {0.1, 0.3});
    QuantumDevice device;
    const auto decoherence = MakeDecoherenceModel("T1T2");
    const auto plan = PlanQuantumNetwork(topology,
                                         {{0, 3, 0.5, 2}, {1, 2, 0.6, 4}},
                                         links,
                                         device,
                                         *decoherence,
                                         QosPlanOptions{});
    ASSERT_GE(plan.accepted, 1u);
    const auto schedules = BuildNodeSchedules(plan, topology);
    std::size_t entries = 0;
    std::size_t deliveries = 0;
    for (const auto& s : schedules)
    {
        entries += s.tasks.size();
        for (std::size_t i = 0; i < s.tasks.size(); ++i)
        {
            const auto& t = s.tasks[i];
            deliveries += t.delivers ? 1 : 0;
            for (int32_t input : t.inputs)
            {
                EXPECT_LT(static_cast<std::size_t>(input), i) << "inputs precede";
                EXPECT_LE(s.tasks[input].end_s, t.start_s + 1e-12);
            }
            EXPECT_GE(t.latestEnd_s, t.end_s);
            if (i > 0)
            {
                EXPECT_LE(s.tasks[i - 1].start_s, t.start_s);
            }
        }
    }
    std::size_t expected = 0;
    std::size_t instances = 0;
    std::set<std::pair<uint32_t, uint32_t>> seen;
    for (const auto& t : plan.schedule)
    {
        expected += t.kind == "swap" ? 1 : 2;
        seen.insert({t.demand, t.instance});
    }
    instances = seen.size();
    EXPECT_EQ(entries, expected);
    EXPECT_EQ(deliveries, 2 * instances) << "each instance is delivered at both ends";
}

TEST(QuantumMeasuredQos, SummaryOfOutcomes)
{
    EXPECT_DOUBLE_EQ(Percentile({3, 1, 2, 4}, 50), 2.5);
    EXPECT_DOUBLE_EQ(Percentile({1, 2, 3, 4, 5}, 5), 1.2);
    EXPECT_DOUBLE_EQ(Percentile({}, 5), 0.0);
    std::vector<InstanceOutcome> o(5);
    for (uint64_t k = 0; k < o.size(); ++k)
    {
        o[k].seq = k;
        o[k].release_s = 0.1 * k;
        o[k].deadline_s = 0.1 * (k + 1);
    }
    o[0].delivered = true;
    o[0].delivered_s = 0.05;
    o[0].fidelity = 0.8;
    o[1].delivered = true;
    o[1].delivered_s = 0.12;
    o[1].fidelity = 0.6;
    o[2].abortReason = "window";
    o[3].delivered = true;
    o[3].delivered_s = 0.45; // late
    o[3].fidelity = 0.9;
    const auto q = SummariseOutcomes(o, 0.1, 0.7, 0.5);
    EXPECT_EQ(q.instances, 5u);
    EXPECT_EQ(q.delivered, 3u);
    EXPECT_EQ(q.aborted, 1u);
    EXPECT_EQ(q.abortedBy.at("window"), 1u);
    EXPECT_EQ(q.unfinished, 1u);
    EXPECT_EQ(q.late, 1u);
    EXPECT_DOUBLE_EQ(q.rate_hz, 6.0);
    EXPECT_NEAR(q.fidelityMean, (0.8 + 0.6 + 0.9) / 3, 1e-12);
    EXPECT_NEAR(q.fractionAtLeastFmin, 2.0 / 3, 1e-12);
    EXPECT_NEAR(q.wcrt_s, 0.15, 1e-12);
    EXPECT_NEAR(q.latencyMean_s, (0.05 + 0.02 + 0.15) / 3, 1e-12);
    // Distances between deliveries minus the period: -0.03 and 0.23: variance 0.0169.
    EXPECT_NEAR(q.jitter_s2, 0.0169, 1e-12);
    // Latencies 0.05, 0.02, 0.15 one after the other: differences -0.03 and 0.13.
    EXPECT_NEAR(q.latencyJitter_s2, 0.0064, 1e-12);
}

} // namespace
