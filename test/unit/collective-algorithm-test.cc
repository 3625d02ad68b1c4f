// SPDX-License-Identifier: GPL-2.0-only

#include "ns3/collective-algorithm.h"

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/topological_sort.hpp>
#include <gtest/gtest.h>
#include <iterator>
#include <map>
#include <random>
#include <stdexcept>
#include <string>

using namespace planet;

namespace
{

/// Rank counts covering n = 2, powers of two and not.
const std::vector<uint32_t> kRanks{2, 3, 4, 5, 6, 7, 8, 12, 16};

/// Bytes sent and received by every rank, and per ordered pair.
struct Traffic
{
    std::vector<uint64_t> sent;
    std::vector<uint64_t> received;
    std::map<std::pair<uint32_t, uint32_t>, uint64_t> pair;
    uint64_t total{0};
};

Traffic
Count(const FlowGraph& g, uint32_t n)
{
    Traffic t;
    t.sent.assign(n, 0);
    t.received.assign(n, 0);
    for (const CollectiveFlow& f : g.flows)
    {
        t.sent[f.srcRank] += f.bytes;
        t.received[f.dstRank] += f.bytes;
        t.pair[{f.srcRank, f.dstRank}] += f.bytes;
        t.total += f.bytes;
    }
    return t;
}

std::vector<uint32_t>
Hosts(uint32_t n)
{
    std::vector<uint32_t> hosts(n);
    for (uint32_t i = 0; i < n; ++i)
    {
        hosts[i] = i;
    }
    return hosts;
}

/// One collective over n ranks on hosts 0..n-1.
FlowGraph
Build(const std::string& name, uint32_t n, uint64_t bytes, const CollectiveOptions& options = {})
{
    FlowGraph g;
    AppendCollective(g, *MakeCollectiveAlgorithm(name, options), Communicator(Hosts(n), n), bytes);
    return g;
}

/// Unit-duration replay: the number of dependency levels.
double
UnitSteps(const FlowGraph& g)
{
    return ReplayWithoutContention(g, [](const CollectiveFlow&) { return 1.0; }).makespanS;
}

uint32_t
FloorLog2(uint64_t x)
{
    uint32_t l = 0;
    while (x >>= 1)
    {
        ++l;
    }
    return l;
}

/// Sizes: divisible by every n above, and with remainders, and the smallest allowed.
std::vector<uint64_t>
Sizes(uint32_t n)
{
    return {uint64_t{1680} * 1024, uint64_t{1680} * 1024 + n - 1, 1000003, 16};
}

/// Checks that hold for every graph: validation, acyclicity found independently by Boost,
/// step order along every dependency.
void
CheckStructure(const FlowGraph& g)
{
    ASSERT_NO_THROW(g.Validate());
    boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS> dag(g.flows.size());
    for (const CollectiveFlow& f : g.flows)
    {
        for (uint32_t d : f.deps)
        {
            boost::add_edge(d, f.id, dag);
            EXPECT_LT(g.flows[d].step, f.step) << "flow " << f.id << " dep " << d;
        }
    }
    std::vector<std::size_t> order;
    EXPECT_NO_THROW(boost::topological_sort(dag, std::back_inserter(order)));
    EXPECT_EQ(g.collectives.at(0).steps, static_cast<uint32_t>(UnitSteps(g)));
}

} // namespace

