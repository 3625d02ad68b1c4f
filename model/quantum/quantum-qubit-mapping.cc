/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "quantum-qubit-mapping.h"

#include <algorithm>
#include <functional>
#include <map>
#include <numeric>
#include <stdexcept>
#include <tuple>

namespace planet
{

namespace
{

/// Every class of interchangeable qubits: per node, its communication and its storage qubits.
std::vector<std::vector<uint32_t>>
QubitClasses(const QuantumTopology& topology)
{
    std::vector<std::vector<uint32_t>> classes;
    for (uint32_t n = 0; n < topology.Nodes().size(); ++n)
    {
        const auto& node = topology.Node(n);
        std::vector<uint32_t> comm;
        std::vector<uint32_t> storage;
        for (unsigned l = 0; l < node.communicationQubits + node.storageQubits; ++l)
        {
            (l < node.communicationQubits ? comm : storage).push_back(topology.QubitIndex(n, l));
        }
        classes.push_back(std::move(comm));
        classes.push_back(std::move(storage));
    }
    return classes;
}

/// Every qubit where it is: its node and local index.
std::vector<QubitRef>
QubitRefs(const QuantumTopology& topology)
{
    std::vector<QubitRef> refs(topology.QubitCount());
    for (uint32_t n = 0; n < topology.Nodes().size(); ++n)
    {
        const auto& node = topology.Node(n);
        for (unsigned l = 0; l < node.communicationQubits + node.storageQubits; ++l)
        {
            const uint32_t g = topology.QubitIndex(n, l);
            refs[g] = {n, l, g};
        }
    }
    return refs;
}

class LowestIndexMapping : public QubitMapping
{
  public:
    std::string GetName() const override
    {
        return "lowest-index";
    }

    std::vector<uint32_t> Assign(const QuantumTopology& topology,
                                 const std::vector<double>&,
                                 const std::vector<double>&) const override
    {
        std::vector<uint32_t> identity(topology.QubitCount());
        std::iota(identity.begin(), identity.end(), 0u);
        return identity;
    }
};

class LeastUsedMapping : public QubitMapping
{
  public:
    std::string GetName() const override
    {
        return "least-used";
    }

    std::vector<uint32_t> Assign(const QuantumTopology& topology,
                                 const std::vector<double>& demandLoad,
                                 const std::vector<double>& load) const override
    {
        const std::size_t n = topology.QubitCount();
        if (demandLoad.size() != n || load.size() != n)
        {
            throw std::invalid_argument("qubit mapping: " + std::to_string(n) +
                                        " utilisations expected");
        }
        std::vector<uint32_t> assignment(n);
        for (auto virt : QubitClasses(topology))
        {
            auto phys = virt;
            // Demand's heaviest qubit first; physical least utilised first; ties lower index.
            std::stable_sort(virt.begin(), virt.end(), [&](uint32_t a, uint32_t b) {
                return demandLoad[a] > demandLoad[b];
            });
            std::stable_sort(phys.begin(), phys.end(), [&](uint32_t a, uint32_t b) {
                return load[a] < load[b];
            });
            for (std::size_t i = 0; i < virt.size(); ++i)
            {
                assignment[virt[i]] = phys[i];
            }
        }
        return assignment;
    }
};

const std::map<std::string, std::function<std::unique_ptr<QubitMapping>()>>&
Registry()
{
    static const std::map<std::string, std::function<std::unique_ptr<QubitMapping>()>> registry{
        {"least-used", [] { return std::make_unique<LeastUsedMapping>(); }},
        {"lowest-index", [] { return std::make_unique<LowestIndexMapping>(); }},
    };
    return registry;
}

} // namespace

std::vector<std::string>
QubitMappingNames()
{
    std::vector<std::string> names;
    for (const auto& entry : Registry())
    {
        names.push_back(entry.first);
    }
    return names;
}

std::unique_ptr<QubitMapping>
CreateQubitMapping(const std::string& name)
{
    const auto it = Registry().find(name);
    if (it == Registry().end())
    {
        std::string list;
        for (const auto& n : QubitMappingNames())
        {
            list += (list.empty() ? "" : "|") + n;
        }
        throw std::invalid_argument("parameter 'qubit mapping': unknown value '" + name +
                                    "' (allowed: " + list + ")");
    }
    return it->second();
}

TaskGraph
RemapQubits(const TaskGraph& graph,
            const std::vector<uint32_t>& assignment,
            const QuantumTopology& topology)
{
    const auto refs = QubitRefs(topology);
    if (assignment.size() != refs.size())
    {
        throw std::invalid_argument("qubit mapping: assignment of " +
                                    std::to_string(assignment.size()) +
                                    " qubits for a network of " + std::to_string(refs.size()));
    }
    const auto move = [&](QubitRef& q) { q = refs.at(assignment.at(q.global)); };
    TaskGraph out = graph;
    for (auto& task : out.tasks)
    {
        std::for_each(task.qubits.begin(), task.qubits.end(), move);
        std::for_each(task.outputQubits.begin(), task.outputQubits.end(), move);
    }
    for (auto& interval : out.occupancy)
    {
        move(interval.qubit);
    }
    std::stable_sort(out.occupancy.begin(),
                     out.occupancy.end(),
                     [](const QubitInterval& a, const QubitInterval& b) {
                         return std::tie(a.qubit.global, a.start_s) <
                                std::tie(b.qubit.global, b.start_s);
                     });
    return out;
}

} // namespace planet
