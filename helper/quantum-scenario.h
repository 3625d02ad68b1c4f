/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef QUANTUM_SCENARIO_H
#define QUANTUM_SCENARIO_H

#include "planet-scenario.h"

#include "ns3/quantum-qos-plan.h"
#include "ns3/traced-callback.h"

#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup planet
 * \brief The planet-quantum experiment: a central controller plans entanglement delivery for a
 * set of demands on a quantum network.
 *
 * Builds the network (one of the study's small networks, or a GML file), takes the demands (a
 * JSON file, or random ones drawn from an ns-3 random stream), and calls
 * planet::PlanQuantumNetwork(): routes, protocol synthesis, task graphs, periodic jobs,
 * admission control and one hyperperiod of schedule by the chosen scheduler. The record holds
 * the per-demand QoS figures (`demands`), every task of one hyperperiod (`schedule`) and
 * `throughput_ebit_s`.
 *
 * With Execute (the default) the plan is then executed in ns-3 (ExecuteQuantumPlan: quantum
 * nodes, heralded links, the controller and its control network) for Duration seconds or
 * Hyperperiods hyperperiods, and the record gets `measured` per demand and overall beside the
 * planned figures; with Execute false it is a plan only (`plan_only`).
 *
 * Random demands: src and dst uniformly among the end nodes (distinct), fmin = Fmin, rate 2^k
 * pairs per second with k uniform among the integers in [log2 MinRate, log2 MaxRate]; drawn
 * from one UniformRandomVariable on stream 0, so Seed and Run change them.
 */
class QuantumScenario : public PlanetScenario
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
    QuantumScenario();

    void PrintSummary(const nlohmann::json& record, std::ostream& os) const override;

    /// Signature of the Planned trace: the topology and the finished plan.
    typedef void (*PlannedCallback)(const planet::QuantumTopology& topology,
                                    const planet::QosPlan& plan);

  protected:
    nlohmann::json DoRunScenario() override;

  private:
    /// \return the network named by the Network attribute
    planet::QuantumTopology MakeNetwork() const;
    /// \return the demands from the Demands file, or random ones
    std::vector<planet::QuantumDemand> MakeDemands(const planet::QuantumTopology& topology) const;

    std::string m_network;      //!< star|h|line|symmetric|FILE
    double m_linkLength;        //!< km, for the study's networks
    std::string m_demands;      //!< JSON file of demands ("" for random ones)
    uint32_t m_randomDemands;   //!< number of random demands
    double m_fmin;              //!< fmin of random demands
    double m_minRate;           //!< lowest rate of random demands
    double m_maxRate;           //!< highest rate of random demands
    std::string m_scheduler;    //!< periodic scheduler name
    std::string m_qubitMapping; //!< qubit mapping rule name
    uint64_t m_engineSchedules; //!< PLANET-RCPSP engine budget
    double m_slot;              //!< slot length in seconds
    std::string m_hardware;     //!< a planet::HardwareProfiles() name
    std::string m_links;        //!< auto|single-click|double-click|FILE
    std::string m_device;       //!< "" (NV defaults) or a device file
    std::string m_decoherence;  //!< T1T2|Dephasing
    bool m_execute;             //!< run the plan in ns-3
    double m_duration;          //!< run length in seconds (0: m_hyperperiods)
    uint32_t m_hyperperiods;    //!< run length in hyperperiods
    double m_windowQuantile;    //!< link windows (0: 1/rate)
    std::string m_missedWindow; //!< abort|retry
    double m_storageCutoff;     //!< seconds (0: none)
    double m_controlStretch;    //!< control fibre length / quantum fibre length

    /// Fired when the plan is made (for tests and tools).
    TracedCallback<const planet::QuantumTopology&, const planet::QosPlan&> m_planned;
};

} // namespace ns3

#endif /* QUANTUM_SCENARIO_H */
