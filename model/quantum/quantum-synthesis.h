/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef QUANTUM_SYNTHESIS_H
#define QUANTUM_SYNTHESIS_H

#include "quantum-device.h"
#include "quantum-fidelity.h"
#include "quantum-link.h"
#include "quantum-protocol.h"
#include "quantum-task-graph.h"
#include "quantum-topology.h"

#include <memory>
#include <string>

namespace planet
{

/**
 * \brief The protocol search space and the search's budget.
 *
 * Search space of a route: every tree of link generations (one per capability of the link
 * model), swaps and distillations such that each sub-path of two or more hops is split at one
 * of its splitsPerSegment best swap positions (ranked by the duration of the fastest
 * undistilled protocol on each side, which no option changes) and each protocol of a sub-path
 * (a link generation or a swap of two protocols of its halves, its "base") is followed by up to
 * maxDistillRounds distillation rounds, each either nesting (distil with an identical copy of
 * the protocol so far) or pumping (distil with a fresh copy of the base); trees that hold more
 * pairs at a node than it has qubits for are not in the space. A wider option gives a superset
 * of the space.
 */
struct SynthesisOptions
{
    unsigned maxDistillRounds = 3; //!< distillation rounds on every sub-path
    unsigned splitsPerSegment = 2; //!< swap positions tried per sub-path
    double windowQuantile = 0;     //!< link windows (LinkGenerationWindow; 0: 1/rate)
    /// Candidates the exact pass over one option set may build or place on a route of more
    /// than shortRouteHops hops; when it would need more, the result is the best of the
    /// narrower searches and exact is false.
    uint64_t searchBudget = 8000;
    /// The same for the default options' space on routes of at most shortRouteHops hops, where
    /// completing is affordable (a four-hop line's default space, three rounds on the table's
    /// best link, needs about 55000); a narrower space gets a share in proportion to its
    /// (rounds + 1) * splits, never less than searchBudget. On these routes a placement counts
    /// its tasks, so that the budget bounds the time.
    uint64_t shortRouteBudget = 64000;
    unsigned shortRouteHops = 4; //!< longest route that gets shortRouteBudget
};

/**
 * \brief Result of a protocol search: found, or the reason why no protocol exists.
 *
 * When `found`, `protocol` holds the tree annotated with the figures of `plan` (the task graph
 * it becomes on the topology's qubits), and protocol.fidelity >= fmin. `exact` says whether the
 * exact pass over the whole search space completed within the budget: then no protocol of the
 * space has a higher planned rate meeting fmin (and !found means none meets fmin).
 */
struct SynthesisResult
{
    bool found = false;    //!< a protocol meeting fmin exists
    std::string reason;    //!< why not, when !found
    Protocol protocol;     //!< the chosen protocol (when found)
    TaskGraph plan;        //!< its task graph (when found)
    bool exact = false;    //!< the best of the search space (the exact pass completed)
    uint64_t examined = 0; //!< search cost: candidates the exact passes built or placed
    uint64_t planned = 0;  //!< search cost: whole-route candidates placed as task graphs
};

/**
 * \brief Finds the repeater protocol with the best planned rate (TaskGraph::Rate()) whose
 * planned delivered fidelity is at least \p fmin on \p route, among the protocols of the
 * search space of \p options (SynthesisOptions).
 *
 * Two passes. The heuristic pass is a dynamic programme over the sub-paths with a front of
 * candidates per sub-path, pruned and thinned on analytic estimates of fidelity and rate; its
 * whole-route candidates are placed (BuildTaskGraph) and the best planned one is the incumbent.
 * The exact pass then searches at decreasing rate floors (from the fastest possible rate down in
 * factors of 4, at last the incumbent's planned rate): each search builds, per sub-path, every
 * protocol of the space whose rate bound reaches the floor, and places whole-route candidates
 * whose fidelity bound meets fmin in decreasing rate bound until the bound falls below the best
 * planned rate; the first search whose best reaches its floor has the best of the space (a space
 * whose fidelity bound misses fmin is not searched at all). Bounds (valid for any placement,
 * whatever storage noise the plan adds): the fidelity without any storage (each operation is
 * monotone in its inputs, storage only lowers fidelity), the distillation success at those
 * fidelities, and a makespan lower bound, the longest of the critical path and, per node, the
 * link-generation time on its communication qubits plus the shortest chain of operations after one
 * of them. These compose monotonically, so a protocol's rate bound is at most that of each of its
 * parts and no cut drops a protocol that could win. If the exact pass stays within searchBudget the
 * result is exact; otherwise the best over the narrower option sets (fewer rounds or splits) is
 * returned, exact where their passes complete, which keeps the rate monotone in every option.
 *
 * std::invalid_argument for fmin outside (0.25, 1], a route that is not a path of
 * \p topology, or link lengths the link model cannot describe; an fmin no candidate meets
 * gives found == false and a reason naming the best fidelity found.
 */
SynthesisResult SynthesiseProtocol(const QuantumTopology& topology,
                                   const QuantumRoute& route,
                                   double fmin,
                                   const LinkModel& links,
                                   const QuantumDevice& device,
                                   const DecoherenceModel& decoherence,
                                   const SynthesisOptions& options = {});

/**
 * \brief SynthesiseProtocol() for many demands on one network. The search sees a route only
 * through its shape: each node's communication and storage qubits and each link's length. So the
 * heuristic pass's candidate fronts are kept per sub-path shape and reused by later routes with
 * a sub-path of that shape (the exact pass depends on the route's incumbent and is not cached),
 * and the answer for a route shape and fmin is kept: a later route of the same shape gets the same
 * tree placed on its own nodes' qubits (examined 0, planned 1: the cost of that call).
 *
 * Protocols, plans, `found` and `exact` are identical to SynthesiseProtocol()'s. The synthesiser
 * keeps references to the topology, link model and decoherence model, which must outlive it; it
 * is not thread-safe.
 */
class ProtocolSynthesiser
{
  public:
    /// \brief Synthesiser for \p topology; std::invalid_argument for bad \p options.
    ProtocolSynthesiser(const QuantumTopology& topology,
                        const LinkModel& links,
                        const QuantumDevice& device,
                        const DecoherenceModel& decoherence,
                        const SynthesisOptions& options = {});
    ~ProtocolSynthesiser();
    ProtocolSynthesiser(const ProtocolSynthesiser&) = delete;
    ProtocolSynthesiser& operator=(const ProtocolSynthesiser&) = delete;

    /// \brief As SynthesiseProtocol(topology, route, fmin, ...).
    SynthesisResult Synthesise(const QuantumRoute& route, double fmin);

    /// \brief Number of sub-paths whose candidate fronts are cached.
    std::size_t CachedSegments() const;

  private:
    class Impl;
    std::unique_ptr<Impl> m_impl;
};

} // namespace planet

#endif // QUANTUM_SYNTHESIS_H
