/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "quantum-scenario.h"

#include "quantum-execution.h"
#include "quantum-network-helper.h"

#include "ns3/boolean.h"
#include "ns3/double.h"
#include "ns3/log.h"
#include "ns3/quantum-hardware.h"
#include "ns3/quantum-qubit-mapping.h"
#include "ns3/random-variable-stream.h"
#include "ns3/string.h"
#include "ns3/uinteger.h"

#include <cmath>
#include <fstream>
#include <iomanip>
#include <memory>
#include <stdexcept>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("QuantumScenario");

NS_OBJECT_ENSURE_REGISTERED(QuantumScenario);

namespace
{

const std::vector<std::string> kStudyNetworks{"star", "h", "line", "symmetric"};

bool
IsFile(const std::string& path)
{
    return std::ifstream(path).good();
}

} // namespace

TypeId
QuantumScenario::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::QuantumScenario")
            .SetParent<PlanetScenario>()
            .SetGroupName("Planet")
            .AddConstructor<QuantumScenario>()
            .AddAttribute("Network",
                          "the network: star|h|line|symmetric (the study's small networks) or "
                          "a GML or GraphML (.graphml) file such as data/quantum/surfnet.gml",
                          StringValue("star"),
                          MakeStringAccessor(&QuantumScenario::m_network),
                          MakeStringChecker())
            .AddAttribute("LinkLength",
                          "link length in km of the study's small networks",
                          DoubleValue(5.0),
                          MakeDoubleAccessor(&QuantumScenario::m_linkLength),
                          MakeDoubleChecker<double>(0.001))
            .AddAttribute("Demands",
                          "JSON file: a list of {src, dst, fmin, rate} (node index or name, "
                          "fidelity, pairs/s); empty: random demands",
                          StringValue(""),
                          MakeStringAccessor(&QuantumScenario::m_demands),
                          MakeStringChecker())
            .AddAttribute("RandomDemands",
                          "number of random demands (when no demands file is given)",
                          UintegerValue(10),
                          MakeUintegerAccessor(&QuantumScenario::m_randomDemands),
                          MakeUintegerChecker<uint32_t>(1, 100000))
            .AddAttribute("Fmin",
                          "minimum fidelity of the random demands, in (0.25, 1]",
                          DoubleValue(0.5),
                          MakeDoubleAccessor(&QuantumScenario::m_fmin),
                          MakeDoubleChecker<double>(0.25, 1.0))
            .AddAttribute("MinRate",
                          "lowest rate of random demands (pairs/s; rates are powers of two)",
                          DoubleValue(0.5),
                          MakeDoubleAccessor(&QuantumScenario::m_minRate),
                          MakeDoubleChecker<double>(1e-9))
            .AddAttribute("MaxRate",
                          "highest rate of random demands (pairs/s; rates are powers of two)",
                          DoubleValue(8.0),
                          MakeDoubleAccessor(&QuantumScenario::m_maxRate),
                          MakeDoubleChecker<double>(1e-9))
            .AddAttribute("Scheduler",
                          "periodic scheduler: the study's PTS-NP-EDF|RCPSP-NP-EDF|RCPSP-NP-FPR "
                          "or planet's PLANET-WC-EDF|PLANET-WC-RM|PLANET-RCPSP",
                          StringValue("RCPSP-NP-EDF"),
                          MakeStringAccessor(&QuantumScenario::m_scheduler),
                          MakeStringChecker())
            .AddAttribute("QubitMapping",
                          "how each demand's qubits map onto the nodes' qubits: least-used "
                          "(balancing: the demand's busiest qubits onto the least utilised of "
                          "their node and kind, as the study describes) or lowest-index "
                          "(planet's former rule: every demand on the lowest free indices)",
                          StringValue("least-used"),
                          MakeStringAccessor(&QuantumScenario::m_qubitMapping),
                          MakeStringChecker())
            .AddAttribute("EngineSchedules",
                          "PLANET-RCPSP: schedules the RCPSP engine generates (genetic "
                          "algorithm, then as many sampled lists) per call, when RCPSP-NP-EDF "
                          "misses a deadline",
                          UintegerValue(8),
                          MakeUintegerAccessor(&QuantumScenario::m_engineSchedules),
                          MakeUintegerChecker<uint64_t>(1))
            .AddAttribute("Slot",
                          "slot length in seconds; periods are powers of two of slots",
                          DoubleValue(1e-3),
                          MakeDoubleAccessor(&QuantumScenario::m_slot),
                          MakeDoubleChecker<double>(1e-9))
            .AddAttribute("Hardware",
                          "parameter set: nv (NV centres as measured: the device defaults or "
                          "Device, links from the measured table the study uses), futuristic "
                          "(planet's better-than-today set: two-qubit gate and readout errors "
                          "1e-3, carbon T2 10 s, double-click links with emission efficiency 0.5 "
                          "and visibility 0.9; not the study's SURFnet parameters, which are "
                          "links of fidelity 0.999 at 1400 Hz, "
                          "data/quantum/surfnet-link-capabilities.json) or study (the study's "
                          "fidelity model: Werner math on the links' fidelities, no "
                          "initialisation, gate, readout, attempt-dephasing or memory noise; "
                          "the measured table)",
                          StringValue("nv"),
                          MakeStringAccessor(&QuantumScenario::m_hardware),
                          MakeStringChecker())
            .AddAttribute("Links",
                          "link model: auto (the Hardware's: nv-table for nv and study, "
                          "double-click for futuristic), nv-table (the measured NV table, "
                          "data/quantum/nv-link-capabilities.json), single-click|double-click "
                          "(analytic models) or a capability table file",
                          StringValue("auto"),
                          MakeStringAccessor(&QuantumScenario::m_links),
                          MakeStringChecker())
            .AddAttribute("Device",
                          "device parameters: empty for the NV centre defaults, or a file such "
                          "as data/quantum/nv-device-config.json",
                          StringValue(""),
                          MakeStringAccessor(&QuantumScenario::m_device),
                          MakeStringChecker())
            .AddAttribute("Decoherence",
                          "memory decoherence model: T1T2|Dephasing",
                          StringValue("T1T2"),
                          MakeStringAccessor(&QuantumScenario::m_decoherence),
                          MakeStringChecker())
            .AddAttribute("Execute",
                          "execute the plan in ns-3 and measure what each demand gets (false: "
                          "plan only)",
                          BooleanValue(true),
                          MakeBooleanAccessor(&QuantumScenario::m_execute),
                          MakeBooleanChecker())
            .AddAttribute("Duration",
                          "execution: seconds of schedule to run (instances released within "
                          "it); 0 runs Hyperperiods hyperperiods",
                          DoubleValue(0.0),
                          MakeDoubleAccessor(&QuantumScenario::m_duration),
                          MakeDoubleChecker<double>(0.0))
            .AddAttribute("Hyperperiods",
                          "execution: hyperperiods to run when Duration is 0",
                          UintegerValue(10),
                          MakeUintegerAccessor(&QuantumScenario::m_hyperperiods),
                          MakeUintegerChecker<uint32_t>(1, 1000000))
            .AddAttribute("WindowQuantile",
                          "link-generation windows, in planning and execution alike: 0 plans "
                          "1/rate per link; q in (0, 1) the attempts that herald a pair with "
                          "probability q (about ln(1/(1-q))/p attempts)",
                          DoubleValue(0.0),
                          MakeDoubleAccessor(&QuantumScenario::m_windowQuantile),
                          MakeDoubleChecker<double>(0.0, 0.999999))
            .AddAttribute("MissedWindow",
                          "execution: a link generation that misses its window aborts its "
                          "instance (abort) or tries another window within the slack (retry)",
                          StringValue("abort"),
                          MakeStringAccessor(&QuantumScenario::m_missedWindow),
                          MakeStringChecker())
            .AddAttribute("StorageCutoff",
                          "execution: seconds after which a stored pair is discarded (0: never)",
                          DoubleValue(0.0),
                          MakeDoubleAccessor(&QuantumScenario::m_storageCutoff),
                          MakeDoubleChecker<double>(0.0))
            .AddAttribute("ControlFibreStretch",
                          "execution: length of each classical control fibre over that of the "
                          "quantum link beside it",
                          DoubleValue(1.0),
                          MakeDoubleAccessor(&QuantumScenario::m_controlStretch),
                          MakeDoubleChecker<double>(1e-6))
            .AddTraceSource("Planned",
                            "the plan is made: the topology and the plan",
                            MakeTraceSourceAccessor(&QuantumScenario::m_planned),
                            "ns3::QuantumScenario::PlannedCallback");
    return tid;
}

