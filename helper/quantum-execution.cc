/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "quantum-execution.h"

#include "quantum-controller-helper.h"
#include "quantum-network-helper.h"

#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/uinteger.h"

namespace ns3
{

namespace
{

nlohmann::json
ToJson(const std::map<std::string, uint64_t>& counts)
{
    nlohmann::json out = nlohmann::json::object();
    for (const auto& [name, n] : counts)
    {
        out[name] = n;
    }
    return out;
}

/// Qubit utilisation the plan reserves: held slots per hyperperiod over qubits x hyperperiod.
double
PlannedUtilisation(const planet::QosPlan& plan, uint32_t qubits)
{
    const double h = static_cast<double>(plan.periodic.hyperperiod);
    double held = 0;
    for (const auto& job : plan.jobs)
    {
        for (const auto& hold : job.holds)
        {
            held +=
                static_cast<double>(hold.end - hold.begin) * h / static_cast<double>(job.period);
        }
    }
    return qubits > 0 && h > 0 ? held / (qubits * h) : 0.0;
}

} // namespace

nlohmann::json
ExecuteQuantumPlan(const planet::QuantumTopology& topology,
                   const planet::QosPlan& plan,
                   const planet::QuantumDevice& device,
                   std::shared_ptr<const planet::LinkModel> links,
                   const std::string& decoherence,
                   const QuantumExecutionOptions& options)
{
    QuantumNetworkHelper networkHelper;
    networkHelper.SetDevice(device);
    networkHelper.SetLinkModel(links);
    networkHelper.SetDecoherenceModel(decoherence);
    networkHelper.SetControlFibreStretch(options.controlFibreStretch);
    auto network = networkHelper.Install(topology);
    QuantumNetworkHelper::AssignStreams(network, options.stream);

    QuantumControllerHelper controllerHelper;
    controllerHelper.SetAttribute("Duration", TimeValue(Seconds(options.duration_s)));
    controllerHelper.SetAttribute("Hyperperiods", UintegerValue(options.hyperperiods));
    controllerHelper.SetAttribute("MissedWindow", StringValue(options.missedWindow));
    controllerHelper.SetAttribute("StorageCutoff", TimeValue(Seconds(options.cutoff_s)));
    auto apps = controllerHelper.Install(network, plan);
    auto controller = DynamicCast<QuantumController>(apps.Get(0));

    Simulator::Run();

    const uint32_t version = controller->GetVersion();
    const double duration = controller->GetDuration(version).GetSeconds();
    std::map<uint32_t, double> busyByDemand;
    double busy = 0;
    uint64_t lateSchedules = 0;
    std::map<std::string, uint64_t> messages;
    for (uint32_t i = 0; i < network->GetN(); ++i)
    {
        busy += network->GetNode(i)->GetBusySeconds();
        for (const auto& [d, s] : network->GetNode(i)->GetBusySecondsByDemand())
        {
            busyByDemand[d] += s;
        }
        lateSchedules += network->GetAgent(i)->GetLateSchedules();
        for (const auto& [type, n] : network->GetAgent(i)->GetMessagesSent())
        {
            messages[type] += n;
        }
    }
    messages["schedule"] += controller->GetMessagesSent();
    uint64_t attempts = 0;
    for (uint32_t l = 0; l < topology.Links().size(); ++l)
    {
        attempts += network->GetLink(l)->GetAttempts();
    }

    nlohmann::json demands = nlohmann::json::array();
    std::map<std::string, uint64_t> abortedBy;
    uint64_t instances = 0;
    uint64_t delivered = 0;
    uint64_t aborted = 0;
    uint64_t unfinished = 0;
    uint64_t late = 0;
    double throughput = 0;
    double fidelitySum = 0;
    double wcrt = 0;
    double jitter = 0;
    for (uint32_t d = 0; d < plan.demands.size(); ++d)
    {
        const auto& p = plan.demands[d];
        if (!p.accepted)
        {
            demands.push_back(nullptr);
            continue;
        }
        const auto q = controller->GetMeasured(version, d);
        demands.push_back({{"instances", q.instances},
                           {"pairs_delivered", q.delivered},
                           {"aborted", q.aborted},
                           {"aborted_by", ToJson(q.abortedBy)},
                           {"unfinished", q.unfinished},
                           {"late", q.late},
                           {"rate_hz", q.rate_hz},
                           {"rate_over_requested", q.rate_hz / p.demand.rate_hz},
                           {"rate_over_planned", q.rate_hz / p.rate_hz},
                           {"fidelity_mean", q.fidelityMean},
                           {"fidelity_p05", q.fidelityP05},
                           {"fraction_at_least_fmin", q.fractionAtLeastFmin},
                           {"latency_mean_s", q.latencyMean_s},
                           {"wcrt_s", q.wcrt_s},
                           {"jitter_s2", q.jitter_s2},
                           {"latency_jitter_s2", q.latencyJitter_s2},
                           {"qubit_seconds", busyByDemand[d]}});
        instances += q.instances;
        delivered += q.delivered;
        aborted += q.aborted;
        unfinished += q.unfinished;
        late += q.late;
        for (const auto& [reason, n] : q.abortedBy)
        {
            abortedBy[reason] += n;
        }
        throughput += q.rate_hz;
        fidelitySum += q.fidelityMean * static_cast<double>(q.delivered);
        wcrt = std::max(wcrt, q.wcrt_s);
        jitter = std::max(jitter, q.jitter_s2);
    }
    const uint64_t events = Simulator::GetEventCount();
    nlohmann::json overall{
        {"duration_s", duration},
        {"activation_s", controller->GetActivation(version).GetSeconds()},
        {"hyperperiods", plan.hyperperiod_s > 0 ? duration / plan.hyperperiod_s : 0.0},
        {"missed_window", options.missedWindow},
        {"storage_cutoff_s", options.cutoff_s},
        {"instances", instances},
        {"pairs_delivered", delivered},
        {"aborted", aborted},
        {"aborted_by", ToJson(abortedBy)},
        {"unfinished", unfinished},
        {"late", late},
        {"throughput_ebit_s", throughput},
        {"planned_throughput_ebit_s", plan.throughput_ebit_s},
        {"fidelity_mean", delivered > 0 ? fidelitySum / static_cast<double>(delivered) : 0.0},
        {"max_wcrt_s", wcrt},
        {"max_jitter_s2", jitter},
        {"qubit_utilisation",
         topology.QubitCount() > 0 && duration > 0 ? busy / (topology.QubitCount() * duration)
                                                   : 0.0},
        {"planned_qubit_utilisation", PlannedUtilisation(plan, topology.QubitCount())},
        {"link_attempts", attempts},
        {"control_messages", ToJson(messages)},
        {"control_messages_received", ToJson(controller->GetMessagesReceived())},
        {"late_schedules", lateSchedules},
        {"events", events},
        {"events_per_pair",
         delivered > 0 ? static_cast<double>(events) / static_cast<double>(delivered) : 0.0}};
    return {{"overall", overall}, {"demands", demands}};
}

} // namespace ns3
