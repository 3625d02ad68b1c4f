// SPDX-License-Identifier: GPL-2.0-only

#ifndef FABRIC_NET_DEVICE_H
#define FABRIC_NET_DEVICE_H

#include "fabric-header.h"
#include "fabric-shared-buffer.h"

#include "ns3/data-rate.h"
#include "ns3/event-id.h"
#include "ns3/mac48-address.h"
#include "ns3/net-device.h"
#include "ns3/nstime.h"
#include "ns3/packet.h"
#include "ns3/traced-callback.h"
#include "ns3/traced-value.h"

#include <array>
#include <deque>

namespace ns3
{

class FabricChannel;
class FabricMmu;
class FabricNetDevice;
class FabricPfc;
class Node;
class UniformRandomVariable;

/**
 * \ingroup planet
 * \brief Where a host's device pulls data packets from when its link is free.
 *
 * The RDMA stack implements it: the NIC asks for the next packet only when it can put it on
 * the wire, so no data packet waits in a host queue and the stack can choose among its queue
 * pairs (round robin) at the last moment.
 */
class FabricPacketSource
{
  public:
    virtual ~FabricPacketSource() = default;
    /**
     * \brief The next data packet to transmit, if any.
     * \param[out] header the packet's FabricHeader
     * \return the packet, or nullptr when nothing is ready
     */
    virtual Ptr<Packet> PullPacket(FabricHeader& header) = 0;
};

/**
 * \ingroup planet
 * \brief What handles the packets arriving at a device: a switch or a host's transport.
 */
class FabricPacketSink
{
  public:
    virtual ~FabricPacketSink() = default;
    /**
     * \brief A packet has fully arrived.
     * \param device the device it arrived at
     * \param packet the packet (payload)
     * \param header its header
     */
    virtual void ReceiveFromDevice(FabricNetDevice* device,
                                   Ptr<Packet> packet,
                                   const FabricHeader& header) = 0;
};

/**
 * \ingroup planet
 * \brief Statistics of one egress port (one directed link).
 */
struct FabricPortStats
{
    uint64_t txBytes{0};        //!< wire bytes transmitted (payload + overhead)
    uint64_t txPackets{0};      //!< packets transmitted
    uint64_t drops{0};          //!< packets dropped at the queue (tail drop)
    uint64_t ecnMarks{0};       //!< packets marked CE at the queue
    uint64_t maxQueueBytes{0};  //!< largest queue occupancy seen (wire bytes)
    double queueByteSeconds{0}; //!< integral of the queue occupancy over time
};

/**
 * \ingroup planet
 * \brief One end of a point-to-point fabric link: an egress queue and a transmitter.
 *
 * The queue has eight priorities (FabricHeader::priority; control packets in ControlPriority),
 * served in strict priority, 7 first, skipping the ones PFC has paused (FabricPfc, when the
 * device has one). It holds wire bytes up to BufferBytes (tail drop), or, on a switch with a
 * shared buffer (FabricMmu), what that admits. ECN-capable data packets are marked RED-style
 * (planet::EcnMarkProbability) on the instantaneous bytes of their priority's queue, on
 * enqueue or on dequeue (EcnMarkOnDequeue): never below EcnKmin, always above EcnKmax, with a
 * probability rising linearly to EcnPmax in between. A packet takes (payload + OverheadBytes) * 8 /
 * DataRate on the wire, exactly: the device keeps its own clock in FabricTime units (picoseconds)
 * with the remainder of every division by the rate carried to the next packet, a packet starts at
 * the exact time the line is free and the packet is there, and only the events are rounded up to
 * the simulator's time step.
 *
 * Events: a packet costs one event at the receiving end (arrival); the end of a transmission
 * is an event only when a packet is waiting for it. On a host the device pulls data from a
 * FabricPacketSource when the link is free; its packets are data (planet::defaults::
 * kDataPriority), pulled only while that priority is not paused.
 */
class FabricNetDevice : public NetDevice
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
    FabricNetDevice();
    ~FabricNetDevice() override;

    /**
     * \brief Connect to a channel.
     * \param channel the channel (takes this device as one of its two ends)
     */
    void Attach(Ptr<FabricChannel> channel);

