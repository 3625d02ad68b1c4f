/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef QUANTUM_CONTROLLER_H
#define QUANTUM_CONTROLLER_H

#include "quantum-control-header.h"
#include "quantum-measured-qos.h"
#include "quantum-network.h"

#include "ns3/application.h"
#include "ns3/nstime.h"
#include "ns3/quantum-qos-plan.h"
#include "ns3/socket.h"
#include "ns3/traced-callback.h"

#include <map>
#include <vector>

namespace ns3
{

/**
 * \ingroup planet
 * \brief The central controller of a quantum network, as an ns-3 application on the controller
 * node: it sends every node its part of a plan's schedule over the control network and
 * measures what the demands get from the nodes' reports.
 *
 * At its start it distributes the plan given by SetPlan() with version 1, to be activated
 * ActivationDelay later; Distribute() sends another version (it takes over at its own
 * activation). The schedule messages carry the execution policy (MissedWindow, StorageCutoff)
 * and how long to run (Duration, or Hyperperiods of the schedule). Delivered and Abort reports
 * give every released instance its outcome; GetMeasured() summarises them per demand.
 */
class QuantumController : public Application
{
  public:
    /// \brief What a link generation that misses its window does.
    enum MissedWindow
    {
        ABORT, //!< the instance is aborted
        RETRY, //!< another window, if it still ends in the instance's slack
    };

    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
    QuantumController();

    /// \brief The network it controls.
    void SetNetwork(Ptr<QuantumNetwork> network);
    /// \brief The plan distributed at the start.
    void SetPlan(const planet::QosPlan& plan);

    /**
     * \brief Send \p plan's schedule to the nodes now, to be executed from \p activation on.
     * \return its version
     */
    uint32_t Distribute(const planet::QosPlan& plan, Time activation);

    /// \return the version distributed last (0: none yet)
    uint32_t GetVersion() const;
    /// \return the activation time of \p version
    Time GetActivation(uint32_t version) const;
    /// \return how long \p version runs (instances released within it are executed)
    Time GetDuration(uint32_t version) const;
    /// \return the plan of \p version
    const planet::QosPlan& GetPlan(uint32_t version) const;
    /// \return the outcomes of the instances of \p demand released under \p version
    const std::vector<planet::InstanceOutcome>& GetOutcomes(uint32_t version,
                                                            uint32_t demand) const;
    /// \return the measured QoS of \p demand under \p version
    planet::MeasuredQos GetMeasured(uint32_t version, uint32_t demand) const;
    /// \return messages received, by type name
    std::map<std::string, uint64_t> GetMessagesReceived() const;
    /// \return messages sent (schedule chunks)
    uint64_t GetMessagesSent() const;

    /// Signature of the Delivered trace: demand, instance, fidelity, latency from release.
    typedef void (*DeliveredCallback)(uint32_t demand, uint64_t seq, double fidelity, Time latency);
    /// Signature of the Aborted trace: demand, instance, reason.
    typedef void (*AbortedCallback)(uint32_t demand, uint64_t seq, const std::string& reason);

  protected:
    void DoDispose() override;

  private:
    void StartApplication() override;
    void StopApplication() override;
    void HandleRead(Ptr<Socket> socket);

    /// A distributed version and the outcomes of its instances.
    struct Tracked
    {
        planet::QosPlan plan;                                              //!< the plan
        Time activation;                                                   //!< its activation
        Time duration;                                                     //!< how long it runs
        std::map<uint32_t, std::vector<planet::InstanceOutcome>> outcomes; //!< by demand
        std::map<uint32_t, std::vector<uint8_t>> reports; //!< delivered ends per instance
    };

    uint16_t m_port;             //!< UDP port
    Time m_activationDelay;      //!< from distribution to activation
    Time m_duration;             //!< run length (0: m_hyperperiods)
    uint32_t m_hyperperiods;     //!< run length in hyperperiods
    MissedWindow m_missedWindow; //!< policy
    Time m_cutoff;               //!< storage cutoff (0: none)

    Ptr<QuantumNetwork> m_network;          //!< the network
    planet::QosPlan m_plan;                 //!< distributed at the start
    Ptr<Socket> m_socket;                   //!< control-plane socket
    uint32_t m_version{0};                  //!< last version
    std::map<uint32_t, Tracked> m_tracked;  //!< by version
    std::map<uint8_t, uint64_t> m_received; //!< messages by type
    uint64_t m_sent{0};                     //!< messages sent

    TracedCallback<uint32_t, uint64_t, double, Time> m_deliveredTrace;     //!< Delivered
    TracedCallback<uint32_t, uint64_t, const std::string&> m_abortedTrace; //!< Aborted
};

} // namespace ns3

#endif /* QUANTUM_CONTROLLER_H */
