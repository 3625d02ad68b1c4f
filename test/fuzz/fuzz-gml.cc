// SPDX-License-Identifier: GPL-2.0-only
// Fuzz target: GML topologies (planet-quantum --network=FILE.gml).
#include "fuzz-target.h"

#include "ns3/quantum-topology.h"

extern "C" int
LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    return PlanetFuzz(data, size, [](const std::string& text) {
        const planet::QuantumTopology t = planet::ParseGmlTopology(text, "fuzz.gml");
        if (t.Nodes().size() >= 2)
        {
            t.ShortestPath(0, static_cast<uint32_t>(t.Nodes().size() - 1));
        }
    });
}
