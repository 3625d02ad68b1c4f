/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef QUANTUM_AGENT_H
#define QUANTUM_AGENT_H

#include "quantum-control-header.h"
#include "quantum-heralded-link.h"
#include "quantum-node-schedule.h"
#include "quantum-node.h"

#include "ns3/application.h"
#include "ns3/ipv4-address.h"
#include "ns3/random-variable-stream.h"
#include "ns3/socket.h"
#include "ns3/traced-callback.h"

#include <map>
#include <unordered_map>
#include <vector>

namespace ns3
{

/**
 * \ingroup planet
 * \brief The runtime of one quantum node: it receives its part of the schedule from the
 * controller and executes it, talking to the other nodes over UDP.
 *
 * From the schedule's activation on, hyperperiod after hyperperiod, every task starts at its
 * planned time, or later when what it needs is not there yet:
 * - a link generation takes its qubits (a qubit still held by an instance past its reservation
 *   is taken from it, which aborts that instance; an instance that is itself late loses),
 *   initialises the storage qubit and arms the link; on a success herald the pair half moves
 *   into storage; on a failure the
 *   instance is aborted, or with the retry policy the link tries again for another window if
 *   that still ends by the task's latest end (the instance's deadline less its planned tail);
 * - a swap waits for its two halves here (the herald and move of its own links, or the verdict
 *   of its own distillations: swaps commute, so it does not wait for swaps elsewhere), measures,
 *   and sends the outcome to the nodes that need the Pauli frame;
 * - a distillation waits for both pairs here and complete, applies its gates, reads the
 *   sacrificed half, sends the parity to the other node, and decides when it has the other's
 *   parity and the frames of both pairs; disagreeing parities abort the instance;
 * - the delivered pair's half goes to the application once this end has the frames of every
 *   swap; the controller is told (Delivered).
 * A pair older than the storage cutoff is discarded and aborts its instance. An abort frees the
 * instance's qubits here and is sent to the instance's other nodes and the controller.
 *
 * Idealisation: a task waiting for a late pair (a retried link) starts when the pair is there;
 * the news of the delay is not itself a message.
 */
class QuantumAgent : public Application
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
    QuantumAgent();

    /**
     * \brief Wire the agent.
     * \param node the quantum node it runs on
     * \param links the heralded links ending at the node, by topology link index
     * \param addresses control-network address of every topology node's agent
     * \param controller the controller's address
     */
    void Setup(Ptr<QuantumNode> node,
               const std::map<uint32_t, Ptr<QuantumHeraldedLink>>& links,
               const std::vector<Ipv4Address>& addresses,
               Ipv4Address controller);

    /// \return the UDP port agents and the controller listen on
    uint16_t GetPort() const;

    /**
     * \brief Use fixed random streams.
     * \param stream first stream index
     * \return streams used (1)
     */
    int64_t AssignStreams(int64_t stream);

    /// \return messages sent, by type name
    std::map<std::string, uint64_t> GetMessagesSent() const;
    /// \return schedules that arrived after their activation time
    uint64_t GetLateSchedules() const;

    /// Signature of the Delivered trace: demand, instance, fidelity (-1 when the other end
    /// gets the pair later), time.
    typedef void (*DeliveredCallback)(uint32_t demand, uint64_t seq, double fidelity, Time at);
    /// Signature of the Aborted trace: demand, instance, reason.
    typedef void (*AbortedCallback)(uint32_t demand, uint64_t seq, const std::string& reason);
    /// Signature of the Distillation trace: demand, instance, success, fidelity of the kept
    /// pair (its state after the step).
    typedef void (*DistillationCallback)(uint32_t demand,
                                         uint64_t seq,
                                         bool success,
                                         double fidelity);

  protected:
    void DoDispose() override;

  private:
    void StartApplication() override;
    void StopApplication() override;

    /// A schedule version as this node runs it.
    struct Version
    {
        planet::NodeSchedule schedule;                //!< as received
        uint32_t hyperperiods{0};                     //!< to run
        std::vector<uint32_t> group;                  //!< per task: its instance group
        std::vector<uint32_t> slot;                   //!< per task: index within the group
        std::vector<std::vector<uint32_t>> groups;    //!< group -> its tasks
        std::vector<std::vector<uint32_t>> consumers; //!< task -> tasks using its output here
        std::unordered_map<uint32_t, std::vector<uint32_t>> waiters; //!< swap id -> tasks
        std::unordered_map<uint32_t, uint32_t> byId;                 //!< schedule task id -> task
        std::map<std::pair<uint32_t, uint32_t>, uint32_t> groupOf;   //!< (demand, k) -> group
        std::map<uint32_t, uint32_t> demandIndex; //!< demand -> index in schedule.demands
    };

