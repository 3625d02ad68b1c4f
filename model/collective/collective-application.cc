// SPDX-License-Identifier: GPL-2.0-only

#include "collective-application.h"

#include "ns3/boolean.h"
#include "ns3/enum.h"
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
    m_flowsOf.resize(m_stacks.size());
    m_dependants.resize(flows);
    m_pending.resize(flows);
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
        m_flowsOf[f.srcHost].push_back(f.id);
        for (std::size_t k = 0; k < f.deps.size(); ++k)
        {
            const planet::FlowEvent event =
                f.depEvents.empty() ? planet::FlowEvent::Default : f.depEvents[k];
            m_dependants[f.deps[k]].push_back({f.id, event});
        }
        m_pending[f.id] = f.depsNeeded != 0 ? f.depsNeeded : static_cast<uint32_t>(f.deps.size());
    }
    m_apps.assign(m_stacks.size(), nullptr);
    m_collectiveLeft.resize(m_graph.collectives.size());
    for (uint32_t c = 0; c < m_graph.collectives.size(); ++c)
    {
        m_collectiveLeft[c] = m_graph.collectives[c].flowCount;
    }
    m_collectiveStartS.assign(m_graph.collectives.size(), -1.0);
    m_startS.assign(flows, -1.0);
    m_finishS.assign(flows, -1.0);
    m_deliveredS.assign(flows, -1.0);
    m_ackedS.assign(flows, -1.0);
    m_deliveredBytes.assign(flows, 0);
    m_connectionOf.assign(flows, UINT32_MAX);
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

const std::vector<double>&
CollectiveExecution::GetDeliveryTimes() const
{
    return m_deliveredS;
}

const std::vector<double>&
CollectiveExecution::GetAckTimes() const
{
    return m_ackedS;
}

uint64_t
CollectiveExecution::GetDeliveredBytes(uint32_t flow) const
{
    return m_deliveredBytes.at(flow);
}

uint32_t
CollectiveExecution::GetDoneFlows() const
{
    return m_doneFlows;
}

uint32_t
CollectiveExecution::GetCompletedCollectives() const
{
    return m_completedCollectives;
}

