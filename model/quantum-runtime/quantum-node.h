/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef QUANTUM_RUNTIME_NODE_H
#define QUANTUM_RUNTIME_NODE_H

#include "ns3/callback.h"
#include "ns3/event-id.h"
#include "ns3/node.h"
#include "ns3/nstime.h"
#include "ns3/quantum-device.h"
#include "ns3/quantum-fidelity.h"
#include "ns3/quantum-topology.h"
#include "ns3/simple-ref-count.h"
#include "ns3/traced-callback.h"

#include <array>
#include <cstdint>
#include <map>
#include <memory>
#include <vector>

namespace ns3
{

class QuantumNode;

/**
 * \ingroup planet
 * \brief Names one instance of one demand's job under one schedule version, packed into 64
 * bits (the owner of qubits and pairs, and the subject of control messages): version 8 bits,
 * demand 24 bits, instance number since the version's activation 32 bits.
 */
struct QuantumInstance
{
    /// \return the key of instance \p seq of demand \p demand under schedule \p version
    static uint64_t Key(uint32_t version, uint32_t demand, uint64_t seq)
    {
        return (uint64_t(version & 0xff) << 56) | (uint64_t(demand & 0xffffff) << 32) |
               (seq & 0xffffffff);
    }

    /// \return the schedule version of \p key
    static uint32_t Version(uint64_t key)
    {
        return static_cast<uint32_t>(key >> 56);
    }

    /// \return the demand of \p key
    static uint32_t Demand(uint64_t key)
    {
        return static_cast<uint32_t>((key >> 32) & 0xffffff);
    }

    /// \return the instance number of \p key
    static uint64_t Seq(uint64_t key)
    {
        return key & 0xffffffff;
    }
};

/**
 * \ingroup planet
 * \brief An entangled pair in Werner form, shared by the two qubits that hold its halves.
 *
 * The state is the fidelity at the time it was last updated; Fidelity(now) applies the
 * network's decoherence model for the time since (lazily: only when the pair is used), with
 * the memories of the two qubits holding it, and becomes the new state. Operations replace the
 * state (SetState). Owner is the instance of the demand it serves (see QuantumAgent::Key).
 */
class EntangledPair : public SimpleRefCount<EntangledPair>
{
  public:
    /// \brief One half: the node and local qubit holding it, and that qubit's memory.
    struct End
    {
        QuantumNode* node{nullptr};   //!< node holding the half
        uint32_t qubit{0};            //!< local qubit index there
        planet::QubitMemory memory{}; //!< its T1/T2
    };

    /**
     * \param fidelity fidelity at \p now
     * \param now creation time
     * \param a one half
     * \param b the other half
     * \param owner the instance it serves
     * \param model the decoherence model (outlives the pair)
     */
    EntangledPair(double fidelity,
                  Time now,
                  End a,
                  End b,
                  uint64_t owner,
                  const planet::DecoherenceModel* model);

    /// \brief Fidelity at \p now (decoheres the stored state up to \p now).
    double Fidelity(Time now);
    /// \brief Sets the state after an operation: \p fidelity at \p at (which may be after now:
    /// the operation's end; decoherence restarts then).
    void SetState(double fidelity, Time at);
    /// \brief The half at \p node (0 or 1); the other is 1 - that.
    uint32_t Side(const QuantumNode* node) const;
    /// \brief Decoheres the state up to \p now, then one half keeps coherence factor
    /// \p coherence (planet::OperationModel::AfterDephasing).
    void Dephase(double coherence, Time now);

    std::array<End, 2> ends; //!< its halves
    uint64_t owner;          //!< instance it serves
    Time created;            //!< herald of the oldest link pair it is made of
    uint8_t xFrame{0};       //!< X part of its Pauli frame (parities of a distillation use it)
    uint32_t delivered{0};   //!< ends that handed it to their application
    EventId cutoff;          //!< its storage-cutoff expiry
    bool broken{false};      //!< a half was discarded or measured

