// SPDX-License-Identifier: GPL-2.0-only

#include "rdma-cc-swift.h"

#include "rdma-queue-pair.h"

#include "ns3/double.h"
#include "ns3/fabric-channel.h"
#include "ns3/fabric-int.h"
#include "ns3/log.h"
#include "ns3/simulator.h"

#include <algorithm>
#include <cmath>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("RdmaSwift");

NS_OBJECT_ENSURE_REGISTERED(RdmaSwiftState);
NS_OBJECT_ENSURE_REGISTERED(RdmaSwift);

TypeId
RdmaSwiftState::GetTypeId()
{
    static TypeId tid = TypeId("ns3::RdmaSwiftState")
                            .SetParent<RdmaCcState>()
                            .SetGroupName("Planet")
                            .AddTraceSource("Delay",
                                            "The last RTT sample",
                                            MakeTraceSourceAccessor(&RdmaSwiftState::m_delay),
                                            "ns3::TracedValueCallback::Time")
                            .AddTraceSource("TargetDelay",
                                            "The target delay the last sample was compared with",
                                            MakeTraceSourceAccessor(&RdmaSwiftState::m_target),
                                            "ns3::TracedValueCallback::Time");
    return tid;
}

TypeId
RdmaSwift::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::RdmaSwift")
            .SetParent<RdmaCongestionControl>()
            .SetGroupName("Planet")
            .AddConstructor<RdmaSwift>()
            .AddAttribute("Ai",
                          "Additive increase, packets per RTT",
                          DoubleValue(1.0),
                          MakeDoubleAccessor(&RdmaSwift::m_ai),
                          MakeDoubleChecker<double>(0))
            .AddAttribute("Beta",
                          "Multiplicative decrease per unit of relative excess delay",
                          DoubleValue(0.8),
                          MakeDoubleAccessor(&RdmaSwift::m_beta),
                          MakeDoubleChecker<double>(0, 1))
            .AddAttribute("MaxMdf",
                          "Largest multiplicative decrease (fraction of the window)",
                          DoubleValue(0.5),
                          MakeDoubleAccessor(&RdmaSwift::m_maxMdf),
                          MakeDoubleChecker<double>(0, 1))
            .AddAttribute("BaseTarget",
                          "The target delay without hop and flow scaling",
                          TimeValue(MicroSeconds(20)),
                          MakeTimeAccessor(&RdmaSwift::m_baseTarget),
                          MakeTimeChecker(Seconds(0)))
            .AddAttribute("HopScale",
                          "Target delay added per switch on the path (htsim: BaseTarget/6.55)",
                          TimeValue(NanoSeconds(3053)),
                          MakeTimeAccessor(&RdmaSwift::m_hopScale),
                          MakeTimeChecker(Seconds(0)))
            .AddAttribute("FsRange",
                          "Flow scaling's range (htsim: 5 BaseTarget; 0 disables flow scaling)",
                          TimeValue(MicroSeconds(100)),
                          MakeTimeAccessor(&RdmaSwift::m_fsRange),
                          MakeTimeChecker(Seconds(0)))
            .AddAttribute("FsMinCwnd",
                          "Window (packets) at which flow scaling adds its whole range",
                          DoubleValue(0.1),
                          MakeDoubleAccessor(&RdmaSwift::m_fsMinCwnd),
                          MakeDoubleChecker<double>(1e-6))
            .AddAttribute("FsMaxCwnd",
                          "Window (packets) from which flow scaling adds nothing",
                          DoubleValue(100),
                          MakeDoubleAccessor(&RdmaSwift::m_fsMaxCwnd),
                          MakeDoubleChecker<double>(1e-6))
            .AddAttribute("MinCwnd",
                          "Smallest window (bytes)",
                          DoubleValue(10),
                          MakeDoubleAccessor(&RdmaSwift::m_minCwnd),
                          MakeDoubleChecker<double>(1))
            .AddAttribute("MaxCwnd",
                          "Largest window (packets)",
                          DoubleValue(1000),
                          MakeDoubleAccessor(&RdmaSwift::m_maxCwnd),
                          MakeDoubleChecker<double>(1));
    return tid;
}

std::string
RdmaSwift::GetName() const
{
    return "swift";
}

