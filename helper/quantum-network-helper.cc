/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "quantum-network-helper.h"

#include "ns3/data-rate.h"
#include "ns3/internet-stack-helper.h"
#include "ns3/ipv4-address-helper.h"
#include "ns3/ipv4-global-routing-helper.h"
#include "ns3/ipv4.h"
#include "ns3/log.h"
#include "ns3/point-to-point-helper.h"
#include "ns3/queue-size.h"
#include "ns3/traffic-control-helper.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("QuantumNetworkHelper");

namespace
{

/// The node whose largest fibre distance to the others is smallest (ties: lowest index).
uint32_t
CentralNode(const planet::QuantumTopology& topology)
{
    const std::size_t n = topology.Nodes().size();
    const double inf = std::numeric_limits<double>::infinity();
    std::vector<std::vector<double>> d(n, std::vector<double>(n, inf));
    for (std::size_t i = 0; i < n; ++i)
    {
        d[i][i] = 0;
    }
    for (const auto& l : topology.Links())
    {
        d[l.a][l.b] = std::min(d[l.a][l.b], l.length_km);
        d[l.b][l.a] = d[l.a][l.b];
    }
    for (std::size_t k = 0; k < n; ++k)
    {
        for (std::size_t i = 0; i < n; ++i)
        {
            for (std::size_t j = 0; j < n; ++j)
            {
                d[i][j] = std::min(d[i][j], d[i][k] + d[k][j]);
            }
        }
    }
    uint32_t best = 0;
    double bestFar = inf;
    for (uint32_t i = 0; i < n; ++i)
    {
        double far = 0;
        for (std::size_t j = 0; j < n; ++j)
        {
            far = std::max(far, d[i][j] < inf ? d[i][j] : 0.0);
        }
        if (far < bestFar)
        {
            bestFar = far;
            best = i;
        }
    }
    return best;
}

Time
FibreDelay(double length_km)
{
    return Seconds(length_km * 1e3 / planet::kFiberLightSpeed_m_s);
}

/// Routing metric of a link: its delay in microseconds (at least 1).
uint16_t
Metric(Time delay)
{
    return static_cast<uint16_t>(
        std::clamp<double>(std::round(delay.GetMicroSeconds()), 1.0, 65535.0));
}

} // namespace

std::vector<double>
QuantumNetworkHelper::DefaultAlphas()
{
    std::vector<double> alphas;
    for (int i = 0; i < 10; ++i)
    {
        alphas.push_back(0.1 + 0.4 * i / 9.0);
    }
    return alphas;
}

QuantumNetworkHelper::QuantumNetworkHelper()
{
    m_agentFactory.SetTypeId("ns3::QuantumAgent");
}

void
QuantumNetworkHelper::SetDevice(const planet::QuantumDevice& device)
{
    m_device = device;
}

void
QuantumNetworkHelper::SetLinkModel(std::shared_ptr<const planet::LinkModel> links)
{
    m_links = std::move(links);
}

void
QuantumNetworkHelper::SetDecoherenceModel(const std::string& name)
{
    planet::MakeDecoherenceModel(name); // checks the name
    m_decoherence = name;
}

void
QuantumNetworkHelper::SetControlDeviceAttribute(const std::string& name,
                                                const AttributeValue& value)
{
    m_deviceAttributes.emplace_back(name, value.Copy());
}

void
QuantumNetworkHelper::SetControlFibreStretch(double stretch)
{
    if (!(stretch > 0) || !std::isfinite(stretch))
    {
        throw std::invalid_argument("control fibre stretch must be positive, got " +
                                    std::to_string(stretch));
    }
    m_stretch = stretch;
}

void
QuantumNetworkHelper::SetController(int64_t node, double length_km)
{
    if (!(length_km > 0) || !std::isfinite(length_km))
    {
        throw std::invalid_argument("controller link length must be positive, got " +
                                    std::to_string(length_km) + " km");
    }
    m_controllerNode = node;
    m_controllerLength_km = length_km;
}

void
QuantumNetworkHelper::SetAgentAttribute(const std::string& name, const AttributeValue& value)
{
    m_agentFactory.Set(name, value);
}

