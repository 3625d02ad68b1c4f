/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "quantum-rcpsp-methods.h"

#include "quantum-rcpsp-sgs.h"

#include "ns3/input-check.h"

#include <algorithm>
#include <functional>
#include <map>
#include <numeric>
#include <random>
#include <stdexcept>
#include <utility>

namespace planet
{

/**
 * The state of one Solve(): instance, options, random source, schedule generator, budget and
 * the best schedule so far.
 */
class RcpspMethod::Search
{
  public:
    Search(const RcpspInstance& instance, const RcpspOptions& options)
        : m_instance(instance),
          m_options(options),
          m_rng(options.seed),
          m_generator(CreateRcpspScheduleGenerator(options.generator, instance)),
          m_priority(RcpspPriorities(instance, options.rule, m_rng))
    {
        m_best.lowerBound = RcpspCriticalPathBound(instance);
    }

    const RcpspInstance& Instance() const
    {
        return m_instance;
    }

    const RcpspOptions& Options() const
    {
        return m_options;
    }

    std::mt19937_64& Rng()
    {
        return m_rng;
    }

    /// The instance's topological order.
    const std::vector<std::size_t>& TopologicalOrder() const
    {
        return m_generator->GetTopologicalOrder();
    }

    /// Priority values of the options' rule.
    const std::vector<double>& Priority() const
    {
        return m_priority;
    }

    /// Whether the budget is spent or the best schedule is provably optimal.
    bool Done() const
    {
        return m_generator->GetGenerated() >= m_options.schedules ||
               (m_found && m_best.lateness == 0 && m_best.makespan <= m_best.lowerBound);
    }

    /// (lateness, makespan): the order in which schedules compare.
    using Key = std::pair<RcpspTime, RcpspTime>;

    Key KeyOf(const RcpspSchedule& schedule) const
    {
        return {schedule.Lateness(m_instance), schedule.Makespan(m_instance)};
    }

    /**
     * Decode a list, justify the schedule when enabled and the budget allows, remember the best.
     * \return the better of the decoded and the justified schedule, with its key
     */
    std::pair<RcpspSchedule, Key> Evaluate(const std::vector<std::size_t>& list)
    {
        RcpspSchedule schedule = m_generator->Decode(list);
        Key key = KeyOf(schedule);
        if (m_options.justify && m_generator->GetGenerated() + 2 <= m_options.schedules)
        {
            RcpspSchedule justified = m_generator->Justify(schedule);
            Key justifiedKey = KeyOf(justified);
            if (justifiedKey <= key)
            {
                schedule = std::move(justified);
                key = justifiedKey;
            }
        }
        if (!m_found || key < Key{m_best.lateness, m_best.makespan})
        {
            m_found = true;
            m_best.schedule = schedule;
            m_best.lateness = key.first;
            m_best.makespan = key.second;
        }
        return {std::move(schedule), key};
    }

    RcpspResult Result() const
    {
        RcpspResult result = m_best;
        result.schedules = m_generator->GetGenerated();
        return result;
    }

