// SPDX-License-Identifier: GPL-2.0-only

#include "fabric-header.h"

namespace ns3
{

std::ostream&
operator<<(std::ostream& os, const FabricHeader& h)
{
    os << "src=" << h.src << " dst=" << h.dst << " flow=" << h.flowLabel << " entropy=" << h.entropy
       << " path=" << (h.pathId == FabricHeader::NO_PATH ? -1 : static_cast<int64_t>(h.pathId))
       << " payload=" << h.payload << " flags=" << static_cast<int>(h.flags)
       << " kind=" << static_cast<int>(h.kind) << " qp=" << h.qp << " psn=" << h.psn
       << " sack=" << h.sack << " priority=" << static_cast<int>(h.priority);
    return os;
}

} // namespace ns3
