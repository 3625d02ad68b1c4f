/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "quantum-qos-plan.h"

#include "quantum-qubit-mapping.h"

#include "ns3/input-file.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <sstream>
#include <stdexcept>

namespace planet
{

namespace
{

/// Slots covering [start_s, end_s): floor of the start, ceiling of the end (at least one slot).
std::pair<RcpspTime, RcpspTime>
Cover(double start_s, double end_s, double slot_s)
{
    // A relative tolerance keeps times that are whole slots up to rounding on their slot.
    const double eps = 1e-9;
    const auto begin = static_cast<RcpspTime>(std::floor(start_s / slot_s + eps));
    const auto end = static_cast<RcpspTime>(std::ceil(end_s / slot_s - eps));
    return {begin, std::max(end, begin + 1)};
}

void
CheckDemand(const QuantumTopology& topology, const QuantumDemand& d, std::size_t index)
{
    std::ostringstream prefix;
    prefix << "demand " << index << ": ";
    const auto nodes = topology.Nodes().size();
    if (d.src >= nodes || d.dst >= nodes || d.src == d.dst)
    {
        throw std::invalid_argument(prefix.str() + "src and dst must be two different nodes of " +
                                    "the network (0.." + std::to_string(nodes - 1) + ")");
    }
    if (!(d.fmin > 0.25 && d.fmin <= 1.0))
    {
        throw std::invalid_argument(prefix.str() + "fmin must be in (0.25, 1], got " +
                                    std::to_string(d.fmin));
    }
    if (!(d.rate_hz > 0) || !std::isfinite(d.rate_hz))
    {
        throw std::invalid_argument(prefix.str() + "rate must be positive, got " +
                                    std::to_string(d.rate_hz));
    }
}

} // namespace

PeriodicJob
JobFromTaskGraph(const TaskGraph& plan, std::size_t demand, RcpspTime period, double slot_s)
{
    PeriodicJob job;
    job.demand = demand;
    job.period = period;
    for (const auto& task : plan.tasks)
    {
        PeriodicTask t;
        t.kind = ToString(task.kind);
        for (const auto& q : task.qubits)
        {
            t.qubits.push_back(q.global);
        }
        t.offset = task.start_s / slot_s;
        t.duration = task.duration_s / slot_s;
        t.predecessors.assign(task.predecessors.begin(), task.predecessors.end());
        job.tasks.push_back(std::move(t));
    }
    // occupancy is sorted by qubit, then start: merge covers of one qubit that touch a slot.
    for (const auto& interval : plan.occupancy)
    {
        const auto [begin, end] = Cover(interval.start_s, interval.end_s, slot_s);
        if (!job.holds.empty() && job.holds.back().qubit == interval.qubit.global &&
            job.holds.back().end >= begin)
        {
            job.holds.back().end = std::max(job.holds.back().end, end);
        }
        else
        {
            job.holds.push_back({interval.qubit.global, begin, end});
        }
    }
    return job;
}

namespace
{

/// A node given as an index or as a node name.
uint32_t
ResolveNode(const QuantumTopology& topology, const nlohmann::json& value, const std::string& what)
{
    const auto& nodes = topology.Nodes();
    if (value.is_number_unsigned() && value.get<uint64_t>() < nodes.size())
    {
        return static_cast<uint32_t>(value.get<uint64_t>());
    }
    if (value.is_string())
    {
        for (uint32_t i = 0; i < nodes.size(); ++i)
        {
            if (nodes[i].name == value.get<std::string>())
            {
                return i;
            }
        }
    }
    const std::string shown = value.dump();
    throw std::invalid_argument(what + " " + shown.substr(0, 64) +
                                (shown.size() > 64 ? "..." : "") + " is not a node index (0.." +
                                std::to_string(nodes.empty() ? 0 : nodes.size() - 1) +
                                ") or node name of the network");
}

} // namespace

std::vector<QuantumDemand>
ParseQuantumDemands(const std::string& text,
                    const std::string& source,
                    const QuantumTopology& topology)
{
    const std::string where = "parameter 'demands': '" + source + "'";
    const nlohmann::json list = ParseJsonText("parameter 'demands'", source, text);
    if (!list.is_array())
    {
        throw std::invalid_argument(where + " must hold a list of {src, dst, fmin, rate}");
    }
    std::vector<QuantumDemand> demands;
    for (std::size_t i = 0; i < list.size(); ++i)
    {
        const auto& item = list[i];
        const std::string what = where + ": demand " + std::to_string(i);
        for (const char* key : {"src", "dst", "fmin", "rate"})
        {
            if (!item.is_object() || !item.contains(key))
            {
                throw std::invalid_argument(what + " has no '" + key +
                                            "' (expects {src, dst, fmin, rate})");
            }
        }
        if (!item.at("fmin").is_number() || !item.at("rate").is_number())
        {
            throw std::invalid_argument(what + ": fmin and rate must be numbers");
        }
        QuantumDemand d;
        d.src = ResolveNode(topology, item.at("src"), what + " src");
        d.dst = ResolveNode(topology, item.at("dst"), what + " dst");
        d.fmin = item.at("fmin").get<double>();
        d.rate_hz = item.at("rate").get<double>();
        demands.push_back(d);
    }
    return demands;
}

std::vector<QuantumDemand>
ReadQuantumDemands(const std::string& path, const QuantumTopology& topology)
{
    return ParseQuantumDemands(ReadInputFile("parameter 'demands'", path), path, topology);
}

QosPlan
PlanQuantumNetwork(const QuantumTopology& topology,
                   const std::vector<QuantumDemand>& demands,
                   const LinkModel& links,
                   const QuantumDevice& device,
                   const DecoherenceModel& decoherence,
                   const QosPlanOptions& options)
{
    if (!(options.slot_s > 0) || !std::isfinite(options.slot_s))
    {
        throw std::invalid_argument("slot must be positive, got " + std::to_string(options.slot_s) +
                                    " s");
    }
    if (!(options.windowQuantile >= 0 && options.windowQuantile < 1))
    {
        throw std::invalid_argument("window quantile must be in [0, 1), got " +
                                    std::to_string(options.windowQuantile));
    }
    const auto scheduler = CreatePeriodicScheduler(options.scheduler, options.engine);
    const auto mapping = CreateQubitMapping(options.qubitMapping);
    const std::size_t qubits = topology.QubitCount();
    std::vector<double> load(qubits, 0.0); // utilisation of the jobs mapped so far
    const auto utilisation = [qubits](const PeriodicJob& job) {
        std::vector<double> u(qubits, 0.0);
        const auto busy = job.BusySlots(qubits);
        for (std::size_t q = 0; q < qubits; ++q)
        {
            u[q] = static_cast<double>(busy[q]) / static_cast<double>(job.period);
        }
        return u;
    };
    SynthesisOptions synthesisOptions = options.synthesis;
    synthesisOptions.windowQuantile = options.windowQuantile;
    for (std::size_t i = 0; i < demands.size(); ++i)
    {
        CheckDemand(topology, demands[i], i);
    }

    QosPlan result;
    std::vector<PeriodicJob> candidates;      // jobs of the demands that have a plan
    std::vector<std::size_t> candidateDemand; // demand of each candidate
    std::vector<TaskGraph> graphs;            // task graph of each candidate
    std::vector<Protocol> protocols;          // protocol of each candidate
    // Demands on routes of one shape (and fmin) share a search; sub-paths share fronts.
    ProtocolSynthesiser synthesiser(topology, links, device, decoherence, synthesisOptions);
    for (std::size_t i = 0; i < demands.size(); ++i)
    {
        DemandPlan plan;
        plan.demand = demands[i];
        QuantumRoute route;
        try
        {
            route = topology.ShortestPath(demands[i].src, demands[i].dst);
        }
        catch (const std::invalid_argument& e)
        {
            plan.reason = std::string("route: ") + e.what();
            result.demands.push_back(plan);
            continue;
        }
        plan.path = route.nodes;
        const SynthesisResult synthesis = synthesiser.Synthesise(route, demands[i].fmin);
        if (!synthesis.found)
        {
            plan.reason = "protocol: " + synthesis.reason;
            result.demands.push_back(plan);
            continue;
        }
        plan.protocol = synthesis.protocol.Summary();
        plan.planDuration_s = synthesis.plan.makespan_s;
        plan.planRate_hz = synthesis.plan.Rate();
        plan.successProbability = synthesis.plan.successProbability;
        plan.fidelity = synthesis.plan.fidelity;
        RcpspTime period = 0;
        try
        {
            // One execution per period delivers successProbability pairs on average.
            period = PowerOfTwoPeriod(demands[i].rate_hz / synthesis.plan.successProbability,
                                      options.slot_s);
        }
        catch (const std::invalid_argument& e)
        {
            plan.reason = std::string("rate: ") + e.what();
            result.demands.push_back(plan);
            continue;
        }
        plan.period_s = static_cast<double>(period) * options.slot_s;
        const auto placed = JobFromTaskGraph(synthesis.plan, i, period, options.slot_s);
        const TaskGraph graph = RemapQubits(synthesis.plan,
                                            mapping->Assign(topology, utilisation(placed), load),
                                            topology);
        candidates.push_back(JobFromTaskGraph(graph, i, period, options.slot_s));
        const auto used = utilisation(candidates.back());
        for (std::size_t q = 0; q < qubits; ++q)
        {
            load[q] += used[q];
        }
        candidateDemand.push_back(i);
        graphs.push_back(graph);
        protocols.push_back(synthesis.protocol);
        result.demands.push_back(plan);
    }

    const auto admission = scheduler->Admit(candidates, topology.QubitCount());
    for (std::size_t c = 0; c < candidates.size(); ++c)
    {
        if (!admission.accepted[c])
        {
            result.demands[candidateDemand[c]].reason = "admission: " + admission.reason[c];
        }
    }
    for (std::size_t a : admission.admitted)
    {
        result.jobs.push_back(candidates[a]);
    }
    result.periodic = admission.schedule;
    result.hyperperiod_s = static_cast<double>(result.periodic.hyperperiod) * options.slot_s;
    const auto stats = PeriodicScheduleStats(result.jobs, result.periodic);
    for (std::size_t j = 0; j < result.jobs.size(); ++j)
    {
        auto& plan = result.demands[result.jobs[j].demand];
        plan.accepted = true;
        plan.rate_hz = plan.successProbability / plan.period_s;
        plan.wcrt_s = static_cast<double>(stats[j].worstResponse) * options.slot_s;
        plan.jitter_s2 = stats[j].jitter * options.slot_s * options.slot_s;
        plan.cyclicJitter_s2 = stats[j].cyclicJitter * options.slot_s * options.slot_s;
        result.throughput_ebit_s += plan.rate_hz;
        ++result.accepted;
    }

    // Every task of every instance, at its exact time within the plan.
    for (const auto& instance : result.periodic.instances)
    {
        const std::size_t a = admission.admitted[instance.job];
        const TaskGraph& graph = graphs[a];
        const double t0 = static_cast<double>(instance.start) * options.slot_s;
        const uint64_t base = result.schedule.size();
        for (const auto& task : graph.tasks)
        {
            ScheduledQuantumTask s;
            s.id = base + task.id;
            s.demand = static_cast<uint32_t>(candidateDemand[a]);
            s.instance = static_cast<uint32_t>(instance.index);
            s.kind = ToString(task.kind);
            for (const auto& q : task.qubits)
            {
                s.qubits.push_back(q.global);
            }
            s.start_s = t0 + task.start_s;
            s.end_s = t0 + task.end_s;
            for (uint32_t p : task.predecessors)
            {
                s.predecessors.push_back(base + p);
            }
            s.nodes = task.nodes;
            for (const auto& q : task.outputQubits)
            {
                s.outputQubits.push_back(q.global);
            }
            s.successor = task.successor < 0 ? -1 : static_cast<int64_t>(base + task.successor);
            if (task.kind == TaskKind::LinkGeneration)
            {
                s.link = protocols[a].nodes[task.protocolNode].link;
                s.window_s = LinkGenerationWindow(s.link, options.windowQuantile);
            }
            s.fidelity = task.fidelity;
            result.schedule.push_back(std::move(s));
        }
    }
    return result;
}

std::vector<std::string>
ValidateQosPlan(const QosPlan& plan, std::size_t qubits)
{
    auto problems = ValidatePeriodicSchedule(plan.jobs, qubits, plan.periodic);
    const double h = plan.hyperperiod_s;
    const double tol = 1e-9 * std::max(1.0, h);
    std::map<uint64_t, const ScheduledQuantumTask*> byId;
    std::vector<std::vector<const ScheduledQuantumTask*>> perQubit(qubits);
    std::map<std::pair<uint32_t, uint32_t>, double> instanceEnd; // (demand, instance) -> end
    for (const auto& task : plan.schedule)
    {
        byId[task.id] = &task;
        if (task.start_s < -tol || task.end_s > h + tol || task.end_s < task.start_s)
        {
            problems.push_back("task " + std::to_string(task.id) + " is outside the hyperperiod");
        }
        for (uint32_t q : task.qubits)
        {
            if (q >= qubits)
            {
                problems.push_back("task " + std::to_string(task.id) + ": unknown qubit");
                continue;
            }
            perQubit[q].push_back(&task);
        }
        auto& end = instanceEnd[{task.demand, task.instance}];
        end = std::max(end, task.end_s);
    }
    for (const auto& task : plan.schedule)
    {
        for (uint64_t p : task.predecessors)
        {
            const auto it = byId.find(p);
            if (it == byId.end() || it->second->end_s > task.start_s + tol)
            {
                problems.push_back("task " + std::to_string(task.id) +
                                   " starts before its predecessor " + std::to_string(p) + " ends");
            }
        }
    }
    for (std::size_t q = 0; q < qubits; ++q)
    {
        auto& list = perQubit[q];
        std::sort(list.begin(), list.end(), [](const auto* a, const auto* b) {
            return a->start_s < b->start_s;
        });
        for (std::size_t k = 1; k < list.size(); ++k)
        {
            if (list[k]->start_s < list[k - 1]->end_s - tol)
            {
                problems.push_back("qubit " + std::to_string(q) + " used by tasks " +
                                   std::to_string(list[k - 1]->id) + " and " +
                                   std::to_string(list[k]->id) + " at once");
            }
        }
    }
    double throughput = 0;
    std::size_t accepted = 0;
    for (std::size_t d = 0; d < plan.demands.size(); ++d)
    {
        const auto& demand = plan.demands[d];
        if (!demand.accepted)
        {
            if (demand.reason.empty())
            {
                problems.push_back("demand " + std::to_string(d) + " rejected without a reason");
            }
            continue;
        }
        ++accepted;
        throughput += demand.rate_hz;
        if (demand.rate_hz < demand.demand.rate_hz * (1 - 1e-12))
        {
            problems.push_back("demand " + std::to_string(d) + " accepted below its rate");
        }
        if (demand.fidelity < demand.demand.fmin)
        {
            problems.push_back("demand " + std::to_string(d) + " accepted below its fmin");
        }
        const auto instances = static_cast<uint32_t>(std::llround(h / demand.period_s));
        double worst = 0;
        for (uint32_t k = 0; k < instances; ++k)
        {
            const auto it = instanceEnd.find({static_cast<uint32_t>(d), k});
            if (it == instanceEnd.end())
            {
                problems.push_back("demand " + std::to_string(d) + ": instance " +
                                   std::to_string(k) + " has no tasks");
                continue;
            }
            const double release = k * demand.period_s;
            worst = std::max(worst, it->second - release);
            if (it->second > release + demand.period_s + tol)
            {
                problems.push_back("demand " + std::to_string(d) + ": instance " +
                                   std::to_string(k) + " ends after its deadline");
            }
        }
        // The reported worst case counts whole slots, the tasks exact times.
        if (worst > demand.wcrt_s + tol || demand.wcrt_s > demand.period_s + tol)
        {
            problems.push_back("demand " + std::to_string(d) + ": wcrt_s " +
                               std::to_string(demand.wcrt_s) + " disagrees with the tasks (" +
                               std::to_string(worst) + ")");
        }
    }
    if (accepted != plan.accepted ||
        std::abs(throughput - plan.throughput_ebit_s) > 1e-9 * throughput)
    {
        problems.push_back("accepted count or throughput disagrees with the demands");
    }
    return problems;
}

} // namespace planet
