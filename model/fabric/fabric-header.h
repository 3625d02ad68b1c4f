// SPDX-License-Identifier: GPL-2.0-only

#ifndef FABRIC_HEADER_H
#define FABRIC_HEADER_H

#include "fabric-defaults.h"

#include <cstdint>
#include <ostream>

namespace ns3
{

/**
 * \ingroup planet
 * \brief What travels with every packet through the fabric: addressing, path choice, ECN,
 * size, and the transport's connection and sequence fields.
 *
 * It stands for the Ethernet/IP/UDP/BTH headers of a RoCEv2 frame. It is carried beside the
 * ns3::Packet (the payload), by value, from device to channel to device, instead of being
 * serialised into the packet's buffer: serialising and peeking it at every hop cost about a
 * quarter of the simulator's instructions per event (measured with callgrind on the 128-host
 * permutation). The wire cost of a packet is set by the devices' OverheadBytes attribute.
 *
 * Switches read dst, entropy, pathId and flags:
 * - an explicit path id (pinned, round-robin spraying) indexes the equal-cost group;
 * - otherwise the switch hashes (src, dst, entropy) with its own seed (ECMP; a fresh entropy
 *   per packet sprays at random);
 * - with the ADAPTIVE flag the switch takes the least-loaded member of the group (per
 *   flowlet of (src, dst, flowLabel) with a FlowletGap).
 * The transport fields (kind, transportFlags, qp, psn, sack) are opaque to the fabric, except
 * in a PFC PAUSE frame, which the fabric makes and consumes itself (PAUSE flag, FabricPfc).
 * A packet is queued in the priority `priority` (0-7, 7 served first), a control packet in
 * its device's ControlPriority.
 */
struct FabricHeader
{
    /// Flag bits of `flags`.
    enum Flag : uint8_t
    {
        ECT = 1,      //!< ECN-capable transport
        CE = 2,       //!< congestion experienced (set by a queue)
        ADAPTIVE = 4, //!< switches choose the least-loaded equal-cost port
        CONTROL = 8,  //!< control packet (ACK/NACK/CNP): queued in the devices' ControlPriority
        INT = 64,     //!< switch egresses append in-band telemetry (FabricIntTag)
        PAUSE = 128,  //!< a PFC PAUSE frame: `priority` is the class, `psn` its quanta
    };

    /// Priorities (IEEE 802.1p classes, each an egress queue; PFC pauses each on its own).
    static constexpr uint8_t kPriorities = 8;

    /// Path id meaning "no explicit path".
    static constexpr uint32_t NO_PATH = UINT32_MAX;

    uint32_t src{0};           //!< source host
    uint32_t dst{0};           //!< destination host
    uint32_t flowLabel{0};     //!< transport's label of the flow (statistics, flowlets)
    uint32_t entropy{0};       //!< hashed by ECMP
    uint32_t pathId{NO_PATH};  //!< explicit index into the equal-cost group, or NO_PATH
    uint32_t payload{0};       //!< payload bytes carried (wire size = payload + overhead)
    uint32_t qp{0};            //!< transport: connection at the receiver
    uint32_t psn{0};           //!< transport: sequence number
    uint32_t sack{0};          //!< transport: a second sequence number (acknowledgements)
    uint8_t flags{0};          //!< Flag bits
    uint8_t kind{0};           //!< transport: packet kind
    uint8_t transportFlags{0}; //!< transport: its own flag bits
    uint8_t priority{planet::defaults::kDataPriority}; //!< class of a packet without CONTROL

    /// \brief Whether a flag is set.
    bool Has(Flag f) const
    {
        return (flags & f) != 0;
    }
};

/// \brief Print a header (for logs and test messages).
std::ostream& operator<<(std::ostream& os, const FabricHeader& h);

} // namespace ns3

#endif /* FABRIC_HEADER_H */
