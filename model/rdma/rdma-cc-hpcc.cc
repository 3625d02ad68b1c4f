// SPDX-License-Identifier: GPL-2.0-only

#include "rdma-cc-hpcc.h"

#include "rdma-queue-pair.h"

#include "ns3/boolean.h"
#include "ns3/double.h"
#include "ns3/fabric-channel.h"
#include "ns3/log.h"
#include "ns3/uinteger.h"

#include <algorithm>
#include <cmath>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("RdmaHpcc");

NS_OBJECT_ENSURE_REGISTERED(RdmaHpccState);
NS_OBJECT_ENSURE_REGISTERED(RdmaHpcc);

TypeId
RdmaHpccState::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::RdmaHpccState").SetParent<RdmaCcState>().SetGroupName("Planet");
    return tid;
}

TypeId
RdmaHpcc::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::RdmaHpcc")
            .SetParent<RdmaCongestionControl>()
            .SetGroupName("Planet")
            .AddConstructor<RdmaHpcc>()
            .AddAttribute("TargetUtilization",
                          "eta: the utilisation HPCC aims the most loaded hop at",
                          DoubleValue(0.95),
                          MakeDoubleAccessor(&RdmaHpcc::m_eta),
                          MakeDoubleChecker<double>(0.01, 1))
            .AddAttribute("MaxStage",
                          "maxStage: additive steps before a multiplicative one while "
                          "under-utilised",
                          UintegerValue(5),
                          MakeUintegerAccessor(&RdmaHpcc::m_maxStage),
                          MakeUintegerChecker<uint32_t>())
            .AddAttribute("RateAi",
                          "W_AI / T: the additive increase, as a rate",
                          DataRateValue(DataRate("40Mb/s")),
                          MakeDataRateAccessor(&RdmaHpcc::m_rateAi),
                          MakeDataRateChecker())
            .AddAttribute("MinRate",
                          "The lowest rate",
                          DataRateValue(DataRate("1000Mb/s")),
                          MakeDataRateAccessor(&RdmaHpcc::m_minRate),
                          MakeDataRateChecker())
            .AddAttribute("FastReact",
                          "React to every ACK (from the reference rate), not once per RTT",
                          BooleanValue(true),
                          MakeBooleanAccessor(&RdmaHpcc::m_fastReact),
                          MakeBooleanChecker());
    return tid;
}

std::string
RdmaHpcc::GetName() const
{
    return "hpcc";
}

void
RdmaHpcc::InitQp(RdmaQueuePair& qp, DataRate lineRate)
{
    Ptr<RdmaHpccState> s = CreateObject<RdmaHpccState>();
    s->lineBps = static_cast<double>(lineRate.GetBitRate());
    s->referenceBps = s->lineBps;
    // The window at line rate: one bandwidth-delay product of whole packets (the fork's maxBdp).
    const double bdpPackets =
        s->lineBps * qp.GetBaseRtt().GetSeconds() / (8.0 * qp.GetWireBytes(qp.GetMtu()));
    s->maxWindowBytes = static_cast<uint64_t>(std::ceil(bdpPackets)) * qp.GetMtu();
    qp.SetCcState(s);
    qp.SetRate(lineRate);
}

void
RdmaHpcc::OnSend(RdmaQueuePair& qp, FabricHeader& header, Ptr<Packet> packet)
{
    RequestTelemetry(header, packet, true);
}

void
RdmaHpcc::OnAck(RdmaQueuePair& qp, const RdmaCcFeedback& feedback)
{
    if (!feedback.intTag)
    {
        return;
    }
    auto& s = static_cast<RdmaHpccState&>(*qp.GetCcState());
    const FabricIntTag& tag = *feedback.intTag;
    const uint32_t n = tag.GetNHops();
    const bool full = !s.started || feedback.ackPsn > s.lastUpdatePsn;
    if (!full && !m_fastReact)
    {
        return;
    }
    if (s.started && n == s.nHops && n > 0)
    {
        const double t = qp.GetBaseRtt().GetSeconds();
        double maxU = -1;
        double maxTau = 0;
        for (uint32_t i = 0; i < n; ++i)
        {
            const FabricIntHop& hop = tag.GetHop(i);
            const FabricIntHop& prev = s.hops[i];
            const double tau = static_cast<double>(hop.time - prev.time) /
                               static_cast<double>(FabricTime::UnitsPerSecond());
            if (tau <= 0 || hop.rateBps == 0)
            {
                continue; // no new sample of this hop
            }
            const double b = static_cast<double>(hop.rateBps);
            const double txRate = static_cast<double>(hop.txBytes - prev.txBytes) * 8 / tau;
            const double queue = static_cast<double>(std::min(hop.queueBytes, prev.queueBytes));
            const double u = txRate / b + queue * 8 / (b * t);
            if (u > maxU)
            {
                maxU = u;
                maxTau = tau;
            }
        }
        if (maxU >= 0)
        {
            const double tau = std::min(maxTau, t);
            s.u = (s.u * (t - tau) + maxU * tau) / t;
            const double k = s.u / m_eta;
            const double ai = static_cast<double>(m_rateAi.GetBitRate());
            double rate;
            uint32_t stage;
            if (k >= 1 || s.incStage >= m_maxStage)
            {
                rate = k > 0 ? s.referenceBps / k + ai : s.lineBps;
                stage = 0;
            }
            else
            {
                rate = s.referenceBps + ai;
                stage = s.incStage + 1;
            }
            rate = std::clamp(rate, static_cast<double>(m_minRate.GetBitRate()), s.lineBps);
            if (rate < static_cast<double>(qp.GetRate().GetBitRate()))
            {
                ++m_decreases;
            }
            qp.SetRate(DataRate(static_cast<uint64_t>(rate)));
            qp.SetWindowBytes(static_cast<uint64_t>(
                std::max(1.0, static_cast<double>(s.maxWindowBytes) * rate / s.lineBps)));
            if (full)
            {
                s.referenceBps = rate;
                s.incStage = stage;
            }
        }
    }
    s.nHops = std::min(n, FabricIntTag::kMaxHops);
    for (uint32_t i = 0; i < s.nHops; ++i)
    {
        s.hops[i] = tag.GetHop(i);
    }
    if (full)
    {
        s.started = true;
        s.lastUpdatePsn = std::max(s.lastUpdatePsn, qp.GetSndMax());
    }
}

void
RdmaHpcc::OnLoss(RdmaQueuePair& qp)
{
}

} // namespace ns3
