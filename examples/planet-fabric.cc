// SPDX-License-Identifier: GPL-2.0-only

// planet-fabric: RDMA flows on a leaf-spine fabric; `--PrintHelp` lists the parameters.
// Example: planet-fabric --workload=permutation --bytes=8000000 --mtu=9000 --routing=spray-rr

#include "ns3/fabric-scenario.h"

int
main(int argc, char** argv)
{
    return ns3::PlanetScenarioMain(ns3::FabricScenario::GetTypeId(), argc, argv);
}
