// SPDX-License-Identifier: GPL-2.0-only

#include "rdma-congestion-control.h"

#include "rdma-queue-pair.h"

namespace ns3
{

NS_OBJECT_ENSURE_REGISTERED(RdmaCongestionControl);
NS_OBJECT_ENSURE_REGISTERED(RdmaCcNone);

TypeId
RdmaCongestionControl::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::RdmaCongestionControl").SetParent<Object>().SetGroupName("Planet");
    return tid;
}

void
RdmaCongestionControl::InitQp(RdmaQueuePair& qp, DataRate lineRate)
{
    qp.SetRate(lineRate);
}

TypeId
RdmaCcNone::GetTypeId()
{
    static TypeId tid = TypeId("ns3::RdmaCcNone")
                            .SetParent<RdmaCongestionControl>()
                            .SetGroupName("Planet")
                            .AddConstructor<RdmaCcNone>();
    return tid;
}

std::string
RdmaCcNone::GetName() const
{
    return "none";
}

void
RdmaCcNone::OnAck(RdmaQueuePair& qp, uint32_t ackedPackets, bool ecnEcho)
{
}

void
RdmaCcNone::OnLoss(RdmaQueuePair& qp)
{
}

} // namespace ns3
