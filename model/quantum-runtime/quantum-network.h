/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef QUANTUM_NETWORK_H
#define QUANTUM_NETWORK_H

#include "quantum-agent.h"
#include "quantum-heralded-link.h"
#include "quantum-node.h"

#include "ns3/ipv4-address.h"
#include "ns3/node-container.h"
#include "ns3/object.h"
#include "ns3/quantum-device.h"
#include "ns3/quantum-fidelity.h"
#include "ns3/quantum-link.h"
#include "ns3/quantum-topology.h"

#include <memory>
#include <vector>

namespace ns3
{

/**
 * \ingroup planet
 * \brief A quantum network built in ns-3 (by QuantumNetworkHelper): its quantum nodes with
 * their agents, the heralded links, the controller node and the classical control network
 * between them, and the models they were built from.
 */
class QuantumNetwork : public Object
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    /// \return the topology
    const planet::QuantumTopology& GetTopology() const;
    /// \return the device parameters of every node
    const planet::QuantumDevice& GetDevice() const;
    /// \return the link model (the controller plans with it)
    const planet::LinkModel& GetLinkModel() const;
    /// \return the memory decoherence model
    const planet::DecoherenceModel& GetDecoherence() const;

    /// \return the number of quantum nodes (= topology nodes)
    uint32_t GetN() const;
    /// \return quantum node \p i (topology index)
    Ptr<QuantumNode> GetNode(uint32_t i) const;
    /// \return all quantum nodes, by topology index
    NodeContainer GetNodes() const;
    /// \return the agent of node \p i
    Ptr<QuantumAgent> GetAgent(uint32_t i) const;
    /// \return heralded link \p i (topology link index)
    Ptr<QuantumHeraldedLink> GetLink(uint32_t i) const;
    /// \return the controller's node
    Ptr<Node> GetController() const;
    /// \return the topology node the controller's control link attaches to
    uint32_t GetControllerAttachment() const;
    /// \return the control-network address of node \p i
    Ipv4Address GetAddress(uint32_t i) const;
    /// \return the controller's address
    Ipv4Address GetControllerAddress() const;

    /**
     * \brief Set by QuantumNetworkHelper::Install.
     * \param topology the topology
     * \param device the device parameters
     * \param links the link model
     * \param decoherence the decoherence model
     */
    void SetModels(const planet::QuantumTopology& topology,
                   const planet::QuantumDevice& device,
                   std::shared_ptr<const planet::LinkModel> links,
                   std::shared_ptr<const planet::DecoherenceModel> decoherence);
    /**
     * \brief Set by QuantumNetworkHelper::Install.
     * \param nodes the quantum nodes
     * \param agents their agents
     * \param links the heralded links
     * \param controller the controller's node
     * \param attachment the topology node its link attaches to
     * \param addresses the nodes' addresses
     * \param controllerAddress the controller's address
     */
    void SetParts(std::vector<Ptr<QuantumNode>> nodes,
                  std::vector<Ptr<QuantumAgent>> agents,
                  std::vector<Ptr<QuantumHeraldedLink>> links,
                  Ptr<Node> controller,
                  uint32_t attachment,
                  std::vector<Ipv4Address> addresses,
                  Ipv4Address controllerAddress);

  protected:
    void DoDispose() override;

  private:
    planet::QuantumTopology m_topology;                            //!< topology
    planet::QuantumDevice m_device;                                //!< device parameters
    std::shared_ptr<const planet::LinkModel> m_linkModel;          //!< link model
    std::shared_ptr<const planet::DecoherenceModel> m_decoherence; //!< decoherence model
    std::vector<Ptr<QuantumNode>> m_nodes;                         //!< by topology index
    std::vector<Ptr<QuantumAgent>> m_agents;                       //!< by topology index
    std::vector<Ptr<QuantumHeraldedLink>> m_links;                 //!< by topology link
    Ptr<Node> m_controller;                                        //!< controller node
    uint32_t m_attachment{0};                                      //!< its control link's end
    std::vector<Ipv4Address> m_addresses;                          //!< by topology index
    Ipv4Address m_controllerAddress;                               //!< controller's address
};

} // namespace ns3

#endif /* QUANTUM_NETWORK_H */
