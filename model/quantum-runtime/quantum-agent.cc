/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "quantum-agent.h"

#include "ns3/inet-socket-address.h"
#include "ns3/log.h"
#include "ns3/packet.h"
#include "ns3/simulator.h"
#include "ns3/udp-socket-factory.h"
#include "ns3/uinteger.h"

#include <algorithm>
#include <cmath>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("QuantumAgent");

NS_OBJECT_ENSURE_REGISTERED(QuantumAgent);

namespace
{

/// Tolerance when comparing planned times (seconds) computed in different ways.
constexpr double kTimeTolerance_s = 1e-9;

} // namespace

TypeId
QuantumAgent::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::QuantumAgent")
            .SetParent<Application>()
            .SetGroupName("Planet")
            .AddConstructor<QuantumAgent>()
            .AddAttribute("Port",
                          "UDP port of the quantum control plane",
                          UintegerValue(9000),
                          MakeUintegerAccessor(&QuantumAgent::m_port),
                          MakeUintegerChecker<uint16_t>(1))
            .AddTraceSource("Delivered",
                            "this end handed a pair to its application: demand, instance, "
                            "fidelity (-1 when the other end gets it later), time",
                            MakeTraceSourceAccessor(&QuantumAgent::m_deliveredTrace),
                            "ns3::QuantumAgent::DeliveredCallback")
            .AddTraceSource("Aborted",
                            "this node gave an instance up: demand, instance, reason",
                            MakeTraceSourceAccessor(&QuantumAgent::m_abortedTrace),
                            "ns3::QuantumAgent::AbortedCallback")
            .AddTraceSource("Distillation",
                            "a distillation step was decided (reported by the lower-numbered "
                            "of its two nodes): demand, instance, success, fidelity",
                            MakeTraceSourceAccessor(&QuantumAgent::m_distillationTrace),
                            "ns3::QuantumAgent::DistillationCallback");
    return tid;
}

QuantumAgent::QuantumAgent()
    : m_random(CreateObject<UniformRandomVariable>())
{
    NS_LOG_FUNCTION(this);
}

void
QuantumAgent::Setup(Ptr<QuantumNode> node,
                    const std::map<uint32_t, Ptr<QuantumHeraldedLink>>& links,
                    const std::vector<Ipv4Address>& addresses,
                    Ipv4Address controller)
{
    m_node = node;
    m_links = links;
    m_addresses = addresses;
    m_controller = controller;
    for (const auto& [index, link] : m_links)
    {
        const uint8_t side = link->GetEnd(0) == node ? 0 : 1;
        link->SetHeraldCallback(side, MakeCallback(&QuantumAgent::OnHerald, this));
    }
    node->SetPairEventCallback(MakeCallback(&QuantumAgent::OnPairEvent, this));
}

uint16_t
QuantumAgent::GetPort() const
{
    return m_port;
}

int64_t
QuantumAgent::AssignStreams(int64_t stream)
{
    m_random->SetStream(stream);
    return 1;
}

std::map<std::string, uint64_t>
QuantumAgent::GetMessagesSent() const
{
    return QuantumControlHeader::ByTypeName(m_sent);
}

uint64_t
QuantumAgent::GetLateSchedules() const
{
    return m_lateSchedules;
}

void
QuantumAgent::StartApplication()
{
    NS_LOG_FUNCTION(this);
    m_socket = Socket::CreateSocket(GetNode(), UdpSocketFactory::GetTypeId());
    m_socket->Bind(InetSocketAddress(Ipv4Address::GetAny(), m_port));
    m_socket->SetRecvCallback(MakeCallback(&QuantumAgent::HandleRead, this));
}

void
QuantumAgent::StopApplication()
{
    if (m_socket)
    {
        m_socket->SetRecvCallback(MakeNullCallback<void, Ptr<Socket>>());
        m_socket->Close();
    }
}

void
QuantumAgent::DoDispose()
{
    m_socket = nullptr;
    m_node = nullptr;
    m_links.clear();
    m_instances.clear();
    m_versions.clear();
    Application::DoDispose();
}

