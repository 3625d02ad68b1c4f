// SPDX-License-Identifier: GPL-2.0-only

#ifndef PLANET_PROGRESS_H
#define PLANET_PROGRESS_H

#include "ns3/scheduler.h"

#include <functional>

namespace ns3
{

/**
 * \ingroup planet
 * \brief A scheduler that forwards to another one (attribute Inner) and reports the run's
 * progress on standard error: simulated time, events per second and, when the scenario says how
 * far it is (SetFraction), the share done and the wall time left at the rate so far.
 *
 * It adds no event to the simulation (it counts the events it hands out), so a run with it
 * gives the same record as one without. The first line comes after WallInterval seconds of
 * wall time (default 2), the next ones as often: short runs print nothing. On a terminal the line
 * is rewritten in place; otherwise each report is a line of its own.
 */
class PlanetProgressScheduler : public Scheduler
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
    PlanetProgressScheduler();
    ~PlanetProgressScheduler() override;

    /**
     * \brief How far the run is, in [0, 1] (null: unknown; no estimate of the time left).
     * One run at a time: the function is process-wide, and cleared by Finish().
     */
    static void SetFraction(std::function<double()> fraction);
    /// \brief End the progress line (if one was printed on a terminal) and clear the fraction.
    static void Finish();

    // Scheduler
    void Insert(const Event& ev) override;
    bool IsEmpty() const override;
    Event PeekNext() const override;
    Event RemoveNext() override;
    void Remove(const Event& ev) override;

  private:
    /// Set the scheduler that does the work (attribute Inner).
    void SetInner(TypeId type);
    /// Print a report if it is time to.
    void Report(uint64_t ts);

    Ptr<Scheduler> m_inner;
    TypeId m_innerType;
    uint64_t m_events{0};
    double m_interval{2}; //!< wall seconds between reports
};

} // namespace ns3

#endif /* PLANET_PROGRESS_H */