Ptr<QuantumNetwork>
QuantumNetworkHelper::Install(const planet::QuantumTopology& topology) const
{
    NS_LOG_FUNCTION(this);
    const uint32_t n = static_cast<uint32_t>(topology.Nodes().size());
    if (m_controllerNode >= static_cast<int64_t>(n) || m_controllerNode < -1)
    {
        throw std::invalid_argument("controller node " + std::to_string(m_controllerNode) +
                                    " is not a node of the network (0.." + std::to_string(n - 1) +
                                    ", or -1 for the most central one)");
    }
    auto network = CreateObject<QuantumNetwork>();
    std::shared_ptr<const planet::LinkModel> links = m_links;
    if (!links)
    {
        links = std::make_shared<planet::TableLink>(
            planet::LoadTableLink(planet::NvLinkTablePath(), planet::DeviceOptics(m_device)));
    }
    std::shared_ptr<const planet::DecoherenceModel> decoherence =
        planet::MakeDecoherenceModel(m_decoherence);
    network->SetModels(topology, m_device, links, decoherence);

    std::vector<Ptr<QuantumNode>> nodes;
    NodeContainer all;
    for (uint32_t i = 0; i < n; ++i)
    {
        auto node = CreateObject<QuantumNode>();
        node->Configure(i, topology.Node(i), m_device, decoherence);
        nodes.push_back(node);
        all.Add(node);
    }
    auto controller = CreateObject<Node>();
    all.Add(controller);

    std::vector<Ptr<QuantumHeraldedLink>> heralded;
    for (uint32_t l = 0; l < topology.Links().size(); ++l)
    {
        const auto& link = topology.Links()[l];
        auto h = CreateObject<QuantumHeraldedLink>();
        h->Setup(l, nodes[link.a], nodes[link.b], link.length_km);
        heralded.push_back(h);
    }

    // The classical control network.
    InternetStackHelper stack;
    stack.Install(all);
    PointToPointHelper p2p;
    p2p.SetDeviceAttribute("DataRate", DataRateValue(DataRate("10Gbps")));
    for (const auto& [name, value] : m_deviceAttributes)
    {
        p2p.SetDeviceAttribute(name, *value);
    }
    p2p.SetQueue("ns3::DropTailQueue<Packet>", "MaxSize", QueueSizeValue(QueueSize("1000000p")));
    Ipv4AddressHelper addresses;
    addresses.SetBase("10.0.0.0", "255.255.255.252");
    TrafficControlHelper tc;
    std::vector<Ipv4Address> nodeAddress(n);
    auto connect = [&](Ptr<Node> a, Ptr<Node> b, double length_km) {
        const Time delay = FibreDelay(length_km);
        p2p.SetChannelAttribute("Delay", TimeValue(delay));
        NetDeviceContainer devices = p2p.Install(a, b);
        Ipv4InterfaceContainer interfaces = addresses.Assign(devices);
        addresses.NewNetwork();
        tc.Uninstall(devices);
        for (uint32_t k = 0; k < 2; ++k)
        {
            const auto [ipv4, index] = interfaces.Get(k);
            ipv4->SetMetric(index, Metric(delay));
        }
        return interfaces;
    };
    for (const auto& link : topology.Links())
    {
        const auto interfaces = connect(nodes[link.a], nodes[link.b], link.length_km * m_stretch);
        for (uint32_t k = 0; k < 2; ++k)
        {
            const uint32_t node = k == 0 ? link.a : link.b;
            if (nodeAddress[node] == Ipv4Address())
            {
                nodeAddress[node] = interfaces.GetAddress(k);
            }
        }
    }
    const uint32_t attachment =
        m_controllerNode >= 0 ? static_cast<uint32_t>(m_controllerNode) : CentralNode(topology);
    const auto controlInterfaces = connect(controller, nodes[attachment], m_controllerLength_km);
    if (nodeAddress[attachment] == Ipv4Address())
    {
        nodeAddress[attachment] = controlInterfaces.GetAddress(1);
    }
    Ipv4GlobalRoutingHelper::PopulateRoutingTables();

    std::vector<Ptr<QuantumAgent>> agents;
    for (uint32_t i = 0; i < n; ++i)
    {
        std::map<uint32_t, Ptr<QuantumHeraldedLink>> incident;
        for (uint32_t l = 0; l < topology.Links().size(); ++l)
        {
            if (topology.Links()[l].a == i || topology.Links()[l].b == i)
            {
                incident[l] = heralded[l];
            }
        }
        auto agent = m_agentFactory.Create<QuantumAgent>();
        nodes[i]->AddApplication(agent);
        agent->Setup(nodes[i], incident, nodeAddress, controlInterfaces.GetAddress(0));
        agent->SetStartTime(Time(0));
        agents.push_back(agent);
    }
    network->SetParts(nodes,
                      agents,
                      heralded,
                      controller,
                      attachment,
                      nodeAddress,
                      controlInterfaces.GetAddress(0));
    return network;
}

int64_t
QuantumNetworkHelper::AssignStreams(Ptr<QuantumNetwork> network, int64_t stream)
{
    int64_t used = 0;
    for (uint32_t l = 0; l < network->GetTopology().Links().size(); ++l)
    {
        used += network->GetLink(l)->AssignStreams(stream + used);
    }
    NodeContainer all = network->GetNodes();
    for (uint32_t i = 0; i < network->GetN(); ++i)
    {
        used += network->GetAgent(i)->AssignStreams(stream + used);
    }
    all.Add(network->GetController());
    used += InternetStackHelper().AssignStreams(all, stream + used);
    return used;
}

} // namespace ns3
