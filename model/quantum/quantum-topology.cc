/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "quantum-topology.h"

#include "ns3/input-file.h"

#include <algorithm>
#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/dijkstra_shortest_paths.hpp>
#include <boost/graph/graphml.hpp>
#include <cctype>
#include <cmath>
#include <limits>
#include <map>
#include <memory>
#include <sstream>
#include <stdexcept>

namespace planet
{

uint32_t
QuantumTopology::AddNode(const QuantumNode& node)
{
    if (node.communicationQubits == 0)
    {
        throw std::invalid_argument("node '" + node.name +
                                    "' needs at least one communication qubit");
    }
    if (node.communicationQubits > kMaxQubitsPerNode || node.storageQubits > kMaxQubitsPerNode)
    {
        throw std::invalid_argument("node '" + node.name +
                                    "': " + std::to_string(node.communicationQubits) +
                                    " communication and " + std::to_string(node.storageQubits) +
                                    " storage qubits, more than " +
                                    std::to_string(kMaxQubitsPerNode) + " (kMaxQubitsPerNode)");
    }
    if (uint64_t{QubitCount()} + node.communicationQubits + node.storageQubits > kMaxQubits)
    {
        throw std::invalid_argument("node '" + node.name + "': the network would have more than " +
                                    std::to_string(kMaxQubits) + " qubits (kMaxQubits)");
    }
    m_qubitOffset.push_back(QubitCount());
    m_nodes.push_back(node);
    return static_cast<uint32_t>(m_nodes.size() - 1);
}

uint32_t
QuantumTopology::AddLink(uint32_t a, uint32_t b, double length_km)
{
    if (a >= m_nodes.size() || b >= m_nodes.size())
    {
        throw std::invalid_argument("link " + std::to_string(a) + "-" + std::to_string(b) +
                                    " names a node that does not exist (nodes 0.." +
                                    std::to_string(m_nodes.size()) + ")");
    }
    if (a == b)
    {
        throw std::invalid_argument("link " + std::to_string(a) + "-" + std::to_string(b) +
                                    " is a self-loop");
    }
    if (!(length_km > 0) || !std::isfinite(length_km))
    {
        throw std::invalid_argument("link " + std::to_string(a) + "-" + std::to_string(b) +
                                    ": length_km must be positive");
    }
    if (FindLink(a, b) >= 0)
    {
        throw std::invalid_argument("link " + std::to_string(a) + "-" + std::to_string(b) +
                                    " exists already");
    }
    m_links.push_back({a, b, length_km});
    return static_cast<uint32_t>(m_links.size() - 1);
}

const std::vector<QuantumNode>&
QuantumTopology::Nodes() const
{
    return m_nodes;
}

const std::vector<QuantumLink>&
QuantumTopology::Links() const
{
    return m_links;
}

const QuantumNode&
QuantumTopology::Node(uint32_t index) const
{
    if (index >= m_nodes.size())
    {
        throw std::invalid_argument("node " + std::to_string(index) + " does not exist (nodes 0.." +
                                    std::to_string(m_nodes.size()) + ")");
    }
    return m_nodes[index];
}

std::vector<uint32_t>
QuantumTopology::EndNodes() const
{
    std::vector<uint32_t> out;
    for (uint32_t i = 0; i < m_nodes.size(); ++i)
    {
        if (m_nodes[i].role == QuantumNodeRole::EndNode)
        {
            out.push_back(i);
        }
    }
    return out;
}

int64_t
QuantumTopology::FindLink(uint32_t a, uint32_t b) const
{
    for (std::size_t i = 0; i < m_links.size(); ++i)
    {
        const auto& l = m_links[i];
        if ((l.a == a && l.b == b) || (l.a == b && l.b == a))
        {
            return static_cast<int64_t>(i);
        }
    }
    return -1;
}

uint32_t
QuantumTopology::QubitCount() const
{
    if (m_nodes.empty())
    {
        return 0;
    }
    const auto& last = m_nodes.back();
    return m_qubitOffset.back() + last.communicationQubits + last.storageQubits;
}

uint32_t
QuantumTopology::QubitIndex(uint32_t node, unsigned local) const
{
    const auto& n = Node(node);
    if (local >= n.communicationQubits + n.storageQubits)
    {
        throw std::invalid_argument("node " + std::to_string(node) + " has no qubit " +
                                    std::to_string(local));
    }
    return m_qubitOffset[node] + local;
}

QuantumRoute
QuantumTopology::ShortestPath(uint32_t src, uint32_t dst) const
{
    Node(src);
    Node(dst);
    if (src == dst)
    {
        throw std::invalid_argument("route source and destination are the same node " +
                                    std::to_string(src));
    }
    using Graph = boost::adjacency_list<boost::vecS,
                                        boost::vecS,
                                        boost::undirectedS,
                                        boost::no_property,
                                        boost::property<boost::edge_weight_t, double>>;
    Graph g(m_nodes.size());
    for (const auto& l : m_links)
    {
        boost::add_edge(l.a, l.b, l.length_km, g);
    }
    std::vector<Graph::vertex_descriptor> pred(m_nodes.size());
    std::vector<double> dist(m_nodes.size());
    boost::dijkstra_shortest_paths(g,
                                   src,
                                   boost::predecessor_map(pred.data()).distance_map(dist.data()));
    if (pred[dst] == dst)
    {
        throw std::invalid_argument("node " + std::to_string(dst) +
                                    " cannot be reached from node " + std::to_string(src));
    }
    QuantumRoute route;
    for (auto v = static_cast<Graph::vertex_descriptor>(dst); v != src; v = pred[v])
    {
        route.nodes.push_back(static_cast<uint32_t>(v));
    }
    route.nodes.push_back(src);
    std::reverse(route.nodes.begin(), route.nodes.end());
    for (std::size_t i = 0; i + 1 < route.nodes.size(); ++i)
    {
        route.links.push_back(static_cast<uint32_t>(FindLink(route.nodes[i], route.nodes[i + 1])));
        route.length_km += m_links[route.links.back()].length_km;
    }
    return route;
}

namespace
{

QuantumTopology
Build(const std::vector<QuantumNodeRole>& roles,
      const std::vector<std::pair<uint32_t, uint32_t>>& links,
      double length_km)
{
    QuantumTopology t;
    for (std::size_t i = 0; i < roles.size(); ++i)
    {
        QuantumNode n;
        n.name = std::to_string(i);
        n.role = roles[i];
        t.AddNode(n);
    }
    for (const auto& [a, b] : links)
    {
        t.AddLink(a, b, length_km);
    }
    return t;
}

constexpr auto E = QuantumNodeRole::EndNode;
constexpr auto R = QuantumNodeRole::Repeater;

} // namespace

QuantumTopology
MakeStarTopology(double length_km)
{
    return Build({E, E, E, R}, {{0, 3}, {1, 3}, {2, 3}}, length_km);
}

QuantumTopology
MakeHTopology(double length_km)
{
    return Build({E, R, E, E, R, E}, {{0, 1}, {2, 1}, {1, 4}, {3, 4}, {5, 4}}, length_km);
}

QuantumTopology
MakeLineTopology(double length_km)
{
    return Build({E, E, E, E, E, E}, {{0, 1}, {1, 2}, {2, 3}, {3, 4}, {4, 5}}, length_km);
}

QuantumTopology
MakeSymmetricTopology(double length_km)
{
    return Build({E, E, E, E, R, R, R, R},
                 {{0, 4}, {1, 5}, {2, 6}, {3, 7}, {4, 5}, {4, 6}, {4, 7}, {5, 6}, {5, 7}, {6, 7}},
                 length_km);
}

QuantumTopology
MakeStudyTopology(const std::string& name, double length_km)
{
    if (name == "star")
    {
        return MakeStarTopology(length_km);
    }
    if (name == "h")
    {
        return MakeHTopology(length_km);
    }
    if (name == "line")
    {
        return MakeLineTopology(length_km);
    }
    if (name == "symmetric")
    {
        return MakeSymmetricTopology(length_km);
    }
    throw std::invalid_argument("network '" + name +
                                "' is unknown: allowed values are star, h, line, symmetric");
}

// ---------------------------------------------------------------------------------------------
// GML
// ---------------------------------------------------------------------------------------------
namespace
{

/// A GML value: a number, a string or a list of key/value pairs.
struct GmlValue
{
    enum class Type
    {
        Number,
        String,
        List
    } type = Type::Number;
    double number = 0;
    std::string text;
    std::vector<std::pair<std::string, GmlValue>> list;
    unsigned line = 0;
};

class GmlParser
{
  public:
    GmlParser(std::string path, std::string text)
        : m_path(std::move(path)),
          m_text(std::move(text))
    {
    }

