// SPDX-License-Identifier: GPL-2.0-only

#ifndef FABRIC_SWITCH_H
#define FABRIC_SWITCH_H

#include "fabric-header.h"
#include "fabric-mmu.h"
#include "fabric-net-device.h"

#include "ns3/nstime.h"
#include "ns3/object.h"
#include "ns3/traced-callback.h"

#include <unordered_map>
#include <vector>

namespace ns3
{

/**
 * \ingroup planet
 * \brief An output-queued switch forwarding by destination host.
 *
 * Each destination host maps to a group of equal-cost egress ports. Within a group of more
 * than one port the packet's header decides (see FabricHeader): the adaptive flag takes the
 * port with the fewest queued bytes among those whose egress PFC has not paused for the
 * packet's priority (a paused port only when all are) — per packet, or, with a FlowletGap,
 * once per flowlet: a flow's packets keep the port of the one before unless FlowletGap has
 * passed since it (CONGA's and LetFlow's flowlets) — an explicit path id takes member pathId mod
 * size, and otherwise a hash of (src, dst, entropy) seeded by this switch's HashSeed does, as real
 * ECMP does. Packets are forwarded by reference: no copy, the header was read once by the device.
 *
 * With a shared buffer (SetSharedBuffer) the ports' egress queues draw from it and its
 * ingress accounting sends the PFC pauses; without one each port has its own tail-drop queue.
 */
class FabricSwitch : public Object, public FabricPacketSink
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
    FabricSwitch();

    /**
     * \brief Add an egress/ingress port; the switch receives what arrives at it.
     * \param device the device (on this switch's node)
     * \return the port index
     */
    uint32_t AddPort(Ptr<FabricNetDevice> device);
    /// \brief Give the switch a shared buffer (before its ports are added).
    void SetSharedBuffer(Ptr<FabricMmu> mmu);
    /// \brief The shared buffer, or nullptr.
    Ptr<FabricMmu> GetSharedBuffer() const;
    /**
     * \brief Add a group of equal-cost ports.
     * \param ports port indices, in path-id order
     * \return the group index
     */
    uint32_t AddGroup(const std::vector<uint32_t>& ports);
    /**
     * \brief Route a destination host to a group.
     * \param dst destination host
     * \param group group index
     */
    void SetRoute(uint32_t dst, uint32_t group);
    /// \brief A port's device.
    Ptr<FabricNetDevice> GetPort(uint32_t port) const;
    /// \brief Number of ports.
    uint32_t GetNPorts() const;
    /**
     * \brief The member of a group a packet with this header takes (index within the group).
     * \param group group index
     * \param header the packet's header
     * \return index into the group's ports
     */
    uint32_t Choose(uint32_t group, const FabricHeader& header) const;

    /// Signature of the PathChosen trace: header, group, index within the group.
    typedef void (*PathChosenCallback)(const FabricHeader& header, uint32_t group, uint32_t member);

  protected:
    void DoDispose() override;

    // FabricPacketSink: forward a packet that arrived on one of the ports.
    void ReceiveFromDevice(FabricNetDevice* in,
                           Ptr<Packet> packet,
                           const FabricHeader& header) override;

  private:
    /// The member for an adaptive packet: a new choice unless its flowlet is still running.
    uint32_t ChooseFlowlet(uint32_t group, const FabricHeader& header);

    /// A flow's last packet here: when and which member it took.
    struct Flowlet
    {
        Time last;       //!< when its last packet came
        uint32_t member; //!< the member it took
    };

    uint32_t m_seed;
    Time m_flowletGap;
    std::unordered_map<uint64_t, Flowlet> m_flowlets; //!< by (src, dst, flowLabel)
    Ptr<FabricMmu> m_mmu;
    std::vector<Ptr<FabricNetDevice>> m_ports;
    std::vector<std::vector<uint32_t>> m_groups;
    std::vector<uint32_t> m_routes; //!< destination host -> group

    TracedCallback<const FabricHeader&, uint32_t, uint32_t> m_pathChosen;
    TracedCallback<Ptr<const Packet>, const FabricHeader&> m_unroutableTrace;
};

} // namespace ns3

#endif /* FABRIC_SWITCH_H */
