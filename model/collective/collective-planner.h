// SPDX-License-Identifier: GPL-2.0-only

#ifndef COLLECTIVE_PLANNER_H
#define COLLECTIVE_PLANNER_H

#include "ns3/fabric-leaf-spine.h"

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

/**
 * \file
 * \ingroup planet
 * The traffic planner: splits the concurrent flows of one collective step into subflows and
 * pins every subflow to one leaf-spine path so that the busiest fabric link carries no more
 * than perfect packet spraying would put on it whenever the split allows it (Addanki et al.,
 * "Challenging the Need for Packet Spraying in Large-Scale Distributed Training").
 *
 * The uplinks of a leaf (spine x parallel link) are the colours. The subflows between leaves
 * form a bipartite multigraph source leaf -> destination leaf; a subflow coloured c leaves its
 * source leaf on uplink c and enters its destination leaf on downlink c (same spine, same
 * parallel link index). Each leaf's subflows are sorted by size and cut into groups of at most
 * "uplinks" subflows; a proper edge colouring of the group graph (König: max degree <= colours,
 * alternating-path colouring) gives every link at most one subflow of each group. Hence every
 * link of a leaf carries at most (bytes of the leaf) / uplinks + (largest subflow of the leaf),
 * and with equal subflows the busiest link carries ceil(d / uplinks) of them, d the busiest
 * leaf's count: the fractional lower bound whenever d is a multiple of the uplinks (the
 * theorem's uplinks / gcd(r, uplinks) split of r equal flows). For unequal subflows a last pass
 * moves single subflows off the busiest link while that lowers it and keeps every link within
 * its leaf's bound.
 *
 * Plain C++17, no simulator: called by the ns-3 collective helpers, GoogleTest and Python.
 */

namespace planet
{

/**
 * \brief How many subflows each flow is split into: a fixed k, or "auto", the theorem's
 * uplinks / gcd(r, uplinks) (uplinks = spines x parallel links) for every flow between leaves
 * of the plan, where r is the largest number of flows leaving or entering one leaf through the
 * spines. In the theorem's setting (every leaf sends and receives r flows) this is its split;
 * for any set of equal flows it makes the busiest leaf's subflow count a multiple of the
 * uplinks, so the planner reaches the lower bound. (Choosing r per source leaf instead would
 * mix subflow sizes at the destination leaves and miss the bound there.)
 */
class SplitPolicy
{
  public:
    /// \brief The theorem's split, one k for the whole plan. Flows within a leaf stay whole.
    static SplitPolicy Auto();
    /**
     * \brief Every flow (also within a leaf) is split into k subflows.
     * \throws std::invalid_argument naming 'splits' when k is 0
     */
    static SplitPolicy Fixed(uint32_t k);
    /**
     * \brief Parse the `--splits` flag: "auto" or a positive integer.
     * \throws std::invalid_argument naming 'splits' and the allowed values
     */
    static SplitPolicy Parse(const std::string& text);

    /// \brief True for the theorem's split.
    bool IsAuto() const;
    /// \brief "auto" or the fixed k, as Parse() accepts it.
    std::string ToString() const;
    /**
     * \brief Subflows for one flow (before capping at its byte count).
     * \param busiestLeafFlows r: largest number of flows leaving or entering one leaf
     * through the spines (>= 1)
     * \param uplinks uplinks per leaf (>= 1)
     * \param local true for a flow within one leaf
     */
    uint32_t SplitsFor(uint32_t busiestLeafFlows, uint32_t uplinks, bool local) const;

  private:
    /// \param k fixed split, 0 for auto
    explicit SplitPolicy(uint32_t k);

