/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "quantum-periodic-scheduler.h"

#include "quantum-rcpsp-sgs.h"

#include <algorithm>
#include <functional>
#include <limits>
#include <map>
#include <queue>
#include <random>
#include <sstream>
#include <stdexcept>
#include <tuple>

namespace planet
{

namespace
{

/// Busy intervals of one resource: begin -> end, disjoint.
using BusyMap = std::map<RcpspTime, RcpspTime>;

/// \return the end of an interval of `busy` overlapping [begin, end), or -1 when it is free
RcpspTime
Conflict(const BusyMap& busy, RcpspTime begin, RcpspTime end)
{
    auto it = busy.upper_bound(begin);
    if (it != busy.begin())
    {
        auto prev = std::prev(it);
        if (prev->second > begin)
        {
            return prev->second;
        }
    }
    if (it != busy.end() && it->first < end)
    {
        return it->second;
    }
    return -1;
}

/// Total lateness and the latest finish of a schedule.
std::pair<RcpspTime, RcpspTime>
Cost(const std::vector<PeriodicJob>& jobs, const PeriodicSchedule& schedule)
{
    RcpspTime lateness = 0;
    RcpspTime makespan = 0;
    for (const auto& instance : schedule.instances)
    {
        const RcpspTime finish = instance.start + jobs[instance.job].Length();
        lateness += std::max<RcpspTime>(0, finish - instance.deadline);
        makespan = std::max(makespan, finish);
    }
    return {lateness, makespan};
}

void
CheckJobs(const std::vector<PeriodicJob>& jobs, std::size_t qubits)
{
    for (const auto& job : jobs)
    {
        job.Check(qubits);
    }
}

} // namespace

std::size_t
PeriodicScheduler::Resources(std::size_t qubits) const
{
    return qubits;
}

std::string
PeriodicScheduler::ResourceName(std::size_t r) const
{
    return "qubit " + std::to_string(r);
}

std::vector<PeriodicResourceLoad>
PeriodicScheduler::Utilisation(const std::vector<PeriodicJob>& jobs, std::size_t qubits) const
{
    std::map<std::size_t, double> load;
    for (const auto& job : jobs)
    {
        for (const auto& hold : Occupancy(job))
        {
            load[hold.qubit] +=
                static_cast<double>(hold.end - hold.begin) / static_cast<double>(job.period);
        }
    }
    std::vector<PeriodicResourceLoad> result;
    for (const auto& [r, u] : load)
    {
        result.push_back({ResourceName(r), u});
    }
    return result;
}

namespace
{

/// Busy intervals of every resource, with earliest-fit search for a job's occupancy.
class Timeline
{
  public:
    explicit Timeline(std::size_t resources)
        : m_busy(resources)
    {
    }

    /// \return the earliest t >= from at which every hold fits
    RcpspTime EarliestFit(const std::vector<QubitHold>& holds, RcpspTime from) const
    {
        RcpspTime t = from;
        bool fits = false;
        while (!fits)
        {
            fits = true;
            for (const auto& h : holds)
            {
                const RcpspTime end = Conflict(m_busy[h.qubit], t + h.begin, t + h.end);
                if (end >= 0)
                {
                    t = end - h.begin; // the earliest start clearing this conflict
                    fits = false;
                    break;
                }
            }
        }
        return t;
    }

    void Book(const std::vector<QubitHold>& holds, RcpspTime t)
    {
        for (const auto& h : holds)
        {
            m_busy[h.qubit].emplace(t + h.begin, t + h.end);
        }
    }