  private:
    const RcpspInstance& m_instance;
    const RcpspOptions& m_options;
    std::mt19937_64 m_rng;
    std::unique_ptr<RcpspScheduleGenerator> m_generator;
    std::vector<double> m_priority;
    RcpspResult m_best;
    bool m_found{false};
};

RcpspResult
RcpspMethod::Solve(const RcpspInstance& instance, const RcpspOptions& options) const
{
    instance.Check();
    if (options.schedules < 1)
    {
        throw std::invalid_argument("RCPSP option schedules must be >= 1");
    }
    CheckCount("schedules", options.schedules, 1, kRcpspMaxSchedules, "kRcpspMaxSchedules");
    // The genetic method keeps two generations of activity lists.
    CheckMemoryBudget("an RCPSP population of " + std::to_string(options.population),
                      SaturatingMul(SaturatingMul(options.population, 2),
                                    SaturatingMul(instance.activities.size() + 4, 16)));
    Search search(instance, options);
    DoSolve(search);
    return search.Result();
}

std::string
RcpspPriorityRuleMethod::GetName() const
{
    return "priority";
}

void
RcpspPriorityRuleMethod::DoSolve(Search& search) const
{
    search.Evaluate(RcpspActivityList(search.Instance(), search.Priority(), nullptr));
}

std::string
RcpspSamplingMethod::GetName() const
{
    return "sampling";
}

void
RcpspSamplingMethod::DoSolve(Search& search) const
{
    // The first pass is the deterministic one: sampling never does worse than "priority".
    search.Evaluate(RcpspActivityList(search.Instance(), search.Priority(), nullptr));
    while (!search.Done())
    {
        search.Evaluate(RcpspActivityList(search.Instance(), search.Priority(), &search.Rng()));
    }
}

std::string
RcpspGeneticMethod::GetName() const
{
    return "genetic";
}

namespace
{

/// One member of the genetic algorithm's population.
struct Individual
{
    std::vector<std::size_t> list;
    std::pair<RcpspTime, RcpspTime> key;
};

/**
 * Hartmann's two-point crossover: positions [0, q1) from the mother, [q1, q2) the father's
 * next activities in his order, the rest in the mother's order. Keeps precedence feasibility.
 */
std::vector<std::size_t>
Crossover(const std::vector<std::size_t>& mother,
          const std::vector<std::size_t>& father,
          std::mt19937_64& rng)
{
    const std::size_t n = mother.size();
    std::uniform_int_distribution<std::size_t> cut(0, n);
    std::size_t q1 = cut(rng);
    std::size_t q2 = cut(rng);
    if (q1 > q2)
    {
        std::swap(q1, q2);
    }
    std::vector<bool> taken(n, false);
    std::vector<std::size_t> child;
    child.reserve(n);
    auto takeFrom = [&](const std::vector<std::size_t>& parent, std::size_t until) {
        for (std::size_t j : parent)
        {
            if (child.size() >= until)
            {
                break;
            }
            if (!taken[j])
            {
                taken[j] = true;
                child.push_back(j);
            }
        }
    };
    takeFrom(mother, q1);
    takeFrom(father, q2);
    takeFrom(mother, n);
    return child;
}

/// Swap neighbours with probability `rate` unless the first precedes the second.
void
Mutate(const RcpspInstance& instance,
       std::vector<std::size_t>& list,
       double rate,
       std::mt19937_64& rng)
{
    std::bernoulli_distribution flip(rate);
    for (std::size_t i = 0; i + 1 < list.size(); ++i)
    {
        if (flip(rng))
        {
            const auto& successors = instance.activities[list[i]].successors;
            if (std::find(successors.begin(), successors.end(), list[i + 1]) == successors.end())
            {
                std::swap(list[i], list[i + 1]);
            }
        }
    }
}

} // namespace

void
RcpspGeneticMethod::DoSolve(Search& search) const
{
    constexpr double kMutationRate = 0.05;
    const RcpspInstance& instance = search.Instance();
    const uint64_t budget = search.Options().schedules;
    const std::size_t size =
        search.Options().population > 0
            ? search.Options().population
            : static_cast<std::size_t>(std::clamp<uint64_t>(budget / 25, 20, 100));
    std::mt19937_64& rng = search.Rng();

    auto make = [&](const std::vector<std::size_t>& list) {
        auto [schedule, key] = search.Evaluate(list);
        return Individual{RcpspListFromSchedule(search.TopologicalOrder(), schedule), key};
    };
    std::vector<Individual> population;
    population.push_back(make(RcpspActivityList(instance, search.Priority(), nullptr)));
    while (population.size() < size && !search.Done())
    {
        population.push_back(make(RcpspActivityList(instance, search.Priority(), &rng)));
    }
    auto byKey = [](const Individual& a, const Individual& b) { return a.key < b.key; };
    std::vector<std::size_t> order(population.size());
    while (!search.Done() && population.size() >= 2)
    {
        std::iota(order.begin(), order.end(), 0);
        std::shuffle(order.begin(), order.end(), rng);
        const std::size_t parents = population.size();
        population.reserve(2 * parents); // children are appended while parents are read
        for (std::size_t i = 0; i + 1 < parents && !search.Done(); i += 2)
        {
            const auto& mother = population[order[i]].list;
            const auto& father = population[order[i + 1]].list;
            for (int child = 0; child < 2 && !search.Done(); ++child)
            {
                auto list =
                    child == 0 ? Crossover(mother, father, rng) : Crossover(father, mother, rng);
                Mutate(instance, list, kMutationRate, rng);
                population.push_back(make(list));
            }
        }
        std::stable_sort(population.begin(), population.end(), byKey);
        population.resize(parents);
    }
}

namespace
{

using MethodFactory = std::function<std::unique_ptr<RcpspMethod>()>;

const std::map<std::string, MethodFactory>&
Methods()
{
    static const std::map<std::string, MethodFactory> methods{
        {"priority", [] { return std::make_unique<RcpspPriorityRuleMethod>(); }},
        {"sampling", [] { return std::make_unique<RcpspSamplingMethod>(); }},
        {"genetic", [] { return std::make_unique<RcpspGeneticMethod>(); }},
    };
    return methods;
}

} // namespace

std::vector<std::string>
RcpspMethodNames()
{
    std::vector<std::string> names;
    for (const auto& [name, factory] : Methods())
    {
        names.push_back(name);
    }
    return names;
}

std::unique_ptr<RcpspMethod>
CreateRcpspMethod(const std::string& name)
{
    auto it = Methods().find(name);
    if (it == Methods().end())
    {
        ThrowRcpspUnknownName("RCPSP method", name, RcpspMethodNames());
    }
    return it->second();
}

namespace
{

uint64_t
ParseCount(const std::string& name, const std::string& value, uint64_t least)
{
    std::size_t used = 0;
    unsigned long long count = 0;
    try
    {
        count = value.find('-') == std::string::npos ? std::stoull(value, &used) : 0;
    }
    catch (const std::exception&)
    {
        used = 0;
    }
    if (used == 0 || used != value.size() || count < least)
    {
        throw std::invalid_argument("RCPSP parameter " + name + "=" + value +
                                    ": expected an integer >= " + std::to_string(least));
    }
    return count;
}

void
CheckName(const std::string& name,
          const std::string& value,
          const std::vector<std::string>& allowed)
{
    if (std::find(allowed.begin(), allowed.end(), value) == allowed.end())
    {
        ThrowRcpspUnknownName(name, value, allowed);
    }
}

} // namespace

RcpspOptions
RcpspOptionsFromStrings(const std::map<std::string, std::string>& params)
{
    RcpspOptions options;
    for (const auto& [name, value] : params)
    {
        if (name == "generator")
        {
            CheckName("RCPSP generator", value, RcpspScheduleGeneratorNames());
            options.generator = value;
        }
        else if (name == "rule")
        {
            CheckName("RCPSP rule", value, RcpspPriorityRuleNames());
            options.rule = value;
        }
        else if (name == "schedules")
        {
            options.schedules = ParseCount(name, value, 1);
        }
        else if (name == "seed")
        {
            options.seed = ParseCount(name, value, 0);
        }
        else if (name == "population")
        {
            options.population = ParseCount(name, value, 0);
        }
        else if (name == "justify")
        {
            CheckName("RCPSP justify", value, {"0", "1", "false", "true"});
            options.justify = value == "1" || value == "true";
        }
        else
        {
            ThrowRcpspUnknownName(
                "RCPSP parameter",
                name,
                {"generator", "justify", "population", "rule", "schedules", "seed"});
        }
    }
    return options;
}

RcpspResult
SolveRcpsp(const RcpspInstance& instance, const std::string& method, const RcpspOptions& options)
{
    return CreateRcpspMethod(method)->Solve(instance, options);
}

} // namespace planet
