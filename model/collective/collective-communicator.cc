// SPDX-License-Identifier: GPL-2.0-only

#include "collective-communicator.h"

#include "collective-registry.h"

#include <numeric>
#include <random>
#include <stdexcept>

namespace planet
{

namespace
{

/// Throws naming 'ranks' when ranks do not fit on the fabric.
void
CheckFits(uint32_t ranks, uint32_t fabricHosts)
{
    if (ranks == 0)
    {
        throw std::invalid_argument("parameter 'ranks': must be at least 1");
    }
    if (ranks > fabricHosts)
    {
        throw std::invalid_argument("parameter 'ranks': " + std::to_string(ranks) +
                                    " ranks do not fit on " + std::to_string(fabricHosts) +
                                    " hosts");
    }
}

} // namespace

Communicator::Communicator(std::vector<uint32_t> hosts, uint32_t fabricHosts)
    : m_hosts(std::move(hosts)),
      m_fabricHosts(fabricHosts)
{
    if (m_hosts.empty())
    {
        throw std::invalid_argument("parameter 'ranks': a communicator needs at least 1 rank");
    }
    std::vector<bool> used(fabricHosts, false);
    for (uint32_t rank = 0; rank < m_hosts.size(); ++rank)
    {
        const uint32_t h = m_hosts[rank];
        if (h >= fabricHosts)
        {
            throw std::invalid_argument(
                "parameter 'hosts': host " + std::to_string(h) + " of rank " +
                std::to_string(rank) + " is out of range [0, " + std::to_string(fabricHosts) + ")");
        }
        if (used[h])
        {
            throw std::invalid_argument("parameter 'hosts': host " + std::to_string(h) +
                                        " is given to more than one rank (again to rank " +
                                        std::to_string(rank) + ")");
        }
        used[h] = true;
    }
}

uint32_t
Communicator::Size() const
{
    return m_hosts.size();
}

uint32_t
Communicator::Host(uint32_t rank) const
{
    return m_hosts.at(rank);
}

const std::vector<uint32_t>&
Communicator::Hosts() const
{
    return m_hosts;
}

uint32_t
Communicator::FabricHosts() const
{
    return m_fabricHosts;
}

ContiguousPlacement::ContiguousPlacement(uint32_t firstHost)
    : m_firstHost(firstHost)
{
}

std::string
ContiguousPlacement::Name() const
{
    return "contiguous";
}

std::vector<uint32_t>
ContiguousPlacement::Place(uint32_t ranks, uint32_t fabricHosts) const
{
    CheckFits(ranks, fabricHosts);
    if (uint64_t{m_firstHost} + ranks > fabricHosts)
    {
        throw std::invalid_argument("parameter 'firstHost': " + std::to_string(ranks) +
                                    " contiguous ranks from host " + std::to_string(m_firstHost) +
                                    " pass the last host " + std::to_string(fabricHosts - 1));
    }
    std::vector<uint32_t> hosts(ranks);
    std::iota(hosts.begin(), hosts.end(), m_firstHost);
    return hosts;
}

StridedPlacement::StridedPlacement(uint32_t firstHost, uint32_t stride)
    : m_firstHost(firstHost),
      m_stride(stride)
{
}

std::string
StridedPlacement::Name() const
{
    return "strided";
}

std::vector<uint32_t>
StridedPlacement::Place(uint32_t ranks, uint32_t fabricHosts) const
{
    CheckFits(ranks, fabricHosts);
    if (m_stride == 0)
    {
        throw std::invalid_argument("parameter 'stride': must be at least 1");
    }
    if (m_firstHost >= fabricHosts)
    {
        throw std::invalid_argument("parameter 'firstHost': host " + std::to_string(m_firstHost) +
                                    " is out of range [0, " + std::to_string(fabricHosts) + ")");
    }
    std::vector<uint32_t> hosts(ranks);
    std::vector<bool> used(fabricHosts, false);
    for (uint32_t i = 0; i < ranks; ++i)
    {
        const uint64_t position = m_firstHost + uint64_t{i} * m_stride;
        const uint64_t host = position % fabricHosts + position / fabricHosts;
        if (host >= fabricHosts || used[host])
        {
            throw std::invalid_argument("parameter 'stride': stride " + std::to_string(m_stride) +
                                        " does not place " + std::to_string(ranks) +
                                        " ranks on distinct of " + std::to_string(fabricHosts) +
                                        " hosts (use a divisor of the host count)");
        }
        used[host] = true;
        hosts[i] = host;
    }
    return hosts;
}

RandomPlacement::RandomPlacement(uint64_t seed)
    : m_seed(seed)
{
}

std::string
RandomPlacement::Name() const
{
    return "random";
}

std::vector<uint32_t>
RandomPlacement::Place(uint32_t ranks, uint32_t fabricHosts) const
{
    CheckFits(ranks, fabricHosts);
    std::vector<uint32_t> pool(fabricHosts);
    std::iota(pool.begin(), pool.end(), 0);
    // std::uniform_int_distribution differs between standard libraries; a modulo of a 64-bit
    // draw keeps the placement identical everywhere (its bias is below 2^-32 for any fabric).
    std::mt19937_64 rng(m_seed);
    for (uint32_t i = 0; i < ranks; ++i)
    {
        const uint64_t j = i + rng() % (fabricHosts - i);
        std::swap(pool[i], pool[j]);
    }
    pool.resize(ranks);
    return pool;
}

ExplicitPlacement::ExplicitPlacement(std::vector<uint32_t> hosts)
    : m_hosts(std::move(hosts))
{
}

std::string
ExplicitPlacement::Name() const
{
    return "explicit";
}

std::vector<uint32_t>
ExplicitPlacement::Place(uint32_t ranks, uint32_t fabricHosts) const
{
    if (m_hosts.empty())
    {
        throw std::invalid_argument("parameter 'hosts': the explicit placement needs a host list");
    }
    if (ranks != 0 && ranks != m_hosts.size())
    {
        throw std::invalid_argument("parameter 'ranks': " + std::to_string(ranks) + " ranks but " +
                                    std::to_string(m_hosts.size()) + " hosts listed");
    }
    CheckFits(m_hosts.size(), fabricHosts);
    return m_hosts;
}

namespace
{

const NamedRegistry<Placement, PlacementOptions>&
Placements()
{
    using R = NamedRegistry<Placement, PlacementOptions>;
    static const R registry(
        "placement",
        {
            {"contiguous",
             [](const PlacementOptions& o) {
                 return std::make_unique<ContiguousPlacement>(o.firstHost);
             }},
            {"strided",
             [](const PlacementOptions& o) {
                 return std::make_unique<StridedPlacement>(o.firstHost, o.stride);
             }},
            {"random",
             [](const PlacementOptions& o) { return std::make_unique<RandomPlacement>(o.seed); }},
            {"explicit",
             [](const PlacementOptions& o) {
                 return std::make_unique<ExplicitPlacement>(o.hosts);
             }},
        });
    return registry;
}

} // namespace

std::vector<std::string>
PlacementNames()
{
    return Placements().Names();
}

std::unique_ptr<Placement>
MakePlacement(const std::string& name, const PlacementOptions& options)
{
    return Placements().Make(name, options);
}

Communicator
MakeCommunicator(const std::string& placement,
                 uint32_t ranks,
                 uint32_t fabricHosts,
                 const PlacementOptions& options)
{
    return Communicator(MakePlacement(placement, options)->Place(ranks, fabricHosts), fabricHosts);
}

} // namespace planet
