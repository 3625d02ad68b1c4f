// SPDX-License-Identifier: GPL-2.0-only
// Fuzz target: PSPLIB single-mode instances (planet-rcpsp FILE.sm), solved when they parse.
#include "fuzz-target.h"

#include "ns3/quantum-rcpsp-methods.h"
#include "ns3/quantum-rcpsp-psplib.h"

#include <sstream>

extern "C" int
LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    return PlanetFuzz(data, size, [](const std::string& text) {
        std::istringstream in(text);
        const planet::RcpspInstance instance = planet::ReadPsplibSm(in, "fuzz.sm");
        planet::RcpspOptions options;
        options.schedules = 4;
        const planet::RcpspResult r = planet::SolveRcpsp(instance, "genetic", options);
        if (r.makespan < r.lowerBound ||
            !planet::ValidateRcpspSchedule(instance, r.schedule).empty())
        {
            __builtin_trap(); // a silently wrong result
        }
    });
}
