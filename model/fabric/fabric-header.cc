// SPDX-License-Identifier: GPL-2.0-only

#include "fabric-header.h"

namespace ns3
{

NS_OBJECT_ENSURE_REGISTERED(FabricHeader);

TypeId
FabricHeader::GetTypeId()
{
    static TypeId tid = TypeId("ns3::FabricHeader")
                            .SetParent<Header>()
                            .SetGroupName("Planet")
                            .AddConstructor<FabricHeader>();
    return tid;
}

TypeId
FabricHeader::GetInstanceTypeId() const
{
    return GetTypeId();
}

uint32_t
FabricHeader::GetSerializedSize() const
{
    return 6 * 4 + 1;
}

void
FabricHeader::Serialize(Buffer::Iterator start) const
{
    start.WriteU32(src);
    start.WriteU32(dst);
    start.WriteU32(flowLabel);
    start.WriteU32(entropy);
    start.WriteU32(pathId);
    start.WriteU32(payload);
    start.WriteU8(flags);
}

uint32_t
FabricHeader::Deserialize(Buffer::Iterator start)
{
    src = start.ReadU32();
    dst = start.ReadU32();
    flowLabel = start.ReadU32();
    entropy = start.ReadU32();
    pathId = start.ReadU32();
    payload = start.ReadU32();
    flags = start.ReadU8();
    return GetSerializedSize();
}

void
FabricHeader::Print(std::ostream& os) const
{
    os << "src=" << src << " dst=" << dst << " flow=" << flowLabel << " entropy=" << entropy
       << " path=" << (pathId == NO_PATH ? -1 : static_cast<int64_t>(pathId))
       << " payload=" << payload << " flags=" << static_cast<int>(flags);
}

} // namespace ns3
