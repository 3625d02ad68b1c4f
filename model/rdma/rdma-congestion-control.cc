// SPDX-License-Identifier: GPL-2.0-only

#include "rdma-congestion-control.h"

#include "rdma-queue-pair.h"

#include "ns3/fabric-channel.h"
#include "ns3/fabric-int.h"

namespace ns3
{

NS_OBJECT_ENSURE_REGISTERED(RdmaCcState);
NS_OBJECT_ENSURE_REGISTERED(RdmaCongestionControl);
NS_OBJECT_ENSURE_REGISTERED(RdmaCcNone);

TypeId
RdmaCcState::GetTypeId()
{
    static TypeId tid = TypeId("ns3::RdmaCcState")
                            .SetParent<Object>()
                            .SetGroupName("Planet")
                            .AddTraceSource("Rate",
                                            "The queue pair's pacing rate (bit/s)",
                                            MakeTraceSourceAccessor(&RdmaCcState::m_rateBps),
                                            "ns3::TracedValueCallback::Uint64")
                            .AddTraceSource("Window",
                                            "The queue pair's window (payload bytes; 0: no limit)",
                                            MakeTraceSourceAccessor(&RdmaCcState::m_windowBytes),
                                            "ns3::TracedValueCallback::Uint64");
    return tid;
}

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
    qp.SetCcState(CreateObject<RdmaCcState>());
    qp.SetRate(lineRate);
}

void
RdmaCongestionControl::OnSend(RdmaQueuePair& qp, FabricHeader& header, Ptr<Packet> packet)
{
}

void
RdmaCongestionControl::OnCnp(RdmaQueuePair& qp)
{
}

void
RdmaCongestionControl::OnTimer(RdmaQueuePair& qp)
{
}

Time
RdmaCongestionControl::GetCnpInterval() const
{
    return Time(-1);
}

void
RdmaCongestionControl::RequestTelemetry(FabricHeader& header, Ptr<Packet> packet, bool hops)
{
    FabricIntTag tag;
    tag.SetSendTime(FabricTime::Now());
    packet->AddPacketTag(tag);
    if (hops)
    {
        header.flags |= FabricHeader::INT;
    }
}

uint64_t
RdmaCongestionControl::GetDecreases() const
{
    return m_decreases;
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
RdmaCcNone::OnAck(RdmaQueuePair& qp, const RdmaCcFeedback& feedback)
{
}

void
RdmaCcNone::OnLoss(RdmaQueuePair& qp)
{
}

} // namespace ns3