    /// Parses the whole file as a key/value list.
    std::vector<std::pair<std::string, GmlValue>> Parse()
    {
        auto list = ParseList(false);
        return list;
    }

    [[noreturn]] void Fail(unsigned line, const std::string& what) const
    {
        throw std::invalid_argument(m_path + ":" + std::to_string(line) + ": " + what);
    }

  private:
    void SkipSpace()
    {
        while (m_pos < m_text.size())
        {
            const char c = m_text[m_pos];
            if (c == '\n')
            {
                ++m_line;
                ++m_pos;
            }
            else if (std::isspace(static_cast<unsigned char>(c)))
            {
                ++m_pos;
            }
            else if (c == '#')
            {
                while (m_pos < m_text.size() && m_text[m_pos] != '\n')
                {
                    ++m_pos;
                }
            }
            else
            {
                break;
            }
        }
    }

    std::vector<std::pair<std::string, GmlValue>> ParseList(bool nested)
    {
        std::vector<std::pair<std::string, GmlValue>> list;
        for (;;)
        {
            SkipSpace();
            if (m_pos >= m_text.size())
            {
                if (nested)
                {
                    Fail(m_line, "unexpected end of file: missing ']'");
                }
                return list;
            }
            if (m_text[m_pos] == ']')
            {
                if (!nested)
                {
                    Fail(m_line, "unexpected ']'");
                }
                ++m_pos;
                return list;
            }
            const std::size_t start = m_pos;
            while (
                m_pos < m_text.size() &&
                (std::isalnum(static_cast<unsigned char>(m_text[m_pos])) || m_text[m_pos] == '_'))
            {
                ++m_pos;
            }
            if (m_pos == start || !std::isalpha(static_cast<unsigned char>(m_text[start])))
            {
                Fail(m_line, std::string("expected a key, found '") + m_text[start] + "'");
            }
            std::string key = m_text.substr(start, m_pos - start);
            SkipSpace();
            list.emplace_back(std::move(key), ParseValue());
        }
    }

