/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef QUANTUM_NETWORK_HELPER_H
#define QUANTUM_NETWORK_HELPER_H

#include "ns3/attribute.h"
#include "ns3/object-factory.h"
#include "ns3/quantum-device.h"
#include "ns3/quantum-fidelity.h"
#include "ns3/quantum-link.h"
#include "ns3/quantum-network.h"
#include "ns3/quantum-topology.h"

#include <memory>
#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup planet
 * \brief Builds a quantum network in ns-3 from a topology and device parameters.
 *
 * Install() creates, for a planet::QuantumTopology:
 * - one QuantumNode per topology node (its qubits from the topology, operations and memories
 *   from the device, the decoherence model), each with a QuantumAgent;
 * - one QuantumHeraldedLink per topology link (fibre length from the topology);
 * - the classical control network: a point-to-point link beside every quantum link, whose
 *   fibre is ControlFibreStretch times as long (delay = length / 2e8 m/s), a controller node
 *   joined to one node (the one whose farthest node is nearest, unless SetController names
 *   one) by a link of its own length, ns-3's internet stack on every node, and global routing
 *   by fibre delay. Messages travel as UDP datagrams.
 *
 * The control links' devices have a drop-tail queue large enough that a schedule burst is not
 * dropped, and no queue disc.
 */
class QuantumNetworkHelper
{
  public:
    QuantumNetworkHelper();

    /// \brief Device parameters of every node (default: NV centre).
    void SetDevice(const planet::QuantumDevice& device);
    /// \brief The link model (default: the measured NV table, NvLinkTablePath(), as
    /// planet-quantum's --hardware=nv --links=auto; its fidelities and rates are the measured
    /// NV ones whatever SetDevice gives, the device's optics set only the attempt time).
    void SetLinkModel(std::shared_ptr<const planet::LinkModel> links);
    /// \brief The decoherence model by name, "T1T2" (default) or "Dephasing".
    void SetDecoherenceModel(const std::string& name);
    /// \brief An attribute of the control links' PointToPointNetDevice (default DataRate 10Gbps).
    void SetControlDeviceAttribute(const std::string& name, const AttributeValue& value);
    /// \brief Classical fibre length over quantum fibre length of the control links (default 1).
    void SetControlFibreStretch(double stretch);
    /// \brief Attach the controller to topology node \p node by \p length_km of fibre (default:
    /// the most central node, 1 km).
    void SetController(int64_t node, double length_km);
    /// \brief An attribute of every QuantumAgent.
    void SetAgentAttribute(const std::string& name, const AttributeValue& value);

    /**
     * \brief Build the network.
     * \param topology the topology
     * \return the network
     * \throws std::invalid_argument for a controller node that is not in the topology or a
     * stretch that is not positive
     */
    Ptr<QuantumNetwork> Install(const planet::QuantumTopology& topology) const;

    /**
     * \brief Fix the random streams of the network's links and agents (and of the internet
     * stacks): same streams, same outcomes.
     * \param network the network
     * \param stream first stream index
     * \return streams used
     */
    static int64_t AssignStreams(Ptr<QuantumNetwork> network, int64_t stream);

    /// \return the bright-state parameters of the single-click model: 10 values in [0.1, 0.5],
    /// as the capability table samples them
    static std::vector<double> DefaultAlphas();

  private:
    planet::QuantumDevice m_device;                   //!< device parameters
    std::shared_ptr<const planet::LinkModel> m_links; //!< link model
    std::string m_decoherence{"T1T2"};                //!< decoherence model
    ObjectFactory m_agentFactory;                     //!< agents
    std::vector<std::pair<std::string, Ptr<AttributeValue>>> m_deviceAttributes; //!< p2p
    double m_stretch{1.0};             //!< control fibre stretch
    int64_t m_controllerNode{-1};      //!< attachment (-1: auto)
    double m_controllerLength_km{1.0}; //!< controller link length
};

} // namespace ns3

#endif /* QUANTUM_NETWORK_HELPER_H */
