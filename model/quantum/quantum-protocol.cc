/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "quantum-protocol.h"

namespace planet
{

std::string
ToString(ProtocolOp op)
{
    switch (op)
    {
    case ProtocolOp::LinkGeneration:
        return "link";
    case ProtocolOp::Swap:
        return "swap";
    case ProtocolOp::Distill:
        return "distill";
    }
    return "unknown";
}

namespace
{

std::string
Describe(const Protocol& p, uint32_t index)
{
    const auto& n = p.nodes[index];
    if (n.op == ProtocolOp::LinkGeneration)
    {
        return "link" + std::to_string(n.first) + "a" + std::to_string(n.capability);
    }
    return ToString(n.op) + "(" + Describe(p, n.left) + "," + Describe(p, n.right) + ")";
}

} // namespace

std::string
Protocol::Summary() const
{
    return nodes.empty() ? std::string() : Describe(*this, root);
}

} // namespace planet
