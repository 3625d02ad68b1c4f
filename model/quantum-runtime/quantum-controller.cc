/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "quantum-controller.h"

#include "ns3/enum.h"
#include "ns3/inet-socket-address.h"
#include "ns3/log.h"
#include "ns3/packet.h"
#include "ns3/quantum-node-schedule.h"
#include "ns3/simulator.h"
#include "ns3/udp-socket-factory.h"
#include "ns3/uinteger.h"

#include <cmath>
#include <stdexcept>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("QuantumController");

NS_OBJECT_ENSURE_REGISTERED(QuantumController);

namespace
{

/// Payload bytes per schedule message: with the headers it stays within a 1500-byte MTU.
constexpr std::size_t kChunkBytes = 1400;

} // namespace

TypeId
QuantumController::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::QuantumController")
            .SetParent<Application>()
            .SetGroupName("Planet")
            .AddConstructor<QuantumController>()
            .AddAttribute("Port",
                          "UDP port of the quantum control plane",
                          UintegerValue(9000),
                          MakeUintegerAccessor(&QuantumController::m_port),
                          MakeUintegerChecker<uint16_t>(1))
            .AddAttribute("ActivationDelay",
                          "time from sending a schedule to its activation (it must reach every "
                          "node before; a node that gets it later starts with the next "
                          "hyperperiod)",
                          TimeValue(MilliSeconds(10)),
                          MakeTimeAccessor(&QuantumController::m_activationDelay),
                          MakeTimeChecker(Time(0)))
            .AddAttribute("Duration",
                          "run length: instances released this long after the activation are "
                          "executed (0: Hyperperiods hyperperiods)",
                          TimeValue(Time(0)),
                          MakeTimeAccessor(&QuantumController::m_duration),
                          MakeTimeChecker(Time(0)))
            .AddAttribute("Hyperperiods",
                          "run length in hyperperiods of the schedule when Duration is 0",
                          UintegerValue(10),
                          MakeUintegerAccessor(&QuantumController::m_hyperperiods),
                          MakeUintegerChecker<uint32_t>(1))
            .AddAttribute("MissedWindow",
                          "what a link generation that misses its window does: abort (the "
                          "instance) or retry (another window, if it ends within the "
                          "instance's slack)",
                          EnumValue(ABORT),
                          MakeEnumAccessor(&QuantumController::m_missedWindow),
                          MakeEnumChecker(ABORT, "abort", RETRY, "retry"))
            .AddAttribute("StorageCutoff",
                          "pairs older than this (since the herald of their oldest link pair) "
                          "are discarded and abort their instance (0: no cutoff)",
                          TimeValue(Time(0)),
                          MakeTimeAccessor(&QuantumController::m_cutoff),
                          MakeTimeChecker(Time(0)))
            .AddTraceSource("Delivered",
                            "a pair reached both end nodes: demand, instance, fidelity, latency "
                            "from the instance's release",
                            MakeTraceSourceAccessor(&QuantumController::m_deliveredTrace),
                            "ns3::QuantumController::DeliveredCallback")
            .AddTraceSource("Aborted",
                            "an instance was aborted: demand, instance, reason",
                            MakeTraceSourceAccessor(&QuantumController::m_abortedTrace),
                            "ns3::QuantumController::AbortedCallback");
    return tid;
}

QuantumController::QuantumController()
{
    NS_LOG_FUNCTION(this);
}

void
QuantumController::SetNetwork(Ptr<QuantumNetwork> network)
{
    m_network = network;
}

void
QuantumController::SetPlan(const planet::QosPlan& plan)
{
    m_plan = plan;
}

void
QuantumController::StartApplication()
{
    NS_LOG_FUNCTION(this);
    m_socket = Socket::CreateSocket(GetNode(), UdpSocketFactory::GetTypeId());
    m_socket->Bind(InetSocketAddress(Ipv4Address::GetAny(), m_port));
    m_socket->SetRecvCallback(MakeCallback(&QuantumController::HandleRead, this));
    Distribute(m_plan, Simulator::Now() + m_activationDelay);
}

void
QuantumController::StopApplication()
{
    if (m_socket)
    {
        m_socket->SetRecvCallback(MakeNullCallback<void, Ptr<Socket>>());
        m_socket->Close();
    }
}

void
QuantumController::DoDispose()
{
    m_socket = nullptr;
    m_network = nullptr;
    Application::DoDispose();
}

