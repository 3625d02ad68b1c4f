// SPDX-License-Identifier: GPL-2.0-only

// Your own collective, written with the flow-graph API, its flows split and pinned to paths by
// planet's traffic planner, run on a leaf-spine fabric, once with the planned paths and once
// with hashed ECMP for comparison.
//
// The collective ("leaf shift"): in step s = 1 .. leaves-1 every rank r sends `bytes` to rank
// r + s x hostsPerLeaf (mod n), the rank in the same position s leaves further on, after its
// own send of step s-1 is done. Every step puts hostsPerLeaf flows on the uplinks of every
// leaf at once: hashed ECMP lets some of them collide on one uplink, the planner gives each its
// own (the theorem in collective-planner.h).
//
// Small run (the test suite runs it):
//   build/bin/fabric-custom-collective-example
// Full version (16 leaves of 8 hosts, 8 spines, 4 MB per flow):
//   build/bin/fabric-custom-collective-example --leaves=16 --spines=8 --hostsPerLeaf=8
//   --bytes=4000000

#include "ns3/boolean.h"
#include "ns3/collective-helper.h"
#include "ns3/collective-metrics.h"
#include "ns3/collective-split.h"
#include "ns3/command-line.h"
#include "ns3/fabric-leaf-spine-helper.h"
#include "ns3/rdma-helper.h"
#include "ns3/rdma-path-selection.h"
#include "ns3/simulator.h"
#include "ns3/uinteger.h"

#include <iostream>
#include <stdexcept>

using namespace ns3;

namespace
{

// The collective in rank space: one RankFlow per transfer, dependencies by index.
planet::RankSchedule
LeafShift(const planet::LeafSpineShape& shape, uint64_t bytes)
{
    const uint32_t n = shape.Hosts();
    planet::RankSchedule schedule;
    for (uint32_t s = 1; s < shape.leaves; ++s)
    {
        for (uint32_t r = 0; r < n; ++r)
        {
            planet::RankFlow f;
            f.src = r;
            f.dst = (r + s * shape.hostsPerLeaf) % n;
            f.bytes = bytes;
            f.step = s - 1;
            if (s > 1)
            {
                f.deps = {(s - 2) * n + r}; // this rank's send of the previous step
            }
            schedule.push_back(f);
        }
    }
    return schedule;
}

// Build the fabric, run the graph, return its completion time (s).
double
Run(const planet::LeafSpineShape& shape, const planet::FlowGraph& graph, bool planned)
{
    LeafSpineHelper fabric(shape);
    fabric.Install();
    fabric.AssignStreams(1);
    RdmaHelper rdma;
    rdma.SetFabric(fabric);
    // Planned: each queue pair keeps the path id the planner gave its flow. ECMP: the switches
    // hash every flow's 5-tuple-like key onto one uplink.
    rdma.SetStackAttribute(
        "PathSelection",
        TypeIdValue(planned ? RdmaPinnedPath::GetTypeId() : RdmaEcmpPath::GetTypeId()));
    const std::vector<Ptr<RdmaStack>> stacks = rdma.Install(fabric.GetHosts());
    RdmaHelper::AssignStreams(stacks, 1000);

    CollectiveHelper helper(graph, stacks);
    helper.SetAttribute("PinPaths", BooleanValue(planned));
    helper.SetAttribute("ParallelLinks", UintegerValue(shape.parallelLinks));
    helper.Install(fabric.GetHosts());
    Simulator::Run();
    const Ptr<CollectiveExecution> run = helper.GetExecution();
    const double cct = run->GetCompletedCollectives() == 1 ? run->GetCollectiveTime(0) : -1;
    Simulator::Destroy();
    return cct;
}

} // namespace

int
main(int argc, char** argv)
{
    planet::LeafSpineShape shape;
    shape.leaves = 3;
    shape.spines = 4;
    shape.hostsPerLeaf = 4;
    uint64_t bytes = 1'000'000;
    CommandLine cmd(__FILE__);
    cmd.AddValue("leaves", "leaf switches", shape.leaves);
    cmd.AddValue("spines", "spine switches", shape.spines);
    cmd.AddValue("hostsPerLeaf", "hosts under each leaf", shape.hostsPerLeaf);
    cmd.AddValue("bytes", "bytes of every flow", bytes);
    cmd.Parse(argc, argv);

    try
    {
        shape.Validate();
        // 1. The collective in rank space, mapped onto hosts (rank r on host r) as collective
        //    0 of a new flow graph.
        std::vector<uint32_t> hosts(shape.Hosts());
        for (uint32_t h = 0; h < hosts.size(); ++h)
        {
            hosts[h] = h;
        }
        planet::FlowGraph graph;
        planet::AppendSchedule(graph,
                               "leaf-shift",
                               planet::CollectiveKind::Transfers,
                               LeafShift(shape, bytes),
                               hosts,
                               bytes,
                               planet::CollectiveStart{});

        // 2. The planner: the flows of each step split (auto: as the theorem says) and every
        //    subflow pinned to an uplink so that the busiest link carries the fractional bound.
        const planet::SplitGraph split =
            planet::SplitAndPlan(graph, shape, planet::SplitPolicy::Auto());
        for (const planet::StepPlan& p : split.plans)
        {
            std::cout << "step " << p.step << ": " << p.flows << " flows as " << p.subflows
                      << " subflows; busiest fabric link " << p.maxFabricLinkBytes << " B planned, "
                      << p.ecmpMaxFabricLinkBytes << " B under ECMP, bound " << p.lowerBoundBytes
                      << " B" << std::endl;
        }
        const planet::IdealCct ideal = planet::ComputeIdealCct(split.graph,
                                                               0,
                                                               shape,
                                                               planet::WireFormat(),
                                                               planet::FlowEvent::Acked);

        // 3. Run it twice: the planned subflows on their paths, the unsplit flows on ECMP.
        const double plannedS = Run(shape, split.graph, true);
        const double ecmpS = Run(shape, graph, false);
        std::cout << "leaf-shift over " << shape.Hosts() << " hosts: planned " << plannedS * 1e6
                  << " us, ECMP " << ecmpS * 1e6 << " us, ideal " << ideal.idealS * 1e6 << " us"
                  << std::endl;
        return plannedS > 0 && ecmpS > 0 ? 0 : 1;
    }
    catch (const std::invalid_argument& e)
    {
        std::cerr << "fabric-custom-collective-example: " << e.what() << std::endl;
        return 2;
    }
}