    GmlValue ParseValue()
    {
        GmlValue v;
        v.line = m_line;
        if (m_pos >= m_text.size())
        {
            Fail(m_line, "unexpected end of file: missing value");
        }
        const char c = m_text[m_pos];
        if (c == '[')
        {
            ++m_pos;
            if (++m_depth > kMaxTopologyDepth)
            {
                Fail(m_line,
                     "lists nested deeper than " + std::to_string(kMaxTopologyDepth) +
                         " levels (kMaxTopologyDepth)");
            }
            v.type = GmlValue::Type::List;
            v.list = ParseList(true);
            --m_depth;
        }
        else if (c == '"')
        {
            const std::size_t end = m_text.find('"', m_pos + 1);
            if (end == std::string::npos)
            {
                Fail(m_line, "unterminated string");
            }
            v.type = GmlValue::Type::String;
            v.text = m_text.substr(m_pos + 1, end - m_pos - 1);
            m_line += std::count(v.text.begin(), v.text.end(), '\n');
            m_pos = end + 1;
        }
        else
        {
            const std::size_t start = m_pos;
            while (m_pos < m_text.size() &&
                   !std::isspace(static_cast<unsigned char>(m_text[m_pos])) && m_text[m_pos] != ']')
            {
                ++m_pos;
            }
            const std::string token = m_text.substr(start, m_pos - start);
            std::size_t used = 0;
            try
            {
                v.number = std::stod(token, &used);
            }
            catch (const std::exception&)
            {
                used = 0;
            }
            if (token.empty() || used != token.size())
            {
                Fail(v.line, "expected a number, string or '[', found '" + token + "'");
            }
        }
        return v;
    }

