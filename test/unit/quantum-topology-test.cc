/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// Quantum network topologies: the study's networks, the GML loader and shortest paths.

#include "ns3/quantum-topology.h"

#include <fstream>
#include <gtest/gtest.h>
#include <queue>
#include <set>

using namespace planet;

namespace
{

const std::string kSurfnet = std::string(PLANET_DATA_DIR) + "/quantum/surfnet.gml";

std::string
WriteGml(const std::string& name, const std::string& text)
{
    const std::string path = ::testing::TempDir() + name;
    std::ofstream(path) << text;
    return path;
}

/// Expects LoadGmlTopology(text) to fail with a message naming file:line and \p what.
void
ExpectGmlError(const std::string& text, unsigned line, const std::string& what)
{
    const auto path = WriteGml("bad.gml", text);
    try
    {
        LoadGmlTopology(path);
        FAIL() << "malformed GML accepted: " << text;
    }
    catch (const std::invalid_argument& e)
    {
        const std::string msg = e.what();
        EXPECT_NE(msg.find(path + ":" + std::to_string(line) + ":"), std::string::npos) << msg;
        EXPECT_NE(msg.find(what), std::string::npos) << msg;
    }
}

/// Hop-count distances by breadth-first search (all study links have the same length).
std::vector<int>
Hops(const QuantumTopology& t, uint32_t src)
{
    std::vector<int> d(t.Nodes().size(), -1);
    std::queue<uint32_t> q;
    d[src] = 0;
    q.push(src);
    while (!q.empty())
    {
        const auto u = q.front();
        q.pop();
        for (const auto& l : t.Links())
        {
            for (auto [a, b] : {std::pair{l.a, l.b}, std::pair{l.b, l.a}})
            {
                if (a == u && d[b] < 0)
                {
                    d[b] = d[u] + 1;
                    q.push(b);
                }
            }
        }
    }
    return d;
}

void
ExpectValidRoute(const QuantumTopology& t, const QuantumRoute& r, uint32_t src, uint32_t dst)
{
    ASSERT_GE(r.nodes.size(), 2u);
    EXPECT_EQ(r.nodes.front(), src);
    EXPECT_EQ(r.nodes.back(), dst);
    ASSERT_EQ(r.links.size() + 1, r.nodes.size());
    double km = 0;
    for (std::size_t i = 0; i < r.links.size(); ++i)
    {
        const auto& l = t.Links()[r.links[i]];
        EXPECT_TRUE((l.a == r.nodes[i] && l.b == r.nodes[i + 1]) ||
                    (l.b == r.nodes[i] && l.a == r.nodes[i + 1]));
        km += l.length_km;
    }
    EXPECT_DOUBLE_EQ(km, r.length_km);
}

} // namespace

TEST(QuantumTopology, StudyNetworks)
{
    struct Expect
    {
        std::string name;
        std::size_t nodes, links;
        std::vector<uint32_t> ends;
    };

    for (const auto& e : std::vector<Expect>{{"star", 4, 3, {0, 1, 2}},
                                             {"h", 6, 5, {0, 2, 3, 5}},
                                             {"line", 6, 5, {0, 1, 2, 3, 4, 5}},
                                             {"symmetric", 8, 10, {0, 1, 2, 3}}})
    {
        const auto t = MakeStudyTopology(e.name);
        EXPECT_EQ(t.Nodes().size(), e.nodes) << e.name;
        EXPECT_EQ(t.Links().size(), e.links) << e.name;
        EXPECT_EQ(t.EndNodes(), e.ends) << e.name;
        EXPECT_EQ(t.QubitCount(), 4 * e.nodes) << e.name;
        for (const auto& l : t.Links())
        {
            EXPECT_DOUBLE_EQ(l.length_km, 5.0);
        }
    }
    EXPECT_THROW(MakeStudyTopology("ring"), std::invalid_argument);
}

TEST(QuantumTopology, KnownShortestPaths)
{
    const auto h = MakeHTopology();
    auto r = h.ShortestPath(0, 5);
    EXPECT_EQ(r.nodes, (std::vector<uint32_t>{0, 1, 4, 5}));
    EXPECT_DOUBLE_EQ(r.length_km, 15.0);
    const auto sym = MakeSymmetricTopology();
    r = sym.ShortestPath(0, 3);
    EXPECT_EQ(r.nodes, (std::vector<uint32_t>{0, 4, 7, 3}));
    const auto line = MakeLineTopology();
    r = line.ShortestPath(5, 0);
    EXPECT_EQ(r.nodes, (std::vector<uint32_t>{5, 4, 3, 2, 1, 0}));
    EXPECT_DOUBLE_EQ(r.length_km, 25.0);
}

