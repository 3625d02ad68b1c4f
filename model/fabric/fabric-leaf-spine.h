// SPDX-License-Identifier: GPL-2.0-only

#ifndef FABRIC_LEAF_SPINE_H
#define FABRIC_LEAF_SPINE_H

#include "fabric-defaults.h"

#include <cstdint>
#include <string>
#include <vector>

/**
 * \file
 * \ingroup planet
 * The leaf-spine fabric as plain numbers: its shape, its links, the wire cost of a message, and
 * the ideal completion bound (perfect fractional splitting over equal-cost paths). Shared by the
 * ns-3 models, the collective planner and the Python bindings; no simulator dependency.
 */

namespace planet
{

/// \brief Most hosts a fabric may have (leaves x hostsPerLeaf).
constexpr uint64_t kMaxFabricHosts = uint64_t{1} << 20;
/// \brief Most uplinks a leaf may have (spines x parallelLinks).
constexpr uint64_t kMaxUplinksPerLeaf = uint64_t{1} << 16;
/// \brief Most directed links a fabric may have (LinkCount()).
constexpr uint64_t kMaxFabricLinks = uint64_t{1} << 26;
/// \brief Fastest link rate planet accepts (1 Pbit/s).
constexpr double kMaxLinkRateBps = 1e15;
/// \brief Largest packet on the wire, payload plus framing (mtuBytes + overheadBytes).
constexpr uint64_t kMaxPacketWireBytes = uint64_t{1} << 30;
/// \brief Largest message (payload bytes of one flow): 2^50 B, a petabyte.
constexpr uint64_t kMaxMessageBytes = uint64_t{1} << 50;

/**
 * \brief Bytes a message occupies on the wire: payload plus per-packet framing.
 *
 * The default framing is RoCEv2's: 62 B of headers (Ethernet, IPv4, UDP, BTH, ICRC, FCS) and
 * 20 B of preamble and inter-frame gap per packet.
 */
struct WireFormat
{
    uint32_t mtuBytes{defaults::kMtuBytes};           //!< payload bytes per packet
    uint32_t overheadBytes{defaults::kOverheadBytes}; //!< framing bytes per packet

    /// \brief Number of packets a message of this many payload bytes needs (at least one).
    uint64_t Packets(uint64_t payloadBytes) const;
    /// \brief Wire bytes of a message: payload plus framing of every packet; for a validated
    /// format and a message of at most kMaxMessageBytes (else std::invalid_argument).
    uint64_t WireBytes(uint64_t payloadBytes) const;
    /**
     * \brief Wire bytes of one packet carrying this payload (planet's one wire-size rule, used
     * by the devices and by WireBytes).
     */
    static uint64_t PacketBytes(uint64_t payloadBytes, uint32_t overheadBytes)
    {
        return payloadBytes + overheadBytes;
    }
    /**
     * \brief Throws std::invalid_argument naming the bad field: "mtu" below 1, or a packet
     * (mtu + overhead) larger than kMaxPacketWireBytes.
     */
    void Validate() const;
};

/// \brief What a link connects.
enum class LinkKind
{
    HostUp,   //!< host -> its leaf
    HostDown, //!< leaf -> host
    LeafUp,   //!< leaf -> spine (one of parallelLinks)
    SpineDown //!< spine -> leaf (one of parallelLinks)
};

/**
 * \brief One directed link of a leaf-spine fabric.
 */
struct FabricLink
{
    LinkKind kind;     //!< what it connects
    uint32_t host;     //!< host index (HostUp/HostDown)
    uint32_t leaf;     //!< leaf index
    uint32_t spine;    //!< spine index (LeafUp/SpineDown)
    uint32_t parallel; //!< which of the parallel links between leaf and spine
};

/**
 * \brief A two-tier leaf-spine: hosts on leaves, every leaf connected to every spine by
 * parallelLinks links. Hosts are numbered leaf by leaf: host h sits on leaf h / hostsPerLeaf.
 */
struct LeafSpineShape
{
    uint32_t leaves{defaults::kLeaves};               //!< leaf (top-of-rack) switches
    uint32_t spines{defaults::kSpines};               //!< spine switches
    uint32_t hostsPerLeaf{defaults::kHostsPerLeaf};   //!< hosts under each leaf
    uint32_t parallelLinks{defaults::kParallelLinks}; //!< links between each leaf and spine
    double hostRateBps{defaults::kLinkRateBps};       //!< host <-> leaf link rate
    double fabricRateBps{defaults::kLinkRateBps};     //!< leaf <-> spine link rate
    double linkDelayS{defaults::kLinkDelayS};         //!< propagation delay of every link

    /**
     * \brief Throws std::invalid_argument naming the first bad field: counts of at least one
     * whose products (hosts, uplinks per leaf, links) stay within kMaxFabricHosts,
     * kMaxUplinksPerLeaf and kMaxFabricLinks; finite positive rates up to kMaxLinkRateBps; a
     * delay in [0, kMaxTimeS].
     */
    void Validate() const;
    /// \brief Throws std::invalid_argument naming `name` unless host < Hosts().
    void CheckHost(uint32_t host, const char* name = "host") const;
    /// \brief Throws std::invalid_argument unless leaf, spine and parallel are in range.
    void CheckLeafSpine(uint32_t leaf, uint32_t spine, uint32_t parallel) const;
    /// \brief Number of hosts.
    uint32_t Hosts() const;
    /// \brief Leaf of a host.
    uint32_t LeafOf(uint32_t host) const;
    /// \brief Uplinks of one leaf: spines x parallelLinks.
    uint32_t UplinksPerLeaf() const;
    /// \brief Host bandwidth under a leaf over its uplink bandwidth (1 = non-blocking).
    double Oversubscription() const;
    /// \brief Links a packet from src to dst crosses (2 within a leaf, 4 across leaves).
    uint32_t Hops(uint32_t src, uint32_t dst) const;

