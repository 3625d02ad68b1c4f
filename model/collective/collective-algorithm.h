// SPDX-License-Identifier: GPL-2.0-only

#ifndef COLLECTIVE_ALGORITHM_H
#define COLLECTIVE_ALGORITHM_H

#include "ns3/collective-communicator.h"
#include "ns3/collective-flow-graph.h"

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

/**
 * \file
 * \ingroup planet
 * Collective algorithms expanded into flows with exact byte counts and dependencies, chosen by
 * name. Sizes follow nccl-tests: S is the collective size per rank (AllReduce: each rank's
 * buffer; AllGather: the output, each rank contributing a 1/n share; ReduceScatter: the input;
 * AllToAll: each rank's send buffer, a 1/n share per peer; Broadcast: the root's buffer).
 * Where S does not divide evenly, the first S mod n shares are one byte larger, so that every
 * byte is moved exactly as the algorithm defines. Every algorithm needs at least two ranks and
 * enough bytes that no transfer is empty; it says how many otherwise.
 *
 * Dependencies: a rank sends data once what it needs has arrived (the receive of the previous
 * step, or of the same chunk from its children or parent), and transfers over one connection
 * (same sender and receiver; the two trees of the double binary tree use separate ones) stay in
 * order, each waiting for the previous one to be delivered. Each RankFlow also says which bytes
 * of the buffer it carries and whether the receiver reduces or stores them, so a test can replay
 * the data and check that every rank ends with the right result.
 */

