/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "quantum-task-graph.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <stdexcept>

namespace planet
{

std::string
ToString(TaskKind kind)
{
    switch (kind)
    {
    case TaskKind::LinkGeneration:
        return "link";
    case TaskKind::Swap:
        return "swap";
    case TaskKind::Distill:
        return "distill";
    }
    return "unknown";
}

double
TaskGraph::Rate() const
{
    return makespan_s > 0 ? successProbability / makespan_s : 0.0;
}

std::vector<uint32_t>
TaskGraph::QubitsUsed() const
{
    std::vector<uint32_t> out;
    for (const auto& iv : occupancy)
    {
        if (out.empty() || out.back() != iv.qubit.global)
        {
            out.push_back(iv.qubit.global);
        }
    }
    return out;
}

namespace
{

constexpr double kInf = std::numeric_limits<double>::infinity();

/// One occupation of a qubit: taken by task `first`, freed by task `last` (-1 while open).
struct Segment
{
    uint32_t first;
    int64_t last;
};

class Planner
{
  public:
    Planner(const Protocol& protocol,
            const QuantumTopology& topology,
            const OperationModel& ops,
            const DecoherenceModel& decoherence,
            double windowQuantile)
        : m_protocol(protocol),
          m_topology(topology),
          m_ops(ops),
          m_decoherence(decoherence),
          m_windowQuantile(windowQuantile)
    {
    }

    TaskGraph Build()
    {
        CheckProtocol();
        const std::size_t nq = m_topology.QubitCount();
        m_freeAt.assign(nq, 0.0);
        m_segments.assign(nq, {});
        m_work.assign(m_protocol.nodes.size(), -1.0);
        Place(m_protocol.root);
        auto& root = m_graph.tasks.back();
        for (const auto& q : root.outputQubits)
        {
            Release(q, root.id);
        }
        m_graph.makespan_s = root.end_s;
        for (auto& t : m_graph.tasks)
        {
            t.asapStart_s = t.start_s;
        }
        IndexGenerations();
        Evaluate();
        m_graph.asapFidelity = m_graph.fidelity;
        m_graph.asapStorage_s = m_graph.storage_s;
        const auto asap = Times();
        // Two ways to shift late; keep the best of them and ASAP. Moving only link generations
        // shortens every wait, but a generation moved late may now overlap another pair's
        // storage at its node, whose carbon its attempts dephase; moving whole subtrees late
        // and then pulling swaps and distillations back usually gains more, but may not.
        ShiftLate(true);
        Evaluate();
        const auto generationsOnly = Times();
        const double generationsOnlyFidelity = m_graph.fidelity;
        SetTimes(asap);
        ShiftLate(false);
        PullOperationsEarly();
        Evaluate();
        if (m_graph.fidelity < std::max(generationsOnlyFidelity, m_graph.asapFidelity))
        {
            SetTimes(generationsOnlyFidelity >= m_graph.asapFidelity ? generationsOnly : asap);
            Evaluate();
        }
        BuildOccupancy();
        return std::move(m_graph);
    }

  private:
    void CheckProtocol() const
    {
        const auto& p = m_protocol;
        if (p.path.size() < 2 || p.linkLengths_km.size() + 1 != p.path.size() ||
            p.root >= p.nodes.size())
        {
            throw std::invalid_argument("protocol does not match its path (" +
                                        std::to_string(p.path.size()) + " nodes, " +
                                        std::to_string(p.linkLengths_km.size()) + " hops)");
        }
        for (uint32_t i = 0; i < p.nodes.size(); ++i)
        {
            const auto& n = p.nodes[i];
            const bool leaf = n.op == ProtocolOp::LinkGeneration;
            const bool ok = n.last < p.path.size() && n.first < n.last &&
                            (leaf ? n.last == n.first + 1
                                  : (n.left >= 0 && n.right >= 0 && uint32_t(n.left) < i &&
                                     uint32_t(n.right) < i));
            if (!ok)
            {
                throw std::invalid_argument("protocol node " + std::to_string(i) +
                                            " is malformed (children must precede parents)");
            }
            if (!leaf)
            {
                const auto& l = p.nodes[n.left];
                const auto& r = p.nodes[n.right];
                const bool spans =
                    n.op == ProtocolOp::Swap
                        ? (l.first == n.first && l.last == r.first && r.last == n.last)
                        : (l.first == n.first && r.first == n.first && l.last == n.last &&
                           r.last == n.last);
                if (!spans)
                {
                    throw std::invalid_argument("protocol node " + std::to_string(i) +
                                                ": children do not span its path segment");
                }
            }
        }
        for (std::size_t h = 0; h + 1 < p.path.size(); ++h)
        {
            if (m_topology.FindLink(p.path[h], p.path[h + 1]) < 0)
            {
                throw std::invalid_argument("protocol path has no link between nodes " +
                                            std::to_string(p.path[h]) + " and " +
                                            std::to_string(p.path[h + 1]));
            }
        }
    }

