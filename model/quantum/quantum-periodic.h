/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef QUANTUM_PERIODIC_H
#define QUANTUM_PERIODIC_H

#include "quantum-rcpsp.h"

#include <cstddef>
#include <string>
#include <vector>

/**
 * \file
 * \ingroup planet
 * Periodic jobs on qubits and their schedules over one hyperperiod: the common ground of the
 * periodic schedulers (quantum-periodic-scheduler.h). Pure C++ (no ns-3).
 *
 * Time is counted in slots (RcpspTime). A demand asks for a rate R (pairs per second); with a
 * slot of Δ seconds its period is the largest power-of-two number of slots whose length does
 * not exceed 1/R:
 *
 *     P = 2^k slots,  k = floor(log2(1 / (R Δ))),  so  1/(2R) < P Δ <= 1/R,
 *
 * and the rate delivered by one pair per period, 1/(P Δ), is at least R and less than 2R.
 * Power-of-two periods are harmonic (each divides every larger one), so the hyperperiod (the
 * least common multiple) is the largest period, and a schedule of one hyperperiod repeats
 * without change. Job instance k of a job with period P is released at k P and must finish by
 * its deadline (k + 1) P (implicit deadlines), k = 0 .. H/P - 1.
 */

namespace planet
{

/**
 * \brief One task of a periodic job: its place in the job's own plan (offset from the job's
 * start), in slots. Task times need not fall on slot boundaries (a plan in seconds divided by
 * the slot length); the job's holds, in whole slots, cover them.
 */
struct PeriodicTask
{
    std::string kind;                      //!< "link", "swap", "distill", ... (for output)
    std::vector<std::size_t> qubits;       //!< qubits (network-wide indices) the task acts on
    double offset{0};                      //!< start, relative to the job's start, in slots
    double duration{0};                    //!< length in slots, >= 0
    std::vector<std::size_t> predecessors; //!< tasks of the same job that finish before it starts
};

/**
 * \brief A qubit kept busy by a job during [begin, end) relative to the job's start: a task
 * acting on it, or a pair stored in it between tasks. No other job may use it meanwhile.
 */
struct QubitHold
{
    std::size_t qubit{0}; //!< network-wide qubit index
    RcpspTime begin{0};   //!< first busy slot, relative to the job's start
    RcpspTime end{0};     //!< first free slot after the hold, > begin
};

/**
 * \brief A periodic job: the task plan of one demand, repeated once per period. A scheduler
 * chooses the start of every instance; the tasks keep their offsets, so each instance has the
 * internal timing (and the storage times, hence the fidelity) of the plan.
 */
struct PeriodicJob
{
    std::size_t demand{0};           //!< index of the demand this job serves (for output)
    RcpspTime period{1};             //!< period in slots (demands get powers of two)
    std::vector<PeriodicTask> tasks; //!< the plan's tasks
    std::vector<QubitHold> holds;    //!< every interval a qubit is busy (tasks and storage)

    /// \return the job's length in whole slots: the latest end of a hold, or of a task rounded
    /// up (its makespan)
    RcpspTime Length() const;

    /// \return the qubits the job holds at some time, sorted, without repeats
    std::vector<std::size_t> Qubits() const;

    /// \return for each of `qubits` qubits the number of slots the job holds it
    std::vector<RcpspTime> BusySlots(std::size_t qubits) const;

    /**
     * \brief Check the job: period at least one slot, offsets and durations >= 0, holds non-empty
     * and in range, no qubit held twice at once, predecessors in range and finished before
     * their successors start, every task's qubits held while it runs.
     * \param qubits number of qubits in the network
     * \throws std::invalid_argument naming the task or hold and the problem
     */
    void Check(std::size_t qubits) const;
};

/**
 * \brief The period of a demanded rate, in slots (see the file comment).
 * \param rate demanded pairs per second, > 0
 * \param slot slot length in seconds, > 0
 * \return 2^floor(log2(1/(rate slot)))
 * \throws std::invalid_argument when the rate or slot is not positive, or the rate needs a
 * period shorter than one slot
 */
RcpspTime PowerOfTwoPeriod(double rate, double slot);

/**
 * \brief The hyperperiod of a set of jobs: the least common multiple of their periods (the
 * largest period for power-of-two periods); 1 for an empty set.
 * \throws std::invalid_argument for a period under one slot or a hyperperiod over 2^62 slots
 */
RcpspTime Hyperperiod(const std::vector<PeriodicJob>& jobs);

/// \brief One scheduled instance of a job.
struct JobInstance
{
    std::size_t job{0};    //!< index of the job
    std::size_t index{0};  //!< instance number k within the hyperperiod
    RcpspTime release{0};  //!< k P
    RcpspTime deadline{0}; //!< (k + 1) P
    RcpspTime start{0};    //!< the job's start (tasks start at start + offset)
};

/**
 * \brief A schedule of one hyperperiod: the start of every instance of every job, ordered by
 * job and instance number.
 */
struct PeriodicSchedule
{
    RcpspTime hyperperiod{1};           //!< length of the schedule, repeats after it
    std::vector<JobInstance> instances; //!< all instances of all jobs

    /**
     * \brief The instances of every job, unscheduled (start = release).
     * \param jobs the jobs
     * \return hyperperiod and instances in job/instance order
     */
    static PeriodicSchedule Instances(const std::vector<PeriodicJob>& jobs);
};

/**
 * \brief Check a schedule: every instance of every job exactly once with the right release and
 * deadline, starts at or after the release, every instance finishes within the hyperperiod (so
 * that the schedule repeats), no qubit held by two instances at once (checked with the
 * instances' holds, which include every task's qubits), precedences inside every instance, and
 * (when asked) every deadline met.
 * \param jobs the jobs (each checked with PeriodicJob::Check)
 * \param qubits number of qubits in the network
 * \param schedule the schedule
 * \param checkDeadlines whether a deadline miss is a violation
 * \return one line per violation; empty when the schedule is valid
 */
std::vector<std::string> ValidatePeriodicSchedule(const std::vector<PeriodicJob>& jobs,
                                                  std::size_t qubits,
                                                  const PeriodicSchedule& schedule,
                                                  bool checkDeadlines = true);

/// \brief Quality-of-service figures of one job in a schedule, in slots.
struct PeriodicJobStats
{
    bool deadlinesMet{true};    //!< every instance finishes by its deadline
    RcpspTime worstResponse{0}; //!< largest finish - release over the instances
    /// Jitter as the study defines it (StudyStartJitter): the variance of the differences
    /// s_{k+1} - s_k - P between consecutive starts of one hyperperiod, not cyclic. Slots^2.
    double jitter{0};
    /// planet's cyclic measure (CyclicStartJitter): the mean square of s_{k+1} - s_k - P with
    /// the last start followed by the first one of the next hyperperiod. Slots^2.
    double cyclicJitter{0};
};

/**
 * \brief QoS figures of every job.
 * \param jobs the jobs
 * \param schedule a schedule of them
 * \return one entry per job
 */
std::vector<PeriodicJobStats> PeriodicScheduleStats(const std::vector<PeriodicJob>& jobs,
                                                    const PeriodicSchedule& schedule);

} // namespace planet

#endif // QUANTUM_PERIODIC_H