TEST(CollectiveAlgorithm, RegistryNamesAndErrors)
{
    const std::vector<std::string> expected{"allreduce-ring",
                                            "allreduce-hd",
                                            "allreduce-tree",
                                            "reducescatter",
                                            "allgather",
                                            "alltoall",
                                            "alltoall-pairwise",
                                            "broadcast",
                                            "broadcast-tree"};
    EXPECT_EQ(CollectiveAlgorithmNames(), expected);
    for (const auto& name : expected)
    {
        EXPECT_EQ(MakeCollectiveAlgorithm(name)->Name(), name);
        // n = 1 is rejected clearly, naming the parameter.
        try
        {
            MakeCollectiveAlgorithm(name)->Expand(1, 1024);
            ADD_FAILURE() << name << " accepted one rank";
        }
        catch (const std::invalid_argument& e)
        {
            EXPECT_NE(std::string(e.what()).find("'ranks'"), std::string::npos) << e.what();
        }
    }
    try
    {
        MakeCollectiveAlgorithm("allreduce-magic");
        ADD_FAILURE() << "unknown name accepted";
    }
    catch (const std::invalid_argument& e)
    {
        const std::string what = e.what();
        EXPECT_NE(what.find("'algorithm'"), std::string::npos);
        EXPECT_NE(what.find("allreduce-hd, allreduce-tree"), std::string::npos) << what;
    }
    EXPECT_THROW(MakeCollectiveAlgorithm("allreduce-ring")->Expand(8, 7), std::invalid_argument);
    EXPECT_THROW(MakeCollectiveAlgorithm("allreduce-hd")->Expand(12, 7), std::invalid_argument);
    EXPECT_NO_THROW(MakeCollectiveAlgorithm("allreduce-hd")->Expand(12, 8));
    EXPECT_THROW(MakeCollectiveAlgorithm("broadcast", {0, 0})->Expand(4, 100),
                 std::invalid_argument);
    EXPECT_THROW(MakeCollectiveAlgorithm("broadcast-tree", {64, 4})->Expand(4, 100),
                 std::invalid_argument);
    EXPECT_THROW(Communicator({0, 1}, 2).Host(2), std::out_of_range);
}

TEST(CollectiveAlgorithm, SplitBytesIsExact)
{
    for (uint64_t total : {0ULL, 1ULL, 7ULL, 1000003ULL})
    {
        for (uint32_t parts : {1U, 2U, 3U, 16U})
        {
            const auto sizes = SplitBytes(total, parts);
            uint64_t sum = 0;
            for (uint64_t s : sizes)
            {
                sum += s;
                EXPECT_LE(s, total / parts + 1);
                EXPECT_GE(s, total / parts);
            }
            EXPECT_EQ(sizes.size(), parts);
            EXPECT_EQ(sum, total);
        }
    }
}

TEST(CollectiveAlgorithm, RingAllReduceMovesTwiceNMinusOneShares)
{
    for (uint32_t n : kRanks)
    {
        for (uint64_t S : Sizes(n))
        {
            const FlowGraph g = Build("allreduce-ring", n, S);
            CheckStructure(g);
            EXPECT_EQ(g.collectives[0].steps, 2 * (n - 1));
            EXPECT_EQ(g.flows.size(), 2u * n * (n - 1));
            const Traffic t = Count(g, n);
            // Each of the n shares crosses n-1 edges reducing and n-1 edges gathering.
            EXPECT_EQ(t.total, 2 * (n - 1) * S);
            const uint64_t lo = 2 * (S - (S + n - 1) / n);
            const uint64_t hi = 2 * (S - S / n);
            for (uint32_t r = 0; r < n; ++r)
            {
                EXPECT_EQ(t.pair.count({r, (r + 1) % n}), 1u); // ring neighbours only
                EXPECT_GE(t.sent[r], lo);
                EXPECT_LE(t.sent[r], hi);
                EXPECT_GE(t.received[r], lo);
                EXPECT_LE(t.received[r], hi);
                if (S % n == 0)
                {
                    EXPECT_EQ(t.sent[r] * n, 2 * (n - 1) * S);
                    EXPECT_EQ(t.received[r] * n, 2 * (n - 1) * S);
                }
            }
            EXPECT_EQ(t.pair.size(), n == 2 ? 2u : n);
        }
    }
}

TEST(CollectiveAlgorithm, RingReduceScatterAndAllGatherMoveNMinusOneShares)
{
    for (const std::string name : {"reducescatter", "allgather"})
    {
        for (uint32_t n : kRanks)
        {
            for (uint64_t S : Sizes(n))
            {
                const FlowGraph g = Build(name, n, S);
                CheckStructure(g);
                EXPECT_EQ(g.collectives[0].steps, n - 1);
                EXPECT_EQ(UnitSteps(g), n - 1);
                const Traffic t = Count(g, n);
                EXPECT_EQ(t.total, (n - 1) * S);
                for (uint32_t r = 0; r < n; ++r)
                {
                    // Everything but one 1/n share arrives (AllGather: the rank's own).
                    EXPECT_GE(t.received[r], S - (S + n - 1) / n);
                    EXPECT_LE(t.received[r], S - S / n);
                    if (S % n == 0)
                    {
                        EXPECT_EQ(t.received[r] * n, (n - 1) * S);
                        EXPECT_EQ(t.sent[r] * n, (n - 1) * S);
                    }
                }
            }
        }
    }
}

