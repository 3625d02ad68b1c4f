// SPDX-License-Identifier: GPL-2.0-only

#ifndef FABRIC_INT_H
#define FABRIC_INT_H

#include "ns3/packet.h"
#include "ns3/tag.h"

#include <array>
#include <cstdint>

namespace ns3
{

/**
 * \ingroup planet
 * \brief What one switch egress reports in in-band network telemetry (HPCC's INT): the
 * state of the port the packet leaves by, when it leaves.
 */
struct FabricIntHop
{
    uint64_t txBytes{0};    //!< wire bytes this port has transmitted, this packet included
    int64_t time{0};        //!< when the packet started to leave (FabricTime, picoseconds)
    uint64_t queueBytes{0}; //!< wire bytes left in the port's queue behind it
    uint64_t rateBps{0};    //!< the port's link rate
};

/**
 * \ingroup planet
 * \brief In-band telemetry carried by a packet (a packet tag): the sender's timestamp and one
 * FabricIntHop per switch egress on its way, in path order.
 *
 * A packet whose FabricHeader has the INT flag gets a hop appended by every switch port it
 * leaves (FabricNetDevice, at the start of its transmission); host NICs append none, as in
 * HPCC. The receiver echoes the tag of the data packet that triggers an acknowledgement in
 * that acknowledgement. At most kMaxHops hops are kept (a leaf-spine path has 3).
 */
class FabricIntTag : public Tag
{
  public:
    /// Most hops a tag holds (HPCC's IntHeader::maxHop).
    static constexpr uint32_t kMaxHops = 5;

    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
    TypeId GetInstanceTypeId() const override;
    uint32_t GetSerializedSize() const override;
    void Serialize(TagBuffer i) const override;
    void Deserialize(TagBuffer i) override;
    void Print(std::ostream& os) const override;

    /// \brief Append a hop (ignored beyond kMaxHops).
    void PushHop(const FabricIntHop& hop);
    /// \brief Number of hops recorded.
    uint32_t GetNHops() const;
    /// \brief Hop i, in path order.
    const FabricIntHop& GetHop(uint32_t i) const;
    /// \brief Set the sender's timestamp (FabricTime).
    void SetSendTime(int64_t time);
    /// \brief The sender's timestamp (FabricTime).
    int64_t GetSendTime() const;

    /**
     * \brief Append a hop to the tag of a packet (a packet without one gets one).
     * \param packet the packet leaving a switch port
     * \param hop the port's state
     */
    static void AppendHop(Ptr<Packet> packet, const FabricIntHop& hop);

  private:
    int64_t m_sendTime{0};
    uint8_t m_nHops{0};
    std::array<FabricIntHop, kMaxHops> m_hops;
};

} // namespace ns3

#endif /* FABRIC_INT_H */