void
QuantumAgent::Send(Ipv4Address to, const QuantumControlHeader& header)
{
    Ptr<Packet> p = Create<Packet>();
    p->AddHeader(header);
    m_socket->SendTo(p, 0, InetSocketAddress(to, m_port));
    ++m_sent[header.type];
}

void
QuantumAgent::HandleRead(Ptr<Socket> socket)
{
    Ptr<Packet> packet;
    while ((packet = socket->Recv()))
    {
        QuantumControlHeader h;
        packet->RemoveHeader(h);
        NS_LOG_LOGIC("node " << m_node->GetIndex() << " received " << h);
        if (h.type == QuantumControlHeader::SCHEDULE)
        {
            ReceiveSchedule(h, packet);
            continue;
        }
        Instance* inst = Find(h.instance, true);
        if (!inst)
        {
            continue; // an instance of a schedule this node does not run
        }
        if (h.type == QuantumControlHeader::ABORT)
        {
            Abort(h.instance, h.bits, false);
            continue;
        }
        if (inst->aborted)
        {
            continue;
        }
        const Version& v = m_versions.at(inst->version);
        if (h.type == QuantumControlHeader::PARITY)
        {
            const auto it = v.byId.find(h.task);
            if (it != v.byId.end() && v.group[it->second] == inst->group)
            {
                StateOf(*inst, it->second).peer = static_cast<int8_t>(h.bits & 1);
                TryVerdict(h.instance, *inst, it->second);
            }
        }
        else if (h.type == QuantumControlHeader::SWAP_OUTCOME)
        {
            const auto it = v.waiters.find(h.task);
            if (it == v.waiters.end())
            {
                continue;
            }
            for (uint32_t w : it->second)
            {
                if (v.group[w] != inst->group)
                {
                    continue;
                }
                const auto& t = v.schedule.tasks[w];
                auto& st = StateOf(*inst, w);
                if (std::binary_search(t.frames.begin(), t.frames.end(), h.task))
                {
                    ++st.frames;
                    st.frameX ^= h.bits & 1;
                    TryVerdict(h.instance, *inst, w);
                }
                if (std::binary_search(t.deliveryFrames.begin(), t.deliveryFrames.end(), h.task))
                {
                    ++st.deliveryFrames;
                    TryDeliver(h.instance, *inst, w);
                }
            }
        }
    }
}

void
QuantumAgent::ReceiveSchedule(const QuantumControlHeader& header, Ptr<Packet> packet)
{
    const uint32_t version = QuantumInstance::Version(header.instance);
    auto& chunks = m_chunks[version];
    chunks.resize(header.chunks);
    if (header.chunk >= chunks.size())
    {
        NS_LOG_WARN("schedule chunk " << header.chunk << " of " << header.chunks << " ignored");
        return;
    }
    auto& bytes = chunks[header.chunk];
    bytes.resize(packet->GetSize());
    packet->CopyData(bytes.data(), bytes.size());
    for (const auto& c : chunks)
    {
        if (c.empty())
        {
            return;
        }
    }
    std::vector<uint8_t> all;
    for (const auto& c : chunks)
    {
        all.insert(all.end(), c.begin(), c.end());
    }
    m_chunks.erase(version);
    Install(version, planet::DecodeNodeSchedule(all));
}