    /// \brief Number of directed links: 2 per host, 2 x parallelLinks per leaf-spine pair.
    uint32_t LinkCount() const;
    /// \brief Index of a link in [0, LinkCount()).
    uint32_t HostUpLink(uint32_t host) const;
    /// \brief Index of the leaf -> host link.
    uint32_t HostDownLink(uint32_t host) const;
    /// \brief Index of the leaf -> spine link number parallel.
    uint32_t LeafUpLink(uint32_t leaf, uint32_t spine, uint32_t parallel = 0) const;
    /// \brief Index of the spine -> leaf link number parallel.
    uint32_t SpineDownLink(uint32_t spine, uint32_t leaf, uint32_t parallel = 0) const;
    /// \brief What link index i connects.
    FabricLink Link(uint32_t i) const;
    /// \brief Rate of link i in bit/s.
    double LinkRateBps(uint32_t i) const;
    /// \brief Name of link i, e.g. "host3->leaf0", "leaf0->spine2", "spine2.1->leaf5".
    std::string LinkName(uint32_t i) const;
    /**
     * \brief The base round-trip time of the longest path (between leaves, or within the
     * leaf when there is one): a full packet out, store and forward at every hop, and an empty
     * acknowledgement back, on idle links.
     */
    double BaseRttS(const WireFormat& wire) const;
    /**
     * \brief The largest round-trip time of the longest path: BaseRttS plus a full queue of
     * bufferBytes at every switch port on the way out and one full packet ahead of the
     * acknowledgement at every port on the way back (acknowledgements are served first). IRN
     * sets its long timeout, RTO_high, to such an estimate of the largest possible RTT.
     */
    double MaxRttS(const WireFormat& wire, uint64_t bufferBytes) const;
};

/**
 * \brief A transfer of payload bytes between two hosts (no dependencies).
 */
struct FabricFlow
{
    uint32_t src;   //!< source host
    uint32_t dst;   //!< destination host
    uint64_t bytes; //!< payload bytes
};

/**
 * \brief The ideal bound of a set of concurrent flows.
 *
 * Every flow's wire bytes are split perfectly over all equal-cost paths: a flow between leaves
 * puts 1/UplinksPerLeaf() of its bytes on each uplink of its source leaf and on each downlink
 * into its destination leaf. No schedule finishes before some link has carried its load, and
 * that link cannot start before the first packet of one of its flows has reached it, nor has
 * its last byte been delivered before crossing the rest of a path: the bound of a link is the
 * shortest way in + its load / rate + the shortest way out, and the ideal is the largest.
 */
struct IdealBound
{
    std::vector<double> linkBytes; //!< wire bytes per link (fractional), indexed as the shape
    uint32_t bottleneckLink{0};    //!< index of the link with the largest load / rate
    double maxLinkBytes{0};        //!< wire bytes on the most loaded link (bytes, not time)
    double transferS{0};           //!< largest linkBytes / rate
    double latencyS{0};            //!< idealS - transferS: the latency part of the bound
    double idealS{0};              //!< largest (way in + load / rate + way out) over links
};

/**
 * \brief Compute the ideal bound of concurrent flows on a fabric.
 *
 * The ways in and out count the propagation delay of every hop and, store and forward, the
 * serialisation of a packet of the flow on every hop but the bottleneck, at the fastest link
 * rate: on the way in the earlier of its first packet (a full one, or the whole flow if
 * smaller) and its last (what remains after the full ones), which leaves the host only after
 * all the others but, sprayed over another path, may overtake the first; on the way out its
 * last. For a single path of H hops and a flow of whole packets the latency is H delays +
 * (H - 1) packets, a lower bound on how long the last byte needs.
 * \param shape the fabric
 * \param wire the per-packet framing
 * \param flows the flows; a flow with src == dst crosses no link
 * \return loads and times
 * \throws std::invalid_argument for a bad shape or a host out of range
 */
IdealBound ComputeIdealBound(const LeafSpineShape& shape,
                             const WireFormat& wire,
                             const std::vector<FabricFlow>& flows);

/// \brief Memory a host of a simulated fabric is counted for (node, devices, stack, its links
/// and its share of the switches; measured: about 12 KB).
constexpr uint64_t kFabricBytesPerHost = 16 << 10;
/// \brief Memory a flow of a simulated fabric is counted for (queue pairs at both ends, its
/// state and its entry in the record; measured: about 2 KB).
constexpr uint64_t kFabricBytesPerFlow = 4 << 10;
/// \brief Simulator events a packet is counted for on each hop it crosses, its acknowledgement
/// included (measured: about 2.5).
constexpr uint64_t kFabricEventsPerPacketHop = 3;

/**
 * \brief Refuse a packet-level run of these flows on this fabric before anything is built when
 * it would exceed the memory budget (hosts and flows, see kFabricBytesPerHost and
 * kFabricBytesPerFlow) or the event budget (packets x hops x kFabricEventsPerPacketHop, at most
 * what the links can carry in full packets until stopS).
 * \param shape a validated fabric
 * \param wire a validated wire format
 * \param flows the flows of the run
 * \param stopS the simulated time after which the run stops
 * \throws std::invalid_argument with the estimate and the flag that raises the budget
 */
void CheckFabricBudget(const LeafSpineShape& shape,
                       const WireFormat& wire,
                       const std::vector<FabricFlow>& flows,
                       double stopS);

} // namespace planet

#endif /* FABRIC_LEAF_SPINE_H */
