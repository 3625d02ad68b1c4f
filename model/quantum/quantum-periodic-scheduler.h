/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef QUANTUM_PERIODIC_SCHEDULER_H
#define QUANTUM_PERIODIC_SCHEDULER_H

#include "quantum-periodic.h"
#include "quantum-rcpsp-methods.h"

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

/**
 * \file
 * \ingroup planet
 * Periodic schedulers of jobs on qubits, chosen by name, and admission control. Pure C++.
 *
 * Every scheduler keeps the internal timing of each job (its tasks' offsets, hence its storage
 * times and fidelity) and chooses the start of every job instance in one hyperperiod. They
 * differ in how a job occupies the network (the whole network, its qubits while it uses them,
 * or every qubit it uses for its whole length) and in how instances are placed.
 *
 * The study's schedulers (Skrzypczyk & Wehner; the names mean what they mean there):
 *
 * - "PTS-NP-EDF": the whole network is one resource that a job holds for its whole length (a
 *   periodic task whose execution time is the task graph's makespan), dispatched
 *   non-preemptively, work-conserving, earliest deadline first.
 * - "RCPSP-NP-EDF": one resource per qubit; an instance holds a qubit only while a task acts on
 *   it or a pair waits in it (PeriodicJob::holds). Serial placement in earliest-deadline-first
 *   order with lazy release: the ready queue starts with the instances released first; an
 *   instance taken from it (earliest deadline, ties to the lower job index) is placed at the
 *   earliest start, at or after its release, where its holds fit among those already placed
 *   (backfilling into gaps, also before instances placed earlier); the next instance of a job
 *   enters the queue once a placed instance holds one of that job's qubits up to the next
 *   release or later, and, when the queue runs empty, the instances with the earliest pending
 *   release enter it.
 * - "RCPSP-NP-FPR": full protocol reservation: as RCPSP-NP-EDF, but an instance reserves every
 *   qubit its job uses for the job's whole length.
 *
 * planet's own variants:
 *
 * - "PLANET-WC-EDF": per-qubit holds, dispatched non-preemptively and work-conserving: time
 *   moves from event to event (a release, or the earliest time a waiting instance fits), and
 *   at each the released instances that fit start, earliest deadline first.
 * - "PLANET-WC-RM": full protocol reservation, dispatched like PLANET-WC-EDF with fixed
 *   rate-monotonic priorities (shorter period first, ties to the lower job index).
 * - "PLANET-RCPSP": the better of the RCPSP-NP-EDF and PLANET-WC-EDF schedules; where that
 *   still misses a deadline, all instances of one hyperperiod of the jobs connected (through
 *   shared qubits) to a late one form one RCPSP (an activity per instance reserving its qubits
 *   for its length, release = period start, deadline = period end), solved by the RCPSP
 *   engine's genetic algorithm (quantum-rcpsp-methods.h), which minimises total lateness; the
 *   engine's instance order is then replayed with the per-qubit holds, and, while a deadline is
 *   still missed, up to as many activity lists drawn by the engine's regret-biased sampling on
 *   deadlines are decoded with the holds. The result is the best (least lateness, then
 *   shortest makespan) of all these, so it meets every deadline whenever RCPSP-NP-EDF or
 *   PLANET-WC-EDF does.
 *
 * Every scheduler places every instance; a deadline miss is reported (PeriodicScheduleStats)
 * and makes admission reject the job that caused it (the study's schedulers give up there).
 */

namespace planet
{

/**
 * \brief The load of one resource (a qubit, or the whole network for PTS-NP-EDF).
 */
struct PeriodicResourceLoad
{
    std::string resource;  //!< "qubit 12" or "network"
    double utilisation{0}; //!< sum over jobs of busy slots per period / period
};

/**
 * \brief What admission control decided.
 */
struct PeriodicAdmission
{
    std::vector<bool> accepted;        //!< per input job
    std::vector<std::string> reason;   //!< per input job: why it was rejected ("" if accepted)
    std::vector<std::size_t> admitted; //!< indices of the accepted jobs, ascending
    PeriodicSchedule schedule; //!< schedule of the accepted jobs (job = index into admitted)
};

/**
 * \brief A periodic scheduler. Subclasses are chosen by name (CreatePeriodicScheduler).
 */
class PeriodicScheduler
{
  public:
    virtual ~PeriodicScheduler() = default;

    /// \return the scheduler's name
    virtual std::string GetName() const = 0;

