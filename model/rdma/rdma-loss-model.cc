// SPDX-License-Identifier: GPL-2.0-only

#include "rdma-loss-model.h"

#include "rdma-queue-pair.h"

#include "ns3/uinteger.h"

namespace ns3
{

NS_OBJECT_ENSURE_REGISTERED(RdmaLossModel);
NS_OBJECT_ENSURE_REGISTERED(RdmaDropNth);
NS_OBJECT_ENSURE_REGISTERED(RdmaDropPsn);
NS_OBJECT_ENSURE_REGISTERED(RdmaDropLast);

TypeId
RdmaLossModel::GetTypeId()
{
    static TypeId tid = TypeId("ns3::RdmaLossModel").SetParent<Object>().SetGroupName("Planet");
    return tid;
}

TypeId
RdmaDropNth::GetTypeId()
{
    static TypeId tid = TypeId("ns3::RdmaDropNth")
                            .SetParent<RdmaLossModel>()
                            .SetGroupName("Planet")
                            .AddConstructor<RdmaDropNth>()
                            .AddAttribute("N",
                                          "Which data packet arriving at a queue pair is lost "
                                          "(1: the first)",
                                          UintegerValue(1),
                                          MakeUintegerAccessor(&RdmaDropNth::m_n),
                                          MakeUintegerChecker<uint64_t>(1));
    return tid;
}

bool
RdmaDropNth::Drop(const RdmaQueuePair& qp, const FabricHeader& header)
{
    return ++m_arrived[qp.GetQpn()] == m_n;
}

TypeId
RdmaDropPsn::GetTypeId()
{
    static TypeId tid = TypeId("ns3::RdmaDropPsn")
                            .SetParent<RdmaLossModel>()
                            .SetGroupName("Planet")
                            .AddConstructor<RdmaDropPsn>()
                            .AddAttribute("Psn",
                                          "The PSN whose packets are lost",
                                          UintegerValue(0),
                                          MakeUintegerAccessor(&RdmaDropPsn::m_psn),
                                          MakeUintegerChecker<uint32_t>())
                            .AddAttribute("Times",
                                          "How many of its transmissions are lost, per queue pair",
                                          UintegerValue(1),
                                          MakeUintegerAccessor(&RdmaDropPsn::m_times),
                                          MakeUintegerChecker<uint32_t>());
    return tid;
}

bool
RdmaDropPsn::Drop(const RdmaQueuePair& qp, const FabricHeader& header)
{
    if (header.psn != m_psn)
    {
        return false;
    }
    uint32_t& dropped = m_dropped[qp.GetQpn()];
    if (dropped >= m_times)
    {
        return false;
    }
    ++dropped;
    return true;
}

TypeId
RdmaDropLast::GetTypeId()
{
    static TypeId tid = TypeId("ns3::RdmaDropLast")
                            .SetParent<RdmaLossModel>()
                            .SetGroupName("Planet")
                            .AddConstructor<RdmaDropLast>();
    return tid;
}

bool
RdmaDropLast::Drop(const RdmaQueuePair& qp, const FabricHeader& header)
{
    return (header.transportFlags & RDMA_LAST) && !(header.transportFlags & RDMA_RETX);
}

} // namespace ns3
