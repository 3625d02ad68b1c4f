/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// Protocol synthesis and task graphs: protocols meet Fmin (recomputed here from the tree, with
// formulas written out independently), plans respect qubits and precedences, and the late shift
// keeps the makespan and never loses fidelity.

#include "ns3/quantum-hardware.h"
#include "ns3/quantum-synthesis.h"
#include "ns3/quantum-task-graph.h"

#include <array>
#include <cmath>
#include <functional>
#include <gtest/gtest.h>
#include <limits>
#include <map>
#include <random>

using namespace planet;

namespace
{

const std::string kData = std::string(PLANET_DATA_DIR) + "/quantum/";

// --- independent recomputation -----------------------------------------------------------------

double
W(double f)
{
    return (4 * f - 1) / 3;
}

double
F(double w)
{
    return (3 * w + 1) / 4;
}

double
Depolarise(double f, double p)
{
    return F((1 - p) * W(f));
}

double
Flip(double f, double q)
{
    return (1 - q) * f + q * (1 - f) / 3;
}

/// Werner pair after amplitude damping and dephasing of both qubits for t seconds.
double
Stored(double f, double t, const QubitMemory& a, const QubitMemory& b)
{
    const double ga = 1 - std::exp(-t / a.t1_s);
    const double gb = 1 - std::exp(-t / b.t1_s);
    const double p00 = (1 + ga * gb) / 2;
    const double p11 = (1 - ga) * (1 - gb) / 2;
    const double coh = std::exp(-t / a.t2_s - t / b.t2_s) / 2;
    const double bell = (p00 + p11) / 2 + coh;
    return W(f) * bell + (1 - W(f)) * (1 + ga * gb) / 4; // damping moves I/4 towards |00>
}

/// The NV gates of a fresh pair: both ends' electron initialisation errors (bit flips with
/// half the depolarising probability), then per moved half the carbon's initialisation and the
/// move circuit (two electron-carbon gates, two carbon Z rotations, two electron rotations).
double
FreshPair(double f, unsigned moves, const QuantumDevice& dev)
{
    f = Flip(Flip(f, dev.electronInitDepolar / 2), dev.electronInitDepolar / 2);
    for (unsigned m = 0; m < moves; ++m)
    {
        f = Flip(f, dev.carbonInitDepolar / 2);
        for (int g = 0; g < 2; ++g)
        {
            f = Depolarise(f, dev.twoQubitGateDepolar);
            f = Depolarise(f, dev.carbonZRotationDepolar);
            f = Depolarise(f, dev.singleQubitGateDepolar);
        }
    }
    return f;
}

/// The NV swap of two stored halves: reverse move of one into the electron and the
/// electron-carbon Bell measurement (two electron initialisations, six depolarisations by the
/// five electron-carbon gates, six carbon Z rotations, six electron rotations, two readouts).
double
NvSwap(double fl, double fr, const QuantumDevice& dev)
{
    const double q = (dev.readoutError0 + dev.readoutError1) / 2;
    double f = F(W(fl) * W(fr));
    for (int i = 0; i < 2; ++i)
    {
        f = Flip(Flip(f, dev.electronInitDepolar / 2), q);
    }
    for (int i = 0; i < 6; ++i)
    {
        f = Depolarise(f, dev.twoQubitGateDepolar);
        f = Depolarise(f, dev.carbonZRotationDepolar);
        f = Depolarise(f, dev.singleQubitGateDepolar);
    }
    return f;
}

/// Per protocol node, the attempt coherence of its output halves in plan \p g (the factor
/// itself is checked against its sum in the physics tests).
std::vector<std::array<double, 2>>
AttemptCoherences(const TaskGraph& g, const Protocol& p)
{
    std::vector<std::array<double, 2>> out(p.nodes.size(), {{1.0, 1.0}});
    for (const auto& t : g.tasks)
    {
        out[t.protocolNode] = t.attemptCoherence;
    }
    return out;
}

struct Recomputed
{
    double fidelity;
    double success;
};

/// Fidelity of node i's output pair when its operation completes, from the tree alone.
Recomputed
Recompute(const Protocol& p,
          int32_t i,
          const QuantumDevice& dev,
          const std::vector<std::array<double, 2>>& coherence)
{
    const auto& n = p.nodes[i];
    const double p2 = dev.twoQubitGateDepolar;
    const double q = (dev.readoutError0 + dev.readoutError1) / 2;
    if (n.op == ProtocolOp::LinkGeneration)
    {
        return {FreshPair(n.link.fidelity, n.moves, dev), 1};
    }
    const auto l = Recompute(p, n.left, dev, coherence);
    const auto r = Recompute(p, n.right, dev, coherence);
    const auto& ln = p.nodes[n.left];
    const auto& rn = p.nodes[n.right];
    // Stored, then each half's dephasing by the attempts it waited through (a Z error with
    // probability (1 - coherence) / 2).
    const auto stored = [&](double f, const ProtocolNode& c, int32_t index) {
        f = Stored(f, c.wait_s, c.memory[0], c.memory[1]);
        for (double k : coherence[index])
        {
            f = Flip(f, (1 - k) / 2);
        }
        return f;
    };
    const double fl = stored(l.fidelity, ln, n.left);
    const double fr = stored(r.fidelity, rn, n.right);
    if (n.op == ProtocolOp::Swap)
    {
        return {NvSwap(fl, fr, dev), l.success * r.success};
    }
    const double a = Depolarise(Depolarise(fl, p2), p2);
    const double b = Flip(Flip(Depolarise(Depolarise(fr, p2), p2), q), q);
    const double ps = a * b + a * (1 - b) / 3 + b * (1 - a) / 3 + 5 * (1 - a) * (1 - b) / 9;
    return {(a * b + (1 - a) * (1 - b) / 9) / ps, l.success * r.success * ps};
}

// --- plan validator ----------------------------------------------------------------------------

/// Checks a plan: precedences, qubit exclusivity (every use of a qubit lies in one occupancy
/// interval, and only tasks of that pair's lineage use it), makespan and the late shift.
void
ValidatePlan(const TaskGraph& g, const std::string& what)
{
    SCOPED_TRACE(what);
    const double eps = 1e-12;
    ASSERT_FALSE(g.tasks.empty());
    double minStart = 1e300;
    double minAsap = 1e300;
    double maxAsapEnd = 0;
    for (const auto& t : g.tasks)
    {
        EXPECT_NEAR(t.end_s - t.start_s, t.duration_s, 1e-12);
        EXPECT_GT(t.duration_s, 0);
        for (auto p : t.predecessors)
        {
            ASSERT_LT(p, t.id);
            EXPECT_LE(g.tasks[p].end_s, t.start_s + eps) << "task " << t.id;
            EXPECT_LE(g.tasks[p].asapStart_s + g.tasks[p].duration_s, t.asapStart_s + eps);
            EXPECT_EQ(g.tasks[p].successor, int32_t(t.id));
        }
        minStart = std::min(minStart, t.start_s);
        minAsap = std::min(minAsap, t.asapStart_s);
        maxAsapEnd = std::max(maxAsapEnd, t.asapStart_s + t.duration_s);
        EXPECT_LE(t.end_s, g.makespan_s + eps);
    }
    EXPECT_EQ(g.tasks.back().successor, -1);
    EXPECT_NEAR(minStart, 0, eps);
    EXPECT_NEAR(minAsap, 0, eps);
    EXPECT_NEAR(maxAsapEnd, g.makespan_s, eps);
    EXPECT_NEAR(g.tasks.back().end_s, g.makespan_s, eps);
    EXPECT_GE(g.fidelity, g.asapFidelity - 1e-12);

    // Occupancy intervals of one qubit never overlap.
    std::map<uint32_t, std::vector<const QubitInterval*>> byQubit;
    for (const auto& iv : g.occupancy)
    {
        EXPECT_LE(iv.start_s, iv.end_s);
        byQubit[iv.qubit.global].push_back(&iv);
    }
    for (auto& [q, ivs] : byQubit)
    {
        std::sort(ivs.begin(), ivs.end(), [](auto a, auto b) { return a->start_s < b->start_s; });
        for (std::size_t i = 1; i < ivs.size(); ++i)
        {
            EXPECT_LE(ivs[i - 1]->end_s, ivs[i]->start_s + eps) << "qubit " << q;
        }
    }
    // Lineage: the chain of successors from an interval's first task reaches its last task.
    auto inLineage = [&](const QubitInterval& iv, uint32_t task) {
        for (int64_t t = iv.firstTask; t >= 0; t = g.tasks[t].successor)
        {
            if (t == task)
            {
                return true;
            }
            if (t == iv.lastTask)
            {
                break;
            }
        }
        return false;
    };
    auto covered = [&](uint32_t q, double s, double e, uint32_t task) {
        for (const auto* iv : byQubit[q])
        {
            if (iv->start_s <= s + eps && e <= iv->end_s + eps)
            {
                return inLineage(*iv, task);
            }
        }
        return false;
    };
    for (const auto& t : g.tasks)
    {
        for (const auto& q : t.qubits)
        {
            EXPECT_TRUE(covered(q.global, t.start_s, t.end_s, t.id))
                << "task " << t.id << " runs on qubit " << q.global << " outside its occupancy";
        }
        ASSERT_EQ(t.outputQubits.size(), 2u);
        const double until = t.successor >= 0 ? g.tasks[t.successor].start_s : t.end_s;
        EXPECT_NEAR(t.wait_s, until - t.end_s, 1e-12);
        for (const auto& q : t.outputQubits)
        {
            EXPECT_TRUE(covered(q.global, t.end_s, until, t.id))
                << "task " << t.id << " stores on qubit " << q.global << " outside its occupancy";
        }
    }
}

/// Checks a synthesised protocol against fmin with the independent recomputation.
void
ValidateProtocol(const SynthesisResult& r, double fmin, const QuantumDevice& dev)
{
    const auto& p = r.protocol;
    const auto coherence = AttemptCoherences(r.plan, p);
    const auto rec = Recompute(p, p.root, dev, coherence);
    EXPECT_NEAR(rec.fidelity, p.fidelity, 1e-9) << p.Summary();
    EXPECT_NEAR(rec.success, p.successProbability, 1e-9);
    EXPECT_GE(rec.fidelity, fmin) << p.Summary();
    EXPECT_NEAR(p.fidelity, r.plan.fidelity, 1e-12);
    EXPECT_NEAR(p.rate_hz, p.successProbability / p.duration_s, 1e-9 * p.rate_hz);
    for (std::size_t i = 0; i < p.nodes.size(); ++i)
    {
        EXPECT_NEAR(Recompute(p, int32_t(i), dev, coherence).fidelity, p.nodes[i].fidelity, 1e-9);
    }
    EXPECT_EQ(p.nodes[p.root].first, 0u);
    EXPECT_EQ(p.nodes[p.root].last, p.path.size() - 1);
}

struct Fixture
{
    QuantumDevice device;
    TableLink links = LoadTableLink(kData + "nv-link-capabilities.json");
    T1T2Decoherence decoherence;
};

/// Better-than-today hardware: where distillation pays off and long paths become usable.
QuantumDevice
FuturisticDevice()
{
    QuantumDevice d;
    d.twoQubitGateDepolar = 1e-3;
    d.readoutError0 = 1e-3;
    d.readoutError1 = 1e-3;
    d.electronInitDepolar = 1e-3; // initialisation as good as the gates
    d.carbonInitDepolar = 1e-3;
    d.carbon = {3600.0, 10.0};
    return d;
}

OpticalParameters
FuturisticOptics()
{
    OpticalParameters o;
    o.emissionEfficiency = 0.5;
    o.visibility = 0.9;
    return o;
}

/// A one-link protocol, distilled by nesting \p depth times.
Protocol
Nested(uint32_t a, uint32_t b, double km, unsigned depth, LinkCapability cap)
{
    Protocol p;
    p.path = {a, b};
    p.linkLengths_km = {km};
    std::function<uint32_t(unsigned)> add = [&](unsigned d) -> uint32_t {
        ProtocolNode n;
        n.first = 0;
        n.last = 1;
        if (d == 0)
        {
            n.link = cap;
            n.moves = 2;
        }
        else
        {
            n.op = ProtocolOp::Distill;
            n.left = int32_t(add(d - 1));
            n.right = int32_t(add(d - 1));
        }
        p.nodes.push_back(n);
        return uint32_t(p.nodes.size() - 1);
    };
    p.root = add(depth);
    return p;
}

/// swap(link(0-3), link(3-1)) on the star's path 0-3-1 (5 km links) with links \p a and \p b.
Protocol
TwoHopSwap(const LinkCapability& a, const LinkCapability& b)
{
    Protocol p;
    p.path = {0, 3, 1};
    p.linkLengths_km = {5, 5};
    ProtocolNode l0;
    l0.first = 0;
    l0.last = 1;
    l0.link = a;
    ProtocolNode l1 = l0;
    l1.first = 1;
    l1.last = 2;
    l1.link = b;
    ProtocolNode s;
    s.op = ProtocolOp::Swap;
    s.first = 0;
    s.last = 2;
    s.left = 0;
    s.right = 1;
    p.nodes = {l0, l1, s};
    p.root = 2;
    return p;
}

} // namespace

