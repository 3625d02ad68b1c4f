// SPDX-License-Identifier: GPL-2.0-only

#include "rdma-recovery.h"

#include "rdma-queue-pair.h"

#include "ns3/boolean.h"
#include "ns3/fabric-defaults.h"
#include "ns3/uinteger.h"

#include <algorithm>

namespace ns3
{

NS_OBJECT_ENSURE_REGISTERED(RdmaRecovery);
NS_OBJECT_ENSURE_REGISTERED(RdmaGoBackN);
NS_OBJECT_ENSURE_REGISTERED(RdmaSelectiveRepeat);

TypeId
RdmaRecovery::GetTypeId()
{
    static TypeId tid = TypeId("ns3::RdmaRecovery").SetParent<Object>().SetGroupName("Planet");
    return tid;
}

void
RdmaRecovery::InitQp(RdmaQueuePair& qp) const
{
}

void
RdmaRecovery::OnFeedback(RdmaQueuePair& qp, const FabricHeader& header)
{
}

Time
RdmaRecovery::Timeout(const RdmaQueuePair& qp, Time rto) const
{
    return rto;
}

bool
RdmaRecovery::RequestsAck(const RdmaQueuePair& qp) const
{
    return false;
}

TypeId
RdmaGoBackN::GetTypeId()
{
    static TypeId tid = TypeId("ns3::RdmaGoBackN")
                            .SetParent<RdmaRecovery>()
                            .SetGroupName("Planet")
                            .AddConstructor<RdmaGoBackN>();
    return tid;
}

bool
RdmaGoBackN::BuffersOutOfOrder() const
{
    return false;
}

uint32_t
RdmaGoBackN::OnNack(RdmaQueuePair& qp, const FabricHeader& header)
{
    qp.GoBackTo(header.psn);
    return 1;
}

void
RdmaGoBackN::OnTimeout(RdmaQueuePair& qp)
{
    qp.GoBackTo(qp.GetSndUna());
}

TypeId
RdmaSelectiveRepeat::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::RdmaSelectiveRepeat")
            .SetParent<RdmaRecovery>()
            .SetGroupName("Planet")
            .AddConstructor<RdmaSelectiveRepeat>()
            .AddAttribute("ReorderTolerance",
                          "A hole is lost once a packet sent this many transmissions after it "
                          "has been acknowledged (1: IRN's rule, any later packet); where a "
                          "queue pair starts",
                          UintegerValue(planet::defaults::kReorderTolerance),
                          MakeUintegerAccessor(&RdmaSelectiveRepeat::m_tolerance),
                          MakeUintegerChecker<uint32_t>(1))
            .AddAttribute("AdaptiveTolerance",
                          "Raise a queue pair's tolerance to the reordering it has seen when a "
                          "packet declared lost turns up after all (up to its window - 1)",
                          BooleanValue(true),
                          MakeBooleanAccessor(&RdmaSelectiveRepeat::m_adaptive),
                          MakeBooleanChecker())
            .AddAttribute("RtoLow",
                          "Retransmission timeout while at most RtoLowPackets packets are in "
                          "flight (IRN's RTO_low: tail losses); the stack's RetransmitTimeout "
                          "otherwise",
                          TimeValue(Seconds(planet::defaults::kRtoLowS)),
                          MakeTimeAccessor(&RdmaSelectiveRepeat::m_rtoLow),
                          MakeTimeChecker(NanoSeconds(1)))
            .AddAttribute("RtoLowPackets",
                          "RtoLow applies while at most this many packets are in flight (sent, "
                          "neither acknowledged nor known lost; IRN's N)",
                          UintegerValue(planet::defaults::kRtoLowPackets),
                          MakeUintegerAccessor(&RdmaSelectiveRepeat::m_rtoLowPackets),
                          MakeUintegerChecker<uint32_t>());
    return tid;
}

bool
RdmaSelectiveRepeat::BuffersOutOfOrder() const
{
    return true;
}

void
RdmaSelectiveRepeat::InitQp(RdmaQueuePair& qp) const
{
    qp.SetReorderTolerance(m_tolerance);
}

void
RdmaSelectiveRepeat::OnFeedback(RdmaQueuePair& qp, const FabricHeader& header)
{
    // The packet that triggered this was its first transmission, yet the sender had declared
    // it lost: it was only late. Tolerate that much reordering from now on.
    if (m_adaptive && !(header.transportFlags & RDMA_RETX) && qp.WasDeclaredLost(header.sack))
    {
        const uint32_t seen = qp.GetHighestSacked() - header.sack + 1;
        // A hole can be followed by at most window - 1 transmissions of new data.
        const uint32_t window = qp.GetWindowPackets();
        const uint32_t cap = window == 0 ? UINT32_MAX : std::max<uint32_t>(1, window - 1);
        qp.SetReorderTolerance(std::min(cap, std::max(qp.GetReorderTolerance(), seen)));
    }
}

uint32_t
RdmaSelectiveRepeat::OnNack(RdmaQueuePair& qp, const FabricHeader& header)
{
    return qp.MarkLostBefore(header.sack, qp.GetReorderTolerance());
}

void
RdmaSelectiveRepeat::OnTimeout(RdmaQueuePair& qp)
{
    qp.MarkUnacknowledgedLost();
}

Time
RdmaSelectiveRepeat::Timeout(const RdmaQueuePair& qp, Time rto) const
{
    return qp.GetPacketsInFlight() <= m_rtoLowPackets ? std::min(m_rtoLow, rto) : rto;
}

bool
RdmaSelectiveRepeat::RequestsAck(const RdmaQueuePair& qp) const
{
    return qp.GetPacketsInFlight() <= m_rtoLowPackets || qp.GetPacketsUnsent() < m_rtoLowPackets;
}

} // namespace ns3
