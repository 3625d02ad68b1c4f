/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "quantum-rcpsp-sgs.h"

#include "ns3/input-check.h"

#include <algorithm>
#include <functional>
#include <limits>
#include <map>
#include <numeric>
#include <stdexcept>

namespace planet
{

// ---------------------------------------------------------------------------------------------
// Resource profile
// ---------------------------------------------------------------------------------------------

RcpspResourceProfile::RcpspResourceProfile(std::vector<int> capacity)
    : m_capacity(std::move(capacity))
{
    Reset({});
}

void
RcpspResourceProfile::Reset(const std::vector<RcpspReservation>& reservations)
{
    m_times.assign(1, std::numeric_limits<RcpspTime>::min());
    m_free = m_capacity;
    std::vector<int> amount(m_capacity.size());
    for (const RcpspReservation& r : reservations)
    {
        std::fill(amount.begin(), amount.end(), 0);
        amount[r.resource] = r.amount;
        Book(r.start, r.end - r.start, amount.data());
    }
}

std::size_t
RcpspResourceProfile::Segment(RcpspTime t) const
{
    return std::upper_bound(m_times.begin(), m_times.end(), t) - m_times.begin() - 1;
}

bool
RcpspResourceProfile::SegmentFits(std::size_t segment, const int* demand) const
{
    const std::size_t resources = m_capacity.size();
    const int* free = m_free.data() + segment * resources;
    for (std::size_t k = 0; k < resources; ++k)
    {
        if (demand[k] > free[k])
        {
            return false;
        }
    }
    return true;
}

RcpspTime
RcpspResourceProfile::EarliestFit(RcpspTime from, RcpspTime duration, const int* demand) const
{
    if (duration == 0)
    {
        return from;
    }
    RcpspTime start = from;
    std::size_t s = Segment(from);
    const std::size_t segments = m_times.size();
    // The last segment is the full capacity (bookings are finite), so the scan ends there.
    while (true)
    {
        std::size_t k = s;
        bool fits = true;
        for (; k < segments && m_times[k] < start + duration; ++k)
        {
            if (!SegmentFits(k, demand))
            {
                fits = false;
                break;
            }
        }
        if (fits)
        {
            return start;
        }
        s = k + 1;
        start = m_times[s];
    }
}

bool
RcpspResourceProfile::Fits(RcpspTime start, RcpspTime duration, const int* demand) const
{
    if (duration == 0)
    {
        return true;
    }
    for (std::size_t k = Segment(start); k < m_times.size() && m_times[k] < start + duration; ++k)
    {
        if (!SegmentFits(k, demand))
        {
            return false;
        }
    }
    return true;
}

std::size_t
RcpspResourceProfile::Split(RcpspTime t, std::size_t from)
{
    std::size_t s = from;
    while (s + 1 < m_times.size() && m_times[s + 1] <= t)
    {
        ++s;
    }
    if (m_times[s] == t)
    {
        return s;
    }
    const std::size_t resources = m_capacity.size();
    m_times.insert(m_times.begin() + s + 1, t);
    m_free.insert(m_free.begin() + (s + 1) * resources,
                  m_free.begin() + s * resources,
                  m_free.begin() + (s + 1) * resources);
    return s + 1;
}

void
RcpspResourceProfile::Book(RcpspTime start, RcpspTime duration, const int* demand)
{
    if (duration == 0)
    {
        return;
    }
    // The end is found by a short forward scan from the start's segment.
    const std::size_t first = Split(start, Segment(start));
    const std::size_t last = Split(start + duration, first);
    const std::size_t resources = m_capacity.size();
    for (std::size_t s = first; s < last; ++s)
    {
        int* free = m_free.data() + s * resources;
        for (std::size_t k = 0; k < resources; ++k)
        {
            free[k] -= demand[k];
        }
    }
}

RcpspTime
RcpspResourceProfile::NextChange(RcpspTime t) const
{
    auto it = std::upper_bound(m_times.begin(), m_times.end(), t);
    return it == m_times.end() ? kRcpspNoDeadline : *it;
}

// ---------------------------------------------------------------------------------------------
// Priority rules
// ---------------------------------------------------------------------------------------------

namespace
{

/// The horizon of the latest times: the critical path, or the latest deadline if later.
RcpspTime
Horizon(const RcpspInstance& instance)
{
    RcpspTime horizon = RcpspCriticalPathBound(instance);
    for (const RcpspActivity& a : instance.activities)
    {
        if (a.deadline != kRcpspNoDeadline)
        {
            horizon = std::max(horizon, a.deadline);
        }
    }
    return horizon;
}

/// Earliest and latest times of the critical-path method, shared by the rules.
struct CriticalPath
{
    explicit CriticalPath(const RcpspInstance& instance)
        : est(RcpspEarliestStarts(instance)),
          lft(RcpspLatestFinishes(instance, Horizon(instance)))
    {
    }

