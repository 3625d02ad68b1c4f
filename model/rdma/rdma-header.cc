// SPDX-License-Identifier: GPL-2.0-only

#include "rdma-header.h"

namespace ns3
{

NS_OBJECT_ENSURE_REGISTERED(RdmaHeader);

TypeId
RdmaHeader::GetTypeId()
{
    static TypeId tid = TypeId("ns3::RdmaHeader")
                            .SetParent<Header>()
                            .SetGroupName("Planet")
                            .AddConstructor<RdmaHeader>();
    return tid;
}

TypeId
RdmaHeader::GetInstanceTypeId() const
{
    return GetTypeId();
}

uint32_t
RdmaHeader::GetSerializedSize() const
{
    return 2 + 4 + 4;
}

void
RdmaHeader::Serialize(Buffer::Iterator start) const
{
    start.WriteU8(kind);
    start.WriteU8(flags);
    start.WriteU32(dstQp);
    start.WriteU32(psn);
}

uint32_t
RdmaHeader::Deserialize(Buffer::Iterator start)
{
    kind = start.ReadU8();
    flags = start.ReadU8();
    dstQp = start.ReadU32();
    psn = start.ReadU32();
    return GetSerializedSize();
}

void
RdmaHeader::Print(std::ostream& os) const
{
    static const char* names[] = {"DATA", "ACK", "NACK"};
    os << (kind <= NACK ? names[kind] : "?") << " qp=" << dstQp << " psn=" << psn
       << " flags=" << static_cast<int>(flags);
}

} // namespace ns3
