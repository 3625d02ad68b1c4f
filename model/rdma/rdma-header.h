// SPDX-License-Identifier: GPL-2.0-only

#ifndef RDMA_HEADER_H
#define RDMA_HEADER_H

#include "ns3/header.h"

#include <cstdint>

namespace ns3
{

/**
 * \ingroup planet
 * \brief The transport header (the part of RoCE's BTH/AETH planet models).
 *
 * Data packets carry the destination QP and their PSN; ACK and NACK carry the receiver's
 * expected PSN (cumulative: every PSN below it has been received).
 */
class RdmaHeader : public Header
{
  public:
    /// Packet kinds.
    enum Kind : uint8_t
    {
        DATA = 0, //!< a segment of a message
        ACK = 1,  //!< cumulative acknowledgement
        NACK = 2, //!< cumulative acknowledgement + "psn is missing"
    };

    /// Flag bits.
    enum Flag : uint8_t
    {
        LAST = 1, //!< last packet of a message (DATA)
        ECE = 2,  //!< CE was seen since the previous ACK (ACK/NACK)
        RETX = 4, //!< a retransmission (DATA)
    };

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

    uint8_t kind{DATA}; //!< Kind
    uint8_t flags{0};   //!< Flag bits
    uint32_t dstQp{0};  //!< queue pair number at the receiver of this packet
    uint32_t psn{0};    //!< DATA: its PSN; ACK/NACK: the expected PSN
};

} // namespace ns3

#endif /* RDMA_HEADER_H */
