// SPDX-License-Identifier: GPL-2.0-only

#include "collective-planner.h"

#include "ns3/fabric-ecmp.h"
#include "ns3/input-check.h"

#include <algorithm>
#include <numeric>
#include <stdexcept>

namespace planet
{

namespace
{

/// Hashed ECMP: the source leaf hashes the subflow's identity over its uplinks, the spine
/// hashes it again over its parallel links to the destination leaf.
PathChoice
EcmpPath(const LeafSpineShape& shape, const PlannedSubflow& s, uint64_t seed)
{
    uint64_t h = Mix64(seed);
    for (uint64_t field :
         {uint64_t{s.src}, uint64_t{s.dst}, uint64_t{s.job}, s.flowId, uint64_t{s.index}})
    {
        h = Mix64(h ^ field);
    }
    const uint32_t uplink = h % shape.UplinksPerLeaf();
    PathChoice path;
    path.spine = uplink / shape.parallelLinks;
    path.upLink = uplink % shape.parallelLinks;
    path.downLink = Mix64(h ^ path.spine) % shape.parallelLinks;
    return path;
}

/**
 * Group the subflows at each leaf: sorted by size (largest first, then by position), the first
 * `uplinks` form group 0 of the leaf, the next `uplinks` group 1, and so on. Returns the group
 * vertex of every subflow in `members` order; groups are numbered leaf by leaf from 0, and
 * `groups` receives their count.
 */
std::vector<uint32_t>
GroupByLeaf(const std::vector<PlannedSubflow>& subflows,
            const std::vector<uint32_t>& members,
            uint32_t PlannedSubflow::*leafOf,
            uint32_t leaves,
            uint32_t uplinks,
            uint32_t& groups)
{
    struct Key
    {
        uint64_t bytes;
        uint32_t position; // in members

        bool operator<(const Key& o) const // largest first, then by position
        {
            return bytes != o.bytes ? bytes > o.bytes : position < o.position;
        }
    };

    // Bucket by leaf; a counting sort keeps each leaf's subflows in position order.
    std::vector<uint32_t> start(leaves + 1, 0);
    for (uint32_t m : members)
    {
        ++start[subflows[m].*leafOf + 1];
    }
    std::partial_sum(start.begin(), start.end(), start.begin());
    std::vector<Key> keys(members.size());
    std::vector<uint32_t> next(start.begin(), start.end() - 1);
    for (uint32_t i = 0; i < members.size(); ++i)
    {
        keys[next[subflows[members[i]].*leafOf]++] = {subflows[members[i]].bytes, i};
    }
    std::vector<uint32_t> group(members.size());
    groups = 0;
    for (uint32_t leaf = 0; leaf < leaves; ++leaf)
    {
        const auto first = keys.begin() + start[leaf];
        const auto last = keys.begin() + start[leaf + 1];
        if (!std::is_sorted(first, last)) // equal sizes already are
        {
            std::sort(first, last);
        }
        for (auto k = first; k != last; ++k)
        {
            group[k->position] = groups + (k - first) / uplinks;
        }
        groups += (last - first + uplinks - 1) / uplinks;
    }
    return group;
}

/**
 * Improve a colouring of subflows with unequal sizes: repeatedly move one subflow off the
 * busiest link to the colour that lowers it most, provided both links it moves to stay below
 * that load and within their leaf's bound (W / uplinks + largest subflow). The maximum never
 * rises; each move lowers the busiest link or removes one link at the maximum, so it ends.
 * colour[i] is the uplink of subflows[crossing[i]].
 */
void
Rebalance(const std::vector<PlannedSubflow>& subflows,
          const std::vector<uint32_t>& crossing,
          uint32_t leaves,
          uint32_t uplinks,
          std::vector<uint32_t>& colour)
{
    // Links: uplinks of leaf l at [l * uplinks, ...), downlinks into leaf l after all uplinks.
    auto link = [&](uint32_t i, uint32_t c, bool down) {
        const PlannedSubflow& s = subflows[crossing[i]];
        return ((down ? leaves + s.dstLeaf : s.srcLeaf) * uplinks) + c;
    };
    std::vector<uint64_t> load(2 * leaves * uplinks, 0);
    std::vector<uint64_t> cap(2 * leaves, 0); // uplinks x the leaf's bound
    std::vector<uint64_t> largest(2 * leaves, 0);
    for (uint32_t i = 0; i < crossing.size(); ++i)
    {
        const uint64_t w = subflows[crossing[i]].bytes;
        for (bool down : {false, true})
        {
            const uint32_t l = link(i, colour[i], down);
            load[l] += w;
            cap[l / uplinks] += w;
            largest[l / uplinks] = std::max(largest[l / uplinks], w);
        }
    }
    // No plan beats the busiest leaf's share rounded up, nor the largest subflow.
    uint64_t atLeast = 0;
    for (uint32_t side = 0; side < cap.size(); ++side)
    {
        atLeast = std::max({atLeast, (cap[side] + uplinks - 1) / uplinks, largest[side]});
        cap[side] += uplinks * largest[side];
    }
    if (*std::max_element(load.begin(), load.end()) <= atLeast)
    {
        return;
    }
    std::vector<std::vector<uint32_t>> on(load.size()); // subflows on each link
    for (uint32_t i = 0; i < crossing.size(); ++i)
    {
        on[link(i, colour[i], false)].push_back(i);
        on[link(i, colour[i], true)].push_back(i);
    }
    for (;;)
    {
        const uint32_t busiest = std::max_element(load.begin(), load.end()) - load.begin();
        const uint64_t top = load[busiest];
        uint64_t best = top; // the largest load a move leaves on the links it touches
        uint32_t move = 0;
        uint32_t to = 0;
        for (uint32_t i : on[busiest])
        {
            const uint64_t w = subflows[crossing[i]].bytes;
            for (uint32_t c = 0; c < uplinks; ++c)
            {
                const uint32_t up = link(i, c, false);
                const uint32_t down = link(i, c, true);
                const uint64_t worst = std::max({load[up] + w, load[down] + w, top - w});
                if (c != colour[i] && worst < best &&
                    (load[up] + w) * uplinks <= cap[up / uplinks] &&
                    (load[down] + w) * uplinks <= cap[down / uplinks])
                {
                    best = worst;
                    move = i;
                    to = c;
                }
            }
        }
        if (best == top)
        {
            return;
        }
        const uint64_t w = subflows[crossing[move]].bytes;
        for (bool down : {false, true})
        {
            const uint32_t from = link(move, colour[move], down);
            load[from] -= w;
            on[from].erase(std::find(on[from].begin(), on[from].end(), move));
            const uint32_t into = link(move, to, down);
            load[into] += w;
            on[into].push_back(move);
        }
        colour[move] = to;
    }
}

} // namespace

LinkLoads
ComputeLinkLoads(const LeafSpineShape& shape,
                 const std::vector<PlannedSubflow>& subflows,
                 PathChoice PlannedSubflow::*path)
{
    LinkLoads loads;
    loads.linkBytes.assign(shape.LinkCount(), 0);
    for (const auto& s : subflows)
    {
        if (s.src == s.dst)
        {
            continue;
        }
        loads.linkBytes[shape.HostUpLink(s.src)] += s.bytes;
        loads.linkBytes[shape.HostDownLink(s.dst)] += s.bytes;
        const PathChoice& p = s.*path;
        if (p.spine != kNoSpine)
        {
            loads.linkBytes[shape.LeafUpLink(s.srcLeaf, p.spine, p.upLink)] += s.bytes;
            loads.linkBytes[shape.SpineDownLink(p.spine, s.dstLeaf, p.downLink)] += s.bytes;
        }
    }
    const uint32_t firstFabricLink = 2 * shape.Hosts();
    loads.maxFabricLink = firstFabricLink;
    for (uint32_t i = firstFabricLink; i < loads.linkBytes.size(); ++i)
    {
        if (loads.linkBytes[i] > loads.maxFabricLinkBytes)
        {
            loads.maxFabricLinkBytes = loads.linkBytes[i];
            loads.maxFabricLink = i;
        }
    }
    return loads;
}

SplitPolicy::SplitPolicy(uint32_t k)
    : m_splits(k)
{
}

SplitPolicy
SplitPolicy::Auto()
{
    return SplitPolicy(0);
}

SplitPolicy
SplitPolicy::Fixed(uint32_t k)
{
    if (k == 0)
    {
        throw std::invalid_argument("parameter 'splits': must be 'auto' or a positive integer");
    }
    CheckCount("splits", k, 1, kMaxUplinksPerLeaf, "kMaxUplinksPerLeaf: a part per uplink at most");
    return SplitPolicy(k);
}

SplitPolicy
SplitPolicy::Parse(const std::string& text)
{
    if (text == "auto")
    {
        return Auto();
    }
    const bool digits =
        !text.empty() && text.size() <= 9 &&
        std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
    if (!digits)
    {
        throw std::invalid_argument("parameter 'splits': '" + text +
                                    "' is not 'auto' or a positive integer");
    }
    return Fixed(static_cast<uint32_t>(std::stoul(text)));
}

bool
SplitPolicy::IsAuto() const
{
    return m_splits == 0;
}

std::string
SplitPolicy::ToString() const
{
    return IsAuto() ? "auto" : std::to_string(m_splits);
}

uint32_t
SplitPolicy::SplitsFor(uint32_t busiestLeafFlows, uint32_t uplinks, bool local) const
{
    if (!IsAuto())
    {
        return m_splits;
    }
    return local ? 1 : TheoremSplits(busiestLeafFlows, uplinks);
}

uint32_t
TheoremSplits(uint32_t flows, uint32_t uplinks)
{
    if (flows == 0 || uplinks == 0)
    {
        throw std::invalid_argument("TheoremSplits: flows and uplinks must be positive");
    }
    return uplinks / std::gcd(flows, uplinks);
}

std::vector<uint32_t>
ColourBipartiteMultigraph(uint32_t leftVertices,
                          uint32_t rightVertices,
                          const std::vector<std::pair<uint32_t, uint32_t>>& edges,
                          uint32_t colours)
{
    constexpr uint32_t kFree = UINT32_MAX;
    const uint64_t vertices = uint64_t{leftVertices} + rightVertices;
    std::vector<uint32_t> degree(vertices, 0);
    for (const auto& [u, v] : edges)
    {
        if (u >= leftVertices || v >= rightVertices)
        {
            throw std::invalid_argument("ColourBipartiteMultigraph: edge (" + std::to_string(u) +
                                        ", " + std::to_string(v) + ") out of range");
        }
        if (++degree[u] > colours || ++degree[leftVertices + v] > colours)
        {
            throw std::invalid_argument("ColourBipartiteMultigraph: a vertex has degree above " +
                                        std::to_string(colours) + " colours");
        }
    }
    // at[x * colours + c]: the edge of colour c at vertex x (right vertices after the left).
    std::vector<uint32_t> at(vertices * colours, kFree);
    std::vector<uint32_t> colour(edges.size(), kFree);
    auto ends = [&](uint32_t e) {
        return std::pair<uint64_t, uint64_t>{edges[e].first,
                                             uint64_t{leftVertices} + edges[e].second};
    };
    auto freeColour = [&](uint64_t x) {
        const uint32_t* row = &at[x * colours];
        return static_cast<uint32_t>(std::find(row, row + colours, kFree) - row);
    };
    auto other = [&](uint32_t e, uint64_t x) {
        const auto [u, v] = ends(e);
        return x == u ? v : u;
    };
    // Swap colours a and b on the edges of an alternating path.
    auto flip = [&](const std::vector<uint32_t>& path, uint32_t a, uint32_t b) {
        for (uint32_t f : path)
        {
            const auto [fu, fv] = ends(f);
            at[fu * colours + colour[f]] = kFree;
            at[fv * colours + colour[f]] = kFree;
            colour[f] = (colour[f] == a ? b : a);
        }
        for (uint32_t f : path)
        {
            const auto [fu, fv] = ends(f);
            at[fu * colours + colour[f]] = f;
            at[fv * colours + colour[f]] = f;
        }
    };
    std::vector<uint32_t> fromV;
    std::vector<uint32_t> fromU;
    for (uint32_t e = 0; e < edges.size(); ++e)
    {
        const auto [u, v] = ends(e);
        // A colour free at both ends if there is one, else one free at u (there is: e is not
        // coloured yet and the degree is at most colours).
        uint32_t a = 0;
        while (a < colours && (at[u * colours + a] != kFree || at[v * colours + a] != kFree))
        {
            ++a;
        }
        if (a == colours)
        {
            // a free at u, b free at v. Flipping the a/b alternating path from v frees a at v;
            // flipping the b/a path from u frees b at u. In a bipartite graph neither path
            // reaches the other end of e. Walk both in step and flip the one that ends first.
            a = freeColour(u);
            const uint32_t b = freeColour(v);
            fromV.clear();
            fromU.clear();
            uint64_t xv = v;
            uint64_t xu = u;
            for (uint32_t c = a;; c = (c == a ? b : a))
            {
                const uint32_t fv = at[xv * colours + c];
                if (fv == kFree)
                {
                    flip(fromV, a, b);
                    break;
                }
                const uint32_t fu = at[xu * colours + (c == a ? b : a)];
                if (fu == kFree)
                {
                    flip(fromU, a, b);
                    a = b;
                    break;
                }
                fromV.push_back(fv);
                fromU.push_back(fu);
                xv = other(fv, xv);
                xu = other(fu, xu);
            }
        }
        colour[e] = a;
        at[u * colours + a] = e;
        at[v * colours + a] = e;
    }
    return colour;
}

TrafficPlan
PlanTraffic(const LeafSpineShape& shape,
            const std::vector<PlannerFlow>& flows,
            const SplitPolicy& split,
            uint64_t ecmpSeed)
{
    shape.Validate();
    const uint32_t hosts = shape.Hosts();
    const uint32_t uplinks = shape.UplinksPerLeaf();
    TrafficPlan plan;
    plan.uplinksPerLeaf = uplinks;

    std::vector<uint32_t> leaving(shape.leaves, 0); // flows leaving each leaf via the spines
    std::vector<uint32_t> entering(shape.leaves, 0);
    for (const auto& f : flows)
    {
        if (f.src >= hosts || f.dst >= hosts)
        {
            throw std::invalid_argument("parameter 'flows': flow " + std::to_string(f.id) + " (" +
                                        std::to_string(f.src) + "->" + std::to_string(f.dst) +
                                        "): host out of range [0, " + std::to_string(hosts) + ")");
        }
        if (shape.LeafOf(f.src) != shape.LeafOf(f.dst))
        {
            ++leaving[shape.LeafOf(f.src)];
            ++entering[shape.LeafOf(f.dst)];
        }
    }
    plan.busiestLeafFlows = std::max(*std::max_element(leaving.begin(), leaving.end()),
                                     *std::max_element(entering.begin(), entering.end()));

    // Split every flow into parts whose sizes differ by at most one byte.
    const uint64_t most =
        split.SplitsFor(std::max<uint32_t>(plan.busiestLeafFlows, 1), uplinks, false);
    CheckMemoryBudget("planning " + std::to_string(flows.size()) + " flows in up to " +
                          std::to_string(most) + " subflows each",
                      SaturatingMul(SaturatingMul(flows.size(), most), 2 * sizeof(PlannedSubflow)));
    std::vector<uint32_t> crossing; // subflows between leaves
    for (const auto& f : flows)
    {
        PlannedSubflow s;
        s.flowId = f.id;
        s.job = f.job;
        s.src = f.src;
        s.dst = f.dst;
        s.srcLeaf = shape.LeafOf(f.src);
        s.dstLeaf = shape.LeafOf(f.dst);
        const bool local = s.srcLeaf == s.dstLeaf;
        const uint64_t k =
            std::min<uint64_t>(split.SplitsFor(plan.busiestLeafFlows, uplinks, local),
                               std::max<uint64_t>(f.bytes, 1));
        s.count = static_cast<uint32_t>(k);
        for (uint32_t i = 0; i < k; ++i)
        {
            s.index = i;
            s.bytes = f.bytes / k + (i < f.bytes % k ? 1 : 0);
            if (!local)
            {
                crossing.push_back(plan.subflows.size());
                plan.largestSubflowBytes = std::max(plan.largestSubflowBytes, s.bytes);
            }
            plan.subflows.push_back(s);
        }
    }

    // Colour the graph of per-leaf groups: each group meets each uplink at most once.
    uint32_t sourceGroups = 0;
    uint32_t destinationGroups = 0;
    const std::vector<uint32_t> from = GroupByLeaf(plan.subflows,
                                                   crossing,
                                                   &PlannedSubflow::srcLeaf,
                                                   shape.leaves,
                                                   uplinks,
                                                   sourceGroups);
    const std::vector<uint32_t> to = GroupByLeaf(plan.subflows,
                                                 crossing,
                                                 &PlannedSubflow::dstLeaf,
                                                 shape.leaves,
                                                 uplinks,
                                                 destinationGroups);
    std::vector<std::pair<uint32_t, uint32_t>> edges(crossing.size());
    for (uint32_t i = 0; i < crossing.size(); ++i)
    {
        edges[i] = {from[i], to[i]};
    }
    std::vector<uint32_t> colour =
        ColourBipartiteMultigraph(sourceGroups, destinationGroups, edges, uplinks);
    Rebalance(plan.subflows, crossing, shape.leaves, uplinks, colour);

    std::vector<uint64_t> out(shape.leaves, 0);
    std::vector<uint64_t> in(shape.leaves, 0);
    for (uint32_t i = 0; i < crossing.size(); ++i)
    {
        PlannedSubflow& s = plan.subflows[crossing[i]];
        s.planned.spine = colour[i] / shape.parallelLinks;
        s.planned.upLink = colour[i] % shape.parallelLinks;
        s.planned.downLink = s.planned.upLink;
        s.ecmp = EcmpPath(shape, s, ecmpSeed);
        out[s.srcLeaf] += s.bytes;
        in[s.dstLeaf] += s.bytes;
    }
    plan.busiestLeafBytes = std::max(*std::max_element(out.begin(), out.end()),
                                     *std::max_element(in.begin(), in.end()));
    plan.lowerBoundBytes = static_cast<double>(plan.busiestLeafBytes) / uplinks;
    plan.planned = ComputeLinkLoads(shape, plan.subflows, &PlannedSubflow::planned);
    plan.ecmp = ComputeLinkLoads(shape, plan.subflows, &PlannedSubflow::ecmp);
    return plan;
}

} // namespace planet
