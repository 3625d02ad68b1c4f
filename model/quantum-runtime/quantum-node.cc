/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "quantum-node.h"

#include "ns3/log.h"
#include "ns3/simulator.h"

#include <algorithm>
#include <stdexcept>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("QuantumNode");

NS_OBJECT_ENSURE_REGISTERED(QuantumNode);

EntangledPair::EntangledPair(double fidelity,
                             Time now,
                             End a,
                             End b,
                             uint64_t owner,
                             const planet::DecoherenceModel* model)
    : ends{{a, b}},
      owner(owner),
      created(now),
      m_fidelity(fidelity),
      m_updated(now),
      m_model(model)
{
}

double
EntangledPair::Fidelity(Time now)
{
    if (now > m_updated)
    {
        m_fidelity = m_model->Decohere(m_fidelity,
                                       (now - m_updated).GetSeconds(),
                                       ends[0].memory,
                                       ends[1].memory);
        m_updated = now;
    }
    return m_fidelity;
}

void
EntangledPair::SetState(double fidelity, Time at)
{
    m_fidelity = fidelity;
    m_updated = at;
}

uint32_t
EntangledPair::Side(const QuantumNode* node) const
{
    return ends[0].node == node ? 0 : 1;
}

void
EntangledPair::Dephase(double coherence, Time now)
{
    m_fidelity = planet::OperationModel::AfterDephasing(Fidelity(now), coherence);
}

TypeId
QuantumNode::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::QuantumNode")
            .SetParent<Node>()
            .SetGroupName("Planet")
            .AddConstructor<QuantumNode>()
            .AddTraceSource("Swap",
                            "a Bell-state measurement made a pair: demand, instance, fidelity",
                            MakeTraceSourceAccessor(&QuantumNode::m_swapTrace),
                            "ns3::QuantumNode::SwapCallback")
            .AddTraceSource("Occupancy",
                            "a qubit was taken or freed, or a pair half put in it: qubit, "
                            "owner (QuantumNode::kFree when freed), whether it holds a half",
                            MakeTraceSourceAccessor(&QuantumNode::m_occupancyTrace),
                            "ns3::QuantumNode::OccupancyCallback");
    return tid;
}

QuantumNode::QuantumNode()
{
    NS_LOG_FUNCTION(this);
}

void
QuantumNode::Configure(uint32_t index,
                       const planet::QuantumNode& info,
                       const planet::QuantumDevice& device,
                       std::shared_ptr<const planet::DecoherenceModel> decoherence)
{
    NS_LOG_FUNCTION(this << index);
    m_index = index;
    m_communication = info.communicationQubits;
    m_qubits.assign(info.communicationQubits + info.storageQubits, Qubit{});
    m_ops = std::make_unique<planet::OperationModel>(device);
    m_decoherence = std::move(decoherence);
}

uint32_t
QuantumNode::GetIndex() const
{
    return m_index;
}

uint32_t
QuantumNode::GetQubits() const
{
    return static_cast<uint32_t>(m_qubits.size());
}

uint32_t
QuantumNode::GetCommunicationQubits() const
{
    return m_communication;
}

const planet::OperationModel&
QuantumNode::GetOperations() const
{
    return *m_ops;
}

const planet::DecoherenceModel&
QuantumNode::GetDecoherence() const
{
    return *m_decoherence;
}

const planet::QubitMemory&
QuantumNode::GetMemory(uint32_t qubit) const
{
    const auto& d = m_ops->Device();
    return qubit < m_communication ? d.electron : d.carbon;
}

uint64_t
QuantumNode::GetOwner(uint32_t qubit) const
{
    return m_qubits.at(qubit).owner;
}

Time
QuantumNode::GetReservedUntil(uint32_t qubit) const
{
    return m_qubits.at(qubit).reservedUntil;
}

Ptr<EntangledPair>
QuantumNode::GetPair(uint32_t qubit) const
{
    return m_qubits.at(qubit).pair;
}

void
QuantumNode::Take(uint32_t qubit, uint64_t owner, uint32_t demand, Time reservedUntil)
{
    NS_LOG_FUNCTION(this << qubit << owner);
    auto& q = m_qubits.at(qubit);
    if (q.owner != kFree)
    {
        throw std::logic_error("QuantumNode: qubit " + std::to_string(qubit) + " of node " +
                               std::to_string(m_index) + " is taken twice");
    }
    q.owner = owner;
    q.demand = demand;
    q.reservedUntil = reservedUntil;
    q.since = Simulator::Now();
    m_occupancyTrace(qubit, owner, false);
}

void
QuantumNode::Store(uint32_t qubit, Ptr<EntangledPair> pair)
{
    auto& q = m_qubits.at(qubit);
    if (q.owner != pair->owner || q.pair)
    {
        throw std::logic_error("QuantumNode: a pair half cannot go into qubit " +
                               std::to_string(qubit) + " of node " + std::to_string(m_index) +
                               (q.pair ? " (it holds one)" : " (another instance holds it)"));
    }
    q.pair = pair;
    m_occupancyTrace(qubit, q.owner, true);
}

