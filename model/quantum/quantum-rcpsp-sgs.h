/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef QUANTUM_RCPSP_SGS_H
#define QUANTUM_RCPSP_SGS_H

#include "quantum-rcpsp.h"

#include <cstdint>
#include <memory>
#include <random>
#include <string>
#include <vector>

/**
 * \file
 * \ingroup planet
 * Building blocks of the RCPSP engine: the resource profile, priority rules, activity lists,
 * the serial and parallel schedule generation schemes (SGS) and forward-backward improvement.
 */

namespace planet
{

/**
 * \brief Free capacity of every resource over time, as a step function: breakpoints and the
 * free units from each breakpoint to the next (the last step lasts forever).
 */
class RcpspResourceProfile
{
  public:
    /// \param capacity units per resource
    explicit RcpspResourceProfile(std::vector<int> capacity);

    /// \brief Forget all bookings, then take the reservations away from the capacity.
    void Reset(const std::vector<RcpspReservation>& reservations);

    /**
     * \return the earliest t >= from such that `demand` fits during [t, t + duration)
     * \param from earliest allowed start
     * \param duration length of the interval (0 fits anywhere)
     * \param demand units per resource (each at most the capacity)
     */
    RcpspTime EarliestFit(RcpspTime from, RcpspTime duration, const int* demand) const;

    /// \return whether `demand` fits during [start, start + duration)
    bool Fits(RcpspTime start, RcpspTime duration, const int* demand) const;

    /// \brief Take `demand` away during [start, start + duration) (the caller checked Fits).
    void Book(RcpspTime start, RcpspTime duration, const int* demand);

    /// \return the first breakpoint after t, or kRcpspNoDeadline when the profile is flat after t
    RcpspTime NextChange(RcpspTime t) const;

  private:
    std::size_t Segment(RcpspTime t) const;
    /// Ensure a breakpoint at t, scanning forward from segment `from` (<= t's segment).
    std::size_t Split(RcpspTime t, std::size_t from);
    bool SegmentFits(std::size_t segment, const int* demand) const;

    std::vector<int> m_capacity;
    std::vector<RcpspTime> m_times; //!< breakpoints; m_times[0] is the smallest time
    std::vector<int> m_free;        //!< free units: resources() entries per segment
};

/**
 * \brief Priority values for every activity (higher = scheduled first) by a named rule:
 * "lft" latest finish time, "lst" latest start time, "mslk" minimum slack, "est" earliest start
 * time, "mts" most total successors, "grpw" greatest rank positional weight, "spt" shortest
 * processing time, "random" uniform random. Latest times come from the critical-path horizon
 * capped by the deadlines (horizon: the critical path or the latest deadline), so "lft" is
 * earliest-deadline-first when deadlines are given.
 * \param instance a checked instance
 * \param rule the rule's name
 * \param rng random source (used by "random" only)
 * \return one value per activity
 * \throws std::invalid_argument naming the rule and the allowed names
 */
std::vector<double> RcpspPriorities(const RcpspInstance& instance,
                                    const std::string& rule,
                                    std::mt19937_64& rng);

/// \return the names of the priority rules, sorted
std::vector<std::string> RcpspPriorityRuleNames();

/**
 * \brief A precedence-feasible activity list: repeatedly picks one eligible activity (all
 * predecessors listed). Greedy: the highest priority, ties to the smaller index. Biased
 * (regret-based biased random sampling, Drexl 1991): activity j with probability proportional
 * to (v_j - min v + 1) over the eligible set.
 * \param instance a checked instance
 * \param priority one value per activity (RcpspPriorities)
 * \param rng random source for the biased choice; nullptr picks greedily
 * \return the list
 */
std::vector<std::size_t> RcpspActivityList(const RcpspInstance& instance,
                                           const std::vector<double>& priority,
                                           std::mt19937_64* rng);

/**
 * \brief Check that a list is an activity list of the instance: every activity exactly once,
 * each after all its predecessors (what RcpspScheduleGenerator::Decode() needs).
 * \param instance a checked instance
 * \param list the list
 * \throws std::invalid_argument naming the first index out of range, repeated or too early
 */
void RcpspCheckActivityList(const RcpspInstance& instance, const std::vector<std::size_t>& list);

/**
 * \brief The activities ordered by start time in `schedule`, ties in topological order: a
 * precedence-feasible list that the serial SGS decodes into a schedule at least as good.
 * \param topologicalOrder the instance's RcpspInstance::TopologicalOrder() (callers that sort
 * often keep it)
 * \param schedule a schedule of that instance
 */
std::vector<std::size_t> RcpspListFromSchedule(const std::vector<std::size_t>& topologicalOrder,
                                               const RcpspSchedule& schedule);

/**
 * \brief A schedule generation scheme: decodes precedence-feasible activity lists into
 * schedules that respect precedences, release times, capacities and reservations (deadlines
 * are targets: misses show as lateness). Counts the schedules it generates.
 *
 * Subclasses are chosen by name (CreateRcpspScheduleGenerator). Each object keeps buffers for
 * one instance, which must outlive it; it is not thread-safe.
 */
class RcpspScheduleGenerator
{
  public:
    /// \param instance a checked instance
    explicit RcpspScheduleGenerator(const RcpspInstance& instance);
    virtual ~RcpspScheduleGenerator() = default;

