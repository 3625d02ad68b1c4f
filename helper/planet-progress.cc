// SPDX-License-Identifier: GPL-2.0-only

#include "planet-progress.h"

#include "ns3/double.h"
#include "ns3/map-scheduler.h"
#include "ns3/nstime.h"
#include "ns3/object-factory.h"
#include "ns3/type-id.h"

#include <chrono>
#include <cstdio>
#include <iostream>
#include <sstream>
#include <unistd.h>

namespace ns3
{

NS_OBJECT_ENSURE_REGISTERED(PlanetProgressScheduler);

namespace
{

using Clock = std::chrono::steady_clock;

/// The one run being reported on (one simulation per process).
struct ProgressState
{
    std::function<double()> fraction;
    Clock::time_point start;
    Clock::time_point last; //!< of the last report (or the start)
    uint64_t lastEvents{0}; //!< events at the last report
    bool printed{false};    //!< a line was written
};

ProgressState g_state;

/// Events between two looks at the clock.
constexpr uint64_t kCheckMask = 4095;

} // namespace

TypeId
PlanetProgressScheduler::GetTypeId()
{
    static TypeId tid = TypeId("ns3::PlanetProgressScheduler")
                            .SetParent<Scheduler>()
                            .SetGroupName("Planet")
                            .AddConstructor<PlanetProgressScheduler>()
                            .AddAttribute("Inner",
                                          "The scheduler that orders the events",
                                          TypeIdValue(MapScheduler::GetTypeId()),
                                          MakeTypeIdAccessor(&PlanetProgressScheduler::SetInner),
                                          MakeTypeIdChecker())
                            .AddAttribute("WallInterval",
                                          "Seconds of wall time between two reports (and "
                                          "before the first)",
                                          DoubleValue(2),
                                          MakeDoubleAccessor(&PlanetProgressScheduler::m_interval),
                                          MakeDoubleChecker<double>(0));
    return tid;
}

PlanetProgressScheduler::PlanetProgressScheduler()
{
    g_state.start = g_state.last = Clock::now();
    g_state.lastEvents = 0;
    g_state.printed = false;
}

PlanetProgressScheduler::~PlanetProgressScheduler() = default;

void
PlanetProgressScheduler::SetInner(TypeId type)
{
    NS_ABORT_MSG_IF(m_inner && !m_inner->IsEmpty(), "PlanetProgressScheduler: Inner set late");
    m_innerType = type;
    ObjectFactory factory;
    factory.SetTypeId(type);
    m_inner = factory.Create<Scheduler>();
}

void
PlanetProgressScheduler::SetFraction(std::function<double()> fraction)
{
    g_state.fraction = std::move(fraction);
}

void
PlanetProgressScheduler::Finish()
{
    if (g_state.printed && isatty(STDERR_FILENO))
    {
        std::cerr << std::endl;
    }
    g_state.printed = false;
    g_state.fraction = nullptr;
}

void
PlanetProgressScheduler::Insert(const Event& ev)
{
    m_inner->Insert(ev);
}

bool
PlanetProgressScheduler::IsEmpty() const
{
    return m_inner->IsEmpty();
}

Scheduler::Event
PlanetProgressScheduler::PeekNext() const
{
    return m_inner->PeekNext();
}

Scheduler::Event
PlanetProgressScheduler::RemoveNext()
{
    Event ev = m_inner->RemoveNext();
    if ((++m_events & kCheckMask) == 0)
    {
        Report(ev.key.m_ts);
    }
    return ev;
}

void
PlanetProgressScheduler::Remove(const Event& ev)
{
    m_inner->Remove(ev);
}

void
PlanetProgressScheduler::Report(uint64_t ts)
{
    const Clock::time_point now = Clock::now();
    const double since = std::chrono::duration<double>(now - g_state.last).count();
    if (since < m_interval)
    {
        return;
    }
    const double elapsed = std::chrono::duration<double>(now - g_state.start).count();
    std::ostringstream line;
    line.precision(3);
    line << "progress: " << TimeStep(static_cast<int64_t>(ts)).As(Time::MS) << " simulated, "
         << static_cast<double>(m_events - g_state.lastEvents) / since / 1e6 << " M events/s, "
         << elapsed << " s wall";
    if (g_state.fraction)
    {
        const double f = g_state.fraction();
        line << ", " << 100 * f << "% done";
        if (f > 0 && f < 1)
        {
            line << ", about " << elapsed * (1 - f) / f << " s left";
        }
    }
    const bool tty = isatty(STDERR_FILENO);
    std::string text = line.str();
    if (tty)
    {
        text.resize(std::max<std::size_t>(text.size(), 79), ' ');
        std::cerr << "\r" << text << std::flush;
    }
    else
    {
        std::cerr << text << std::endl;
    }
    g_state.printed = true;
    g_state.last = now;
    g_state.lastEvents = m_events;
}

} // namespace ns3