    /// Sum of the durations of the subtree's tasks (memoised).
    double Work(uint32_t index)
    {
        if (m_work[index] >= 0)
        {
            return m_work[index];
        }
        const auto& n = m_protocol.nodes[index];
        double w = 0;
        if (n.op == ProtocolOp::LinkGeneration)
        {
            w = LinkTime(n);
        }
        else
        {
            w = Work(n.left) + Work(n.right) +
                (n.op == ProtocolOp::Swap ? m_ops.SwapTime() : DistillTime(n));
        }
        return m_work[index] = w;
    }

    bool Moves(uint32_t position) const
    {
        return m_topology.Node(m_protocol.path[position]).storageQubits > 0;
    }

    double LinkTime(const ProtocolNode& n) const
    {
        const bool moved = Moves(n.first) || Moves(n.last);
        return LinkGenerationWindow(n.link, m_windowQuantile) + (moved ? m_ops.MoveTime() : 0.0);
    }

    double DistillTime(const ProtocolNode& n) const
    {
        double km = 0;
        for (uint32_t h = n.first; h < n.last; ++h)
        {
            km += m_protocol.linkLengths_km[h];
        }
        return m_ops.DistillLocalTime() + km * 1e3 / kFiberLightSpeed_m_s;
    }

    QubitRef Ref(uint32_t node, unsigned local) const
    {
        return {node, local, m_topology.QubitIndex(node, local)};
    }

    /// Earliest-free qubit among local indices [from, to) of \p node (ties: lowest index).
    QubitRef Pick(uint32_t node, unsigned from, unsigned to, const char* what) const
    {
        QubitRef best{};
        double bestFree = kInf;
        for (unsigned l = from; l < to; ++l)
        {
            const auto q = Ref(node, l);
            if (m_freeAt[q.global] < bestFree)
            {
                bestFree = m_freeAt[q.global];
                best = q;
            }
        }
        if (bestFree == kInf)
        {
            throw std::invalid_argument("protocol needs more " + std::string(what) +
                                        " qubits at node " + std::to_string(node) + " (" +
                                        m_topology.Node(node).name + ") than it has (" +
                                        std::to_string(to - from) + ")");
        }
        return best;
    }

    void Take(const QubitRef& q, uint32_t task)
    {
        m_segments[q.global].push_back({task, -1});
        m_freeAt[q.global] = kInf;
    }

    void Release(const QubitRef& q, uint32_t task)
    {
        m_segments[q.global].back().last = task;
        m_freeAt[q.global] = m_graph.tasks[task].end_s;
    }

