// SPDX-License-Identifier: GPL-2.0-only

#ifndef FABRIC_HEADER_H
#define FABRIC_HEADER_H

#include "ns3/header.h"

#include <cstdint>

namespace ns3
{

/**
 * \ingroup planet
 * \brief The one header the fabric reads: addressing, path choice, ECN and size.
 *
 * It stands for the Ethernet/IP/UDP part of a RoCEv2 frame, compactly: the wire cost of a
 * packet is set by the devices' overhead attribute, not by this header's serialized size.
 * A device peeks it once per hop and hands it to the switch, which chooses the egress port:
 * - an explicit path id (pinned, round-robin spraying) indexes the equal-cost group;
 * - otherwise the switch hashes (src, dst, entropy) with its own seed (ECMP; a fresh entropy
 *   per packet sprays at random);
 * - with the adaptive flag the switch takes the least-loaded member of the group.
 */
class FabricHeader : public Header
{
  public:
    /// Flag bits.
    enum Flag : uint8_t
    {
        ECT = 1,      //!< ECN-capable transport
        CE = 2,       //!< congestion experienced (set by a queue)
        ADAPTIVE = 4, //!< switches choose the least-loaded equal-cost port
        CONTROL = 8,  //!< control packet (ACK/NACK): served before data at every queue
    };

    /// Path id meaning "no explicit path".
    static constexpr uint32_t NO_PATH = UINT32_MAX;

    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
    TypeId GetInstanceTypeId() const override;
    uint32_t GetSerializedSize() const override;
    void Serialize(Buffer::Iterator start) const override;
    uint32_t Deserialize(Buffer::Iterator start) override;
    void Print(std::ostream& os) const override;

    uint32_t src{0};          //!< source host
    uint32_t dst{0};          //!< destination host
    uint32_t flowLabel{0};    //!< transport's label of the flow (statistics only)
    uint32_t entropy{0};      //!< hashed by ECMP
    uint32_t pathId{NO_PATH}; //!< explicit index into the equal-cost group, or NO_PATH
    uint32_t payload{0};      //!< payload bytes carried (wire size = payload + overhead)
    uint8_t flags{0};         //!< Flag bits

    /// \brief Whether a flag is set.
    bool Has(Flag f) const
    {
        return (flags & f) != 0;
    }
};

} // namespace ns3

#endif /* FABRIC_HEADER_H */
