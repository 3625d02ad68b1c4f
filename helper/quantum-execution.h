/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef QUANTUM_EXECUTION_H
#define QUANTUM_EXECUTION_H

#include "ns3/quantum-device.h"
#include "ns3/quantum-link.h"
#include "ns3/quantum-qos-plan.h"
#include "ns3/quantum-topology.h"

#include <memory>
#include <nlohmann/json.hpp>
#include <string>

namespace ns3
{

/// \ingroup planet
/// \brief How ExecuteQuantumPlan() runs a plan.
struct QuantumExecutionOptions
{
    double duration_s{0};              //!< run length (0: hyperperiods of the schedule)
    uint32_t hyperperiods{10};         //!< run length when duration_s is 0
    std::string missedWindow{"abort"}; //!< "abort" or "retry"
    double cutoff_s{0};                //!< storage cutoff (0: none)
    double controlFibreStretch{1.0};   //!< control fibre length / quantum fibre length
    int64_t stream{1};                 //!< first random stream
};

/**
 * \ingroup planet
 * \brief Execute \p plan in ns-3 and measure what every demand gets: builds the network with
 * QuantumNetworkHelper, installs the controller with QuantumControllerHelper, runs the
 * simulation to its end, and summarises the controller's outcomes.
 * \return {"overall": {...}, "demands": [one object per demand of the plan, null for the
 * rejected ones]}; the fields are those of planet-quantum's `measured` (README)
 */
nlohmann::json ExecuteQuantumPlan(const planet::QuantumTopology& topology,
                                  const planet::QosPlan& plan,
                                  const planet::QuantumDevice& device,
                                  std::shared_ptr<const planet::LinkModel> links,
                                  const std::string& decoherence,
                                  const QuantumExecutionOptions& options);

} // namespace ns3

#endif /* QUANTUM_EXECUTION_H */