TEST(QuantumTaskGraph, TwoHopSwapTimes)
{
    Fixture fx;
    const auto t = MakeStarTopology();
    const Protocol p = TwoHopSwap({0.9, 50.0}, {0.9, 20.0});
    const OperationModel ops(fx.device);
    const auto g = BuildTaskGraph(p, t, ops, fx.decoherence);
    ValidatePlan(g, "two-hop swap");
    ASSERT_EQ(g.tasks.size(), 3u);
    // The slower link (1/20 s) goes first, the faster one then uses the centre's only
    // communication qubit: makespan = 1/20 + 1/50 + 2 moves + swap.
    // Move: carbon initialisation 310 us, two 500 us gates, two 20 us Z rotations, two 5 ns
    // electron rotations. Swap: two 2 us electron initialisations, five gates, six Z
    // rotations, six electron rotations, two 3.7 us readouts.
    const double move = 310e-6 + 2 * 500e-6 + 2 * 20e-6 + 2 * 5e-9;
    const double swap = 2 * 2e-6 + 5 * 500e-6 + 6 * 20e-6 + 6 * 5e-9 + 2 * 3.7e-6;
    EXPECT_NEAR(g.makespan_s, 1.0 / 20 + 1.0 / 50 + 2 * move + swap, 1e-12);
    // No slack: the slow pair waits exactly the fast link's generation.
    const auto& slow = g.tasks[0];
    EXPECT_NEAR(slow.duration_s, 1.0 / 20 + move, 1e-12);
    EXPECT_NEAR(slow.wait_s, 1.0 / 50 + move, 1e-12);
    EXPECT_NEAR(g.fidelity, g.asapFidelity, 1e-15);
}

