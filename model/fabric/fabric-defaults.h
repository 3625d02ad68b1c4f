// SPDX-License-Identifier: GPL-2.0-only

#ifndef FABRIC_DEFAULTS_H
#define FABRIC_DEFAULTS_H

#include <cstdint>

/**
 * \file
 * \ingroup planet
 * The defaults of the fabric and its transport, in one place: the shape (LeafSpineShape), the
 * wire format (WireFormat), the devices' queues (FabricNetDevice), the RDMA stack (RdmaStack,
 * RdmaSelectiveRepeat) and the planet-fabric flags all take their default values from here.
 * Plain constants, no simulator dependency.
 */

namespace planet
{
namespace defaults
{

constexpr uint32_t kLeaves = 16;        //!< leaf switches
constexpr uint32_t kSpines = 8;         //!< spine switches
constexpr uint32_t kHostsPerLeaf = 8;   //!< hosts under each leaf
constexpr uint32_t kParallelLinks = 1;  //!< links between each leaf and each spine
constexpr double kLinkRateBps = 100e9;  //!< every link's rate
constexpr double kLinkDelayS = 1e-6;    //!< every link's propagation delay
constexpr uint32_t kMtuBytes = 4096;    //!< payload bytes per packet
constexpr uint32_t kOverheadBytes = 82; //!< RoCEv2: 62 B of headers + 20 B preamble and gap

constexpr uint64_t kBufferBytes = 1000000; //!< egress queue limit (wire bytes)
constexpr uint64_t kEcnKminBytes = 100000; //!< no ECN mark below this queue
constexpr uint64_t kEcnKmaxBytes = 400000; //!< every ECN-capable packet marked above this
constexpr double kEcnPmax = 0.2;           //!< marking probability reached at kEcnKmaxBytes

constexpr uint32_t kAckEvery = 4;         //!< the receiver acknowledges every this many packets
constexpr uint64_t kWindowBytes = 0;      //!< 0: one bandwidth-delay product (RdmaStack)
constexpr double kRtoS = 1e-3;            //!< retransmission timeout (RTO_high of IRN)
constexpr double kRtoLowS = 100e-6;       //!< selective repeat's short timeout (IRN's RTO_low)
constexpr uint32_t kRtoLowPackets = 3;    //!< RTO_low applies at most this many in flight (IRN's N)
constexpr uint32_t kReorderTolerance = 3; //!< transmissions a later packet must follow a hole

} // namespace defaults
} // namespace planet

#endif /* FABRIC_DEFAULTS_H */