TEST(CollectiveAlgorithm, HalvingDoublingFoldsExtraRanks)
{
    for (uint32_t n : kRanks)
    {
        const uint32_t p = 1u << FloorLog2(n);
        const uint32_t extra = n - p;
        for (uint64_t S : Sizes(n))
        {
            const FlowGraph g = Build("allreduce-hd", n, S);
            CheckStructure(g);
            const uint32_t steps = 2 * FloorLog2(p) + (extra > 0 ? 2 : 0);
            EXPECT_EQ(g.collectives[0].steps, steps);
            EXPECT_EQ(UnitSteps(g), steps);
            const Traffic t = Count(g, n);
            // Reduce-scatter: in each step every pair exchanges its whole segment, p/2 pairs
            // per segment level summing to S x p/2^(j+1): (p-1) x S over all steps; the same
            // again gathering; plus the extra ranks' whole buffers in and out.
            EXPECT_EQ(t.total, 2 * (p - 1) * S + 2 * extra * S);
            for (uint32_t i = 0; i < extra; ++i)
            {
                EXPECT_EQ(t.sent[2 * i], S);
                EXPECT_EQ(t.received[2 * i], S);
                EXPECT_EQ(t.pair.at({2 * i, 2 * i + 1}), S);
                EXPECT_EQ(t.pair.at({2 * i + 1, 2 * i}), S);
            }
            if (extra == 0 && S % n == 0)
            {
                for (uint32_t r = 0; r < n; ++r)
                {
                    EXPECT_EQ(t.sent[r] * n, 2 * (n - 1) * S);
                    EXPECT_EQ(t.received[r] * n, 2 * (n - 1) * S);
                }
            }
            if (extra == 0)
            {
                // Partners differ in one bit.
                for (const auto& [pair, bytes] : t.pair)
                {
                    const uint32_t x = pair.first ^ pair.second;
                    EXPECT_EQ(x & (x - 1), 0u);
                }
            }
        }
    }
}

TEST(CollectiveAlgorithm, DoubleBinaryTreesAreComplementarySpanningTrees)
{
    for (uint32_t n = 2; n <= 40; ++n)
    {
        const auto trees = DoubleBinaryTree(n);
        std::vector<uint32_t> inner(n, 0);
        for (const RankTree& tree : trees)
        {
            uint32_t edges = 0;
            uint32_t height = 0;
            for (uint32_t r = 0; r < n; ++r)
            {
                EXPECT_LE(tree.children[r].size(), 2u);
                inner[r] += tree.children[r].empty() ? 0 : 1;
                edges += tree.children[r].size();
                // Walk up: reaches the root within n hops (connected, acyclic).
                uint32_t v = r;
                uint32_t hops = 0;
                while (v != tree.root && hops <= n)
                {
                    v = tree.parent[v];
                    ++hops;
                }
                EXPECT_EQ(v, tree.root);
                height = std::max(height, hops);
                for (uint32_t c : tree.children[r])
                {
                    EXPECT_EQ(tree.parent[c], r);
                }
            }
            EXPECT_EQ(edges, n - 1);
            EXPECT_EQ(tree.children[tree.root].size(), 1u);
            EXPECT_EQ(height, FloorLog2(n - 1) + 1) << "n=" << n;
        }
        // No rank forwards in both trees (ranks at most once inner), except with n odd where
        // the shift leaves one rank inner in both.
        uint32_t both = 0;
        for (uint32_t r = 0; r < n; ++r)
        {
            both += inner[r] == 2 ? 1 : 0;
        }
        EXPECT_LE(both, n % 2 == 0 ? 0u : 1u) << "n=" << n;
    }
}