bool
CollectiveExecution::IsComplete() const
{
    return m_doneFlows == m_graph.flows.size();
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

uint32_t
CollectiveExecution::GetConnections() const
{
    return m_connections;
}

uint32_t
CollectiveExecution::GetReleasedConnections() const
{
    return m_released;
}

uint32_t
CollectiveExecution::FlowOfPacket(uint32_t srcHost, uint32_t qpn, uint32_t psn) const
{
    const CollectiveApplication* app = srcHost < m_apps.size() ? m_apps[srcHost] : nullptr;
    if (!app || qpn >= app->m_connectionOfQpn.size() || app->m_connectionOfQpn[qpn] == UINT32_MAX)
    {
        return UINT32_MAX;
    }
    const CollectiveApplication::Connection& c = app->m_connections[app->m_connectionOfQpn[qpn]];
    const auto after = std::upper_bound(c.firstPsn.begin(), c.firstPsn.end(), psn);
    return after == c.firstPsn.begin() ? UINT32_MAX : c.flows[after - c.firstPsn.begin() - 1];
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
CollectiveExecution::Happened(uint32_t flow, planet::FlowEvent event)
{
    const double now = Simulator::Now().GetSeconds();
    (event == planet::FlowEvent::Acked ? m_ackedS : m_deliveredS)[flow] = now;
    const planet::FlowEvent done = m_apps[m_graph.flows[flow].srcHost]->GetFlowDoneEvent();
    for (const Dependant& d : m_dependants[flow])
    {
        const planet::FlowEvent wanted = d.event == planet::FlowEvent::Default ? done : d.event;
        if (wanted == event && m_pending[d.flow] > 0 && --m_pending[d.flow] == 0)
        {
            const planet::CollectiveFlow& g = m_graph.flows[d.flow];
            NS_ASSERT_MSG(m_apps[g.srcHost], "no collective application on host " << g.srcHost);
            m_apps[g.srcHost]->Release(d.flow, Seconds(g.startDelayS));
        }
    }
    if (event != done)
    {
        return UINT32_MAX;
    }
    m_finishS[flow] = now;
    ++m_doneFlows;
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
            .AddAttribute("ReuseConnections",
                          "Flows of a job to the same peer with the same subflow index (and "
                          "planned path) share one queue pair across steps and iterations, as "
                          "NCCL keeps its connections (ECMP collisions then persist); false: a "
                          "queue pair per (sub)flow",
                          BooleanValue(true),
                          MakeBooleanAccessor(&CollectiveApplication::m_reuseConnections),
                          MakeBooleanChecker())
            .AddAttribute("FlowDone",
                          "When a flow of this host is done and its dependants may start: "
                          "Delivered (the receiver has the last byte) or Acked (the sender has "
                          "the last acknowledgement, as in htsim)",
                          EnumValue(ACKED),
                          MakeEnumAccessor(&CollectiveApplication::m_flowDone),
                          MakeEnumChecker(DELIVERED, "Delivered", ACKED, "Acked"))
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
            .AddTraceSource("FlowDelivered",
                            "A (sub)flow received by this host has been delivered completely",
                            MakeTraceSourceAccessor(&CollectiveApplication::m_flowDelivered),
                            "ns3::CollectiveApplication::FlowCallback")
            .AddTraceSource("FlowAcked",
                            "A (sub)flow sent by this host has been acknowledged completely",
                            MakeTraceSourceAccessor(&CollectiveApplication::m_flowAcked),
                            "ns3::CollectiveApplication::FlowCallback")
            .AddTraceSource("FlowComplete",
                            "A (sub)flow sent by this host is done (as FlowDone says)",
                            MakeTraceSourceAccessor(&CollectiveApplication::m_flowComplete),
                            "ns3::CollectiveApplication::FlowCallback")
            .AddTraceSource("CollectiveComplete",
                            "A collective finished with a flow sent by this host",
                            MakeTraceSourceAccessor(&CollectiveApplication::m_collectiveComplete),
                            "ns3::CollectiveApplication::CollectiveCallback");
    return tid;
}

CollectiveApplication::CollectiveApplication()
    : m_hostId(0),
      m_pinPaths(false),
      m_shareWindow(true),
      m_reuseConnections(true),
      m_flowDone(ACKED),
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

planet::FlowEvent
CollectiveApplication::GetFlowDoneEvent() const
{
    return m_flowDone == ACKED ? planet::FlowEvent::Acked : planet::FlowEvent::Delivered;
}

void
CollectiveApplication::DoDispose()
{
    if (m_execution)
    {
        m_execution->m_apps[m_hostId] = nullptr;
        m_execution = nullptr;
    }
    m_connections.clear();
    Application::DoDispose();
}

void
CollectiveApplication::AssignConnections()
{
    const std::vector<uint32_t>& flows = m_execution->m_flowsOf[m_hostId];
    // (destination, job, subflow, path id) -> connection
    std::map<std::tuple<uint32_t, uint32_t, uint32_t, uint32_t>, uint32_t> shared;
    for (uint32_t id : flows)
    {
        const planet::CollectiveFlow& f = m_execution->m_graph.flows[id];
        uint32_t index = static_cast<uint32_t>(m_connections.size());
        if (m_reuseConnections)
        {
            const uint32_t path = m_pinPaths && f.path.spine != planet::kNoSpine
                                      ? f.path.spine * m_parallelLinks + f.path.upLink
                                      : FabricHeader::NO_PATH;
            index = shared.emplace(std::make_tuple(f.dstHost, f.job, f.subflow, path), index)
                        .first->second;
        }
        if (index == m_connections.size())
        {
            m_connections.emplace_back();
        }
        ++m_connections[index].left;
        m_execution->m_connectionOf[id] = index;
    }
}

void
CollectiveApplication::StartApplication()
{
    NS_LOG_FUNCTION(this);
    NS_ABORT_MSG_UNLESS(m_execution, "CollectiveApplication: no execution (use CollectiveHelper)");
    UintegerValue mtu;
    m_execution->m_stacks[m_hostId]->GetAttribute("Mtu", mtu);
    m_mtu = static_cast<uint32_t>(mtu.Get());
    AssignConnections();
    for (uint32_t id : m_execution->m_flowsOf[m_hostId])
    {
        const planet::CollectiveFlow& f = m_execution->m_graph.flows[id];
        if (f.deps.empty())
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
    const uint32_t index = m_execution->m_connectionOf[flow];
    Connection& c = m_connections[index];
    Ptr<RdmaStack> local = m_execution->m_stacks[f.srcHost];
    if (!c.qp)
    {
        Ptr<RdmaStack> remote = m_execution->m_stacks[f.dstHost];
        c.qp = local->Connect(remote);
        ++m_execution->m_connections;
        m_connectionOfQpn.resize(
            std::max<std::size_t>(m_connectionOfQpn.size(), c.qp->GetQpn() + 1),
            UINT32_MAX);
        m_connectionOfQpn[c.qp->GetQpn()] = index;
        CollectiveApplication* receiver = m_execution->m_apps[f.dstHost];
        NS_ABORT_MSG_UNLESS(receiver, "no collective application on host " << f.dstHost);
        remote->GetQueuePair(c.qp->GetRemoteQpn())
            ->SetReceiveCallback(RdmaQueuePair::ReceiveCallback(
                [this, receiver, index](uint64_t message, uint64_t bytes) {
                    receiver->OnDelivered(m_connections[index].flows.at(message), bytes);
                }));
    }
    if (m_pinPaths && f.path.spine != planet::kNoSpine)
    {
        c.qp->SetPathId(f.path.spine * m_parallelLinks + f.path.upLink);
    }
    if (m_shareWindow && f.subflows > 1 && local->GetWindowPackets() > 0)
    {
        // The window's packets dealt out among the subflows, at least one each.
        c.qp->SetWindowPackets(local->GetWindowShare(f.subflows, f.subflow));
    }
    c.flows.push_back(flow);
    c.firstPsn.push_back(c.nextPsn);
    c.nextPsn += static_cast<uint32_t>(std::max<uint64_t>(1, (f.bytes + m_mtu - 1) / m_mtu));
    m_execution->Started(flow);
    m_flowStart(flow, f.srcHost, f.dstHost, f.bytes);
    c.qp->PostMessage(f.bytes,
                      RdmaQueuePair::CompletionCallback([this, flow](uint64_t) { OnAcked(flow); }));
}

void
CollectiveApplication::OnAcked(uint32_t flow)
{
    const planet::CollectiveFlow& f = m_execution->m_graph.flows[flow];
    NS_LOG_FUNCTION(this << flow);
    m_flowAcked(flow, f.srcHost, f.dstHost, f.bytes);
    Connection& c = m_connections[m_execution->m_connectionOf[flow]];
    if (--c.left == 0)
    {
        // Nothing more will use this queue pair: release its state at both ends, once the
        // queue pair has returned from the acknowledgement that called us.
        Simulator::ScheduleNow(&RdmaQueuePair::Close, c.qp);
        c.qp = nullptr;
        ++m_execution->m_released;
    }
    Report(flow, planet::FlowEvent::Acked);
}

void
CollectiveApplication::OnDelivered(uint32_t flow, uint64_t bytes)
{
    const planet::CollectiveFlow& f = m_execution->m_graph.flows[flow];
    NS_LOG_FUNCTION(this << flow << bytes);
    m_execution->m_deliveredBytes[flow] += bytes;
    m_flowDelivered(flow, f.srcHost, f.dstHost, bytes);
    m_execution->m_apps[f.srcHost]->Report(flow, planet::FlowEvent::Delivered);
}

void
CollectiveApplication::Report(uint32_t flow, planet::FlowEvent event)
{
    const planet::CollectiveFlow& f = m_execution->m_graph.flows[flow];
    const uint32_t completed = m_execution->Happened(flow, event);
    if (event == GetFlowDoneEvent())
    {
        m_flowComplete(flow, f.srcHost, f.dstHost, f.bytes);
    }
    if (completed != UINT32_MAX)
    {
        m_collectiveComplete(completed, m_execution->GetCollectiveTime(completed));
    }
}

} // namespace ns3
