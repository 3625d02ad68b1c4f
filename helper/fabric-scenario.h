// SPDX-License-Identifier: GPL-2.0-only

#ifndef FABRIC_SCENARIO_H
#define FABRIC_SCENARIO_H

#include "fabric-leaf-spine-helper.h"
#include "fabric-workload-helper.h"
#include "planet-scenario.h"

#include "ns3/data-rate.h"
#include "ns3/nstime.h"
#include "ns3/traced-callback.h"

#include <map>
#include <memory>
#include <string>

namespace ns3
{

class FabricTimeSeries;
class RdmaStack;

/**
 * \ingroup planet
 * \brief The planet-fabric experiment: a workload of RDMA flows on a leaf-spine fabric.
 *
 * DoRunScenario() reads as its steps, each a function of its own: the parameters (Shape(),
 * Wire(), WorkloadConfig(), checked), the workload as a flow graph (FabricWorkloadHelper: a
 * permutation, incast, alltoall, a traffic-matrix file with htsim's triggers, or a collective
 * workload), the network (BuildNetwork(): LeafSpineHelper and RdmaHelper with the chosen
 * routing and loss recovery), the run (CollectiveApplications execute the graph), the record
 * (completion_s, ideal_s, bytes, per-flow, per-link and transport statistics). A flow is done
 * when --flowDone says (default: its sender has the last acknowledgement, as in htsim).
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

    /// The fabric and the transport of a run.
    struct Network
    {
        std::unique_ptr<LeafSpineHelper> fabric; //!< switches, hosts, links
        std::vector<Ptr<RdmaStack>> stacks;      //!< by host id
    };

    /// \brief The fabric's shape from the parameters (validated).
    planet::LeafSpineShape Shape() const;
    /// \brief The wire format from the parameters (validated).
    planet::WireFormat Wire() const;
    /**
     * \brief The workload parameters (choices checked).
     * \param draw the random source of the random workloads (permutation, incast)
     */
    FabricWorkloadConfig WorkloadConfig(const planet::UniformIndex& draw) const;
    /// \brief Build the fabric and install the transport on its hosts.
    Network BuildNetwork(const planet::LeafSpineShape& shape) const;
    /// \brief The network's part of the record: links, drops, marks, retransmissions, timeouts.
    static nlohmann::json NetworkRecord(const Network& network, double endS);
    /// \brief The congestion control's part: name, parameters, CNPs, decreases, telemetry.
    static nlohmann::json CongestionControlRecord(const std::vector<Ptr<RdmaStack>>& stacks);

    /// \brief The parameters each --fabric preset stands for (one table; lossy: today's).
    static const std::map<std::string, std::map<std::string, std::string>>& FabricPresets();

  protected:
    nlohmann::json DoRunScenario() override;
    std::map<std::string, std::string> ExpandPresets(
        const std::map<std::string, std::string>& params) const override;

  private:
    /// Write the time series' CSV files; return the record's "traces" (their paths).
    nlohmann::json WriteSeries(FabricTimeSeries& series, bool queues) const;

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
    Time m_flowletGap;
    std::string m_recovery;
    std::string m_cc;
    std::string m_ccParams;
    uint32_t m_mtu;
    uint32_t m_overheadBytes;
    uint64_t m_bufferBytes;
    bool m_ecn;
    uint64_t m_ecnKmin;
    uint64_t m_ecnKmax;
    double m_ecnPmax;
    std::string m_ecnMarkAt;
    std::string m_fabric;
    bool m_pfc;
    bool m_sharedBuffer;
    uint64_t m_switchBufferBytes;
    uint64_t m_switchBufferBytesPerPort;
    uint64_t m_reservedBytes;
    double m_dtAlpha;
    double m_pfcAlpha;
    uint64_t m_pfcXoffBytes;
    uint64_t m_headroomBytes;
    uint32_t m_pauseQuanta;
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
    // collective workloads (FabricWorkloadHelper)
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
    std::string m_flowDone;
    bool m_reuseConnections;
    bool m_flowRecords;
    std::string m_traceQueues;
    bool m_traceRates;
    Time m_sampleInterval;
    std::string m_tracePrefix;

    /// Fired after the network is built, before the simulation runs (for tests and tools).
    TracedCallback<const LeafSpineHelper&, const std::vector<Ptr<RdmaStack>>&> m_networkBuilt;
};

} // namespace ns3

#endif /* FABRIC_SCENARIO_H */