namespace planet
{

/// \brief Most ranks a collective may have (the fabric's kMaxFabricHosts).
constexpr uint32_t kMaxRanks = uint32_t{1} << 20;

/**
 * \brief Memory one flow of a flow graph is counted for in the memory budget: its RankFlow
 * while expanding, the CollectiveFlow it becomes, their dependency lists and the connection
 * index, with headroom (measured: about 230 bytes for a ring all-reduce of 128 ranks).
 */
constexpr uint64_t kBytesPerGraphFlow = 320;

/// \brief Parameters of the algorithms; each algorithm reads only its own.
struct CollectiveOptions
{
    uint64_t chunkBytes{1 << 20}; //!< pipelined algorithms: bytes per pipeline chunk
    uint32_t root{0};             //!< broadcasts: the root rank
};

/**
 * \brief A collective algorithm: expands a collective of S bytes over n ranks into a schedule.
 */
class CollectiveAlgorithm
{
  public:
    virtual ~CollectiveAlgorithm() = default;
    /// \brief Registry name, e.g. "allreduce-ring".
    virtual std::string Name() const = 0;
    /// \brief What it computes.
    virtual CollectiveKind Kind() const = 0;
    /**
     * \brief The flows of one collective in rank space, dependencies pointing backwards.
     * \param ranks n (at least 2)
     * \param bytes S, the collective size per rank
     * \throws std::invalid_argument naming 'ranks' or 'bytes' when they are too small, or the
     *         option ('chunkBytes', 'root') that is out of range; ranks above kMaxRanks or a
     *         schedule over the memory budget (FlowCount() x kBytesPerGraphFlow) are refused
     *         before anything is built
     */
    virtual RankSchedule Expand(uint32_t ranks, uint64_t bytes) const = 0;
    /**
     * \brief How many flows Expand(ranks, bytes) gives, computed without expanding (for the
     * memory budget); 64-bit, saturating.
     * \param ranks n (at least 2)
     * \param bytes S
     */
    virtual uint64_t FlowCount(uint32_t ranks, uint64_t bytes) const = 0;
    /**
     * \brief Whether the schedule is a pipeline: its steps are pipeline stages that overlap in
     * time, so every connection it uses is busy at once (CollectiveInstance::pipelined).
     */
    virtual bool Pipelined() const;
};

/// \brief Sizes of `parts` shares of `total` bytes: the first total mod parts are one larger.
std::vector<uint64_t> SplitBytes(uint64_t total, uint32_t parts);

/**
 * \brief Ring AllReduce: reduce-scatter then all-gather around ranks 0 -> 1 -> ... -> n-1 -> 0,
 * 2(n-1) steps. The buffer is cut into n shares; in step k < n-1 rank r sends share (r - k) mod
 * n, reduced with what it received in step k-1; afterwards rank r holds share (r + 1) mod n
 * reduced and circulates it for n-1 more steps. Every rank sends 2(S - its final share).
 */
class RingAllReduce : public CollectiveAlgorithm
{
  public:
    std::string Name() const override;
    CollectiveKind Kind() const override;
    RankSchedule Expand(uint32_t ranks, uint64_t bytes) const override;
    uint64_t FlowCount(uint32_t ranks, uint64_t bytes) const override;
};

/// \brief Ring ReduceScatter: n-1 ring steps; in step k rank r sends share (r - 1 - k) mod n,
/// reduced with what it received, so that rank r ends holding share r of the reduced input.
class RingReduceScatter : public CollectiveAlgorithm
{
  public:
    std::string Name() const override;
    CollectiveKind Kind() const override;
    RankSchedule Expand(uint32_t ranks, uint64_t bytes) const override;
    uint64_t FlowCount(uint32_t ranks, uint64_t bytes) const override;
};

/// \brief Ring AllGather: rank r contributes share r of the output; in step k it forwards share
/// (r - k) mod n to r + 1; n-1 steps.
class RingAllGather : public CollectiveAlgorithm
{
  public:
    std::string Name() const override;
    CollectiveKind Kind() const override;
    RankSchedule Expand(uint32_t ranks, uint64_t bytes) const override;
    uint64_t FlowCount(uint32_t ranks, uint64_t bytes) const override;
};

/**
 * \brief Recursive halving-doubling AllReduce (Rabenseifner): with p = 2^floor(log2 n)
 * participants, log2 p reduce-scatter steps exchanging halves at distances p/2, p/4, ..., 1,
 * then log2 p all-gather steps in reverse. With n not a power of two, the e = n - p extra ranks
 * fold in first: in step 0 rank 2i (i < e) sends its whole buffer to rank 2i+1, which takes
 * part for both; in the last step rank 2i+1 sends the result back. Halves are cut at
 * floor(size / 2), so shares stay exact for any S >= p. A rank's send waits for its previous
 * receive and its previous send (it forwards everything received so far). Steps: 2 log2 p, plus
 * 2 when n is not a power of two.
 */
class HalvingDoublingAllReduce : public CollectiveAlgorithm
{
  public:
    std::string Name() const override;
    CollectiveKind Kind() const override;
    RankSchedule Expand(uint32_t ranks, uint64_t bytes) const override;
    uint64_t FlowCount(uint32_t ranks, uint64_t bytes) const override;
};

/**
 * \brief A rooted tree over ranks 0..n-1: parent[r] (n for the root) and children[r].
 */
struct RankTree
{
    uint32_t root{0};                            //!< the root rank
    std::vector<uint32_t> parent;                //!< parent of every rank; n for the root
    std::vector<std::vector<uint32_t>> children; //!< children of every rank, ascending
    /// \brief Depth of every rank (root 0).
    std::vector<uint32_t> Depths() const;
};

/**
 * \brief The in-order binary tree over ranks 0..n-1 that NCCL's trees use: a rank whose lowest
 * set bit is 2^k sits at height k (odd ranks are leaves); rank 0 is the root with one child, the
 * largest power of two below n. Height floor(log2(n-1)) + 1 for n >= 2.
 */
RankTree InOrderBinaryTree(uint32_t ranks);

/**
 * \brief NCCL's double binary tree: the in-order tree, and a second tree that is the first
 * mirrored (rank r -> n-1-r) when n is even or shifted (r -> r+1 mod n) when n is odd, so that
 * most ranks are a leaf in one tree and inner in the other.
 */
std::array<RankTree, 2> DoubleBinaryTree(uint32_t ranks);

/**
 * \brief Double binary tree AllReduce, pipelined as NCCL does: tree 0 carries the first
 * ceil(S/2) bytes, tree 1 the rest, each in C = ceil(ceil(S/2) / chunkBytes) chunks. For every
 * chunk a rank sends to its parent once all its children's parts of that chunk arrived (reduce),
 * then the root sends the reduced chunk down and every rank forwards it to its children as it
 * arrives (broadcast). Transfers over one tree edge in one direction stay in chunk order (chunk
 * c starts after chunk c-1 was delivered). Steps are pipeline stages: C + 2 x height - 1, with
 * height = floor(log2(n-1)) + 1.
 */
class DoubleBinaryTreeAllReduce : public CollectiveAlgorithm
{
  public:
    /// \param chunkBytes bytes per pipeline chunk
    explicit DoubleBinaryTreeAllReduce(uint64_t chunkBytes);
    std::string Name() const override;
    CollectiveKind Kind() const override;
    RankSchedule Expand(uint32_t ranks, uint64_t bytes) const override;
    uint64_t FlowCount(uint32_t ranks, uint64_t bytes) const override;
    bool Pipelined() const override;