    /**
     * \brief Queue a packet for transmission, ready now.
     * \param packet the packet (payload)
     * \param header its header, carried beside it
     * \return false when the packet was dropped
     */
    bool Enqueue(Ptr<Packet> packet, const FabricHeader& header);
    /**
     * \brief Queue a packet for transmission that has been here since an exact time.
     * \param packet the packet (payload)
     * \param header its header, carried beside it
     * \param ready when it arrived (FabricTime; not after now): a switch passes the exact
     * arrival of the packet it forwards (GetArrivalTime of the ingress device)
     * \return false when the packet was dropped
     */
    bool Enqueue(Ptr<Packet> packet, const FabricHeader& header, int64_t ready);
    /**
     * \brief Queue a packet a switch forwards from one of its ports.
     * \param packet the packet (payload)
     * \param header its header
     * \param ready its exact arrival (FabricTime)
     * \param inPort the shared-buffer port it came in through (GetBufferPort of the ingress)
     * \return false when the packet was dropped
     */
    bool Enqueue(Ptr<Packet> packet, const FabricHeader& header, int64_t ready, uint32_t inPort);

    /// \brief Set the handler of arriving packets (a switch or a transport; not owned).
    void SetPacketSink(FabricPacketSink* sink);
    /// \brief Set the data source of a host NIC (nullptr: none).
    void SetPacketSource(FabricPacketSource* source);
    /// \brief Tell the device that its packet source has data: transmits if the link is free.
    void Wake();
    /// \brief Give the device PFC (nullptr: none; PAUSE frames arriving are then ignored).
    void SetPfc(Ptr<FabricPfc> pfc);
    /// \brief The device's PFC, or nullptr.
    Ptr<FabricPfc> GetPfc() const;
    /// \brief Draw the egress queue from a switch's shared buffer (not owned) as port `port`.
    void SetSharedBuffer(FabricMmu* mmu, uint32_t port);
    /// \brief This device's port in its switch's shared buffer.
    uint32_t GetBufferPort() const;
    /// \brief The priority a packet with this header is queued in.
    uint8_t GetPriority(const FabricHeader& header) const;
    /// \brief Whether PFC has paused a priority of this egress.
    bool IsPaused(uint8_t priority) const;
    /// \brief PFC: a paused priority may send again from this exact time (FabricTime).
    void NotifyResumed(int64_t at);
    /// \brief Transmit if the link is free and something may be sent (a PAUSE frame, say).
    void Kick();

    /// \brief Called by the channel when a packet has fully arrived here, at an exact time.
    void Receive(Ptr<Packet> packet, FabricHeader header, int64_t arrival);
    /// \brief The exact arrival time (FabricTime) of the packet being received now.
    int64_t GetArrivalTime() const;

    /// \brief Wire bytes of a packet carrying this payload (planet::WireFormat::PacketBytes).
    uint32_t WireBytes(uint32_t payload) const;
    /// \brief The link rate.
    DataRate GetDataRate() const;
    /// \brief Wire bytes waiting in the queue now.
    uint64_t GetQueueBytes() const;
    /// \brief The statistics so far (queueByteSeconds brought up to now).
    FabricPortStats GetStats() const;

    /**
     * \brief Assign the random stream of the ECN marker.
     * \param stream first stream index
     * \return streams used (1)
     */
    int64_t AssignStreams(int64_t stream);

    // NetDevice
    void SetIfIndex(const uint32_t index) override;
    uint32_t GetIfIndex() const override;
    Ptr<Channel> GetChannel() const override;
    void SetAddress(Address address) override;
    Address GetAddress() const override;
    bool SetMtu(const uint16_t mtu) override;
    uint16_t GetMtu() const override;
    bool IsLinkUp() const override;
    void AddLinkChangeCallback(Callback<void> callback) override;
    bool IsBroadcast() const override;
    Address GetBroadcast() const override;
    bool IsMulticast() const override;
    Address GetMulticast(Ipv4Address multicastGroup) const override;
    Address GetMulticast(Ipv6Address addr) const override;
    bool IsBridge() const override;
    bool IsPointToPoint() const override;
    bool Send(Ptr<Packet> packet, const Address& dest, uint16_t protocolNumber) override;
    bool SendFrom(Ptr<Packet> packet,
                  const Address& source,
                  const Address& dest,
                  uint16_t protocolNumber) override;
    Ptr<Node> GetNode() const override;
    void SetNode(Ptr<Node> node) override;
    bool NeedsArp() const override;
    void SetReceiveCallback(NetDevice::ReceiveCallback cb) override;
    void SetPromiscReceiveCallback(PromiscReceiveCallback cb) override;
    bool SupportsSendFrom() const override;