TEST(QuantumTaskGraph, AttemptDephasingOfTheStoredPair)
{
    // The two-hop swap above with links of real attempts: the slower link (p = 0.02 per 100 us,
    // window 1/rate = 50 attempts) goes first; its half at the centre then waits in a carbon
    // through the faster link's window (p = 0.05, 20 attempts), each attempt a Z error with
    // probability 0.01. A device without any other noise.
    QuantumDevice d;
    MakeNoiseless(d);
    d.carbonDephasingPerAttempt = 0.01;
    const auto t = MakeStarTopology();
    const Protocol p =
        TwoHopSwap(MakeLinkCapability(0.9, 0.02, 1e-4), MakeLinkCapability(0.9, 0.05, 1e-4));
    T1T2Decoherence decoherence;
    const auto g = BuildTaskGraph(p, t, OperationModel(d), decoherence);
    ValidatePlan(g, "dephased swap");
    ASSERT_EQ(g.tasks[0].protocolNode, 0u); // the slow link first
    // The expected coherence over the successful attempt N of the second window (N <= 20).
    double coherence = 0;
    double mass = 0;
    for (int k = 1; k <= 20; ++k)
    {
        const double pk = 0.05 * std::pow(0.95, k - 1);
        coherence += pk * std::pow(1 - 2 * 0.01, k);
        mass += pk;
    }
    coherence /= mass;
    const double stored = Flip(0.9, (1 - coherence) / 2);
    EXPECT_NEAR(g.fidelity, F(W(stored) * W(0.9)), 1e-12);
    EXPECT_LT(g.fidelity, SwapFidelity(0.9, 0.9) - 0.01);
    d.carbonDephasingPerAttempt = 0;
    EXPECT_NEAR(BuildTaskGraph(p, t, OperationModel(d), decoherence).fidelity,
                SwapFidelity(0.9, 0.9),
                1e-12);
}