    /**
     * \brief The utilisation of every resource the scheduler uses for these jobs.
     * \param jobs the jobs
     * \param qubits number of qubits in the network
     * \return one entry per resource some job occupies
     */
    std::vector<PeriodicResourceLoad> Utilisation(const std::vector<PeriodicJob>& jobs,
                                                  std::size_t qubits) const;

    /**
     * \brief Schedule one hyperperiod of the jobs. Every instance is placed (deadlines may be
     * missed: PeriodicScheduleStats tells).
     * \param jobs the jobs (checked)
     * \param qubits number of qubits in the network
     * \return the schedule
     * \throws std::invalid_argument for an invalid job
     */
    virtual PeriodicSchedule Schedule(const std::vector<PeriodicJob>& jobs,
                                      std::size_t qubits) const;

    /**
     * \brief Admission control, greedy in input order (the order in which the controller
     * received the demands): each job is added to the accepted ones if the utilisation of
     * every resource stays at most 1 and the scheduler then meets every deadline of every
     * accepted job; otherwise it is rejected with the reason, and the accepted ones stay.
     * \param jobs the jobs in arrival order
     * \param qubits number of qubits in the network
     * \return decisions and the schedule of the accepted jobs
     */
    PeriodicAdmission Admit(const std::vector<PeriodicJob>& jobs, std::size_t qubits) const;

  protected:
    /**
     * \brief How a job occupies resources: holds whose `qubit` is a resource index.
     * \param job the job
     * \return the holds, relative to the job's start
     */
    virtual std::vector<QubitHold> Occupancy(const PeriodicJob& job) const = 0;

    /// \return the number of resources for a network of `qubits` qubits
    virtual std::size_t Resources(std::size_t qubits) const;

    /// \return the name of resource r ("qubit r")
    virtual std::string ResourceName(std::size_t r) const;

    /**
     * \brief Choose the start of every instance.
     * \param jobs the jobs
     * \param occupancy Occupancy() of every job
     * \param resources number of resources
     * \param schedule the instances (start = release); starts are written
     */
    virtual void Arrange(const std::vector<PeriodicJob>& jobs,
                         const std::vector<std::vector<QubitHold>>& occupancy,
                         std::size_t resources,
                         PeriodicSchedule& schedule) const = 0;

    /**
     * \brief Serial placement: instances in `order`, each at its earliest start at or after
     * its release where its occupancy fits.
     * \param occupancy Occupancy() of every job
     * \param resources number of resources
     * \param order indices into `schedule.instances`
     * \param schedule the instances; starts are written
     */
    static void Place(const std::vector<std::vector<QubitHold>>& occupancy,
                      std::size_t resources,
                      const std::vector<std::size_t>& order,
                      PeriodicSchedule& schedule);

    /**
     * \brief The study's serial placement in earliest-deadline-first order with lazy release
     * (see the file comment, RCPSP-NP-EDF): each instance at its earliest fit at or after its
     * release and the previous start of its job.
     * \param jobs the jobs
     * \param occupancy Occupancy() of every job
     * \param resources number of resources
     * \param schedule the instances; starts are written
     */
    static void PlaceLazyEdf(const std::vector<PeriodicJob>& jobs,
                             const std::vector<std::vector<QubitHold>>& occupancy,
                             std::size_t resources,
                             PeriodicSchedule& schedule);

    /**
     * \brief Non-preemptive, work-conserving priority dispatch: time advances from event to
     * event (a release, or the earliest time a waiting instance fits); at each, the released
     * instances that fit start, `before` giving the priority order.
     * \param occupancy Occupancy() of every job
     * \param resources number of resources
     * \param before whether instance a has priority over instance b
     * \param schedule the instances; starts are written
     */
    static void Dispatch(const std::vector<std::vector<QubitHold>>& occupancy,
                         std::size_t resources,
                         const std::function<bool(const JobInstance&, const JobInstance&)>& before,
                         PeriodicSchedule& schedule);

    /// \return every qubit the job uses, held for the job's whole length (full reservation)
    static std::vector<QubitHold> FullReservation(const PeriodicJob& job);

    /// \return whether a has an earlier deadline than b (ties: release, then job index)
    static bool EarlierDeadline(const JobInstance& a, const JobInstance& b);
};

/// \brief "PTS-NP-EDF": the network as one resource, work-conserving earliest deadline first.
class PtsNpEdfScheduler : public PeriodicScheduler
{
  public:
    std::string GetName() const override;