TEST(QuantumTopology, ShortestPathPrefersShortFiber)
{
    QuantumTopology t;
    for (int i = 0; i < 4; ++i)
    {
        t.AddNode(QuantumNode{});
    }
    t.AddLink(0, 3, 30.0);
    t.AddLink(0, 1, 5.0);
    t.AddLink(1, 2, 5.0);
    t.AddLink(2, 3, 5.0);
    const auto r = t.ShortestPath(0, 3);
    EXPECT_EQ(r.nodes, (std::vector<uint32_t>{0, 1, 2, 3}));
    EXPECT_DOUBLE_EQ(r.length_km, 15.0);
}

TEST(QuantumTopology, RouteErrors)
{
    QuantumTopology t;
    for (int i = 0; i < 3; ++i)
    {
        t.AddNode(QuantumNode{});
    }
    t.AddLink(0, 1, 1.0);
    EXPECT_THROW(t.ShortestPath(0, 2), std::invalid_argument); // unreachable
    EXPECT_THROW(t.ShortestPath(0, 7), std::invalid_argument); // unknown
    EXPECT_THROW(t.ShortestPath(1, 1), std::invalid_argument);
    EXPECT_THROW(t.AddLink(0, 1, 2.0), std::invalid_argument); // duplicate
    EXPECT_THROW(t.AddLink(0, 0, 2.0), std::invalid_argument);
    EXPECT_THROW(t.AddLink(0, 2, 0.0), std::invalid_argument);
    EXPECT_THROW(t.AddLink(0, 9, 1.0), std::invalid_argument);
    EXPECT_EQ(t.QubitIndex(1, 2), 6u);
    EXPECT_THROW(t.QubitIndex(1, 4), std::invalid_argument);
}

TEST(QuantumTopology, Surfnet)
{
    const auto t = LoadGmlTopology(kSurfnet);
    EXPECT_EQ(t.Nodes().size(), 108u);
    EXPECT_EQ(t.Links().size(), 118u);
    EXPECT_EQ(t.EndNodes().size(), 54u);
    for (const auto& n : t.Nodes())
    {
        EXPECT_EQ(n.communicationQubits, 1u);
        EXPECT_EQ(n.storageQubits, 3u);
    }
    EXPECT_EQ(t.Node(0).name, "1");
    // Node ids 0 and 1 (labels "1" and "3"): 8 hops of 5 km.
    auto r = t.ShortestPath(0, 1);
    ExpectValidRoute(t, r, 0, 1);
    EXPECT_DOUBLE_EQ(r.length_km, 40.0);
    EXPECT_EQ(r.nodes.size(), 9u);
    EXPECT_EQ(r.nodes[1], 54u); // end node 0 hangs on repeater 54 only
    // Every route between end nodes is as short as breadth-first search says.
    const auto ends = t.EndNodes();
    for (std::size_t i = 0; i < ends.size(); i += 7)
    {
        const auto hops = Hops(t, ends[i]);
        for (std::size_t j = 0; j < ends.size(); j += 5)
        {
            if (ends[i] == ends[j])
            {
                continue;
            }
            r = t.ShortestPath(ends[i], ends[j]);
            ExpectValidRoute(t, r, ends[i], ends[j]);
            EXPECT_DOUBLE_EQ(r.length_km, 5.0 * hops[ends[j]]);
        }
    }
}

TEST(QuantumTopology, GmlErrors)
{
    EXPECT_THROW(LoadGmlTopology("/nonexistent/x.gml"), std::invalid_argument);
    ExpectGmlError("graph [\n node [ id 0 ]\n node [ id 0 ]\n]\n", 3, "duplicate node id 0");
    ExpectGmlError(
        "graph [\n node [ id 0 ]\n node [ id 1 ]\n edge [ source 0 target 2 weight 5 ]\n]\n",
        4,
        "unknown node id 2");
    ExpectGmlError("graph [\n node [ id 0 ]\n node [ id 1 ]\n edge [\n source 0 target 1 ]\n]\n",
                   4,
                   "weight");
    ExpectGmlError("graph [\n node [ id 0 \n", 3, "missing ']'");
    ExpectGmlError("graph [\n node [ id 0 label \"x ]\n]\n", 2, "unterminated string");
    ExpectGmlError("graph [\n node [ id zero ]\n]\n", 2, "expected a number");
    ExpectGmlError("graph [\n node [ label \"a\" ]\n]\n", 2, "node has no id");
    ExpectGmlError("graph [\n node [ id 1.5 ]\n]\n", 2, "integer");
    ExpectGmlError("graph [ ]\n]\n", 2, "unexpected ']'");
    ExpectGmlError("creator \"me\"\n", 1, "no 'graph");
    ExpectGmlError("graph [\n node [ id 0 end_node 2 ]\n]\n", 2, "end_node must be 0 or 1");
}