uint32_t
QuantumController::Distribute(const planet::QosPlan& plan, Time activation)
{
    NS_LOG_FUNCTION(this << activation);
    if (!m_network || !m_socket)
    {
        throw std::logic_error("QuantumController: distribute after the network is set and the "
                               "application has started");
    }
    if (m_version == 255)
    {
        throw std::invalid_argument("QuantumController: at most 255 schedule versions");
    }
    // The new version takes over at its activation: older ones release no instance after it.
    for (auto& [old, t] : m_tracked)
    {
        t.duration = std::min(t.duration, activation - t.activation);
        for (auto& [demand, outcomes] : t.outcomes)
        {
            while (!outcomes.empty() && outcomes.back().release_s >= activation.GetSeconds() - 1e-9)
            {
                outcomes.pop_back();
            }
            t.reports[demand].resize(outcomes.size());
        }
    }
    const uint32_t version = ++m_version;
    auto& tracked = m_tracked[version];
    tracked.plan = plan;
    tracked.activation = activation;
    const double h = plan.hyperperiod_s;
    tracked.duration = m_duration.IsStrictlyPositive() ? m_duration : Seconds(h * m_hyperperiods);
    const double duration = tracked.duration.GetSeconds();
    // Every accepted demand's instances released within the run, unfinished until reported.
    for (uint32_t d = 0; d < plan.demands.size(); ++d)
    {
        const auto& demand = plan.demands[d];
        if (!demand.accepted)
        {
            continue;
        }
        auto& outcomes = tracked.outcomes[d];
        for (uint64_t seq = 0; static_cast<double>(seq) * demand.period_s < duration - 1e-9; ++seq)
        {
            planet::InstanceOutcome o;
            o.seq = seq;
            o.release_s = activation.GetSeconds() + static_cast<double>(seq) * demand.period_s;
            o.deadline_s = o.release_s + demand.period_s;
            outcomes.push_back(o);
        }
        tracked.reports[d].assign(outcomes.size(), 0);
    }

    auto schedules = planet::BuildNodeSchedules(plan, m_network->GetTopology());
    for (auto& s : schedules)
    {
        if (s.tasks.empty())
        {
            continue;
        }
        s.activation_s = activation.GetSeconds();
        s.duration_s = duration;
        s.retry = m_missedWindow == RETRY;
        s.cutoff_s = m_cutoff.GetSeconds();
        const auto bytes = planet::EncodeNodeSchedule(s);
        const std::size_t chunks = (bytes.size() + kChunkBytes - 1) / kChunkBytes;
        if (chunks > 0xffff)
        {
            throw std::invalid_argument("QuantumController: the schedule of node " +
                                        std::to_string(s.node) + " is too large to send");
        }
        for (std::size_t c = 0; c < chunks; ++c)
        {
            const std::size_t from = c * kChunkBytes;
            const std::size_t n = std::min(kChunkBytes, bytes.size() - from);
            Ptr<Packet> p = Create<Packet>(bytes.data() + from, static_cast<uint32_t>(n));
            QuantumControlHeader header;
            header.type = QuantumControlHeader::SCHEDULE;
            header.instance = QuantumInstance::Key(version, 0, 0);
            header.chunk = static_cast<uint16_t>(c);
            header.chunks = static_cast<uint16_t>(chunks);
            p->AddHeader(header);
            m_socket->SendTo(p, 0, InetSocketAddress(m_network->GetAddress(s.node), m_port));
            ++m_sent;
        }
    }
    return version;
}

void
QuantumController::HandleRead(Ptr<Socket> socket)
{
    Ptr<Packet> packet;
    while ((packet = socket->Recv()))
    {
        QuantumControlHeader h;
        packet->RemoveHeader(h);
        ++m_received[h.type];
        const auto tracked = m_tracked.find(QuantumInstance::Version(h.instance));
        if (tracked == m_tracked.end())
        {
            continue;
        }
        const uint32_t demand = QuantumInstance::Demand(h.instance);
        const uint64_t seq = QuantumInstance::Seq(h.instance);
        auto outcomes = tracked->second.outcomes.find(demand);
        if (outcomes == tracked->second.outcomes.end() || seq >= outcomes->second.size())
        {
            continue;
        }
        auto& o = outcomes->second[seq];
        if (o.delivered || !o.abortReason.empty())
        {
            continue;
        }
        if (h.type == QuantumControlHeader::ABORT)
        {
            o.abortReason = QuantumControlHeader::ReasonName(h.bits);
            m_abortedTrace(demand, seq, o.abortReason);
        }
        else if (h.type == QuantumControlHeader::DELIVERED)
        {
            o.delivered_s = std::max(o.delivered_s, NanoSeconds(h.time_ns).GetSeconds());
            if (h.fidelity >= 0)
            {
                o.fidelity = h.fidelity;
            }
            if (++tracked->second.reports[demand][seq] == 2)
            {
                o.delivered = true;
                m_deliveredTrace(demand, seq, o.fidelity, Seconds(o.delivered_s - o.release_s));
            }
        }
    }
}

uint32_t
QuantumController::GetVersion() const
{
    return m_version;
}

Time
QuantumController::GetActivation(uint32_t version) const
{
    return m_tracked.at(version).activation;
}

Time
QuantumController::GetDuration(uint32_t version) const
{
    return m_tracked.at(version).duration;
}

const planet::QosPlan&
QuantumController::GetPlan(uint32_t version) const
{
    return m_tracked.at(version).plan;
}

const std::vector<planet::InstanceOutcome>&
QuantumController::GetOutcomes(uint32_t version, uint32_t demand) const
{
    return m_tracked.at(version).outcomes.at(demand);
}

planet::MeasuredQos
QuantumController::GetMeasured(uint32_t version, uint32_t demand) const
{
    const auto& t = m_tracked.at(version);
    const auto& d = t.plan.demands.at(demand);
    return planet::SummariseOutcomes(t.outcomes.at(demand),
                                     d.period_s,
                                     d.demand.fmin,
                                     t.duration.GetSeconds());
}

std::map<std::string, uint64_t>
QuantumController::GetMessagesReceived() const
{
    return QuantumControlHeader::ByTypeName(m_received);
}

uint64_t
QuantumController::GetMessagesSent() const
{
    return m_sent;
}

} // namespace ns3
