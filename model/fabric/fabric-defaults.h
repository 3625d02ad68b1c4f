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

constexpr uint8_t kDataPriority = 3;      //!< data packets' priority (RoCE's usual class)
constexpr uint8_t kControlPriority = 6;   //!< ACK/NACK/CNP priority (lossy, served first)
constexpr uint16_t kPauseQuanta = 0xffff; //!< PFC PAUSE quanta sent (802.1Qbb's largest)
/// Switch buffer per port: a Tomahawk-class 12 MB shared by 32 ports.
constexpr uint64_t kSwitchBufferBytesPerPort = 12000000 / 32;
constexpr double kDtAlpha = 1.0;    //!< lossy egress queues' dynamic threshold alpha
constexpr double kPfcAlpha = 0.125; //!< lossless ingress XOFF alpha (HPCC fork: shift 3)
constexpr uint64_t kLosslessEcnKminBytes = 5000;   //!< DCQCN (Zhu et al. 2015): Kmin
constexpr uint64_t kLosslessEcnKmaxBytes = 200000; //!< DCQCN: Kmax
constexpr double kLosslessEcnPmax = 0.01;          //!< DCQCN: Pmax

constexpr uint32_t kAckEvery = 4;         //!< the receiver acknowledges every this many packets
constexpr uint64_t kWindowBytes = 0;      //!< 0: one bandwidth-delay product (RdmaStack)
constexpr double kRtoS = 1e-3;            //!< retransmission timeout (RTO_high of IRN)
constexpr double kRtoLowS = 100e-6;       //!< selective repeat's short timeout (IRN's RTO_low)
constexpr uint32_t kRtoLowPackets = 3;    //!< RTO_low applies at most this many in flight (IRN's N)
constexpr uint32_t kReorderTolerance = 3; //!< transmissions a later packet must follow a hole

} // namespace defaults
} // namespace planet

#endif /* FABRIC_DEFAULTS_H */