TEST(CollectiveAlgorithm, DoubleBinaryTreeAllReducePipelinesHalves)
{
    for (uint32_t n : kRanks)
    {
        for (uint64_t S : Sizes(n))
        {
            for (uint64_t chunk : {uint64_t{64} * 1024, uint64_t{1} << 30})
            {
                const FlowGraph g = Build("allreduce-tree", n, S, {chunk, 0});
                CheckStructure(g);
                const Traffic t = Count(g, n);
                // Every tree edge carries the tree's half up once and down once.
                EXPECT_EQ(t.total, 2 * (n - 1) * S);
                const auto trees = DoubleBinaryTree(n);
                const uint64_t half[2] = {S - S / 2, S / 2};
                for (uint32_t r = 0; r < n; ++r)
                {
                    uint64_t expected = 0;
                    for (uint32_t k = 0; k < 2; ++k)
                    {
                        const uint64_t links =
                            trees[k].children[r].size() + (r == trees[k].root ? 0 : 1);
                        expected += half[k] * links;
                    }
                    EXPECT_EQ(t.received[r], expected);
                    EXPECT_EQ(t.sent[r], expected);
                }
                const uint64_t chunks = std::min((half[0] + chunk - 1) / chunk, half[1]);
                const uint32_t height = FloorLog2(n - 1) + 1;
                EXPECT_EQ(UnitSteps(g), chunks + 2 * height - 1) << "n=" << n << " S=" << S;
            }
        }
    }
}

TEST(CollectiveAlgorithm, AllToAllGivesEveryPairItsShare)
{
    for (const std::string name : {"alltoall", "alltoall-pairwise"})
    {
        for (uint32_t n : kRanks)
        {
            for (uint64_t S : Sizes(n))
            {
                const FlowGraph g = Build(name, n, S);
                CheckStructure(g);
                const uint32_t steps = name == "alltoall" ? 1 : n - 1;
                EXPECT_EQ(UnitSteps(g), steps);
                const Traffic t = Count(g, n);
                EXPECT_EQ(t.pair.size(), n * (n - 1));
                uint64_t shares = 0;
                for (uint32_t j = 0; j < n; ++j)
                {
                    // Every sender gives destination j the same share j of its buffer.
                    const uint64_t share = t.pair.at({(j + 1) % n, j});
                    for (uint32_t r = 0; r < n; ++r)
                    {
                        if (r != j)
                        {
                            EXPECT_EQ(t.pair.at({r, j}), share);
                        }
                    }
                    EXPECT_TRUE(share == S / n || share == S / n + 1);
                    shares += share;
                }
                EXPECT_EQ(shares, S); // the n shares are the whole buffer
                if (name == "alltoall-pairwise")
                {
                    for (const CollectiveFlow& f : g.flows)
                    {
                        EXPECT_EQ(f.dstRank, (f.srcRank + f.step + 1) % n);
                    }
                }
            }
        }
    }
}

TEST(CollectiveAlgorithm, BroadcastsDeliverTheWholeBufferToEveryRank)
{
    for (const std::string name : {"broadcast", "broadcast-tree"})
    {
        for (uint32_t n : kRanks)
        {
            for (uint64_t S : Sizes(n))
            {
                const uint32_t root = n / 2;
                const uint64_t chunk = 100 * 1024;
                const FlowGraph g = Build(name, n, S, {chunk, root});
                CheckStructure(g);
                const Traffic t = Count(g, n);
                for (uint32_t r = 0; r < n; ++r)
                {
                    EXPECT_EQ(t.received[r], r == root ? 0 : S);
                }
                EXPECT_EQ(t.total, (n - 1) * S);
                const uint64_t chunks = std::min((S + chunk - 1) / chunk, S);
                const uint64_t depth = name == "broadcast" ? n - 1 : FloorLog2(n - 1) + 1;
                EXPECT_EQ(UnitSteps(g), chunks + depth - 1) << name << " n=" << n;
            }
        }
    }
}

TEST(CollectiveAlgorithm, RanksAreMappedToCommunicatorHosts)
{
    FlowGraph g;
    const Communicator comm({7, 3, 11, 0}, 16);
    CollectiveStart start;
    start.job = 5;
    AppendCollective(g, RingAllReduce(), comm, 4096, start);
    ASSERT_NO_THROW(g.Validate());
    for (const CollectiveFlow& f : g.flows)
    {
        EXPECT_EQ(f.srcHost, comm.Host(f.srcRank));
        EXPECT_EQ(f.dstHost, comm.Host(f.dstRank));
        EXPECT_EQ(f.job, 5u);
    }
    EXPECT_EQ(g.collectives[0].ranks, 4u);
    EXPECT_EQ(g.collectives[0].bytes, 4096u);
    EXPECT_EQ(g.collectives[0].kind, CollectiveKind::AllReduce);
    EXPECT_EQ(g.collectives[0].algorithm, "allreduce-ring");
}