  private:
    std::vector<BusyMap> m_busy;
};

} // namespace

void
PeriodicScheduler::Place(const std::vector<std::vector<QubitHold>>& occupancy,
                         std::size_t resources,
                         const std::vector<std::size_t>& order,
                         PeriodicSchedule& schedule)
{
    Timeline timeline(resources);
    for (std::size_t i : order)
    {
        auto& instance = schedule.instances[i];
        const auto& holds = occupancy[instance.job];
        instance.start = timeline.EarliestFit(holds, instance.release);
        timeline.Book(holds, instance.start);
    }
}

void
PeriodicScheduler::Dispatch(
    const std::vector<std::vector<QubitHold>>& occupancy,
    std::size_t resources,
    const std::function<bool(const JobInstance&, const JobInstance&)>& before,
    PeriodicSchedule& schedule)
{
    auto& instances = schedule.instances;
    std::vector<std::size_t> byRelease(instances.size());
    for (std::size_t i = 0; i < byRelease.size(); ++i)
    {
        byRelease[i] = i;
    }
    std::stable_sort(byRelease.begin(), byRelease.end(), [&](std::size_t a, std::size_t b) {
        return instances[a].release < instances[b].release;
    });
    auto priority = [&](std::size_t a, std::size_t b) {
        return before(instances[a], instances[b]);
    };
    std::vector<std::size_t> ready;               // kept in priority order
    std::vector<RcpspTime> fit(instances.size()); // lower bound of each ready instance's fit
    Timeline timeline(resources);
    std::size_t next = 0;
    RcpspTime t = 0;
    while (next < byRelease.size() || !ready.empty())
    {
        for (; next < byRelease.size() && instances[byRelease[next]].release <= t; ++next)
        {
            const std::size_t i = byRelease[next];
            fit[i] = t;
            ready.insert(std::upper_bound(ready.begin(), ready.end(), i, priority), i);
        }
        // Start, in priority order, every ready instance that fits now.
        for (auto it = ready.begin(); it != ready.end();)
        {
            const std::size_t i = *it;
            if (fit[i] <= t)
            {
                fit[i] = timeline.EarliestFit(occupancy[instances[i].job], t);
            }
            if (fit[i] == t)
            {
                instances[i].start = t;
                timeline.Book(occupancy[instances[i].job], t);
                it = ready.erase(it);
            }
            else
            {
                ++it;
            }
        }
        // Advance to the next release or the earliest time a ready instance may fit.
        RcpspTime later = next < byRelease.size() ? instances[byRelease[next]].release
                                                  : std::numeric_limits<RcpspTime>::max();
        for (std::size_t i : ready)
        {
            later = std::min(later, fit[i]);
        }
        t = later;
    }
}

void
PeriodicScheduler::PlaceLazyEdf(const std::vector<PeriodicJob>& jobs,
                                const std::vector<std::vector<QubitHold>>& occupancy,
                                std::size_t resources,
                                PeriodicSchedule& schedule)
{
    constexpr RcpspTime kNever = std::numeric_limits<RcpspTime>::max();
    const std::size_t n = jobs.size();
    // Index of instance k of job j in schedule.instances (ordered by job, then instance).
    std::vector<std::size_t> first(n + 1, 0);
    for (std::size_t j = 0; j < n; ++j)
    {
        first[j + 1] = first[j] + static_cast<std::size_t>(schedule.hyperperiod / jobs[j].period);
    }
    // For each pair of jobs, the latest end (relative to the start of an instance of the
    // first) of a hold on a resource the second job also occupies; -1 when they share none.
    std::vector<std::vector<bool>> uses(n, std::vector<bool>(resources, false));
    for (std::size_t j = 0; j < n; ++j)
    {
        for (const auto& h : occupancy[j])
        {
            uses[j][h.qubit] = true;
        }
    }
    std::vector<std::vector<RcpspTime>> reach(n, std::vector<RcpspTime>(n, -1));
    for (std::size_t j = 0; j < n; ++j)
    {
        for (const auto& h : occupancy[j])
        {
            for (std::size_t other = 0; other < n; ++other)
            {
                if (uses[other][h.qubit])
                {
                    reach[j][other] = std::max(reach[j][other], h.end);
                }
            }
        }
    }

    std::vector<std::size_t> next(n, 0); // next instance of each job to enter the queue
    auto release = [&](std::size_t j) {
        return first[j] + next[j] < first[j + 1] ? schedule.instances[first[j] + next[j]].release
                                                 : kNever;
    };
    // The ready queue: (deadline, job, instance index), earliest deadline first.
    using Entry = std::tuple<RcpspTime, std::size_t, std::size_t>;
    std::priority_queue<Entry, std::vector<Entry>, std::greater<>> ready;
    auto enqueue = [&](std::size_t j) {
        const std::size_t i = first[j] + next[j]++;
        ready.emplace(schedule.instances[i].deadline, j, i);
    };
    std::vector<RcpspTime> lastStart(n, 0);
    Timeline timeline(resources);
    for (;;)
    {
        if (ready.empty())
        {
            RcpspTime earliest = kNever;
            for (std::size_t j = 0; j < n; ++j)
            {
                earliest = std::min(earliest, release(j));
            }
            if (earliest == kNever)
            {
                break;
            }
            for (std::size_t j = 0; j < n; ++j)
            {
                if (release(j) == earliest)
                {
                    enqueue(j);
                }
            }
        }
        const auto [deadline, j, i] = ready.top();
        ready.pop();
        auto& instance = schedule.instances[i];
        instance.start =
            timeline.EarliestFit(occupancy[j], std::max(instance.release, lastStart[j]));
        lastStart[j] = instance.start;
        timeline.Book(occupancy[j], instance.start);
        // Lazy release: a job's next instance is ready once this one holds a resource of that
        // job up to its release.
        for (std::size_t other = 0; other < n; ++other)
        {
            if (reach[j][other] >= 0 && release(other) != kNever &&
                instance.start + reach[j][other] >= release(other))
            {
                enqueue(other);
            }
        }
    }
}

std::vector<QubitHold>
PeriodicScheduler::FullReservation(const PeriodicJob& job)
{
    std::vector<QubitHold> holds;
    const RcpspTime length = job.Length();
    for (std::size_t q : job.Qubits())
    {
        holds.push_back({q, 0, length});
    }
    return holds;
}

bool
PeriodicScheduler::EarlierDeadline(const JobInstance& a, const JobInstance& b)
{
    return std::tie(a.deadline, a.release, a.job) < std::tie(b.deadline, b.release, b.job);
}

PeriodicSchedule
PeriodicScheduler::Schedule(const std::vector<PeriodicJob>& jobs, std::size_t qubits) const
{
    CheckJobs(jobs, qubits);
    auto schedule = PeriodicSchedule::Instances(jobs);
    std::vector<std::vector<QubitHold>> occupancy;
    occupancy.reserve(jobs.size());
    for (const auto& job : jobs)
    {
        occupancy.push_back(Occupancy(job));
    }
    Arrange(jobs, occupancy, Resources(qubits), schedule);
    return schedule;
}

PeriodicAdmission
PeriodicScheduler::Admit(const std::vector<PeriodicJob>& jobs, std::size_t qubits) const
{
    CheckJobs(jobs, qubits);
    PeriodicAdmission result;
    result.accepted.assign(jobs.size(), false);
    result.reason.assign(jobs.size(), "");
    std::vector<PeriodicJob> accepted;
    std::vector<double> load(Resources(qubits), 0.0);
    for (std::size_t j = 0; j < jobs.size(); ++j)
    {
        // Utilisation first: a necessary condition, and cheap.
        std::vector<double> next = load;
        std::string overloaded;
        for (const auto& hold : Occupancy(jobs[j]))
        {
            next[hold.qubit] +=
                static_cast<double>(hold.end - hold.begin) / static_cast<double>(jobs[j].period);
        }
        for (std::size_t r = 0; r < next.size() && overloaded.empty(); ++r)
        {
            if (next[r] > 1.0 + 1e-12)
            {
                std::ostringstream out;
                out << "utilisation of " << ResourceName(r) << " would be " << next[r] << " > 1";
                overloaded = out.str();
            }
        }
        if (!overloaded.empty())
        {
            result.reason[j] = overloaded;
            continue;
        }
        if (jobs[j].Length() > jobs[j].period)
        {
            std::ostringstream out;
            out << "deadline: the job takes " << jobs[j].Length() << " slots, its period is "
                << jobs[j].period;
            result.reason[j] = out.str();
            continue;
        }
        accepted.push_back(jobs[j]);
        auto schedule = Schedule(accepted, qubits);
        const auto stats = PeriodicScheduleStats(accepted, schedule);
        std::string missed;
        for (std::size_t a = 0; a < stats.size() && missed.empty(); ++a)
        {
            if (!stats[a].deadlinesMet)
            {
                const std::size_t demand = accepted[a].demand;
                missed = "deadline: with it, " + GetName() + " misses a deadline of " +
                         (a + 1 == accepted.size() ? std::string("this demand")
                                                   : "demand " + std::to_string(demand));
            }
        }
        if (!missed.empty())
        {
            accepted.pop_back();
            result.reason[j] = missed;
            continue;
        }
        result.accepted[j] = true;
        result.admitted.push_back(j);
        result.schedule = std::move(schedule);
        load = std::move(next);
    }
    if (accepted.empty())
    {
        result.schedule = PeriodicSchedule::Instances(accepted);
    }
    return result;
}

// ---------------------------------------------------------------------------------------------

std::string
PtsNpEdfScheduler::GetName() const
{
    return "PTS-NP-EDF";
}

std::vector<QubitHold>
PtsNpEdfScheduler::Occupancy(const PeriodicJob& job) const
{
    return {QubitHold{0, 0, std::max<RcpspTime>(1, job.Length())}};
}

std::size_t
PtsNpEdfScheduler::Resources(std::size_t qubits) const
{
    return 1;
}

std::string
PtsNpEdfScheduler::ResourceName(std::size_t r) const
{
    return "the network";
}

void
PtsNpEdfScheduler::Arrange(const std::vector<PeriodicJob>& jobs,
                           const std::vector<std::vector<QubitHold>>& occupancy,
                           std::size_t resources,
                           PeriodicSchedule& schedule) const
{
    Dispatch(occupancy, resources, EarlierDeadline, schedule);
}

std::string
RcpspNpEdfScheduler::GetName() const
{
    return "RCPSP-NP-EDF";
}

std::vector<QubitHold>
RcpspNpEdfScheduler::Occupancy(const PeriodicJob& job) const
{
    return job.holds;
}

void
RcpspNpEdfScheduler::Arrange(const std::vector<PeriodicJob>& jobs,
                             const std::vector<std::vector<QubitHold>>& occupancy,
                             std::size_t resources,
                             PeriodicSchedule& schedule) const
{
    PlaceLazyEdf(jobs, occupancy, resources, schedule);
}

std::string
RcpspNpFprScheduler::GetName() const
{
    return "RCPSP-NP-FPR";
}

std::vector<QubitHold>
RcpspNpFprScheduler::Occupancy(const PeriodicJob& job) const
{
    return FullReservation(job);
}

std::string
PlanetWcEdfScheduler::GetName() const
{
    return "PLANET-WC-EDF";
}

std::vector<QubitHold>
PlanetWcEdfScheduler::Occupancy(const PeriodicJob& job) const
{
    return job.holds;
}

void
PlanetWcEdfScheduler::Arrange(const std::vector<PeriodicJob>& jobs,
                              const std::vector<std::vector<QubitHold>>& occupancy,
                              std::size_t resources,
                              PeriodicSchedule& schedule) const
{
    Dispatch(occupancy, resources, EarlierDeadline, schedule);
}

std::string
PlanetWcRmScheduler::GetName() const
{
    return "PLANET-WC-RM";
}

std::vector<QubitHold>
PlanetWcRmScheduler::Occupancy(const PeriodicJob& job) const
{
    return FullReservation(job);
}

void
PlanetWcRmScheduler::Arrange(const std::vector<PeriodicJob>& jobs,
                             const std::vector<std::vector<QubitHold>>& occupancy,
                             std::size_t resources,
                             PeriodicSchedule& schedule) const
{
    auto rateMonotonic = [&jobs](const JobInstance& a, const JobInstance& b) {
        return std::make_tuple(jobs[a.job].period, a.job, a.release) <
               std::make_tuple(jobs[b.job].period, b.job, b.release);
    };
    Dispatch(occupancy, resources, rateMonotonic, schedule);
}

// ---------------------------------------------------------------------------------------------

PlanetRcpspScheduler::PlanetRcpspScheduler(RcpspOptions options)
    : m_options(std::move(options))
{
}

std::string
PlanetRcpspScheduler::GetName() const
{
    return "PLANET-RCPSP";
}

RcpspOptions
PlanetRcpspScheduler::DefaultOptions()
{
    RcpspOptions options;
    options.generator = "serial";
    options.rule = "lft";
    options.schedules = 8;
    options.seed = 1;
    return options;
}

PeriodicSchedule
PlanetRcpspScheduler::Schedule(const std::vector<PeriodicJob>& jobs, std::size_t qubits) const
{
    auto best = RcpspNpEdfScheduler::Schedule(jobs, qubits);
    if (Cost(jobs, best).first > 0)
    {
        auto dispatched = PlanetWcEdfScheduler().Schedule(jobs, qubits);
        if (Cost(jobs, dispatched) < Cost(jobs, best))
        {
            best = std::move(dispatched);
        }
    }
    if (Cost(jobs, best).first == 0)
    {
        return best; // every deadline met: the engine could not do better on lateness
    }

    // Jobs that share no qubit never interact: split them into components (union-find over
    // the qubits) and give the engine only the components where a deadline is missed.
    std::vector<std::size_t> parent(jobs.size());
    for (std::size_t j = 0; j < parent.size(); ++j)
    {
        parent[j] = j;
    }
    std::function<std::size_t(std::size_t)> find = [&](std::size_t j) {
        while (parent[j] != j)
        {
            j = parent[j] = parent[parent[j]];
        }
        return j;
    };
    std::map<std::size_t, std::size_t> owner; // qubit -> a job using it
    for (std::size_t j = 0; j < jobs.size(); ++j)
    {
        for (std::size_t q : jobs[j].Qubits())
        {
            const auto [it, added] = owner.emplace(q, j);
            if (!added)
            {
                parent[find(j)] = find(it->second);
            }
        }
    }
    std::map<std::size_t, std::vector<std::size_t>> components; // root -> instance indices
    std::map<std::size_t, bool> late;
    for (std::size_t i = 0; i < best.instances.size(); ++i)
    {
        const auto& inst = best.instances[i];
        const std::size_t root = find(inst.job);
        components[root].push_back(i);
        late[root] = late[root] || inst.start + jobs[inst.job].Length() > inst.deadline;
    }
    std::vector<std::vector<QubitHold>> occupancy;
    for (const auto& job : jobs)
    {
        occupancy.push_back(Occupancy(job));
    }
    for (const auto& [root, members] : components)
    {
        if (late[root])
        {
            Improve(jobs, occupancy, Resources(qubits), members, best);
        }
    }
    return best;
}

void
PlanetRcpspScheduler::Improve(const std::vector<PeriodicJob>& jobs,
                              const std::vector<std::vector<QubitHold>>& occupancy,
                              std::size_t resources,
                              const std::vector<std::size_t>& members,
                              PeriodicSchedule& schedule) const
{
    // Lateness and latest finish of the members' instances.
    auto cost = [&](const PeriodicSchedule& s) {
        RcpspTime lateness = 0;
        RcpspTime makespan = 0;
        for (std::size_t i : members)
        {
            const auto& inst = s.instances[i];
            const RcpspTime finish = inst.start + jobs[inst.job].Length();
            lateness += std::max<RcpspTime>(0, finish - inst.deadline);
            makespan = std::max(makespan, finish);
        }
        return std::make_pair(lateness, makespan);
    };

    // One activity per instance, on the qubits its job uses (renumbered densely), reserved for
    // the job's length: a block that contains the instance's holds.
    std::map<std::size_t, std::size_t> dense;
    for (std::size_t i : members)
    {
        for (std::size_t q : jobs[schedule.instances[i].job].Qubits())
        {
            dense.emplace(q, dense.size());
        }
    }
    RcpspInstance instance;
    instance.name = "hyperperiod";
    instance.capacity.assign(dense.size(), 1);
    for (std::size_t i : members)
    {
        const auto& inst = schedule.instances[i];
        const auto& job = jobs[inst.job];
        RcpspActivity activity;
        activity.name = "demand " + std::to_string(job.demand) + " #" + std::to_string(inst.index);
        activity.duration = job.Length();
        activity.demand.assign(dense.size(), 0);
        for (std::size_t q : job.Qubits())
        {
            activity.demand[dense[q]] = 1;
        }
        activity.release = inst.release;
        activity.deadline = inst.deadline;
        instance.activities.push_back(std::move(activity));
    }
    const auto solved = SolveRcpsp(instance, "genetic", m_options);

    auto blocks = schedule;
    for (std::size_t k = 0; k < members.size(); ++k)
    {
        blocks.instances[members[k]].start = solved.schedule.start[k];
    }
    // Replay the engine's order (by start) with the per-qubit holds.
    auto order = members;
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        return blocks.instances[a].start < blocks.instances[b].start;
    });
    auto replay = blocks;
    Place(occupancy, resources, order, replay);

    auto bestCost = cost(schedule);
    auto consider = [&](const PeriodicSchedule& candidate) {
        const auto c = cost(candidate);
        if (c < bestCost)
        {
            for (std::size_t i : members)
            {
                schedule.instances[i].start = candidate.instances[i].start;
            }
            bestCost = c;
        }
    };
    consider(replay);
    consider(blocks);

    // Regret-biased random sampling (the engine's activity lists, "lft" = deadline priority)
    // decoded with the holds: the engine's search in the finer resource model.
    std::mt19937_64 rng(m_options.seed);
    const auto priority = RcpspPriorities(instance, "lft", rng);
    for (uint64_t k = 0; k < m_options.schedules && bestCost.first > 0; ++k)
    {
        const auto list = RcpspActivityList(instance, priority, &rng);
        std::vector<std::size_t> sampled;
        sampled.reserve(list.size());
        for (std::size_t a : list)
        {
            sampled.push_back(members[a]);
        }
        Place(occupancy, resources, sampled, replay);
        consider(replay);
    }
}

