// SPDX-License-Identifier: GPL-2.0-only

#include "fabric-leaf-spine.h"

#include "ns3/input-check.h"

#include <algorithm>
#include <limits>
#include <stdexcept>

namespace planet
{

uint64_t
WireFormat::Packets(uint64_t payloadBytes) const
{
    return std::max<uint64_t>(1, payloadBytes / mtuBytes + (payloadBytes % mtuBytes != 0));
}

uint64_t
WireFormat::WireBytes(uint64_t payloadBytes) const
{
    CheckCount("bytes", payloadBytes, 0, kMaxMessageBytes, "kMaxMessageBytes, 1 PB");
    uint64_t framing = 0;
    uint64_t wire = 0;
    if (__builtin_mul_overflow(Packets(payloadBytes), uint64_t{overheadBytes}, &framing) ||
        __builtin_add_overflow(payloadBytes, framing, &wire))
    {
        ThrowParameter("overheadBytes",
                       "a message of " + std::to_string(payloadBytes) +
                           " bytes would take more than 2^64 bytes on the wire");
    }
    return wire;
}

void
WireFormat::Validate() const
{
    if (mtuBytes == 0)
    {
        ThrowParameter("mtu", "must be at least 1 byte");
    }
    if (uint64_t{mtuBytes} + overheadBytes > kMaxPacketWireBytes)
    {
        ThrowParameter(mtuBytes > overheadBytes ? "mtu" : "overheadBytes",
                       "a packet of mtu " + std::to_string(mtuBytes) + " + overhead " +
                           std::to_string(overheadBytes) + " bytes exceeds " +
                           std::to_string(kMaxPacketWireBytes) +
                           " bytes on the wire (kMaxPacketWireBytes)");
    }
}

void
LeafSpineShape::Validate() const
{
    CheckCount("leaves", leaves, 1, kMaxFabricHosts, "kMaxFabricHosts");
    CheckCount("spines", spines, 1, kMaxUplinksPerLeaf, "kMaxUplinksPerLeaf");
    CheckCount("hostsPerLeaf", hostsPerLeaf, 1, kMaxFabricHosts, "kMaxFabricHosts");
    CheckCount("parallelLinks", parallelLinks, 1, kMaxUplinksPerLeaf, "kMaxUplinksPerLeaf");
    const uint64_t hosts = uint64_t{leaves} * hostsPerLeaf;
    if (hosts > kMaxFabricHosts)
    {
        ThrowParameter("hostsPerLeaf",
                       std::to_string(leaves) + " leaves x " + std::to_string(hostsPerLeaf) +
                           " hosts = " + std::to_string(hosts) + " hosts, more than " +
                           std::to_string(kMaxFabricHosts) + " (kMaxFabricHosts)");
    }
    const uint64_t uplinks = uint64_t{spines} * parallelLinks;
    if (uplinks > kMaxUplinksPerLeaf)
    {
        ThrowParameter("parallelLinks",
                       std::to_string(spines) + " spines x " + std::to_string(parallelLinks) +
                           " parallel links = " + std::to_string(uplinks) +
                           " uplinks per leaf, more than " + std::to_string(kMaxUplinksPerLeaf) +
                           " (kMaxUplinksPerLeaf)");
    }
    const uint64_t links = 2 * hosts + 2 * uint64_t{leaves} * uplinks;
    if (links > kMaxFabricLinks)
    {
        ThrowParameter("spines",
                       std::to_string(links) +
                           " links (2 per host, 2 per leaf uplink), more than " +
                           std::to_string(kMaxFabricLinks) + " (kMaxFabricLinks)");
    }
    CheckInRange("hostRate", hostRateBps, 1, kMaxLinkRateBps);
    CheckInRange("fabricRate", fabricRateBps, 1, kMaxLinkRateBps);
    CheckTimeS("linkDelay", linkDelayS);
}

void
LeafSpineShape::CheckHost(uint32_t host, const char* name) const
{
    CheckCount(name, host, 0, Hosts() - 1, "hosts of the fabric");
}

void
LeafSpineShape::CheckLeafSpine(uint32_t leaf, uint32_t spine, uint32_t parallel) const
{
    CheckCount("leaf", leaf, 0, leaves - 1, "leaves of the fabric");
    CheckCount("spine", spine, 0, spines - 1, "spines of the fabric");
    CheckCount("parallel", parallel, 0, parallelLinks - 1, "parallel links of the fabric");
}

uint32_t
LeafSpineShape::Hosts() const
{
    return leaves * hostsPerLeaf;
}

uint32_t
LeafSpineShape::LeafOf(uint32_t host) const
{
    return host / hostsPerLeaf;
}

uint32_t
LeafSpineShape::UplinksPerLeaf() const
{
    return spines * parallelLinks;
}

double
LeafSpineShape::Oversubscription() const
{
    return hostsPerLeaf * hostRateBps / (UplinksPerLeaf() * fabricRateBps);
}

uint32_t
LeafSpineShape::Hops(uint32_t src, uint32_t dst) const
{
    return LeafOf(src) == LeafOf(dst) ? 2 : 4;
}

uint32_t
LeafSpineShape::LinkCount() const
{
    return 2 * Hosts() + 2 * leaves * spines * parallelLinks;
}

uint32_t
LeafSpineShape::HostUpLink(uint32_t host) const
{
    return host;
}

uint32_t
LeafSpineShape::HostDownLink(uint32_t host) const
{
    return Hosts() + host;
}

uint32_t
LeafSpineShape::LeafUpLink(uint32_t leaf, uint32_t spine, uint32_t parallel) const
{
    return 2 * Hosts() + (leaf * spines + spine) * parallelLinks + parallel;
}

uint32_t
LeafSpineShape::SpineDownLink(uint32_t spine, uint32_t leaf, uint32_t parallel) const
{
    return 2 * Hosts() + leaves * spines * parallelLinks + (spine * leaves + leaf) * parallelLinks +
           parallel;
}

FabricLink
LeafSpineShape::Link(uint32_t i) const
{
    const uint32_t hosts = Hosts();
    if (i < hosts)
    {
        return {LinkKind::HostUp, i, LeafOf(i), 0, 0};
    }
    if (i < 2 * hosts)
    {
        return {LinkKind::HostDown, i - hosts, LeafOf(i - hosts), 0, 0};
    }
    const uint32_t pairs = leaves * spines * parallelLinks;
    uint32_t j = i - 2 * hosts;
    if (j < pairs)
    {
        return {LinkKind::LeafUp,
                0,
                j / parallelLinks / spines,
                (j / parallelLinks) % spines,
                j % parallelLinks};
    }
    j -= pairs;
    if (j >= pairs)
    {
        throw std::out_of_range("link index " + std::to_string(i) + " out of range");
    }
    return {LinkKind::SpineDown,
            0,
            (j / parallelLinks) % leaves,
            j / parallelLinks / leaves,
            j % parallelLinks};
}

double
LeafSpineShape::LinkRateBps(uint32_t i) const
{
    return i < 2 * Hosts() ? hostRateBps : fabricRateBps;
}

std::string
LeafSpineShape::LinkName(uint32_t i) const
{
    const FabricLink l = Link(i);
    const std::string leaf = "leaf" + std::to_string(l.leaf);
    const std::string spine = "spine" + std::to_string(l.spine) +
                              (parallelLinks > 1 ? "." + std::to_string(l.parallel) : "");
    switch (l.kind)
    {
    case LinkKind::HostUp:
        return "host" + std::to_string(l.host) + "->" + leaf;
    case LinkKind::HostDown:
        return leaf + "->host" + std::to_string(l.host);
    case LinkKind::LeafUp:
        return leaf + "->" + spine;
    case LinkKind::SpineDown:
        return spine + "->" + leaf;
    }
    return "";
}

double
LeafSpineShape::BaseRttS(const WireFormat& wire) const
{
    const double packet = WireFormat::PacketBytes(wire.mtuBytes, wire.overheadBytes) * 8.0;
    const double ack = WireFormat::PacketBytes(0, wire.overheadBytes) * 8.0;
    // Host links at both ends; leaf-spine links in between when there is more than one leaf.
    double rtt = 2 * (2 * linkDelayS + (packet + ack) / hostRateBps);
    if (leaves > 1)
    {
        rtt += 2 * (2 * linkDelayS + (packet + ack) / fabricRateBps);
    }
    return rtt;
}

double
LeafSpineShape::MaxRttS(const WireFormat& wire, uint64_t bufferBytes) const
{
    const double packet = WireFormat::PacketBytes(wire.mtuBytes, wire.overheadBytes) * 8.0;
    const double queue = static_cast<double>(bufferBytes) * 8.0;
    // Out: the leaf's port to the host; between leaves also the leaf's uplink and the spine's
    // downlink. Back: a packet in transmission at the host and at each switch port.
    double rtt = BaseRttS(wire) + queue / hostRateBps + 2 * packet / hostRateBps;
    if (leaves > 1)
    {
        rtt += 2 * (queue + packet) / fabricRateBps;
    }
    return rtt;
}

IdealBound
ComputeIdealBound(const LeafSpineShape& shape,
                  const WireFormat& wire,
                  const std::vector<FabricFlow>& flows)
{
    shape.Validate();
    wire.Validate();
    IdealBound bound;
    const uint32_t links = shape.LinkCount();
    bound.linkBytes.assign(links, 0.0);
    // Per link, the least time any of its flows needs to reach it (first packet, store and
    // forward) and to get from it to its destination (last packet): the link cannot start
    // before the first and its last byte is not delivered before the second.
    const double inf = std::numeric_limits<double>::infinity();
    std::vector<double> before(links, inf);
    std::vector<double> after(links, inf);
    const uint32_t hosts = shape.Hosts();
    const uint32_t uplinks = shape.UplinksPerLeaf();
    const double fastest = std::max(shape.hostRateBps, shape.fabricRateBps);
    const double d = shape.linkDelayS;
    for (const auto& f : flows)
    {
        if (f.src >= hosts || f.dst >= hosts)
        {
            throw std::invalid_argument("flow " + std::to_string(f.src) + "->" +
                                        std::to_string(f.dst) + ": host out of range [0, " +
                                        std::to_string(hosts) + ")");
        }
        if (f.src == f.dst)
        {
            continue;
        }
        const double bytes = static_cast<double>(wire.WireBytes(f.bytes));
        // The flow's first and last packets on the fastest link (lower bounds on every hop):
        // the first is a full packet (or the whole flow), the last what remains. The host sends
        // in order: the first packet leaves it first, the last only after every byte; sprayed
        // over another path, a short last packet may still overtake the first one later on.
        const uint64_t lastPayload =
            f.bytes - (std::max<uint64_t>(1, f.bytes) - 1) / wire.mtuBytes * wire.mtuBytes;
        const double first =
            wire.WireBytes(std::min<uint64_t>(wire.mtuBytes, f.bytes)) * 8.0 / fastest;
        const double last = wire.WireBytes(lastPayload) * 8.0 / fastest;
        const double whole = bytes * 8.0 / fastest; // all its packets, one after the other
        const uint32_t hops = shape.Hops(f.src, f.dst);
        auto load = [&](uint32_t link, uint32_t hop, double share) {
            bound.linkBytes[link] += share;
            const double in =
                hop == 0 ? 0.0 : std::min(hop * (d + first), whole + d + (hop - 1) * (last + d));
            before[link] = std::min(before[link], in);
            after[link] = std::min(after[link], d + (hops - 1 - hop) * (last + d));
        };
        load(shape.HostUpLink(f.src), 0, bytes);
        load(shape.HostDownLink(f.dst), hops - 1, bytes);
        const uint32_t srcLeaf = shape.LeafOf(f.src);
        const uint32_t dstLeaf = shape.LeafOf(f.dst);
        if (srcLeaf != dstLeaf)
        {
            const double share = bytes / uplinks;
            for (uint32_t s = 0; s < shape.spines; ++s)
            {
                for (uint32_t k = 0; k < shape.parallelLinks; ++k)
                {
                    load(shape.LeafUpLink(srcLeaf, s, k), 1, share);
                    load(shape.SpineDownLink(s, dstLeaf, k), 2, share);
                }
            }
        }
    }
    for (uint32_t i = 0; i < links; ++i)
    {
        if (bound.linkBytes[i] <= 0)
        {
            continue;
        }
        const double t = bound.linkBytes[i] * 8.0 / shape.LinkRateBps(i);
        if (t > bound.transferS)
        {
            bound.transferS = t;
            bound.bottleneckLink = i;
            bound.maxLinkBytes = bound.linkBytes[i];
        }
        bound.idealS = std::max(bound.idealS, before[i] + t + after[i]);
    }
    bound.latencyS = bound.idealS - bound.transferS;
    return bound;
}

void
CheckFabricBudget(const LeafSpineShape& shape,
                  const WireFormat& wire,
                  const std::vector<FabricFlow>& flows,
                  double stopS)
{
    const std::string run = "a run of " + std::to_string(flows.size()) + " flows on " +
                            std::to_string(shape.Hosts()) + " hosts";
    CheckMemoryBudget(run,
                      SaturatingAdd(SaturatingMul(shape.Hosts(), kFabricBytesPerHost),
                                    SaturatingMul(flows.size(), kFabricBytesPerFlow)));
    uint64_t packetHops = 0;
    for (const auto& f : flows)
    {
        const uint64_t hops = f.src == f.dst ? 0 : shape.Hops(f.src, f.dst);
        packetHops = SaturatingAdd(packetHops, SaturatingMul(wire.Packets(f.bytes), hops));
    }
    // No link carries more full packets than its rate allows until the run stops.
    const double fullPacketBits = 8.0 * wire.WireBytes(wire.mtuBytes);
    const double carried = CheckTimeS("stopTime", stopS) *
                           (2.0 * shape.Hosts() * shape.hostRateBps +
                            2.0 * shape.leaves * shape.UplinksPerLeaf() * shape.fabricRateBps) /
                           fullPacketBits;
    if (carried < static_cast<double>(packetHops))
    {
        packetHops = static_cast<uint64_t>(carried);
    }
    CheckEventBudget(run, SaturatingMul(packetHops, kFabricEventsPerPacketHop));
}

} // namespace planet