void
QuantumAgent::Install(uint32_t version, planet::NodeSchedule schedule)
{
    NS_LOG_FUNCTION(this << version);
    // A newer version takes over at its activation: older ones release no instance after it.
    for (auto& [old, v] : m_versions)
    {
        auto& s = v.schedule;
        s.duration_s = std::min(s.duration_s, schedule.activation_s - s.activation_s);
        v.hyperperiods = static_cast<uint32_t>(std::ceil(s.duration_s / s.hyperperiod_s - 1e-9));
    }
    Version v;
    v.schedule = std::move(schedule);
    const auto& s = v.schedule;
    v.hyperperiods = s.hyperperiod_s > 0
                         ? static_cast<uint32_t>(std::ceil(s.duration_s / s.hyperperiod_s - 1e-9))
                         : 0;
    for (uint32_t i = 0; i < s.demands.size(); ++i)
    {
        v.demandIndex[s.demands[i].demand] = i;
    }
    v.consumers.resize(s.tasks.size());
    for (uint32_t i = 0; i < s.tasks.size(); ++i)
    {
        const auto& t = s.tasks[i];
        const auto key = std::make_pair(t.demand, t.instance);
        auto it = v.groupOf.find(key);
        if (it == v.groupOf.end())
        {
            it = v.groupOf.emplace(key, static_cast<uint32_t>(v.groups.size())).first;
            v.groups.emplace_back();
        }
        v.group.push_back(it->second);
        v.slot.push_back(static_cast<uint32_t>(v.groups[it->second].size()));
        v.groups[it->second].push_back(i);
        v.byId[t.id] = i;
        for (int32_t input : t.inputs)
        {
            v.consumers[input].push_back(i);
        }
        std::vector<uint32_t> frames = t.frames;
        frames.insert(frames.end(), t.deliveryFrames.begin(), t.deliveryFrames.end());
        std::sort(frames.begin(), frames.end());
        frames.erase(std::unique(frames.begin(), frames.end()), frames.end());
        for (uint32_t f : frames)
        {
            v.waiters[f].push_back(i);
        }
    }
    const double activation = s.activation_s;
    const double hyperperiod = s.hyperperiod_s;
    m_versions[version] = std::move(v);
    if (m_versions[version].schedule.tasks.empty() || hyperperiod <= 0)
    {
        return;
    }
    // A schedule that arrives late starts with the next hyperperiod.
    uint64_t first = 0;
    const double now = Simulator::Now().GetSeconds();
    if (now > activation)
    {
        ++m_lateSchedules;
        first = static_cast<uint64_t>(std::ceil((now - activation) / hyperperiod - 1e-12));
    }
    Next(version, first, 0);
}

Time
QuantumAgent::HyperperiodStart(uint32_t version, uint64_t h) const
{
    const auto& s = m_versions.at(version).schedule;
    return Seconds(s.activation_s + static_cast<double>(h) * s.hyperperiod_s);
}

void
QuantumAgent::Next(uint32_t version, uint64_t h, uint32_t task)
{
    const Version& v = m_versions.at(version);
    const auto& tasks = v.schedule.tasks;
    if (task == tasks.size())
    {
        ++h;
        task = 0;
        // Forget instances two hyperperiods old: each instance ends within its deadline.
        for (auto it = m_instances.begin(); it != m_instances.end();)
        {
            it = it->second.version == version && it->second.hyperperiod + 2 < h
                     ? m_instances.erase(it)
                     : std::next(it);
        }
    }
    if (h >= v.hyperperiods)
    {
        return;
    }
    const Time at = HyperperiodStart(version, h) + Seconds(tasks[task].start_s);
    Simulator::Schedule(std::max(Time(0), at - Simulator::Now()),
                        &QuantumAgent::TaskStart,
                        this,
                        version,
                        h,
                        task);
}

void
QuantumAgent::TaskStart(uint32_t version, uint64_t h, uint32_t task)
{
    Next(version, h, task + 1);
    const Version& v = m_versions.at(version);
    const auto& t = v.schedule.tasks[task];
    const auto& demand = v.schedule.demands[v.demandIndex.at(t.demand)];
    const double release = static_cast<double>(h) * v.schedule.hyperperiod_s +
                           static_cast<double>(t.instance) * demand.period_s;
    if (release >= v.schedule.duration_s - kTimeTolerance_s)
    {
        return; // released after the end of the run (or the takeover of a newer version)
    }
    const uint64_t key = QuantumInstance::Key(version, t.demand, h * demand.instances + t.instance);
    Instance* inst = Find(key, true);
    if (!inst || inst->aborted)
    {
        return;
    }
    StateOf(*inst, task).startReached = true;
    TryBegin(key, *inst, task);
}

