// SPDX-License-Identifier: GPL-2.0-only

#include "collective-transfers.h"

#include <algorithm>
#include <functional>
#include <map>
#include <queue>
#include <stdexcept>

namespace planet
{

namespace
{

/// One activation of a trigger: a flow and the event of it that activates the trigger.
struct Activation
{
    uint32_t flow;   //!< index in the matrix
    FlowEvent event; //!< Acked (send_done_trigger) or Delivered (recv_done_trigger)
};

[[noreturn]] void
Fail(const std::string& what)
{
    throw std::invalid_argument("parameter 'matrix': " + what);
}

/// How many activations of `trigger` the k-th flow waiting on it (from 0) needs.
uint32_t
ActivationsNeeded(const TrafficTrigger& trigger,
                  std::size_t k,
                  const std::vector<Activation>& activators,
                  uint32_t waitingId)
{
    const std::string name = "trigger " + std::to_string(trigger.id);
    const std::string waiting = "flow id " + std::to_string(waitingId) + " waits on it";
    if (activators.empty())
    {
        Fail(name + " is activated by no flow (send_done_trigger or recv_done_trigger) and " +
             waiting + ": it would never start");
    }
    uint32_t needed = 0;
    switch (trigger.kind)
    {
    case TriggerKind::OneShot:
        if (activators.size() > 1)
        {
            Fail(name + " is a oneshot activated " + std::to_string(activators.size()) +
                 " times; htsim fires a oneshot once and aborts on a second activation (use "
                 "'barrier count N' to wait for all, or one trigger per activator)");
        }
        needed = 1;
        break;
    case TriggerKind::MultiShot:
        needed = static_cast<uint32_t>(k + 1);
        break;
    case TriggerKind::Barrier:
        needed = trigger.count;
        break;
    }
    if (needed > activators.size())
    {
        Fail(name + ": " + waiting + " for activation " + std::to_string(needed) + ", but only " +
             std::to_string(activators.size()) + " flows activate it: it would never start");
    }
    return needed;
}

} // namespace

TransferGraph
TransfersToFlowGraph(const TrafficMatrix& matrix, const std::string& name)
{
    const uint32_t n = static_cast<uint32_t>(matrix.flows.size());
    if (n == 0)
    {
        Fail("the workload has no flows");
    }
    std::map<uint32_t, const TrafficTrigger*> declared;
    for (const TrafficTrigger& t : matrix.triggers)
    {
        declared[t.id] = &t;
    }
    std::map<uint32_t, std::vector<Activation>> activators; // trigger -> in file order
    std::map<uint32_t, std::vector<uint32_t>> waiting;      // trigger -> flows, file order
    for (uint32_t i = 0; i < n; ++i)
    {
        const TrafficFlow& f = matrix.flows[i];
        if (f.bytes == 0)
        {
            Fail("flow id " + std::to_string(f.id) + " has size 0");
        }
        for (uint32_t t : {f.trigger, f.sendDoneTrigger, f.recvDoneTrigger})
        {
            if (t != 0 && declared.count(t) == 0)
            {
                Fail("flow id " + std::to_string(f.id) + " names trigger " + std::to_string(t) +
                     ", which is not declared");
            }
        }
        if (f.sendDoneTrigger != 0)
        {
            activators[f.sendDoneTrigger].push_back({i, FlowEvent::Acked});
        }
        if (f.recvDoneTrigger != 0)
        {
            activators[f.recvDoneTrigger].push_back({i, FlowEvent::Delivered});
        }
        if (f.trigger != 0)
        {
            waiting[f.trigger].push_back(i);
        }
    }
    // Dependencies in matrix order.
    std::vector<std::vector<Activation>> deps(n);
    std::vector<uint32_t> needed(n, 0);
    for (const auto& [id, flows] : waiting)
    {
        const std::vector<Activation>& acts = activators[id];
        for (std::size_t k = 0; k < flows.size(); ++k)
        {
            const uint32_t flow = flows[k];
            const uint32_t need =
                ActivationsNeeded(*declared.at(id), k, acts, matrix.flows[flow].id);
            deps[flow] = acts;
            needed[flow] = need == acts.size() ? 0 : need;
        }
    }
    // A topological order that keeps the file's order where it can (Kahn, smallest index first).
    std::vector<std::vector<uint32_t>> dependents(n);
    std::vector<uint32_t> indegree(n, 0);
    for (uint32_t i = 0; i < n; ++i)
    {
        for (const Activation& a : deps[i])
        {
            dependents[a.flow].push_back(i);
            ++indegree[i];
        }
    }
    std::priority_queue<uint32_t, std::vector<uint32_t>, std::greater<>> ready;
    for (uint32_t i = 0; i < n; ++i)
    {
        if (indegree[i] == 0)
        {
            ready.push(i);
        }
    }
    std::vector<uint32_t> order;
    std::vector<uint32_t> position(n, UINT32_MAX);
    order.reserve(n);
    while (!ready.empty())
    {
        const uint32_t i = ready.top();
        ready.pop();
        position[i] = static_cast<uint32_t>(order.size());
        order.push_back(i);
        for (uint32_t g : dependents[i])
        {
            if (--indegree[g] == 0)
            {
                ready.push(g);
            }
        }
    }
    if (order.size() < n)
    {
        const auto stuck = std::find(position.begin(), position.end(), UINT32_MAX);
        const TrafficFlow& f = matrix.flows[stuck - position.begin()];
        Fail("triggers form a cycle: flow id " + std::to_string(f.id) + " (trigger " +
             std::to_string(f.trigger) + ") waits, through a chain of triggers, for itself");
    }

    TransferGraph out;
    FlowGraph& graph = out.graph;
    graph.flows.reserve(n);
    out.flowId.reserve(n);
    CollectiveInstance coll;
    coll.algorithm = name;
    coll.kind = CollectiveKind::Transfers;
    coll.flowCount = n;
    for (uint32_t p = 0; p < n; ++p)
    {
        const uint32_t i = order[p];
        const TrafficFlow& f = matrix.flows[i];
        CollectiveFlow cf;
        cf.id = p;
        cf.srcRank = f.src;
        cf.dstRank = f.dst;
        cf.srcHost = f.src;
        cf.dstHost = f.dst;
        cf.bytes = f.bytes;
        cf.logical = p;
        cf.depsNeeded = needed[i];
        for (const Activation& a : deps[i])
        {
            cf.deps.push_back(position[a.flow]);
            cf.depEvents.push_back(a.event);
            cf.step = std::max(cf.step, graph.flows[position[a.flow]].step + 1);
        }
        cf.startDelayS = deps[i].empty() ? f.startS : 0.0;
        coll.ranks = std::max({coll.ranks, f.src + 1, f.dst + 1});
        coll.bytes += f.bytes;
        coll.steps = std::max(coll.steps, cf.step + 1);
        graph.flows.push_back(std::move(cf));
        out.flowId.push_back(f.id);
    }
    graph.collectives.push_back(coll);
    graph.Validate();
    return out;
}

} // namespace planet
