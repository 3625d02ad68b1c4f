// SPDX-License-Identifier: GPL-2.0-only

// Shared by the fabric and RDMA test suites: run planet-fabric's scenario in-process.

#ifndef PLANET_FABRIC_TEST_UTIL_H
#define PLANET_FABRIC_TEST_UTIL_H

#include "ns3/fabric-leaf-spine-helper.h"
#include "ns3/fabric-scenario.h"
#include "ns3/rdma-stack.h"

#include <map>
#include <string>

namespace ns3
{
namespace planettest
{

/// A small fabric: 4 leaves x 2 hosts, 4 spines, 100 Gbps, 1 us; params override.
inline std::map<std::string, std::string>
SmallFabric(std::map<std::string, std::string> params)
{
    const std::map<std::string, std::string> defaults{{"leaves", "4"},
                                                      {"spines", "4"},
                                                      {"hostsPerLeaf", "2"}};
    for (const auto& [k, v] : defaults)
    {
        params.emplace(k, v);
    }
    return params;
}

/// Run the planet-fabric scenario; `built` (if not null) sees the network before it runs.
inline nlohmann::json
RunFabric(const std::map<std::string, std::string>& params,
          Callback<void, const LeafSpineHelper&, const std::vector<Ptr<RdmaStack>>&> built =
              Callback<void, const LeafSpineHelper&, const std::vector<Ptr<RdmaStack>>&>())
{
    Ptr<FabricScenario> scenario = CreateObject<FabricScenario>();
    scenario->Configure(params);
    if (!built.IsNull())
    {
        scenario->TraceConnectWithoutContext("NetworkBuilt", built);
    }
    return scenario->Run();
}

} // namespace planettest
} // namespace ns3

#endif /* PLANET_FABRIC_TEST_UTIL_H */
