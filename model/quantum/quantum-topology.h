/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef QUANTUM_TOPOLOGY_H
#define QUANTUM_TOPOLOGY_H

#include <cstdint>
#include <string>
#include <vector>

namespace planet
{

/// \brief Most qubits a node may have (communication or storage, each).
constexpr unsigned kMaxQubitsPerNode = 1u << 12;
/// \brief Most qubits a network may have over all its nodes.
constexpr uint32_t kMaxQubits = uint32_t{1} << 20;
/// \brief Deepest nesting of lists a GML file or of elements a GraphML file may have.
constexpr unsigned kMaxTopologyDepth = 64;

/// \brief What a quantum network node is for.
enum class QuantumNodeRole
{
    EndNode,  //!< source or destination of demands
    Repeater, //!< swaps and distils only
};

/// \brief A node: name, role and qubits (communication qubits have local indices 0..c-1, storage
/// qubits c..c+s-1).
struct QuantumNode
{
    std::string name;                                //!< label (GML label, or the index)
    QuantumNodeRole role = QuantumNodeRole::EndNode; //!< role
    unsigned communicationQubits = 1;                //!< qubits that can generate link pairs
    unsigned storageQubits = 3;                      //!< memory qubits
};

/// \brief An undirected fiber link between nodes a and b.
struct QuantumLink
{
    uint32_t a;       //!< one end (node index)
    uint32_t b;       //!< other end (node index)
    double length_km; //!< fiber length
};

/// \brief A route: the nodes from source to destination, the links between them, total length.
struct QuantumRoute
{
    std::vector<uint32_t> nodes; //!< source first, destination last
    std::vector<uint32_t> links; //!< links[i] joins nodes[i] and nodes[i+1]
    double length_km = 0;        //!< sum of the link lengths
};

/**
 * \brief A quantum network: nodes with qubits and fiber links with lengths.
 *
 * Value type. Every qubit has a global index (QubitIndex) so that schedulers can keep per-qubit
 * state in flat arrays.
 */
class QuantumTopology
{
  public:
    /// \brief Adds \p node and returns its index; std::invalid_argument for a node without
    /// communication qubit, more than kMaxQubitsPerNode of either kind, or a network of more
    /// than kMaxQubits qubits.
    uint32_t AddNode(const QuantumNode& node);
    /// \brief Adds a link; std::invalid_argument for unknown nodes, a self-loop, a duplicate
    /// link or a non-positive length.
    uint32_t AddLink(uint32_t a, uint32_t b, double length_km);

    /// \brief All nodes, by index.
    const std::vector<QuantumNode>& Nodes() const;
    /// \brief All links, by index.
    const std::vector<QuantumLink>& Links() const;
    /// \brief Node \p index; std::invalid_argument when out of range.
    const QuantumNode& Node(uint32_t index) const;
    /// \brief Indices of the end nodes, ascending.
    std::vector<uint32_t> EndNodes() const;
    /// \brief Index of the link joining \p a and \p b, or -1 when there is none.
    int64_t FindLink(uint32_t a, uint32_t b) const;

    /// \brief Number of qubits over all nodes.
    uint32_t QubitCount() const;
    /// \brief Global index of local qubit \p local of node \p node.
    uint32_t QubitIndex(uint32_t node, unsigned local) const;

    /**
     * \brief Shortest route by fiber length (Dijkstra, Boost Graph).
     *
     * std::invalid_argument when \p src or \p dst is not a node, when they are equal, or when
     * \p dst cannot be reached from \p src.
     */
    QuantumRoute ShortestPath(uint32_t src, uint32_t dst) const;

  private:
    std::vector<QuantumNode> m_nodes;
    std::vector<QuantumLink> m_links;
    std::vector<uint32_t> m_qubitOffset; //!< global index of each node's local qubit 0
};

/// \brief Star: end nodes 0, 1, 2 around repeater 3.
QuantumTopology MakeStarTopology(double length_km = 5.0);
/// \brief H: end nodes 0, 2 on repeater 1; end nodes 3, 5 on repeater 4; repeaters joined.
QuantumTopology MakeHTopology(double length_km = 5.0);
/// \brief Line: end nodes 0 - 1 - 2 - 3 - 4 - 5.
QuantumTopology MakeLineTopology(double length_km = 5.0);
/// \brief Symmetric: end node i (0..3) on repeater 4+i; the four repeaters fully meshed.
QuantumTopology MakeSymmetricTopology(double length_km = 5.0);
/// \brief One of the study's networks by name: star, h, line or symmetric; std::invalid_argument
/// naming the allowed values otherwise.
QuantumTopology MakeStudyTopology(const std::string& name, double length_km = 5.0);

/**
 * \brief Reads a network from a GML file such as data/quantum/surfnet.gml.
 *
 * Nodes: `id` (integer, required), `label` (name; default the id), `end_node` (1: end node,
 * 0: repeater; default 1), `comm_qs` / `storage_qs` (a list whose entries name the qubits; the
 * NetworkX marker "_networkx_list_start" is not a qubit; absent: 1 and 3 qubits). Edges:
 * `source`, `target` (node ids) and `weight` (length in km, required). The parser is strict:
 * std::invalid_argument naming the file and line for syntax errors, unknown or duplicate ids and
 * missing fields.
 */
QuantumTopology LoadGmlTopology(const std::string& path);

/**
 * \brief Parses GML text as LoadGmlTopology() reads a file; lists nested deeper than
 * kMaxTopologyDepth are refused.
 * \param text the GML
 * \param source the file name, for the messages
 */
QuantumTopology ParseGmlTopology(const std::string& text, const std::string& source);

/**
 * \brief Reads a network from a GraphML file (Boost's reader).
 *
 * Node data keys: `label` (string, the name; default the GraphML node id), `end_node` (int,
 * 1: end node, 0: repeater; default 1), `comm_qubits` and `storage_qubits` (int; default 1 and
 * 3). Edge data key: `weight` (double, length in km, required and positive). Other keys are
 * ignored. std::invalid_argument naming the file for parse errors and bad values.
 */
QuantumTopology LoadGraphmlTopology(const std::string& path);

/**
 * \brief Parses GraphML text as LoadGraphmlTopology() reads a file; elements nested deeper than
 * kMaxTopologyDepth are refused before Boost's (recursive) XML parser sees them.
 * \param text the GraphML
 * \param source the file name, for the messages
 */
QuantumTopology ParseGraphmlTopology(const std::string& text, const std::string& source);

/**
 * \brief Reads a network file by its extension: `.graphml` (LoadGraphmlTopology), otherwise GML
 * (LoadGmlTopology).
 */
QuantumTopology LoadTopologyFile(const std::string& path);

} // namespace planet

#endif // QUANTUM_TOPOLOGY_H