    uint32_t m_splits; //!< fixed k, 0 for auto
};

/**
 * \brief The theorem's split: uplinks / gcd(flows, uplinks) subflows per flow make
 * flows x subflows a multiple of the uplinks.
 * \throws std::invalid_argument when flows or uplinks is 0
 */
uint32_t TheoremSplits(uint32_t flows, uint32_t uplinks);

/**
 * \brief A flow to plan: payload bytes from one host to another. Several jobs' flows may be
 * planned together (C4P-style); id and job are carried through unchanged.
 */
struct PlannerFlow
{
    uint64_t id{0};    //!< caller's flow id
    uint32_t job{0};   //!< caller's job (communicator) id
    uint32_t src{0};   //!< source host
    uint32_t dst{0};   //!< destination host
    uint64_t bytes{0}; //!< payload bytes
};

/// \brief Spine value of a path that crosses no spine (source and destination on one leaf).
constexpr uint32_t kNoSpine = UINT32_MAX;

/**
 * \brief The fabric path of a subflow between leaves: leaf -> spine on parallel link upLink,
 * spine -> leaf on parallel link downLink. spine is kNoSpine for a subflow within a leaf.
 */
struct PathChoice
{
    uint32_t spine{kNoSpine}; //!< spine crossed
    uint32_t upLink{0};       //!< parallel link index from the source leaf to the spine
    uint32_t downLink{0};     //!< parallel link index from the spine to the destination leaf
};

/**
 * \brief One subflow: part `index` of `count` of flow `flowId`, with its planned path and, for
 * comparison, the path hashed ECMP would give it.
 */
struct PlannedSubflow
{
    uint64_t flowId{0};  //!< the flow's id
    uint32_t job{0};     //!< the flow's job
    uint32_t index{0};   //!< which part of the flow, in [0, count)
    uint32_t count{0};   //!< parts the flow was split into
    uint32_t src{0};     //!< source host
    uint32_t dst{0};     //!< destination host
    uint32_t srcLeaf{0}; //!< leaf of src
    uint32_t dstLeaf{0}; //!< leaf of dst
    uint64_t bytes{0};   //!< payload bytes of this part
    PathChoice planned;  //!< the planner's path (upLink == downLink)
    PathChoice ecmp;     //!< the hashed-ECMP path
};

/**
 * \brief Bytes on every link of the fabric, indexed as LeafSpineShape numbers links (host links
 * included), and the busiest leaf-spine link (uplinks and downlinks only: host links carry the
 * same bytes under every routing).
 */
struct LinkLoads
{
    std::vector<uint64_t> linkBytes; //!< payload bytes per link, size shape.LinkCount()
    uint64_t maxFabricLinkBytes{0};  //!< largest load of a leaf->spine or spine->leaf link
    uint32_t maxFabricLink{0};       //!< index of that link (the first if tied)
};

/**
 * \brief Add the subflows' bytes along their paths (`path`: &PlannedSubflow::planned or
 * ::ecmp; host links too) and find the busiest leaf-spine link.
 */
LinkLoads ComputeLinkLoads(const LeafSpineShape& shape,
                           const std::vector<PlannedSubflow>& subflows,
                           PathChoice PlannedSubflow::*path);

/**
 * \brief The result of PlanTraffic.
 */
struct TrafficPlan
{
    /// Subflows flow by flow in input order, parts of one flow contiguous in index order.
    std::vector<PlannedSubflow> subflows;
    LinkLoads planned; //!< loads under the planner's paths
    LinkLoads ecmp;    //!< loads under hashed ECMP paths of the same subflows
    /// Largest bytes leaving a leaf or entering a leaf through the spines.
    uint64_t busiestLeafBytes{0};
    uint32_t uplinksPerLeaf{0}; //!< spines x parallel links
    /// r: largest number of flows leaving or entering one leaf through the spines.
    uint32_t busiestLeafFlows{0};
    /// The fractional lower bound: busiestLeafBytes / uplinksPerLeaf, the load perfect spraying
    /// gives the busiest leaf-spine link; no assignment of whole subflows does better.
    double lowerBoundBytes{0};
    uint64_t largestSubflowBytes{0}; //!< largest subflow crossing a spine
};

/**
 * \brief Split the concurrent flows of one step and pin every subflow to a leaf-spine path.
 *
 * A flow of B bytes split k ways becomes min(k, max(B, 1)) parts (no part is empty unless the
 * flow is) whose sizes differ by at most one byte and sum to B; the larger parts come first.
 * Guarantees, for every leaf-spine link of a leaf with W bytes through the spines and largest
 * subflow w: load <= W / uplinks + w, so planned.maxFabricLinkBytes <= lowerBoundBytes +
 * largestSubflowBytes; with subflows of equal size b whose busiest leaf has d of them, the
 * maximum is exactly b x ceil(d / uplinks) (= lowerBoundBytes when uplinks divides d).
 * Deterministic: the same input gives the same plan. Runs in about O(S log S + S x path) for S
 * subflows, where path is the length of the alternating paths the colouring flips (short in
 * practice), plus the rebalancing moves when subflow sizes differ. The ECMP comparison hashes
 * (seed, src, dst, job, flowId, index) with splitmix64 onto the source leaf's uplinks, then
 * onto the spine's parallel links to the destination leaf; it models hashing, it is not the
 * fabric's own hash function.
 *
 * \param shape the leaf-spine (hostsPerLeaf maps hosts to leaves)
 * \param flows the concurrent flows (any number of jobs)
 * \param split how flows are split
 * \param ecmpSeed seed of the ECMP hash used for the comparison
 * \return subflows, paths and loads
 * \throws std::invalid_argument for a bad shape (naming the field) or a host out of range
 */
TrafficPlan PlanTraffic(const LeafSpineShape& shape,
                        const std::vector<PlannerFlow>& flows,
                        const SplitPolicy& split,
                        uint64_t ecmpSeed = 0);

/**
 * \brief Proper edge colouring of a bipartite multigraph (König's theorem) by alternating-path
 * (Kempe chain) recolouring: edges sharing an endpoint get different colours.
 * \param leftVertices vertices on the left, numbered [0, leftVertices)
 * \param rightVertices vertices on the right, numbered [0, rightVertices)
 * \param edges (left, right) pairs; parallel edges allowed
 * \param colours number of colours; at least the maximum degree
 * \return the colour in [0, colours) of every edge
 * \throws std::invalid_argument when a vertex is out of range or its degree exceeds colours
 */
std::vector<uint32_t> ColourBipartiteMultigraph(
    uint32_t leftVertices,
    uint32_t rightVertices,
    const std::vector<std::pair<uint32_t, uint32_t>>& edges,
    uint32_t colours);

} // namespace planet

#endif /* COLLECTIVE_PLANNER_H */
