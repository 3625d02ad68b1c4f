// SPDX-License-Identifier: GPL-2.0-only

#include "fabric-workload.h"

#include "ns3/input-check.h"
#include "ns3/input-file.h"

#include <algorithm>
#include <numeric>
#include <set>
#include <sstream>
#include <stdexcept>

namespace planet
{

namespace
{

/// A line being parsed: its tokens and where it came from, for the error messages.
struct Line
{
    const std::string& file;
    uint64_t number;
    std::vector<std::string> tokens;

    [[noreturn]] void Fail(const std::string& what) const
    {
        throw std::invalid_argument(file + ":" + std::to_string(number) + ": " + what);
    }

    uint64_t Unsigned(const std::string& text, const char* what) const
    {
        if (text.empty() || text.find_first_not_of("0123456789") != std::string::npos ||
            text.size() > 19)
        {
            Fail(std::string(what) + " '" + text + "' is not a non-negative integer");
        }
        return std::stoull(text);
    }

    uint32_t Unsigned32(const std::string& text, const char* what) const
    {
        const uint64_t v = Unsigned(text, what);
        if (v > UINT32_MAX)
        {
            Fail(std::string(what) + " '" + text + "' is too large");
        }
        return static_cast<uint32_t>(v);
    }

    double Seconds(const std::string& text) const
    {
        std::size_t used = 0;
        double v = -1;
        try
        {
            v = std::stod(text, &used);
        }
        catch (const std::exception&)
        {
            used = 0;
        }
        return StartTime(used == text.size() ? v : -1, text);
    }

    /// A start time in seconds (from `text`) within ns-3's range.
    double StartTime(double v, const std::string& text) const
    {
        if (!(v >= 0) || !(v <= kMaxTimeS))
        {
            Fail("start time '" + text + "' is not a number of seconds in [0, " +
                 std::to_string(static_cast<uint64_t>(kMaxTimeS)) + "] (ns-3's range)");
        }
        return v;
    }