QuantumScenario::QuantumScenario()
{
    NS_LOG_FUNCTION(this);
}

planet::QuantumTopology
QuantumScenario::MakeNetwork() const
{
    for (const auto& name : kStudyNetworks)
    {
        if (m_network == name)
        {
            return planet::MakeStudyTopology(name, m_linkLength);
        }
    }
    if (!IsFile(m_network))
    {
        throw std::invalid_argument("parameter 'network': unknown value '" + m_network +
                                    "' (allowed: star|h|line|symmetric or a GML/GraphML file)");
    }
    return planet::LoadTopologyFile(m_network);
}

std::vector<planet::QuantumDemand>
QuantumScenario::MakeDemands(const planet::QuantumTopology& topology) const
{
    if (!m_demands.empty())
    {
        return planet::ReadQuantumDemands(m_demands, topology);
    }

    const auto ends = topology.EndNodes();
    if (ends.size() < 2)
    {
        throw std::invalid_argument("parameter 'network': random demands need two end nodes");
    }
    const int lowest = static_cast<int>(std::ceil(std::log2(m_minRate) - 1e-9));
    const int highest = static_cast<int>(std::floor(std::log2(m_maxRate) + 1e-9));
    if (lowest > highest)
    {
        throw std::invalid_argument("parameters 'minRate'/'maxRate': no power of two in [" +
                                    std::to_string(m_minRate) + ", " + std::to_string(m_maxRate) +
                                    "]");
    }
    auto rng = CreateObject<UniformRandomVariable>();
    rng->SetStream(0);
    std::vector<planet::QuantumDemand> demands;
    const auto n = static_cast<uint32_t>(ends.size());
    for (uint32_t i = 0; i < m_randomDemands; ++i)
    {
        planet::QuantumDemand d;
        const uint32_t a = rng->GetInteger(0, n - 1);
        const uint32_t b = (a + rng->GetInteger(1, n - 1)) % n; // distinct from a, uniform
        d.src = ends[a];
        d.dst = ends[b];
        d.fmin = m_fmin;
        d.rate_hz =
            std::ldexp(1.0, static_cast<int>(rng->GetInteger(0, highest - lowest)) + lowest);
        demands.push_back(d);
    }
    return demands;
}

