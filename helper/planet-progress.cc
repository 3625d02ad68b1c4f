// SPDX-License-Identifier: GPL-2.0-only

#include "planet-progress.h"

#include "ns3/calendar-scheduler.h"
#include "ns3/heap-scheduler.h"
#include "ns3/list-scheduler.h"
#include "ns3/map-scheduler.h"
#include "ns3/nstime.h"
#include "ns3/priority-queue-scheduler.h"

#include <chrono>
#include <iostream>
#include <map>
#include <sstream>
#include <stdexcept>
#include <unistd.h>

namespace ns3
{

template <typename S>
TypeId
PlanetProgressScheduler<S>::GetTypeId()
{
    static TypeId tid = TypeId("ns3::PlanetProgress" + S::GetTypeId().GetName().substr(5))
                            .template SetParent<S>()
                            .SetGroupName("Planet")
                            .template AddConstructor<PlanetProgressScheduler<S>>();
    return tid;
}

namespace
{

using Clock = std::chrono::steady_clock;

/// The one run being reported on (one simulation per process).
struct ProgressState
{
    bool on{false};
    double interval{2};
    std::function<double()> fraction;
    Clock::time_point start;
    Clock::time_point last; //!< of the last report (or the start)
    uint64_t lastEvents{0}; //!< events at the last report
    bool printed{false};    //!< a line was written
};

ProgressState g_state;

} // namespace

TypeId
PlanetProgress::SchedulerFor(const std::string& scheduler)
{
    static const std::map<std::string, TypeId (*)()> progress{
        {"ns3::MapScheduler", &PlanetProgressScheduler<MapScheduler>::GetTypeId},
        {"ns3::HeapScheduler", &PlanetProgressScheduler<HeapScheduler>::GetTypeId},
        {"ns3::ListScheduler", &PlanetProgressScheduler<ListScheduler>::GetTypeId},
        {"ns3::CalendarScheduler", &PlanetProgressScheduler<CalendarScheduler>::GetTypeId},
        {"ns3::PriorityQueueScheduler",
         &PlanetProgressScheduler<PriorityQueueScheduler>::GetTypeId},
    };
    const auto it = progress.find(scheduler);
    if (it == progress.end())
    {
        throw std::invalid_argument("PlanetProgress: no progress reporting for scheduler '" +
                                    scheduler + "'");
    }
    return it->second();
}

void
PlanetProgress::Start(double wallInterval)
{
    g_state.on = true;
    g_state.interval = wallInterval;
    g_state.start = g_state.last = Clock::now();
    g_state.lastEvents = 0;
    g_state.printed = false;
}

void
PlanetProgress::SetFraction(std::function<double()> fraction)
{
    g_state.fraction = std::move(fraction);
}

void
PlanetProgress::Finish()
{
    if (g_state.printed && isatty(STDERR_FILENO))
    {
        std::cerr << std::endl;
    }
    g_state = ProgressState();
}

void
PlanetProgress::Report(uint64_t events, uint64_t ts)
{
    if (!g_state.on)
    {
        return;
    }
    const Clock::time_point now = Clock::now();
    const double since = std::chrono::duration<double>(now - g_state.last).count();
    if (since < g_state.interval)
    {
        return;
    }
    const double elapsed = std::chrono::duration<double>(now - g_state.start).count();
    std::ostringstream line;
    line.precision(3);
    line << "progress: " << TimeStep(static_cast<int64_t>(ts)).As(Time::MS) << " simulated, "
         << static_cast<double>(events - g_state.lastEvents) / since / 1e6 << " M events/s, "
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
    std::string text = line.str();
    if (isatty(STDERR_FILENO))
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
    g_state.lastEvents = events;
}

} // namespace ns3