    /// Places node \p index and its subtree (post-order); returns the task id.
    uint32_t Place(uint32_t index)
    {
        const auto& n = m_protocol.nodes[index];
        std::vector<uint32_t> preds;
        if (n.op != ProtocolOp::LinkGeneration)
        {
            // The heavier side of a swap goes first: the lighter one then runs beside it.
            const bool rightFirst = n.op == ProtocolOp::Swap && Work(n.right) > Work(n.left);
            if (rightFirst)
            {
                const uint32_t r = Place(n.right);
                preds = {Place(n.left), r};
            }
            else
            {
                const uint32_t l = Place(n.left);
                preds = {l, Place(n.right)};
            }
        }
        PlannedTask t;
        t.id = static_cast<uint32_t>(m_graph.tasks.size());
        t.protocolNode = index;
        t.predecessors = preds;
        double start = 0;
        for (auto p : preds)
        {
            start = std::max(start, m_graph.tasks[p].end_s);
            m_graph.tasks[p].successor = t.id;
        }
        std::vector<QubitRef> released;
        const uint32_t a = m_protocol.path[n.first];
        const uint32_t b = m_protocol.path[n.last];
        if (n.op == ProtocolOp::LinkGeneration)
        {
            t.kind = TaskKind::LinkGeneration;
            t.nodes = {a, b};
            for (uint32_t node : {a, b})
            {
                const auto& info = m_topology.Node(node);
                const auto comm = Pick(node, 0, info.communicationQubits, "communication");
                t.qubits.push_back(comm);
                if (info.storageQubits > 0)
                {
                    const auto store = Pick(node,
                                            info.communicationQubits,
                                            info.communicationQubits + info.storageQubits,
                                            "storage");
                    t.qubits.push_back(store);
                    t.outputQubits.push_back(store);
                    released.push_back(comm);
                }
                else
                {
                    t.outputQubits.push_back(comm);
                }
            }
            t.duration_s = LinkTime(n);
        }
        else
        {
            const auto& l = m_graph.tasks[preds[0]];
            const auto& r = m_graph.tasks[preds[1]];
            if (n.op == ProtocolOp::Swap)
            {
                t.kind = TaskKind::Swap;
                const uint32_t mid = m_protocol.path[m_protocol.nodes[n.left].last];
                t.nodes = {mid};
                t.qubits = {l.outputQubits[1], r.outputQubits[0]};
                t.outputQubits = {l.outputQubits[0], r.outputQubits[1]};
                released = t.qubits;
                t.duration_s = m_ops.SwapTime();
            }
            else
            {
                t.kind = TaskKind::Distill;
                t.nodes = {a, b};
                t.qubits = {l.outputQubits[0],
                            l.outputQubits[1],
                            r.outputQubits[0],
                            r.outputQubits[1]};
                t.outputQubits = l.outputQubits;
                released = r.outputQubits;
                t.duration_s = DistillTime(n);
            }
        }
        if (n.op == ProtocolOp::LinkGeneration)
        {
            for (const auto& q : t.qubits)
            {
                start = std::max(start, m_freeAt[q.global]);
            }
        }
        t.start_s = start;
        t.end_s = start + t.duration_s;
        m_graph.tasks.push_back(t);
        const uint32_t id = t.id;
        if (n.op == ProtocolOp::LinkGeneration)
        {
            for (const auto& q : m_graph.tasks[id].qubits)
            {
                Take(q, id);
            }
        }
        for (const auto& q : released)
        {
            Release(q, id);
        }
        return id;
    }

    std::vector<double> Times() const
    {
        std::vector<double> starts;
        for (const auto& t : m_graph.tasks)
        {
            starts.push_back(t.start_s);
        }
        return starts;
    }

    void SetTimes(const std::vector<double>& starts)
    {
        for (auto& t : m_graph.tasks)
        {
            t.start_s = starts[t.id];
            t.end_s = t.start_s + t.duration_s;
        }
    }

