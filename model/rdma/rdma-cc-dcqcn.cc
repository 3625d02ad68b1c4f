// SPDX-License-Identifier: GPL-2.0-only

#include "rdma-cc-dcqcn.h"

#include "rdma-queue-pair.h"

#include "ns3/boolean.h"
#include "ns3/double.h"
#include "ns3/log.h"
#include "ns3/simulator.h"
#include "ns3/uinteger.h"

#include <algorithm>
#include <cmath>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("RdmaDcqcn");

NS_OBJECT_ENSURE_REGISTERED(RdmaDcqcnState);
NS_OBJECT_ENSURE_REGISTERED(RdmaDcqcn);

TypeId
RdmaDcqcnState::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::RdmaDcqcnState").SetParent<RdmaCcState>().SetGroupName("Planet");
    return tid;
}

TypeId
RdmaDcqcn::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::RdmaDcqcn")
            .SetParent<RdmaCongestionControl>()
            .SetGroupName("Planet")
            .AddConstructor<RdmaDcqcn>()
            .AddAttribute("CnpInterval",
                          "Receiver: at most one CNP per this interval per queue pair",
                          TimeValue(MicroSeconds(4)),
                          MakeTimeAccessor(&RdmaDcqcn::m_cnpInterval),
                          MakeTimeChecker(Seconds(0)))
            .AddAttribute("EwmaGain",
                          "g: the gain of alpha's moving average",
                          DoubleValue(1.0 / 256),
                          MakeDoubleAccessor(&RdmaDcqcn::m_g),
                          MakeDoubleChecker<double>(0, 1))
            .AddAttribute("AlphaUpdateInterval",
                          "Period of alpha's update (decay without CNPs)",
                          TimeValue(MicroSeconds(1)),
                          MakeTimeAccessor(&RdmaDcqcn::m_alphaInterval),
                          MakeTimeChecker(NanoSeconds(1)))
            .AddAttribute("RateDecreaseInterval",
                          "At most one rate decrease per this interval",
                          TimeValue(MicroSeconds(4)),
                          MakeTimeAccessor(&RdmaDcqcn::m_decreaseInterval),
                          MakeTimeChecker(Seconds(0)))
            .AddAttribute("RateIncreaseInterval",
                          "Period of the rate increase timer (restarted by a decrease)",
                          TimeValue(MicroSeconds(300)),
                          MakeTimeAccessor(&RdmaDcqcn::m_increaseInterval),
                          MakeTimeChecker(NanoSeconds(1)))
            .AddAttribute("ByteCounter",
                          "Bytes sent per byte-counter increase event (0: no byte counter)",
                          UintegerValue(0),
                          MakeUintegerAccessor(&RdmaDcqcn::m_byteCounter),
                          MakeUintegerChecker<uint64_t>())
            .AddAttribute("FastRecoveryThreshold",
                          "F: increase events of fast recovery before additive increase",
                          UintegerValue(1),
                          MakeUintegerAccessor(&RdmaDcqcn::m_fastRecovery),
                          MakeUintegerChecker<uint32_t>())
            .AddAttribute("RateAi",
                          "Additive increase of the target rate",
                          DataRateValue(DataRate("20Mb/s")),
                          MakeDataRateAccessor(&RdmaDcqcn::m_rateAi),
                          MakeDataRateChecker())
            .AddAttribute("RateHai",
                          "Hyper increase of the target rate",
                          DataRateValue(DataRate("200Mb/s")),
                          MakeDataRateAccessor(&RdmaDcqcn::m_rateHai),
                          MakeDataRateChecker())
            .AddAttribute("MinRate",
                          "The lowest rate a decrease goes to",
                          DataRateValue(DataRate("1000Mb/s")),
                          MakeDataRateAccessor(&RdmaDcqcn::m_minRate),
                          MakeDataRateChecker())
            .AddAttribute("RateOnFirstCnp",
                          "The rate becomes this fraction of itself on the first CNP",
                          DoubleValue(1.0),
                          MakeDoubleAccessor(&RdmaDcqcn::m_rateOnFirstCnp),
                          MakeDoubleChecker<double>(0, 1))
            .AddAttribute("ClampTargetRate",
                          "Every decrease sets the target rate to the current rate (off: only "
                          "if an increase happened since the previous decrease)",
                          BooleanValue(false),
                          MakeBooleanAccessor(&RdmaDcqcn::m_clampTargetRate),
                          MakeBooleanChecker());
    return tid;
}

std::string
RdmaDcqcn::GetName() const
{
    return "dcqcn";
}

Time
RdmaDcqcn::GetCnpInterval() const
{
    return m_cnpInterval;
}

void
RdmaDcqcn::InitQp(RdmaQueuePair& qp, DataRate lineRate)
{
    Ptr<RdmaDcqcnState> s = CreateObject<RdmaDcqcnState>();
    s->lineBps = static_cast<double>(lineRate.GetBitRate());
    s->targetBps = s->lineBps;
    qp.SetCcState(s);
    qp.SetRate(lineRate);
}

void
RdmaDcqcn::UpdateAlpha(RdmaDcqcnState& s) const
{
    const int64_t now = Simulator::Now().GetTimeStep();
    if (s.firstCnp || now < s.alphaTick)
    {
        return;
    }
    const int64_t period = m_alphaInterval.GetTimeStep();
    const int64_t ticks = (now - s.alphaTick) / period + 1;
    // The first update sees the period's CNP bit; the later ones had no CNP.
    s.alpha = (1 - m_g) * s.alpha + (s.cnpInPeriod ? m_g : 0);
    s.alpha *= std::pow(1 - m_g, static_cast<double>(ticks - 1));
    s.cnpInPeriod = false;
    s.alphaTick += ticks * period;
}

