/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "quantum-node-schedule.h"

#include <algorithm>
#include <array>
#include <cstring>
#include <map>
#include <set>
#include <stdexcept>
#include <string>

namespace planet
{

namespace
{

TaskKind
KindOf(const ScheduledQuantumTask& task)
{
    for (auto kind : {TaskKind::LinkGeneration, TaskKind::Swap, TaskKind::Distill})
    {
        if (task.kind == ToString(kind))
        {
            return kind;
        }
    }
    throw std::invalid_argument("schedule task " + std::to_string(task.id) + ": unknown kind '" +
                                task.kind + "'");
}

/// Cuts one plan into node schedules; see BuildNodeSchedules().
class Cutter
{
  public:
    Cutter(const QosPlan& plan, const QuantumTopology& topology)
        : m_plan(plan),
          m_topology(topology)
    {
        for (uint32_t n = 0; n < topology.Nodes().size(); ++n)
        {
            const auto& node = topology.Node(n);
            for (unsigned l = 0; l < node.communicationQubits + node.storageQubits; ++l)
            {
                m_qubitNode.push_back(n);
                m_qubitLocal.push_back(l);
            }
        }
        const auto& s = plan.schedule;
        for (uint32_t i = 0; i < s.size(); ++i)
        {
            m_index[s[i].id] = i;
            m_kind.push_back(KindOf(s[i]));
            for (uint32_t q : s[i].qubits)
            {
                CheckQubit(q, s[i]);
            }
            for (uint32_t q : s[i].outputQubits)
            {
                CheckQubit(q, s[i]);
            }
            const std::size_t nodes = m_kind.back() == TaskKind::Swap ? 1 : 2;
            if (s[i].nodes.size() != nodes || s[i].outputQubits.size() != 2)
            {
                throw std::invalid_argument("schedule task " + std::to_string(s[i].id) +
                                            " has the wrong number of nodes or output qubits");
            }
        }
        m_entry.assign(s.size(), {-1, -1});
        m_out.resize(topology.Nodes().size());
        for (uint32_t n = 0; n < m_out.size(); ++n)
        {
            m_out[n].node = n;
            m_out[n].hyperperiod_s = plan.hyperperiod_s;
        }
    }

    std::vector<NodeSchedule> Cut()
    {
        const auto& s = m_plan.schedule;
        // Entries in order of planned start (ties: schedule order), so that every node's list
        // is sorted and the inputs of a task precede it.
        std::vector<uint32_t> order(s.size());
        for (uint32_t i = 0; i < order.size(); ++i)
        {
            order[i] = i;
        }
        std::stable_sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) {
            return s[a].start_s < s[b].start_s;
        });
        for (uint32_t i : order)
        {
            for (uint32_t k = 0; k < s[i].nodes.size(); ++k)
            {
                AddEntry(i, k);
            }
        }
        for (uint32_t i : order)
        {
            if (s[i].successor < 0)
            {
                AddDelivery(i);
            }
        }
        AddDemands();
        return std::move(m_out);
    }

  private:
    void CheckQubit(uint32_t q, const ScheduledQuantumTask& task) const
    {
        if (q >= m_qubitNode.size())
        {
            throw std::invalid_argument("schedule task " + std::to_string(task.id) + ": qubit " +
                                        std::to_string(q) + " is not in the network");
        }
    }

    const ScheduledQuantumTask& Task(uint64_t id) const
    {
        const auto it = m_index.find(id);
        if (it == m_index.end())
        {
            throw std::invalid_argument("schedule refers to task " + std::to_string(id) +
                                        ", which it does not hold");
        }
        return m_plan.schedule[it->second];
    }

    uint32_t IndexOf(uint64_t id) const
    {
        Task(id);
        return m_index.at(id);
    }

    /// Local index of the one qubit of \p qubits at \p node.
    int32_t LocalAt(const std::vector<uint32_t>& qubits, uint32_t node) const
    {
        for (uint32_t q : qubits)
        {
            if (m_qubitNode[q] == node)
            {
                return static_cast<int32_t>(m_qubitLocal[q]);
            }
        }
        return -1;
    }

    /// The entry of this node that leaves the half at \p node of task \p i's output.
    int32_t LocalProducer(uint32_t i, uint32_t node) const
    {
        const auto& t = m_plan.schedule[i];
        if (m_kind[i] != TaskKind::Swap)
        {
            const int32_t k = t.nodes[0] == node ? 0 : (t.nodes[1] == node ? 1 : -1);
            if (k < 0)
            {
                throw std::invalid_argument("schedule task " + std::to_string(t.id) +
                                            " leaves no pair at node " + std::to_string(node));
            }
            return m_entry[i][k];
        }
        for (uint64_t p : t.predecessors)
        {
            const uint32_t j = IndexOf(p);
            if (LocalAt(m_plan.schedule[j].outputQubits, node) >= 0)
            {
                return LocalProducer(j, node);
            }
        }
        throw std::invalid_argument("schedule task " + std::to_string(t.id) +
                                    ": no input pair ends at node " + std::to_string(node));
    }

