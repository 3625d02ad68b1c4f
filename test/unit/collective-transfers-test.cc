// SPDX-License-Identifier: GPL-2.0-only
//
// Traffic matrices as flow graphs (htsim's trigger semantics) and the ideal of triggered graphs.

#include "ns3/collective-metrics.h"
#include "ns3/collective-transfers.h"

#include <gtest/gtest.h>
#include <sstream>
#include <stdexcept>

using namespace planet;

namespace
{

TrafficMatrix
Parse(const std::string& text)
{
    std::istringstream in(text);
    return ParseTrafficMatrix(in, "tm.cm");
}

TransferGraph
Graph(const std::string& text)
{
    return TransfersToFlowGraph(Parse(text), "matrix");
}

std::string
ErrorOf(const std::string& text)
{
    try
    {
        Graph(text);
    }
    catch (const std::invalid_argument& e)
    {
        return e.what();
    }
    return "";
}

/// Graph flow of the matrix flow with this id.
const CollectiveFlow&
FlowWithId(const TransferGraph& g, uint32_t id)
{
    for (uint32_t i = 0; i < g.flowId.size(); ++i)
    {
        if (g.flowId[i] == id)
        {
            return g.graph.flows[i];
        }
    }
    throw std::out_of_range("no flow id " + std::to_string(id));
}

} // namespace

TEST(TransfersToFlowGraph, OneshotChainsWaitForTheEventTheyName)
{
    const TransferGraph g = Graph("Nodes 8\nConnections 3\nTriggers 2\n"
                                  "0->5 id 1 start 3000000 size 50000 send_done_trigger 1\n"
                                  "5->2 id 2 trigger 1 size 70000 recv_done_trigger 2\n"
                                  "2->7 id 3 trigger 2 size 10000\n"
                                  "trigger id 1 oneshot\ntrigger id 2 oneshot\n");
    ASSERT_EQ(g.graph.flows.size(), 3u);
    ASSERT_EQ(g.graph.collectives.size(), 1u);
    EXPECT_EQ(g.graph.collectives[0].kind, CollectiveKind::Transfers);
    EXPECT_EQ(g.graph.collectives[0].steps, 3u);
    const CollectiveFlow& a = FlowWithId(g, 1);
    const CollectiveFlow& b = FlowWithId(g, 2);
    const CollectiveFlow& c = FlowWithId(g, 3);
    EXPECT_TRUE(a.deps.empty());
    EXPECT_DOUBLE_EQ(a.startDelayS, 3e-6);
    ASSERT_EQ(b.deps, std::vector<uint32_t>{a.id});
    EXPECT_EQ(b.depEvents, std::vector<FlowEvent>{FlowEvent::Acked}); // send_done: sender's ACK
    EXPECT_EQ(b.startDelayS, 0.0);
    ASSERT_EQ(c.deps, std::vector<uint32_t>{b.id});
    EXPECT_EQ(c.depEvents, std::vector<FlowEvent>{FlowEvent::Delivered}); // recv_done
    EXPECT_EQ(c.step, 2u);
    EXPECT_EQ(c.depsNeeded, 0u);
}

TEST(TransfersToFlowGraph, TriggeredFlowsMoveAfterTheirActivators)
{
    // Flow 7 is listed first but waits for flow 9: the graph puts it after, ids map back.
    const TransferGraph g = Graph("4->1 id 7 trigger 3 size 100\n"
                                  "0->1 id 8 start 0 size 100\n"
                                  "2->3 id 9 start 0 size 100 send_done_trigger 3\n"
                                  "trigger id 3 oneshot\n");
    EXPECT_EQ(g.flowId, (std::vector<uint32_t>{8, 9, 7}));
    EXPECT_EQ(g.graph.flows[2].deps, std::vector<uint32_t>{1});
}