void
RdmaDcqcn::OnCnp(RdmaQueuePair& qp)
{
    auto& s = static_cast<RdmaDcqcnState&>(*qp.GetCcState());
    const int64_t now = Simulator::Now().GetTimeStep();
    UpdateAlpha(s);
    if (s.firstCnp)
    {
        s.firstCnp = false;
        s.alpha = 1;
        s.alphaTick = now + m_alphaInterval.GetTimeStep();
        const double rate = m_rateOnFirstCnp * static_cast<double>(qp.GetRate().GetBitRate());
        s.targetBps = rate;
        qp.SetRate(DataRate(static_cast<uint64_t>(rate)));
    }
    else
    {
        s.cnpInPeriod = true;
    }
    s.decreasePending = true;
    if (s.lastDecrease < 0 || now - s.lastDecrease >= m_decreaseInterval.GetTimeStep())
    {
        Decrease(qp, s);
    }
    Arm(qp, s);
}

void
RdmaDcqcn::Decrease(RdmaQueuePair& qp, RdmaDcqcnState& s)
{
    UpdateAlpha(s);
    const double rate = static_cast<double>(qp.GetRate().GetBitRate());
    if (m_clampTargetRate || s.timerStage > 0 || s.byteStage > 0)
    {
        s.targetBps = rate;
    }
    const double decreased =
        std::max(static_cast<double>(m_minRate.GetBitRate()), rate * (1 - s.alpha / 2));
    qp.SetRate(DataRate(static_cast<uint64_t>(decreased)));
    s.timerStage = 0;
    s.byteStage = 0;
    s.bytes = 0;
    s.decreasePending = false;
    s.lastDecrease = Simulator::Now().GetTimeStep();
    s.nextIncrease = s.lastDecrease + m_increaseInterval.GetTimeStep();
    ++m_decreases;
    NS_LOG_LOGIC("qp " << qp.GetQpn() << " decrease to " << decreased << " alpha " << s.alpha);
}

void
RdmaDcqcn::Increase(RdmaQueuePair& qp, RdmaDcqcnState& s)
{
    const uint32_t t = s.timerStage;
    const uint32_t bc = m_byteCounter > 0 ? s.byteStage : t;
    if (std::min(t, bc) > m_fastRecovery)
    {
        s.targetBps += static_cast<double>(m_rateHai.GetBitRate());
    }
    else if (std::max(t, bc) >= m_fastRecovery)
    {
        s.targetBps += static_cast<double>(m_rateAi.GetBitRate());
    }
    s.targetBps = std::min(s.targetBps, s.lineBps);
    const double rate = (static_cast<double>(qp.GetRate().GetBitRate()) + s.targetBps) / 2;
    qp.SetRate(DataRate(static_cast<uint64_t>(std::min(rate, s.lineBps))));
}

void
RdmaDcqcn::OnSend(RdmaQueuePair& qp, FabricHeader& header, Ptr<Packet> packet)
{
    if (m_byteCounter == 0)
    {
        return;
    }
    auto& s = static_cast<RdmaDcqcnState&>(*qp.GetCcState());
    if (s.nextIncrease < 0)
    {
        return; // at line rate: nothing to increase
    }
    s.bytes += qp.GetWireBytes(header.payload);
    if (s.bytes >= m_byteCounter)
    {
        s.bytes -= m_byteCounter;
        Increase(qp, s);
        ++s.byteStage;
    }
}

void
RdmaDcqcn::OnTimer(RdmaQueuePair& qp)
{
    auto& s = static_cast<RdmaDcqcnState&>(*qp.GetCcState());
    const int64_t now = Simulator::Now().GetTimeStep();
    if (s.decreasePending && now - s.lastDecrease >= m_decreaseInterval.GetTimeStep())
    {
        Decrease(qp, s);
    }
    if (s.nextIncrease >= 0 && now >= s.nextIncrease)
    {
        Increase(qp, s);
        ++s.timerStage;
        s.nextIncrease += m_increaseInterval.GetTimeStep();
        if (static_cast<double>(qp.GetRate().GetBitRate()) >= s.lineBps && s.targetBps >= s.lineBps)
        {
            s.nextIncrease = -1; // back at line rate: the timer has nothing more to do
        }
    }
    Arm(qp, s);
}

void
RdmaDcqcn::Arm(RdmaQueuePair& qp, RdmaDcqcnState& s) const
{
    int64_t next = INT64_MAX;
    if (s.decreasePending)
    {
        next = s.lastDecrease + m_decreaseInterval.GetTimeStep();
    }
    if (s.nextIncrease >= 0)
    {
        next = std::min(next, s.nextIncrease);
    }
    if (next != INT64_MAX)
    {
        const int64_t now = Simulator::Now().GetTimeStep();
        qp.ScheduleCcTimer(TimeStep(std::max<int64_t>(0, next - now)));
    }
}

void
RdmaDcqcn::OnAck(RdmaQueuePair& qp, const RdmaCcFeedback& feedback)
{
}

void
RdmaDcqcn::OnLoss(RdmaQueuePair& qp)
{
}

} // namespace ns3