void
RdmaSwift::InitQp(RdmaQueuePair& qp, DataRate lineRate)
{
    Ptr<RdmaSwiftState> s = CreateObject<RdmaSwiftState>();
    qp.SetCcState(s);
    qp.SetRate(lineRate);
    // Start with the stack's window (one bandwidth-delay product by default).
    s->cwnd = static_cast<double>(qp.GetWindowPackets()) * qp.GetMtu();
    if (s->cwnd <= 0)
    {
        s->cwnd = m_maxCwnd * qp.GetMtu();
    }
    s->srtt = qp.GetBaseRtt().GetSeconds();
    s->hops = qp.GetSwitchHops();
    Apply(qp, *s, s->cwnd);
}

Time
RdmaSwift::TargetDelay(double cwnd, uint32_t mtu, uint32_t hops) const
{
    const double range = m_fsRange.GetSeconds();
    double fs = 0;
    if (range > 0 && cwnd > 0)
    {
        const double alpha = range / (1 / std::sqrt(m_fsMinCwnd) - 1 / std::sqrt(m_fsMaxCwnd));
        const double beta = -alpha / std::sqrt(m_fsMaxCwnd);
        fs = std::clamp(alpha / std::sqrt(cwnd / mtu) + beta, 0.0, range);
    }
    return m_baseTarget + m_hopScale * static_cast<int64_t>(hops) + Seconds(fs);
}

void
RdmaSwift::OnSend(RdmaQueuePair& qp, FabricHeader& header, Ptr<Packet> packet)
{
    RequestTelemetry(header, packet, false);
}

void
RdmaSwift::OnAck(RdmaQueuePair& qp, const RdmaCcFeedback& feedback)
{
    if (!feedback.intTag || feedback.retransmission)
    {
        return; // no delay sample
    }
    auto& s = static_cast<RdmaSwiftState&>(*qp.GetCcState());
    const int64_t nowUnits = FabricTime::Now();
    const double delay = static_cast<double>(nowUnits - feedback.intTag->GetSendTime()) /
                         static_cast<double>(FabricTime::UnitsPerSecond());
    const int64_t now = Simulator::Now().GetTimeStep();
    const bool canDecrease = Seconds(s.srtt).GetTimeStep() <= now - s.lastDecrease;
    s.srtt = s.srtt > 0 ? 0.875 * s.srtt + 0.125 * delay : delay;
    const uint32_t mtu = qp.GetMtu();
    const Time target = TargetDelay(s.cwnd, mtu, s.hops);
    s.m_delay = Seconds(delay);
    s.m_target = target;
    const double previous = s.cwnd;
    if (delay < target.GetSeconds())
    {
        const double acked = static_cast<double>(feedback.ackedPackets) * mtu;
        s.cwnd += s.cwnd >= mtu ? mtu * m_ai * acked / s.cwnd : m_ai * acked;
    }
    else if (canDecrease)
    {
        const double excess = (delay - target.GetSeconds()) / delay;
        s.cwnd *= std::max(1 - m_beta * excess, 1 - m_maxMdf);
    }
    Apply(qp, s, previous);
}

void
RdmaSwift::OnLoss(RdmaQueuePair& qp)
{
    auto& s = static_cast<RdmaSwiftState&>(*qp.GetCcState());
    const int64_t now = Simulator::Now().GetTimeStep();
    if (Seconds(s.srtt).GetTimeStep() <= now - s.lastDecrease)
    {
        const double previous = s.cwnd;
        s.cwnd *= 1 - m_maxMdf;
        Apply(qp, s, previous);
    }
}

void
RdmaSwift::Apply(RdmaQueuePair& qp, RdmaSwiftState& s, double previous)
{
    const uint32_t mtu = qp.GetMtu();
    s.cwnd = std::clamp(s.cwnd, m_minCwnd, m_maxCwnd * mtu);
    if (s.cwnd < previous)
    {
        s.lastDecrease = Simulator::Now().GetTimeStep();
        ++m_decreases;
    }
    qp.SetWindowBytes(static_cast<uint64_t>(std::max<double>(s.cwnd, mtu)));
    s.m_windowBytes = static_cast<uint64_t>(s.cwnd);
    if (s.cwnd < mtu)
    {
        // One packet per srtt * mtu / cwnd (htsim's pacing delay), at the wire size.
        const double gap = s.srtt * mtu / s.cwnd;
        qp.SetRate(DataRate(static_cast<uint64_t>(qp.GetWireBytes(mtu) * 8.0 / gap)));
    }
    else
    {
        qp.SetRate(qp.GetLineRate());
    }
}

} // namespace ns3