TEST(TransfersToFlowGraph, BarrierAndMultishotCountActivations)
{
    const std::string activators = "0->1 id 1 start 0 size 10 send_done_trigger 5\n"
                                   "2->3 id 2 start 0 size 10 recv_done_trigger 5\n"
                                   "4->5 id 3 start 0 size 10 send_done_trigger 5\n";
    // Barrier of 2 out of 3 activations: starts at the second.
    TransferGraph g =
        Graph(activators + "6->7 id 4 trigger 5 size 10\ntrigger id 5 barrier count 2\n");
    const CollectiveFlow& w = FlowWithId(g, 4);
    EXPECT_EQ(w.deps.size(), 3u);
    EXPECT_EQ(w.depsNeeded, 2u);
    EXPECT_EQ(w.depEvents,
              (std::vector<FlowEvent>{FlowEvent::Acked, FlowEvent::Delivered, FlowEvent::Acked}));
    // Barrier of all three: plain dependencies.
    g = Graph(activators + "6->7 id 4 trigger 5 size 10\ntrigger id 5 barrier count 3\n");
    EXPECT_EQ(FlowWithId(g, 4).depsNeeded, 0u);
    // Multishot: the k-th waiting flow starts at the k-th activation.
    g = Graph(activators + "6->7 id 4 trigger 5 size 10\n7->6 id 5 trigger 5 size 10\n"
                           "1->0 id 6 trigger 5 size 10\ntrigger id 5 multishot\n");
    EXPECT_EQ(FlowWithId(g, 4).depsNeeded, 1u);
    EXPECT_EQ(FlowWithId(g, 5).depsNeeded, 2u);
    EXPECT_EQ(FlowWithId(g, 6).depsNeeded, 0u); // the third of three: all
}

TEST(TransfersToFlowGraph, TriggersThatCannotFireAreErrors)
{
    EXPECT_NE(ErrorOf("0->1 id 1 start 0 size 10 send_done_trigger 1\n"
                      "1->2 id 2 start 0 size 10 send_done_trigger 1\n"
                      "2->3 id 3 trigger 1 size 10\ntrigger id 1 oneshot\n")
                  .find("trigger 1 is a oneshot activated 2 times"),
              std::string::npos);
    EXPECT_NE(ErrorOf("0->1 id 1 start 0 size 10\n1->2 id 2 trigger 4 size 10\n"
                      "trigger id 4 oneshot\n")
                  .find("trigger 4 is activated by no flow"),
              std::string::npos);
    EXPECT_NE(ErrorOf("0->1 id 1 start 0 size 10 send_done_trigger 4\n1->2 id 2 trigger 4 size "
                      "10\ntrigger id 4 barrier count 2\n")
                  .find("for activation 2, but only 1 flows activate it"),
              std::string::npos);
    EXPECT_NE(ErrorOf("0->1 id 1 start 0 size 10 send_done_trigger 4\n1->2 id 2 trigger 4 size "
                      "10\n2->3 id 3 trigger 4 size 10\ntrigger id 4 multishot\n")
                  .find("flow id 3 waits on it for activation 2"),
              std::string::npos);
    EXPECT_NE(ErrorOf("0->1 id 1 trigger 2 size 10 send_done_trigger 1\n"
                      "1->2 id 2 trigger 1 size 10 send_done_trigger 2\n"
                      "trigger id 1 oneshot\ntrigger id 2 oneshot\n")
                  .find("triggers form a cycle"),
              std::string::npos);
    EXPECT_NE(ErrorOf("0->1 id 1 start 0 size 0\n").find("flow id 1 has size 0"),
              std::string::npos);
    EXPECT_NE(ErrorOf("").find("no flows"), std::string::npos);
}

TEST(TransfersToFlowGraph, ParserInsistsOnHtsimsRules)
{
    auto parseError = [](const std::string& text) {
        try
        {
            Parse(text);
        }
        catch (const std::invalid_argument& e)
        {
            return std::string(e.what());
        }
        return std::string();
    };
    EXPECT_NE(parseError("0->1 id 1 size 10\n").find("exactly one of 'start T' and 'trigger X'"),
              std::string::npos);
    EXPECT_NE(parseError("0->1 id 1 start 0 trigger 1 size 10\ntrigger id 1 oneshot\n")
                  .find("exactly one of"),
              std::string::npos);
    EXPECT_NE(parseError("0->1 id 0 start 0 size 10\n").find("flow id 0 is not allowed"),
              std::string::npos);
    EXPECT_NE(parseError("0->1 id 1 start 0 size 10 send_done_trigger 9\n")
                  .find("names trigger 9, which no 'trigger id 9 ...' line declares"),
              std::string::npos);
    EXPECT_NE(parseError("0->1 id 1 start 0 size 10 prio 3\n").find("'prio'"), std::string::npos);
    EXPECT_NE(parseError("Connections 2\n0->1 id 1 start 0 size 10\n")
                  .find("'Connections 2' but 1 connection lines follow"),
              std::string::npos);
    EXPECT_NE(parseError("0->1 id 1 start 0 size 10\n2->3 id 1 start 0 size 10\n")
                  .find("flow id 1 appears twice"),
              std::string::npos);
    EXPECT_NE(parseError("trigger id 1 barrier\n").find("a barrier needs 'count K'"),
              std::string::npos);
    EXPECT_NE(
        parseError("3->3 id 1 start 0 size 10\n").find("tm.cm:1: flow from host 3 to itself"),
        std::string::npos);
    EXPECT_NE(parseError("3 3 10\n").find("to itself"), std::string::npos);
}