TEST(QuantumTaskGraph, LateShiftShortensStorage)
{
    // swap(link0, swap(link1, link2)) on the line: the right side is placed first and link0,
    // being fast, is generated late, just before the final swap.
    Fixture fx;
    const auto t = MakeLineTopology();
    Protocol p;
    p.path = {0, 1, 2, 3};
    p.linkLengths_km = {5, 5, 5};
    auto leaf = [](uint32_t h, double rate) {
        ProtocolNode n;
        n.first = h;
        n.last = h + 1;
        n.link = {0.9, rate};
        n.moves = 2;
        return n;
    };
    ProtocolNode inner;
    inner.op = ProtocolOp::Swap;
    inner.first = 1;
    inner.last = 3;
    inner.left = 1;
    inner.right = 2;
    ProtocolNode root = inner;
    root.first = 0;
    root.left = 0;
    root.right = 3;
    p.nodes = {leaf(0, 70), leaf(1, 15), leaf(2, 15), inner, root};
    p.root = 4;
    const auto g = BuildTaskGraph(p, t, OperationModel(fx.device), fx.decoherence);
    ValidatePlan(g, "late shift");
    EXPECT_LT(g.storage_s, g.asapStorage_s - 0.01);
    EXPECT_GT(g.fidelity, g.asapFidelity + 1e-4);
}