// ---------------------------------------------------------------------------------------------

namespace
{

using Factory = std::function<std::unique_ptr<PeriodicScheduler>(const RcpspOptions&)>;

const std::map<std::string, Factory>&
Registry()
{
    static const std::map<std::string, Factory> registry{
        {"PTS-NP-EDF", [](const RcpspOptions&) { return std::make_unique<PtsNpEdfScheduler>(); }},
        {"RCPSP-NP-EDF",
         [](const RcpspOptions&) { return std::make_unique<RcpspNpEdfScheduler>(); }},
        {"RCPSP-NP-FPR",
         [](const RcpspOptions&) { return std::make_unique<RcpspNpFprScheduler>(); }},
        {"PLANET-WC-EDF",
         [](const RcpspOptions&) { return std::make_unique<PlanetWcEdfScheduler>(); }},
        {"PLANET-WC-RM",
         [](const RcpspOptions&) { return std::make_unique<PlanetWcRmScheduler>(); }},
        {"PLANET-RCPSP",
         [](const RcpspOptions& o) { return std::make_unique<PlanetRcpspScheduler>(o); }},
    };
    return registry;
}

} // namespace

std::unique_ptr<PeriodicScheduler>
CreatePeriodicScheduler(const std::string& name, const RcpspOptions& engine)
{
    const auto& registry = Registry();
    const auto it = registry.find(name);
    if (it == registry.end())
    {
        std::string list;
        for (const auto& n : PeriodicSchedulerNames())
        {
            list += (list.empty() ? "" : "|") + n;
        }
        throw std::invalid_argument("unknown scheduler '" + name + "' (allowed: " + list + ")");
    }
    return it->second(engine);
}

std::vector<std::string>
PeriodicSchedulerNames()
{
    return {"PTS-NP-EDF",
            "RCPSP-NP-EDF",
            "RCPSP-NP-FPR",
            "PLANET-WC-EDF",
            "PLANET-WC-RM",
            "PLANET-RCPSP"};
}

} // namespace planet
