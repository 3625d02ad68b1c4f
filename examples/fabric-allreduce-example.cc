// SPDX-License-Identifier: GPL-2.0-only

// A ring AllReduce on a leaf-spine fabric in your own ns-3 program, and the depth of one queue
// over time written as CSV.
//
// The steps are those of every planet program: build the fabric (LeafSpineHelper), install the
// RDMA transport on its hosts (RdmaHelper), describe the work as a flow graph (here one
// collective from the algorithm registry), run it with one CollectiveApplication per host
// (CollectiveHelper), and watch the run through trace sources.
//
// Small run (seconds; the test suite runs it):
//   build/bin/fabric-allreduce-example --csv=queue.csv
// Full version (a 128-host fabric, 64 MB AllReduce over all hosts; about a minute):
//   build/bin/fabric-allreduce-example --leaves=16 --spines=8 --hostsPerLeaf=8 --bytes=64000000
//   --csv=queue.csv
// The CSV has two columns, time_s and bytes: one row per change of the queue's occupancy.

#include "ns3/collective-algorithm.h"
#include "ns3/collective-helper.h"
#include "ns3/collective-metrics.h"
#include "ns3/command-line.h"
#include "ns3/config.h"
#include "ns3/fabric-leaf-spine-helper.h"
#include "ns3/rdma-helper.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/uinteger.h"

#include <fstream>
#include <iostream>
#include <stdexcept>

using namespace ns3;

namespace
{

// A TracedValue's callback gets the old and the new value; we log the new one with the time.
void
QueueChanged(std::ofstream* csv, uint64_t oldBytes, uint64_t newBytes)
{
    *csv << Simulator::Now().GetSeconds() << "," << newBytes << "\n";
}

// Connected by Config path below: the context names the node the application runs on.
void
CollectiveDone(std::string context, uint32_t collective, double cctS)
{
    std::cout << "collective " << collective << " done in " << cctS * 1e6 << " us (" << context
              << ")" << std::endl;
}

} // namespace

int
main(int argc, char** argv)
{
    planet::LeafSpineShape shape;
    shape.leaves = 2;
    shape.spines = 2;
    shape.hostsPerLeaf = 4;
    uint64_t bytes = 4'000'000;
    std::string placement = "strided";
    uint32_t leaf = 0;
    uint32_t spine = 0;
    std::string csvPath = "fabric-allreduce-queue.csv";

    CommandLine cmd(__FILE__);
    cmd.AddValue("leaves", "leaf switches", shape.leaves);
    cmd.AddValue("spines", "spine switches", shape.spines);
    cmd.AddValue("hostsPerLeaf", "hosts under each leaf", shape.hostsPerLeaf);
    cmd.AddValue("bytes", "AllReduce size S (bytes per rank)", bytes);
    cmd.AddValue("placement", "rank placement: contiguous|strided|random", placement);
    cmd.AddValue("leaf", "trace the queue of this leaf's uplink ...", leaf);
    cmd.AddValue("spine", "... to this spine", spine);
    cmd.AddValue("csv", "where to write the queue's depth over time", csvPath);
    cmd.Parse(argc, argv);

    // Attributes of every object of a type can be set before the objects exist, as anywhere in
    // ns-3: here the egress buffer of every fabric port (a shallow-buffer switch).
    Config::SetDefault("ns3::FabricNetDevice::BufferBytes", UintegerValue(1'000'000));

    try
    {
        // 1. The fabric: hosts, leaves, spines, links and routes. Its nodes are named "host0",
        //    "leaf0", "spine0", ... for Config paths.
        LeafSpineHelper fabric(shape);
        shape.CheckLeafSpine(leaf, spine, 0); // the traced queue exists (else a clear error)
        fabric.Install();
        fabric.AssignStreams(1); // ECMP hash seeds and ECN markers: same seed, same run

        // 2. The transport on every host. Packets follow hashed ECMP (the default path
        //    selection); SetFabric lets the stacks size their windows and timers to the fabric.
        RdmaHelper rdma;
        rdma.SetFabric(fabric);
        const std::vector<Ptr<RdmaStack>> stacks = rdma.Install(fabric.GetHosts());
        RdmaHelper::AssignStreams(stacks, 1000);

        // 3. The work: a ring AllReduce over every host, ranks placed on the hosts.
        const uint32_t ranks = shape.Hosts();
        const planet::Communicator comm = planet::MakeCommunicator(placement, ranks, shape.Hosts());
        planet::FlowGraph graph;
        planet::AppendCollective(graph,
                                 *planet::MakeCollectiveAlgorithm("allreduce-ring"),
                                 comm,
                                 bytes);
        const planet::IdealCct ideal = planet::ComputeIdealCct(graph,
                                                               0,
                                                               shape,
                                                               planet::WireFormat(),
                                                               planet::FlowEvent::Acked);

        // 4. One application per host runs its part of the graph.
        CollectiveHelper collective(std::move(graph), stacks);
        collective.Install(fabric.GetHosts());

        // 5. Traces. One queue by its device: the transmitter of a leaf-spine link (links are
        //    numbered as LeafSpineShape numbers them) ...
        std::ofstream csv(csvPath);
        if (!csv)
        {
            throw std::invalid_argument("flag '--csv': cannot write '" + csvPath + "'");
        }
        csv << "time_s,bytes\n";
        Ptr<FabricNetDevice> queue = fabric.GetLinkDevice(shape.LeafUpLink(leaf, spine, 0));
        queue->TraceConnectWithoutContext("QueueBytes", MakeBoundCallback(&QueueChanged, &csv));
        // ... and every application's CollectiveComplete by Config path.
        Config::Connect("/NodeList/*/ApplicationList/*/$ns3::CollectiveApplication/"
                        "CollectiveComplete",
                        MakeCallback(&CollectiveDone));

        Simulator::Run();

        const Ptr<CollectiveExecution> run = collective.GetExecution();
        if (run->GetCompletedCollectives() != 1)
        {
            std::cerr << "fabric-allreduce-example: the AllReduce did not complete" << std::endl;
            return 1;
        }
        const FabricPortStats stats = queue->GetStats();
        std::cout << ranks << " ranks, " << bytes << " B: completion "
                  << run->GetCollectiveTime(0) * 1e6 << " us, ideal " << ideal.idealS * 1e6
                  << " us, analytic ring "
                  << planet::AnalyticRingAllReduceS(ranks, bytes, shape.hostRateBps) * 1e6 << " us"
                  << std::endl;
        std::cout << "queue leaf" << leaf << "->spine" << spine << ": max " << stats.maxQueueBytes
                  << " B, " << stats.txPackets << " packets, " << stats.drops << " drops, "
                  << stats.ecnMarks << " ECN marks; depth over time in " << csvPath << std::endl;
        Simulator::Destroy();
    }
    catch (const std::invalid_argument& e)
    {
        std::cerr << "fabric-allreduce-example: " << e.what() << std::endl;
        return 2;
    }
    return 0;
}
