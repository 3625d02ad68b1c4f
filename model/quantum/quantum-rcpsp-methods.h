/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef QUANTUM_RCPSP_METHODS_H
#define QUANTUM_RCPSP_METHODS_H

#include "quantum-rcpsp.h"

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

/**
 * \file
 * \ingroup planet
 * RCPSP solution methods chosen by name: a single priority-rule pass, regret-based biased
 * random sampling, and a genetic algorithm over activity lists. All of them minimise first the
 * total lateness against the deadlines, then the makespan, within a budget of generated
 * schedules, and are deterministic for a given seed.
 */

namespace planet
{

/// \brief Most schedules one Solve() may generate (RcpspOptions::schedules).
constexpr uint64_t kRcpspMaxSchedules = uint64_t{1} << 32;

/**
 * \brief Settings shared by the methods.
 */
struct RcpspOptions
{
    std::string generator{"serial"}; //!< schedule generation scheme: serial | parallel
    std::string rule{"lft"};         //!< priority rule (RcpspPriorityRuleNames)
    uint64_t schedules{1000};        //!< budget: schedules generated at most, >= 1
    uint64_t seed{1};                //!< seed of the std::mt19937_64 of the run
    bool justify{true};              //!< forward-backward improvement of every schedule
    uint64_t population{0};          //!< genetic algorithm: population (0: schedules/25 in 20..100)
};

/**
 * \brief Options from text (command-line flags, Python keywords): "generator", "rule",
 * "schedules", "seed", "justify" (0/1/true/false), "population"; missing keys keep defaults.
 * \param params name -> value
 * \return the options
 * \throws std::invalid_argument naming the parameter and its allowed values
 */
RcpspOptions RcpspOptionsFromStrings(const std::map<std::string, std::string>& params);

/**
 * \brief What a method returns: the best schedule found and its figures.
 */
struct RcpspResult
{
    RcpspSchedule schedule;  //!< the best schedule (release times, precedences, capacities hold)
    RcpspTime makespan{0};   //!< its makespan
    RcpspTime lateness{0};   //!< its total lateness against the deadlines (0: all met)
    RcpspTime lowerBound{0}; //!< critical-path lower bound of the instance
    uint64_t schedules{0};   //!< schedules generated
};

/**
 * \brief A solution method for the RCPSP. Subclasses are chosen by name (CreateRcpspMethod).
 */
class RcpspMethod
{
  public:
    virtual ~RcpspMethod() = default;

    /// \return the method's name
    virtual std::string GetName() const = 0;

    /**
     * \brief Schedule an instance. Stops early when a schedule meets every deadline and the
     * critical-path bound (it is optimal).
     * \param instance the instance (checked here)
     * \param options the settings
     * \return the best schedule found
     * \throws std::invalid_argument for an invalid instance or option, naming it
     */
    RcpspResult Solve(const RcpspInstance& instance, const RcpspOptions& options) const;

  protected:
    class Search;

    /// \brief The method's own search; `search` holds the best schedule and the budget.
    virtual void DoSolve(Search& search) const = 0;
};

/// \brief "priority": one activity list by the priority rule, decoded once (plus justification).
class RcpspPriorityRuleMethod : public RcpspMethod
{
  public:
    std::string GetName() const override;

  protected:
    void DoSolve(Search& search) const override;
};

/**
 * \brief "sampling": regret-based biased random sampling (Drexl 1991; Kolisch 1996): lists
 * drawn with probabilities biased by the priority rule, each decoded (and justified), until
 * the budget is spent.
 */
class RcpspSamplingMethod : public RcpspMethod
{
  public:
    std::string GetName() const override;

  protected:
    void DoSolve(Search& search) const override;
};

/**
 * \brief "genetic": Hartmann's (1998) genetic algorithm over activity lists: initial population
 * by biased sampling, two-point order crossover, adjacent-swap mutation, elitist selection;
 * every child decoded and justified (Valls et al. 2005), and the justified schedule's start
 * order written back into the child.
 */
class RcpspGeneticMethod : public RcpspMethod
{
  public:
    std::string GetName() const override;

  protected:
    void DoSolve(Search& search) const override;
};

/**
 * \brief Make a method by name.
 * \param name one of RcpspMethodNames()
 * \throws std::invalid_argument naming the method and the allowed names
 */
std::unique_ptr<RcpspMethod> CreateRcpspMethod(const std::string& name);

/// \return the names of the methods, sorted
std::vector<std::string> RcpspMethodNames();

/**
 * \brief Convenience: CreateRcpspMethod(method)->Solve(instance, options).
 */
RcpspResult SolveRcpsp(const RcpspInstance& instance,
                       const std::string& method,
                       const RcpspOptions& options);

} // namespace planet

#endif // QUANTUM_RCPSP_METHODS_H