QuantumAgent::Instance*
QuantumAgent::Find(uint64_t key, bool create)
{
    const auto it = m_instances.find(key);
    if (it != m_instances.end())
    {
        return &it->second;
    }
    if (!create)
    {
        return nullptr;
    }
    const uint32_t version = QuantumInstance::Version(key);
    const auto vit = m_versions.find(version);
    if (vit == m_versions.end())
    {
        return nullptr;
    }
    const Version& v = vit->second;
    const auto d = v.demandIndex.find(QuantumInstance::Demand(key));
    if (d == v.demandIndex.end())
    {
        return nullptr;
    }
    const uint32_t n = v.schedule.demands[d->second].instances;
    const uint64_t seq = QuantumInstance::Seq(key);
    const auto g = v.groupOf.find({QuantumInstance::Demand(key), static_cast<uint32_t>(seq % n)});
    if (g == v.groupOf.end())
    {
        return nullptr;
    }
    Instance inst;
    inst.version = version;
    inst.group = g->second;
    inst.hyperperiod = seq / n;
    inst.states.resize(v.groups[g->second].size());
    return &m_instances.emplace(key, std::move(inst)).first->second;
}

const planet::NodeTask&
QuantumAgent::TaskOf(const Instance& inst, uint32_t task) const
{
    return m_versions.at(inst.version).schedule.tasks[task];
}

QuantumAgent::TaskState&
QuantumAgent::StateOf(Instance& inst, uint32_t task)
{
    return inst.states[m_versions.at(inst.version).slot[task]];
}

void
QuantumAgent::TryBegin(uint64_t key, Instance& inst, uint32_t task)
{
    auto& st = StateOf(inst, task);
    if (inst.aborted || st.begun || !st.startReached)
    {
        return;
    }
    const auto& t = TaskOf(inst, task);
    for (int32_t input : t.inputs)
    {
        if (!StateOf(inst, input).done)
        {
            return;
        }
    }
    if (t.kind == planet::TaskKind::LinkGeneration)
    {
        // A qubit an earlier task of this instance still uses (its move ends now) is waited
        // for: ReleasedQubits() tries again.
        for (uint32_t q : t.qubits)
        {
            if (m_node->GetOwner(q) == key)
            {
                return;
            }
        }
    }
    if (t.kind == planet::TaskKind::Distill)
    {
        // Both pairs must join this node and the other one (swaps elsewhere finished).
        for (uint32_t q : t.qubits)
        {
            const auto pair = m_node->GetPair(q);
            if (!pair || pair->owner != key)
            {
                return;
            }
            const auto* far = pair->ends[1 - pair->Side(PeekPointer(m_node))].node;
            if (far->GetIndex() != t.peer)
            {
                return;
            }
        }
    }
    Begin(key, inst, task);
}

void
QuantumAgent::Begin(uint64_t key, Instance& inst, uint32_t task)
{
    StateOf(inst, task).begun = true;
    const auto& t = TaskOf(inst, task);
    const Time now = Simulator::Now();
    switch (t.kind)
    {
    case planet::TaskKind::LinkGeneration: {
        const Time base = HyperperiodStart(inst.version, inst.hyperperiod);
        for (std::size_t k = 0; k < t.qubits.size(); ++k)
        {
            if (!Claim(key, t.qubits[k], base + Seconds(t.reservedUntil_s[k]), t.demand))
            {
                return;
            }
        }
        if (t.qubits.size() == 2)
        {
            // The storage qubit is initialised first; the attempts follow.
            Simulator::Schedule(m_node->GetStoragePreparationTime(),
                                &QuantumAgent::StorageReady,
                                this,
                                key,
                                task);
        }
        else
        {
            ArmLink(key, task, t);
        }
        break;
    }
    case planet::TaskKind::Swap:
        Simulator::Schedule(m_node->GetSwapTime(), &QuantumAgent::SwapEnd, this, key, task, now);
        break;
    case planet::TaskKind::Distill:
        DistillStart(inst, task);
        Simulator::Schedule(m_node->GetDistillTime(), &QuantumAgent::DistillEnd, this, key, task);
        break;
    }
}