  protected:
    std::vector<QubitHold> Occupancy(const PeriodicJob& job) const override;
    std::size_t Resources(std::size_t qubits) const override;
    std::string ResourceName(std::size_t r) const override;
    void Arrange(const std::vector<PeriodicJob>& jobs,
                 const std::vector<std::vector<QubitHold>>& occupancy,
                 std::size_t resources,
                 PeriodicSchedule& schedule) const override;
};

/// \brief "RCPSP-NP-EDF": per-qubit holds, the study's serial placement with lazy release.
class RcpspNpEdfScheduler : public PeriodicScheduler
{
  public:
    std::string GetName() const override;

  protected:
    std::vector<QubitHold> Occupancy(const PeriodicJob& job) const override;
    void Arrange(const std::vector<PeriodicJob>& jobs,
                 const std::vector<std::vector<QubitHold>>& occupancy,
                 std::size_t resources,
                 PeriodicSchedule& schedule) const override;
};

/// \brief "RCPSP-NP-FPR": full protocol reservation, the study's serial placement.
class RcpspNpFprScheduler : public RcpspNpEdfScheduler
{
  public:
    std::string GetName() const override;

  protected:
    std::vector<QubitHold> Occupancy(const PeriodicJob& job) const override;
};

/// \brief "PLANET-WC-EDF": per-qubit holds, work-conserving earliest deadline first.
class PlanetWcEdfScheduler : public PeriodicScheduler
{
  public:
    std::string GetName() const override;

  protected:
    std::vector<QubitHold> Occupancy(const PeriodicJob& job) const override;
    void Arrange(const std::vector<PeriodicJob>& jobs,
                 const std::vector<std::vector<QubitHold>>& occupancy,
                 std::size_t resources,
                 PeriodicSchedule& schedule) const override;
};

/// \brief "PLANET-WC-RM": full protocol reservation, work-conserving rate-monotonic priority.
class PlanetWcRmScheduler : public PeriodicScheduler
{
  public:
    std::string GetName() const override;

  protected:
    std::vector<QubitHold> Occupancy(const PeriodicJob& job) const override;
    void Arrange(const std::vector<PeriodicJob>& jobs,
                 const std::vector<std::vector<QubitHold>>& occupancy,
                 std::size_t resources,
                 PeriodicSchedule& schedule) const override;
};

/**
 * \brief "PLANET-RCPSP": the better of RCPSP-NP-EDF and PLANET-WC-EDF, improved by the RCPSP
 * engine where a deadline is missed (see the file comment).
 */
class PlanetRcpspScheduler : public RcpspNpEdfScheduler
{
  public:
    /**
     * \param options engine settings (method "genetic" with these options; the budget is the
     * number of schedules the engine generates per call)
     */
    explicit PlanetRcpspScheduler(RcpspOptions options = DefaultOptions());

    std::string GetName() const override;

    PeriodicSchedule Schedule(const std::vector<PeriodicJob>& jobs,
                              std::size_t qubits) const override;

    /// \return the default engine settings: serial SGS, "lft" rule, 8 schedules, seed 1
    static RcpspOptions DefaultOptions();

  private:
    /**
     * \brief Solve the instances `members` of `schedule` (all instances of some jobs that share
     * no qubit with the others) with the engine, and keep the best of the current starts, the
     * engine's and its replay with holds.
     */
    void Improve(const std::vector<PeriodicJob>& jobs,
                 const std::vector<std::vector<QubitHold>>& occupancy,
                 std::size_t resources,
                 const std::vector<std::size_t>& members,
                 PeriodicSchedule& schedule) const;

    RcpspOptions m_options;
};

/**
 * \brief Make a scheduler by name.
 * \param name one of PeriodicSchedulerNames()
 * \param engine settings of the RCPSP engine (used by PLANET-RCPSP only)
 * \return the scheduler
 * \throws std::invalid_argument naming the scheduler and listing the allowed names
 */
std::unique_ptr<PeriodicScheduler> CreatePeriodicScheduler(
    const std::string& name,
    const RcpspOptions& engine = PlanetRcpspScheduler::DefaultOptions());

/// \return the scheduler names: the study's PTS-NP-EDF, RCPSP-NP-EDF, RCPSP-NP-FPR, then
/// planet's PLANET-WC-EDF, PLANET-WC-RM, PLANET-RCPSP
std::vector<std::string> PeriodicSchedulerNames();

} // namespace planet

#endif // QUANTUM_PERIODIC_SCHEDULER_H
