// SPDX-License-Identifier: GPL-2.0-only

#include "fabric-int.h"

namespace ns3
{

NS_OBJECT_ENSURE_REGISTERED(FabricIntTag);

TypeId
FabricIntTag::GetTypeId()
{
    static TypeId tid = TypeId("ns3::FabricIntTag")
                            .SetParent<Tag>()
                            .SetGroupName("Planet")
                            .AddConstructor<FabricIntTag>();
    return tid;
}

TypeId
FabricIntTag::GetInstanceTypeId() const
{
    return GetTypeId();
}

uint32_t
FabricIntTag::GetSerializedSize() const
{
    return 8 + 1 + m_nHops * (8 + 8 + 8 + 8);
}

void
FabricIntTag::Serialize(TagBuffer i) const
{
    i.WriteU64(static_cast<uint64_t>(m_sendTime));
    i.WriteU8(m_nHops);
    for (uint32_t h = 0; h < m_nHops; ++h)
    {
        i.WriteU64(m_hops[h].txBytes);
        i.WriteU64(static_cast<uint64_t>(m_hops[h].time));
        i.WriteU64(m_hops[h].queueBytes);
        i.WriteU64(m_hops[h].rateBps);
    }
}

void
FabricIntTag::Deserialize(TagBuffer i)
{
    m_sendTime = static_cast<int64_t>(i.ReadU64());
    m_nHops = i.ReadU8();
    for (uint32_t h = 0; h < m_nHops; ++h)
    {
        m_hops[h].txBytes = i.ReadU64();
        m_hops[h].time = static_cast<int64_t>(i.ReadU64());
        m_hops[h].queueBytes = i.ReadU64();
        m_hops[h].rateBps = i.ReadU64();
    }
}

void
FabricIntTag::Print(std::ostream& os) const
{
    os << "sent=" << m_sendTime << " hops=" << static_cast<int>(m_nHops);
    for (uint32_t h = 0; h < m_nHops; ++h)
    {
        os << " [q=" << m_hops[h].queueBytes << " tx=" << m_hops[h].txBytes
           << " t=" << m_hops[h].time << " r=" << m_hops[h].rateBps << "]";
    }
}

void
FabricIntTag::PushHop(const FabricIntHop& hop)
{
    if (m_nHops < kMaxHops)
    {
        m_hops[m_nHops++] = hop;
    }
}

uint32_t
FabricIntTag::GetNHops() const
{
    return m_nHops;
}

const FabricIntHop&
FabricIntTag::GetHop(uint32_t i) const
{
    return m_hops.at(i);
}

void
FabricIntTag::SetSendTime(int64_t time)
{
    m_sendTime = time;
}

int64_t
FabricIntTag::GetSendTime() const
{
    return m_sendTime;
}

void
FabricIntTag::AppendHop(Ptr<Packet> packet, const FabricIntHop& hop)
{
    FabricIntTag tag;
    packet->RemovePacketTag(tag);
    tag.PushHop(hop);
    packet->AddPacketTag(tag);
}

} // namespace ns3
