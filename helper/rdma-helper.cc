// SPDX-License-Identifier: GPL-2.0-only

#include "rdma-helper.h"

#include "fabric-leaf-spine-helper.h"

#include "ns3/fabric-net-device.h"
#include "ns3/node.h"
#include "ns3/rdma-congestion-control.h"
#include "ns3/rdma-loss-model.h"
#include "ns3/rdma-path-selection.h"
#include "ns3/rdma-recovery.h"
#include "ns3/uinteger.h"

#include <algorithm>
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
    m_set.insert(name);
}

void
RdmaHelper::SetRecoveryAttribute(const std::string& name, const AttributeValue& value)
{
    m_recoveryAttributes.emplace_back(name, value.Copy());
}

void
RdmaHelper::SetPathSelectionAttribute(const std::string& name, const AttributeValue& value)
{
    m_pathAttributes.emplace_back(name, value.Copy());
}

void
RdmaHelper::SetCongestionControlAttribute(const std::string& name, const AttributeValue& value)
{
    m_ccAttributes.emplace_back(name, value.Copy());
}

void
RdmaHelper::SetFabric(const LeafSpineHelper& fabric)
{
    m_fabric = std::make_shared<const planet::EcmpFabric>(fabric.GetEcmpFabric());
    UintegerValue buffer;
    fabric.GetLinkDevice(fabric.GetShape().HostDownLink(0))->GetAttribute("BufferBytes", buffer);
    m_bufferBytes = buffer.Get();
    // A shared-buffer switch can give one queue (nearly) its whole buffer.
    for (uint32_t l = 0; l < fabric.GetShape().leaves; ++l)
    {
        if (Ptr<FabricMmu> mmu = fabric.GetLeafSwitch(l)->GetSharedBuffer())
        {
            m_bufferBytes = std::max(m_bufferBytes, mmu->GetBuffer().BufferBytes());
        }
    }
    for (uint32_t k = 0; k < fabric.GetShape().spines; ++k)
    {
        if (Ptr<FabricMmu> mmu = fabric.GetSpineSwitch(k)->GetSharedBuffer())
        {
            m_bufferBytes = std::max(m_bufferBytes, mmu->GetBuffer().BufferBytes());
        }
    }
}

void
RdmaHelper::SetLoss(const std::string& spec)
{
    const std::size_t colon = spec.find(':');
    const std::string kind = spec.substr(0, colon);
    const std::string number = colon == std::string::npos ? "" : spec.substr(colon + 1);
    const bool digits = !number.empty() && number.size() <= 9 &&
                        number.find_first_not_of("0123456789") == std::string::npos;
    ObjectFactory f;
    if (spec == "none")
    {
        m_lossFactory = ObjectFactory();
        return;
    }
    else if (spec == "last")
    {
        f.SetTypeId(RdmaDropLast::GetTypeId());
    }
    else if (kind == "psn" && digits)
    {
        f.SetTypeId(RdmaDropPsn::GetTypeId());
        f.Set("Psn", UintegerValue(std::stoul(number)));
    }
    else if (kind == "nth" && digits && std::stoul(number) >= 1)
    {
        f.SetTypeId(RdmaDropNth::GetTypeId());
        f.Set("N", UintegerValue(std::stoul(number)));
    }
    else
    {
        throw std::invalid_argument("parameter 'loss': '" + spec +
                                    "' is not none, last, psn:P (P >= 0) or nth:N (N >= 1)");
    }
    m_lossFactory = f;
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
        if (m_fabric)
        {
            UintegerValue mtu;
            stack->GetAttribute("Mtu", mtu);
            const planet::WireFormat wire{static_cast<uint32_t>(mtu.Get()), nic->WireBytes(0)};
            if (!m_set.count("BaseRtt"))
            {
                stack->SetAttribute("BaseRtt", TimeValue(Seconds(m_fabric->shape.BaseRttS(wire))));
            }
            if (!m_set.count("RetransmitTimeout"))
            {
                const double maxRtt = m_fabric->shape.MaxRttS(wire, m_bufferBytes);
                stack->SetAttribute("RetransmitTimeout", TimeValue(Seconds(maxRtt)));
            }
            stack->SetEcmpFabric(m_fabric);
        }
        if (m_lossFactory.IsTypeIdSet())
        {
            stack->SetLossModel(m_lossFactory.Create<RdmaLossModel>());
        }
        node->AggregateObject(stack);
        stack->SetDevice(nic);
        for (const auto& [name, value] : m_recoveryAttributes)
        {
            stack->GetRecovery()->SetAttributeFailSafe(name, *value);
        }
        for (const auto& [name, value] : m_pathAttributes)
        {
            stack->GetPathSelection()->SetAttributeFailSafe(name, *value);
        }
        for (const auto& [name, value] : m_ccAttributes)
        {
            stack->GetCongestionControl()->SetAttributeFailSafe(name, *value);
        }
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
