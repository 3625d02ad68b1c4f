/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef QUANTUM_CONTROL_HEADER_H
#define QUANTUM_CONTROL_HEADER_H

#include "ns3/header.h"

#include <cstdint>
#include <map>
#include <string>

namespace ns3
{

/**
 * \ingroup planet
 * \brief The header of every message of the quantum network's classical control plane (UDP
 * payload).
 *
 * | type | from -> to | fields |
 * |---|---|---|
 * | Schedule | controller -> node | version, chunk / chunks (the encoded planet::NodeSchedule
 * follows the header) | | SwapOutcome | repeater -> nodes needing the frame | instance, task, bits
 * (Pauli correction x, z) | | Parity | distilling node -> the other | instance, task, bits (parity
 * read) | | Abort | node that gave up -> the instance's nodes and the controller | instance, reason
 * | | Delivered | end node -> controller | instance, time, fidelity (-1: the other end got it
 * later) |
 *
 * The instance is a QuantumInstance key (it carries the schedule version).
 */
class QuantumControlHeader : public Header
{
  public:
    /// \brief Message types.
    enum Type : uint8_t
    {
        SCHEDULE = 1,
        SWAP_OUTCOME = 2,
        PARITY = 3,
        ABORT = 4,
        DELIVERED = 5,
    };

    /// \brief Why an instance was aborted.
    enum Reason : uint8_t
    {
        WINDOW = 0,       //!< a link generation missed its window (and could not retry)
        DISTILLATION = 1, //!< a distillation's parities disagreed
        CUTOFF = 2,       //!< a pair was older than the storage cutoff
        PREEMPTED = 3,    //!< it overran its reservation of a qubit another instance needed
    };

    /// \return the name of \p reason ("window", "distillation", "cutoff", "preempted")
    static std::string ReasonName(uint8_t reason);
    /// \return the name of \p type ("schedule", "swap_outcome", ...)
    static std::string TypeName(uint8_t type);
    /// \return \p counts (message type -> count) by type name
    static std::map<std::string, uint64_t> ByTypeName(const std::map<uint8_t, uint64_t>& counts);

    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
    TypeId GetInstanceTypeId() const override;
    uint32_t GetSerializedSize() const override;
    void Serialize(Buffer::Iterator start) const override;
    uint32_t Deserialize(Buffer::Iterator start) override;
    void Print(std::ostream& os) const override;

    uint8_t type{SCHEDULE}; //!< message type
    uint64_t instance{0};   //!< QuantumInstance key (Schedule: the version in its top byte)
    uint32_t task{0};       //!< schedule task id (SwapOutcome, Parity)
    uint8_t bits{0};        //!< outcome bits, or the abort reason
    uint16_t chunk{0};      //!< Schedule: this chunk's number
    uint16_t chunks{0};     //!< Schedule: number of chunks
    int64_t time_ns{0};     //!< Delivered: when
    double fidelity{0};     //!< Delivered: fidelity
};

} // namespace ns3

#endif /* QUANTUM_CONTROL_HEADER_H */
