// SPDX-License-Identifier: GPL-2.0-only
// Fuzz target: demand lists (planet-quantum --demands) on the star network.
#include "fuzz-target.h"

#include "ns3/quantum-qos-plan.h"

extern "C" int
LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    static const planet::QuantumTopology star = planet::MakeStarTopology();
    return PlanetFuzz(data, size, [](const std::string& text) {
        planet::ParseQuantumDemands(text, "fuzz.json", star);
    });
}
