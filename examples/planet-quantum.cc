/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// planet-quantum: plan entanglement delivery for a set of demands on a quantum network
// (routing, protocol synthesis, periodic scheduling, admission control). `--PrintHelp` lists
// the flags; `--json=PATH` writes the record.

#include "ns3/quantum-scenario.h"

int
main(int argc, char** argv)
{
    return ns3::PlanetScenarioMain(ns3::QuantumScenario::GetTypeId(), argc, argv);
}