    /// The swaps whose outcomes the output pair of task \p i carries.
    std::vector<uint32_t> Frames(uint32_t i) const
    {
        std::vector<uint32_t> out;
        const auto& t = m_plan.schedule[i];
        for (uint64_t p : t.predecessors)
        {
            const auto sub = Frames(IndexOf(p));
            out.insert(out.end(), sub.begin(), sub.end());
        }
        if (m_kind[i] == TaskKind::Swap)
        {
            out.push_back(static_cast<uint32_t>(t.id));
        }
        std::sort(out.begin(), out.end());
        return out;
    }

    /// The nodes that need the outcome of swap \p i: those of the distillations above it and
    /// the ends of the delivered pair.
    std::vector<uint32_t> Destinations(uint32_t i) const
    {
        std::set<uint32_t> nodes;
        uint32_t j = i;
        while (m_plan.schedule[j].successor >= 0)
        {
            j = IndexOf(static_cast<uint64_t>(m_plan.schedule[j].successor));
            if (m_kind[j] == TaskKind::Distill)
            {
                nodes.insert(m_plan.schedule[j].nodes.begin(), m_plan.schedule[j].nodes.end());
            }
        }
        for (uint32_t q : m_plan.schedule[j].outputQubits)
        {
            nodes.insert(m_qubitNode[q]);
        }
        return {nodes.begin(), nodes.end()};
    }

    /// When the plan frees global qubit \p q that task \p i holds afterwards.
    double FreedAt(uint32_t i, uint32_t q) const
    {
        const auto& t = m_plan.schedule[i];
        const auto& out = t.outputQubits;
        if (std::find(out.begin(), out.end(), q) == out.end() || t.successor < 0)
        {
            return t.end_s; // consumed (or handed over) by this task
        }
        const uint32_t c = IndexOf(static_cast<uint64_t>(t.successor));
        const auto& consumer = m_plan.schedule[c];
        const auto& kept = consumer.outputQubits;
        if (std::find(kept.begin(), kept.end(), q) == kept.end())
        {
            return consumer.end_s; // measured by the consumer
        }
        return FreedAt(c, q);
    }

    double LatestEnd(uint32_t i) const
    {
        uint32_t root = i;
        while (m_plan.schedule[root].successor >= 0)
        {
            root = IndexOf(static_cast<uint64_t>(m_plan.schedule[root].successor));
        }
        const auto& t = m_plan.schedule[i];
        const auto& demand = m_plan.demands.at(t.demand);
        const double deadline = (t.instance + 1) * demand.period_s;
        return t.end_s + std::max(0.0, deadline - m_plan.schedule[root].end_s);
    }

    void AddEntry(uint32_t i, uint32_t k)
    {
        const auto& t = m_plan.schedule[i];
        const uint32_t node = t.nodes[k];
        if (node >= m_out.size())
        {
            throw std::invalid_argument("schedule task " + std::to_string(t.id) + ": node " +
                                        std::to_string(node) + " is not in the network");
        }
        NodeTask e;
        e.id = static_cast<uint32_t>(t.id);
        e.demand = t.demand;
        e.instance = t.instance;
        e.kind = m_kind[i];
        e.start_s = t.start_s;
        e.end_s = t.end_s;
        e.latestEnd_s = LatestEnd(i);
        if (e.kind == TaskKind::LinkGeneration)
        {
            e.peer = t.nodes[1 - k];
            e.side = static_cast<uint8_t>(k);
            const auto link = m_topology.FindLink(t.nodes[0], t.nodes[1]);
            if (link < 0)
            {
                throw std::invalid_argument("schedule task " + std::to_string(t.id) +
                                            ": no link between its nodes");
            }
            e.link = static_cast<uint32_t>(link);
            e.window_s = t.window_s;
            e.capability = t.link;
            for (uint32_t q : t.qubits)
            {
                if (m_qubitNode[q] == node)
                {
                    e.qubits.push_back(m_qubitLocal[q]);
                    e.reservedUntil_s.push_back(FreedAt(i, q));
                }
            }
            e.output = LocalAt(t.outputQubits, node);
        }
        else if (e.kind == TaskKind::Swap)
        {
            for (uint32_t q : t.qubits)
            {
                e.qubits.push_back(m_qubitLocal[q]);
            }
            for (uint64_t p : t.predecessors)
            {
                e.inputs.push_back(LocalProducer(IndexOf(p), node));
            }
            e.destinations = Destinations(i);
        }
        else
        {
            e.peer = t.nodes[1 - k];
            const std::vector<uint32_t> keptPair(t.qubits.begin(), t.qubits.begin() + 2);
            const std::vector<uint32_t> sacrificedPair(t.qubits.begin() + 2, t.qubits.end());
            e.qubits = {static_cast<uint32_t>(LocalAt(keptPair, node)),
                        static_cast<uint32_t>(LocalAt(sacrificedPair, node))};
            e.output = LocalAt(t.outputQubits, node);
            for (uint64_t p : t.predecessors)
            {
                e.inputs.push_back(LocalProducer(IndexOf(p), node));
            }
            e.frames = Frames(i);
        }
        for (int32_t input : e.inputs)
        {
            if (input < 0)
            {
                throw std::invalid_argument("schedule task " + std::to_string(t.id) +
                                            ": an input comes from a task scheduled after it");
            }
        }
        auto& tasks = m_out[node].tasks;
        m_entry[i][k] = static_cast<int32_t>(tasks.size());
        tasks.push_back(std::move(e));
    }