TEST(QuantumTaskGraph, StorageExhausted)
{
    Fixture fx;
    const auto t = MakeStarTopology();
    const OperationModel ops(fx.device);
    // Depth 2 holds 3 pairs per node at once (fits 3 storage qubits), depth 3 needs 4.
    ValidatePlan(BuildTaskGraph(Nested(0, 3, 5, 2, {0.8, 20}), t, ops, fx.decoherence), "depth 2");
    try
    {
        BuildTaskGraph(Nested(0, 3, 5, 3, {0.8, 20}), t, ops, fx.decoherence);
        FAIL() << "plan needing 4 storage qubits accepted";
    }
    catch (const std::invalid_argument& e)
    {
        EXPECT_NE(std::string(e.what()).find("storage qubits at node 0"), std::string::npos)
            << e.what();
    }
    auto bad = Nested(0, 1, 5, 1, {0.8, 20}); // star has no link 0-1
    EXPECT_THROW(BuildTaskGraph(bad, t, ops, fx.decoherence), std::invalid_argument);
}

/// Random demands between end nodes of the study's networks; returns (found, distilled).
static std::pair<unsigned, unsigned>
RandomDemands(const QuantumDevice& device,
              const LinkModel& links,
              double fminLow,
              double fminHigh,
              unsigned* tried)
{
    const T1T2Decoherence decoherence;
    std::mt19937 rng(7);
    unsigned found = 0;
    unsigned distilled = 0;
    for (const std::string name : {"star", "h", "line", "symmetric"})
    {
        const auto topo = MakeStudyTopology(name);
        const auto ends = topo.EndNodes();
        std::uniform_int_distribution<std::size_t> pick(0, ends.size() - 1);
        std::uniform_real_distribution<double> fminDist(fminLow, fminHigh);
        for (int d = 0; d < 12; ++d)
        {
            const auto src = ends[pick(rng)];
            auto dst = ends[pick(rng)];
            while (dst == src)
            {
                dst = ends[pick(rng)];
            }
            const double fmin = fminDist(rng);
            const auto route = topo.ShortestPath(src, dst);
            const auto r = SynthesiseProtocol(topo, route, fmin, links, device, decoherence);
            ++*tried;
            const std::string what = name + " " + std::to_string(src) + "->" + std::to_string(dst) +
                                     " fmin " + std::to_string(fmin);
            if (!r.found)
            {
                EXPECT_NE(r.reason.find("reaches fmin"), std::string::npos) << r.reason;
                continue;
            }
            ++found;
            distilled += r.protocol.Summary().find("distill") != std::string::npos;
            ValidateProtocol(r, fmin, device);
            ValidatePlan(r.plan, what);
        }
    }
    return {found, distilled};
}

TEST(QuantumTaskGraph, RandomProtocolTrees)
{
    // Random swap orders, pumping and nesting on random routes: every plan that fits the qubits
    // must pass the validator, and its fidelity must match the independent recomputation.
    Fixture fx;
    const OperationModel ops(fx.device);
    std::mt19937 rng(5);
    std::uniform_real_distribution<double> u(0, 1);
    unsigned placed = 0;
    unsigned refused = 0;
    for (const std::string name : {"h", "line", "symmetric"})
    {
        const auto topo = MakeStudyTopology(name);
        const auto ends = topo.EndNodes();
        for (int trial = 0; trial < 40; ++trial)
        {
            const auto src = ends[rng() % ends.size()];
            auto dst = ends[rng() % ends.size()];
            if (src == dst)
            {
                continue;
            }
            const auto route = topo.ShortestPath(src, dst);
            Protocol p;
            p.path = route.nodes;
            for (auto l : route.links)
            {
                p.linkLengths_km.push_back(topo.Links()[l].length_km);
            }
            std::function<uint32_t(uint32_t, uint32_t, int)> build =
                [&](uint32_t i, uint32_t j, int budget) -> uint32_t {
                ProtocolNode n;
                n.first = i;
                n.last = j;
                if (budget > 0 && u(rng) < 0.25)
                {
                    n.op = ProtocolOp::Distill;
                    n.left = int32_t(build(i, j, budget - 1));
                    n.right = int32_t(build(i, j, budget - 1));
                }
                else if (j == i + 1)
                {
                    n.link = {0.8 + 0.15 * u(rng), 5 + 100 * u(rng)};
                    n.moves = 2;
                }
                else
                {
                    const uint32_t k = i + 1 + rng() % (j - i - 1);
                    n.op = ProtocolOp::Swap;
                    n.left = int32_t(build(i, k, budget));
                    n.right = int32_t(build(k, j, budget));
                }
                p.nodes.push_back(n);
                return uint32_t(p.nodes.size() - 1);
            };
            p.root = build(0, uint32_t(p.path.size() - 1), 2);
            TaskGraph g;
            try
            {
                g = BuildTaskGraph(p, topo, ops, fx.decoherence);
            }
            catch (const std::invalid_argument& e)
            {
                EXPECT_NE(std::string(e.what()).find("storage qubits"), std::string::npos);
                ++refused;
                continue;
            }
            ++placed;
            ValidatePlan(g, name + " " + p.Summary());
            for (const auto& t : g.tasks)
            {
                auto& n = p.nodes[t.protocolNode];
                n.wait_s = t.wait_s;
                n.memory = {fx.device.Memory(t.outputQubits[0].local),
                            fx.device.Memory(t.outputQubits[1].local)};
            }
            EXPECT_NEAR(Recompute(p, p.root, fx.device, AttemptCoherences(g, p)).fidelity,
                        g.fidelity,
                        1e-9);
        }
    }
    EXPECT_GT(placed, 50u);
    EXPECT_GT(refused, 0u);
}

