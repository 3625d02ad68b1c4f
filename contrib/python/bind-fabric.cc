// SPDX-License-Identifier: GPL-2.0-only

// The fabric's pure code from Python: leaf-spine shape and link numbering, wire framing, the
// ideal completion bound, the switches' ECMP hash and path pinning by entropy. Fields keep their
// C++ names (the runners' flag names); functions and methods are snake_case.

#include "bind-util.h"
#include "bind.h"

#include "ns3/fabric-ecmp.h"
#include "ns3/fabric-leaf-spine.h"

#include <pybind11/stl.h>
#include <tuple>

namespace py = pybind11;

namespace planet::python
{

namespace
{

/// A valid shape that has this host.
const LeafSpineShape&
Host(const LeafSpineShape& shape, uint32_t host, const char* name = "host")
{
    Valid(shape).CheckHost(host, name);
    return shape;
}

} // namespace

void
BindFabric(py::module_& m)
{
    py::class_<WireFormat> wire(m, "WireFormat", "Per-packet framing of messages on the wire.");
    KeywordInit(wire);
    // Fields are plain and writable: every method validates them first (ValueError, never a
    // division by zero or a wrapped size).
    wire.def_readwrite("mtuBytes", &WireFormat::mtuBytes, "payload bytes per packet")
        .def_readwrite("overheadBytes",
                       &WireFormat::overheadBytes,
                       "framing bytes per packet (headers + preamble + gap)")
        .def(
            "packets",
            [](const WireFormat& w, uint64_t bytes) { return Valid(w).Packets(bytes); },
            py::arg("payload_bytes"))
        .def(
            "wire_bytes",
            [](const WireFormat& w, uint64_t bytes) { return Valid(w).WireBytes(bytes); },
            py::arg("payload_bytes"))
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

    using Shape = LeafSpineShape;
    py::class_<Shape> shape(m,
                            "LeafSpineShape",
                            "A two-tier leaf-spine; hosts numbered leaf by leaf.");
    KeywordInit(shape);
    shape.def_readwrite("leaves", &Shape::leaves)
        .def_readwrite("spines", &Shape::spines)
        .def_readwrite("hostsPerLeaf", &Shape::hostsPerLeaf)
        .def_readwrite("parallelLinks", &Shape::parallelLinks)
        .def_readwrite("hostRateBps", &Shape::hostRateBps)
        .def_readwrite("fabricRateBps", &Shape::fabricRateBps)
        .def_readwrite("linkDelayS", &Shape::linkDelayS)
        .def("validate", &Shape::Validate)
        .def("hosts", [](const Shape& s) { return Valid(s).Hosts(); })
        .def(
            "leaf_of",
            [](const Shape& s, uint32_t host) { return Host(s, host).LeafOf(host); },
            py::arg("host"))
        .def("uplinks_per_leaf", [](const Shape& s) { return Valid(s).UplinksPerLeaf(); })
        .def("oversubscription", [](const Shape& s) { return Valid(s).Oversubscription(); })
        .def(
            "hops",
            [](const Shape& s, uint32_t src, uint32_t dst) {
                Host(s, src, "src").CheckHost(dst, "dst");
                return s.Hops(src, dst);
            },
            py::arg("src"),
            py::arg("dst"))
        .def("link_count", [](const Shape& s) { return Valid(s).LinkCount(); })
        .def(
            "host_up_link",
            [](const Shape& s, uint32_t host) { return Host(s, host).HostUpLink(host); },
            py::arg("host"))
        .def(
            "host_down_link",
            [](const Shape& s, uint32_t host) { return Host(s, host).HostDownLink(host); },
            py::arg("host"))
        .def(
            "leaf_up_link",
            [](const Shape& s, uint32_t leaf, uint32_t spine, uint32_t parallel) {
                Valid(s).CheckLeafSpine(leaf, spine, parallel);
                return s.LeafUpLink(leaf, spine, parallel);
            },
            py::arg("leaf"),
            py::arg("spine"),
            py::arg("parallel") = 0)
        .def(
            "spine_down_link",
            [](const Shape& s, uint32_t spine, uint32_t leaf, uint32_t parallel) {
                Valid(s).CheckLeafSpine(leaf, spine, parallel);
                return s.SpineDownLink(spine, leaf, parallel);
            },
            py::arg("spine"),
            py::arg("leaf"),
            py::arg("parallel") = 0)
        .def(
            "link",
            [](const Shape& s, uint32_t i) { return Valid(s).Link(i); },
            py::arg("index"))
        .def(
            "link_rate_bps",
            [](const Shape& s, uint32_t i) {
                Valid(s).Link(i); // IndexError past the last link
                return s.LinkRateBps(i);
            },
            py::arg("index"))
        .def(
            "link_name",
            [](const Shape& s, uint32_t i) { return Valid(s).LinkName(i); },
            py::arg("index"));
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

    py::class_<HashTarget> target(m,
                                  "HashTarget",
                                  "One switch on a path: its seed, its equal-cost group's size, "
                                  "the member the path takes.");
    KeywordInit(target);
    target.def_readwrite("seed", &HashTarget::seed)
        .def_readwrite("members", &HashTarget::members)
        .def_readwrite("member", &HashTarget::member);
    FieldRepr(target);

    py::class_<EcmpFabric> ecmp(m,
                                "EcmpFabric",
                                "A leaf-spine fabric's ECMP hash seeds, one per leaf and spine.");
    KeywordInit(ecmp);
    ecmp.def_readwrite("shape", &EcmpFabric::shape)
        .def_readwrite("leafSeeds", &EcmpFabric::leafSeeds)
        .def_readwrite("spineSeeds", &EcmpFabric::spineSeeds);
    FieldRepr(ecmp);

    m.def(
        "ecmp_member",
        [](uint32_t seed, uint32_t src, uint32_t dst, uint32_t entropy, uint32_t members) {
            if (members == 0)
            {
                throw py::value_error("ecmp_member: members must be at least 1");
            }
            return EcmpMember(seed, src, dst, entropy, members);
        },
        py::arg("seed"),
        py::arg("src"),
        py::arg("dst"),
        py::arg("entropy"),
        py::arg("members"),
        "The member of an equal-cost group of `members` ports a switch with this seed picks for "
        "a packet (src, dst, entropy).");
    m.def("path_targets",
          &PathTargets,
          py::arg("fabric"),
          py::arg("src"),
          py::arg("dst"),
          py::arg("path_id"),
          "The switches that choose a port on path `path_id` from src to dst (HashTarget list). "
          "Raises ValueError for a host out of range or seeds that do not fit the shape.");
    m.def("path_entropy",
          &PathEntropy,
          py::arg("fabric"),
          py::arg("src"),
          py::arg("dst"),
          py::arg("path_id"),
          py::arg("start") = 0,
          "The first entropy (UDP source port) from `start` on that pins src -> dst to path "
          "`path_id` at every switch. Raises ValueError as path_targets, or when no port works.");
}

} // namespace planet::python
