/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "quantum-controller-helper.h"

namespace ns3
{

QuantumControllerHelper::QuantumControllerHelper()
{
    m_factory.SetTypeId("ns3::QuantumController");
}

void
QuantumControllerHelper::SetAttribute(const std::string& name, const AttributeValue& value)
{
    m_factory.Set(name, value);
}

ApplicationContainer
QuantumControllerHelper::Install(Ptr<QuantumNetwork> network, const planet::QosPlan& plan) const
{
    auto controller = m_factory.Create<QuantumController>();
    controller->SetNetwork(network);
    controller->SetPlan(plan);
    network->GetController()->AddApplication(controller);
    controller->SetStartTime(Time(0));
    return ApplicationContainer(controller);
}

planet::QosPlan
QuantumControllerHelper::Plan(Ptr<QuantumNetwork> network,
                              const std::vector<planet::QuantumDemand>& demands,
                              const planet::QosPlanOptions& options)
{
    return planet::PlanQuantumNetwork(network->GetTopology(),
                                      demands,
                                      network->GetLinkModel(),
                                      network->GetDevice(),
                                      network->GetDecoherence(),
                                      options);
}

} // namespace ns3