    /// Backward pass: each task (or each link generation only) as late as its successor, the
    /// next user of the qubits it frees and the makespan allow; decreasing ASAP start order
    /// keeps every constraint it depends on already final.
    void ShiftLate(bool generationsOnly)
    {
        auto& tasks = m_graph.tasks;
        std::vector<uint32_t> order(tasks.size());
        std::iota(order.begin(), order.end(), 0);
        std::sort(order.begin(), order.end(), [&](uint32_t x, uint32_t y) {
            return tasks[x].start_s != tasks[y].start_s ? tasks[x].start_s > tasks[y].start_s
                                                        : x > y;
        });
        // For each task, the tasks that take a qubit right after this task frees it.
        std::vector<std::vector<uint32_t>> nextUsers(tasks.size());
        for (const auto& segs : m_segments)
        {
            for (std::size_t s = 0; s + 1 < segs.size(); ++s)
            {
                nextUsers[segs[s].last].push_back(segs[s + 1].first);
            }
        }
        for (uint32_t id : order)
        {
            auto& t = tasks[id];
            if (generationsOnly && t.kind != TaskKind::LinkGeneration)
            {
                continue;
            }
            double latest = m_graph.makespan_s;
            if (t.successor >= 0)
            {
                latest = std::min(latest, tasks[t.successor].start_s);
            }
            for (uint32_t u : nextUsers[id])
            {
                latest = std::min(latest, tasks[u].start_s);
            }
            t.end_s = std::max(latest, t.end_s);
            t.start_s = t.end_s - t.duration_s;
        }
    }

    /// Forward pass over swaps and distillations: each starts as soon as its inputs are ready.
    void PullOperationsEarly()
    {
        for (auto& t : m_graph.tasks)
        {
            if (t.kind == TaskKind::LinkGeneration)
            {
                continue;
            }
            double start = 0;
            for (auto p : t.predecessors)
            {
                start = std::max(start, m_graph.tasks[p].end_s);
            }
            t.start_s = start;
            t.end_s = start + t.duration_s;
        }
    }

    /// Link generations at each topology node (with attempts to count), for AttemptCoherence.
    void IndexGenerations()
    {
        m_generationsAt.assign(m_topology.Nodes().size(), {});
        m_attemptWindow.assign(m_graph.tasks.size(), 0);
        m_firstAttempt.assign(m_graph.tasks.size(), 0.0);
        if (m_ops.Device().carbonDephasingPerAttempt <= 0)
        {
            return;
        }
        for (const auto& l : m_graph.tasks)
        {
            const auto& n = m_protocol.nodes[l.protocolNode];
            if (l.kind != TaskKind::LinkGeneration || !(n.link.attempt_s > 0))
            {
                continue; // (a capability given by its rate alone has no attempts to count)
            }
            const bool moved = Moves(n.first) || Moves(n.last);
            const uint64_t window =
                WindowAttempts(n.link, LinkGenerationWindow(n.link, m_windowQuantile));
            for (uint32_t node : l.nodes)
            {
                m_generationsAt[node].push_back(l.id);
            }
            m_attemptWindow[l.id] = window;
            m_firstAttempt[l.id] = moved ? m_ops.StoragePreparationTime() : 0.0;
        }
    }

    /// Expected coherence factor of the carbon \p half of \p producer's output while it waits
    /// until \p until: the attempts of every other link generation at its node then (see
    /// OperationModel::ExpectedAttemptCoherence). Needs IndexGenerations() (which no shift
    /// changes).
    double AttemptCoherence(const PlannedTask& producer, const QubitRef& half, double until) const
    {
        if (half.local < m_topology.Node(half.node).communicationQubits)
        {
            return 1.0; // an electron: it cannot attempt while it holds a half
        }
        double coherence = 1.0;
        for (uint32_t id : m_generationsAt[half.node])
        {
            const auto& l = m_graph.tasks[id];
            const double first = l.start_s + m_firstAttempt[id];
            if (id == producer.id || until <= first || producer.end_s >= l.end_s)
            {
                continue; // its attempts, all within [first, end), end outside the wait
            }
            const auto& link = m_protocol.nodes[l.protocolNode].link;
            const uint64_t window = m_attemptWindow[id];
            // Attempts ending in (producer end, until].
            const auto done = [&](double at) {
                const double k = std::floor((at - first) / link.attempt_s + 1e-9);
                return k <= 0 ? uint64_t{0} : std::min(window, static_cast<uint64_t>(k));
            };
            coherence *=
                m_ops.ExpectedAttemptCoherence(link, window, done(producer.end_s), done(until));
        }
        return coherence;
    }

