// SPDX-License-Identifier: GPL-2.0-only

#include "rdma-helper.h"

#include "ns3/fabric-net-device.h"
#include "ns3/node.h"
#include "ns3/uinteger.h"

#include <stdexcept>

namespace ns3
{

RdmaHelper::RdmaHelper()
{
    m_factory.SetTypeId(RdmaStack::GetTypeId());
}

void
RdmaHelper::SetStackAttribute(const std::string& name, const AttributeValue& value)
{
    m_factory.Set(name, value);
}

std::vector<Ptr<RdmaStack>>
RdmaHelper::Install(NodeContainer hosts) const
{
    std::vector<Ptr<RdmaStack>> stacks;
    for (uint32_t i = 0; i < hosts.GetN(); ++i)
    {
        Ptr<Node> node = hosts.Get(i);
        Ptr<FabricNetDevice> nic;
        for (uint32_t d = 0; d < node->GetNDevices() && !nic; ++d)
        {
            nic = DynamicCast<FabricNetDevice>(node->GetDevice(d));
        }
        if (!nic)
        {
            throw std::invalid_argument("RdmaHelper::Install: host " + std::to_string(i) +
                                        " has no FabricNetDevice");
        }
        Ptr<RdmaStack> stack = m_factory.Create<RdmaStack>();
        stack->SetAttribute("HostId", UintegerValue(i));
        node->AggregateObject(stack);
        stack->SetDevice(nic);
        stacks.push_back(stack);
    }
    return stacks;
}

int64_t
RdmaHelper::AssignStreams(const std::vector<Ptr<RdmaStack>>& stacks, int64_t stream)
{
    int64_t used = 0;
    for (const auto& s : stacks)
    {
        used += s->AssignStreams(stream + used);
    }
    return used;
}

} // namespace ns3