void
QuantumNode::Release(uint32_t qubit)
{
    NS_LOG_FUNCTION(this << qubit);
    auto& q = m_qubits.at(qubit);
    if (q.owner == kFree)
    {
        return;
    }
    if (q.pair)
    {
        q.pair->broken = true;
        q.pair->cutoff.Cancel();
        q.pair = nullptr;
    }
    const double held = (Simulator::Now() - q.since).GetSeconds();
    m_busy_s += held;
    m_busyByDemand[q.demand] += held;
    q.owner = kFree;
    m_occupancyTrace(qubit, kFree, false);
}

uint32_t
QuantumNode::ReleaseOwnedBy(uint64_t owner)
{
    uint32_t n = 0;
    for (uint32_t i = 0; i < m_qubits.size(); ++i)
    {
        if (m_qubits[i].owner == owner)
        {
            Release(i);
            ++n;
        }
    }
    return n;
}

Time
QuantumNode::GetStoragePreparationTime() const
{
    return Seconds(m_ops->StoragePreparationTime());
}

Time
QuantumNode::GetMoveTime() const
{
    return Seconds(m_ops->MoveTime() - m_ops->StoragePreparationTime());
}

Time
QuantumNode::GetSwapTime() const
{
    return Seconds(m_ops->SwapTime());
}

Time
QuantumNode::GetDistillTime() const
{
    return Seconds(m_ops->DistillLocalTime());
}

void
QuantumNode::AttemptsMade(uint64_t attempts)
{
    const double coherence = m_ops->AttemptCoherence(attempts);
    if (coherence >= 1)
    {
        return;
    }
    const Time now = Simulator::Now();
    for (uint32_t i = m_communication; i < m_qubits.size(); ++i)
    {
        if (m_qubits[i].pair)
        {
            m_qubits[i].pair->Dephase(coherence, now);
        }
    }
}

void
QuantumNode::MoveToStorage(uint32_t communication, uint32_t storage)
{
    NS_LOG_FUNCTION(this << communication << storage);
    auto& from = m_qubits.at(communication);
    Ptr<EntangledPair> pair = from.pair;
    const Time now = Simulator::Now();
    // The storage qubit's initialisation and the move circuit on this half; decoherence during
    // the move is part of its noise.
    const double f = pair->Fidelity(now);
    pair->SetState(m_ops->AfterMove(f), now);
    from.pair = nullptr;
    Release(communication);
    auto& end = pair->ends[pair->Side(this)];
    end.qubit = storage;
    end.memory = GetMemory(storage);
    Store(storage, pair);
}

Ptr<EntangledPair>
QuantumNode::BellMeasurement(uint32_t left, uint32_t right, Time start, uint8_t outcomeX)
{
    NS_LOG_FUNCTION(this << left << right);
    Ptr<EntangledPair> a = m_qubits.at(left).pair;
    Ptr<EntangledPair> b = m_qubits.at(right).pair;
    const Time now = Simulator::Now();
    const double f = m_ops->NoisySwap(a->Fidelity(start), b->Fidelity(start));
    const auto farA = a->ends[1 - a->Side(this)];
    const auto farB = b->ends[1 - b->Side(this)];
    Ptr<EntangledPair> pair =
        Create<EntangledPair>(f, now, farA, farB, a->owner, m_decoherence.get());
    pair->created = std::min(a->created, b->created);
    pair->xFrame = a->xFrame ^ b->xFrame ^ (outcomeX & 1);
    Release(left);
    Release(right);
    // The far halves now belong to the new pair; a far node that already discarded its half
    // (it gave the instance up) leaves the new pair broken.
    for (const auto& end : pair->ends)
    {
        auto& q = end.node->m_qubits.at(end.qubit);
        if (q.pair == a || q.pair == b)
        {
            q.pair = pair;
        }
        else
        {
            pair->broken = true;
        }
    }
    m_swapTrace(QuantumInstance::Demand(pair->owner), QuantumInstance::Seq(pair->owner), f);
    return pair;
}

double
QuantumNode::GetBusySeconds() const
{
    double busy = m_busy_s;
    for (const auto& q : m_qubits)
    {
        busy += q.owner == kFree ? 0.0 : (Simulator::Now() - q.since).GetSeconds();
    }
    return busy;
}

std::map<uint32_t, double>
QuantumNode::GetBusySecondsByDemand() const
{
    auto busy = m_busyByDemand;
    for (const auto& q : m_qubits)
    {
        if (q.owner != kFree)
        {
            busy[q.demand] += (Simulator::Now() - q.since).GetSeconds();
        }
    }
    return busy;
}

void
QuantumNode::SetPairEventCallback(Callback<void, uint64_t, Ptr<EntangledPair>, PairEvent> callback)
{
    m_pairEvent = callback;
}

void
QuantumNode::NotifyPair(uint64_t owner, Ptr<EntangledPair> pair, PairEvent event)
{
    if (!m_pairEvent.IsNull())
    {
        m_pairEvent(owner, pair, event);
    }
}

void
QuantumNode::DoDispose()
{
    NS_LOG_FUNCTION(this);
    for (auto& q : m_qubits)
    {
        q.pair = nullptr;
    }
    m_pairEvent = MakeNullCallback<void, uint64_t, Ptr<EntangledPair>, PairEvent>();
    Node::DoDispose();
}

} // namespace ns3
