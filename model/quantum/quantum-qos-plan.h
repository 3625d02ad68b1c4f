/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef QUANTUM_QOS_PLAN_H
#define QUANTUM_QOS_PLAN_H

#include "quantum-device.h"
#include "quantum-fidelity.h"
#include "quantum-link.h"
#include "quantum-periodic-scheduler.h"
#include "quantum-synthesis.h"
#include "quantum-topology.h"

#include <cstdint>
#include <string>
#include <vector>

/**
 * \file
 * \ingroup planet
 * The controller's plan for a set of demands: route, synthesise, turn each plan into a periodic
 * job, admit and schedule, and the QoS figures. Pure C++ (no ns-3); the scenario runner
 * planet-quantum, the tests and the benchmark call PlanQuantumNetwork().
 */

namespace planet
{

/// \brief A demand: end-to-end pairs between two end nodes at a rate and minimum fidelity.
struct QuantumDemand
{
    uint32_t src{0};   //!< source node index
    uint32_t dst{0};   //!< destination node index
    double fmin{0.5};  //!< minimum fidelity of a delivered pair, in (0.25, 1]
    double rate_hz{1}; //!< pairs per second, > 0
};

/**
 * \brief Demands from JSON text: a list of {src, dst, fmin, rate}, src and dst a node index or
 * a node name of the topology, fmin and rate numbers (PlanQuantumNetwork() checks their
 * ranges). At most kMaxJsonDepth levels of nesting.
 * \param text the JSON
 * \param source where it comes from (a file name), for the messages
 * \param topology the network the demands refer to
 * \throws std::invalid_argument "parameter 'demands': ..." naming the file and the demand
 */
std::vector<QuantumDemand> ParseQuantumDemands(const std::string& text,
                                               const std::string& source,
                                               const QuantumTopology& topology);

/// \brief ParseQuantumDemands() of a file (a readable regular file, else an error naming it).
std::vector<QuantumDemand> ReadQuantumDemands(const std::string& path,
                                              const QuantumTopology& topology);

/// \brief Settings of the plan.
struct QosPlanOptions
{
    std::string scheduler{"RCPSP-NP-EDF"};  //!< one of PeriodicSchedulerNames()
    std::string qubitMapping{"least-used"}; //!< one of QubitMappingNames()
    RcpspOptions engine{PlanetRcpspScheduler::DefaultOptions()}; //!< PLANET-RCPSP's engine
    double slot_s{1e-3};                                         //!< slot length in seconds, > 0
    SynthesisOptions synthesis;                                  //!< protocol search limits
    /// Link-generation windows, LinkGenerationWindow(capability, windowQuantile): 0 (default)
    /// plans 1/rate per link; q in (0, 1) plans the attempts that succeed with probability q.
    /// Passed to synthesis (it overrides synthesis.windowQuantile).
    double windowQuantile{0};
};

/// \brief What became of one demand.
struct DemandPlan
{
    QuantumDemand demand;         //!< the request
    bool accepted{false};         //!< admitted and scheduled
    std::string reason;           //!< why not, when rejected
    std::vector<uint32_t> path;   //!< route (node indices), empty if there is none
    std::string protocol;         //!< Protocol::Summary() of the synthesised protocol, or ""
    double planDuration_s{0};     //!< makespan of one execution of the plan
    double planRate_hz{0};        //!< rate of the plan repeated back to back (success / makespan)
    double successProbability{0}; //!< of one execution (distillation successes)
    double period_s{0};           //!< period given to the demand (2^k slots), 0 when unplanned
    double rate_hz{0};            //!< rate achieved: successProbability / period (0 if rejected)
    double wcrt_s{0};             //!< worst-case response time: largest finish - release
    double jitter_s2{0};          //!< the study's start jitter (StudyStartJitter), s^2
    double cyclicJitter_s2{0};    //!< planet's cyclic start jitter (CyclicStartJitter), s^2
    double fidelity{0};           //!< fidelity the plan delivers (shifted placement)
};

/**
 * \brief One task of the schedule of one hyperperiod.
 *
 * Besides its place in time it carries what executing it needs (the runtime in
 * model/quantum-runtime/ reads these): the nodes it acts at (link: its two ends, in path order;
 * swap: the repeater; distill: the two ends), the qubits that hold its output pair, the task
 * consuming that pair, and for a link generation the chosen capability and its window. Qubit
 * lists keep the task graph's order (PlannedTask): a swap acts on {left pair's qubit, right
 * pair's qubit}, a distillation on {kept pair's two, sacrificed pair's two}; predecessors are
 * {left, right} or {kept, sacrificed}.
 */
struct ScheduledQuantumTask
{
    uint64_t id{0};                     //!< running number in the schedule
    uint32_t demand{0};                 //!< index of the demand
    uint32_t instance{0};               //!< instance of the demand's job within the hyperperiod
    std::string kind;                   //!< "link", "swap", "distill"
    std::vector<uint32_t> qubits;       //!< global qubit indices the task acts on
    double start_s{0};                  //!< start within the hyperperiod
    double end_s{0};                    //!< end
    std::vector<uint64_t> predecessors; //!< ids of the tasks that must end before it starts
    std::vector<uint32_t> nodes;        //!< topology nodes it acts at (see above)
    std::vector<uint32_t> outputQubits; //!< global qubits holding the output pair afterwards
    int64_t successor{-1};              //!< id of the task consuming the output (-1: delivered)
    LinkCapability link{0, 0};          //!< link generation: the chosen capability
    double window_s{0};                 //!< link generation: attempt window (duration - move)
    double fidelity{0};                 //!< planned fidelity of the output at end_s
};

/// \brief The whole plan.
struct QosPlan
{
    std::vector<DemandPlan> demands;            //!< per demand, input order
    std::vector<ScheduledQuantumTask> schedule; //!< every task of one hyperperiod, by start
    double hyperperiod_s{0};                    //!< length of the repeating schedule
    double throughput_ebit_s{0};                //!< sum of the accepted demands' rates
    std::size_t accepted{0};                    //!< number of accepted demands
    std::vector<PeriodicJob> jobs;              //!< the accepted demands' jobs (for validation)
    PeriodicSchedule periodic;                  //!< their schedule (job = index into `jobs`)
};

/**
 * \brief The periodic job of a planned task graph: task times divided by the slot length, and
 * every occupancy interval of a qubit covered by whole slots (intervals of one qubit that
 * share a slot merge).
 * \param plan the task graph
 * \param demand the demand index
 * \param period the period in slots
 * \param slot_s the slot length
 * \return the job
 */
PeriodicJob JobFromTaskGraph(const TaskGraph& plan,
                             std::size_t demand,
                             RcpspTime period,
                             double slot_s);

/**
 * \brief Plan the demands: for each, the shortest route (fiber length), the protocol with the
 * best rate meeting fmin, its task graph and a periodic job whose period is the power-of-two
 * number of slots at most successProbability / rate, its qubits relabelled by the chosen qubit
 * mapping given the utilisation of the demands before it that have a job (as the study
 * balances its whole task set before scheduling); then admission control and scheduling by the
 * chosen scheduler (greedy in input order).
 *
 * A demand is rejected, with the reason, when there is no route, no protocol meets fmin, the
 * rate needs a period under one slot, or admission refuses it (utilisation or deadline).
 * \throws std::invalid_argument for a demand with unknown or equal end nodes, fmin outside
 * (0.25, 1] or a rate that is not positive (naming the demand), an unknown scheduler or qubit
 * mapping, or a slot
 * that is not positive
 */
QosPlan PlanQuantumNetwork(const QuantumTopology& topology,
                           const std::vector<QuantumDemand>& demands,
                           const LinkModel& links,
                           const QuantumDevice& device,
                           const DecoherenceModel& decoherence,
                           const QosPlanOptions& options);

/**
 * \brief Independent check of a plan: the periodic schedule passes ValidatePeriodicSchedule,
 * and the task list agrees with it (each task inside its instance's holds, on the qubits the
 * plan gives, precedences in seconds, no qubit used by two tasks at once, every task within
 * the hyperperiod, and every accepted demand's figures consistent with the schedule).
 * \param plan a plan made by PlanQuantumNetwork
 * \param qubits number of qubits in the network
 * \return one line per violation; empty when the plan is valid
 */
std::vector<std::string> ValidateQosPlan(const QosPlan& plan, std::size_t qubits);

} // namespace planet

#endif // QUANTUM_QOS_PLAN_H
