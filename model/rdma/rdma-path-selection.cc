// SPDX-License-Identifier: GPL-2.0-only

#include "rdma-path-selection.h"

#include "rdma-queue-pair.h"

#include "ns3/enum.h"
#include "ns3/fabric-ecmp.h"
#include "ns3/random-variable-stream.h"

#include <stdexcept>

namespace ns3
{

NS_OBJECT_ENSURE_REGISTERED(RdmaPathSelection);
NS_OBJECT_ENSURE_REGISTERED(RdmaEcmpPath);
NS_OBJECT_ENSURE_REGISTERED(RdmaPinnedPath);
NS_OBJECT_ENSURE_REGISTERED(RdmaSprayRandomPath);
NS_OBJECT_ENSURE_REGISTERED(RdmaSprayRoundRobinPath);
NS_OBJECT_ENSURE_REGISTERED(RdmaAdaptivePath);

TypeId
RdmaPathSelection::GetTypeId()
{
    static TypeId tid = TypeId("ns3::RdmaPathSelection").SetParent<Object>().SetGroupName("Planet");
    return tid;
}

RdmaPathSelection::RdmaPathSelection()
    : m_rng(CreateObject<UniformRandomVariable>())
{
}

RdmaPathSelection::~RdmaPathSelection() = default;

void
RdmaPathSelection::DoDispose()
{
    m_rng = nullptr;
    Object::DoDispose();
}

int64_t
RdmaPathSelection::AssignStreams(int64_t stream)
{
    m_rng->SetStream(stream);
    return 1;
}

uint32_t
RdmaPathSelection::Draw()
{
    return static_cast<uint32_t>(m_rng->GetValue(0, 4294967296.0));
}

void
RdmaPathSelection::InitQp(RdmaQueuePair& qp)
{
}

void
RdmaPathSelection::PathChanged(RdmaQueuePair& qp)
{
}

void
RdmaPathSelection::SetEcmpFabric(std::shared_ptr<const planet::EcmpFabric> fabric)
{
    m_fabric = fabric;
}

const planet::EcmpFabric*
RdmaPathSelection::GetEcmpFabric() const
{
    return m_fabric.get();
}

TypeId
RdmaEcmpPath::GetTypeId()
{
    static TypeId tid = TypeId("ns3::RdmaEcmpPath")
                            .SetParent<RdmaPathSelection>()
                            .SetGroupName("Planet")
                            .AddConstructor<RdmaEcmpPath>();
    return tid;
}

void
RdmaEcmpPath::InitQp(RdmaQueuePair& qp)
{
    qp.SetEntropy(Draw());
}

void
RdmaEcmpPath::Stamp(RdmaQueuePair& qp, FabricHeader& header)
{
    header.entropy = qp.GetEntropy();
}

TypeId
RdmaPinnedPath::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::RdmaPinnedPath")
            .SetParent<RdmaPathSelection>()
            .SetGroupName("Planet")
            .AddConstructor<RdmaPinnedPath>()
            .AddAttribute("Pinning",
                          "PathId: an explicit path id every switch honours (source routing); "
                          "Entropy: the UDP source port the switches' ECMP hash maps to the "
                          "path (needs the fabric's seeds, RdmaStack::SetEcmpFabric)",
                          EnumValue(RdmaPinnedPath::PATH_ID),
                          MakeEnumAccessor(&RdmaPinnedPath::m_pinning),
                          MakeEnumChecker(RdmaPinnedPath::PATH_ID,
                                          "PathId",
                                          RdmaPinnedPath::ENTROPY,
                                          "Entropy"));
    return tid;
}

void
RdmaPinnedPath::InitQp(RdmaQueuePair& qp)
{
    if (m_pinning == ENTROPY)
    {
        qp.SetEntropy(Draw()); // where the search for the path's port starts
    }
    qp.SetPathId(Draw() & 0x7fffffffu); // a new queue pair has no path yet
}

void
RdmaPinnedPath::PathChanged(RdmaQueuePair& qp)
{
    if (m_pinning != ENTROPY)
    {
        return;
    }
    const planet::EcmpFabric* fabric = GetEcmpFabric();
    if (!fabric)
    {
        throw std::invalid_argument("RdmaPinnedPath: Pinning=Entropy needs the fabric's ECMP "
                                    "seeds (RdmaHelper::SetFabric or RdmaStack::SetEcmpFabric)");
    }
    qp.SetEntropy(planet::PathEntropy(*fabric,
                                      qp.GetLocalHost(),
                                      qp.GetRemoteHost(),
                                      qp.GetPathId(),
                                      qp.GetEntropy()));
}

void
RdmaPinnedPath::Stamp(RdmaQueuePair& qp, FabricHeader& header)
{
    if (m_pinning == ENTROPY)
    {
        header.entropy = qp.GetEntropy();
    }
    else
    {
        header.pathId = qp.GetPathId();
    }
}

TypeId
RdmaSprayRandomPath::GetTypeId()
{
    static TypeId tid = TypeId("ns3::RdmaSprayRandomPath")
                            .SetParent<RdmaPathSelection>()
                            .SetGroupName("Planet")
                            .AddConstructor<RdmaSprayRandomPath>();
    return tid;
}

void
RdmaSprayRandomPath::Stamp(RdmaQueuePair& qp, FabricHeader& header)
{
    header.entropy = Draw();
}

TypeId
RdmaSprayRoundRobinPath::GetTypeId()
{
    static TypeId tid = TypeId("ns3::RdmaSprayRoundRobinPath")
                            .SetParent<RdmaPathSelection>()
                            .SetGroupName("Planet")
                            .AddConstructor<RdmaSprayRoundRobinPath>();
    return tid;
}

void
RdmaSprayRoundRobinPath::InitQp(RdmaQueuePair& qp)
{
    qp.SetRoundRobinStart(Draw());
}

void
RdmaSprayRoundRobinPath::Stamp(RdmaQueuePair& qp, FabricHeader& header)
{
    header.pathId = qp.NextRoundRobinPath();
}

TypeId
RdmaAdaptivePath::GetTypeId()
{
    static TypeId tid = TypeId("ns3::RdmaAdaptivePath")
                            .SetParent<RdmaPathSelection>()
                            .SetGroupName("Planet")
                            .AddConstructor<RdmaAdaptivePath>();
    return tid;
}

void
RdmaAdaptivePath::Stamp(RdmaQueuePair& qp, FabricHeader& header)
{
    header.flags |= FabricHeader::ADAPTIVE;
    header.entropy = Draw();
}

} // namespace ns3
