// SPDX-License-Identifier: GPL-2.0-only

#ifndef PLANET_PROGRESS_H
#define PLANET_PROGRESS_H

#include "ns3/scheduler.h"

#include <functional>
#include <string>

namespace ns3
{

/**
 * \ingroup planet
 * \brief The runners' progress line on standard error: simulated time, events per second and,
 * when the scenario says how far it is (SetFraction), the share done and the wall time left at
 * the rate so far.
 *
 * It is carried by the event scheduler (PlanetProgressScheduler<S>, one of ns-3's schedulers S
 * that also counts the events it hands out), so it adds no event to the simulation and a run
 * with it gives the same record as one without. The first line comes after Start()'s wall
 * interval, the next ones as often: short runs print nothing. On a terminal the line is
 * rewritten in place; otherwise each report is a line of its own. One run at a time per
 * process.
 */
class PlanetProgress
{
  public:
    /**
     * \brief The scheduler of this ns-3 scheduler type that reports progress.
     * \param scheduler ns3::MapScheduler, HeapScheduler, ListScheduler, CalendarScheduler or
     *        PriorityQueueScheduler
     * \return its PlanetProgressScheduler TypeId
     * \throws std::invalid_argument for another type
     */
    static TypeId SchedulerFor(const std::string& scheduler);
    /**
     * \brief Start reporting (call before the run).
     * \param wallInterval seconds of wall time between two reports (and before the first)
     */
    static void Start(double wallInterval);
    /// \brief How far the run is, in [0, 1] (null: unknown, no estimate of the time left).
    static void SetFraction(std::function<double()> fraction);
    /// \brief End the progress line (if one was printed on a terminal); stop reporting.
    static void Finish();
    /// \brief Called by the schedulers every few thousand events.
    static void Report(uint64_t events, uint64_t ts);
};

/**
 * \ingroup planet
 * \brief ns-3's scheduler S, counting the events it removes for PlanetProgress (a direct call
 * into S and a counter per event: no cost worth measuring).
 */
template <typename S>
class PlanetProgressScheduler : public S
{
  public:
    /**
     * \brief Get the type ID ("ns3::PlanetProgress" + S's name without "ns3::").
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    Scheduler::Event RemoveNext() override
    {
        Scheduler::Event ev = S::RemoveNext();
        if ((++m_events & kCheckMask) == 0)
        {
            PlanetProgress::Report(m_events, ev.key.m_ts);
        }
        return ev;
    }

  private:
    /// Events between two looks at the clock.
    static constexpr uint64_t kCheckMask = 4095;
    uint64_t m_events{0};
};

} // namespace ns3

#endif /* PLANET_PROGRESS_H */