    /// A flow's checks: two different hosts, at most kMaxMessageBytes.
    const TrafficFlow& Check(const TrafficFlow& f) const
    {
        if (f.src == f.dst)
        {
            Fail("flow from host " + std::to_string(f.src) + " to itself (src == dst)");
        }
        if (f.bytes > kMaxMessageBytes)
        {
            Fail("size " + std::to_string(f.bytes) + " bytes is more than " +
                 std::to_string(kMaxMessageBytes) + " (kMaxMessageBytes, 1 PB)");
        }
        return f;
    }
};

/// `S->D id N (start T | trigger X) size B [send_done_trigger Y] [recv_done_trigger Z]`
TrafficFlow
ParseHtsimFlow(const Line& line)
{
    const std::string& head = line.tokens[0];
    const std::size_t arrow = head.find("->");
    TrafficFlow f;
    f.src = line.Unsigned32(head.substr(0, arrow), "source host");
    f.dst = line.Unsigned32(head.substr(arrow + 2), "destination host");
    bool hasId = false;
    bool hasSize = false;
    bool hasStart = false;
    for (std::size_t i = 1; i < line.tokens.size(); i += 2)
    {
        const std::string& key = line.tokens[i];
        if (i + 1 >= line.tokens.size())
        {
            line.Fail("'" + key + "' has no value");
        }
        const std::string& value = line.tokens[i + 1];
        if (key == "id")
        {
            f.id = line.Unsigned32(value, "id");
            hasId = true;
        }
        else if (key == "start")
        {
            f.startS =
                line.StartTime(static_cast<double>(line.Unsigned(value, "start (ps)")) * 1e-12,
                               value + " ps");
            hasStart = true;
        }
        else if (key == "size")
        {
            f.bytes = line.Unsigned(value, "size");
            hasSize = true;
        }
        else if (key == "trigger")
        {
            f.trigger = line.Unsigned32(value, "trigger");
        }
        else if (key == "send_done_trigger")
        {
            f.sendDoneTrigger = line.Unsigned32(value, "send_done_trigger");
        }
        else if (key == "recv_done_trigger")
        {
            f.recvDoneTrigger = line.Unsigned32(value, "recv_done_trigger");
        }
        else if (key == "prio")
        {
            line.Fail("'prio' (htsim's priority queues) is not modelled by planet; remove it");
        }
        else
        {
            line.Fail("unknown field '" + key +
                      "' (known: id, start, trigger, size, send_done_trigger, recv_done_trigger)");
        }
    }
    if (!hasId || !hasSize)
    {
        line.Fail("a flow needs 'id N' and 'size B'");
    }
    if (f.id == 0)
    {
        line.Fail("flow id 0 is not allowed (as in htsim)");
    }
    if (hasStart == (f.trigger != 0))
    {
        line.Fail("a flow needs exactly one of 'start T' and 'trigger X' (trigger 0 is none)");
    }
    return line.Check(f);
}

/// `trigger id N oneshot|multishot|barrier [count K]`
TrafficTrigger
ParseTrigger(const Line& line)
{
    TrafficTrigger t;
    bool hasKind = false;
    bool hasCount = false;
    for (std::size_t i = 1; i < line.tokens.size(); ++i)
    {
        const std::string& key = line.tokens[i];
        if (key == "oneshot" || key == "multishot" || key == "barrier")
        {
            if (hasKind)
            {
                line.Fail("a trigger has one type (oneshot, multishot or barrier)");
            }
            hasKind = true;
            t.kind = key == "oneshot"     ? TriggerKind::OneShot
                     : key == "multishot" ? TriggerKind::MultiShot
                                          : TriggerKind::Barrier;
        }
        else if ((key == "id" || key == "count") && i + 1 < line.tokens.size())
        {
            const uint32_t v = line.Unsigned32(line.tokens[++i], key.c_str());
            (key == "id" ? t.id : t.count) = v;
            hasCount = hasCount || key == "count";
        }
        else
        {
            line.Fail("expected 'trigger id N oneshot|multishot|barrier [count K]', got '" + key +
                      "'");
        }
    }
    if (t.id == 0)
    {
        line.Fail("a trigger needs 'id N' with N > 0");
    }
    if (!hasKind)
    {
        line.Fail("trigger " + std::to_string(t.id) + " has no type (oneshot, multishot, barrier)");
    }
    if (t.kind == TriggerKind::Barrier ? t.count == 0 : hasCount)
    {
        line.Fail("trigger " + std::to_string(t.id) +
                  ": a barrier needs 'count K' with K > 0, and only a barrier has a count");
    }
    return t;
}

/// The whole-file checks: header counts, unique ids, every named trigger declared once.
void
CheckMatrix(const TrafficMatrix& matrix,
            const std::string& name,
            int64_t connections,
            int64_t triggers,
            uint32_t htsimFlows)
{
    auto fail = [&name](const std::string& what) {
        throw std::invalid_argument(name + ": " + what);
    };
    if (connections >= 0 && connections != htsimFlows)
    {
        fail("'Connections " + std::to_string(connections) + "' but " + std::to_string(htsimFlows) +
             " connection lines follow");
    }
    if (triggers >= 0 && triggers != static_cast<int64_t>(matrix.triggers.size()))
    {
        fail("'Triggers " + std::to_string(triggers) + "' but " +
             std::to_string(matrix.triggers.size()) + " trigger lines follow");
    }
    std::set<uint32_t> declared;
    for (const TrafficTrigger& t : matrix.triggers)
    {
        if (!declared.insert(t.id).second)
        {
            fail("trigger " + std::to_string(t.id) + " is declared twice");
        }
    }
    std::set<uint32_t> ids;
    for (const TrafficFlow& f : matrix.flows)
    {
        if (!ids.insert(f.id).second)
        {
            fail("flow id " + std::to_string(f.id) + " appears twice");
        }
        for (uint32_t t : {f.trigger, f.sendDoneTrigger, f.recvDoneTrigger})
        {
            if (t != 0 && declared.count(t) == 0)
            {
                fail("flow id " + std::to_string(f.id) + " names trigger " + std::to_string(t) +
                     ", which no 'trigger id " + std::to_string(t) + " ...' line declares");
            }
        }
    }
}

} // namespace

TrafficMatrix
ParseTrafficMatrix(std::istream& in, const std::string& name)
{
    TrafficMatrix matrix;
    std::string text;
    uint64_t number = 0;
    int64_t connections = -1;
    int64_t triggers = -1;
    uint32_t htsimFlows = 0;
    while (std::getline(in, text))
    {
        ++number;
        const std::size_t hash = text.find('#');
        if (hash != std::string::npos)
        {
            text.erase(hash);
        }
        Line line{name, number, {}};
        std::istringstream tokens(text);
        for (std::string t; tokens >> t;)
        {
            line.tokens.push_back(t);
        }
        if (line.tokens.empty())
        {
            continue;
        }
        const std::string& first = line.tokens[0];
        if (first.find("->") != std::string::npos)
        {
            matrix.flows.push_back(ParseHtsimFlow(line));
            ++htsimFlows;
        }
        else if (first == "Nodes" || first == "Connections" || first == "Triggers")
        {
            if (line.tokens.size() != 2)
            {
                line.Fail("expected '" + first + " N'");
            }
            const uint32_t n = line.Unsigned32(line.tokens[1], first.c_str());
            if (first == "Nodes")
            {
                matrix.hosts = n;
            }
            else
            {
                (first == "Connections" ? connections : triggers) = n;
            }
        }
        else if (first == "trigger")
        {
            matrix.triggers.push_back(ParseTrigger(line));
        }
        else
        {
            if (line.tokens.size() != 3 && line.tokens.size() != 4)
            {
                line.Fail("expected 'src dst bytes [start_s]' or 'S->D id N start T size B "
                          "[send_done_trigger Y]'");
            }
            TrafficFlow f;
            f.id = static_cast<uint32_t>(matrix.flows.size());
            f.src = line.Unsigned32(line.tokens[0], "source host");
            f.dst = line.Unsigned32(line.tokens[1], "destination host");
            f.bytes = line.Unsigned(line.tokens[2], "bytes");
            if (line.tokens.size() == 4)
            {
                f.startS = line.Seconds(line.tokens[3]);
            }
            matrix.flows.push_back(line.Check(f));
        }
    }
    CheckMatrix(matrix, name, connections, triggers, htsimFlows);
    return matrix;
}

TrafficMatrix
ReadTrafficMatrix(const std::string& path)
{
    std::istringstream in(ReadInputFile("parameter 'matrix'", path));
    return ParseTrafficMatrix(in, path);
}

void
CheckFlowHosts(const std::vector<TrafficFlow>& flows, uint32_t hosts, const std::string& name)
{
    for (const auto& f : flows)
    {
        if (f.src >= hosts || f.dst >= hosts)
        {
            throw std::invalid_argument(name + ": flow id " + std::to_string(f.id) + " " +
                                        std::to_string(f.src) + "->" + std::to_string(f.dst) +
                                        ": host out of range [0, " + std::to_string(hosts) + ")");
        }
    }
}

std::vector<TrafficFlow>
PermutationWorkload(uint32_t hosts, uint64_t bytes, const UniformIndex& draw)
{
    if (hosts < 2)
    {
        throw std::invalid_argument("workload 'permutation': needs at least 2 hosts");
    }
    std::vector<uint32_t> target(hosts);
    bool fixedPoint = true;
    while (fixedPoint) // rejection: a uniform derangement after e tries on average
    {
        std::iota(target.begin(), target.end(), 0);
        for (uint32_t i = hosts - 1; i > 0; --i)
        {
            std::swap(target[i], target[draw(i + 1)]);
        }
        fixedPoint = false;
        for (uint32_t i = 0; i < hosts; ++i)
        {
            fixedPoint = fixedPoint || target[i] == i;
        }
    }
    std::vector<TrafficFlow> flows;
    for (uint32_t i = 0; i < hosts; ++i)
    {
        TrafficFlow f;
        f.id = i;
        f.src = i;
        f.dst = target[i];
        f.bytes = bytes;
        flows.push_back(f);
    }
    return flows;
}

std::vector<TrafficFlow>
IncastWorkload(uint32_t hosts, uint32_t senders, uint64_t bytes, const UniformIndex& draw)
{
    if (hosts < 2 || senders < 1 || senders > hosts - 1)
    {
        throw std::invalid_argument("parameter 'incastSenders': must be in [1, hosts - 1] = [1, " +
                                    std::to_string(hosts > 0 ? hosts - 1 : 0) + "]");
    }
    const uint32_t receiver = draw(hosts);
    std::vector<uint32_t> others;
    for (uint32_t h = 0; h < hosts; ++h)
    {
        if (h != receiver)
        {
            others.push_back(h);
        }
    }
    // Partial Fisher-Yates: the first `senders` entries are a uniform random subset.
    for (uint32_t i = 0; i < senders; ++i)
    {
        std::swap(others[i], others[i + draw(static_cast<uint32_t>(others.size()) - i)]);
    }
    std::sort(others.begin(), others.begin() + senders);
    std::vector<TrafficFlow> flows;
    for (uint32_t i = 0; i < senders; ++i)
    {
        TrafficFlow f;
        f.id = i;
        f.src = others[i];
        f.dst = receiver;
        f.bytes = bytes;
        flows.push_back(f);
    }
    return flows;
}

std::vector<TrafficFlow>
AllToAllWorkload(uint32_t hosts, uint64_t bytes)
{
    if (hosts < 2)
    {
        throw std::invalid_argument("workload 'alltoall': needs at least 2 hosts");
    }
    CheckMemoryBudget("the alltoall workload of " + std::to_string(hosts) + " hosts",
                      SaturatingMul(uint64_t{hosts} * (hosts - 1), sizeof(TrafficFlow)));
    std::vector<TrafficFlow> flows;
    for (uint32_t s = 0; s < hosts; ++s)
    {
        for (uint32_t d = 0; d < hosts; ++d)
        {
            if (s != d)
            {
                TrafficFlow f;
                f.id = static_cast<uint32_t>(flows.size());
                f.src = s;
                f.dst = d;
                f.bytes = bytes;
                flows.push_back(f);
            }
        }
    }
    return flows;
}

std::vector<FabricFlow>
ToFabricFlows(const std::vector<TrafficFlow>& flows)
{
    std::vector<FabricFlow> out;
    out.reserve(flows.size());
    for (const auto& f : flows)
    {
        out.push_back({f.src, f.dst, f.bytes});
    }
    return out;
}

} // namespace planet
