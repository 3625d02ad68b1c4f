// SPDX-License-Identifier: GPL-2.0-only
// Fuzz target: GraphML topologies (planet-quantum --network=FILE.graphml).
#include "fuzz-target.h"

#include "ns3/quantum-topology.h"

extern "C" int
LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    return PlanetFuzz(data, size, [](const std::string& text) {
        const planet::QuantumTopology t = planet::ParseGraphmlTopology(text, "fuzz.graphml");
        t.QubitCount();
    });
}
