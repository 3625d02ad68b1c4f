// SPDX-License-Identifier: GPL-2.0-only

#include "collective-application.h"

#include "ns3/boolean.h"
#include "ns3/log.h"
#include "ns3/simulator.h"
#include "ns3/uinteger.h"

#include <algorithm>
#include <stdexcept>
#include <string>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("CollectiveApplication");

NS_OBJECT_ENSURE_REGISTERED(CollectiveApplication);

CollectiveExecution::CollectiveExecution(planet::FlowGraph graph,
                                         std::vector<Ptr<RdmaStack>> stacks)
    : m_graph(std::move(graph)),
      m_stacks(std::move(stacks))
{
    m_graph.Validate();
    const uint32_t flows = static_cast<uint32_t>(m_graph.flows.size());
    for (const planet::CollectiveFlow& f : m_graph.flows)
    {
        if (f.srcHost >= m_stacks.size() || f.dstHost >= m_stacks.size() || !m_stacks[f.srcHost] ||
            !m_stacks[f.dstHost])
        {
            throw std::invalid_argument("parameter 'graph': flow " + std::to_string(f.id) +
                                        " names a host without an RDMA stack (" +
                                        std::to_string(f.srcHost) + "->" +
                                        std::to_string(f.dstHost) + ")");
        }
    }
    m_apps.assign(m_stacks.size(), nullptr);
    m_dependents = m_graph.Dependents();
    m_pending.resize(flows);
    for (uint32_t i = 0; i < flows; ++i)
    {
        m_pending[i] = static_cast<uint32_t>(m_graph.flows[i].deps.size());
    }
    m_collectiveLeft.resize(m_graph.collectives.size());
    for (uint32_t c = 0; c < m_graph.collectives.size(); ++c)
    {
        m_collectiveLeft[c] = m_graph.collectives[c].flowCount;
    }
    m_collectiveStartS.assign(m_graph.collectives.size(), -1.0);
    m_startS.assign(flows, -1.0);
    m_finishS.assign(flows, -1.0);
    m_deliveredBytes.assign(flows, 0);
}

const planet::FlowGraph&
CollectiveExecution::GetGraph() const
{
    return m_graph;
}

const std::vector<double>&
CollectiveExecution::GetStartTimes() const
{
    return m_startS;
}

const std::vector<double>&
CollectiveExecution::GetFinishTimes() const
{
    return m_finishS;
}

uint64_t
CollectiveExecution::GetDeliveredBytes(uint32_t flow) const
{
    return m_deliveredBytes.at(flow);
}

uint32_t
CollectiveExecution::GetDeliveredFlows() const
{
    return m_deliveredFlows;
}

uint32_t
CollectiveExecution::GetCompletedCollectives() const
{
    return m_completedCollectives;
}

bool
CollectiveExecution::IsComplete() const
{
    return m_deliveredFlows == m_graph.flows.size();
}

double
CollectiveExecution::GetCollectiveTime(uint32_t collective) const
{
    const planet::CollectiveInstance& c = m_graph.collectives.at(collective);
    double end = 0;
    for (uint32_t i = c.firstFlow; i < c.firstFlow + c.flowCount; ++i)
    {
        end = std::max(end, m_finishS[i]);
    }
    return end - m_collectiveStartS[collective];
}

void
CollectiveExecution::Started(uint32_t flow)
{
    const double now = Simulator::Now().GetSeconds();
    m_startS[flow] = now;
    double& first = m_collectiveStartS[m_graph.flows[flow].collective];
    if (first < 0)
    {
        first = now;
    }
}

uint32_t
CollectiveExecution::Delivered(uint32_t flow, uint64_t bytes)
{
    m_finishS[flow] = Simulator::Now().GetSeconds();
    m_deliveredBytes[flow] += bytes;
    ++m_deliveredFlows;
    for (uint32_t next : m_dependents[flow])
    {
        if (--m_pending[next] == 0)
        {
            const planet::CollectiveFlow& g = m_graph.flows[next];
            NS_ASSERT_MSG(m_apps[g.srcHost], "no collective application on host " << g.srcHost);
            m_apps[g.srcHost]->Release(next, Seconds(g.startDelayS));
        }
    }
    const uint32_t collective = m_graph.flows[flow].collective;
    if (--m_collectiveLeft[collective] == 0)
    {
        ++m_completedCollectives;
        return collective;
    }
    return UINT32_MAX;
}