TEST(QuantumSynthesis, RandomDemandsMeetFminNv)
{
    // Today's NV parameters: gate and readout noise make distillation barely pay off, so the
    // reachable fidelities are those of swapped link pairs (about 0.85 for one hop, 0.54 for
    // three).
    Fixture fx;
    unsigned tried = 0;
    const auto [found, distilled] = RandomDemands(fx.device, fx.links, 0.3, 0.45, &tried);
    EXPECT_GT(found, tried / 3);
}

TEST(QuantumSynthesis, RandomDemandsMeetFminFuturistic)
{
    unsigned tried = 0;
    const DoubleClickLink links(FuturisticOptics());
    const auto [found, distilled] = RandomDemands(FuturisticDevice(), links, 0.8, 0.97, &tried);
    EXPECT_GT(found, tried / 2);
    EXPECT_GT(distilled, tried / 4);
}

TEST(QuantumSynthesis, SurfnetDemands)
{
    const QuantumDevice device = FuturisticDevice();
    const DoubleClickLink links(FuturisticOptics());
    const T1T2Decoherence decoherence;
    const auto topo = LoadGmlTopology(kData + "surfnet.gml");
    const auto ends = topo.EndNodes();
    std::mt19937 rng(11);
    std::uniform_int_distribution<std::size_t> pick(0, ends.size() - 1);
    unsigned found = 0;
    for (int d = 0; d < 8; ++d)
    {
        const auto src = ends[pick(rng)];
        auto dst = ends[pick(rng)];
        while (dst == src)
        {
            dst = ends[pick(rng)];
        }
        const double fmin = 0.7; // (0.8 before the NV circuits: their swaps cost more)
        const auto r =
            SynthesiseProtocol(topo, topo.ShortestPath(src, dst), fmin, links, device, decoherence);
        if (r.found)
        {
            ++found;
            ValidateProtocol(r, fmin, device);
            ValidatePlan(r.plan, "surfnet");
        }
        else
        {
            // A truncated search says so: its best is only the best it found.
            EXPECT_EQ(r.reason.find("stopped at its budget") != std::string::npos, !r.exact)
                << r.reason;
        }
    }
    EXPECT_GT(found, 4u);
}

TEST(QuantumSynthesis, MoreFidelityCostsRate)
{
    const QuantumDevice device = FuturisticDevice();
    const DoubleClickLink links(FuturisticOptics());
    const T1T2Decoherence decoherence;
    const auto topo = MakeHTopology();
    const auto route = topo.ShortestPath(0, 5);
    double lastRate = 1e300;
    for (double fmin : {0.8, 0.85, 0.88}) // (0.89 at most on NV circuits)
    {
        const auto r = SynthesiseProtocol(topo, route, fmin, links, device, decoherence);
        ASSERT_TRUE(r.found) << r.reason;
        EXPECT_LE(r.protocol.rate_hz, lastRate * (1 + 1e-12));
        lastRate = r.protocol.rate_hz;
    }
}

