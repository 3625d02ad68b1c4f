// SPDX-License-Identifier: GPL-2.0-only

#ifndef FABRIC_LEAF_SPINE_HELPER_H
#define FABRIC_LEAF_SPINE_HELPER_H

#include "ns3/fabric-ecmp.h"
#include "ns3/fabric-leaf-spine.h"
#include "ns3/fabric-mmu.h"
#include "ns3/fabric-net-device.h"
#include "ns3/fabric-pfc.h"
#include "ns3/fabric-switch.h"
#include "ns3/node-container.h"
#include "ns3/object-factory.h"
#include "ns3/trace-helper.h"

#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup planet
 * \brief Builds a leaf-spine fabric: hosts, leaf and spine switches, links, routes.
 *
 * The shape (leaves, spines, hosts per leaf, parallel links per leaf-spine pair, host and
 * fabric link rates, link delay) is a planet::LeafSpineShape; links are numbered as the shape
 * numbers them, so that statistics, the ideal bound and the collective planner agree. Host h
 * is node h of GetHosts() and sits on leaf h / hostsPerLeaf. Path id p (pinned paths) is
 * uplink p of the source leaf: spine p / parallelLinks, parallel link p % parallelLinks (and
 * the same parallel link from the spine down to the destination leaf).
 */
class LeafSpineHelper : public PcapHelperForDevice, public AsciiTraceHelperForDevice
{
  public:
    /// \brief A helper for the default shape (16 leaves x 8 hosts, 8 spines, 100 Gbps, 1 us).
    LeafSpineHelper();
    /**
     * \brief A helper for this shape.
     * \param shape the fabric's shape
     * \throws std::invalid_argument naming the bad field
     */
    explicit LeafSpineHelper(const planet::LeafSpineShape& shape);

    /// \brief Set an attribute of every FabricNetDevice (except DataRate, set by the shape).
    void SetDeviceAttribute(const std::string& name, const AttributeValue& value);
    /// \brief Set an attribute of every FabricSwitch (HashSeed is set by AssignStreams).
    void SetSwitchAttribute(const std::string& name, const AttributeValue& value);
    /**
     * \brief Give every device (hosts' NICs included) PFC (FabricPfc) or not (the default).
     * Enabling it also makes the data priority lossless in the switches' shared buffers
     * (FabricMmu's LosslessPriorities; SetSharedBufferAttribute afterwards overrides it), which
     * EnableSharedBuffer(true) must provide: PFC pauses from a shared buffer's accounting.
     */
    void EnablePfc(bool enable);
    /// \brief Set an attribute of every device's FabricPfc.
    void SetPfcAttribute(const std::string& name, const AttributeValue& value);
    /// \brief Give every switch a shared buffer (FabricMmu) or not (the default: a tail-drop
    /// queue per port).
    void EnableSharedBuffer(bool enable);
    /// \brief Set an attribute of every switch's FabricMmu.
    void SetSharedBufferAttribute(const std::string& name, const AttributeValue& value);

    /**
     * \brief Create the nodes, devices, links and routes (and size the shared buffers:
     * throws std::invalid_argument when one leaves no shared pool).
     *
     * The nodes get ns-3 Names (HostName(), LeafName(), SpineName(): "host0", "leaf3",
     * "spine5"), so that Config paths can name them (`/Names/leaf3/$ns3::FabricSwitch/...`),
     * unless another fabric of this simulation took the names first. Simulator::Destroy()
     * clears them.
     */
    void Install();

    /// \brief The ns-3 Name of host h ("host<h>").
    static std::string HostName(uint32_t host);
    /// \brief The ns-3 Name of leaf l ("leaf<l>").
    static std::string LeafName(uint32_t leaf);
    /// \brief The ns-3 Name of spine s ("spine<s>").
    static std::string SpineName(uint32_t spine);

    /// \brief The shape.
    const planet::LeafSpineShape& GetShape() const;
    /// \brief Hosts, host h at index h.
    NodeContainer GetHosts() const;
    /// \brief Leaf switch nodes.
    NodeContainer GetLeaves() const;
    /// \brief Spine switch nodes.
    NodeContainer GetSpines() const;
    /// \brief Leaf and spine nodes.
    NodeContainer GetSwitches() const;
    /// \brief The host id of a host node.
    uint32_t GetHostId(Ptr<Node> host) const;
    /// \brief The NIC of host h.
    Ptr<FabricNetDevice> GetHostDevice(uint32_t host) const;
    /// \brief The transmitting device of link i (numbered as LeafSpineShape numbers links).
    Ptr<FabricNetDevice> GetLinkDevice(uint32_t link) const;
    /// \brief The switch object of leaf l.
    Ptr<FabricSwitch> GetLeafSwitch(uint32_t leaf) const;
    /// \brief The switch object of spine s.
    Ptr<FabricSwitch> GetSpineSwitch(uint32_t spine) const;
    /// \brief Host bandwidth under a leaf over its uplink bandwidth (1: non-blocking).
    double GetOversubscription() const;
    /// \brief The shape and the switches' ECMP hash seeds as they are now (after
    /// AssignStreams), for senders that pin paths by entropy.
    planet::EcmpFabric GetEcmpFabric() const;

    /**
     * \brief Seed every switch's ECMP hash and every queue's ECN marker from random streams.
     * \param stream first stream index
     * \return streams used
     */
    int64_t AssignStreams(int64_t stream);

  private:
    /**
     * \brief pcap of a FabricNetDevice (PcapHelperForDevice: EnablePcap, EnablePcapAll): every
     * packet it transmits and receives as its RoCEv2 frame (RoceFrame), serialised only for
     * the devices traced. Other devices are skipped.
     */
    void EnablePcapInternal(std::string prefix,
                            Ptr<NetDevice> nd,
                            bool promiscuous,
                            bool explicitFilename) override;
    /**
     * \brief ascii trace of a FabricNetDevice (AsciiTraceHelperForDevice: EnableAscii,
     * EnableAsciiAll): one line per packet transmitted (t), received (r) or dropped (d): the
     * event, the time in seconds, the device's Config path, the BTH opcode, the frame's length
     * and the header.
     */
    void EnableAsciiInternal(Ptr<OutputStreamWrapper> stream,
                             std::string prefix,
                             Ptr<NetDevice> nd,
                             bool explicitFilename) override;

    void NameNodes();
    Ptr<FabricNetDevice> MakeDevice(Ptr<Node> node, double rateBps);
    void Connect(Ptr<FabricNetDevice> a, Ptr<FabricNetDevice> b);

    planet::LeafSpineShape m_shape;
    ObjectFactory m_deviceFactory;
    ObjectFactory m_switchFactory;
    ObjectFactory m_pfcFactory;
    ObjectFactory m_mmuFactory;
    bool m_pfc{false};
    bool m_sharedBuffer{false};
    NodeContainer m_hosts;
    NodeContainer m_leaves;
    NodeContainer m_spines;
    std::vector<Ptr<FabricNetDevice>> m_links; //!< by link index
    std::vector<Ptr<FabricSwitch>> m_leafSwitches;
    std::vector<Ptr<FabricSwitch>> m_spineSwitches;
};

} // namespace ns3

#endif /* FABRIC_LEAF_SPINE_HELPER_H */
