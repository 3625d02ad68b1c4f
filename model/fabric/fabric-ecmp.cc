// SPDX-License-Identifier: GPL-2.0-only

#include "fabric-ecmp.h"

#include <stdexcept>
#include <string>

namespace planet
{

std::optional<uint32_t>
FindEntropy(const std::vector<HashTarget>& targets,
            uint32_t src,
            uint32_t dst,
            uint32_t start,
            uint32_t space)
{
    if (space == 0)
    {
        throw std::invalid_argument("FindEntropy: the entropy space is empty");
    }
    for (uint64_t k = 0; k < space; ++k)
    {
        const uint32_t entropy = static_cast<uint32_t>((start % space + k) % space);
        bool all = true;
        for (const HashTarget& t : targets)
        {
            if (EcmpMember(t.seed, src, dst, entropy, t.members) != t.member)
            {
                all = false;
                break;
            }
        }
        if (all)
        {
            return entropy;
        }
    }
    return std::nullopt;
}

std::vector<HashTarget>
PathTargets(const EcmpFabric& fabric, uint32_t src, uint32_t dst, uint32_t pathId)
{
    const LeafSpineShape& s = fabric.shape;
    if (src >= s.Hosts() || dst >= s.Hosts())
    {
        throw std::invalid_argument("PathTargets: host " + std::to_string(src) + " or " +
                                    std::to_string(dst) + " out of range [0, " +
                                    std::to_string(s.Hosts()) + ")");
    }
    if (fabric.leafSeeds.size() != s.leaves || fabric.spineSeeds.size() != s.spines)
    {
        throw std::invalid_argument("PathTargets: the fabric has " + std::to_string(s.leaves) +
                                    " leaves and " + std::to_string(s.spines) +
                                    " spines, the seeds are for " +
                                    std::to_string(fabric.leafSeeds.size()) + " and " +
                                    std::to_string(fabric.spineSeeds.size()));
    }
    std::vector<HashTarget> targets;
    const uint32_t srcLeaf = s.LeafOf(src);
    if (srcLeaf == s.LeafOf(dst))
    {
        return targets;
    }
    const uint32_t uplink = pathId % s.UplinksPerLeaf();
    if (s.UplinksPerLeaf() > 1)
    {
        targets.push_back({fabric.leafSeeds[srcLeaf], s.UplinksPerLeaf(), uplink});
    }
    if (s.parallelLinks > 1)
    {
        const uint32_t spine = uplink / s.parallelLinks;
        targets.push_back({fabric.spineSeeds[spine], s.parallelLinks, uplink % s.parallelLinks});
    }
    return targets;
}

uint32_t
PathEntropy(const EcmpFabric& fabric, uint32_t src, uint32_t dst, uint32_t pathId, uint32_t start)
{
    const std::optional<uint32_t> e =
        FindEntropy(PathTargets(fabric, src, dst, pathId), src, dst, start, kEntropySpace);
    if (!e)
    {
        throw std::invalid_argument("PathEntropy: no UDP source port pins " + std::to_string(src) +
                                    "->" + std::to_string(dst) + " to path " +
                                    std::to_string(pathId));
    }
    return *e;
}

} // namespace planet