  private:
    uint64_t m_chunkBytes; //!< bytes per pipeline chunk
};

/// \brief AllToAll with every pair at once: rank r sends share j of its buffer to every j != r,
/// one step.
class AllToAll : public CollectiveAlgorithm
{
  public:
    std::string Name() const override;
    CollectiveKind Kind() const override;
    RankSchedule Expand(uint32_t ranks, uint64_t bytes) const override;
    uint64_t FlowCount(uint32_t ranks, uint64_t bytes) const override;
};

/**
 * \brief Staggered pairwise-exchange AllToAll: in step k = 1..n-1 rank r sends share (r+k) mod
 * n to rank (r+k) mod n, after its send and its receive of step k-1 completed (a sendrecv per
 * step); n-1 steps.
 */
class PairwiseAllToAll : public CollectiveAlgorithm
{
  public:
    std::string Name() const override;
    CollectiveKind Kind() const override;
    RankSchedule Expand(uint32_t ranks, uint64_t bytes) const override;
    uint64_t FlowCount(uint32_t ranks, uint64_t bytes) const override;
};

/**
 * \brief Pipelined ring Broadcast (NCCL's): the root's S bytes in C = ceil(S / chunkBytes)
 * chunks travel root -> root+1 -> ... -> root+n-1; a rank forwards chunk c once it arrived and
 * chunk c-1 left; C + n - 2 steps.
 */
class RingBroadcast : public CollectiveAlgorithm
{
  public:
    /// \param chunkBytes bytes per chunk \param root the root rank
    RingBroadcast(uint64_t chunkBytes, uint32_t root);
    std::string Name() const override;
    CollectiveKind Kind() const override;
    RankSchedule Expand(uint32_t ranks, uint64_t bytes) const override;
    uint64_t FlowCount(uint32_t ranks, uint64_t bytes) const override;
    bool Pipelined() const override;

  private:
    uint64_t m_chunkBytes; //!< bytes per chunk
    uint32_t m_root;       //!< the root rank
};

/**
 * \brief Pipelined binary-tree Broadcast: the in-order binary tree with ranks renumbered so
 * that the root is tree position 0 (rank = (position + root) mod n); a rank forwards chunk c to
 * each child once it arrived and chunk c-1 reached that child; C + height - 1 steps.
 */
class TreeBroadcast : public CollectiveAlgorithm
{
  public:
    /// \param chunkBytes bytes per chunk \param root the root rank
    TreeBroadcast(uint64_t chunkBytes, uint32_t root);
    std::string Name() const override;
    CollectiveKind Kind() const override;
    RankSchedule Expand(uint32_t ranks, uint64_t bytes) const override;
    uint64_t FlowCount(uint32_t ranks, uint64_t bytes) const override;
    bool Pipelined() const override;

  private:
    uint64_t m_chunkBytes; //!< bytes per chunk
    uint32_t m_root;       //!< the root rank
};

/**
 * \brief Registry names: "allreduce-ring", "allreduce-hd", "allreduce-tree", "reducescatter",
 * "allgather", "alltoall", "alltoall-pairwise", "broadcast" (pipelined ring), "broadcast-tree".
 */
std::vector<std::string> CollectiveAlgorithmNames();

/**
 * \brief Make an algorithm by registry name.
 * \throws std::invalid_argument naming 'algorithm' and listing the allowed names
 */
std::unique_ptr<CollectiveAlgorithm> MakeCollectiveAlgorithm(const std::string& name,
                                                             const CollectiveOptions& options = {});

/**
 * \brief Expand a collective over a communicator and append it to a workload graph.
 * \return index of the new collective in graph.collectives
 */
uint32_t AppendCollective(FlowGraph& graph,
                          const CollectiveAlgorithm& algorithm,
                          const Communicator& comm,
                          uint64_t bytes,
                          const CollectiveStart& start = {});

} // namespace planet

#endif /* COLLECTIVE_ALGORITHM_H */
