/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef QUANTUM_PROTOCOL_H
#define QUANTUM_PROTOCOL_H

#include "quantum-fidelity.h"
#include "quantum-link.h"

#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace planet
{

/// \brief The operation at one node of a repeater-protocol tree.
enum class ProtocolOp
{
    LinkGeneration, //!< leaf: heralded generation on one link with a chosen capability
    Swap,           //!< entanglement swap joining [first, k] and [k, last] at path node k
    Distill,        //!< BBPSSW step: left child is kept, right child is sacrificed
};

/// \brief Short name of \p op: "link", "swap" or "distill".
std::string ToString(ProtocolOp op);

/**
 * \brief One node of a protocol tree: it delivers a pair between path positions first and last.
 *
 * Structure: a LinkGeneration leaf has last == first + 1 and names its capability; a Swap has
 * children on [first, k] and [k, last]; a Distill has two children on [first, last] (left kept,
 * right sacrificed). Pumping is a Distill whose sacrificed child is a cheaper protocol than the
 * kept one; nested distillation has two copies of the same sub-protocol. Copies are separate
 * nodes because they are executed separately.
 *
 * Figures (set by protocol synthesis from the planned task graph; enough to recompute the
 * protocol's fidelity by hand): `fidelity` is the fidelity of the pair when the node's
 * operation completes (leaf: the capability's fidelity after `moves` moves into storage, each a
 * depolarising two-qubit gate); the pair then waits `wait_s` in memories `memory[0]` (at path
 * position first) and `memory[1]` (at last) until its parent operation starts.
 */
struct ProtocolNode
{
    ProtocolOp op = ProtocolOp::LinkGeneration; //!< operation
    uint32_t first = 0;                         //!< path position of one end of the output pair
    uint32_t last = 0;                          //!< path position of the other end
    int32_t left = -1;                          //!< child (swap: [first,k]; distill: kept)
    int32_t right = -1;                         //!< child (swap: [k,last]; distill: sacrificed)
    uint32_t capability = 0;                    //!< leaf: index into the link's capabilities
    LinkCapability link{0, 0};                  //!< leaf: the chosen capability
    unsigned moves = 0;                         //!< leaf: ends moved into a storage qubit

    double fidelity = 0;                 //!< output fidelity when the operation completes
    double successProbability = 1;       //!< of this operation alone (distill), else 1
    double wait_s = 0;                   //!< storage time of the output before the parent starts
    std::array<QubitMemory, 2> memory{}; //!< memories that hold the output pair
};

/**
 * \brief A repeater protocol for one path: a tree of ProtocolNode (root delivers the end-to-end
 * pair) and the figures of its planned execution.
 */
struct Protocol
{
    std::vector<uint32_t> path;         //!< topology node indices, source first
    std::vector<double> linkLengths_km; //!< length of hop i (path[i] - path[i+1])
    std::vector<ProtocolNode> nodes;    //!< the tree; children have smaller indices
    uint32_t root = 0;                  //!< index of the root node

    double fidelity = 0;           //!< delivered end-to-end fidelity of the plan
    double successProbability = 1; //!< product of the distillation success probabilities
    double duration_s = 0;         //!< makespan of one execution of the plan
    double rate_hz = 0;            //!< successProbability / duration_s

    /**
     * \brief Compact text form, e.g. "distill(swap(link0a2,link1a2),swap(link0a2,link1a2))":
     * linkHaC = generation on hop H with capability C.
     */
    std::string Summary() const;
};

} // namespace planet

#endif // QUANTUM_PROTOCOL_H