TEST(QuantumSynthesis, UnreachableFminHasReason)
{
    Fixture fx;
    const auto topo = MakeHTopology();
    const auto route = topo.ShortestPath(0, 5);
    const auto r = SynthesiseProtocol(topo, route, 0.99, fx.links, fx.device, fx.decoherence);
    EXPECT_FALSE(r.found);
    EXPECT_NE(r.reason.find("0-1-4-5"), std::string::npos) << r.reason;
    EXPECT_NE(r.reason.find("fmin 0.99"), std::string::npos) << r.reason;
    EXPECT_NE(r.reason.find("best planned fidelity"), std::string::npos) << r.reason;
    EXPECT_THROW(SynthesiseProtocol(topo, route, 1.5, fx.links, fx.device, fx.decoherence),
                 std::invalid_argument);
    auto broken = route;
    broken.nodes[1] = 2;
    EXPECT_THROW(SynthesiseProtocol(topo, broken, 0.6, fx.links, fx.device, fx.decoherence),
                 std::invalid_argument);
}

TEST(QuantumSynthesis, NodesWithoutStorage)
{
    // Without storage qubits a pair stays on the communication qubit: one hop works (no moves),
    // two hops cannot, since the repeater's only qubit holds the first pair.
    Fixture fx;
    QuantumTopology topo;
    QuantumNode bare;
    bare.storageQubits = 0;
    for (int i = 0; i < 3; ++i)
    {
        topo.AddNode(bare);
    }
    topo.AddLink(0, 1, 5);
    topo.AddLink(1, 2, 5);
    auto r =
        SynthesiseProtocol(topo, topo.ShortestPath(0, 1), 0.8, fx.links, fx.device, fx.decoherence);
    ASSERT_TRUE(r.found) << r.reason;
    ValidateProtocol(r, 0.8, fx.device);
    ValidatePlan(r.plan, "one hop, no storage");
    EXPECT_EQ(r.protocol.nodes[r.protocol.root].moves, 0u);
    // The fastest capability with F >= 0.8 is the second one (0.834); nothing degrades it.
    EXPECT_EQ(r.protocol.nodes[r.protocol.root].capability, 1u);
    // The table's capability 1 at 5 km (0.8338) with both ends' electron-initialisation errors
    // (bit flips with probability 0.025 / 2 each).
    EXPECT_NEAR(r.protocol.fidelity, Flip(Flip(0.8338445929403213, 0.0125), 0.0125), 1e-12);
    r = SynthesiseProtocol(topo, topo.ShortestPath(0, 2), 0.3, fx.links, fx.device, fx.decoherence);
    EXPECT_FALSE(r.found);
    EXPECT_NE(r.reason.find("no protocol fits the qubits"), std::string::npos) << r.reason;
}

/// SURFnet's nodes and links; with \p vary, seeded link lengths of 2-10 km and 1-2
/// communication qubits, so that few routes share a shape.
QuantumTopology
Surfnet(bool vary)
{
    const auto base = LoadGmlTopology(kData + "surfnet.gml");
    std::mt19937 rng(5);
    QuantumTopology topo;
    for (auto node : base.Nodes())
    {
        node.communicationQubits = vary ? 1 + rng() % 2 : node.communicationQubits;
        topo.AddNode(node);
    }
    for (const auto& l : base.Links())
    {
        topo.AddLink(l.a, l.b, vary ? 2.0 + 8.0 * (rng() % 1000) / 1000.0 : l.length_km);
    }
    return topo;
}

TEST(QuantumSynthesis, CachedSynthesiserMatchesFreshSearch)
{
    // One synthesiser over many demands (sub-path fronts reused by shape, answers reused by
    // route shape) must choose exactly what a fresh search per demand chooses, placed on the
    // demand's own route. SURFnet's links are all 5 km, so its routes share shapes; the varied
    // copy exercises the fronts alone.
    const QuantumDevice device = FuturisticDevice();
    const DoubleClickLink links(FuturisticOptics());
    const T1T2Decoherence decoherence;
    for (const bool vary : {false, true})
    {
        const auto topo = Surfnet(vary);
        ProtocolSynthesiser cached(topo, links, device, decoherence);
        const auto ends = topo.EndNodes();
        std::mt19937 rng(13);
        std::size_t segments = 0;
        std::size_t found = 0;
        std::size_t reused = 0;
        for (int d = 0; d < 25; ++d)
        {
            const auto src = ends[rng() % ends.size()];
            const auto dst = ends[rng() % ends.size()];
            if (src == dst)
            {
                continue;
            }
            const double fmin = 0.7 + 0.05 * (rng() % 3);
            const auto route = topo.ShortestPath(src, dst);
            const auto a = cached.Synthesise(route, fmin);
            const auto b = SynthesiseProtocol(topo, route, fmin, links, device, decoherence);
            ASSERT_EQ(a.found, b.found);
            EXPECT_EQ(a.exact, b.exact);
            EXPECT_EQ(a.reason, b.reason);
            EXPECT_EQ(a.protocol.Summary(), b.protocol.Summary());
            EXPECT_EQ(a.protocol.path, b.protocol.path);
            EXPECT_EQ(a.protocol.rate_hz, b.protocol.rate_hz);
            EXPECT_EQ(a.protocol.fidelity, b.protocol.fidelity);
            EXPECT_EQ(a.plan.QubitsUsed(), b.plan.QubitsUsed());
            EXPECT_LE(a.examined, b.examined);
            if (a.found)
            {
                EXPECT_EQ(a.protocol.path, route.nodes);
                ++found;
                reused += a.examined == 0;
            }
            EXPECT_GE(cached.CachedSegments(), segments);
            segments = cached.CachedSegments();
        }
        EXPECT_GT(found, 3u);
        if (vary)
        {
            EXPECT_GT(segments, 100u); // sub-paths of distinct shapes
        }
        else
        {
            EXPECT_GT(reused, 0u); // a route of a shape seen before
        }
    }
    EXPECT_THROW(ProtocolSynthesiser(Surfnet(false),
                                     links,
                                     device,
                                     decoherence,
                                     SynthesisOptions{3, 0, 0, 2}),
                 std::invalid_argument);
}