    /// \brief State of a distillation that keeps this pair (shared by its two nodes).
    struct Distillation
    {
        uint32_t task{~0u};                   //!< schedule task id of the step
        uint32_t started{0};                  //!< nodes that applied their gates
        bool decided{false};                  //!< the outcome is drawn
        bool success{false};                  //!< the parities agree
        uint8_t frameX{0};                    //!< X frame of both pairs
        std::array<int8_t, 2> bits{{-1, -1}}; //!< parity read at end 0 / 1 (-1: not yet)
    } distillation;                           //!< see QuantumAgent

  private:
    double m_fidelity;                       //!< at m_updated
    Time m_updated;                          //!< when m_fidelity holds
    const planet::DecoherenceModel* m_model; //!< decoherence
};

/**
 * \ingroup planet
 * \brief A quantum network node: an ns-3 Node with a qubit register and the device's
 * operations.
 *
 * Qubits 0 .. c-1 are communication qubits (they take part in link generation), c .. c+s-1
 * storage qubits, as in planet::QuantumNode. Each qubit is either free, or held by one instance
 * of one demand (its owner) until a planned time (its reservation), with or without a pair
 * half in it; it never holds two. The operations apply the device's noise
 * (planet::OperationModel) to the pairs and report on trace sources:
 * - AttemptsMade: a link's attempts dephase the halves stored in storage qubits (all of them,
 *   whichever instance they serve);
 * - MoveToStorage: a pair half from a communication qubit into a storage qubit
 *   (planet::OperationModel::MoveCircuit, after the storage qubit's initialisation);
 * - BellMeasurement: the entanglement swap of the pairs in two local qubits, which makes a pair
 *   between the two far ends and frees both qubits;
 * - distillation (BBPSSW) is executed by the nodes' agents with OperationModel::NoisyDistill.
 * Electron initialisation and photon emission are part of a link's attempt (its capability's
 * attempt time; the initialisation noise is applied to the heralded pair,
 * planet::OperationModel::AfterGeneration).
 *
 * The register also measures occupancy: the time each qubit is held, in total and by demand.
 */
class QuantumNode : public Node
{
  public:
    /// No owner.
    static constexpr uint64_t kFree = ~uint64_t(0);

    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
    QuantumNode();

    /**
     * \brief Configure the node.
     * \param index its topology index
     * \param info its qubits (from the topology)
     * \param device device parameters (noise, durations, memories)
     * \param decoherence the network's decoherence model (must outlive the node)
     */
    void Configure(uint32_t index,
                   const planet::QuantumNode& info,
                   const planet::QuantumDevice& device,
                   std::shared_ptr<const planet::DecoherenceModel> decoherence);

    /// \return the topology index
    uint32_t GetIndex() const;
    /// \return the number of qubits
    uint32_t GetQubits() const;
    /// \return the number of communication qubits
    uint32_t GetCommunicationQubits() const;
    /// \return the device's operations
    const planet::OperationModel& GetOperations() const;
    /// \return the decoherence model
    const planet::DecoherenceModel& GetDecoherence() const;
    /// \return the memory of qubit \p qubit
    const planet::QubitMemory& GetMemory(uint32_t qubit) const;

    /// \return the owner of qubit \p qubit (kFree when free)
    uint64_t GetOwner(uint32_t qubit) const;
    /// \return the end of the reservation of qubit \p qubit
    Time GetReservedUntil(uint32_t qubit) const;
    /// \return the pair half in qubit \p qubit (null when none)
    Ptr<EntangledPair> GetPair(uint32_t qubit) const;

    /**
     * \brief Take free qubit \p qubit for \p owner (serving \p demand) until \p reservedUntil.
     */
    void Take(uint32_t qubit, uint64_t owner, uint32_t demand, Time reservedUntil);
    /// \brief Put a pair half into qubit \p qubit, which its owner holds and which is empty.
    void Store(uint32_t qubit, Ptr<EntangledPair> pair);
    /// \brief Free qubit \p qubit; a pair half in it is discarded (the pair is broken).
    void Release(uint32_t qubit);
    /// \brief Free every qubit \p owner holds. \return how many
    uint32_t ReleaseOwnedBy(uint64_t owner);

