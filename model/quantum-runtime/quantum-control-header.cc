/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "quantum-control-header.h"

#include <cstring>

namespace ns3
{

NS_OBJECT_ENSURE_REGISTERED(QuantumControlHeader);

std::string
QuantumControlHeader::ReasonName(uint8_t reason)
{
    switch (reason)
    {
    case WINDOW:
        return "window";
    case DISTILLATION:
        return "distillation";
    case CUTOFF:
        return "cutoff";
    case PREEMPTED:
        return "preempted";
    }
    return "unknown";
}

std::string
QuantumControlHeader::TypeName(uint8_t type)
{
    switch (type)
    {
    case SCHEDULE:
        return "schedule";
    case SWAP_OUTCOME:
        return "swap_outcome";
    case PARITY:
        return "parity";
    case ABORT:
        return "abort";
    case DELIVERED:
        return "delivered";
    }
    return "unknown";
}

std::map<std::string, uint64_t>
QuantumControlHeader::ByTypeName(const std::map<uint8_t, uint64_t>& counts)
{
    std::map<std::string, uint64_t> out;
    for (const auto& [type, n] : counts)
    {
        out[TypeName(type)] = n;
    }
    return out;
}

TypeId
QuantumControlHeader::GetTypeId()
{
    static TypeId tid = TypeId("ns3::QuantumControlHeader")
                            .SetParent<Header>()
                            .SetGroupName("Planet")
                            .AddConstructor<QuantumControlHeader>();
    return tid;
}

TypeId
QuantumControlHeader::GetInstanceTypeId() const
{
    return GetTypeId();
}

uint32_t
QuantumControlHeader::GetSerializedSize() const
{
    switch (type)
    {
    case SCHEDULE:
        return 1 + 8 + 2 + 2;
    case SWAP_OUTCOME:
    case PARITY:
        return 1 + 8 + 4 + 1;
    case ABORT:
        return 1 + 8 + 1;
    default:
        return 1 + 8 + 8 + 8;
    }
}

void
QuantumControlHeader::Serialize(Buffer::Iterator i) const
{
    i.WriteU8(type);
    i.WriteHtonU64(instance);
    switch (type)
    {
    case SCHEDULE:
        i.WriteHtonU16(chunk);
        i.WriteHtonU16(chunks);
        break;
    case SWAP_OUTCOME:
    case PARITY:
        i.WriteHtonU32(task);
        i.WriteU8(bits);
        break;
    case ABORT:
        i.WriteU8(bits);
        break;
    default: {
        i.WriteHtonU64(static_cast<uint64_t>(time_ns));
        uint64_t raw;
        std::memcpy(&raw, &fidelity, sizeof(raw));
        i.WriteHtonU64(raw);
    }
    }
}

uint32_t
QuantumControlHeader::Deserialize(Buffer::Iterator start)
{
    Buffer::Iterator i = start;
    type = i.ReadU8();
    instance = i.ReadNtohU64();
    switch (type)
    {
    case SCHEDULE:
        chunk = i.ReadNtohU16();
        chunks = i.ReadNtohU16();
        break;
    case SWAP_OUTCOME:
    case PARITY:
        task = i.ReadNtohU32();
        bits = i.ReadU8();
        break;
    case ABORT:
        bits = i.ReadU8();
        break;
    default: {
        time_ns = static_cast<int64_t>(i.ReadNtohU64());
        const uint64_t raw = i.ReadNtohU64();
        std::memcpy(&fidelity, &raw, sizeof(raw));
    }
    }
    return i.GetDistanceFrom(start);
}

void
QuantumControlHeader::Print(std::ostream& os) const
{
    os << TypeName(type) << " instance=" << instance << " task=" << task << " bits=" << +bits;
}

} // namespace ns3
