/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "quantum-periodic.h"

#include "quantum-qos-metrics.h"

#include "ns3/input-check.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <sstream>
#include <stdexcept>

namespace planet
{

namespace
{

/// Rounding slack when comparing task times (slots, from seconds / slot length).
constexpr double kSlack = 1e-9;

std::string
TaskLabel(const PeriodicJob& job, std::size_t t)
{
    std::ostringstream out;
    out << "task " << t << " (" << job.tasks[t].kind << ") of the job of demand " << job.demand;
    return out.str();
}

/// Holds sorted by qubit, then begin.
std::vector<QubitHold>
SortedHolds(std::vector<QubitHold> holds)
{
    std::sort(holds.begin(), holds.end(), [](const QubitHold& a, const QubitHold& b) {
        return a.qubit != b.qubit ? a.qubit < b.qubit : a.begin < b.begin;
    });
    return holds;
}

} // namespace

RcpspTime
PeriodicJob::Length() const
{
    RcpspTime length = 0;
    for (const auto& task : tasks)
    {
        length = std::max(length, static_cast<RcpspTime>(std::ceil(task.offset + task.duration)));
    }
    for (const auto& hold : holds)
    {
        length = std::max(length, hold.end);
    }
    return length;
}

std::vector<std::size_t>
PeriodicJob::Qubits() const
{
    std::vector<std::size_t> qubits;
    for (const auto& hold : holds)
    {
        qubits.push_back(hold.qubit);
    }
    std::sort(qubits.begin(), qubits.end());
    qubits.erase(std::unique(qubits.begin(), qubits.end()), qubits.end());
    return qubits;
}

std::vector<RcpspTime>
PeriodicJob::BusySlots(std::size_t qubits) const
{
    std::vector<RcpspTime> busy(qubits, 0);
    for (const auto& hold : holds)
    {
        busy.at(hold.qubit) += hold.end - hold.begin;
    }
    return busy;
}

void
PeriodicJob::Check(std::size_t qubits) const
{
    std::ostringstream prefix;
    prefix << "job of demand " << demand << ": ";
    if (period < 1)
    {
        throw std::invalid_argument(prefix.str() + "period " + std::to_string(period) +
                                    " must be at least one slot");
    }
    for (const auto& hold : holds)
    {
        if (hold.qubit >= qubits || hold.begin < 0 || hold.end <= hold.begin)
        {
            throw std::invalid_argument(prefix.str() + "hold of qubit " +
                                        std::to_string(hold.qubit) + " [" +
                                        std::to_string(hold.begin) + ", " +
                                        std::to_string(hold.end) + ") is empty or out of range");
        }
    }
    const auto sorted = SortedHolds(holds);
    for (std::size_t i = 1; i < sorted.size(); ++i)
    {
        if (sorted[i].qubit == sorted[i - 1].qubit && sorted[i].begin < sorted[i - 1].end)
        {
            throw std::invalid_argument(prefix.str() + "qubit " + std::to_string(sorted[i].qubit) +
                                        " held twice at slot " + std::to_string(sorted[i].begin));
        }
    }
    for (std::size_t t = 0; t < tasks.size(); ++t)
    {
        const auto& task = tasks[t];
        if (task.offset < 0 || task.duration < 0)
        {
            throw std::invalid_argument(TaskLabel(*this, t) + ": negative offset or duration");
        }
        for (std::size_t p : task.predecessors)
        {
            if (p >= tasks.size() || tasks[p].offset + tasks[p].duration > task.offset + kSlack)
            {
                throw std::invalid_argument(TaskLabel(*this, t) + ": predecessor " +
                                            std::to_string(p) +
                                            " is out of range or has not finished at its start");
            }
        }
        for (std::size_t q : task.qubits)
        {
            const bool held = task.duration == 0 ||
                              std::any_of(sorted.begin(), sorted.end(), [&](const QubitHold& h) {
                                  return h.qubit == q && h.begin <= task.offset + kSlack &&
                                         task.offset + task.duration <= h.end + kSlack;
                              });
            if (q >= qubits || !held)
            {
                throw std::invalid_argument(TaskLabel(*this, t) + ": qubit " + std::to_string(q) +
                                            " is out of range or not held while the task runs");
            }
        }
    }
}

RcpspTime
PowerOfTwoPeriod(double rate, double slot)
{
    if (!(rate > 0) || !(slot > 0) || !std::isfinite(rate) || !std::isfinite(slot))
    {
        throw std::invalid_argument("rate and slot must be positive (rate " + std::to_string(rate) +
                                    " /s, slot " + std::to_string(slot) + " s)");
    }
    const double slots = 1.0 / (rate * slot);
    if (slots < 1.0)
    {
        throw std::invalid_argument("rate " + std::to_string(rate) +
                                    " /s needs a period shorter than one slot of " +
                                    std::to_string(slot) + " s");
    }
    if (slots >= 0x1p62)
    {
        throw std::invalid_argument("rate " + std::to_string(rate) +
                                    " /s gives a period of more than 2^62 slots");
    }
    // frexp: slots = m 2^e with m in [0.5, 1), so floor(log2(slots)) = e - 1 exactly.
    int exponent = 0;
    std::frexp(slots, &exponent);
    return RcpspTime{1} << (exponent - 1);
}

RcpspTime
Hyperperiod(const std::vector<PeriodicJob>& jobs)
{
    RcpspTime h = 1;
    for (std::size_t j = 0; j < jobs.size(); ++j)
    {
        const RcpspTime p = jobs[j].period;
        if (p < 1)
        {
            throw std::invalid_argument("job " + std::to_string(j) + ": period " +
                                        std::to_string(p) + " must be at least 1 slot");
        }
        const RcpspTime step = h / std::gcd(h, p);
        if (step > kRcpspMaxHorizon / p)
        {
            throw std::invalid_argument("the hyperperiod of the jobs' periods exceeds " +
                                        std::to_string(kRcpspMaxHorizon) + " slots");
        }
        h = step * p;
    }
    return h;
}

PeriodicSchedule
PeriodicSchedule::Instances(const std::vector<PeriodicJob>& jobs)
{
    PeriodicSchedule schedule;
    schedule.hyperperiod = Hyperperiod(jobs);
    uint64_t count = 0;
    for (const auto& job : jobs)
    {
        count = SaturatingAdd(count, static_cast<uint64_t>(schedule.hyperperiod / job.period));
    }
    CheckMemoryBudget(std::to_string(count) + " job instances over a hyperperiod of " +
                          std::to_string(schedule.hyperperiod) + " slots",
                      SaturatingMul(count, sizeof(JobInstance) * 4));
    for (std::size_t j = 0; j < jobs.size(); ++j)
    {
        const RcpspTime count = schedule.hyperperiod / jobs[j].period;
        for (RcpspTime k = 0; k < count; ++k)
        {
            JobInstance instance;
            instance.job = j;
            instance.index = static_cast<std::size_t>(k);
            instance.release = k * jobs[j].period;
            instance.deadline = (k + 1) * jobs[j].period;
            instance.start = instance.release;
            schedule.instances.push_back(instance);
        }
    }
    return schedule;
}

std::vector<std::string>
ValidatePeriodicSchedule(const std::vector<PeriodicJob>& jobs,
                         std::size_t qubits,
                         const PeriodicSchedule& schedule,
                         bool checkDeadlines)
{
    std::vector<std::string> problems;
    for (const auto& job : jobs)
    {
        try
        {
            job.Check(qubits);
        }
        catch (const std::invalid_argument& e)
        {
            problems.push_back(e.what());
        }
    }
    if (!problems.empty())
    {
        return problems;
    }
    const auto expected = PeriodicSchedule::Instances(jobs);
    if (schedule.hyperperiod != expected.hyperperiod)
    {
        problems.push_back("hyperperiod " + std::to_string(schedule.hyperperiod) +
                           " is not the least common multiple of the periods, " +
                           std::to_string(expected.hyperperiod));
        return problems;
    }
    if (schedule.instances.size() != expected.instances.size())
    {
        problems.push_back("schedule has " + std::to_string(schedule.instances.size()) +
                           " instances, the jobs have " +
                           std::to_string(expected.instances.size()) + " per hyperperiod");
        return problems;
    }

    struct Busy
    {
        RcpspTime begin;
        RcpspTime end;
        std::size_t instance;
    };

    std::vector<std::vector<Busy>> busy(qubits);
    for (std::size_t i = 0; i < schedule.instances.size(); ++i)
    {
        const auto& got = schedule.instances[i];
        const auto& want = expected.instances[i];
        std::ostringstream label;
        label << "instance " << want.index << " of job " << want.job;
        if (got.job != want.job || got.index != want.index || got.release != want.release ||
            got.deadline != want.deadline)
        {
            problems.push_back(label.str() + ": wrong job, number, release or deadline");
            continue;
        }
        const auto& job = jobs[got.job];
        const RcpspTime finish = got.start + job.Length();
        if (got.start < got.release)
        {
            problems.push_back(label.str() + " starts at " + std::to_string(got.start) +
                               " before its release " + std::to_string(got.release));
        }
        if (finish > schedule.hyperperiod)
        {
            problems.push_back(label.str() + " finishes at " + std::to_string(finish) +
                               " after the hyperperiod " + std::to_string(schedule.hyperperiod));
        }
        if (checkDeadlines && finish > got.deadline)
        {
            problems.push_back(label.str() + " misses its deadline " +
                               std::to_string(got.deadline) + " (finishes at " +
                               std::to_string(finish) + ")");
        }
        for (const auto& hold : job.holds)
        {
            busy[hold.qubit].push_back({got.start + hold.begin, got.start + hold.end, i});
        }
    }
    for (std::size_t q = 0; q < qubits; ++q)
    {
        auto& list = busy[q];
        std::sort(list.begin(), list.end(), [](const Busy& a, const Busy& b) {
            return a.begin < b.begin;
        });
        for (std::size_t k = 1; k < list.size(); ++k)
        {
            if (list[k].begin < list[k - 1].end)
            {
                const auto& a = schedule.instances[list[k - 1].instance];
                const auto& b = schedule.instances[list[k].instance];
                std::ostringstream out;
                out << "qubit " << q << " used by instance " << a.index << " of job " << a.job
                    << " and instance " << b.index << " of job " << b.job << " at slot "
                    << list[k].begin;
                problems.push_back(out.str());
            }
        }
    }
    return problems;
}

std::vector<PeriodicJobStats>
PeriodicScheduleStats(const std::vector<PeriodicJob>& jobs, const PeriodicSchedule& schedule)
{
    std::vector<PeriodicJobStats> stats(jobs.size());
    std::vector<std::vector<double>> starts(jobs.size());
    for (const auto& instance : schedule.instances)
    {
        const auto& job = jobs.at(instance.job);
        auto& s = stats[instance.job];
        const RcpspTime finish = instance.start + job.Length();
        s.deadlinesMet = s.deadlinesMet && finish <= instance.deadline;
        s.worstResponse = std::max(s.worstResponse, finish - instance.release);
        starts[instance.job].push_back(static_cast<double>(instance.start));
    }
    for (std::size_t j = 0; j < jobs.size(); ++j)
    {
        const auto period = static_cast<double>(jobs[j].period);
        stats[j].jitter = StudyStartJitter(starts[j], period);
        stats[j].cyclicJitter =
            CyclicStartJitter(starts[j], period, static_cast<double>(schedule.hyperperiod));
    }
    return stats;
}

} // namespace planet