nlohmann::json
QuantumScenario::DoRunScenario()
{
    NS_LOG_FUNCTION(this);
    CheckChoice("scheduler", m_scheduler, planet::PeriodicSchedulerNames());
    CheckChoice("qubitMapping", m_qubitMapping, planet::QubitMappingNames());
    CheckChoice("decoherence", m_decoherence, {"T1T2", "Dephasing"});
    CheckChoice("missedWindow", m_missedWindow, {"abort", "retry"});
    if (m_fmin <= 0.25)
    {
        throw std::invalid_argument("parameter 'fmin': must be in (0.25, 1], got " +
                                    std::to_string(m_fmin));
    }
    const auto topology = MakeNetwork();
    const auto demands = MakeDemands(topology);

    const auto& hardware = planet::FindHardwareProfile(m_hardware);
    planet::QuantumDevice device =
        m_device.empty() ? planet::QuantumDevice{} : planet::LoadQuantumDevice(m_device);
    planet::OpticalParameters optics = planet::DeviceOptics(device);
    hardware.apply(device, optics);
    const std::string linkModel = m_links == "auto" ? hardware.defaultLinks : m_links;
    std::shared_ptr<planet::LinkModel> links;
    if (linkModel == "single-click")
    {
        links = std::make_shared<planet::SingleClickLink>(optics,
                                                          QuantumNetworkHelper::DefaultAlphas());
    }
    else if (linkModel == "double-click")
    {
        links = std::make_shared<planet::DoubleClickLink>(optics);
    }
    else if (linkModel == "nv-table" || IsFile(linkModel))
    {
        links = std::make_shared<planet::TableLink>(
            planet::LoadTableLink(linkModel == "nv-table" ? planet::NvLinkTablePath() : linkModel,
                                  optics));
    }
    else
    {
        throw std::invalid_argument("parameter 'links': unknown value '" + m_links +
                                    "' (allowed: auto|nv-table|single-click|double-click or a "
                                    "capability table file)");
    }
    const auto decoherence = planet::MakeDecoherenceModel(m_decoherence);

    planet::QosPlanOptions options;
    options.scheduler = m_scheduler;
    options.qubitMapping = m_qubitMapping;
    options.slot_s = m_slot;
    options.engine.schedules = m_engineSchedules;
    options.windowQuantile = m_windowQuantile;
    const auto plan =
        planet::PlanQuantumNetwork(topology, demands, *links, device, *decoherence, options);
    m_planned(topology, plan);

    nlohmann::json measured;
    if (m_execute)
    {
        QuantumExecutionOptions execution;
        execution.duration_s = m_duration;
        execution.hyperperiods = m_hyperperiods;
        execution.missedWindow = m_missedWindow;
        execution.cutoff_s = m_storageCutoff;
        execution.controlFibreStretch = m_controlStretch;
        execution.stream = 1; // stream 0 draws the random demands
        measured = ExecuteQuantumPlan(topology, plan, device, links, m_decoherence, execution);
    }

    nlohmann::json out;
    out["plan_only"] = !m_execute;
    out["note"] = m_execute ? "executed in ns-3: planned figures and, under measured, what the "
                              "demands got"
                            : "plan only: the schedule was not executed (--execute=false)";
    out["network"] = {{"nodes", topology.Nodes().size()},
                      {"end_nodes", topology.EndNodes().size()},
                      {"links", topology.Links().size()},
                      {"qubits", topology.QubitCount()}};
    out["scheduler"] = m_scheduler;
    out["qubit_mapping"] = m_qubitMapping;
    out["slot_s"] = m_slot;
    out["hyperperiod_s"] = plan.hyperperiod_s;
    out["accepted"] = plan.accepted;
    out["rejected"] = demands.size() - plan.accepted;
    out["throughput_ebit_s"] = plan.throughput_ebit_s;
    nlohmann::json list = nlohmann::json::array();
    double jitter = 0;
    double wcrt = 0;
    for (const auto& d : plan.demands)
    {
        nlohmann::json item{{"src", d.demand.src},
                            {"dst", d.demand.dst},
                            {"fmin", d.demand.fmin},
                            {"rate", d.demand.rate_hz},
                            {"accepted", d.accepted},
                            {"path", d.path},
                            {"protocol", d.protocol},
                            {"plan_duration_s", d.planDuration_s},
                            {"success_probability", d.successProbability},
                            {"period_s", d.period_s},
                            {"rate_achieved", d.rate_hz},
                            {"wcrt_s", d.wcrt_s},
                            {"jitter_s2", d.jitter_s2},
                            {"cyclic_jitter_s2", d.cyclicJitter_s2},
                            {"fidelity", d.fidelity}};
        if (!d.accepted)
        {
            item["reason"] = d.reason;
        }
        else
        {
            jitter = std::max(jitter, d.jitter_s2);
            wcrt = std::max(wcrt, d.wcrt_s);
        }
        if (m_execute && d.accepted)
        {
            item["measured"] = measured["demands"][list.size()];
        }
        list.push_back(std::move(item));
    }
    out["demands"] = std::move(list);
    if (m_execute)
    {
        out["measured"] = measured["overall"];
    }
    out["max_jitter_s2"] = jitter;
    out["max_wcrt_s"] = wcrt;
    nlohmann::json schedule = nlohmann::json::array();
    for (const auto& t : plan.schedule)
    {
        schedule.push_back({{"id", t.id},
                            {"demand", t.demand},
                            {"instance", t.instance},
                            {"kind", t.kind},
                            {"qubits", t.qubits},
                            {"start_s", t.start_s},
                            {"end_s", t.end_s}});
    }
    out["schedule"] = std::move(schedule);
    return out;
}

