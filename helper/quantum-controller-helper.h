/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef QUANTUM_CONTROLLER_HELPER_H
#define QUANTUM_CONTROLLER_HELPER_H

#include "ns3/application-container.h"
#include "ns3/attribute.h"
#include "ns3/object-factory.h"
#include "ns3/quantum-controller.h"
#include "ns3/quantum-network.h"
#include "ns3/quantum-qos-plan.h"

#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup planet
 * \brief Installs the QuantumController of a QuantumNetwork with a plan.
 *
 * \code
 *   QuantumControllerHelper controller;
 *   controller.SetAttribute("MissedWindow", StringValue("retry"));
 *   auto plan = QuantumControllerHelper::Plan(network, demands, planet::QosPlanOptions{});
 *   ApplicationContainer apps = controller.Install(network, plan);
 * \endcode
 */
class QuantumControllerHelper
{
  public:
    QuantumControllerHelper();

    /// \brief An attribute of the controller (see QuantumController).
    void SetAttribute(const std::string& name, const AttributeValue& value);

    /**
     * \brief Install the controller on \p network's controller node, distributing \p plan when
     * it starts (at time 0).
     * \return the controller application
     */
    ApplicationContainer Install(Ptr<QuantumNetwork> network, const planet::QosPlan& plan) const;

    /**
     * \brief The controller's plan for \p demands on \p network: planet::PlanQuantumNetwork with
     * the network's topology, link model, device and decoherence model.
     */
    static planet::QosPlan Plan(Ptr<QuantumNetwork> network,
                                const std::vector<planet::QuantumDemand>& demands,
                                const planet::QosPlanOptions& options);

  private:
    ObjectFactory m_factory; //!< controllers
};

} // namespace ns3

#endif /* QUANTUM_CONTROLLER_HELPER_H */