    std::string m_path;
    std::string m_text;
    std::size_t m_pos = 0;
    unsigned m_line = 1;
    unsigned m_depth = 0; //!< lists open at m_pos
};

} // namespace

QuantumTopology
LoadGmlTopology(const std::string& path)
{
    return ParseGmlTopology(ReadInputFile("GML file", path), path);
}

QuantumTopology
ParseGmlTopology(const std::string& text, const std::string& path)
{
    GmlParser parser(path, text);
    const auto top = parser.Parse();
    const GmlValue* graph = nullptr;
    for (const auto& [key, value] : top)
    {
        if (key == "graph")
        {
            if (graph || value.type != GmlValue::Type::List)
            {
                parser.Fail(value.line, "expected exactly one 'graph [ ... ]'");
            }
            graph = &value;
        }
    }
    if (!graph)
    {
        parser.Fail(1, "no 'graph [ ... ]' in file");
    }

    auto integer = [&](const GmlValue& v, const std::string& what) {
        if (v.type != GmlValue::Type::Number || v.number != std::floor(v.number) ||
            std::abs(v.number) > 0x1p53)
        {
            parser.Fail(v.line, what + " must be an integer of at most 2^53");
        }
        return static_cast<int64_t>(v.number);
    };

    QuantumTopology topology;
    std::map<int64_t, uint32_t> index;
    for (const auto& [key, value] : graph->list)
    {
        if (key != "node")
        {
            continue;
        }
        if (value.type != GmlValue::Type::List)
        {
            parser.Fail(value.line, "node must be a list");
        }
        const GmlValue* id = nullptr;
        QuantumNode node;
        bool commGiven = false;
        bool storageGiven = false;
        unsigned comm = 0;
        unsigned storage = 0;
        for (const auto& [k, v] : value.list)
        {
            if (k == "id")
            {
                id = &v;
            }
            else if (k == "label")
            {
                node.name = v.type == GmlValue::Type::String ? v.text : std::to_string(v.number);
            }
            else if (k == "end_node")
            {
                const auto e = integer(v, "end_node");
                if (e != 0 && e != 1)
                {
                    parser.Fail(v.line, "end_node must be 0 or 1");
                }
                node.role = e ? QuantumNodeRole::EndNode : QuantumNodeRole::Repeater;
            }
            else if (k == "comm_qs" || k == "storage_qs")
            {
                const bool marker =
                    v.type == GmlValue::Type::String && v.text == "_networkx_list_start";
                (k == "comm_qs" ? commGiven : storageGiven) = true;
                if (!marker)
                {
                    ++(k == "comm_qs" ? comm : storage);
                }
            }
        }
        if (!id)
        {
            parser.Fail(value.line, "node has no id");
        }
        const auto nodeId = integer(*id, "node id");
        if (index.count(nodeId))
        {
            parser.Fail(id->line, "duplicate node id " + std::to_string(nodeId));
        }
        if (node.name.empty())
        {
            node.name = std::to_string(nodeId);
        }
        if (commGiven)
        {
            node.communicationQubits = comm;
        }
        if (storageGiven)
        {
            node.storageQubits = storage;
        }
        if (node.communicationQubits == 0)
        {
            parser.Fail(value.line,
                        "node " + std::to_string(nodeId) + " has no communication qubit");
        }
        try
        {
            index[nodeId] = topology.AddNode(node);
        }
        catch (const std::invalid_argument& e)
        {
            parser.Fail(value.line, e.what());
        }
    }
    for (const auto& [key, value] : graph->list)
    {
        if (key != "edge")
        {
            continue;
        }
        if (value.type != GmlValue::Type::List)
        {
            parser.Fail(value.line, "edge must be a list");
        }
        const GmlValue* ends[2] = {nullptr, nullptr};
        const GmlValue* weight = nullptr;
        for (const auto& [k, v] : value.list)
        {
            if (k == "source")
            {
                ends[0] = &v;
            }
            else if (k == "target")
            {
                ends[1] = &v;
            }
            else if (k == "weight")
            {
                weight = &v;
            }
        }
        if (!ends[0] || !ends[1])
        {
            parser.Fail(value.line, "edge needs source and target");
        }
        if (!weight || weight->type != GmlValue::Type::Number || !(weight->number > 0) ||
            !std::isfinite(weight->number))
        {
            parser.Fail(value.line, "edge needs a positive weight (length in km)");
        }
        uint32_t nodes[2];
        for (int i = 0; i < 2; ++i)
        {
            const auto id = integer(*ends[i], i == 0 ? "source" : "target");
            const auto it = index.find(id);
            if (it == index.end())
            {
                parser.Fail(ends[i]->line, "edge names unknown node id " + std::to_string(id));
            }
            nodes[i] = it->second;
        }
        try
        {
            topology.AddLink(nodes[0], nodes[1], weight->number);
        }
        catch (const std::invalid_argument& e)
        {
            parser.Fail(value.line, e.what());
        }
    }
    return topology;
}

namespace
{

/// The deepest nesting of elements in XML text (an upper bound: markup inside comments counts).
unsigned
XmlDepth(const std::string& text)
{
    unsigned depth = 0;
    unsigned deepest = 0;
    for (std::size_t i = text.find('<'); i != std::string::npos; i = text.find('<', i + 1))
    {
        const char next = i + 1 < text.size() ? text[i + 1] : '\0';
        if (next == '/')
        {
            depth -= depth > 0 ? 1 : 0;
        }
        else if (next != '?' && next != '!')
        {
            const std::size_t end = text.find('>', i);
            const bool empty = end != std::string::npos && end > i && text[end - 1] == '/';
            if (!empty)
            {
                deepest = std::max(deepest, ++depth);
            }
        }
    }
    return deepest;
}

} // namespace

QuantumTopology
LoadGraphmlTopology(const std::string& path)
{
    return ParseGraphmlTopology(ReadInputFile("GraphML file", path), path);
}

QuantumTopology
ParseGraphmlTopology(const std::string& text, const std::string& path)
{
    struct Vertex
    {
        std::string label;
        int endNode{1};
        int commQubits{1};
        int storageQubits{3};
    };

    struct Edge
    {
        double weight{-1};
    };

    using Graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::undirectedS, Vertex, Edge>;
    const unsigned depth = XmlDepth(text);
    if (depth > kMaxTopologyDepth)
    {
        throw std::invalid_argument("GraphML file '" + path + "': elements nested deeper than " +
                                    std::to_string(kMaxTopologyDepth) +
                                    " levels (kMaxTopologyDepth)");
    }
    std::istringstream in(text);
    Graph graph;
    boost::dynamic_properties properties(boost::ignore_other_properties);
    properties.property("label", boost::get(&Vertex::label, graph));
    properties.property("end_node", boost::get(&Vertex::endNode, graph));
    properties.property("comm_qubits", boost::get(&Vertex::commQubits, graph));
    properties.property("storage_qubits", boost::get(&Vertex::storageQubits, graph));
    properties.property("weight", boost::get(&Edge::weight, graph));
    try
    {
        boost::read_graphml(in, graph, properties);
    }
    catch (const std::exception& e)
    {
        throw std::invalid_argument("GraphML file '" + path + "': " + e.what());
    }

    QuantumTopology topology;
    for (const auto v : boost::make_iterator_range(boost::vertices(graph)))
    {
        const Vertex& data = graph[v];
        const std::string where = "GraphML file '" + path + "': node " + std::to_string(v);
        if (data.endNode != 0 && data.endNode != 1)
        {
            throw std::invalid_argument(where + ": end_node must be 0 or 1");
        }
        if (data.commQubits < 1 || data.storageQubits < 0 ||
            data.commQubits > static_cast<int>(kMaxQubitsPerNode) ||
            data.storageQubits > static_cast<int>(kMaxQubitsPerNode))
        {
            throw std::invalid_argument(
                where + ": needs comm_qubits in [1, " + std::to_string(kMaxQubitsPerNode) +
                "] and storage_qubits in [0, " + std::to_string(kMaxQubitsPerNode) +
                "] (kMaxQubitsPerNode)");
        }
        QuantumNode node;
        node.name = data.label.empty() ? std::to_string(v) : data.label;
        node.role = data.endNode ? QuantumNodeRole::EndNode : QuantumNodeRole::Repeater;
        node.communicationQubits = static_cast<unsigned>(data.commQubits);
        node.storageQubits = static_cast<unsigned>(data.storageQubits);
        try
        {
            topology.AddNode(node);
        }
        catch (const std::invalid_argument& error)
        {
            throw std::invalid_argument("GraphML file '" + path + "': " + error.what());
        }
    }
    for (const auto e : boost::make_iterator_range(boost::edges(graph)))
    {
        const auto a = static_cast<uint32_t>(boost::source(e, graph));
        const auto b = static_cast<uint32_t>(boost::target(e, graph));
        if (!(graph[e].weight > 0) || !std::isfinite(graph[e].weight))
        {
            throw std::invalid_argument("GraphML file '" + path + "': edge " + std::to_string(a) +
                                        "-" + std::to_string(b) +
                                        " needs a positive weight (length in km)");
        }
        try
        {
            topology.AddLink(a, b, graph[e].weight);
        }
        catch (const std::invalid_argument& error)
        {
            throw std::invalid_argument("GraphML file '" + path + "': " + error.what());
        }
    }
    return topology;
}

QuantumTopology
LoadTopologyFile(const std::string& path)
{
    const std::string suffix = ".graphml";
    const bool graphml = path.size() >= suffix.size() &&
                         path.compare(path.size() - suffix.size(), suffix.size(), suffix) == 0;
    return graphml ? LoadGraphmlTopology(path) : LoadGmlTopology(path);
}

} // namespace planet