namespace
{

/// What every rank holds, byte by byte: a sum of per-rank weights (0 = nothing yet).
using Buffers = std::vector<std::vector<uint64_t>>;

/**
 * Replays the data an algorithm moves. A flow carries the sender's values on its byte range as
 * they are once every flow it (transitively) depends on has been applied at the sender - all a
 * real sender is guaranteed to have; the receiver adds them (reduce) or stores them. Also checks
 * that two flows into one rank over common bytes, unless both reduce, are ordered by the
 * dependencies (otherwise the result would depend on timing).
 */
Buffers
ReplayData(const RankSchedule& s, const Buffers& initial)
{
    const uint32_t flows = s.size();
    std::vector<std::vector<bool>> ancestor(flows, std::vector<bool>(flows, false));
    for (uint32_t f = 0; f < flows; ++f)
    {
        for (uint32_t d : s[f].deps)
        {
            ancestor[f][d] = true;
            for (uint32_t g = 0; g < d; ++g)
            {
                if (ancestor[d][g])
                {
                    ancestor[f][g] = true;
                }
            }
        }
    }
    std::vector<std::vector<uint64_t>> carried(flows);
    auto apply = [&](std::vector<uint64_t>& data, uint32_t g) {
        for (uint64_t b = 0; b < s[g].bytes; ++b)
        {
            uint64_t& v = data.at(s[g].offset + b);
            v = s[g].reduce ? v + carried[g][b] : carried[g][b];
        }
    };
    for (uint32_t f = 0; f < flows; ++f)
    {
        std::vector<uint64_t> data = initial[s[f].src];
        for (uint32_t g = 0; g < f; ++g)
        {
            if (s[g].dst == s[f].src && ancestor[f][g])
            {
                apply(data, g);
            }
            const bool overlap = s[g].dst == s[f].dst && s[g].offset < s[f].offset + s[f].bytes &&
                                 s[f].offset < s[g].offset + s[g].bytes;
            if (overlap && !(s[g].reduce && s[f].reduce))
            {
                EXPECT_TRUE(ancestor[f][g]) << "flows " << g << " and " << f << " race";
            }
        }
        carried[f].assign(data.begin() + s[f].offset, data.begin() + s[f].offset + s[f].bytes);
    }
    Buffers final = initial;
    for (uint32_t g = 0; g < flows; ++g)
    {
        apply(final[s[g].dst], g);
    }
    return final;
}

/// Start and end of rank r's 1/n block of S bytes: the first S mod n blocks one byte larger.
std::pair<uint64_t, uint64_t>
Block(uint64_t S, uint32_t n, uint32_t r)
{
    const uint64_t q = S / n;
    const uint64_t extra = S % n;
    const uint64_t begin = r * q + std::min<uint64_t>(r, extra);
    return {begin, begin + q + (r < extra ? 1 : 0)};
}

std::vector<uint64_t>
Weights(uint32_t n)
{
    std::mt19937_64 rng(42);
    std::vector<uint64_t> w(n);
    for (auto& x : w)
    {
        x = rng() | 1;
    }
    return w;
}

} // namespace

TEST(CollectiveAlgorithm, AllReducesLeaveTheFullSumEverywhere)
{
    for (const std::string name : {"allreduce-ring", "allreduce-hd", "allreduce-tree"})
    {
        for (uint32_t n : kRanks)
        {
            const std::vector<uint64_t> w = Weights(n);
            uint64_t sum = 0;
            for (uint64_t x : w)
            {
                sum += x;
            }
            for (uint64_t S : {uint64_t{5} * n, uint64_t{5} * n + n - 1, uint64_t{97}})
            {
                Buffers initial(n);
                for (uint32_t r = 0; r < n; ++r)
                {
                    initial[r].assign(S, w[r]);
                }
                const auto schedule = MakeCollectiveAlgorithm(name, {8, 0})->Expand(n, S);
                const Buffers final = ReplayData(schedule, initial);
                for (uint32_t r = 0; r < n; ++r)
                {
                    EXPECT_EQ(final[r], std::vector<uint64_t>(S, sum))
                        << name << " n=" << n << " S=" << S << " rank " << r;
                }
            }
        }
    }
}

