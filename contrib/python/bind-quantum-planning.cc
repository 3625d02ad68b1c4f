// SPDX-License-Identifier: GPL-2.0-only

// Quantum planning from Python: topologies (study networks, GML), routes, NV device
// parameters, link capability tables, decoherence models, and repeater-protocol synthesis
// (route + fmin -> protocol tree and its task graph on the qubits).

#include "bind-util.h"
#include "bind.h"

#include "ns3/quantum-device.h"
#include "ns3/quantum-fidelity.h"
#include "ns3/quantum-link.h"
#include "ns3/quantum-protocol.h"
#include "ns3/quantum-synthesis.h"
#include "ns3/quantum-task-graph.h"
#include "ns3/quantum-topology.h"

#include <pybind11/stl.h>

namespace py = pybind11;

namespace planet::python
{

void
BindQuantumPlanning(py::module_& m)
{
    py::enum_<QuantumNodeRole>(m, "QuantumNodeRole")
        .value("EndNode", QuantumNodeRole::EndNode)
        .value("Repeater", QuantumNodeRole::Repeater);

    py::class_<QuantumNode> node(m, "QuantumNode", "A node of a quantum network.");
    KeywordInit(node);
    node.def_readwrite("name", &QuantumNode::name)
        .def_readwrite("role", &QuantumNode::role)
        .def_readwrite("communicationQubits", &QuantumNode::communicationQubits)
        .def_readwrite("storageQubits", &QuantumNode::storageQubits);
    FieldRepr(node);

    py::class_<QuantumRoute> route(m, "QuantumRoute", "Nodes and links of a path.");
    KeywordInit(route);
    route.def_readwrite("nodes", &QuantumRoute::nodes)
        .def_readwrite("links", &QuantumRoute::links)
        .def_readwrite("length_km", &QuantumRoute::length_km);
    FieldRepr(route);

    py::class_<QuantumTopology>(m, "QuantumTopology", "Nodes, qubits and fiber links.")
        .def(py::init<>())
        .def("add_node", &QuantumTopology::AddNode, py::arg("node"))
        .def("add_link",
             &QuantumTopology::AddLink,
             py::arg("a"),
             py::arg("b"),
             py::arg("length_km"))
        .def("nodes", &QuantumTopology::Nodes)
        .def("end_nodes", &QuantumTopology::EndNodes)
        .def("qubit_count", &QuantumTopology::QubitCount)
        .def("shortest_path", &QuantumTopology::ShortestPath, py::arg("src"), py::arg("dst"));
    m.def("make_study_topology",
          &MakeStudyTopology,
          py::arg("name"),
          py::arg("length_km") = 5.0,
          "One of the study's small networks: star, h, line, symmetric.");
    m.def("load_gml_topology", &LoadGmlTopology, py::arg("path"));

    py::class_<QubitMemory> memory(m, "QubitMemory", "T1 and T2 of a qubit.");
    KeywordInit(memory);
    memory.def_readwrite("t1_s", &QubitMemory::t1_s).def_readwrite("t2_s", &QubitMemory::t2_s);
    FieldRepr(memory);

    py::class_<QuantumDevice> device(m,
                                     "QuantumDevice",
                                     "NV-centre device parameters (defaults: today's NV).");
    KeywordInit(device);
    device.def_readwrite("communicationQubits", &QuantumDevice::communicationQubits)
        .def_readwrite("storageQubits", &QuantumDevice::storageQubits)
        .def_readwrite("electronInitTime_s", &QuantumDevice::electronInitTime_s)
        .def_readwrite("carbonInitTime_s", &QuantumDevice::carbonInitTime_s)
        .def_readwrite("singleQubitGateTime_s", &QuantumDevice::singleQubitGateTime_s)
        .def_readwrite("carbonZRotationTime_s", &QuantumDevice::carbonZRotationTime_s)
        .def_readwrite("twoQubitGateTime_s", &QuantumDevice::twoQubitGateTime_s)
        .def_readwrite("measurementTime_s", &QuantumDevice::measurementTime_s)
        .def_readwrite("electronInitDepolar", &QuantumDevice::electronInitDepolar)
        .def_readwrite("carbonInitDepolar", &QuantumDevice::carbonInitDepolar)
        .def_readwrite("singleQubitGateDepolar", &QuantumDevice::singleQubitGateDepolar)
        .def_readwrite("twoQubitGateDepolar", &QuantumDevice::twoQubitGateDepolar)
        .def_readwrite("carbonZRotationDepolar", &QuantumDevice::carbonZRotationDepolar)
        .def_readwrite("readoutError0", &QuantumDevice::readoutError0)
        .def_readwrite("readoutError1", &QuantumDevice::readoutError1)
        .def_readwrite("carbonDephasingPerAttempt", &QuantumDevice::carbonDephasingPerAttempt)
        .def_readwrite("electron", &QuantumDevice::electron)
        .def_readwrite("carbon", &QuantumDevice::carbon)
        .def_readwrite("collectionEfficiency", &QuantumDevice::collectionEfficiency);
    m.def("load_quantum_device", &LoadQuantumDevice, py::arg("path"));

    py::class_<TableLink, LinkModel>(m, "TableLink", "Link capabilities from a table.");
    m.def("load_table_link",
          &LoadTableLink,
          py::arg("path"),
          py::arg("optics") = OpticalParameters{});

    py::class_<DecoherenceModel>(m, "DecoherenceModel", "Memory decoherence (by name).")
        .def(py::init(&MakeDecoherenceModel), py::arg("name"), "\"T1T2\" or \"Dephasing\".")
        .def("name", &DecoherenceModel::Name);

    py::enum_<ProtocolOp>(m, "ProtocolOp")
        .value("LinkGeneration", ProtocolOp::LinkGeneration)
        .value("Swap", ProtocolOp::Swap)
        .value("Distill", ProtocolOp::Distill);
    py::class_<ProtocolNode> protocolNode(m, "ProtocolNode", "A node of a protocol tree.");
    protocolNode.def_readonly("op", &ProtocolNode::op)
        .def_readonly("first", &ProtocolNode::first)
        .def_readonly("last", &ProtocolNode::last)
        .def_readonly("left", &ProtocolNode::left)
        .def_readonly("right", &ProtocolNode::right)
        .def_readonly("capability", &ProtocolNode::capability)
        .def_readonly("link", &ProtocolNode::link)
        .def_readonly("moves", &ProtocolNode::moves)
        .def_readonly("fidelity", &ProtocolNode::fidelity)
        .def_readonly("successProbability", &ProtocolNode::successProbability)
        .def_readonly("wait_s", &ProtocolNode::wait_s);
    FieldRepr(protocolNode);
    py::class_<Protocol>(m, "Protocol", "A repeater protocol over a path.")
        .def_readonly("path", &Protocol::path)
        .def_readonly("linkLengths_km", &Protocol::linkLengths_km)
        .def_readonly("nodes", &Protocol::nodes)
        .def_readonly("root", &Protocol::root)
        .def_readonly("fidelity", &Protocol::fidelity)
        .def_readonly("successProbability", &Protocol::successProbability)
        .def_readonly("duration_s", &Protocol::duration_s)
        .def_readonly("rate_hz", &Protocol::rate_hz)
        .def("summary", &Protocol::Summary);
    py::class_<TaskGraph>(m, "TaskGraph", "A protocol placed on the qubits.")
        .def_readonly("makespan_s", &TaskGraph::makespan_s)
        .def_readonly("fidelity", &TaskGraph::fidelity)
        .def_readonly("asapFidelity", &TaskGraph::asapFidelity)
        .def_readonly("successProbability", &TaskGraph::successProbability)
        .def_readonly("storage_s", &TaskGraph::storage_s)
        .def_readonly("asapStorage_s", &TaskGraph::asapStorage_s)
        .def("rate", &TaskGraph::Rate)
        .def("qubits_used", &TaskGraph::QubitsUsed);

    py::class_<SynthesisOptions> options(m, "SynthesisOptions", "Limits of the protocol search.");
    KeywordInit(options);
    options.def_readwrite("maxDistillRounds", &SynthesisOptions::maxDistillRounds)
        .def_readwrite("splitsPerSegment", &SynthesisOptions::splitsPerSegment)
        .def_readwrite("windowQuantile", &SynthesisOptions::windowQuantile)
        .def_readwrite("searchBudget", &SynthesisOptions::searchBudget)
        .def_readwrite("shortRouteBudget", &SynthesisOptions::shortRouteBudget)
        .def_readwrite("shortRouteHops", &SynthesisOptions::shortRouteHops);
    FieldRepr(options);
    py::class_<SynthesisResult>(m, "SynthesisResult", "A protocol, or why there is none.")
        .def_readonly("found", &SynthesisResult::found)
        .def_readonly("reason", &SynthesisResult::reason)
        .def_readonly("protocol", &SynthesisResult::protocol)
        .def_readonly("plan", &SynthesisResult::plan)
        .def_readonly("exact", &SynthesisResult::exact)
        .def_readonly("examined", &SynthesisResult::examined)
        .def_readonly("planned", &SynthesisResult::planned);
    m.def("synthesise_protocol",
          &SynthesiseProtocol,
          py::arg("topology"),
          py::arg("route"),
          py::arg("fmin"),
          py::arg("links"),
          py::arg("device"),
          py::arg("decoherence"),
          py::arg("options") = SynthesisOptions{},
          py::call_guard<py::gil_scoped_release>(),
          "The repeater protocol with the best rate whose planned fidelity is at least fmin on "
          "route; found == False with a reason when none is. ValueError for fmin outside "
          "(0.25, 1] or a route that is not a path of the topology.");
}

} // namespace planet::python
