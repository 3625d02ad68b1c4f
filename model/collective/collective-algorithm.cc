// SPDX-License-Identifier: GPL-2.0-only

#include "collective-algorithm.h"

#include "collective-registry.h"

#include "ns3/input-check.h"

#include <algorithm>
#include <map>
#include <stdexcept>
#include <tuple>

namespace planet
{

namespace
{

constexpr uint32_t kNone = UINT32_MAX;

/// Throws naming 'ranks' for fewer than two ranks.
void
CheckRanks(const std::string& algorithm, uint32_t ranks)
{
    if (ranks < 2)
    {
        throw std::invalid_argument("parameter 'ranks': " + algorithm +
                                    " needs at least 2 ranks, got " + std::to_string(ranks));
    }
}

/// Throws naming 'bytes' when fewer than `least` bytes would leave a transfer empty.
void
CheckBytes(const std::string& algorithm, uint32_t ranks, uint64_t bytes, uint64_t least)
{
    if (bytes < least)
    {
        throw std::invalid_argument("parameter 'bytes': " + algorithm + " over " +
                                    std::to_string(ranks) + " ranks needs at least " +
                                    std::to_string(least) + " bytes, got " + std::to_string(bytes));
    }
}

/// A byte range [offset, offset + bytes) of a buffer.
/// Ranks in range and the schedule within the memory budget, before anything is built.
void
CheckExpansion(const CollectiveAlgorithm& algorithm, uint32_t ranks, uint64_t bytes)
{
    CheckRanks(algorithm.Name(), ranks);
    CheckCount("ranks", ranks, 2, kMaxRanks, "kMaxRanks");
    const uint64_t flows = algorithm.FlowCount(ranks, bytes);
    CheckMemoryBudget(algorithm.Name() + " over " + std::to_string(ranks) + " ranks (" +
                          std::to_string(flows) + " flows)",
                      SaturatingMul(flows, kBytesPerGraphFlow));
}

/// n (n - 1): the flows of one all-to-all or of one ring pass per step and rank.
uint64_t
Pairs(uint32_t ranks)
{
    return uint64_t{ranks} * (ranks - 1);
}

struct Piece
{
    uint64_t offset;
    uint64_t bytes;
};

/// `parts` consecutive pieces of [base, base + total), sized as SplitBytes sizes them.
std::vector<Piece>
Pieces(uint64_t base, uint64_t total, uint32_t parts)
{
    std::vector<Piece> pieces;
    uint64_t offset = base;
    for (uint64_t size : SplitBytes(total, parts))
    {
        pieces.push_back({offset, size});
        offset += size;
    }
    return pieces;
}

/**
 * A schedule under construction. Transfers over one connection (same sender, receiver and
 * channel) stay in order: each also waits for the previous one to be delivered. Channels are
 * independent connections between the same ranks (NCCL runs each tree on its own).
 */
class ScheduleBuilder
{
  public:
    /// Adds a flow; without an explicit step, a flow gets one more than its latest dependency
    /// (its pipeline stage), 0 without dependencies.
    uint32_t Add(uint32_t src,
                 uint32_t dst,
                 Piece piece,
                 bool reduce,
                 std::vector<uint32_t> deps,
                 uint32_t step = kNone,
                 uint32_t channel = 0)
    {
        const auto connection = std::make_tuple(src, dst, channel);
        const auto previous = m_lastOnConnection.find(connection);
        if (previous != m_lastOnConnection.end() &&
            std::find(deps.begin(), deps.end(), previous->second) == deps.end())
        {
            deps.push_back(previous->second);
        }
        if (step == kNone)
        {
            step = 0;
            for (uint32_t d : deps)
            {
                step = std::max(step, m_flows[d].step + 1);
            }
        }
        m_flows.push_back(
            RankFlow{src, dst, piece.bytes, step, std::move(deps), piece.offset, reduce});
        m_lastOnConnection[connection] = m_flows.size() - 1;
        return m_flows.size() - 1;
    }

