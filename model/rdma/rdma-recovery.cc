// SPDX-License-Identifier: GPL-2.0-only

#include "rdma-recovery.h"

#include "rdma-queue-pair.h"

#include "ns3/uinteger.h"

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
RdmaGoBackN::NackDistance() const
{
    return 1;
}

void
RdmaGoBackN::OnNack(RdmaQueuePair& qp, uint32_t psn)
{
    qp.GoBackTo(psn);
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
                          "The receiver reports a gap once a packet this many PSNs beyond it "
                          "has arrived",
                          UintegerValue(16),
                          MakeUintegerAccessor(&RdmaSelectiveRepeat::m_tolerance),
                          MakeUintegerChecker<uint32_t>(1));
    return tid;
}

bool
RdmaSelectiveRepeat::BuffersOutOfOrder() const
{
    return true;
}

uint32_t
RdmaSelectiveRepeat::NackDistance() const
{
    return m_tolerance;
}

void
RdmaSelectiveRepeat::OnNack(RdmaQueuePair& qp, uint32_t psn)
{
    qp.Retransmit(psn);
}

void
RdmaSelectiveRepeat::OnTimeout(RdmaQueuePair& qp)
{
    qp.Retransmit(qp.GetSndUna());
}

} // namespace ns3