TEST(ReadyTime, TheKthDependencyReleases)
{
    CollectiveFlow f;
    f.deps = {0, 1, 2};
    f.startDelayS = 0.5;
    const std::vector<double> done{3.0, 1.0, 2.0};
    auto at = [&](std::size_t k) { return done[k]; };
    EXPECT_DOUBLE_EQ(ReadyTime(f, at), 3.5);
    f.depsNeeded = 1;
    EXPECT_DOUBLE_EQ(ReadyTime(f, at), 1.5);
    f.depsNeeded = 2;
    EXPECT_DOUBLE_EQ(ReadyTime(f, at), 2.5);
    f.deps.clear();
    f.depsNeeded = 0;
    EXPECT_DOUBLE_EQ(ReadyTime(f, at), 0.5);
}

TEST(IdealOfTriggeredGraphs, IsTheChainBoundComputedByHand)
{
    // A starts at 5 us; B waits for A's acknowledgement (send_done), C for B's delivery
    // (recv_done). Flows alone on an idle fabric take their ComputeIdealBound; an
    // acknowledgement an empty packet per hop (82 B at 100 Gbps) plus the hop's delay.
    LeafSpineShape shape;
    shape.leaves = 2;
    shape.spines = 2;
    shape.hostsPerLeaf = 2;
    const WireFormat wire;
    const TransferGraph g = Graph("0->2 id 1 start 5000000 size 100000 send_done_trigger 1\n"
                                  "2->3 id 2 trigger 1 size 300000 recv_done_trigger 2\n"
                                  "3->1 id 3 trigger 2 size 20000\n"
                                  "trigger id 1 oneshot\ntrigger id 2 oneshot\n");
    auto alone = [&](uint32_t src, uint32_t dst, uint64_t bytes) {
        return ComputeIdealBound(shape, wire, {FabricFlow{src, dst, bytes}}).idealS;
    };
    const double hop = 82 * 8 / 100e9 + 1e-6;
    const double ackA = 4 * hop; // 0 -> 2 crosses the spines: the ACK comes back 4 hops
    const double ackC = 4 * hop; // 3 -> 1 as well
    const double delivered =
        5e-6 + alone(0, 2, 100000) + ackA + alone(2, 3, 300000) + alone(3, 1, 20000);
    const IdealCct d = ComputeIdealJob(g.graph, 0, shape, wire, FlowEvent::Delivered);
    EXPECT_NEAR(d.chainS, delivered, 1e-15);
    EXPECT_NEAR(d.idealS, delivered, 1e-15); // three flows one after another: the chain binds
    const IdealCct a = ComputeIdealJob(g.graph, 0, shape, wire, FlowEvent::Acked);
    EXPECT_NEAR(a.chainS, delivered + ackC, 1e-15);
    // The per-collective view ignores the start time of its first flow.
    EXPECT_NEAR(ComputeIdealCct(g.graph, 0, shape, wire, FlowEvent::Delivered).chainS,
                delivered - 5e-6,
                1e-15);
}

TEST(IdealOfTriggeredGraphs, ABarrierWaitsForItsKthActivation)
{
    LeafSpineShape shape;
    shape.leaves = 1;
    shape.spines = 1;
    shape.hostsPerLeaf = 8;
    const WireFormat wire;
    // Activators of 1, 2 and 3 MB within one leaf (hosts differ: no shared link); the waiting
    // flow of 1.5 MB needs two of three deliveries, the 2 MB one is the second: its end (3.5 MB
    // of time) is the chain. Waiting for one would give 3 MB, for all three 4.5 MB.
    const TransferGraph g = Graph("0->1 id 1 start 0 size 1000000 recv_done_trigger 5\n"
                                  "2->3 id 2 start 0 size 2000000 recv_done_trigger 5\n"
                                  "4->5 id 3 start 0 size 3000000 recv_done_trigger 5\n"
                                  "6->7 id 4 trigger 5 size 1500000\n"
                                  "trigger id 5 barrier count 2\n");
    auto alone = [&](uint32_t src, uint32_t dst, uint64_t bytes) {
        return ComputeIdealBound(shape, wire, {FabricFlow{src, dst, bytes}}).idealS;
    };
    const IdealCct ideal = ComputeIdealJob(g.graph, 0, shape, wire, FlowEvent::Delivered);
    EXPECT_NEAR(ideal.chainS, alone(2, 3, 2000000) + alone(6, 7, 1500000), 1e-15);
}
