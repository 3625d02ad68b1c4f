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

/// \brief Limits of the protocol search.
struct SynthesisOptions
{
    unsigned maxDistillRounds = 3; //!< distillation rounds tried on every sub-path
    unsigned frontSize = 12;       //!< candidates kept per sub-path (Pareto front, thinned)
    unsigned splitsPerSegment = 2; //!< best-balanced swap positions tried per sub-path
    double windowQuantile = 0;     //!< link windows (LinkGenerationWindow; 0: 1/rate)
};

/**
 * \brief Result of a protocol search: found, or the reason why no protocol exists.
 *
 * When `found`, `protocol` holds the tree annotated with the figures of `plan` (the task graph
 * it becomes on the topology's qubits), and protocol.fidelity >= fmin.
 */
struct SynthesisResult
{
    bool found = false; //!< a protocol meeting fmin exists
    std::string reason; //!< why not, when !found
    Protocol protocol;  //!< the chosen protocol (when found)
    TaskGraph plan;     //!< its task graph (when found)
};

/**
 * \brief Finds the repeater protocol with the best rate whose planned delivered fidelity is at
 * least \p fmin on \p route.
 *
 * Search: dynamic programming over the sub-paths of the route. Each sub-path keeps a Pareto
 * front of candidate protocols over (fidelity, rate), estimated analytically: a link
 * generation per capability of the link model; swaps at the positions that best balance the
 * two sides' rates (both sides run in parallel, the earlier pair waits in storage); pumping
 * (distil with the fastest protocol of the sub-path) and nested distillation (two copies, run
 * one after the other, the first waiting). Candidates that would hold more pairs at a node
 * than it has storage qubits are dropped. Every candidate of the full route's front is then
 * placed as a task graph (BuildTaskGraph) and the one with the best planned rate among those
 * meeting fmin is returned.
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
 * \brief SynthesiseProtocol() for many demands on one network: the candidate fronts of every
 * sub-path (a sequence of nodes) are kept and reused by later routes through the same nodes.
 *
 * Results are identical to SynthesiseProtocol(). The synthesiser keeps references to the
 * topology, link model and decoherence model, which must outlive it; it is not thread-safe.
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