void
QuantumAgent::ReleasedQubits(uint64_t key, Instance& inst)
{
    const Version& v = m_versions.at(inst.version);
    for (uint32_t task : v.groups[inst.group])
    {
        if (v.schedule.tasks[task].kind == planet::TaskKind::LinkGeneration)
        {
            TryBegin(key, inst, task);
        }
    }
}

void
QuantumAgent::StorageReady(uint64_t key, uint32_t task)
{
    Instance* inst = Find(key, false);
    if (!inst || inst->aborted)
    {
        return;
    }
    ArmLink(key, task, TaskOf(*inst, task));
}

void
QuantumAgent::ArmLink(uint64_t key, uint32_t task, const planet::NodeTask& t)
{
    // The link's sides are its topology ends; the task's side is the order on the path.
    const auto& link = m_links.at(t.link);
    const uint8_t side = link->GetEnd(0) == m_node ? 0 : 1;
    link->Arm(side, key, task, t.qubits[0], t.capability, t.window_s);
}

bool
QuantumAgent::Claim(uint64_t key, uint32_t qubit, Time reservedUntil, uint32_t demand)
{
    const uint64_t owner = m_node->GetOwner(qubit);
    if (owner != QuantumNode::kFree && owner != key)
    {
        if (Simulator::Now() < m_node->GetReservedUntil(qubit))
        {
            // The holder is within its reservation: this instance is the late one.
            Abort(key, QuantumControlHeader::PREEMPTED, true);
            return false;
        }
        Abort(owner, QuantumControlHeader::PREEMPTED, true);
        m_node->ReleaseOwnedBy(owner); // an instance this node no longer tracks
    }
    if (m_node->GetOwner(qubit) == QuantumNode::kFree)
    {
        m_node->Take(qubit, key, demand, reservedUntil);
    }
    return true;
}

void
QuantumAgent::OnHerald(uint64_t key, uint32_t task, bool success)
{
    Instance* inst = Find(key, false);
    if (!inst || inst->aborted)
    {
        m_node->ReleaseOwnedBy(key);
        return;
    }
    const auto& t = TaskOf(*inst, task);
    const Version& v = m_versions.at(inst->version);
    if (success)
    {
        if (t.side == 0)
        {
            ScheduleCutoff(inst->version, m_node->GetPair(t.qubits[0]));
        }
        if (t.qubits.size() == 2)
        {
            Simulator::Schedule(m_node->GetMoveTime(), &QuantumAgent::MoveDone, this, key, task);
        }
        else
        {
            TaskDone(key, *inst, task);
        }
        return;
    }
    const Time move = t.qubits.size() == 2 ? m_node->GetMoveTime() : Time(0);
    const Time latest = HyperperiodStart(inst->version, inst->hyperperiod) + Seconds(t.latestEnd_s);
    if (v.schedule.retry && Simulator::Now() + Seconds(t.window_s) + move <= latest)
    {
        ArmLink(key, task, t);
        return;
    }
    Abort(key, QuantumControlHeader::WINDOW, t.side == 0);
}

void
QuantumAgent::MoveDone(uint64_t key, uint32_t task)
{
    Instance* inst = Find(key, false);
    if (!inst || inst->aborted)
    {
        return;
    }
    const auto& t = TaskOf(*inst, task);
    m_node->MoveToStorage(t.qubits[0], t.qubits[1]);
    TaskDone(key, *inst, task);
    ReleasedQubits(key, *inst);
}

void
QuantumAgent::SwapEnd(uint64_t key, uint32_t task, Time start)
{
    Instance* inst = Find(key, false);
    if (!inst || inst->aborted)
    {
        return;
    }
    const auto& t = TaskOf(*inst, task);
    const auto x = static_cast<uint8_t>(m_random->GetInteger(0, 1));
    const auto z = static_cast<uint8_t>(m_random->GetInteger(0, 1));
    const auto pair = m_node->BellMeasurement(t.qubits[0], t.qubits[1], start, x);
    ScheduleCutoff(inst->version, pair);
    QuantumControlHeader h;
    h.type = QuantumControlHeader::SWAP_OUTCOME;
    h.instance = key;
    h.task = t.id;
    h.bits = static_cast<uint8_t>(x | (z << 1));
    for (uint32_t node : t.destinations)
    {
        Send(m_addresses.at(node), h);
    }
    const auto ends = pair->ends;
    for (const auto& end : ends)
    {
        end.node->NotifyPair(key, pair, QuantumNode::PairEvent::Changed);
    }
    TaskDone(key, *inst, task);
    ReleasedQubits(key, *inst);
}