TEST(CollectiveAlgorithm, ReduceScatterLeavesRankRItsReducedBlock)
{
    for (uint32_t n : kRanks)
    {
        const std::vector<uint64_t> w = Weights(n);
        uint64_t sum = 0;
        for (uint64_t x : w)
        {
            sum += x;
        }
        for (uint64_t S : {uint64_t{5} * n, uint64_t{5} * n + n - 1})
        {
            Buffers initial(n);
            for (uint32_t r = 0; r < n; ++r)
            {
                initial[r].assign(S, w[r]);
            }
            const Buffers final =
                ReplayData(MakeCollectiveAlgorithm("reducescatter")->Expand(n, S), initial);
            for (uint32_t r = 0; r < n; ++r)
            {
                const auto [begin, end] = Block(S, n, r);
                for (uint64_t b = begin; b < end; ++b)
                {
                    EXPECT_EQ(final[r][b], sum) << "n=" << n << " rank " << r << " byte " << b;
                }
            }
        }
    }
}

TEST(CollectiveAlgorithm, AllGatherAndBroadcastsCopyEveryBlockEverywhere)
{
    for (uint32_t n : kRanks)
    {
        const std::vector<uint64_t> w = Weights(n);
        for (uint64_t S : {uint64_t{5} * n, uint64_t{5} * n + n - 1})
        {
            Buffers initial(n, std::vector<uint64_t>(S, 0));
            std::vector<uint64_t> gathered(S);
            for (uint32_t r = 0; r < n; ++r)
            {
                const auto [begin, end] = Block(S, n, r);
                for (uint64_t b = begin; b < end; ++b)
                {
                    initial[r][b] = w[r];
                    gathered[b] = w[r];
                }
            }
            const Buffers final =
                ReplayData(MakeCollectiveAlgorithm("allgather")->Expand(n, S), initial);
            for (uint32_t r = 0; r < n; ++r)
            {
                EXPECT_EQ(final[r], gathered) << "allgather n=" << n << " rank " << r;
            }
            for (const std::string name : {"broadcast", "broadcast-tree"})
            {
                const uint32_t root = n - 1;
                Buffers start(n, std::vector<uint64_t>(S, 0));
                start[root].assign(S, w[root]);
                const Buffers done =
                    ReplayData(MakeCollectiveAlgorithm(name, {3, root})->Expand(n, S), start);
                for (uint32_t r = 0; r < n; ++r)
                {
                    EXPECT_EQ(done[r], start[root]) << name << " n=" << n << " rank " << r;
                }
            }
        }
    }
}

TEST(CollectiveAlgorithm, FlowCountIsTheExpansionsSize)
{
    // The memory budget relies on FlowCount(): it must be exact, pipelines included.
    for (const std::string& name : CollectiveAlgorithmNames())
    {
        for (uint64_t chunk : {uint64_t{1}, uint64_t{7}, uint64_t{1} << 20})
        {
            const auto algorithm = MakeCollectiveAlgorithm(name, CollectiveOptions{chunk, 0});
            for (uint32_t ranks : kRanks)
            {
                for (uint64_t bytes : {uint64_t{16}, uint64_t{100}, uint64_t{999}})
                {
                    EXPECT_EQ(algorithm->FlowCount(ranks, bytes),
                              algorithm->Expand(ranks, bytes).size())
                        << name << " ranks " << ranks << " bytes " << bytes << " chunk " << chunk;
                }
            }
        }
    }
}

TEST(CollectiveAlgorithm, HugeExpansionsAreRefusedBeforeAllocating)
{
    // 65,536 ranks of all-to-all: 4.3e9 flows, far over any budget; refused at once.
    const auto alltoall = MakeCollectiveAlgorithm("alltoall");
    try
    {
        alltoall->Expand(65536, uint64_t{1} << 30);
        FAIL() << "expected the memory budget to refuse";
    }
    catch (const std::invalid_argument& e)
    {
        EXPECT_NE(std::string(e.what()).find("4294901760 flows"), std::string::npos) << e.what();
        EXPECT_NE(std::string(e.what()).find("memory budget"), std::string::npos) << e.what();
    }
    EXPECT_THROW(alltoall->Expand(kMaxRanks + 1, uint64_t{1} << 40), std::invalid_argument);
    // A pipelined broadcast of 2^40 chunks of one byte.
    EXPECT_THROW(
        MakeCollectiveAlgorithm("broadcast", CollectiveOptions{1, 0})->Expand(4, uint64_t{1} << 40),
        std::invalid_argument);
}