TEST(QuantumSynthesis, StudyCaseDistilsTwoSwaps)
{
    // The study's generator, on nodes 0-2 of a 5 km line with the table's links and an ideal
    // device (no gate, readout or memory noise), answers Fmin 0.8 with one distillation of two
    // swapped pairs: F = 0.8131. Thinning the route's own candidates lost it (1.79 pairs/s).
    QuantumDevice ideal;
    MakeNoiseless(ideal); // the study profile's device
    Fixture fx;
    const auto topo = MakeLineTopology(5.0);
    const auto r =
        SynthesiseProtocol(topo, topo.ShortestPath(0, 2), 0.8, fx.links, ideal, fx.decoherence);
    ASSERT_TRUE(r.found) << r.reason;
    const auto summary = r.protocol.Summary();
    EXPECT_EQ(summary.rfind("distill(swap(", 0), 0u) << summary;
    EXPECT_NE(summary.find("),swap("), std::string::npos) << summary;
    EXPECT_EQ(summary.find("distill", 1), std::string::npos) << summary;
    EXPECT_NEAR(r.protocol.fidelity, 0.8131, 5e-5) << summary;
    // The 2.61 pairs/s was planet's figure with one gate per move and per swap; the NV
    // circuits (1.35 ms per move with the carbon's initialisation, 2.63 ms per swap, on the
    // repeater's one electron between its two links) cost 2% of it.
    EXPECT_GE(r.protocol.rate_hz, 2.55) << summary;
    EXPECT_LT(r.protocol.rate_hz, 2.6) << summary;
    // Without operation times the same protocol reaches the rate: the 2% are the
    // circuits, not the search.
    QuantumDevice instant = ideal;
    instant.electronInitTime_s = instant.carbonInitTime_s = instant.singleQubitGateTime_s = 0;
    instant.carbonZRotationTime_s = instant.twoQubitGateTime_s = instant.measurementTime_s = 0;
    const auto fast =
        SynthesiseProtocol(topo, topo.ShortestPath(0, 2), 0.8, fx.links, instant, fx.decoherence);
    ASSERT_TRUE(fast.found) << fast.reason;
    EXPECT_EQ(fast.protocol.Summary(), summary);
    EXPECT_NEAR(fast.protocol.fidelity, 0.8131, 5e-5);
    EXPECT_GE(fast.protocol.rate_hz, 2.6);
}

TEST(QuantumSynthesis, ExactRefusalStatesABound)
{
    // Noiseless: three hops of the table cannot reach 0.99 with three rounds. The whole space is
    // searched, so the reason states a bound, not the end of a budget.
    QuantumDevice ideal;
    MakeNoiseless(ideal);
    Fixture fx;
    QuantumTopology topo;
    for (unsigned n = 0; n <= 3; ++n)
    {
        topo.AddNode(QuantumNode{});
    }
    for (unsigned n = 0; n < 3; ++n)
    {
        topo.AddLink(n, n + 1, 5.0);
    }
    const auto r =
        SynthesiseProtocol(topo, topo.ShortestPath(0, 3), 0.99, fx.links, ideal, fx.decoherence);
    ASSERT_FALSE(r.found);
    EXPECT_TRUE(r.exact);
    EXPECT_NE(r.reason.find("is at most"), std::string::npos) << r.reason;
    EXPECT_EQ(r.reason.find("budget"), std::string::npos) << r.reason;
}