TypeId
CollectiveApplication::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::CollectiveApplication")
            .SetParent<Application>()
            .SetGroupName("Planet")
            .AddConstructor<CollectiveApplication>()
            .AddAttribute("HostId",
                          "Fabric host id of the node (index of its stack in the run)",
                          UintegerValue(0),
                          MakeUintegerAccessor(&CollectiveApplication::m_hostId),
                          MakeUintegerChecker<uint32_t>())
            .AddAttribute("PinPaths",
                          "Give every (sub)flow with a planned spine that uplink as path id "
                          "(takes effect under pinned path selection)",
                          BooleanValue(false),
                          MakeBooleanAccessor(&CollectiveApplication::m_pinPaths),
                          MakeBooleanChecker())
            .AddAttribute("ShareWindow",
                          "Subflows of one logical flow share their stack's window: its packets "
                          "are dealt out among them (at least one each), so that splitting a "
                          "flow does not multiply what it has in flight (unless it has more "
                          "subflows than window packets); false: every subflow has a whole "
                          "window, as independent queue pairs would",
                          BooleanValue(true),
                          MakeBooleanAccessor(&CollectiveApplication::m_shareWindow),
                          MakeBooleanChecker())
            .AddAttribute("ParallelLinks",
                          "Parallel links per leaf-spine pair (path id = spine x ParallelLinks + "
                          "link)",
                          UintegerValue(1),
                          MakeUintegerAccessor(&CollectiveApplication::m_parallelLinks),
                          MakeUintegerChecker<uint32_t>(1))
            .AddTraceSource("FlowStart",
                            "A (sub)flow sent by this host started",
                            MakeTraceSourceAccessor(&CollectiveApplication::m_flowStart),
                            "ns3::CollectiveApplication::FlowCallback")
            .AddTraceSource("FlowComplete",
                            "A (sub)flow received by this host was delivered completely",
                            MakeTraceSourceAccessor(&CollectiveApplication::m_flowComplete),
                            "ns3::CollectiveApplication::FlowCallback")
            .AddTraceSource("CollectiveComplete",
                            "A collective finished with a flow received by this host",
                            MakeTraceSourceAccessor(&CollectiveApplication::m_collectiveComplete),
                            "ns3::CollectiveApplication::CollectiveCallback");
    return tid;
}

CollectiveApplication::CollectiveApplication()
    : m_hostId(0),
      m_pinPaths(false),
      m_shareWindow(true),
      m_parallelLinks(1)
{
    NS_LOG_FUNCTION(this);
}

CollectiveApplication::~CollectiveApplication() = default;

void
CollectiveApplication::SetExecution(Ptr<CollectiveExecution> execution)
{
    if (m_hostId >= execution->m_apps.size())
    {
        throw std::invalid_argument("parameter 'HostId': host " + std::to_string(m_hostId) +
                                    " has no RDMA stack in the run");
    }
    m_execution = execution;
    m_execution->m_apps[m_hostId] = this;
}

void
CollectiveApplication::DoDispose()
{
    if (m_execution)
    {
        m_execution->m_apps[m_hostId] = nullptr;
        m_execution = nullptr;
    }
    Application::DoDispose();
}

void
CollectiveApplication::StartApplication()
{
    NS_LOG_FUNCTION(this);
    NS_ABORT_MSG_UNLESS(m_execution, "CollectiveApplication: no execution (use CollectiveHelper)");
    for (const planet::CollectiveFlow& f : m_execution->m_graph.flows)
    {
        if (f.deps.empty() && f.srcHost == m_hostId)
        {
            Release(f.id, Seconds(f.startDelayS));
        }
    }
}

void
CollectiveApplication::StopApplication()
{
    NS_LOG_FUNCTION(this);
}

void
CollectiveApplication::Release(uint32_t flow, Time delay)
{
    Simulator::Schedule(delay, &CollectiveApplication::StartFlow, this, flow);
}

void
CollectiveApplication::StartFlow(uint32_t flow)
{
    const planet::CollectiveFlow& f = m_execution->m_graph.flows[flow];
    NS_LOG_FUNCTION(this << flow << f.srcHost << f.dstHost << f.bytes);
    Ptr<RdmaStack> local = m_execution->m_stacks[f.srcHost];
    Ptr<RdmaStack> remote = m_execution->m_stacks[f.dstHost];
    Ptr<RdmaQueuePair> qp = local->Connect(remote);
    if (m_pinPaths && f.path.spine != planet::kNoSpine)
    {
        qp->SetPathId(f.path.spine * m_parallelLinks + f.path.upLink);
    }
    if (m_shareWindow && f.subflows > 1 && local->GetWindowPackets() > 0)
    {
        // The window's packets dealt out among the subflows, at least one each.
        qp->SetWindowPackets(local->GetWindowShare(f.subflows, f.subflow));
    }
    CollectiveApplication* receiver = m_execution->m_apps[f.dstHost];
    NS_ABORT_MSG_UNLESS(receiver, "no collective application on host " << f.dstHost);
    remote->GetQueuePair(qp->GetRemoteQpn())
        ->SetReceiveCallback(RdmaQueuePair::ReceiveCallback(
            [receiver, flow](uint64_t, uint64_t bytes) { receiver->OnDelivered(flow, bytes); }));
    m_execution->Started(flow);
    m_flowStart(flow, f.srcHost, f.dstHost, f.bytes);
    qp->PostMessage(f.bytes);
}

void
CollectiveApplication::OnDelivered(uint32_t flow, uint64_t bytes)
{
    const planet::CollectiveFlow& f = m_execution->m_graph.flows[flow];
    NS_LOG_FUNCTION(this << flow << bytes);
    const uint32_t completed = m_execution->Delivered(flow, bytes);
    m_flowComplete(flow, f.srcHost, f.dstHost, bytes);
    if (completed != UINT32_MAX)
    {
        m_collectiveComplete(completed, m_execution->GetCollectiveTime(completed));
    }
}

} // namespace ns3
