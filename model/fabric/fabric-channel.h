// SPDX-License-Identifier: GPL-2.0-only

#ifndef FABRIC_CHANNEL_H
#define FABRIC_CHANNEL_H

#include "fabric-header.h"

#include "ns3/channel.h"
#include "ns3/nstime.h"
#include "ns3/packet.h"

namespace ns3
{

class FabricNetDevice;

/**
 * \ingroup planet
 * \brief A full-duplex point-to-point fabric link with a propagation delay.
 *
 * A packet handed over at the start of its transmission arrives at the other end after its
 * transmission time plus the delay: one event per packet.
 */
class FabricChannel : public Channel
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
    FabricChannel();

    /// \brief Attach a device (at most two).
    void Attach(Ptr<FabricNetDevice> device);
    /// \brief The device at the other end.
    Ptr<FabricNetDevice> GetPeer(Ptr<const FabricNetDevice> device) const;
    /**
     * \brief Send a packet from one end to the other.
     * \param from the transmitting device
     * \param packet the packet
     * \param header its header
     * \param txTime its transmission time
     */
    void Transmit(Ptr<const FabricNetDevice> from,
                  Ptr<Packet> packet,
                  const FabricHeader& header,
                  Time txTime);
    /// \brief The propagation delay.
    Time GetDelay() const;

    std::size_t GetNDevices() const override;
    Ptr<NetDevice> GetDevice(std::size_t i) const override;

  protected:
    void DoDispose() override;

  private:
    Time m_delay;
    Ptr<FabricNetDevice> m_devices[2];
    uint32_t m_nodeIds[2]{0, 0}; //!< contexts of the arrival events
};

} // namespace ns3

#endif /* FABRIC_CHANNEL_H */