void
QuantumAgent::DistillStart(Instance& inst, uint32_t task)
{
    const auto& t = TaskOf(inst, task);
    auto kept = m_node->GetPair(t.qubits[0]);
    auto sacrificed = m_node->GetPair(t.qubits[1]);
    auto& run = kept->distillation;
    if (run.task != t.id)
    {
        run = EntangledPair::Distillation{};
        run.task = t.id;
    }
    if (++run.started < 2)
    {
        return;
    }
    // Both nodes have applied their gates: the outcome is fixed now.
    const Time now = Simulator::Now();
    const auto out =
        m_node->GetOperations().NoisyDistill(kept->Fidelity(now), sacrificed->Fidelity(now));
    run.decided = true;
    run.success = m_random->GetValue() < out.successProbability;
    run.frameX = kept->xFrame ^ sacrificed->xFrame;
    if (run.success)
    {
        kept->SetState(out.fidelity, now + m_node->GetDistillTime());
        kept->xFrame = run.frameX;
        kept->created = std::min(kept->created, sacrificed->created);
        kept->cutoff.Cancel();
        ScheduleCutoff(inst.version, kept);
    }
}

void
QuantumAgent::DistillEnd(uint64_t key, uint32_t task)
{
    Instance* inst = Find(key, false);
    if (!inst || inst->aborted)
    {
        return;
    }
    const auto& t = TaskOf(*inst, task);
    auto kept = m_node->GetPair(t.qubits[0]);
    m_node->Release(t.qubits[1]); // the sacrificed half is measured
    auto& run = kept->distillation;
    const uint32_t side = kept->Side(PeekPointer(m_node));
    int8_t own;
    if (run.bits[1 - side] < 0)
    {
        own = static_cast<int8_t>(m_random->GetInteger(0, 1));
    }
    else
    {
        own = static_cast<int8_t>(run.bits[1 - side] ^ (run.success ? 0 : 1) ^ run.frameX);
    }
    run.bits[side] = own;
    StateOf(*inst, task).own = own;
    QuantumControlHeader h;
    h.type = QuantumControlHeader::PARITY;
    h.instance = key;
    h.task = t.id;
    h.bits = static_cast<uint8_t>(own);
    Send(m_addresses.at(t.peer), h);
    TryVerdict(key, *inst, task);
    ReleasedQubits(key, *inst);
}

void
QuantumAgent::TryVerdict(uint64_t key, Instance& inst, uint32_t task)
{
    auto& st = StateOf(inst, task);
    const auto& t = TaskOf(inst, task);
    if (inst.aborted || st.done || st.own < 0 || st.peer < 0 || st.frames < t.frames.size())
    {
        return;
    }
    const bool success = ((st.own ^ st.peer ^ st.frameX) & 1) == 0;
    const bool reporter = m_node->GetIndex() < t.peer;
    if (reporter)
    {
        const auto pair = m_node->GetPair(t.qubits[0]);
        m_distillationTrace(t.demand,
                            QuantumInstance::Seq(key),
                            success,
                            pair ? pair->Fidelity(Simulator::Now()) : 0.0);
    }
    if (success)
    {
        TaskDone(key, inst, task);
    }
    else
    {
        // Both nodes tell: the other may still wait for something before its own verdict.
        Abort(key, QuantumControlHeader::DISTILLATION, true);
    }
}

void
QuantumAgent::TaskDone(uint64_t key, Instance& inst, uint32_t task)
{
    StateOf(inst, task).done = true;
    const auto& t = TaskOf(inst, task);
    if (t.delivers)
    {
        TryDeliver(key, inst, task);
    }
    for (uint32_t c : m_versions.at(inst.version).consumers[task])
    {
        TryBegin(key, inst, c);
    }
}