    void AddDelivery(uint32_t root)
    {
        const auto& t = m_plan.schedule[root];
        const auto frames = Frames(root);
        for (uint32_t q : t.outputQubits)
        {
            const uint32_t node = m_qubitNode[q];
            auto& e = m_out[node].tasks[LocalProducer(root, node)];
            e.delivers = true;
            e.deliveryFrames = frames;
        }
    }

    void AddDemands()
    {
        std::map<uint32_t, std::set<uint32_t>> members; // node -> demands it works for
        for (uint32_t n = 0; n < m_out.size(); ++n)
        {
            for (const auto& e : m_out[n].tasks)
            {
                members[n].insert(e.demand);
            }
        }
        const auto instances = [&](const DemandPlan& d) {
            return static_cast<uint32_t>(m_plan.hyperperiod_s / d.period_s + 0.5);
        };
        for (const auto& [node, demands] : members)
        {
            for (uint32_t d : demands)
            {
                const auto& plan = m_plan.demands.at(d);
                m_out[node].demands.push_back({d, plan.period_s, instances(plan), plan.path});
            }
        }
    }

    const QosPlan& m_plan;
    const QuantumTopology& m_topology;
    std::vector<uint32_t> m_qubitNode;  //!< node of each global qubit
    std::vector<uint32_t> m_qubitLocal; //!< local index of each global qubit
    std::map<uint64_t, uint32_t> m_index;
    std::vector<TaskKind> m_kind;
    std::vector<std::array<int32_t, 2>> m_entry; //!< per schedule task: its entry at nodes[k]
    std::vector<NodeSchedule> m_out;
};

/// Appends values to a byte vector.
class Writer
{
  public:
    template <typename T>
    void Put(T value)
    {
        uint8_t raw[sizeof(T)];
        std::memcpy(raw, &value, sizeof(T));
        m_bytes.insert(m_bytes.end(), raw, raw + sizeof(T));
    }

    template <typename T>
    void PutList(const std::vector<T>& values)
    {
        Put(static_cast<uint32_t>(values.size()));
        for (const auto& v : values)
        {
            Put(v);
        }
    }

    std::vector<uint8_t> Take()
    {
        return std::move(m_bytes);
    }

  private:
    std::vector<uint8_t> m_bytes;
};

/// Reads values from a byte vector, checking its length.
class Reader
{
  public:
    explicit Reader(const std::vector<uint8_t>& bytes)
        : m_bytes(bytes)
    {
    }

    template <typename T>
    T Get()
    {
        if (m_bytes.size() - m_at < sizeof(T))
        {
            throw std::invalid_argument("node schedule: the message is truncated");
        }
        T value;
        std::memcpy(&value, m_bytes.data() + m_at, sizeof(T));
        m_at += sizeof(T);
        return value;
    }

    template <typename T>
    std::vector<T> GetList()
    {
        const auto n = Get<uint32_t>();
        if (n > (m_bytes.size() - m_at) / sizeof(T))
        {
            throw std::invalid_argument("node schedule: a list is longer than the message");
        }
        std::vector<T> values(n);
        for (auto& v : values)
        {
            v = Get<T>();
        }
        return values;
    }

    bool AtEnd() const
    {
        return m_at == m_bytes.size();
    }

  private:
    const std::vector<uint8_t>& m_bytes;
    std::size_t m_at{0};
};

constexpr uint32_t kMagic = 0x51534348; // "QSCH"

} // namespace