    /// \return the time to initialise a storage qubit before the attempts of a link that moves
    /// its pair into it
    Time GetStoragePreparationTime() const;
    /// \return the time to move a half into storage (the move circuit, after the herald)
    Time GetMoveTime() const;
    /// \return the time of a Bell-state measurement
    Time GetSwapTime() const;
    /// \return the local time of a distillation step (gates and readout)
    Time GetDistillTime() const;

    /// \brief \p attempts electron entanglement attempts were made here: every half stored in a
    /// storage qubit dephases (planet::OperationModel::AttemptCoherence).
    void AttemptsMade(uint64_t attempts);
    /// \brief Move the half in \p communication to \p storage (both held by its owner); the
    /// communication qubit is freed.
    void MoveToStorage(uint32_t communication, uint32_t storage);
    /**
     * \brief Swap the pairs in \p left and \p right: both decohere up to \p start, the swap's
     * noise applies, and a pair between their far ends replaces them there (state at now,
     * created when the older input was, X frame the inputs' and \p outcomeX). Frees both
     * qubits.
     * \return the new pair
     */
    Ptr<EntangledPair> BellMeasurement(uint32_t left, uint32_t right, Time start, uint8_t outcomeX);

    /// \return seconds qubits were held until now, over all qubits
    double GetBusySeconds() const;
    /// \return seconds qubits were held until now, per demand
    std::map<uint32_t, double> GetBusySecondsByDemand() const;

    /// Signature of the Swap trace: demand, instance number, fidelity of the new pair.
    typedef void (*SwapCallback)(uint32_t demand, uint64_t seq, double fidelity);
    /// Signature of the Occupancy trace: qubit, owner (kFree when freed), pair half or not.
    typedef void (*OccupancyCallback)(uint32_t qubit, uint64_t owner, bool pair);

    /// \brief What happened to a pair a node holds a half of, told to its agent.
    enum class PairEvent
    {
        Changed, //!< a swap elsewhere made it a new pair
        Expired, //!< it is older than the storage cutoff
    };
    /// \brief The agent's handler of pair events (instance, pair, event).
    void SetPairEventCallback(Callback<void, uint64_t, Ptr<EntangledPair>, PairEvent> callback);
    /// \brief Tell this node's agent about \p pair.
    void NotifyPair(uint64_t owner, Ptr<EntangledPair> pair, PairEvent event);

  protected:
    void DoDispose() override;

  private:
    /// One qubit of the register.
    struct Qubit
    {
        uint64_t owner{kFree};   //!< instance holding it
        uint32_t demand{0};      //!< demand of the owner
        Time reservedUntil;      //!< end of the owner's reservation
        Ptr<EntangledPair> pair; //!< half held, if any
        Time since;              //!< taken at
    };

    uint32_t m_index{0};                                                 //!< topology index
    uint32_t m_communication{0};                                         //!< communication qubits
    std::vector<Qubit> m_qubits;                                         //!< the register
    std::unique_ptr<planet::OperationModel> m_ops;                       //!< device operations
    std::shared_ptr<const planet::DecoherenceModel> m_decoherence;       //!< memory noise
    double m_busy_s{0};                                                  //!< held qubit-seconds
    std::map<uint32_t, double> m_busyByDemand;                           //!< the same per demand
    Callback<void, uint64_t, Ptr<EntangledPair>, PairEvent> m_pairEvent; //!< to the agent

    TracedCallback<uint32_t, uint64_t, double> m_swapTrace;    //!< Swap
    TracedCallback<uint32_t, uint64_t, bool> m_occupancyTrace; //!< Occupancy
};

} // namespace ns3

#endif /* QUANTUM_RUNTIME_NODE_H */
