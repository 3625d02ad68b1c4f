// SPDX-License-Identifier: GPL-2.0-only

#ifndef FABRIC_CHANNEL_H
#define FABRIC_CHANNEL_H

#include "fabric-header.h"

#include "ns3/channel.h"
#include "ns3/nstime.h"
#include "ns3/packet.h"
#include "ns3/simulator.h"

#include <algorithm>

namespace ns3
{

class FabricNetDevice;

/**
 * \ingroup planet
 * \brief The fabric's exact clock: whole picoseconds, or whole time steps if the simulator's
 * resolution is finer.
 *
 * Devices and channels add serialisation and propagation times on this clock, each device
 * carrying the remainder of its divisions by the link rate, so that times add up exactly (to a
 * picosecond, and without drift over any number of packets) whatever the time resolution; an
 * event runs at the first time step at or after the exact time it stands for. Setting ns-3's
 * resolution to picoseconds would do the same for the events, but only a program's main can do
 * that, once and before any Time exists, which a module used from Python or from a test runner
 * cannot rely on.
 */
struct FabricTime
{
    /// \brief Units of the exact clock per simulator time step (at least 1).
    static int64_t UnitsPerStep()
    {
        // The resolution is fixed before the first event, and this is first asked for then.
        static const int64_t units = std::max<int64_t>(1, TimeStep(1).GetPicoSeconds());
        return units;
    }

    /// \brief Units of the exact clock per second.
    static uint64_t UnitsPerSecond();

    /// \brief A Time on the exact clock.
    static int64_t FromTime(Time t)
    {
        return t.GetTimeStep() * UnitsPerStep();
    }

    /// \brief The current simulation time on the exact clock.
    static int64_t Now()
    {
        return FromTime(Simulator::Now());
    }

    /// \brief The first time step at or after an exact time.
    static Time ToTimeCeil(int64_t units)
    {
        const int64_t per = UnitsPerStep();
        return TimeStep(units / per + (units % per > 0 ? 1 : 0));
    }
};

/**
 * \ingroup planet
 * \brief A full-duplex point-to-point fabric link with a propagation delay.
 *
 * A packet handed over at the start of its transmission arrives at the other end at the exact
 * end of its transmission plus the delay (FabricTime): one event per packet.
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
     * \param txEnd the exact end of its transmission (FabricTime)
     * \param txEndStep the same rounded up to a time step (FabricTime::ToTimeCeil)
     */
    void Transmit(Ptr<const FabricNetDevice> from,
                  Ptr<Packet> packet,
                  const FabricHeader& header,
                  int64_t txEnd,
                  Time txEndStep);
    /// \brief The propagation delay.
    Time GetDelay() const;

    std::size_t GetNDevices() const override;
    Ptr<NetDevice> GetDevice(std::size_t i) const override;

  protected:
    void DoDispose() override;

  private:
    Time m_delay;
    int64_t m_delayUnits{-1}; //!< m_delay on the exact clock (-1: not yet computed)
    Ptr<FabricNetDevice> m_devices[2];
    uint32_t m_nodeIds[2]{0, 0}; //!< contexts of the arrival events
};

} // namespace ns3

#endif /* FABRIC_CHANNEL_H */