void
QuantumScenario::PrintSummary(const nlohmann::json& record, std::ostream& os) const
{
    os << "planet-quantum (" << record.at("note").get<std::string>() << ")" << std::endl;
    os << "scheduler " << record.at("scheduler").get<std::string>() << ", hyperperiod "
       << record.at("hyperperiod_s").get<double>() << " s, " << record.at("schedule").size()
       << " tasks per hyperperiod" << std::endl;
    os << std::left << std::setw(10) << "src-dst" << std::setw(7) << "fmin" << std::setw(8)
       << "rate" << std::setw(9) << "accepted" << std::setw(10) << "achieved" << std::setw(9)
       << "fidelity" << std::setw(9) << "wcrt_s"
       << "jitter_s2 / reason" << std::endl;
    for (const auto& d : record.at("demands"))
    {
        const std::string pair = std::to_string(d.at("src").get<uint32_t>()) + "-" +
                                 std::to_string(d.at("dst").get<uint32_t>());
        os << std::left << std::setw(10) << pair << std::setw(7) << d.at("fmin").get<double>()
           << std::setw(8) << d.at("rate").get<double>() << std::setw(9)
           << (d.at("accepted").get<bool>() ? "yes" : "no") << std::setw(10)
           << d.at("rate_achieved").get<double>() << std::setw(9) << d.at("fidelity").get<double>()
           << std::setw(9) << d.at("wcrt_s").get<double>();
        if (d.at("accepted").get<bool>())
        {
            os << d.at("jitter_s2").get<double>();
        }
        else
        {
            os << d.at("reason").get<std::string>();
        }
        os << std::endl;
    }
    os << "accepted " << record.at("accepted").get<std::size_t>() << "/"
       << record.at("demands").size() << ", throughput "
       << record.at("throughput_ebit_s").get<double>() << " ebit/s" << std::endl;
    if (record.contains("measured"))
    {
        const auto& m = record.at("measured");
        os << "executed " << m.at("duration_s").get<double>()
           << " s: " << m.at("pairs_delivered").get<uint64_t>() << " pairs delivered of "
           << m.at("instances").get<uint64_t>() << " instances, "
           << m.at("throughput_ebit_s").get<double>() << " ebit/s (planned "
           << m.at("planned_throughput_ebit_s").get<double>() << "), mean fidelity "
           << m.at("fidelity_mean").get<double>() << ", aborted " << m.at("aborted_by").dump()
           << std::endl;
        os << std::left << std::setw(10) << "src-dst" << std::setw(11) << "delivered"
           << std::setw(11) << "rate_hz" << std::setw(11) << "planned" << std::setw(10)
           << "fidelity" << std::setw(10) << "p05"
           << "wcrt_s" << std::endl;
        for (const auto& d : record.at("demands"))
        {
            if (!d.at("accepted").get<bool>())
            {
                continue;
            }
            const auto& q = d.at("measured");
            os << std::left << std::setw(10)
               << (std::to_string(d.at("src").get<uint32_t>()) + "-" +
                   std::to_string(d.at("dst").get<uint32_t>()))
               << std::setw(11) << q.at("pairs_delivered").get<uint64_t>() << std::setw(11)
               << q.at("rate_hz").get<double>() << std::setw(11)
               << d.at("rate_achieved").get<double>() << std::setw(10)
               << q.at("fidelity_mean").get<double>() << std::setw(10)
               << q.at("fidelity_p05").get<double>() << q.at("wcrt_s").get<double>() << std::endl;
        }
    }
    PlanetScenario::PrintSummary(record, os);
}

} // namespace ns3
