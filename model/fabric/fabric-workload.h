// SPDX-License-Identifier: GPL-2.0-only

#ifndef FABRIC_WORKLOAD_H
#define FABRIC_WORKLOAD_H

#include "fabric-leaf-spine.h"

#include <cstdint>
#include <functional>
#include <istream>
#include <string>
#include <vector>

/**
 * \file
 * \ingroup planet
 * Workloads of the fabric runner as plain data: traffic-matrix files and the generated
 * patterns (permutation, incast, all-to-all). No simulator dependency; randomness comes in
 * through a callable so that the runner can draw from an ns-3 stream and tests from anything.
 */

namespace planet
{

/**
 * \brief One flow of a workload: a message of `bytes` from src to dst.
 *
 * A flow starts at startS unless it waits for a trigger; it then starts when that trigger
 * fires. Trigger 0 means none. When the flow's sender has the last acknowledgement it activates
 * its sendDoneTrigger, when its receiver has the last byte its recvDoneTrigger: the semantics
 * of htsim's connection matrices (a flow ends, in htsim, when its sender has the last ACK).
 */
struct TrafficFlow
{
    uint32_t id{0};              //!< flow id (from the file, else the flow's index)
    uint32_t src{0};             //!< source host
    uint32_t dst{0};             //!< destination host
    uint64_t bytes{0};           //!< payload bytes
    double startS{0};            //!< start time in seconds (ignored when trigger != 0)
    uint32_t trigger{0};         //!< start when this trigger fires (0: start at startS)
    uint32_t sendDoneTrigger{0}; //!< trigger to activate when the sender has the last ACK
    uint32_t recvDoneTrigger{0}; //!< trigger to activate when the receiver has the last byte
};

/// \brief How an htsim trigger fires when it is activated (htsim's trigger types).
enum class TriggerKind
{
    OneShot,   //!< the first activation starts every flow waiting on it (htsim aborts on a second)
    MultiShot, //!< activation k starts the k-th flow waiting on it, in file order
    Barrier,   //!< activation number `count` starts every flow waiting on it
};

/// \brief A trigger declared by an htsim `trigger id N oneshot|multishot|barrier [count K]` line.
struct TrafficTrigger
{
    uint32_t id{0};                         //!< trigger id (> 0)
    TriggerKind kind{TriggerKind::OneShot}; //!< how it fires
    uint32_t count{0};                      //!< activations a barrier needs (> 0 for barriers)
};

/**
 * \brief A traffic matrix read from a file.
 */
struct TrafficMatrix
{
    uint32_t hosts{0};                    //!< "Nodes N" of an htsim file; 0 when the file has none
    std::vector<TrafficFlow> flows;       //!< the flows in file order
    std::vector<TrafficTrigger> triggers; //!< the declared triggers in file order
};

/**
 * \brief Parse a traffic matrix.
 *
 * Two line formats, mixable; blank lines and text after '#' are ignored:
 * - `src dst bytes [start_s]`
 * - htsim's `S->D id N (start T | trigger X) size B [send_done_trigger Y]
 *   [recv_done_trigger Z]` with T in picoseconds, plus its `Nodes N`, `Connections N`,
 *   `Triggers N` header lines and `trigger id N oneshot|multishot|barrier [count K]`
 *   declarations.
 *
 * As htsim does, it insists that an htsim flow has a non-zero id, exactly one of a start time and
 * a trigger, every trigger it names is declared, and the header counts match what follows;
 * htsim's `prio` (priority queues, not modelled) is refused rather than ignored. Flow ids are
 * unique. A flow from a host to itself is an error.
 * \param in the text
 * \param name the file name used in error messages
 * \return the matrix
 * \throws std::invalid_argument "name:line: what is wrong" for a malformed line, "name: what is
 *         wrong" for a file that is inconsistent as a whole
 */
TrafficMatrix ParseTrafficMatrix(std::istream& in, const std::string& name);

/**
 * \brief Read and parse a traffic-matrix file.
 * \param path the file
 * \return the matrix
 * \throws std::invalid_argument naming the file when it cannot be read or a line is malformed
 */
TrafficMatrix ReadTrafficMatrix(const std::string& path);

/**
 * \brief Check that every host of the flows exists.
 * \param flows the flows
 * \param hosts the number of hosts of the fabric
 * \param name where the flows come from, for the message
 * \throws std::invalid_argument naming the first flow with a host out of range
 */
void CheckFlowHosts(const std::vector<TrafficFlow>& flows, uint32_t hosts, const std::string& name);

/// \brief A uniform random integer in [0, n); n > 0.
using UniformIndex = std::function<uint32_t(uint32_t n)>;

/**
 * \brief Permutation: every host sends `bytes` to one other host, every host receives one flow
 * (a uniformly random derangement).
 * \param hosts number of hosts (at least 2)
 * \param bytes payload bytes per flow
 * \param draw the random source
 * \return one flow per host, flow i from host i
 * \throws std::invalid_argument when hosts < 2
 */
std::vector<TrafficFlow> PermutationWorkload(uint32_t hosts,
                                             uint64_t bytes,
                                             const UniformIndex& draw);

/**
 * \brief Incast: `senders` distinct random hosts send `bytes` each to one random receiver.
 * \param hosts number of hosts
 * \param senders number of senders, in [1, hosts - 1]
 * \param bytes payload bytes per flow
 * \param draw the random source
 * \return the flows, in increasing sender order
 * \throws std::invalid_argument naming "incastSenders" when it does not fit
 */
std::vector<TrafficFlow> IncastWorkload(uint32_t hosts,
                                        uint32_t senders,
                                        uint64_t bytes,
                                        const UniformIndex& draw);

/**
 * \brief All-to-all: every host sends `bytes` to every other host.
 * \param hosts number of hosts (at least 2)
 * \param bytes payload bytes per flow
 * \return hosts x (hosts - 1) flows, by source then destination
 */
std::vector<TrafficFlow> AllToAllWorkload(uint32_t hosts, uint64_t bytes);

/**
 * \brief The flows as plain transfers, for ComputeIdealBound().
 * \param flows the flows
 * \return src, dst and bytes of each
 */
std::vector<FabricFlow> ToFabricFlows(const std::vector<TrafficFlow>& flows);

} // namespace planet

#endif /* FABRIC_WORKLOAD_H */
