// SPDX-License-Identifier: GPL-2.0-only

// The quantum area's pure code from Python: the RCPSP engine (instances with release times,
// deadlines and reservations; schedule generation schemes; priority-rule, sampling and genetic
// methods; the PSPLIB reader), the periodic schedulers with admission control, and the
// physics: Werner-state fidelity math and the link models. Fields keep their
// C++ names; functions are snake_case. List fields are copied in and out: assign whole lists
// (instance.activities = [...]).

#include "bind-util.h"
#include "bind.h"

#include "ns3/input-check.h"
#include "ns3/quantum-fidelity.h"
#include "ns3/quantum-link.h"
#include "ns3/quantum-periodic-scheduler.h"
#include "ns3/quantum-periodic.h"
#include "ns3/quantum-qos-metrics.h"
#include "ns3/quantum-rcpsp-methods.h"
#include "ns3/quantum-rcpsp-psplib.h"
#include "ns3/quantum-rcpsp-sgs.h"
#include "ns3/quantum-rcpsp.h"

#include <pybind11/stl.h>

namespace py = pybind11;

namespace planet::python
{

namespace
{

/// A fidelity or probability: finite and in [0, 1].
double
Unit(const char* name, double value)
{
    return CheckInRange(name, value, 0, 1);
}

/// The instance after its Check().
const RcpspInstance&
Checked(const RcpspInstance& instance)
{
    instance.Check();
    return instance;
}

void
BindPeriodic(py::module_& m)
{
    py::class_<PeriodicTask> task(m, "PeriodicTask", "A task of a periodic job, in slots.");
    KeywordInit(task);
    task.def_readwrite("kind", &PeriodicTask::kind)
        .def_readwrite("qubits", &PeriodicTask::qubits)
        .def_readwrite("offset", &PeriodicTask::offset)
        .def_readwrite("duration", &PeriodicTask::duration)
        .def_readwrite("predecessors", &PeriodicTask::predecessors);
    FieldRepr(task);

    py::class_<QubitHold> hold(m, "QubitHold", "A qubit busy during [begin, end) of a job.");
    KeywordInit(hold);
    hold.def_readwrite("qubit", &QubitHold::qubit)
        .def_readwrite("begin", &QubitHold::begin)
        .def_readwrite("end", &QubitHold::end);
    FieldRepr(hold);

    py::class_<PeriodicJob> job(m, "PeriodicJob", "A demand's plan repeated every period.");
    KeywordInit(job);
    job.def_readwrite("demand", &PeriodicJob::demand)
        .def_readwrite("period", &PeriodicJob::period)
        .def_readwrite("tasks", &PeriodicJob::tasks)
        .def_readwrite("holds", &PeriodicJob::holds)
        .def("length", &PeriodicJob::Length)
        .def("qubits", &PeriodicJob::Qubits)
        .def("busy_slots", &PeriodicJob::BusySlots, py::arg("qubits"))
        .def("check", &PeriodicJob::Check, py::arg("qubits"));
    FieldRepr(job);

    m.def("power_of_two_period", &PowerOfTwoPeriod, py::arg("rate"), py::arg("slot"));
    m.def("hyperperiod", &Hyperperiod, py::arg("jobs"));

    py::class_<JobInstance> instance(m, "JobInstance", "One instance of a job in a schedule.");
    KeywordInit(instance);
    instance.def_readwrite("job", &JobInstance::job)
        .def_readwrite("index", &JobInstance::index)
        .def_readwrite("release", &JobInstance::release)
        .def_readwrite("deadline", &JobInstance::deadline)
        .def_readwrite("start", &JobInstance::start);
    FieldRepr(instance);

    py::class_<PeriodicSchedule>(m, "PeriodicSchedule", "Instances over one hyperperiod.")
        .def_readwrite("hyperperiod", &PeriodicSchedule::hyperperiod)
        .def_readwrite("instances", &PeriodicSchedule::instances)
        .def_static("of_jobs",
                    &PeriodicSchedule::Instances,
                    py::arg("jobs"),
                    "The instances of jobs over their hyperperiod, not yet started (start 0).");
    m.def("validate_periodic_schedule",
          &ValidatePeriodicSchedule,
          py::arg("jobs"),
          py::arg("qubits"),
          py::arg("schedule"),
          py::arg("check_deadlines") = true);

    py::class_<PeriodicJobStats>(m, "PeriodicJobStats", "QoS of one job in a schedule (slots).")
        .def_readonly("deadlinesMet", &PeriodicJobStats::deadlinesMet)
        .def_readonly("worstResponse", &PeriodicJobStats::worstResponse)
        .def_readonly("jitter", &PeriodicJobStats::jitter)
        .def_readonly("cyclicJitter", &PeriodicJobStats::cyclicJitter);
    m.def("periodic_schedule_stats", &PeriodicScheduleStats, py::arg("jobs"), py::arg("schedule"));
    m.def("study_start_jitter",
          &StudyStartJitter,
          py::arg("starts"),
          py::arg("period"),
          "The study's jitter: variance of s[k+1] - s[k] - period, not cyclic.");
    m.def("cyclic_start_jitter",
          &CyclicStartJitter,
          py::arg("starts"),
          py::arg("period"),
          py::arg("hyperperiod"),
          "planet's cyclic jitter: mean square of s[k+1] - s[k] - period, s[n] = s[0] + H.");

    py::class_<PeriodicResourceLoad>(m, "PeriodicResourceLoad", "Utilisation of one resource.")
        .def_readonly("resource", &PeriodicResourceLoad::resource)
        .def_readonly("utilisation", &PeriodicResourceLoad::utilisation);
    py::class_<PeriodicAdmission>(m, "PeriodicAdmission", "Admission decisions and schedule.")
        .def_readonly("accepted", &PeriodicAdmission::accepted)
        .def_readonly("reason", &PeriodicAdmission::reason)
        .def_readonly("admitted", &PeriodicAdmission::admitted)
        .def_readonly("schedule", &PeriodicAdmission::schedule);

    py::class_<PeriodicScheduler>(m, "PeriodicScheduler", "A periodic scheduler (by name).")
        .def(py::init(&CreatePeriodicScheduler),
             py::arg("name"),
             py::arg("engine") = PlanetRcpspScheduler::DefaultOptions(),
             "One of periodic_schedulers(); ValueError lists them for another name. engine: "
             "RCPSP engine settings (PLANET-RCPSP only).")
        .def("name", &PeriodicScheduler::GetName)
        .def("utilisation", &PeriodicScheduler::Utilisation, py::arg("jobs"), py::arg("qubits"))
        .def("schedule", &PeriodicScheduler::Schedule, py::arg("jobs"), py::arg("qubits"))
        .def("admit", &PeriodicScheduler::Admit, py::arg("jobs"), py::arg("qubits"));
    m.def("periodic_schedulers", &PeriodicSchedulerNames);
}

void
BindPhysics(py::module_& m)
{
    // The physics functions are plain formulas: their arguments are checked here (ValueError
    // naming the argument), so that a fidelity of 2 or NaN never gives a number.
    m.def(
        "werner_from_fidelity",
        [](double f) { return WernerFromFidelity(Unit("fidelity", f)); },
        py::arg("fidelity"));
    m.def(
        "fidelity_from_werner",
        [](double w) { return FidelityFromWerner(CheckInRange("werner", w, -1.0 / 3, 1)); },
        py::arg("werner"));
    m.def(
        "swap_fidelity",
        [](double f1, double f2) { return SwapFidelity(Unit("f1", f1), Unit("f2", f2)); },
        py::arg("f1"),
        py::arg("f2"));
    m.def(
        "apply_pauli_error",
        [](double f, double p) {
            return ApplyPauliError(Unit("fidelity", f), Unit("probability", p));
        },
        py::arg("fidelity"),
        py::arg("probability"));
    m.def(
        "apply_depolarising",
        [](double f, double p) {
            return ApplyDepolarising(Unit("fidelity", f), Unit("probability", p));
        },
        py::arg("fidelity"),
        py::arg("probability"));
    py::class_<DistillationOutcome>(m, "DistillationOutcome", "One distillation step.")
        .def_readonly("fidelity", &DistillationOutcome::fidelity)
        .def_readonly("successProbability", &DistillationOutcome::successProbability);
    m.def(
        "distill",
        [](double kept, double sacrificed) {
            return Distill(Unit("kept", kept), Unit("sacrificed", sacrificed));
        },
        py::arg("kept"),
        py::arg("sacrificed"));
    m.def(
        "pumping_sequence",
        [](double initial, double fresh, unsigned rounds) {
            return PumpingSequence(Unit("initial", initial), Unit("fresh", fresh), rounds);
        },
        py::arg("initial"),
        py::arg("fresh"),
        py::arg("rounds"));

    py::class_<LinkCapability> capability(m,
                                          "LinkCapability",
                                          "A link's fidelity, rate, success probability per "
                                          "attempt and attempt time.");
    capability.def_readonly("fidelity", &LinkCapability::fidelity)
        .def_readonly("rate_hz", &LinkCapability::rate_hz)
        .def_readonly("successProbability", &LinkCapability::successProbability)
        .def_readonly("attempt_s", &LinkCapability::attempt_s);
    FieldRepr(capability);
    m.def("make_link_capability",
          &MakeLinkCapability,
          py::arg("fidelity"),
          py::arg("successProbability"),
          py::arg("attempt_s"));
    m.def("link_generation_window",
          &LinkGenerationWindow,
          py::arg("link"),
          py::arg("quantile"),
          "Window of a link-generation task in seconds (quantile 0: 1/rate).");
    m.def("window_success_probability",
          &WindowSuccessProbability,
          py::arg("link"),
          py::arg("window_s"),
          "Probability that a window heralds a pair: 1 - (1 - p)^attempts.");
    py::class_<OpticalParameters> optics(m, "OpticalParameters", "Fiber and photon parameters.");
    KeywordInit(optics);
    optics.def_readwrite("attenuation_dB_km", &OpticalParameters::attenuation_dB_km)
        .def_readwrite("emissionEfficiency", &OpticalParameters::emissionEfficiency)
        .def_readwrite("detectionEfficiency", &OpticalParameters::detectionEfficiency)
        .def_readwrite("emissionTime_s", &OpticalParameters::emissionTime_s)
        .def_readwrite("visibility", &OpticalParameters::visibility);
    FieldRepr(optics);
    m.def(
        "attempt_time",
        [](const OpticalParameters& o, double km) {
            return AttemptTime(o, CheckInRange("length_km", km, 0, 1e6));
        },
        py::arg("optics"),
        py::arg("length_km"));
    m.def(
        "detection_probability",
        [](const OpticalParameters& o, double km) {
            return DetectionProbability(o, CheckInRange("length_km", km, 0, 1e6));
        },
        py::arg("optics"),
        py::arg("length_km"));
    py::class_<LinkModel>(m, "LinkModel", "Capabilities of a link by its length.")
        .def("name", &LinkModel::Name)
        .def(
            "capabilities",
            [](const LinkModel& link, double km) {
                return link.Capabilities(CheckInRange("length_km", km, 0, 1e6));
            },
            py::arg("length_km"));
    py::class_<SingleClickLink, LinkModel>(m, "SingleClickLink")
        .def(py::init<const OpticalParameters&, std::vector<double>>(),
             py::arg("optics"),
             py::arg("alphas"));
    py::class_<DoubleClickLink, LinkModel>(m, "DoubleClickLink")
        .def(py::init<const OpticalParameters&>(), py::arg("optics"));
}

} // namespace

void
BindQuantum(py::module_& m)
{
    BindPhysics(m);
    m.attr("RCPSP_NO_DEADLINE") = kRcpspNoDeadline;

    py::class_<RcpspActivity> activity(m, "RcpspActivity", "An activity of an RCPSP instance.");
    KeywordInit(activity);
    activity.def_readwrite("name", &RcpspActivity::name)
        .def_readwrite("duration", &RcpspActivity::duration)
        .def_readwrite("demand", &RcpspActivity::demand, "units per resource")
        .def_readwrite("successors", &RcpspActivity::successors, "activity indices")
        .def_readwrite("release", &RcpspActivity::release, "earliest start")
        .def_readwrite("deadline", &RcpspActivity::deadline, "latest finish (soft)");
    FieldRepr(activity);

    py::class_<RcpspReservation> reservation(m,
                                             "RcpspReservation",
                                             "Capacity not available during [start, end).");
    KeywordInit(reservation);
    reservation.def_readwrite("resource", &RcpspReservation::resource)
        .def_readwrite("amount", &RcpspReservation::amount)
        .def_readwrite("start", &RcpspReservation::start)
        .def_readwrite("end", &RcpspReservation::end);
    FieldRepr(reservation);

    py::class_<RcpspInstance> instance(m,
                                       "RcpspInstance",
                                       "Renewable resources, activities, reservations.");
    KeywordInit(instance);
    instance.def_readwrite("name", &RcpspInstance::name)
        .def_readwrite("capacity", &RcpspInstance::capacity)
        .def_readwrite("activities", &RcpspInstance::activities)
        .def_readwrite("reservations", &RcpspInstance::reservations)
        .def("check", &RcpspInstance::Check, "Raises ValueError describing the first problem.")
        .def("predecessors", &RcpspInstance::Predecessors)
        .def("topological_order", &RcpspInstance::TopologicalOrder);

    py::class_<RcpspSchedule>(m, "RcpspSchedule", "A start time per activity.")
        .def(py::init([](std::vector<RcpspTime> start) { return RcpspSchedule{std::move(start)}; }),
             py::arg("start"))
        .def_readwrite("start", &RcpspSchedule::start)
        .def("finish", &RcpspSchedule::Finish, py::arg("instance"), py::arg("activity"))
        .def("makespan", &RcpspSchedule::Makespan, py::arg("instance"))
        .def("lateness", &RcpspSchedule::Lateness, py::arg("instance"));

    // The instance's fields are writable from Python: every function that needs a valid one
    // checks it first (ValueError describing the first problem).
    m.def(
        "validate_rcpsp_schedule",
        [](const RcpspInstance& instance, const RcpspSchedule& schedule, bool deadlines) {
            return ValidateRcpspSchedule(Checked(instance), schedule, deadlines);
        },
        py::arg("instance"),
        py::arg("schedule"),
        py::arg("check_deadlines") = true,
        "Every violation of a schedule (precedence, release, capacity, deadline) as text; "
        "empty when it is feasible.");
    m.def(
        "rcpsp_earliest_starts",
        [](const RcpspInstance& instance) { return RcpspEarliestStarts(Checked(instance)); },
        py::arg("instance"));
    m.def(
        "rcpsp_latest_finishes",
        [](const RcpspInstance& instance, RcpspTime horizon) {
            return RcpspLatestFinishes(Checked(instance), horizon);
        },
        py::arg("instance"),
        py::arg("horizon"));
    m.def(
        "rcpsp_critical_path_bound",
        [](const RcpspInstance& instance) { return RcpspCriticalPathBound(Checked(instance)); },
        py::arg("instance"));
    m.def("rcpsp_methods", &RcpspMethodNames);
    m.def("rcpsp_priority_rules", &RcpspPriorityRuleNames);
    m.def("rcpsp_generators", &RcpspScheduleGeneratorNames);
    m.def(
        "rcpsp_decode",
        [](const RcpspInstance& instance,
           const std::string& generator,
           const std::vector<std::size_t>& list) {
            RcpspCheckActivityList(Checked(instance), list);
            return CreateRcpspScheduleGenerator(generator, instance)->Decode(list);
        },
        py::arg("instance"),
        py::arg("generator"),
        py::arg("activity_list"),
        "Decode an activity list with a schedule generation scheme (\"serial\", \"parallel\").");

    py::class_<RcpspOptions> options(m, "RcpspOptions", "Options of the RCPSP methods.");
    KeywordInit(options);
    options.def_readwrite("generator", &RcpspOptions::generator)
        .def_readwrite("rule", &RcpspOptions::rule)
        .def_readwrite("schedules", &RcpspOptions::schedules)
        .def_readwrite("seed", &RcpspOptions::seed)
        .def_readwrite("justify", &RcpspOptions::justify)
        .def_readwrite("population", &RcpspOptions::population);
    FieldRepr(options);

    py::class_<RcpspResult>(m, "RcpspResult", "The best schedule a method found.")
        .def_readonly("schedule", &RcpspResult::schedule)
        .def_readonly("makespan", &RcpspResult::makespan)
        .def_readonly("lateness", &RcpspResult::lateness)
        .def_readonly("lowerBound", &RcpspResult::lowerBound)
        .def_readonly("schedules", &RcpspResult::schedules);

    m.def("solve_rcpsp",
          &SolveRcpsp,
          py::arg("instance"),
          py::arg("method"),
          py::arg("options") = RcpspOptions{},
          py::call_guard<py::gil_scoped_release>(),
          "Solve an instance with a method (rcpsp_methods()). Raises ValueError for a bad "
          "instance or an unknown method, scheme or rule (listing the allowed ones).");
    m.def("load_psplib_sm",
          &LoadPsplibSm,
          py::arg("path"),
          "Read a PSPLIB single-mode file (.sm); ValueError names file and line when malformed.");
    m.def("load_psplib_table",
          &LoadPsplibTable,
          py::arg("path"),
          "Read a PSPLIB result table: {(parameter, instance): [values]}.");
    BindPeriodic(m); // after RcpspOptions: PLANET-RCPSP takes engine settings
}

} // namespace planet::python