    /// \return the scheme's name
    virtual std::string GetName() const = 0;

    /**
     * \brief Decode an activity list.
     * \param list every activity once, each after its predecessors
     * \return the schedule
     */
    virtual RcpspSchedule Decode(const std::vector<std::size_t>& list) = 0;

    /**
     * \brief Forward-backward improvement (double justification, Valls et al. 2005): shift
     * every activity as late as possible in order of decreasing finish time, then as early as
     * possible in order of the new start times. Generates two schedules.
     * \param schedule a schedule of the instance
     * \return the justified schedule (its makespan is at most the input's for plain RCPSP;
     * callers keep the better of the two when there are release times or reservations)
     */
    RcpspSchedule Justify(const RcpspSchedule& schedule);

    /// \return how many schedules this object has generated
    uint64_t GetGenerated() const;

    /// \return the instance's topological order (computed once)
    const std::vector<std::size_t>& GetTopologicalOrder() const;

  protected:
    /// \brief Time direction of a serial pass: predecessors, release times, reservations.
    struct Orientation
    {
        const std::vector<std::vector<std::size_t>>* predecessors; //!< per activity
        std::vector<RcpspTime> release;                            //!< per activity
        std::vector<RcpspReservation> reservations;                //!< blocked capacity
    };

    /// \brief Serial SGS: each activity of `list` at its earliest precedence- and
    /// resource-feasible start; writes `start`.
    void SerialPass(const Orientation& orientation,
                    const std::vector<std::size_t>& list,
                    std::vector<RcpspTime>& start);

    const RcpspInstance& m_instance;                      //!< the instance
    std::vector<std::vector<std::size_t>> m_predecessors; //!< forward predecessors
    std::vector<std::vector<std::size_t>> m_successors;   //!< backward predecessors
    std::vector<std::size_t> m_order;                     //!< topological order
    std::vector<int> m_demand;       //!< demand, resources() entries per activity
    Orientation m_forward;           //!< the instance's own direction
    RcpspResourceProfile m_profile;  //!< scratch profile
    std::vector<RcpspTime> m_finish; //!< scratch finish times
    uint64_t m_generated{0};         //!< schedules generated
};

/// \brief Serial SGS ("serial"): activities in list order, each at its earliest feasible start.
class RcpspSerialGenerator : public RcpspScheduleGenerator
{
  public:
    using RcpspScheduleGenerator::RcpspScheduleGenerator;
    std::string GetName() const override;
    RcpspSchedule Decode(const std::vector<std::size_t>& list) override;
};

/**
 * \brief Parallel SGS ("parallel"): advances time from event to event and starts, in list
 * order, every eligible activity that fits now (a non-delay schedule).
 */
class RcpspParallelGenerator : public RcpspScheduleGenerator
{
  public:
    using RcpspScheduleGenerator::RcpspScheduleGenerator;
    std::string GetName() const override;
    RcpspSchedule Decode(const std::vector<std::size_t>& list) override;
};

/**
 * \brief Make a schedule generation scheme by name.
 * \param name "serial" or "parallel"
 * \param instance a checked instance that outlives the generator
 * \throws std::invalid_argument naming the scheme and the allowed names
 */
std::unique_ptr<RcpspScheduleGenerator> CreateRcpspScheduleGenerator(const std::string& name,
                                                                     const RcpspInstance& instance);

/// \return the names of the schedule generation schemes, sorted
std::vector<std::string> RcpspScheduleGeneratorNames();

} // namespace planet

#endif // QUANTUM_RCPSP_SGS_H