void
QuantumAgent::TryDeliver(uint64_t key, Instance& inst, uint32_t task)
{
    auto& st = StateOf(inst, task);
    const auto& t = TaskOf(inst, task);
    if (inst.aborted || !st.done || st.delivered || st.deliveryFrames < t.deliveryFrames.size())
    {
        return;
    }
    st.delivered = true;
    const Time now = Simulator::Now();
    auto pair = m_node->GetPair(static_cast<uint32_t>(t.output));
    // The pair is complete once both ends have it: its fidelity then is the delivered one.
    const double fidelity = ++pair->delivered == 2 ? pair->Fidelity(now) : -1.0;
    m_node->Release(static_cast<uint32_t>(t.output));
    QuantumControlHeader h;
    h.type = QuantumControlHeader::DELIVERED;
    h.instance = key;
    h.time_ns = now.GetNanoSeconds();
    h.fidelity = fidelity;
    Send(m_controller, h);
    m_deliveredTrace(t.demand, QuantumInstance::Seq(key), fidelity, now);
    ReleasedQubits(key, inst);
}

void
QuantumAgent::Abort(uint64_t key, uint8_t reason, bool broadcast)
{
    Instance* inst = Find(key, true);
    if (inst)
    {
        if (inst->aborted)
        {
            return;
        }
        inst->aborted = true;
    }
    NS_LOG_LOGIC("node " << m_node->GetIndex() << " aborts " << key << ": "
                         << QuantumControlHeader::ReasonName(reason));
    m_node->ReleaseOwnedBy(key);
    for (const auto& [index, link] : m_links)
    {
        link->Disarm(key);
    }
    const uint32_t demand = QuantumInstance::Demand(key);
    if (broadcast)
    {
        QuantumControlHeader h;
        h.type = QuantumControlHeader::ABORT;
        h.instance = key;
        h.bits = reason;
        const auto vit = m_versions.find(QuantumInstance::Version(key));
        if (vit != m_versions.end())
        {
            const auto& v = vit->second;
            const auto d = v.demandIndex.find(demand);
            if (d != v.demandIndex.end())
            {
                for (uint32_t node : v.schedule.demands[d->second].nodes)
                {
                    if (node != m_node->GetIndex())
                    {
                        Send(m_addresses.at(node), h);
                    }
                }
            }
        }
        Send(m_controller, h);
    }
    m_abortedTrace(demand, QuantumInstance::Seq(key), QuantumControlHeader::ReasonName(reason));
}

void
QuantumAgent::OnPairEvent(uint64_t key, Ptr<EntangledPair> pair, QuantumNode::PairEvent event)
{
    Instance* inst = Find(key, false);
    if (!inst || inst->aborted)
    {
        return;
    }
    if (event == QuantumNode::PairEvent::Expired)
    {
        Abort(key, QuantumControlHeader::CUTOFF, pair->ends[0].node == PeekPointer(m_node));
        return;
    }
    const Version& v = m_versions.at(inst->version);
    for (uint32_t task : v.groups[inst->group])
    {
        if (v.schedule.tasks[task].kind == planet::TaskKind::Distill)
        {
            TryBegin(key, *inst, task);
        }
    }
}

void
QuantumAgent::ScheduleCutoff(uint32_t version, Ptr<EntangledPair> pair)
{
    const double cutoff = m_versions.at(version).schedule.cutoff_s;
    if (cutoff <= 0 || !pair)
    {
        return;
    }
    const Time at = pair->created + Seconds(cutoff);
    pair->cutoff = Simulator::Schedule(std::max(Time(0), at - Simulator::Now()),
                                       &QuantumAgent::ExpirePair,
                                       pair);
}

void
QuantumAgent::ExpirePair(Ptr<EntangledPair> pair)
{
    if (pair->broken)
    {
        return;
    }
    const auto ends = pair->ends;
    for (const auto& end : ends)
    {
        end.node->NotifyPair(pair->owner, pair, QuantumNode::PairEvent::Expired);
    }
}

} // namespace ns3
