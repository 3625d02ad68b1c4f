// SPDX-License-Identifier: GPL-2.0-only

#ifndef COLLECTIVE_COMMUNICATOR_H
#define COLLECTIVE_COMMUNICATOR_H

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

/**
 * \file
 * \ingroup planet
 * Communicators: which host each rank of a job runs on, and the placements that choose those
 * hosts (contiguous, strided, random, explicit), chosen by name. Plain C++17, no simulator.
 */

namespace planet
{

/**
 * \brief The ranks of one job and the host each rank runs on. Rank i runs on Host(i); hosts are
 * distinct. Several communicators (jobs) may share a fabric, on disjoint or overlapping hosts.
 */
class Communicator
{
  public:
    /**
     * \brief A communicator whose rank i runs on hosts[i].
     * \param hosts host of every rank
     * \param fabricHosts hosts of the fabric (every host must be below it)
     * \throws std::invalid_argument naming 'ranks' when hosts is empty and 'hosts' when a host
     *         is out of range or listed twice
     */
    Communicator(std::vector<uint32_t> hosts, uint32_t fabricHosts);

    /// \brief Number of ranks.
    uint32_t Size() const;
    /// \brief Host of a rank. \throws std::out_of_range for a rank >= Size()
    uint32_t Host(uint32_t rank) const;
    /// \brief Host of every rank, by rank.
    const std::vector<uint32_t>& Hosts() const;
    /// \brief Hosts of the fabric the communicator was validated against.
    uint32_t FabricHosts() const;

  private:
    std::vector<uint32_t> m_hosts; //!< host of every rank
    uint32_t m_fabricHosts;        //!< hosts of the fabric
};

/**
 * \brief Parameters of the placements; each placement reads only its own.
 */
struct PlacementOptions
{
    uint32_t firstHost{0};       //!< contiguous, strided: host of rank 0
    uint32_t stride{1};          //!< strided: host distance between consecutive ranks
    uint64_t seed{1};            //!< random: seed of the draw
    std::vector<uint32_t> hosts; //!< explicit: host of every rank
};

/**
 * \brief How a job's ranks are laid out on the hosts of a fabric (hosts numbered leaf by leaf).
 */
class Placement
{
  public:
    virtual ~Placement() = default;
    /// \brief Registry name of the placement.
    virtual std::string Name() const = 0;
    /**
     * \brief Hosts of ranks 0..ranks-1.
     * \param ranks number of ranks (the explicit placement also accepts 0: "as many as listed")
     * \param fabricHosts hosts of the fabric
     * \throws std::invalid_argument naming the offending parameter
     */
    virtual std::vector<uint32_t> Place(uint32_t ranks, uint32_t fabricHosts) const = 0;
};

/// \brief Rank i on host firstHost + i.
class ContiguousPlacement : public Placement
{
  public:
    /// \param firstHost host of rank 0
    explicit ContiguousPlacement(uint32_t firstHost);
    std::string Name() const override;
    std::vector<uint32_t> Place(uint32_t ranks, uint32_t fabricHosts) const override;

  private:
    uint32_t m_firstHost; //!< host of rank 0
};

/**
 * \brief Rank i on host (firstHost + i x stride) mod H + floor((firstHost + i x stride) / H),
 * H the fabric's hosts: consecutive ranks stride hosts apart, wrapping around to the next free
 * offset. With stride = hostsPerLeaf, consecutive ranks sit on consecutive leaves
 * (round-robin over leaves).
 */
class StridedPlacement : public Placement
{
  public:
    /// \param firstHost host of rank 0 \param stride host distance between consecutive ranks
    StridedPlacement(uint32_t firstHost, uint32_t stride);
    std::string Name() const override;
    std::vector<uint32_t> Place(uint32_t ranks, uint32_t fabricHosts) const override;

  private:
    uint32_t m_firstHost; //!< host of rank 0
    uint32_t m_stride;    //!< distance between consecutive ranks
};

/**
 * \brief Ranks on distinct hosts drawn uniformly at random (a partial Fisher-Yates shuffle
 * driven by a 64-bit Mersenne twister): the same seed gives the same hosts on every platform.
 */
class RandomPlacement : public Placement
{
  public:
    /// \param seed seed of the draw
    explicit RandomPlacement(uint64_t seed);
    std::string Name() const override;
    std::vector<uint32_t> Place(uint32_t ranks, uint32_t fabricHosts) const override;

  private:
    uint64_t m_seed; //!< seed of the draw
};

/// \brief Rank i on hosts[i] of a given list.
class ExplicitPlacement : public Placement
{
  public:
    /// \param hosts host of every rank
    explicit ExplicitPlacement(std::vector<uint32_t> hosts);
    std::string Name() const override;
    std::vector<uint32_t> Place(uint32_t ranks, uint32_t fabricHosts) const override;

  private:
    std::vector<uint32_t> m_hosts; //!< host of every rank
};

/// \brief Registry names: "contiguous", "strided", "random", "explicit".
std::vector<std::string> PlacementNames();

/**
 * \brief Make a placement by registry name.
 * \throws std::invalid_argument naming 'placement' and listing the allowed names
 */
std::unique_ptr<Placement> MakePlacement(const std::string& name,
                                         const PlacementOptions& options = {});

/**
 * \brief A communicator of `ranks` ranks placed by the named placement on a fabric.
 * \throws std::invalid_argument naming the offending parameter
 */
Communicator MakeCommunicator(const std::string& placement,
                              uint32_t ranks,
                              uint32_t fabricHosts,
                              const PlacementOptions& options = {});

} // namespace planet

#endif /* COLLECTIVE_COMMUNICATOR_H */
