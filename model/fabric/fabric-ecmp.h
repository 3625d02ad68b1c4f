// SPDX-License-Identifier: GPL-2.0-only

#ifndef FABRIC_ECMP_H
#define FABRIC_ECMP_H

#include "fabric-leaf-spine.h"

#include <cstdint>
#include <optional>
#include <vector>

/**
 * \file
 * \ingroup planet
 * The switches' ECMP hash as plain functions, and the search for an entropy (RoCEv2's UDP
 * source port) that makes every switch on a path pick the planned port: how a RoCE sender pins
 * a path without source routing. No simulator dependency.
 */

namespace planet
{

/// \brief SplitMix64's finaliser: a cheap, well-mixing 64-bit hash step (planet's one mix).
inline uint64_t
Mix64(uint64_t x)
{
    x += 0x9e3779b97f4a7c15ULL;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

/**
 * \brief The member of a group of equal-cost ports a switch with this seed picks for a packet
 * (src, dst, entropy): what FabricSwitch does without a path id or the adaptive flag.
 * \param seed the switch's hash seed
 * \param src source host
 * \param dst destination host
 * \param entropy the packet's entropy
 * \param members ports in the group (at least 1)
 * \return index in [0, members)
 */
inline uint32_t
EcmpMember(uint32_t seed, uint32_t src, uint32_t dst, uint32_t entropy, uint32_t members)
{
    uint64_t h = Mix64((static_cast<uint64_t>(seed) << 32) | src);
    h = Mix64(h ^ ((static_cast<uint64_t>(dst) << 32) | entropy));
    return static_cast<uint32_t>(h % members);
}

/// \brief One switch on a path: its seed, the size of the group it chooses in, the member wanted.
struct HashTarget
{
    uint32_t seed;    //!< the switch's hash seed
    uint32_t members; //!< ports in the equal-cost group
    uint32_t member;  //!< the port (index in the group) the path takes
};

/**
 * \brief The first entropy, from `start` on (wrapping within [0, space)), for which every
 * target switch picks its member for (src, dst).
 * \param targets the switches of the path that choose among several ports
 * \param src source host
 * \param dst destination host
 * \param start where the search starts (taken modulo space)
 * \param space entropies to search (65536: a UDP source port); at least 1
 * \return the entropy, or nothing if none in the space works
 */
std::optional<uint32_t> FindEntropy(const std::vector<HashTarget>& targets,
                                    uint32_t src,
                                    uint32_t dst,
                                    uint32_t start,
                                    uint32_t space);

/**
 * \brief A leaf-spine fabric's ECMP hash seeds (what a RoCE sender must know to pin a path by
 * its UDP source port).
 */
struct EcmpFabric
{
    LeafSpineShape shape;             //!< the fabric
    std::vector<uint32_t> leafSeeds;  //!< hash seed of each leaf switch
    std::vector<uint32_t> spineSeeds; //!< hash seed of each spine switch
};

/**
 * \brief The switches that choose a port on the path from src to dst with path id pathId (as
 * LeafSpineHelper numbers paths: uplink pathId % uplinks of the source leaf, spine
 * uplink / parallelLinks, parallel link uplink % parallelLinks, both ways): the source leaf
 * among its uplinks and, with parallel links, the spine among its links to the destination
 * leaf. None within a leaf.
 * \throws std::invalid_argument for a host out of range or seeds that do not fit the shape
 */
std::vector<HashTarget> PathTargets(const EcmpFabric& fabric,
                                    uint32_t src,
                                    uint32_t dst,
                                    uint32_t pathId);

/// Entropies of a RoCEv2 sender: the UDP source port's 16 bits.
constexpr uint32_t kEntropySpace = 65536;

/**
 * \brief The entropy that pins (src, dst) to path pathId at every switch: FindEntropy over
 * PathTargets, in the UDP source port's space.
 * \throws std::invalid_argument as PathTargets, or if no port works (which needs the path's
 * choices to outnumber the ports by far)
 */
uint32_t PathEntropy(const EcmpFabric& fabric,
                     uint32_t src,
                     uint32_t dst,
                     uint32_t pathId,
                     uint32_t start);

} // namespace planet

#endif /* FABRIC_ECMP_H */