    /// The finished schedule.
    RankSchedule Take()
    {
        return std::move(m_flows);
    }

  private:
    RankSchedule m_flows; //!< flows so far
    /// Last flow per (src, dst, channel).
    std::map<std::tuple<uint32_t, uint32_t, uint32_t>, uint32_t> m_lastOnConnection;
};

/// The dependency on the last flow into a rank, if any.
std::vector<uint32_t>
After(uint32_t flow)
{
    return flow == kNone ? std::vector<uint32_t>{} : std::vector<uint32_t>{flow};
}

/**
 * n-1 ring steps: in step k rank r sends share (r + shift - k) mod n to r + 1, after the flow
 * that last arrived at r (lastInto[r]); lastInto is updated to the flows of the last step.
 */
void
RingPass(ScheduleBuilder& s,
         const std::vector<Piece>& shares,
         bool reduce,
         uint32_t shift,
         uint32_t firstStep,
         std::vector<uint32_t>& lastInto)
{
    const uint32_t n = shares.size();
    for (uint32_t k = 0; k + 1 < n; ++k)
    {
        std::vector<uint32_t> into(n, kNone);
        for (uint32_t r = 0; r < n; ++r)
        {
            const uint32_t share = (r + shift + 2 * n - k) % n;
            into[(r + 1) % n] =
                s.Add(r, (r + 1) % n, shares[share], reduce, After(lastInto[r]), firstStep + k);
        }
        lastInto = into;
    }
}

/// Chunk count of a pipelined transfer of `bytes`, at most one chunk per byte.
uint32_t
Chunks(uint64_t bytes, uint64_t chunkBytes)
{
    if (chunkBytes == 0)
    {
        throw std::invalid_argument("parameter 'chunkBytes': must be at least 1");
    }
    const uint64_t chunks = (bytes + chunkBytes - 1) / chunkBytes;
    if (chunks > UINT32_MAX)
    {
        throw std::invalid_argument("parameter 'chunkBytes': " + std::to_string(chunkBytes) +
                                    " gives more than 2^32 chunks");
    }
    return std::max<uint64_t>(1, chunks);
}

/// Ranks of a tree ordered by depth (root first).
std::vector<uint32_t>
ByDepth(const RankTree& tree)
{
    const std::vector<uint32_t> depth = tree.Depths();
    std::vector<uint32_t> order(depth.size());
    for (uint32_t r = 0; r < order.size(); ++r)
    {
        order[r] = r;
    }
    std::stable_sort(order.begin(), order.end(), [&depth](uint32_t a, uint32_t b) {
        return depth[a] < depth[b];
    });
    return order;
}

/// A tree whose ranks are renamed by `name` (tree rank v becomes name[v]).
RankTree
Relabel(const RankTree& tree, const std::vector<uint32_t>& name)
{
    const uint32_t n = tree.parent.size();
    RankTree out;
    out.root = name[tree.root];
    out.parent.assign(n, n);
    out.children.assign(n, {});
    for (uint32_t v = 0; v < n; ++v)
    {
        if (v != tree.root)
        {
            out.parent[name[v]] = name[tree.parent[v]];
            out.children[name[tree.parent[v]]].push_back(name[v]);
        }
    }
    for (auto& c : out.children)
    {
        std::sort(c.begin(), c.end());
    }
    return out;
}

/**
 * One chunk sent down a tree (ranks visited in `order`, root first): the root sends it to each
 * child after rootDeps, every other rank after it arrived.
 */
void
TreeDown(ScheduleBuilder& s,
         const RankTree& tree,
         const std::vector<uint32_t>& order,
         Piece chunk,
         const std::vector<uint32_t>& rootDeps,
         uint32_t channel)
{
    std::vector<uint32_t> into(tree.parent.size(), kNone); // the flow that delivered the chunk
    for (uint32_t v : order)
    {
        for (uint32_t child : tree.children[v])
        {
            into[child] = s.Add(v,
                                child,
                                chunk,
                                false,
                                v == tree.root ? rootDeps : After(into[v]),
                                kNone,
                                channel);
        }
    }
}

} // namespace

bool
CollectiveAlgorithm::Pipelined() const
{
    return false;
}

std::vector<uint64_t>
SplitBytes(uint64_t total, uint32_t parts)
{
    if (parts == 0)
    {
        throw std::invalid_argument("SplitBytes: parts must be at least 1");
    }
    std::vector<uint64_t> sizes(parts, total / parts);
    for (uint64_t i = 0; i < total % parts; ++i)
    {
        ++sizes[i];
    }
    return sizes;
}

std::string
RingAllReduce::Name() const
{
    return "allreduce-ring";
}

CollectiveKind
RingAllReduce::Kind() const
{
    return CollectiveKind::AllReduce;
}

uint64_t
RingAllReduce::FlowCount(uint32_t ranks, uint64_t bytes) const
{
    return 2 * Pairs(ranks);
}

RankSchedule
RingAllReduce::Expand(uint32_t ranks, uint64_t bytes) const
{
    CheckExpansion(*this, ranks, bytes);
    CheckBytes(Name(), ranks, bytes, ranks);
    ScheduleBuilder s;
    std::vector<uint32_t> lastInto(ranks, kNone);
    const std::vector<Piece> shares = Pieces(0, bytes, ranks);
    RingPass(s, shares, true, 0, 0, lastInto);
    RingPass(s, shares, false, 1, ranks - 1, lastInto);
    return s.Take();
}

std::string
RingReduceScatter::Name() const
{
    return "reducescatter";
}

CollectiveKind
RingReduceScatter::Kind() const
{
    return CollectiveKind::ReduceScatter;
}

uint64_t
RingReduceScatter::FlowCount(uint32_t ranks, uint64_t bytes) const
{
    return Pairs(ranks);
}

RankSchedule
RingReduceScatter::Expand(uint32_t ranks, uint64_t bytes) const
{
    CheckExpansion(*this, ranks, bytes);
    CheckBytes(Name(), ranks, bytes, ranks);
    ScheduleBuilder s;
    std::vector<uint32_t> lastInto(ranks, kNone);
    // Shift n-1: share x is last reduced by rank x-1 into rank x, which keeps it.
    RingPass(s, Pieces(0, bytes, ranks), true, ranks - 1, 0, lastInto);
    return s.Take();
}

std::string
RingAllGather::Name() const
{
    return "allgather";
}

CollectiveKind
RingAllGather::Kind() const
{
    return CollectiveKind::AllGather;
}

uint64_t
RingAllGather::FlowCount(uint32_t ranks, uint64_t bytes) const
{
    return Pairs(ranks);
}

RankSchedule
RingAllGather::Expand(uint32_t ranks, uint64_t bytes) const
{
    CheckExpansion(*this, ranks, bytes);
    CheckBytes(Name(), ranks, bytes, ranks);
    ScheduleBuilder s;
    std::vector<uint32_t> lastInto(ranks, kNone);
    RingPass(s, Pieces(0, bytes, ranks), false, 0, 0, lastInto);
    return s.Take();
}

std::string
HalvingDoublingAllReduce::Name() const
{
    return "allreduce-hd";
}

CollectiveKind
HalvingDoublingAllReduce::Kind() const
{
    return CollectiveKind::AllReduce;
}

uint64_t
HalvingDoublingAllReduce::FlowCount(uint32_t ranks, uint64_t bytes) const
{
    uint64_t p = 1;
    uint64_t levels = 0;
    while (2 * p <= ranks)
    {
        p *= 2;
        ++levels;
    }
    return 2 * (ranks - p) + 2 * levels * p;
}

RankSchedule
HalvingDoublingAllReduce::Expand(uint32_t ranks, uint64_t bytes) const
{
    CheckExpansion(*this, ranks, bytes);
    uint32_t p = 1;
    uint32_t levels = 0;
    while (2 * uint64_t{p} <= ranks)
    {
        p *= 2;
        ++levels;
    }
    CheckBytes(Name(), ranks, bytes, p);
    const uint32_t extra = ranks - p;
    // Participant v is rank 2v+1 for v < extra (it also stands for rank 2v), else rank v+extra.
    auto rankOf = [extra](uint32_t v) { return v < extra ? 2 * v + 1 : v + extra; };
    ScheduleBuilder s;
    // A rank's send needs everything it received so far: it waits for its last receive and its
    // previous send (which waited for the receives before).
    std::vector<uint32_t> lastInto(ranks, kNone);
    std::vector<uint32_t> lastFrom(ranks, kNone);
    auto send = [&](uint32_t src, uint32_t dst, Piece piece, bool reduce, uint32_t step) {
        std::vector<uint32_t> deps = After(lastInto[src]);
        if (lastFrom[src] != kNone)
        {
            deps.push_back(lastFrom[src]);
        }
        lastFrom[src] = s.Add(src, dst, piece, reduce, deps, step);
        return lastFrom[src];
    };
    const uint32_t fold = extra > 0 ? 1 : 0;
    for (uint32_t i = 0; i < extra; ++i)
    {
        lastInto[2 * i + 1] = send(2 * i, 2 * i + 1, {0, bytes}, true, 0);
    }
    // Every participant's segment [lo, hi) of the buffer, per level (level 0: everything).
    std::vector<std::vector<uint64_t>> lo(levels + 1, std::vector<uint64_t>(p, 0));
    std::vector<std::vector<uint64_t>> hi(levels + 1, std::vector<uint64_t>(p, bytes));
    for (uint32_t j = 0; j < levels; ++j)
    {
        const uint32_t distance = p >> (j + 1);
        std::vector<uint32_t> into(ranks, kNone);
        for (uint32_t v = 0; v < p; ++v)
        {
            const uint64_t mid = lo[j][v] + (hi[j][v] - lo[j][v]) / 2;
            const bool upper = (v & distance) != 0;
            lo[j + 1][v] = upper ? mid : lo[j][v];
            hi[j + 1][v] = upper ? hi[j][v] : mid;
            // Send the half the partner keeps.
            const Piece half = upper ? Piece{lo[j][v], mid - lo[j][v]} : Piece{mid, hi[j][v] - mid};
            const uint32_t partner = rankOf(v ^ distance);
            into[partner] = send(rankOf(v), partner, half, true, fold + j);
        }
        lastInto = into;
    }
    for (uint32_t j = levels; j-- > 0;)
    {
        const uint32_t distance = p >> (j + 1);
        std::vector<uint32_t> into(ranks, kNone);
        for (uint32_t v = 0; v < p; ++v)
        {
            const uint32_t partner = rankOf(v ^ distance);
            const Piece own{lo[j + 1][v], hi[j + 1][v] - lo[j + 1][v]};
            into[partner] = send(rankOf(v), partner, own, false, fold + 2 * levels - 1 - j);
        }
        lastInto = into;
    }
    for (uint32_t i = 0; i < extra; ++i)
    {
        send(2 * i + 1, 2 * i, {0, bytes}, false, fold + 2 * levels);
    }
    return s.Take();
}

std::vector<uint32_t>
RankTree::Depths() const
{
    const uint32_t n = parent.size();
    std::vector<uint32_t> depth(n, kNone);
    depth[root] = 0;
    std::vector<uint32_t> frontier{root};
    while (!frontier.empty())
    {
        std::vector<uint32_t> next;
        for (uint32_t v : frontier)
        {
            for (uint32_t c : children[v])
            {
                depth[c] = depth[v] + 1;
                next.push_back(c);
            }
        }
        frontier = std::move(next);
    }
    return depth;
}

RankTree
InOrderBinaryTree(uint32_t ranks)
{
    RankTree tree;
    tree.root = 0;
    tree.parent.assign(ranks, ranks);
    tree.children.assign(ranks, {});
    for (uint32_t v = 1; v < ranks; ++v)
    {
        const uint32_t low = v & (~v + 1); // lowest set bit: the height of v is log2(low)
        // v's parent sits one level up: the neighbour at distance `low` whose next bit is set;
        // on the right edge of a tree that is not full, the left neighbour.
        const bool rightChild = (v & (2 * low)) != 0;
        const uint32_t parent = rightChild || uint64_t{v} + low >= ranks ? v - low : v + low;
        tree.parent[v] = parent;
        tree.children[parent].push_back(v);
    }
    for (auto& c : tree.children)
    {
        std::sort(c.begin(), c.end());
    }
    return tree;
}

std::array<RankTree, 2>
DoubleBinaryTree(uint32_t ranks)
{
    const RankTree first = InOrderBinaryTree(ranks);
    std::vector<uint32_t> name(ranks);
    for (uint32_t v = 0; v < ranks; ++v)
    {
        name[v] = ranks % 2 == 0 ? ranks - 1 - v : (v + 1) % ranks;
    }
    return {first, Relabel(first, name)};
}

DoubleBinaryTreeAllReduce::DoubleBinaryTreeAllReduce(uint64_t chunkBytes)
    : m_chunkBytes(chunkBytes)
{
}

std::string
DoubleBinaryTreeAllReduce::Name() const
{
    return "allreduce-tree";
}

CollectiveKind
DoubleBinaryTreeAllReduce::Kind() const
{
    return CollectiveKind::AllReduce;
}

bool
DoubleBinaryTreeAllReduce::Pipelined() const
{
    return true;
}

uint64_t
DoubleBinaryTreeAllReduce::FlowCount(uint32_t ranks, uint64_t bytes) const
{
    const std::vector<uint64_t> halves = SplitBytes(bytes, 2);
    return SaturatingMul(4 * uint64_t{ranks - 1},
                         std::min<uint64_t>(Chunks(halves[0], m_chunkBytes), halves[1]));
}

RankSchedule
DoubleBinaryTreeAllReduce::Expand(uint32_t ranks, uint64_t bytes) const
{
    CheckExpansion(*this, ranks, bytes);
    CheckBytes(Name(), ranks, bytes, 2);
    const std::vector<uint64_t> halves = SplitBytes(bytes, 2);
    const uint32_t chunks = std::min<uint64_t>(Chunks(halves[0], m_chunkBytes), halves[1]);
    const std::array<RankTree, 2> trees = DoubleBinaryTree(ranks);
    ScheduleBuilder s;
    for (uint32_t t = 0; t < 2; ++t)
    {
        const RankTree& tree = trees[t];
        const std::vector<uint32_t> order = ByDepth(tree);
        const std::vector<Piece> sizes = Pieces(t == 0 ? 0 : halves[0], halves[t], chunks);
        for (uint32_t c = 0; c < chunks; ++c)
        {
            // Reduce, deepest ranks first; upInto[v]: flows of chunk c into v from its children.
            std::vector<std::vector<uint32_t>> upInto(ranks);
            for (auto it = order.rbegin(); it != order.rend(); ++it)
            {
                const uint32_t v = *it;
                if (v != tree.root)
                {
                    upInto[tree.parent[v]].push_back(
                        s.Add(v, tree.parent[v], sizes[c], true, upInto[v], kNone, t));
                }
            }
            TreeDown(s, tree, order, sizes[c], upInto[tree.root], t);
        }
    }
    return s.Take();
}

std::string
AllToAll::Name() const
{
    return "alltoall";
}

CollectiveKind
AllToAll::Kind() const
{
    return CollectiveKind::AllToAll;
}

uint64_t
AllToAll::FlowCount(uint32_t ranks, uint64_t bytes) const
{
    return Pairs(ranks);
}

RankSchedule
AllToAll::Expand(uint32_t ranks, uint64_t bytes) const
{
    CheckExpansion(*this, ranks, bytes);
    CheckBytes(Name(), ranks, bytes, ranks);
    const std::vector<Piece> shares = Pieces(0, bytes, ranks);
    ScheduleBuilder s;
    for (uint32_t r = 0; r < ranks; ++r)
    {
        for (uint32_t j = 0; j < ranks; ++j)
        {
            if (j != r)
            {
                s.Add(r, j, shares[j], false, {}, 0);
            }
        }
    }
    return s.Take();
}

std::string
PairwiseAllToAll::Name() const
{
    return "alltoall-pairwise";
}

CollectiveKind
PairwiseAllToAll::Kind() const
{
    return CollectiveKind::AllToAll;
}

uint64_t
PairwiseAllToAll::FlowCount(uint32_t ranks, uint64_t bytes) const
{
    return Pairs(ranks);
}

RankSchedule
PairwiseAllToAll::Expand(uint32_t ranks, uint64_t bytes) const
{
    CheckExpansion(*this, ranks, bytes);
    CheckBytes(Name(), ranks, bytes, ranks);
    const std::vector<Piece> shares = Pieces(0, bytes, ranks);
    ScheduleBuilder s;
    std::vector<uint32_t> sent(ranks, kNone);     // rank's send of the previous step
    std::vector<uint32_t> received(ranks, kNone); // rank's receive of the previous step
    for (uint32_t k = 1; k < ranks; ++k)
    {
        std::vector<uint32_t> nowSent(ranks);
        std::vector<uint32_t> nowReceived(ranks);
        for (uint32_t r = 0; r < ranks; ++r)
        {
            const uint32_t peer = (r + k) % ranks;
            std::vector<uint32_t> deps;
            if (k > 1)
            {
                deps = {sent[r], received[r]};
            }
            nowSent[r] = s.Add(r, peer, shares[peer], false, deps, k - 1);
            nowReceived[peer] = nowSent[r];
        }
        sent = nowSent;
        received = nowReceived;
    }
    return s.Take();
}

RingBroadcast::RingBroadcast(uint64_t chunkBytes, uint32_t root)
    : m_chunkBytes(chunkBytes),
      m_root(root)
{
}

std::string
RingBroadcast::Name() const
{
    return "broadcast";
}

CollectiveKind
RingBroadcast::Kind() const
{
    return CollectiveKind::Broadcast;
}

namespace
{

/// Throws naming 'root' when the root is not a rank.
void
CheckRoot(const std::string& algorithm, uint32_t root, uint32_t ranks)
{
    if (root >= ranks)
    {
        throw std::invalid_argument("parameter 'root': " + algorithm + " root " +
                                    std::to_string(root) + " is not a rank of [0, " +
                                    std::to_string(ranks) + ")");
    }
}

} // namespace

bool
RingBroadcast::Pipelined() const
{
    return true;
}

uint64_t
RingBroadcast::FlowCount(uint32_t ranks, uint64_t bytes) const
{
    return SaturatingMul(ranks - 1, std::min<uint64_t>(Chunks(bytes, m_chunkBytes), bytes));
}

RankSchedule
RingBroadcast::Expand(uint32_t ranks, uint64_t bytes) const
{
    CheckExpansion(*this, ranks, bytes);
    CheckRoot(Name(), m_root, ranks);
    CheckBytes(Name(), ranks, bytes, 1);
    const uint32_t chunks = std::min<uint64_t>(Chunks(bytes, m_chunkBytes), bytes);
    const std::vector<Piece> sizes = Pieces(0, bytes, chunks);
    ScheduleBuilder s;
    for (uint32_t c = 0; c < chunks; ++c)
    {
        uint32_t arrived = kNone; // the flow that delivered chunk c to chain position i
        for (uint32_t i = 0; i + 1 < ranks; ++i)
        {
            arrived = s.Add((m_root + i) % ranks,
                            (m_root + i + 1) % ranks,
                            sizes[c],
                            false,
                            After(arrived));
        }
    }
    return s.Take();
}

TreeBroadcast::TreeBroadcast(uint64_t chunkBytes, uint32_t root)
    : m_chunkBytes(chunkBytes),
      m_root(root)
{
}

std::string
TreeBroadcast::Name() const
{
    return "broadcast-tree";
}

CollectiveKind
TreeBroadcast::Kind() const
{
    return CollectiveKind::Broadcast;
}

bool
TreeBroadcast::Pipelined() const
{
    return true;
}

uint64_t
TreeBroadcast::FlowCount(uint32_t ranks, uint64_t bytes) const
{
    return SaturatingMul(ranks - 1, std::min<uint64_t>(Chunks(bytes, m_chunkBytes), bytes));
}

RankSchedule
TreeBroadcast::Expand(uint32_t ranks, uint64_t bytes) const
{
    CheckExpansion(*this, ranks, bytes);
    CheckRoot(Name(), m_root, ranks);
    CheckBytes(Name(), ranks, bytes, 1);
    const uint32_t chunks = std::min<uint64_t>(Chunks(bytes, m_chunkBytes), bytes);
    const std::vector<Piece> sizes = Pieces(0, bytes, chunks);
    std::vector<uint32_t> name(ranks);
    for (uint32_t v = 0; v < ranks; ++v)
    {
        name[v] = (v + m_root) % ranks;
    }
    const RankTree tree = Relabel(InOrderBinaryTree(ranks), name);
    const std::vector<uint32_t> order = ByDepth(tree);
    ScheduleBuilder s;
    for (uint32_t c = 0; c < chunks; ++c)
    {
        TreeDown(s, tree, order, sizes[c], {}, 0);
    }
    return s.Take();
}

namespace
{

const NamedRegistry<CollectiveAlgorithm, CollectiveOptions>&
Algorithms()
{
    using O = CollectiveOptions;
    static const NamedRegistry<CollectiveAlgorithm, CollectiveOptions> registry(
        "algorithm",
        {
            {"allreduce-ring", [](const O&) { return std::make_unique<RingAllReduce>(); }},
            {"allreduce-hd", [](const O&) { return std::make_unique<HalvingDoublingAllReduce>(); }},
            {"allreduce-tree",
             [](const O& o) { return std::make_unique<DoubleBinaryTreeAllReduce>(o.chunkBytes); }},
            {"reducescatter", [](const O&) { return std::make_unique<RingReduceScatter>(); }},
            {"allgather", [](const O&) { return std::make_unique<RingAllGather>(); }},
            {"alltoall", [](const O&) { return std::make_unique<AllToAll>(); }},
            {"alltoall-pairwise", [](const O&) { return std::make_unique<PairwiseAllToAll>(); }},
            {"broadcast",
             [](const O& o) { return std::make_unique<RingBroadcast>(o.chunkBytes, o.root); }},
            {"broadcast-tree",
             [](const O& o) { return std::make_unique<TreeBroadcast>(o.chunkBytes, o.root); }},
        });
    return registry;
}

} // namespace

std::vector<std::string>
CollectiveAlgorithmNames()
{
    return Algorithms().Names();
}

std::unique_ptr<CollectiveAlgorithm>
MakeCollectiveAlgorithm(const std::string& name, const CollectiveOptions& options)
{
    return Algorithms().Make(name, options);
}

uint32_t
AppendCollective(FlowGraph& graph,
                 const CollectiveAlgorithm& algorithm,
                 const Communicator& comm,
                 uint64_t bytes,
                 const CollectiveStart& start)
{
    const uint32_t index = AppendSchedule(graph,
                                          algorithm.Name(),
                                          algorithm.Kind(),
                                          algorithm.Expand(comm.Size(), bytes),
                                          comm.Hosts(),
                                          bytes,
                                          start);
    graph.collectives[index].pipelined = algorithm.Pipelined();
    return index;
}

} // namespace planet