TEST(QuantumTopology, GmlQubitsAndRoles)
{
    const auto path =
        WriteGml("ok.gml",
                 "# comment\ngraph [\n directed 0\n"
                 " node [ id 7 label \"A\" end_node 1 comm_qs \"_networkx_list_start\""
                 " comm_qs \"A-C0\" storage_qs \"A-S0\" ]\n"
                 " node [ id 9 end_node 0 ]\n"
                 " edge [ source 7 target 9 weight 12.5 ]\n]\n");
    const auto t = LoadGmlTopology(path);
    ASSERT_EQ(t.Nodes().size(), 2u);
    EXPECT_EQ(t.Node(0).name, "A");
    EXPECT_EQ(t.Node(0).communicationQubits, 1u);
    EXPECT_EQ(t.Node(0).storageQubits, 1u);
    EXPECT_EQ(t.Node(1).name, "9");
    EXPECT_EQ(t.Node(1).role, QuantumNodeRole::Repeater);
    EXPECT_EQ(t.Node(1).storageQubits, 3u);
    EXPECT_DOUBLE_EQ(t.Links()[0].length_km, 12.5);
    EXPECT_EQ(t.QubitCount(), 6u);
}

namespace
{

/// A GraphML document with the given <node>/<edge> elements and planet's data keys.
std::string
Graphml(const std::string& body)
{
    return "<?xml version=\"1.0\"?>\n"
           "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">\n"
           " <key id=\"l\" for=\"node\" attr.name=\"label\" attr.type=\"string\"/>\n"
           " <key id=\"e\" for=\"node\" attr.name=\"end_node\" attr.type=\"int\"/>\n"
           " <key id=\"c\" for=\"node\" attr.name=\"comm_qubits\" attr.type=\"int\"/>\n"
           " <key id=\"s\" for=\"node\" attr.name=\"storage_qubits\" attr.type=\"int\"/>\n"
           " <key id=\"w\" for=\"edge\" attr.name=\"weight\" attr.type=\"double\"/>\n"
           " <key id=\"x\" for=\"edge\" attr.name=\"colour\" attr.type=\"string\"/>\n"
           " <graph edgedefault=\"undirected\">\n" +
           body + " </graph>\n</graphml>\n";
}

} // namespace

TEST(QuantumTopology, GraphmlNodesRolesQubitsAndLengths)
{
    const auto path = WriteGml(
        "ok.graphml",
        Graphml("  <node id=\"a\"><data key=\"l\">Delft</data></node>\n"
                "  <node id=\"r\"><data key=\"e\">0</data><data key=\"s\">5</data></node>\n"
                "  <node id=\"b\"><data key=\"c\">2</data></node>\n"
                "  <edge source=\"a\" target=\"r\"><data key=\"w\">12.5</data>"
                "<data key=\"x\">red</data></edge>\n"
                "  <edge source=\"r\" target=\"b\"><data key=\"w\">7.5</data></edge>\n"));
    const auto t = LoadTopologyFile(path); // dispatches on .graphml
    ASSERT_EQ(t.Nodes().size(), 3u);
    EXPECT_EQ(t.Node(0).name, "Delft");
    EXPECT_EQ(t.Node(0).role, QuantumNodeRole::EndNode);
    EXPECT_EQ(t.Node(1).role, QuantumNodeRole::Repeater);
    EXPECT_EQ(t.Node(1).storageQubits, 5u);
    EXPECT_EQ(t.Node(2).communicationQubits, 2u);
    EXPECT_EQ(t.Node(2).storageQubits, 3u);
    EXPECT_EQ(t.QubitCount(), 4u + 6u + 5u);
    const auto route = t.ShortestPath(0, 2);
    EXPECT_EQ(route.nodes, (std::vector<uint32_t>{0, 1, 2}));
    EXPECT_DOUBLE_EQ(route.length_km, 20.0);
}

TEST(QuantumTopology, GraphmlErrorsNameTheFile)
{
    auto expectError =
        [](const std::string& name, const std::string& text, const std::string& what) {
            const auto path = WriteGml(name, text);
            try
            {
                LoadGraphmlTopology(path);
                FAIL() << "bad GraphML accepted: " << text;
            }
            catch (const std::invalid_argument& e)
            {
                const std::string msg = e.what();
                EXPECT_NE(msg.find(path), std::string::npos) << msg;
                EXPECT_NE(msg.find(what), std::string::npos) << msg;
            }
        };
    expectError("noweight.graphml",
                Graphml("  <node id=\"a\"/><node id=\"b\"/>\n"
                        "  <edge source=\"a\" target=\"b\"/>\n"),
                "positive weight");
    expectError("role.graphml",
                Graphml("  <node id=\"a\"><data key=\"e\">2</data></node>\n"),
                "end_node must be 0 or 1");
    expectError("broken.graphml", "<graphml><graph>\n", "GraphML file");
    EXPECT_THROW(LoadGraphmlTopology("/nonexistent/x.graphml"), std::invalid_argument);
}
