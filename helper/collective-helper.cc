// SPDX-License-Identifier: GPL-2.0-only

#include "collective-helper.h"

#include "ns3/uinteger.h"

namespace ns3
{

CollectiveHelper::CollectiveHelper(planet::FlowGraph graph,
                                   const std::vector<Ptr<RdmaStack>>& stacks)
    : m_execution(Create<CollectiveExecution>(std::move(graph), stacks))
{
    m_factory.SetTypeId(CollectiveApplication::GetTypeId());
}

void
CollectiveHelper::SetAttribute(const std::string& name, const AttributeValue& value)
{
    m_factory.Set(name, value);
}

ApplicationContainer
CollectiveHelper::Install(NodeContainer hosts) const
{
    ApplicationContainer apps;
    for (uint32_t i = 0; i < hosts.GetN(); ++i)
    {
        Ptr<CollectiveApplication> app = m_factory.Create<CollectiveApplication>();
        app->SetAttribute("HostId", UintegerValue(i));
        app->SetExecution(m_execution);
        hosts.Get(i)->AddApplication(app);
        apps.Add(app);
    }
    return apps;
}

Ptr<CollectiveExecution>
CollectiveHelper::GetExecution() const
{
    return m_execution;
}

} // namespace ns3
