/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "quantum-network.h"

namespace ns3
{

NS_OBJECT_ENSURE_REGISTERED(QuantumNetwork);

TypeId
QuantumNetwork::GetTypeId()
{
    static TypeId tid = TypeId("ns3::QuantumNetwork")
                            .SetParent<Object>()
                            .SetGroupName("Planet")
                            .AddConstructor<QuantumNetwork>();
    return tid;
}

const planet::QuantumTopology&
QuantumNetwork::GetTopology() const
{
    return m_topology;
}

const planet::QuantumDevice&
QuantumNetwork::GetDevice() const
{
    return m_device;
}

const planet::LinkModel&
QuantumNetwork::GetLinkModel() const
{
    return *m_linkModel;
}

const planet::DecoherenceModel&
QuantumNetwork::GetDecoherence() const
{
    return *m_decoherence;
}

uint32_t
QuantumNetwork::GetN() const
{
    return static_cast<uint32_t>(m_nodes.size());
}

Ptr<QuantumNode>
QuantumNetwork::GetNode(uint32_t i) const
{
    return m_nodes.at(i);
}

NodeContainer
QuantumNetwork::GetNodes() const
{
    NodeContainer c;
    for (const auto& n : m_nodes)
    {
        c.Add(n);
    }
    return c;
}

Ptr<QuantumAgent>
QuantumNetwork::GetAgent(uint32_t i) const
{
    return m_agents.at(i);
}

Ptr<QuantumHeraldedLink>
QuantumNetwork::GetLink(uint32_t i) const
{
    return m_links.at(i);
}

Ptr<Node>
QuantumNetwork::GetController() const
{
    return m_controller;
}

uint32_t
QuantumNetwork::GetControllerAttachment() const
{
    return m_attachment;
}

Ipv4Address
QuantumNetwork::GetAddress(uint32_t i) const
{
    return m_addresses.at(i);
}

Ipv4Address
QuantumNetwork::GetControllerAddress() const
{
    return m_controllerAddress;
}

void
QuantumNetwork::SetModels(const planet::QuantumTopology& topology,
                          const planet::QuantumDevice& device,
                          std::shared_ptr<const planet::LinkModel> links,
                          std::shared_ptr<const planet::DecoherenceModel> decoherence)
{
    m_topology = topology;
    m_device = device;
    m_linkModel = std::move(links);
    m_decoherence = std::move(decoherence);
}

void
QuantumNetwork::SetParts(std::vector<Ptr<QuantumNode>> nodes,
                         std::vector<Ptr<QuantumAgent>> agents,
                         std::vector<Ptr<QuantumHeraldedLink>> links,
                         Ptr<Node> controller,
                         uint32_t attachment,
                         std::vector<Ipv4Address> addresses,
                         Ipv4Address controllerAddress)
{
    m_nodes = std::move(nodes);
    m_agents = std::move(agents);
    m_links = std::move(links);
    m_controller = controller;
    m_attachment = attachment;
    m_addresses = std::move(addresses);
    m_controllerAddress = controllerAddress;
}

void
QuantumNetwork::DoDispose()
{
    for (auto& link : m_links)
    {
        link->Dispose();
    }
    m_links.clear();
    m_agents.clear();
    m_nodes.clear();
    m_controller = nullptr;
    Object::DoDispose();
}

} // namespace ns3