    std::vector<RcpspTime> est;
    std::vector<RcpspTime> lft;
};

using PriorityRule = std::function<std::vector<double>(const RcpspInstance&, std::mt19937_64&)>;

/// A rule that is a function of one activity's critical-path times.
PriorityRule
FromCriticalPath(std::function<double(const RcpspInstance&, const CriticalPath&, std::size_t)> f)
{
    return [f](const RcpspInstance& instance, std::mt19937_64&) {
        CriticalPath cp(instance);
        std::vector<double> values(instance.activities.size());
        for (std::size_t j = 0; j < values.size(); ++j)
        {
            values[j] = f(instance, cp, j);
        }
        return values;
    };
}

/// Number of activities reachable from each activity through successor lists.
std::vector<double>
TotalSuccessors(const RcpspInstance& instance, std::mt19937_64&)
{
    const std::size_t n = instance.activities.size();
    CheckMemoryBudget("rule 'mts' on " + std::to_string(n) + " activities",
                      SaturatingMul(n, n / 8 + 32));
    std::vector<std::vector<bool>> reach(n, std::vector<bool>(n, false));
    auto order = instance.TopologicalOrder();
    std::vector<double> count(n, 0.0);
    for (auto it = order.rbegin(); it != order.rend(); ++it)
    {
        std::vector<bool>& mine = reach[*it];
        for (std::size_t s : instance.activities[*it].successors)
        {
            mine[s] = true;
            for (std::size_t x = 0; x < n; ++x)
            {
                if (reach[s][x])
                {
                    mine[x] = true;
                }
            }
        }
        count[*it] = static_cast<double>(std::count(mine.begin(), mine.end(), true));
    }
    return count;
}

std::vector<double>
UniformRandom(const RcpspInstance& instance, std::mt19937_64& rng)
{
    std::uniform_real_distribution<double> uniform(0.0, 1.0);
    std::vector<double> values(instance.activities.size());
    for (double& v : values)
    {
        v = uniform(rng);
    }
    return values;
}

const std::map<std::string, PriorityRule>&
PriorityRules()
{
    using CP = CriticalPath;
    using In = RcpspInstance;
    static const std::map<std::string, PriorityRule> rules{
        {"lft", FromCriticalPath([](const In&, const CP& cp, std::size_t j) {
             return -static_cast<double>(cp.lft[j]);
         })},
        {"lst", FromCriticalPath([](const In& in, const CP& cp, std::size_t j) {
             return -static_cast<double>(cp.lft[j] - in.activities[j].duration);
         })},
        {"mslk", FromCriticalPath([](const In& in, const CP& cp, std::size_t j) {
             return -static_cast<double>(cp.lft[j] - in.activities[j].duration - cp.est[j]);
         })},
        {"est", FromCriticalPath([](const In&, const CP& cp, std::size_t j) {
             return -static_cast<double>(cp.est[j]);
         })},
        {"grpw", FromCriticalPath([](const In& in, const CP&, std::size_t j) {
             double weight = static_cast<double>(in.activities[j].duration);
             for (std::size_t s : in.activities[j].successors)
             {
                 weight += static_cast<double>(in.activities[s].duration);
             }
             return weight;
         })},
        {"spt", FromCriticalPath([](const In& in, const CP&, std::size_t j) {
             return -static_cast<double>(in.activities[j].duration);
         })},
        {"mts", TotalSuccessors},
        {"random", UniformRandom},
    };
    return rules;
}

} // namespace

std::vector<std::string>
RcpspPriorityRuleNames()
{
    std::vector<std::string> names;
    for (const auto& [name, rule] : PriorityRules())
    {
        names.push_back(name);
    }
    return names;
}

std::vector<double>
RcpspPriorities(const RcpspInstance& instance, const std::string& rule, std::mt19937_64& rng)
{
    auto it = PriorityRules().find(rule);
    if (it == PriorityRules().end())
    {
        ThrowRcpspUnknownName("RCPSP priority rule", rule, RcpspPriorityRuleNames());
    }
    return it->second(instance, rng);
}

// ---------------------------------------------------------------------------------------------
// Activity lists
// ---------------------------------------------------------------------------------------------

std::vector<std::size_t>
RcpspActivityList(const RcpspInstance& instance,
                  const std::vector<double>& priority,
                  std::mt19937_64* rng)
{
    const std::size_t n = instance.activities.size();
    std::vector<std::size_t> missing(n, 0); // unlisted predecessors
    for (const RcpspActivity& a : instance.activities)
    {
        for (std::size_t s : a.successors)
        {
            ++missing[s];
        }
    }
    std::vector<std::size_t> eligible;
    for (std::size_t j = 0; j < n; ++j)
    {
        if (missing[j] == 0)
        {
            eligible.push_back(j);
        }
    }
    std::vector<std::size_t> list;
    list.reserve(n);
    std::vector<double> weight;
    while (!eligible.empty())
    {
        std::size_t pick = 0;
        if (rng == nullptr)
        {
            for (std::size_t e = 1; e < eligible.size(); ++e)
            {
                const double v = priority[eligible[e]];
                const double best = priority[eligible[pick]];
                if (v > best || (v == best && eligible[e] < eligible[pick]))
                {
                    pick = e;
                }
            }
        }
        else
        {
            double lowest = priority[eligible[0]];
            for (std::size_t j : eligible)
            {
                lowest = std::min(lowest, priority[j]);
            }
            weight.resize(eligible.size());
            double total = 0;
            for (std::size_t e = 0; e < eligible.size(); ++e)
            {
                weight[e] = priority[eligible[e]] - lowest + 1.0;
                total += weight[e];
            }
            double u = std::uniform_real_distribution<double>(0.0, total)(*rng);
            pick = eligible.size() - 1;
            for (std::size_t e = 0; e < eligible.size(); ++e)
            {
                u -= weight[e];
                if (u < 0)
                {
                    pick = e;
                    break;
                }
            }
        }
        const std::size_t j = eligible[pick];
        eligible[pick] = eligible.back();
        eligible.pop_back();
        list.push_back(j);
        for (std::size_t s : instance.activities[j].successors)
        {
            if (--missing[s] == 0)
            {
                eligible.push_back(s);
            }
        }
    }
    return list;
}

void
RcpspCheckActivityList(const RcpspInstance& instance, const std::vector<std::size_t>& list)
{
    const std::size_t n = instance.activities.size();
    if (list.size() != n)
    {
        throw std::invalid_argument("parameter 'activity_list': " + std::to_string(list.size()) +
                                    " entries for " + std::to_string(n) + " activities");
    }
    std::vector<bool> listed(n, false);
    const auto predecessors = instance.Predecessors();
    for (std::size_t i = 0; i < n; ++i)
    {
        const std::size_t j = list[i];
        if (j >= n || listed[j])
        {
            throw std::invalid_argument(
                "parameter 'activity_list': entry " + std::to_string(i) + " = " +
                std::to_string(j) +
                (j >= n ? " is not an activity (0.." + std::to_string(n == 0 ? 0 : n - 1) + ")"
                        : " is listed twice"));
        }
        for (std::size_t p : predecessors[j])
        {
            if (!listed[p])
            {
                throw std::invalid_argument("parameter 'activity_list': activity " +
                                            std::to_string(j) + " comes before its predecessor " +
                                            std::to_string(p));
            }
        }
        listed[j] = true;
    }
}

std::vector<std::size_t>
RcpspListFromSchedule(const std::vector<std::size_t>& topologicalOrder,
                      const RcpspSchedule& schedule)
{
    std::vector<std::size_t> list = topologicalOrder;
    std::stable_sort(list.begin(), list.end(), [&schedule](std::size_t a, std::size_t b) {
        return schedule.start[a] < schedule.start[b];
    });
    return list;
}

// ---------------------------------------------------------------------------------------------
// Schedule generation schemes
// ---------------------------------------------------------------------------------------------

RcpspScheduleGenerator::RcpspScheduleGenerator(const RcpspInstance& instance)
    : m_instance(instance),
      m_predecessors(instance.Predecessors()),
      m_order(instance.TopologicalOrder()),
      m_profile(instance.capacity),
      m_finish(instance.activities.size())
{
    const std::size_t n = instance.activities.size();
    m_successors.resize(n);
    for (std::size_t j = 0; j < n; ++j)
    {
        const RcpspActivity& a = instance.activities[j];
        m_successors[j] = a.successors;
        m_demand.insert(m_demand.end(), a.demand.begin(), a.demand.end());
        m_forward.release.push_back(a.release);
    }
    m_forward.predecessors = &m_predecessors;
    m_forward.reservations = instance.reservations;
}

uint64_t
RcpspScheduleGenerator::GetGenerated() const
{
    return m_generated;
}

const std::vector<std::size_t>&
RcpspScheduleGenerator::GetTopologicalOrder() const
{
    return m_order;
}

void
RcpspScheduleGenerator::SerialPass(const Orientation& orientation,
                                   const std::vector<std::size_t>& list,
                                   std::vector<RcpspTime>& start)
{
    ++m_generated;
    const std::size_t resources = m_instance.capacity.size();
    m_profile.Reset(orientation.reservations);
    start.assign(m_instance.activities.size(), 0);
    for (std::size_t j : list)
    {
        RcpspTime earliest = orientation.release[j];
        for (std::size_t p : (*orientation.predecessors)[j])
        {
            earliest = std::max(earliest, m_finish[p]);
        }
        const RcpspTime duration = m_instance.activities[j].duration;
        const int* demand = m_demand.data() + j * resources;
        start[j] = m_profile.EarliestFit(earliest, duration, demand);
        m_profile.Book(start[j], duration, demand);
        m_finish[j] = start[j] + duration;
    }
}

RcpspSchedule
RcpspScheduleGenerator::Justify(const RcpspSchedule& schedule)
{
    const std::size_t n = m_instance.activities.size();
    const RcpspTime horizon = schedule.Makespan(m_instance);
    // Backward pass: mirrored time t' = horizon - t, successors act as predecessors, deadlines
    // as release times and release times as (soft) deadlines.
    Orientation backward;
    backward.predecessors = &m_successors;
    backward.release.resize(n);
    for (std::size_t j = 0; j < n; ++j)
    {
        const RcpspTime deadline = m_instance.activities[j].deadline;
        backward.release[j] = deadline >= horizon ? 0 : horizon - deadline;
    }
    for (const RcpspReservation& r : m_instance.reservations)
    {
        backward.reservations.push_back({r.resource, r.amount, horizon - r.end, horizon - r.start});
    }
    std::vector<RcpspTime> finish(n);
    for (std::size_t j = 0; j < n; ++j)
    {
        finish[j] = schedule.Finish(m_instance, j);
    }
    std::vector<std::size_t> order(m_order.rbegin(), m_order.rend());
    std::stable_sort(order.begin(), order.end(), [&finish](std::size_t a, std::size_t b) {
        return finish[a] > finish[b];
    });
    RcpspSchedule mirrored;
    SerialPass(backward, order, mirrored.start);
    RcpspSchedule right;
    right.start.resize(n);
    for (std::size_t j = 0; j < n; ++j)
    {
        right.start[j] = horizon - mirrored.start[j] - m_instance.activities[j].duration;
    }
    RcpspSchedule left;
    SerialPass(m_forward, RcpspListFromSchedule(m_order, right), left.start);
    return left;
}

std::string
RcpspSerialGenerator::GetName() const
{
    return "serial";
}

RcpspSchedule
RcpspSerialGenerator::Decode(const std::vector<std::size_t>& list)
{
    RcpspSchedule schedule;
    SerialPass(m_forward, list, schedule.start);
    return schedule;
}

std::string
RcpspParallelGenerator::GetName() const
{
    return "parallel";
}

RcpspSchedule
RcpspParallelGenerator::Decode(const std::vector<std::size_t>& list)
{
    ++m_generated;
    const std::size_t n = m_instance.activities.size();
    const std::size_t resources = m_instance.capacity.size();
    constexpr RcpspTime kUnscheduled = std::numeric_limits<RcpspTime>::max();
    m_profile.Reset(m_forward.reservations);
    std::fill(m_finish.begin(), m_finish.end(), kUnscheduled);
    RcpspSchedule schedule;
    schedule.start.assign(n, 0);
    std::vector<std::size_t> remaining = list;
    std::vector<std::size_t> waiting;
    RcpspTime now = 0;
    while (!remaining.empty())
    {
        waiting.clear();
        for (std::size_t j : remaining)
        {
            const RcpspActivity& a = m_instance.activities[j];
            bool ready = a.release <= now;
            for (std::size_t p : m_predecessors[j])
            {
                ready = ready && m_finish[p] <= now;
            }
            const int* demand = m_demand.data() + j * resources;
            if (ready && m_profile.Fits(now, a.duration, demand))
            {
                m_profile.Book(now, a.duration, demand);
                schedule.start[j] = now;
                m_finish[j] = now + a.duration;
            }
            else
            {
                waiting.push_back(j);
            }
        }
        remaining.swap(waiting);
        RcpspTime next = m_profile.NextChange(now);
        for (std::size_t j : remaining)
        {
            const RcpspTime release = m_instance.activities[j].release;
            if (release > now)
            {
                next = std::min(next, release);
            }
        }
        if (!remaining.empty() && next == kRcpspNoDeadline)
        {
            throw std::invalid_argument("parallel SGS: the activity list is not precedence-"
                                        "feasible");
        }
        now = next;
    }
    return schedule;
}

namespace
{

using GeneratorFactory =
    std::function<std::unique_ptr<RcpspScheduleGenerator>(const RcpspInstance&)>;

const std::map<std::string, GeneratorFactory>&
Generators()
{
    static const std::map<std::string, GeneratorFactory> generators{
        {"serial",
         [](const RcpspInstance& in) { return std::make_unique<RcpspSerialGenerator>(in); }},
        {"parallel",
         [](const RcpspInstance& in) { return std::make_unique<RcpspParallelGenerator>(in); }},
    };
    return generators;
}

} // namespace

std::vector<std::string>
RcpspScheduleGeneratorNames()
{
    std::vector<std::string> names;
    for (const auto& [name, factory] : Generators())
    {
        names.push_back(name);
    }
    return names;
}

std::unique_ptr<RcpspScheduleGenerator>
CreateRcpspScheduleGenerator(const std::string& name, const RcpspInstance& instance)
{
    auto it = Generators().find(name);
    if (it == Generators().end())
    {
        ThrowRcpspUnknownName("RCPSP schedule generation scheme",
                              name,
                              RcpspScheduleGeneratorNames());
    }
    return it->second(instance);
}

} // namespace planet
