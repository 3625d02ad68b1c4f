// SPDX-License-Identifier: GPL-2.0-only

// Shared by the RDMA test suites: a delivery checker on the stacks' Deliver traces, and one
// flow between the first and the last host of a fabric, built with the helpers.

#ifndef PLANET_RDMA_TEST_UTIL_H
#define PLANET_RDMA_TEST_UTIL_H

#include "ns3/fabric-leaf-spine-helper.h"
#include "ns3/rdma-helper.h"
#include "ns3/rdma-loss-model.h"
#include "ns3/rdma-stack.h"
#include "ns3/simulator.h"
#include "ns3/type-id.h"
#include "ns3/uinteger.h"

#include <map>
#include <string>

namespace ns3
{
namespace planettest
{

/// Checks the Deliver traces of every stack: per queue pair, PSNs 0, 1, 2, ... exactly.
struct DeliveryChecker
{
    std::map<std::pair<uint32_t, uint32_t>, uint32_t> nextPsn; //!< (host, qpn) -> expected
    uint64_t bytes{0};
    uint64_t violations{0};

    void Deliver(uint32_t host, uint32_t qpn, uint32_t psn, uint32_t size)
    {
        uint32_t& next = nextPsn[{host, qpn}];
        violations += psn == next ? 0 : 1;
        next = psn + 1;
        bytes += size;
    }

    void Built(const LeafSpineHelper&, const std::vector<Ptr<RdmaStack>>& stacks)
    {
        for (const auto& s : stacks)
        {
            s->TraceConnectWithoutContext("Deliver", MakeCallback(&DeliveryChecker::Deliver, this));
        }
    }
};

/// Two leaves of one host each, two spines, 100 Gbps, 1 us: one 4-hop path between the hosts.
inline planet::LeafSpineShape
TwoLeaves()
{
    planet::LeafSpineShape shape;
    shape.leaves = 2;
    shape.spines = 2;
    shape.hostsPerLeaf = 1;
    return shape;
}

/// What one flow did.
struct LoneFlow
{
    double deliveredS{-1}; //!< the receiver had the whole message
    double ackedS{-1};     //!< the sender had the last ACK
    uint64_t deliveredBytes{0};
    uint64_t timeouts{0};
    uint64_t retransmitted{0};
    uint64_t injected{0}; //!< losses the loss model made
    double baseRttS{0};   //!< the fabric's base RTT (as the stacks were told)
};

/**
 * One message from host 0 to the last host of a fabric (its own leaf if there are several),
 * with the helpers' defaults but for `recovery` (a TypeId name) and `windowBytes` (0: the
 * default, one bandwidth-delay product); `loss` (if not null) drops packets arriving at the
 * receiver.
 */
inline LoneFlow
RunLoneFlow(const planet::LeafSpineShape& shape,
            uint64_t bytes,
            const std::string& recovery,
            Ptr<RdmaLossModel> loss = nullptr,
            uint64_t windowBytes = 0)
{
    LeafSpineHelper fabric(shape);
    fabric.Install();
    fabric.AssignStreams(1);
    RdmaHelper rdma;
    rdma.SetStackAttribute("WindowBytes", UintegerValue(windowBytes));
    rdma.SetStackAttribute("Recovery", TypeIdValue(TypeId::LookupByName(recovery)));
    rdma.SetFabric(fabric);
    const std::vector<Ptr<RdmaStack>> stacks = rdma.Install(fabric.GetHosts());
    RdmaHelper::AssignStreams(stacks, 10);
    const uint32_t dst = shape.Hosts() - 1;
    if (loss)
    {
        stacks[dst]->SetLossModel(loss);
    }
    LoneFlow r;
    Ptr<RdmaQueuePair> qp = stacks[0]->Connect(stacks[dst]);
    Ptr<RdmaQueuePair> peer = stacks[dst]->GetQueuePair(qp->GetRemoteQpn());
    peer->SetReceiveCallback(RdmaQueuePair::ReceiveCallback(
        [&r](uint64_t, uint64_t) { r.deliveredS = Simulator::Now().GetSeconds(); }));
    qp->PostMessage(bytes, RdmaQueuePair::CompletionCallback([&r](uint64_t) {
                        r.ackedS = Simulator::Now().GetSeconds();
                    }));
    Simulator::Run();
    r.deliveredBytes = peer->GetDeliveredBytes();
    r.timeouts = stacks[0]->GetTimeouts();
    r.retransmitted = stacks[0]->GetRetransmittedPackets();
    r.injected = stacks[dst]->GetInjectedLosses();
    TimeValue rtt;
    stacks[0]->GetAttribute("BaseRtt", rtt);
    r.baseRttS = rtt.Get().GetSeconds();
    Simulator::Destroy();
    return r;
}

} // namespace planettest
} // namespace ns3

#endif /* PLANET_RDMA_TEST_UTIL_H */