    /// Fidelity of every task's output at the current times.
    void Evaluate()
    {
        const auto& dev = m_ops.Device();
        for (auto& t : m_graph.tasks)
        {
            const double until = t.successor >= 0 ? m_graph.tasks[t.successor].start_s : t.end_s;
            for (std::size_t h = 0; h < 2; ++h)
            {
                t.attemptCoherence[h] = AttemptCoherence(t, t.outputQubits[h], until);
            }
        }
        auto waited = [&](const PlannedTask& producer, double until) {
            const auto& q = producer.outputQubits;
            const double f = m_decoherence.Decohere(producer.fidelity,
                                                    until - producer.end_s,
                                                    dev.Memory(q[0].local),
                                                    dev.Memory(q[1].local));
            return OperationModel::AfterDephasing(
                OperationModel::AfterDephasing(f, producer.attemptCoherence[0]),
                producer.attemptCoherence[1]);
        };
        m_graph.successProbability = 1;
        m_graph.storage_s = 0;
        for (auto& t : m_graph.tasks)
        {
            const auto& n = m_protocol.nodes[t.protocolNode];
            t.successProbability = 1;
            if (t.kind == TaskKind::LinkGeneration)
            {
                const unsigned moves = t.qubits.size() - 2;
                t.fidelity = m_ops.AfterMoves(n.link.fidelity, moves);
                continue;
            }
            const auto& l = m_graph.tasks[t.predecessors[0]];
            const auto& r = m_graph.tasks[t.predecessors[1]];
            const double fl = waited(l, t.start_s);
            const double fr = waited(r, t.start_s);
            if (t.kind == TaskKind::Swap)
            {
                t.fidelity = m_ops.NoisySwap(fl, fr);
            }
            else
            {
                const auto out = m_ops.NoisyDistill(fl, fr);
                t.fidelity = out.fidelity;
                t.successProbability = out.successProbability;
                m_graph.successProbability *= out.successProbability;
            }
        }
        for (auto& t : m_graph.tasks)
        {
            t.wait_s = t.successor >= 0 ? m_graph.tasks[t.successor].start_s - t.end_s : 0.0;
            m_graph.storage_s += t.wait_s;
        }
        m_graph.fidelity = m_graph.tasks.back().fidelity;
    }

    void BuildOccupancy()
    {
        const auto& tasks = m_graph.tasks;
        for (uint32_t q = 0; q < m_segments.size(); ++q)
        {
            for (const auto& s : m_segments[q])
            {
                const auto& first = tasks[s.first];
                QubitRef ref{};
                for (const auto& r : first.qubits)
                {
                    if (r.global == q)
                    {
                        ref = r;
                    }
                }
                const auto last = static_cast<uint32_t>(s.last);
                m_graph.occupancy.push_back({ref, first.start_s, tasks[last].end_s, s.first, last});
            }
        }
    }

    const Protocol& m_protocol;
    const QuantumTopology& m_topology;
    const OperationModel& m_ops;
    const DecoherenceModel& m_decoherence;
    double m_windowQuantile; //!< of the link-generation windows
    TaskGraph m_graph;
    std::vector<double> m_freeAt;                       //!< per global qubit (inf: holds a pair)
    std::vector<std::vector<Segment>> m_segments;       //!< per global qubit, in time order
    std::vector<double> m_work;                         //!< per protocol node, see Work()
    std::vector<std::vector<uint32_t>> m_generationsAt; //!< per topology node: its generations
    std::vector<uint64_t> m_attemptWindow;              //!< per generation task: attempts
    std::vector<double> m_firstAttempt; //!< per generation task: first attempt after its start
};

} // namespace

TaskGraph
BuildTaskGraph(const Protocol& protocol,
               const QuantumTopology& topology,
               const OperationModel& ops,
               const DecoherenceModel& decoherence,
               double windowQuantile)
{
    return Planner(protocol, topology, ops, decoherence, windowQuantile).Build();
}

} // namespace planet
