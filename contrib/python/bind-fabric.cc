// SPDX-License-Identifier: GPL-2.0-only

// The fabric's pure code from Python: leaf-spine shape and link numbering, wire framing, the
// ideal completion bound. Fields keep their C++ names (the runners' flag names); functions and
// methods are snake_case.

#include "bind-util.h"
#include "bind.h"

#include "ns3/fabric-leaf-spine.h"

#include <pybind11/stl.h>
#include <tuple>

namespace py = pybind11;

namespace planet::python
{

void
BindFabric(py::module_& m)
{
    py::class_<WireFormat> wire(m, "WireFormat", "Per-packet framing of messages on the wire.");
    KeywordInit(wire);
    wire.def_readwrite("mtuBytes", &WireFormat::mtuBytes, "payload bytes per packet")
        .def_readwrite("overheadBytes",
                       &WireFormat::overheadBytes,
                       "framing bytes per packet (headers + preamble + gap)")
        .def("packets", &WireFormat::Packets, py::arg("payload_bytes"))
        .def("wire_bytes", &WireFormat::WireBytes, py::arg("payload_bytes"))
        .def("validate", &WireFormat::Validate);
    FieldRepr(wire);

    py::enum_<LinkKind>(m, "LinkKind")
        .value("HostUp", LinkKind::HostUp)
        .value("HostDown", LinkKind::HostDown)
        .value("LeafUp", LinkKind::LeafUp)
        .value("SpineDown", LinkKind::SpineDown);

    py::class_<FabricLink> link(m, "FabricLink", "What one directed link connects.");
    link.def_readonly("kind", &FabricLink::kind)
        .def_readonly("host", &FabricLink::host)
        .def_readonly("leaf", &FabricLink::leaf)
        .def_readonly("spine", &FabricLink::spine)
        .def_readonly("parallel", &FabricLink::parallel);
    FieldRepr(link);

    py::class_<LeafSpineShape> shape(m,
                                     "LeafSpineShape",
                                     "A two-tier leaf-spine; hosts numbered leaf by leaf.");
    KeywordInit(shape);
    shape.def_readwrite("leaves", &LeafSpineShape::leaves)
        .def_readwrite("spines", &LeafSpineShape::spines)
        .def_readwrite("hostsPerLeaf", &LeafSpineShape::hostsPerLeaf)
        .def_readwrite("parallelLinks", &LeafSpineShape::parallelLinks)
        .def_readwrite("hostRateBps", &LeafSpineShape::hostRateBps)
        .def_readwrite("fabricRateBps", &LeafSpineShape::fabricRateBps)
        .def_readwrite("linkDelayS", &LeafSpineShape::linkDelayS)
        .def("validate", &LeafSpineShape::Validate)
        .def("hosts", &LeafSpineShape::Hosts)
        .def("leaf_of", &LeafSpineShape::LeafOf, py::arg("host"))
        .def("uplinks_per_leaf", &LeafSpineShape::UplinksPerLeaf)
        .def("oversubscription", &LeafSpineShape::Oversubscription)
        .def("hops", &LeafSpineShape::Hops, py::arg("src"), py::arg("dst"))
        .def("link_count", &LeafSpineShape::LinkCount)
        .def("host_up_link", &LeafSpineShape::HostUpLink, py::arg("host"))
        .def("host_down_link", &LeafSpineShape::HostDownLink, py::arg("host"))
        .def("leaf_up_link",
             &LeafSpineShape::LeafUpLink,
             py::arg("leaf"),
             py::arg("spine"),
             py::arg("parallel") = 0)
        .def("spine_down_link",
             &LeafSpineShape::SpineDownLink,
             py::arg("spine"),
             py::arg("leaf"),
             py::arg("parallel") = 0)
        .def("link", &LeafSpineShape::Link, py::arg("index"))
        .def("link_rate_bps", &LeafSpineShape::LinkRateBps, py::arg("index"))
        .def("link_name", &LeafSpineShape::LinkName, py::arg("index"));
    FieldRepr(shape);

    py::class_<FabricFlow> flow(m, "FabricFlow", "Payload bytes from one host to another.");
    flow.def(py::init([](uint32_t src, uint32_t dst, uint64_t bytes) {
                 return FabricFlow{src, dst, bytes};
             }),
             py::arg("src"),
             py::arg("dst"),
             py::arg("bytes"))
        .def(py::init([](const std::tuple<uint32_t, uint32_t, uint64_t>& t) {
                 return FabricFlow{std::get<0>(t), std::get<1>(t), std::get<2>(t)};
             }),
             py::arg("src_dst_bytes"))
        .def_readwrite("src", &FabricFlow::src)
        .def_readwrite("dst", &FabricFlow::dst)
        .def_readwrite("bytes", &FabricFlow::bytes);
    FieldRepr(flow);
    py::implicitly_convertible<py::tuple, FabricFlow>();

    py::class_<IdealBound> bound(m, "IdealBound", "Loads and times of the ideal bound.");
    bound.def_readonly("linkBytes", &IdealBound::linkBytes)
        .def_readonly("bottleneckLink", &IdealBound::bottleneckLink)
        .def_readonly("maxLinkBytes", &IdealBound::maxLinkBytes)
        .def_readonly("transferS", &IdealBound::transferS)
        .def_readonly("latencyS", &IdealBound::latencyS)
        .def_readonly("idealS", &IdealBound::idealS);

    m.def("compute_ideal_bound",
          &ComputeIdealBound,
          py::arg("shape"),
          py::arg("wire"),
          py::arg("flows"),
          "The ideal bound of concurrent flows (FabricFlow or (src, dst, bytes) tuples): every "
          "flow split perfectly over all equal-cost paths. Raises ValueError for a bad shape or "
          "a host out of range.");
}

} // namespace planet::python
