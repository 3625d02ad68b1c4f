/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef QUANTUM_RCPSP_H
#define QUANTUM_RCPSP_H

#include <cstddef>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

/**
 * \file
 * \ingroup planet
 * The resource-constrained project scheduling problem (RCPSP): instance, schedule, validator
 * and lower bounds. Pure C++ (no ns-3): the RCPSP engine (quantum-rcpsp-sgs.h,
 * quantum-rcpsp-methods.h), the PSPLIB loader and the periodic quantum schedulers share it.
 */

namespace planet
{

/// \brief Integer time of the RCPSP engine (PSPLIB periods, or slots of a quantum schedule).
using RcpspTime = int64_t;

/// \brief "No deadline": the latest representable finish time.
constexpr RcpspTime kRcpspNoDeadline = std::numeric_limits<RcpspTime>::max();

/**
 * \brief The latest time an instance may reach: every release time, reservation end and the
 * sum of all durations after the latest of them stay below 2^52, so that no start, finish,
 * lateness sum or priority (a double) of any schedule can overflow or lose precision.
 */
constexpr RcpspTime kRcpspMaxHorizon = RcpspTime{1} << 52;

/// \brief Most activities an instance may have.
constexpr std::size_t kRcpspMaxActivities = std::size_t{1} << 20;

/**
 * \brief One non-preemptive activity: it runs for `duration` time units from its start and
 * holds `demand[k]` units of every renewable resource k meanwhile.
 */
struct RcpspActivity
{
    std::string name;                     //!< label (PSPLIB job number, task id); for output only
    RcpspTime duration{0};                //!< processing time, >= 0 (0: a milestone)
    std::vector<int> demand;              //!< units per resource, one entry per resource
    std::vector<std::size_t> successors;  //!< activities that may start only after this finishes
    RcpspTime release{0};                 //!< earliest start (hard), >= 0
    RcpspTime deadline{kRcpspNoDeadline}; //!< latest finish (reported as lateness if missed)
};

/**
 * \brief Capacity taken away from a resource during [start, end): time already promised to
 * something outside the instance (a task fixed earlier, another period of the hyperperiod).
 */
struct RcpspReservation
{
    std::size_t resource{0}; //!< resource index
    int amount{0};           //!< units reserved, 1..capacity
    RcpspTime start{0};      //!< first reserved time
    RcpspTime end{0};        //!< first time after the reservation, > start
};

/**
 * \brief An RCPSP instance: activities, renewable resources with constant capacities, finish-
 * to-start precedences (successor lists), optional release times, deadlines and reservations.
 *
 * Time starts at 0. A quantum scheduler maps tasks to activities and qubits to resources of
 * capacity 1; jobs repeated over a hyperperiod are separate activities with their own release
 * times and deadlines.
 */
struct RcpspInstance
{
    std::string name;                           //!< label (file name)
    std::vector<int> capacity;                  //!< units per renewable resource, >= 0
    std::vector<RcpspActivity> activities;      //!< the activities
    std::vector<RcpspReservation> reservations; //!< capacity not available to the activities

    /**
     * \brief Check the instance: demand vectors of the right size, demands and reservations
     * within capacity (also together: every activity fits beside the reservations eventually,
     * since reservations are finite), indices in range, no precedence cycle, durations and
     * release times >= 0, deadlines >= 0, at most kRcpspMaxActivities activities, and the
     * latest release or reservation end plus all durations within kRcpspMaxHorizon.
     * \throws std::invalid_argument naming the activity or reservation and the problem
     */
    void Check() const;

    /// \return predecessor lists (the reverse of the successor lists), sorted
    /// \throws std::invalid_argument for a successor index out of range
    std::vector<std::vector<std::size_t>> Predecessors() const;

    /// \return the activities in a precedence-feasible order (Kahn's algorithm, smallest first)
    /// \throws std::invalid_argument when the precedences have a cycle or a successor index
    /// is out of range
    std::vector<std::size_t> TopologicalOrder() const;

  private:
    /// \brief Throws std::invalid_argument for the first successor index out of range.
    void CheckSuccessors() const;
};

/**
 * \brief A schedule: the start time of every activity (same order as the instance).
 */
struct RcpspSchedule
{
    std::vector<RcpspTime> start; //!< start time per activity

    /// \return the finish time of activity j: start[j] + duration
    /// \throws std::invalid_argument when j is not an activity of both
    RcpspTime Finish(const RcpspInstance& instance, std::size_t j) const;
    /// \return the largest finish time (0 for an empty instance)
    /// \throws std::invalid_argument when the schedule is not one of the instance (sizes)
    RcpspTime Makespan(const RcpspInstance& instance) const;
    /// \return the total lateness: sum over activities of max(0, finish - deadline)
    /// \throws std::invalid_argument when the schedule is not one of the instance (sizes)
    RcpspTime Lateness(const RcpspInstance& instance) const;
};

/**
 * \brief Check a schedule against its instance: one start per activity, starts at or after
 * the release times, precedences (a successor starts at or after its predecessor's finish),
 * resource capacities at every time (reservations included) and deadlines.
 * \param instance the instance
 * \param schedule the schedule to check
 * \param checkDeadlines also report deadline misses (false: deadlines are soft targets)
 * \return one line per violation; empty when the schedule is feasible
 */
std::vector<std::string> ValidateRcpspSchedule(const RcpspInstance& instance,
                                               const RcpspSchedule& schedule,
                                               bool checkDeadlines = true);

/**
 * \brief Earliest start times with precedences and release times only (no resources): the
 * critical-path-method forward pass.
 * \param instance a checked instance
 * \return earliest start per activity
 */
std::vector<RcpspTime> RcpspEarliestStarts(const RcpspInstance& instance);

/**
 * \brief Latest finish times with precedences only: the backward pass from `horizon`, capped
 * by every activity's deadline.
 * \param instance a checked instance
 * \param horizon the latest finish of the project (use the critical-path bound)
 * \return latest finish per activity (may be below its earliest finish if deadlines conflict)
 */
std::vector<RcpspTime> RcpspLatestFinishes(const RcpspInstance& instance, RcpspTime horizon);

/**
 * \brief The critical-path lower bound on the makespan: the largest earliest finish time when
 * resources are ignored. No feasible schedule is shorter.
 * \param instance a checked instance
 * \return the bound
 */
RcpspTime RcpspCriticalPathBound(const RcpspInstance& instance);

/**
 * \brief Report a name that is not among the choices of a registry (methods, rules, schemes).
 * \param what what is being chosen ("RCPSP method")
 * \param name the name given
 * \param allowed the allowed names
 * \throws std::invalid_argument always, naming `what`, `name` and the allowed names
 */
[[noreturn]] void ThrowRcpspUnknownName(const std::string& what,
                                        const std::string& name,
                                        const std::vector<std::string>& allowed);

} // namespace planet

#endif // QUANTUM_RCPSP_H
