/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "quantum-heralded-link.h"

#include "ns3/log.h"
#include "ns3/simulator.h"

#include <cmath>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("QuantumHeraldedLink");

NS_OBJECT_ENSURE_REGISTERED(QuantumHeraldedLink);

TypeId
QuantumHeraldedLink::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::QuantumHeraldedLink")
            .SetParent<Object>()
            .SetGroupName("Planet")
            .AddConstructor<QuantumHeraldedLink>()
            .AddTraceSource("Generation",
                            "a herald reached the ends: demand, instance, success, attempts of "
                            "this window, fidelity of the pair (0 on failure)",
                            MakeTraceSourceAccessor(&QuantumHeraldedLink::m_generationTrace),
                            "ns3::QuantumHeraldedLink::GenerationCallback");
    return tid;
}

QuantumHeraldedLink::QuantumHeraldedLink()
    : m_random(CreateObject<UniformRandomVariable>())
{
    NS_LOG_FUNCTION(this);
}

void
QuantumHeraldedLink::Setup(uint32_t index, Ptr<QuantumNode> a, Ptr<QuantumNode> b, double length_km)
{
    m_index = index;
    m_ends = {a, b};
    m_length_km = length_km;
}

void
QuantumHeraldedLink::SetHeraldCallback(uint8_t side, HeraldCallback callback)
{
    m_sides.at(side).herald = callback;
}

void
QuantumHeraldedLink::Arm(uint8_t side,
                         uint64_t owner,
                         uint32_t token,
                         uint32_t communication,
                         const planet::LinkCapability& capability,
                         double window_s)
{
    NS_LOG_FUNCTION(this << +side << owner << token);
    if (m_running != QuantumNode::kFree)
    {
        // The station serves one task at a time; a task whose instance overran lost the link.
        Disarm(m_running);
    }
    auto& s = m_sides.at(side);
    s.owner = owner;
    s.token = token;
    s.qubit = communication;
    m_capability = capability;
    m_window_s = window_s;
    if (m_sides[1 - side].owner == owner)
    {
        Start();
    }
}

void
QuantumHeraldedLink::Disarm(uint64_t owner)
{
    NS_LOG_FUNCTION(this << owner);
    if (m_running == owner)
    {
        m_herald.Cancel();
        m_running = QuantumNode::kFree;
    }
    for (auto& s : m_sides)
    {
        if (s.owner == owner)
        {
            s.owner = QuantumNode::kFree;
        }
    }
}

void
QuantumHeraldedLink::Start()
{
    const auto& c = m_capability;
    const uint64_t window = planet::WindowAttempts(c, m_window_s);
    // Number of the first successful attempt: geometric on {1, 2, ...}.
    uint64_t first = 1;
    if (c.successProbability < 1)
    {
        const double u = 1.0 - m_random->GetValue(); // (0, 1]
        const double k = std::ceil(std::log(u) / std::log1p(-c.successProbability));
        first = k < 1 ? 1 : (k > 1e18 ? uint64_t(1e18) : static_cast<uint64_t>(k));
    }
    const bool success = first <= window;
    const uint64_t attempts = success ? first : window;
    m_running = m_sides[0].owner;
    m_herald = Simulator::Schedule(Seconds(static_cast<double>(attempts) * c.attempt_s),
                                   &QuantumHeraldedLink::Herald,
                                   this,
                                   success,
                                   attempts);
}

void
QuantumHeraldedLink::Herald(bool success, uint64_t attempts)
{
    NS_LOG_FUNCTION(this << success << attempts);
    const uint64_t owner = m_running;
    m_running = QuantumNode::kFree;
    m_attempts += attempts;
    // The attempts dephased the carbons stored at both ends meanwhile.
    m_ends[0]->AttemptsMade(attempts);
    m_ends[1]->AttemptsMade(attempts);
    const std::array<Side, 2> sides = m_sides;
    for (auto& s : m_sides)
    {
        s.owner = QuantumNode::kFree;
    }
    double fidelity = 0;
    if (success)
    {
        // Both ends' electron initialisations before the successful attempt (the same
        // device at both ends of a network).
        fidelity = m_ends[0]->GetOperations().AfterGeneration(m_capability.fidelity);
        const Time now = Simulator::Now();
        EntangledPair::End a{PeekPointer(m_ends[0]),
                             sides[0].qubit,
                             m_ends[0]->GetMemory(sides[0].qubit)};
        EntangledPair::End b{PeekPointer(m_ends[1]),
                             sides[1].qubit,
                             m_ends[1]->GetMemory(sides[1].qubit)};
        auto pair = Create<EntangledPair>(fidelity, now, a, b, owner, &m_ends[0]->GetDecoherence());
        m_ends[0]->Store(sides[0].qubit, pair);
        m_ends[1]->Store(sides[1].qubit, pair);
    }
    m_generationTrace(QuantumInstance::Demand(owner),
                      QuantumInstance::Seq(owner),
                      success,
                      attempts,
                      fidelity);
    for (const auto& s : sides)
    {
        s.herald(owner, s.token, success);
    }
}

double
QuantumHeraldedLink::GetLength() const
{
    return m_length_km;
}

Ptr<QuantumNode>
QuantumHeraldedLink::GetEnd(uint8_t side) const
{
    return m_ends.at(side);
}

uint64_t
QuantumHeraldedLink::GetAttempts() const
{
    return m_attempts;
}

int64_t
QuantumHeraldedLink::AssignStreams(int64_t stream)
{
    m_random->SetStream(stream);
    return 1;
}

void
QuantumHeraldedLink::DoDispose()
{
    m_herald.Cancel();
    m_ends = {nullptr, nullptr};
    for (auto& s : m_sides)
    {
        s.herald = HeraldCallback();
    }
    Object::DoDispose();
}

} // namespace ns3