std::vector<NodeSchedule>
BuildNodeSchedules(const QosPlan& plan, const QuantumTopology& topology)
{
    return Cutter(plan, topology).Cut();
}

std::vector<uint8_t>
EncodeNodeSchedule(const NodeSchedule& s)
{
    Writer w;
    w.Put(kMagic);
    w.Put(s.node);
    w.Put(s.activation_s);
    w.Put(s.hyperperiod_s);
    w.Put(s.duration_s);
    w.Put(static_cast<uint8_t>(s.retry));
    w.Put(s.cutoff_s);
    w.Put(static_cast<uint32_t>(s.demands.size()));
    for (const auto& d : s.demands)
    {
        w.Put(d.demand);
        w.Put(d.period_s);
        w.Put(d.instances);
        w.PutList(d.nodes);
    }
    w.Put(static_cast<uint32_t>(s.tasks.size()));
    for (const auto& t : s.tasks)
    {
        w.Put(t.id);
        w.Put(t.demand);
        w.Put(t.instance);
        w.Put(static_cast<uint8_t>(t.kind));
        w.Put(t.start_s);
        w.Put(t.end_s);
        w.Put(t.latestEnd_s);
        w.PutList(t.qubits);
        w.Put(t.output);
        w.PutList(t.reservedUntil_s);
        w.PutList(t.inputs);
        w.Put(t.peer);
        w.Put(t.link);
        w.Put(t.side);
        w.Put(t.window_s);
        w.Put(t.capability.fidelity);
        w.Put(t.capability.rate_hz);
        w.Put(t.capability.successProbability);
        w.Put(t.capability.attempt_s);
        w.PutList(t.destinations);
        w.PutList(t.frames);
        w.PutList(t.deliveryFrames);
        w.Put(static_cast<uint8_t>(t.delivers));
    }
    return w.Take();
}

NodeSchedule
DecodeNodeSchedule(const std::vector<uint8_t>& bytes)
{
    Reader r(bytes);
    if (r.Get<uint32_t>() != kMagic)
    {
        throw std::invalid_argument("node schedule: not a schedule message");
    }
    NodeSchedule s;
    s.node = r.Get<uint32_t>();
    s.activation_s = r.Get<double>();
    s.hyperperiod_s = r.Get<double>();
    s.duration_s = r.Get<double>();
    s.retry = r.Get<uint8_t>() != 0;
    s.cutoff_s = r.Get<double>();
    const auto demands = r.Get<uint32_t>();
    for (uint32_t i = 0; i < demands; ++i)
    {
        NodeDemand d;
        d.demand = r.Get<uint32_t>();
        d.period_s = r.Get<double>();
        d.instances = r.Get<uint32_t>();
        d.nodes = r.GetList<uint32_t>();
        s.demands.push_back(std::move(d));
    }
    const auto tasks = r.Get<uint32_t>();
    for (uint32_t i = 0; i < tasks; ++i)
    {
        NodeTask t;
        t.id = r.Get<uint32_t>();
        t.demand = r.Get<uint32_t>();
        t.instance = r.Get<uint32_t>();
        const auto kind = r.Get<uint8_t>();
        if (kind > static_cast<uint8_t>(TaskKind::Distill))
        {
            throw std::invalid_argument("node schedule: unknown task kind " + std::to_string(kind));
        }
        t.kind = static_cast<TaskKind>(kind);
        t.start_s = r.Get<double>();
        t.end_s = r.Get<double>();
        t.latestEnd_s = r.Get<double>();
        t.qubits = r.GetList<uint32_t>();
        t.output = r.Get<int32_t>();
        t.reservedUntil_s = r.GetList<double>();
        t.inputs = r.GetList<int32_t>();
        t.peer = r.Get<uint32_t>();
        t.link = r.Get<uint32_t>();
        t.side = r.Get<uint8_t>();
        t.window_s = r.Get<double>();
        t.capability.fidelity = r.Get<double>();
        t.capability.rate_hz = r.Get<double>();
        t.capability.successProbability = r.Get<double>();
        t.capability.attempt_s = r.Get<double>();
        t.destinations = r.GetList<uint32_t>();
        t.frames = r.GetList<uint32_t>();
        t.deliveryFrames = r.GetList<uint32_t>();
        t.delivers = r.Get<uint8_t>() != 0;
        for (int32_t input : t.inputs)
        {
            if (input < 0 || static_cast<uint32_t>(input) >= i)
            {
                throw std::invalid_argument("node schedule: task " + std::to_string(t.id) +
                                            " names an input that does not precede it");
            }
        }
        s.tasks.push_back(std::move(t));
    }
    if (!r.AtEnd())
    {
        throw std::invalid_argument("node schedule: bytes left after the schedule");
    }
    return s;
}

} // namespace planet
