/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "quantum-rcpsp.h"

#include <algorithm>
#include <map>
#include <queue>
#include <sstream>
#include <stdexcept>

namespace planet
{

namespace
{

std::string
ActivityLabel(const RcpspInstance& instance, std::size_t j)
{
    std::ostringstream out;
    out << "activity " << j;
    if (!instance.activities[j].name.empty())
    {
        out << " (" << instance.activities[j].name << ")";
    }
    return out.str();
}

/**
 * Sweep of the resource usage: for every resource, the times where usage changes and the
 * usage from there on. Callers add intervals, then ask for the points over capacity.
 */
class UsageSweep
{
  public:
    explicit UsageSweep(std::size_t resources)
        : m_delta(resources)
    {
    }

    void Add(std::size_t resource, int amount, RcpspTime start, RcpspTime end)
    {
        if (end > start && amount != 0)
        {
            m_delta[resource][start] += amount;
            m_delta[resource][end] -= amount;
        }
    }

    /// \return one line per resource that goes over capacity, at the first such time
    std::vector<std::string> Overloads(const std::vector<int>& capacity) const
    {
        std::vector<std::string> problems;
        for (std::size_t k = 0; k < m_delta.size(); ++k)
        {
            long usage = 0;
            for (const auto& [time, delta] : m_delta[k])
            {
                usage += delta;
                if (usage > capacity[k])
                {
                    std::ostringstream out;
                    out << "resource " << k << " uses " << usage << " > capacity " << capacity[k]
                        << " at time " << time;
                    problems.push_back(out.str());
                    break;
                }
            }
        }
        return problems;
    }

