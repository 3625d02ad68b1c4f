// SPDX-License-Identifier: GPL-2.0-only
// Fuzz target: traffic matrices (planet-fabric --matrix).
#include "fuzz-target.h"

#include "ns3/fabric-workload.h"

#include <sstream>

extern "C" int
LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    return PlanetFuzz(data, size, [](const std::string& text) {
        std::istringstream in(text);
        const planet::TrafficMatrix m = planet::ParseTrafficMatrix(in, "fuzz.tm");
        planet::CheckFlowHosts(m.flows, 64, "fuzz.tm");
        planet::LeafSpineShape shape;
        shape.leaves = 8;
        planet::ComputeIdealBound(shape, planet::WireFormat{}, planet::ToFabricFlows(m.flows));
    });
}
