// SPDX-License-Identifier: GPL-2.0-only

#include "fabric-pfc.h"

#include "fabric-channel.h"
#include "fabric-defaults.h"
#include "fabric-net-device.h"

#include "ns3/log.h"
#include "ns3/simulator.h"
#include "ns3/uinteger.h"

#include <algorithm>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("FabricPfc");

NS_OBJECT_ENSURE_REGISTERED(FabricPfc);

TypeId
FabricPfc::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::FabricPfc")
            .SetParent<Object>()
            .SetGroupName("Planet")
            .AddConstructor<FabricPfc>()
            .AddAttribute("PauseQuanta",
                          "Quanta (512 bit times each) of the PAUSE frames this port sends; "
                          "repeated at half that time while the XOFF lasts",
                          UintegerValue(planet::defaults::kPauseQuanta),
                          MakeUintegerAccessor(&FabricPfc::m_quanta),
                          MakeUintegerChecker<uint16_t>(1))
            .AddTraceSource("Pause",
                            "This port's egress stopped (true) or resumed (false) a priority",
                            MakeTraceSourceAccessor(&FabricPfc::m_pauseTrace),
                            "ns3::FabricPfc::PauseCallback")
            .AddTraceSource("Xoff",
                            "This port asked its upstream to stop (true) or resume (false) a "
                            "priority",
                            MakeTraceSourceAccessor(&FabricPfc::m_xoffTrace),
                            "ns3::FabricPfc::PauseCallback");
    return tid;
}

FabricPfc::FabricPfc() = default;

void
FabricPfc::DoDispose()
{
    for (auto& e : m_expiry)
    {
        e.Cancel();
    }
    for (auto& e : m_refresh)
    {
        e.Cancel();
    }
    m_device = nullptr;
    Object::DoDispose();
}

void
FabricPfc::SetDevice(FabricNetDevice* device)
{
    m_device = device;
}

int64_t
FabricPfc::QuantaTime(uint32_t quanta, uint64_t rateBps)
{
    __extension__ typedef unsigned __int128 Wide;
    const Wide units = static_cast<Wide>(quanta) * 512 * FabricTime::UnitsPerSecond();
    return static_cast<int64_t>((units + rateBps - 1) / rateBps);
}

void
FabricPfc::ReceivePause(const FabricHeader& header, int64_t arrival)
{
    ++m_stats.framesReceived;
    const uint8_t p = header.priority;
    const uint32_t quanta = header.psn;
    if (quanta == 0)
    {
        Resume(p, arrival);
        return;
    }
    if (!IsPaused(p))
    {
        m_pausedMask |= static_cast<uint8_t>(1u << p);
        m_pausedSince[p] = arrival;
        ++m_stats.pauses;
        m_pauseTrace(p, true);
    }
    const int64_t until = arrival + QuantaTime(quanta, m_device->GetDataRate().GetBitRate());
    m_expiry[p].Cancel();
    m_expiry[p] = Simulator::Schedule(FabricTime::ToTimeCeil(until) - Simulator::Now(),
                                      &FabricPfc::Resume,
                                      this,
                                      p,
                                      until);
}

void
FabricPfc::Resume(uint8_t priority, int64_t at)
{
    if (!IsPaused(priority))
    {
        return;
    }
    m_expiry[priority].Cancel();
    m_pausedMask &= static_cast<uint8_t>(~(1u << priority));
    const double s = static_cast<double>(at - m_pausedSince[priority]) /
                     static_cast<double>(FabricTime::UnitsPerSecond());
    m_stats.pausedS += s;
    m_stats.longestPauseS = std::max(m_stats.longestPauseS, s);
    m_pauseTrace(priority, false);
    m_device->NotifyResumed(at);
}

bool
FabricPfc::IsXoff(uint8_t priority) const
{
    return ((m_xoffMask >> priority) & 1) != 0;
}

void
FabricPfc::SetXoff(uint8_t priority, bool xoff)
{
    if (xoff == IsXoff(priority))
    {
        return;
    }
    m_xoffMask ^= static_cast<uint8_t>(1u << priority);
    m_xoffTrace(priority, xoff);
    m_refresh[priority].Cancel();
    QueueFrame(priority, xoff ? m_quanta : 0);
    if (xoff)
    {
        ScheduleRefresh(priority);
    }
}

void
FabricPfc::Refresh(uint8_t priority)
{
    // Due while the XOFF holds (SetXoff(false) cancels it).
    QueueFrame(priority, m_quanta);
    ScheduleRefresh(priority);
}

void
FabricPfc::ScheduleRefresh(uint8_t priority)
{
    const int64_t half = QuantaTime(m_quanta, m_device->GetDataRate().GetBitRate()) / 2;
    m_refresh[priority] =
        Simulator::Schedule(FabricTime::ToTimeCeil(FabricTime::Now() + half) - Simulator::Now(),
                            &FabricPfc::Refresh,
                            this,
                            priority);
}

void
FabricPfc::QueueFrame(uint8_t priority, uint16_t quanta)
{
    for (auto& f : m_frames)
    {
        if (f.first == priority)
        {
            f.second = quanta;
            return;
        }
    }
    m_frames.emplace_back(priority, quanta);
    m_device->Kick();
}

FabricHeader
FabricPfc::TakeFrame()
{
    const auto [priority, quanta] = m_frames.front();
    m_frames.pop_front();
    ++m_stats.framesSent;
    FabricHeader h;
    h.flags = FabricHeader::PAUSE;
    h.priority = priority;
    h.psn = quanta;
    h.payload = 0;
    return h;
}

FabricPfcStats
FabricPfc::GetStats() const
{
    FabricPfcStats s = m_stats;
    const int64_t now = FabricTime::Now();
    for (uint8_t p = 0; p < FabricHeader::kPriorities; ++p)
    {
        if (IsPaused(p))
        {
            const double d = static_cast<double>(now - m_pausedSince[p]) /
                             static_cast<double>(FabricTime::UnitsPerSecond());
            s.pausedS += d;
            s.longestPauseS = std::max(s.longestPauseS, d);
        }
    }
    return s;
}

} // namespace ns3
