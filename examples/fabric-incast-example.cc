// SPDX-License-Identifier: GPL-2.0-only

// An incast in your own ns-3 program: several hosts send one message each to the same host at
// the same time, and every flow's completion time (FCT) and slowdown are written as CSV.
//
// The flows are a traffic matrix (src, dst, bytes, start), turned into the flow graph that
// CollectiveApplications run (planet::TransfersToFlowGraph). A flow's FCT is from its start to
// its sender's last acknowledgement (the FlowComplete trace, FlowDone=acked); its slowdown is the
// FCT over the flow's ideal alone on the idle fabric (planet::ComputeIdealBound of that flow).
//
// Small run (the test suite runs it):
//   build/bin/fabric-incast-example --csv=fct.csv
// Full version (64 senders of 1 MB into one host of a 128-host fabric):
//   build/bin/fabric-incast-example --leaves=16 --spines=8 --hostsPerLeaf=8 --senders=64
//   --bytes=1000000 --csv=fct.csv
// CSV columns: flow,src,dst,bytes,start_s,fct_s,ideal_s,slowdown.

#include "ns3/collective-helper.h"
#include "ns3/collective-transfers.h"
#include "ns3/command-line.h"
#include "ns3/config.h"
#include "ns3/fabric-leaf-spine-helper.h"
#include "ns3/rdma-helper.h"
#include "ns3/simulator.h"
#include "ns3/uinteger.h"

#include <fstream>
#include <iostream>
#include <stdexcept>

using namespace ns3;

namespace
{

// FlowComplete fires at the sender when a flow is done: count them as they come.
void
FlowComplete(uint32_t* done, uint32_t flow, uint32_t src, uint32_t dst, uint64_t bytes)
{
    ++*done;
}

} // namespace

int
main(int argc, char** argv)
{
    planet::LeafSpineShape shape;
    shape.leaves = 2;
    shape.spines = 2;
    shape.hostsPerLeaf = 4;
    uint32_t senders = 6;
    uint32_t receiver = 0;
    uint64_t bytes = 200'000;
    uint64_t buffer = 500'000;
    std::string csvPath = "fabric-incast-fct.csv";

    CommandLine cmd(__FILE__);
    cmd.AddValue("leaves", "leaf switches", shape.leaves);
    cmd.AddValue("spines", "spine switches", shape.spines);
    cmd.AddValue("hostsPerLeaf", "hosts under each leaf", shape.hostsPerLeaf);
    cmd.AddValue("senders", "hosts sending (the ones after the receiver)", senders);
    cmd.AddValue("receiver", "the host they all send to", receiver);
    cmd.AddValue("bytes", "bytes each sender sends", bytes);
    cmd.AddValue("buffer", "egress buffer of every port, bytes", buffer);
    cmd.AddValue("csv", "where to write the per-flow table", csvPath);
    cmd.Parse(argc, argv);

    // Every port: this buffer, tail drop beyond it; ECN marking between Kmin and Kmax.
    Config::SetDefault("ns3::FabricNetDevice::BufferBytes", UintegerValue(buffer));

    try
    {
        LeafSpineHelper fabric(shape);
        fabric.Install();
        fabric.AssignStreams(1);
        shape.CheckHost(receiver, "receiver");
        if (senders == 0 || senders >= shape.Hosts())
        {
            throw std::invalid_argument("flag '--senders': must be in [1, " +
                                        std::to_string(shape.Hosts() - 1) + "]");
        }

        RdmaHelper rdma;
        rdma.SetFabric(fabric);
        const std::vector<Ptr<RdmaStack>> stacks = rdma.Install(fabric.GetHosts());
        RdmaHelper::AssignStreams(stacks, 1000);

        // The incast as a traffic matrix: flow i from the i-th host after the receiver, at t=0.
        planet::TrafficMatrix matrix;
        for (uint32_t i = 0; i < senders; ++i)
        {
            const uint32_t src = (receiver + 1 + i) % shape.Hosts();
            matrix.flows.push_back({i, src, receiver, bytes, 0.0});
        }
        CollectiveHelper helper(planet::TransfersToFlowGraph(matrix, "incast").graph, stacks);
        const ApplicationContainer apps = helper.Install(fabric.GetHosts());
        uint32_t done = 0;
        for (uint32_t h = 0; h < apps.GetN(); ++h)
        {
            apps.Get(h)->TraceConnectWithoutContext("FlowComplete",
                                                    MakeBoundCallback(&FlowComplete, &done));
        }

        Simulator::Run();

        // Per-flow table from the run state: start and done time of every flow.
        const Ptr<CollectiveExecution> run = helper.GetExecution();
        const planet::FlowGraph& graph = run->GetGraph();
        std::ofstream csv(csvPath);
        if (!csv)
        {
            throw std::invalid_argument("flag '--csv': cannot write '" + csvPath + "'");
        }
        csv << "flow,src,dst,bytes,start_s,fct_s,ideal_s,slowdown\n";
        double worst = 0;
        for (const planet::CollectiveFlow& f : graph.flows)
        {
            const double start = run->GetStartTimes()[f.id];
            const double fct = run->GetFinishTimes()[f.id] - start;
            const double ideal = planet::ComputeIdealBound(shape,
                                                           planet::WireFormat(),
                                                           {{f.srcHost, f.dstHost, f.bytes}})
                                     .idealS;
            csv << f.id << "," << f.srcHost << "," << f.dstHost << "," << f.bytes << "," << start
                << "," << fct << "," << ideal << "," << fct / ideal << "\n";
            worst = std::max(worst, fct / ideal);
        }
        const FabricPortStats port = fabric.GetLinkDevice(shape.HostDownLink(receiver))->GetStats();
        std::cout << done << " of " << senders << " flows done; worst slowdown " << worst
                  << "; receiver's port: max queue " << port.maxQueueBytes << " B, " << port.drops
                  << " drops; per-flow FCTs in " << csvPath << std::endl;
        Simulator::Destroy();
        return done == senders ? 0 : 1;
    }
    catch (const std::invalid_argument& e)
    {
        std::cerr << "fabric-incast-example: " << e.what() << std::endl;
        return 2;
    }
}
