// SPDX-License-Identifier: GPL-2.0-only

#ifndef FABRIC_SCENARIO_H
#define FABRIC_SCENARIO_H

#include "planet-scenario.h"

#include "ns3/data-rate.h"
#include "ns3/nstime.h"
#include "ns3/traced-callback.h"

#include <string>

namespace ns3
{

class LeafSpineHelper;
class RdmaStack;

/**
 * \ingroup planet
 * \brief The planet-fabric experiment: a workload of RDMA flows on a leaf-spine fabric.
 *
 * Builds the fabric (LeafSpineHelper), installs the transport (RdmaHelper) with the chosen
 * routing (path selection) and loss recovery, runs the workload (permutation, incast,
 * alltoall, or a traffic-matrix file with htsim triggers) and returns completion_s, ideal_s,
 * bytes, per-flow and per-link statistics. One queue pair per flow; a flow is done when its
 * last byte has been delivered to the receiving application.
 */
class FabricScenario : public PlanetScenario
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
    FabricScenario();

    void PrintSummary(const nlohmann::json& record, std::ostream& os) const override;

    /// Signature of the NetworkBuilt trace: the fabric and the stacks by host id.
    typedef void (*NetworkBuiltCallback)(const LeafSpineHelper& fabric,
                                         const std::vector<Ptr<RdmaStack>>& stacks);

  protected:
    nlohmann::json DoRunScenario() override;

  private:
    uint32_t m_leaves;
    uint32_t m_spines;
    uint32_t m_hostsPerLeaf;
    uint32_t m_parallelLinks;
    DataRate m_hostRate;
    DataRate m_fabricRate;
    Time m_linkDelay;
    std::string m_workload;
    uint64_t m_bytes;
    uint32_t m_incastSenders;
    std::string m_matrix;
    std::string m_routing;
    std::string m_recovery;
    uint32_t m_mtu;
    uint32_t m_overheadBytes;
    uint64_t m_bufferBytes;
    bool m_ecn;
    uint64_t m_ecnKmin;
    uint64_t m_ecnKmax;
    double m_ecnPmax;
    uint32_t m_ackEvery;
    uint64_t m_windowBytes;
    Time m_rto;
    Time m_rtoLow;
    uint32_t m_rtoLowPackets;
    uint32_t m_reorderTolerance;
    std::string m_pinning;
    std::string m_loss;
    std::string m_scheduler;
    Time m_stopTime;
    // collective workloads (CollectiveWorkload, collective-scenario.h)
    uint32_t m_jobs;
    uint32_t m_ranks;
    std::string m_placement;
    std::string m_hosts;
    bool m_shareWindow;
    bool m_jointPlanning;
    std::string m_splits;
    uint32_t m_iterations;
    Time m_forwardTime;
    Time m_computeTime;
    uint32_t m_buckets;
    std::string m_trainingCollective;
    uint64_t m_chunkBytes;

    /// Fired after the network is built, before the simulation runs (for tests and tools).
    TracedCallback<const LeafSpineHelper&, const std::vector<Ptr<RdmaStack>>&> m_networkBuilt;
};

} // namespace ns3

#endif /* FABRIC_SCENARIO_H */