  private:
    std::vector<std::map<RcpspTime, long>> m_delta;
};

} // namespace

void
RcpspInstance::CheckSuccessors() const
{
    const std::size_t n = activities.size();
    for (std::size_t j = 0; j < n; ++j)
    {
        for (std::size_t s : activities[j].successors)
        {
            if (s >= n || s == j)
            {
                throw std::invalid_argument("RCPSP instance " + name + ": " +
                                            ActivityLabel(*this, j) + " has an invalid successor " +
                                            std::to_string(s) + " (allowed: other activities 0.." +
                                            std::to_string(n == 0 ? 0 : n - 1) + ")");
            }
        }
    }
}

void
RcpspInstance::Check() const
{
    const std::size_t n = activities.size();
    const std::size_t resources = capacity.size();
    if (n > kRcpspMaxActivities)
    {
        throw std::invalid_argument("RCPSP instance " + name + ": " + std::to_string(n) +
                                    " activities, more than " +
                                    std::to_string(kRcpspMaxActivities) + " (kRcpspMaxActivities)");
    }
    CheckSuccessors();
    // Every schedule ends by the latest release or reservation end plus all durations.
    RcpspTime horizon = 0;
    auto extend = [&](RcpspTime t, const std::string& what) {
        if (t > kRcpspMaxHorizon - horizon)
        {
            throw std::invalid_argument("RCPSP instance " + name + ": " + what +
                                        " takes the horizon past " +
                                        std::to_string(kRcpspMaxHorizon) + " (kRcpspMaxHorizon)");
        }
        horizon += t;
    };
    for (std::size_t k = 0; k < resources; ++k)
    {
        if (capacity[k] < 0)
        {
            throw std::invalid_argument("RCPSP instance " + name + ": resource " +
                                        std::to_string(k) + " has a negative capacity");
        }
    }
    for (std::size_t j = 0; j < n; ++j)
    {
        const RcpspActivity& a = activities[j];
        const std::string where = "RCPSP instance " + name + ": " + ActivityLabel(*this, j);
        if (a.duration < 0)
        {
            throw std::invalid_argument(where + " has a negative duration");
        }
        if (a.release < 0)
        {
            throw std::invalid_argument(where + " has a negative release time");
        }
        if (a.deadline < 0)
        {
            throw std::invalid_argument(where + " has a negative deadline");
        }
        extend(a.duration, ActivityLabel(*this, j) + "'s duration " + std::to_string(a.duration));
        if (a.demand.size() != resources)
        {
            throw std::invalid_argument(where + " has " + std::to_string(a.demand.size()) +
                                        " demands for " + std::to_string(resources) + " resources");
        }
        for (std::size_t k = 0; k < resources; ++k)
        {
            if (a.demand[k] < 0 || a.demand[k] > capacity[k])
            {
                throw std::invalid_argument(where + " demands " + std::to_string(a.demand[k]) +
                                            " of resource " + std::to_string(k) + " (allowed: 0.." +
                                            std::to_string(capacity[k]) + ")");
            }
        }
    }
    RcpspTime latest = 0; // the latest release time or reservation end
    for (const RcpspActivity& a : activities)
    {
        latest = std::max(latest, a.release);
    }
    UsageSweep reserved(resources);
    for (std::size_t r = 0; r < reservations.size(); ++r)
    {
        const RcpspReservation& res = reservations[r];
        const std::string where = "RCPSP instance " + name + ": reservation " + std::to_string(r);
        if (res.resource >= resources)
        {
            throw std::invalid_argument(where + " names resource " + std::to_string(res.resource) +
                                        " (allowed: 0.." +
                                        std::to_string(resources == 0 ? 0 : resources - 1) + ")");
        }
        if (res.amount < 1 || res.end <= res.start || res.start < 0)
        {
            throw std::invalid_argument(where + " needs amount >= 1 and end > start >= 0");
        }
        latest = std::max(latest, res.end);
        reserved.Add(res.resource, res.amount, res.start, res.end);
    }
    extend(latest, "the latest release time or reservation end " + std::to_string(latest));
    auto overloads = reserved.Overloads(capacity);
    if (!overloads.empty())
    {
        throw std::invalid_argument("RCPSP instance " + name +
                                    ": reservations exceed capacity: " + overloads.front());
    }
    TopologicalOrder();
}

std::vector<std::vector<std::size_t>>
RcpspInstance::Predecessors() const
{
    CheckSuccessors();
    std::vector<std::vector<std::size_t>> preds(activities.size());
    for (std::size_t j = 0; j < activities.size(); ++j)
    {
        for (std::size_t s : activities[j].successors)
        {
            preds[s].push_back(j);
        }
    }
    return preds;
}

std::vector<std::size_t>
RcpspInstance::TopologicalOrder() const
{
    CheckSuccessors();
    const std::size_t n = activities.size();
    std::vector<std::size_t> indegree(n, 0);
    for (const RcpspActivity& a : activities)
    {
        for (std::size_t s : a.successors)
        {
            ++indegree[s];
        }
    }
    std::priority_queue<std::size_t, std::vector<std::size_t>, std::greater<>> ready;
    for (std::size_t j = 0; j < n; ++j)
    {
        if (indegree[j] == 0)
        {
            ready.push(j);
        }
    }
    std::vector<std::size_t> order;
    order.reserve(n);
    while (!ready.empty())
    {
        std::size_t j = ready.top();
        ready.pop();
        order.push_back(j);
        for (std::size_t s : activities[j].successors)
        {
            if (--indegree[s] == 0)
            {
                ready.push(s);
            }
        }
    }
    if (order.size() != n)
    {
        for (std::size_t j = 0; j < n; ++j)
        {
            if (indegree[j] > 0)
            {
                throw std::invalid_argument("RCPSP instance " + name +
                                            ": the precedences have a cycle through " +
                                            ActivityLabel(*this, j));
            }
        }
    }
    return order;
}

namespace
{

/// A schedule of this instance: one start per activity.
void
CheckScheduleSize(const RcpspInstance& instance, const RcpspSchedule& schedule)
{
    if (schedule.start.size() != instance.activities.size())
    {
        throw std::invalid_argument("schedule has " + std::to_string(schedule.start.size()) +
                                    " start times for " +
                                    std::to_string(instance.activities.size()) + " activities");
    }
}

} // namespace

RcpspTime
RcpspSchedule::Finish(const RcpspInstance& instance, std::size_t j) const
{
    if (j >= start.size() || j >= instance.activities.size())
    {
        throw std::invalid_argument("parameter 'activity': " + std::to_string(j) +
                                    " is not an activity of the schedule (" +
                                    std::to_string(start.size()) + " starts) and the instance (" +
                                    std::to_string(instance.activities.size()) + " activities)");
    }
    RcpspTime finish = 0;
    if (__builtin_add_overflow(start[j], instance.activities[j].duration, &finish))
    {
        throw std::invalid_argument("activity " + std::to_string(j) + ": start " +
                                    std::to_string(start[j]) + " + duration overflows");
    }
    return finish;
}

RcpspTime
RcpspSchedule::Makespan(const RcpspInstance& instance) const
{
    CheckScheduleSize(instance, *this);
    RcpspTime makespan = 0;
    for (std::size_t j = 0; j < start.size(); ++j)
    {
        makespan = std::max(makespan, Finish(instance, j));
    }
    return makespan;
}

RcpspTime
RcpspSchedule::Lateness(const RcpspInstance& instance) const
{
    CheckScheduleSize(instance, *this);
    RcpspTime lateness = 0;
    for (std::size_t j = 0; j < start.size(); ++j)
    {
        const RcpspTime late = Finish(instance, j) - instance.activities[j].deadline;
        if (late > 0 && __builtin_add_overflow(lateness, late, &lateness))
        {
            throw std::invalid_argument("the schedule's total lateness overflows");
        }
    }
    return lateness;
}

std::vector<std::string>
ValidateRcpspSchedule(const RcpspInstance& instance,
                      const RcpspSchedule& schedule,
                      bool checkDeadlines)
{
    std::vector<std::string> problems;
    const std::size_t n = instance.activities.size();
    if (schedule.start.size() != n)
    {
        problems.push_back("schedule has " + std::to_string(schedule.start.size()) +
                           " start times for " + std::to_string(n) + " activities");
        return problems;
    }
    for (std::size_t j = 0; j < n; ++j)
    {
        if (schedule.start[j] < 0 || schedule.start[j] > kRcpspMaxHorizon)
        {
            problems.push_back(ActivityLabel(instance, j) + " starts at " +
                               std::to_string(schedule.start[j]) + ", outside [0, " +
                               std::to_string(kRcpspMaxHorizon) + "] (kRcpspMaxHorizon)");
        }
    }
    if (!problems.empty())
    {
        return problems;
    }
    UsageSweep usage(instance.capacity.size());
    for (const RcpspReservation& res : instance.reservations)
    {
        usage.Add(res.resource, res.amount, res.start, res.end);
    }
    for (std::size_t j = 0; j < n; ++j)
    {
        const RcpspActivity& a = instance.activities[j];
        const RcpspTime start = schedule.start[j];
        const RcpspTime finish = schedule.Finish(instance, j);
        if (start < a.release)
        {
            problems.push_back(ActivityLabel(instance, j) + " starts at " + std::to_string(start) +
                               " before its release time " + std::to_string(a.release));
        }
        if (checkDeadlines && finish > a.deadline)
        {
            problems.push_back(ActivityLabel(instance, j) + " finishes at " +
                               std::to_string(finish) + " after its deadline " +
                               std::to_string(a.deadline));
        }
        for (std::size_t s : a.successors)
        {
            if (schedule.start[s] < finish)
            {
                problems.push_back(ActivityLabel(instance, s) + " starts at " +
                                   std::to_string(schedule.start[s]) + " before its predecessor " +
                                   ActivityLabel(instance, j) + " finishes at " +
                                   std::to_string(finish));
            }
        }
        for (std::size_t k = 0; k < instance.capacity.size(); ++k)
        {
            usage.Add(k, a.demand[k], start, finish);
        }
    }
    auto overloads = usage.Overloads(instance.capacity);
    problems.insert(problems.end(), overloads.begin(), overloads.end());
    return problems;
}

std::vector<RcpspTime>
RcpspEarliestStarts(const RcpspInstance& instance)
{
    std::vector<RcpspTime> est(instance.activities.size(), 0);
    for (std::size_t j = 0; j < est.size(); ++j)
    {
        est[j] = instance.activities[j].release;
    }
    for (std::size_t j : instance.TopologicalOrder())
    {
        const RcpspTime finish = est[j] + instance.activities[j].duration;
        for (std::size_t s : instance.activities[j].successors)
        {
            est[s] = std::max(est[s], finish);
        }
    }
    return est;
}

std::vector<RcpspTime>
RcpspLatestFinishes(const RcpspInstance& instance, RcpspTime horizon)
{
    if (horizon < 0)
    {
        throw std::invalid_argument("parameter 'horizon': must be >= 0, got " +
                                    std::to_string(horizon));
    }
    std::vector<RcpspTime> lft(instance.activities.size(), horizon);
    auto order = instance.TopologicalOrder();
    for (auto it = order.rbegin(); it != order.rend(); ++it)
    {
        const RcpspActivity& a = instance.activities[*it];
        RcpspTime latest = std::min(lft[*it], a.deadline);
        for (std::size_t s : a.successors)
        {
            latest = std::min(latest, lft[s] - instance.activities[s].duration);
        }
        lft[*it] = latest;
    }
    return lft;
}

RcpspTime
RcpspCriticalPathBound(const RcpspInstance& instance)
{
    auto est = RcpspEarliestStarts(instance);
    RcpspTime bound = 0;
    for (std::size_t j = 0; j < est.size(); ++j)
    {
        bound = std::max(bound, est[j] + instance.activities[j].duration);
    }
    return bound;
}

void
ThrowRcpspUnknownName(const std::string& what,
                      const std::string& name,
                      const std::vector<std::string>& allowed)
{
    std::string list;
    for (const std::string& a : allowed)
    {
        list += (list.empty() ? "" : ", ") + a;
    }
    throw std::invalid_argument("unknown " + what + " '" + name + "' (allowed: " + list + ")");
}

} // namespace planet