    /// What this node knows of one task of one instance.
    struct TaskState
    {
        bool startReached{false};   //!< its planned start has come
        bool begun{false};          //!< it started
        bool done{false};           //!< its output is here
        bool delivered{false};      //!< handed to the application
        uint32_t frames{0};         //!< swap outcomes received of those the verdict needs
        uint32_t deliveryFrames{0}; //!< swap outcomes received of those the delivery needs
        uint8_t frameX{0};          //!< their X bits
        int8_t own{-1};             //!< distill: parity read here
        int8_t peer{-1};            //!< distill: parity of the other node
    };

    /// One instance as this node knows it.
    struct Instance
    {
        uint32_t version{0};           //!< schedule version
        uint32_t group{0};             //!< its tasks
        uint64_t hyperperiod{0};       //!< hyperperiod it was released in
        bool aborted{false};           //!< given up
        std::vector<TaskState> states; //!< per task of the group
    };

    void HandleRead(Ptr<Socket> socket);
    void ReceiveSchedule(const QuantumControlHeader& header, Ptr<Packet> packet);
    void Install(uint32_t version, planet::NodeSchedule schedule);
    void Next(uint32_t version, uint64_t hyperperiod, uint32_t task);
    void TaskStart(uint32_t version, uint64_t hyperperiod, uint32_t task);

    /// The instance of \p key, created when \p create (null when unknown).
    Instance* Find(uint64_t key, bool create);
    const planet::NodeTask& TaskOf(const Instance& inst, uint32_t task) const;
    TaskState& StateOf(Instance& inst, uint32_t task);
    /// Start time of hyperperiod \p h of \p version.
    Time HyperperiodStart(uint32_t version, uint64_t h) const;

    void TryBegin(uint64_t key, Instance& inst, uint32_t task);
    void Begin(uint64_t key, Instance& inst, uint32_t task);
    void ReleasedQubits(uint64_t key, Instance& inst);
    /// The storage qubit of link task \p task is initialised: arm the link.
    void StorageReady(uint64_t key, uint32_t task);
    void ArmLink(uint64_t key, uint32_t task, const planet::NodeTask& t);
    bool Claim(uint64_t key, uint32_t qubit, Time reservedUntil, uint32_t demand);
    void OnHerald(uint64_t key, uint32_t task, bool success);
    void MoveDone(uint64_t key, uint32_t task);
    void SwapEnd(uint64_t key, uint32_t task, Time start);
    void DistillStart(Instance& inst, uint32_t task);
    void DistillEnd(uint64_t key, uint32_t task);
    void TryVerdict(uint64_t key, Instance& inst, uint32_t task);
    void TaskDone(uint64_t key, Instance& inst, uint32_t task);
    void TryDeliver(uint64_t key, Instance& inst, uint32_t task);
    void Abort(uint64_t key, uint8_t reason, bool broadcast);
    void OnPairEvent(uint64_t key, Ptr<EntangledPair> pair, QuantumNode::PairEvent event);
    void ScheduleCutoff(uint32_t version, Ptr<EntangledPair> pair);
    static void ExpirePair(Ptr<EntangledPair> pair);

    void Send(Ipv4Address to, const QuantumControlHeader& header);

    uint16_t m_port;                                                //!< UDP port
    Ptr<QuantumNode> m_node;                                        //!< the node
    std::map<uint32_t, Ptr<QuantumHeraldedLink>> m_links;           //!< links ending here
    std::vector<Ipv4Address> m_addresses;                           //!< agents, by topology node
    Ipv4Address m_controller;                                       //!< the controller
    Ptr<Socket> m_socket;                                           //!< control-plane socket
    Ptr<UniformRandomVariable> m_random;                            //!< outcomes, parities
    std::map<uint32_t, Version> m_versions;                         //!< schedules by version
    std::map<uint32_t, std::vector<std::vector<uint8_t>>> m_chunks; //!< partial schedules
    std::unordered_map<uint64_t, Instance> m_instances;             //!< instances by key
    std::map<uint8_t, uint64_t> m_sent;                             //!< messages sent by type
    uint64_t m_lateSchedules{0};                                    //!< arrived after activation

    TracedCallback<uint32_t, uint64_t, double, Time> m_deliveredTrace;     //!< Delivered
    TracedCallback<uint32_t, uint64_t, const std::string&> m_abortedTrace; //!< Aborted
    TracedCallback<uint32_t, uint64_t, bool, double> m_distillationTrace;  //!< Distillation
};

} // namespace ns3

#endif /* QUANTUM_AGENT_H */