    /// Signature of the per-packet trace sources.
    typedef void (*PacketTracedCallback)(Ptr<const Packet> packet, const FabricHeader& header);

  protected:
    void DoDispose() override;

  private:
    /// A queued packet.
    struct Entry
    {
        Ptr<Packet> packet;      //!< the packet
        FabricHeader header;     //!< its header
        uint32_t wire;           //!< its wire bytes
        int64_t ready;           //!< when it arrived (FabricTime)
        uint32_t inPort;         //!< shared buffer: the port it came in through
        planet::BufferPool pool; //!< shared buffer: where it is accounted
    };

    /// Mark an ECN-capable packet CE by the RED-style rule at this queue occupancy.
    void MarkEcn(Entry& entry, uint64_t queued);

    /// Transmit the next packet if the link is free and one is ready.
    void TransmitNext();
    /// End of a transmission with packets waiting.
    void TransmitComplete();
    /// Put a packet on the wire, at once or when it became ready, whichever is later.
    void StartTransmission(Ptr<Packet> packet, const FabricHeader& header, int64_t ready);
    /// The exact serialisation time of a packet (FabricTime), the rate's remainder carried.
    int64_t Serialisation(uint32_t payload);
    /// Make sure TransmitComplete runs when the link is free.
    void ScheduleTransmitComplete();
    /// Account the queue occupancy change (time integral, max).
    void SetQueueBytes(uint64_t bytes);

    Ptr<Node> m_node;
    Ptr<FabricChannel> m_channel;
    uint32_t m_ifIndex{0};
    Mac48Address m_address;
    uint16_t m_mtu{9216};

    DataRate m_rate;
    uint32_t m_overhead;
    uint64_t m_bufferBytes{0};
    uint8_t m_controlPriority{planet::defaults::kControlPriority};
    bool m_ecn{true};
    bool m_ecnOnDequeue{false};
    uint64_t m_kmin{0};
    uint64_t m_kmax{0};
    double m_pmax{0};
    Ptr<UniformRandomVariable> m_ecnRng;

    std::array<std::deque<Entry>, FabricHeader::kPriorities> m_queues; //!< by priority
    std::array<uint64_t, FabricHeader::kPriorities> m_priorityBytes{}; //!< wire bytes queued
    uint32_t m_queuedPackets{0};
    Ptr<FabricPfc> m_pfc;
    FabricMmu* m_mmu{nullptr};
    uint32_t m_bufferPort{0};
    TracedValue<uint64_t> m_queueBytes{0};
    int64_t m_lastQueueChange{0}; //!< time step of the last occupancy change
    double m_queueByteSteps{0};   //!< integral of the occupancy over time steps

    /// Exact serialisation of the last payload sizes seen, [0] data and [1] empty (control):
    /// whole FabricTime units and the remainder in units of 1 / (rate in bit/s).
    uint32_t m_txCachePayload[2]{UINT32_MAX, UINT32_MAX};
    uint64_t m_txCacheUnits[2]{0, 0};
    uint64_t m_txCacheRemainder[2]{0, 0};
    uint64_t m_rateBps{0}; //!< the rate the cached times are for
    uint64_t m_carry{0};   //!< remainder carried from the packets so far (< rate)
    int64_t m_freeAt{0};   //!< exact end of the last transmission (FabricTime)
    int64_t m_woken{-1};   //!< exact time of the first Wake() since the last pull, or -1
    int64_t m_arrival{0};  //!< exact arrival of the packet being received

    Time m_busyUntil;        //!< the time step at which the line is free (m_freeAt rounded up)
    bool m_txPending{false}; //!< a TransmitComplete event is scheduled
    FabricPacketSource* m_source{nullptr};
    FabricPacketSink* m_sink{nullptr};
    NetDevice::ReceiveCallback m_rx;

    FabricPortStats m_stats;

    TracedCallback<Ptr<const Packet>, const FabricHeader&> m_txTrace;
    TracedCallback<Ptr<const Packet>, const FabricHeader&> m_rxTrace;
    TracedCallback<Ptr<const Packet>, const FabricHeader&> m_dropTrace;
    TracedCallback<Ptr<const Packet>, const FabricHeader&> m_markTrace;
};

} // namespace ns3

#endif /* FABRIC_NET_DEVICE_H */
