/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// Protocol synthesis against an exhaustive search: on lines of 1-4 hops every protocol of the
// search space (all swap trees over all split positions, every capability per link, up to r
// distillation rounds per sub-path, each a nesting or a pumping with the sub-path's base) is
// placed with BuildTaskGraph, and the synthesis must return the best planned rate meeting Fmin
// (and find nothing exactly when nothing meets it), with the default options wherever they
// search the enumerated space (up to three hops, three rounds; at four hops the default two swap
// positions per sub-path are a subset of all three, and three rounds are too many to enumerate).
// Widening any option must never lower the rate, also when the budget truncates the exact pass.

#include "ns3/quantum-hardware.h"
#include "ns3/quantum-synthesis.h"

#include <algorithm>
#include <gtest/gtest.h>
#include <iostream>
#include <limits>
#include <memory>
#include <optional>

using namespace planet;

namespace
{

const std::string kData = std::string(PLANET_DATA_DIR) + "/quantum/";

/// No gate, readout, initialisation or memory noise (the study profile's device).
QuantumDevice
IdealDevice()
{
    QuantumDevice d;
    MakeNoiseless(d);
    return d;
}

/// planet-quantum's --hardware=futuristic: its device and the optics of its double-click links.
std::pair<QuantumDevice, OpticalParameters>
Futuristic()
{
    QuantumDevice d;
    OpticalParameters o = DeviceOptics(d);
    FindHardwareProfile("futuristic").apply(d, o);
    return {d, o};
}

/// A line of \p hops links of 5 km, default nodes (one communication, three storage qubits).
QuantumTopology
Line(unsigned hops)
{
    QuantumTopology topo;
    for (unsigned n = 0; n <= hops; ++n)
    {
        topo.AddNode(QuantumNode{});
    }
    for (unsigned n = 0; n < hops; ++n)
    {
        topo.AddLink(n, n + 1, 5.0);
    }
    return topo;
}

/// One capability of another link model: small enough spaces to enumerate with more rounds.
class OneCapability : public LinkModel
{
  public:
    OneCapability(std::shared_ptr<LinkModel> links, std::size_t index)
        : m_links(std::move(links)),
          m_index(index)
    {
    }

    std::string Name() const override
    {
        return m_links->Name() + "[" + std::to_string(m_index) + "]";
    }

    std::vector<LinkCapability> Capabilities(double length_km) const override
    {
        return {m_links->Capabilities(length_km).at(m_index)};
    }

  private:
    std::shared_ptr<LinkModel> m_links;
    std::size_t m_index;
};

/// A line and the space enumerated on it.
struct Case
{
    unsigned hops;
    unsigned rounds; //!< distillation rounds of the exhaustive space
    std::shared_ptr<LinkModel> links;
    unsigned rootSplits = 0; //!< swap positions of the route (the synthesis' best); 0: all
};

struct Setting
{
    std::string name;
    QuantumDevice device;
    std::vector<Case> cases;
    std::vector<double> fmins;
};

std::vector<Setting>
Settings()
{
    auto table = std::make_shared<TableLink>(LoadTableLink(kData + "nv-link-capabilities.json"));
    const auto [futuristic, optics] = Futuristic();
    auto doubleClick = std::make_shared<DoubleClickLink>(optics);
    // Ten capabilities per table link: the exhaustive space grows as 10^hops times the
    // distillation structures, so longer lines get fewer rounds (3 rounds on 2 hops: 51200
    // protocols; 1 on 3 hops: 64000; none on 4 hops: 50000). With one capability (the table's
    // best fidelity; double-click links have one) 3 and 4 hops take the default options: three
    // rounds (65536 protocols on 3 hops, of which about 1750 fit the qubits), and on 4 hops the
    // route's two best swap positions (about 160000 protocols of sub-paths that fit).
    auto best = std::make_shared<OneCapability>(table, 0);
    const std::vector<Case> tableCases{{1, 3, table},
                                       {2, 3, table},
                                       {3, 1, table},
                                       {3, 3, best},
                                       {4, 0, table},
                                       {4, 3, best, 2}};
    return {
        {"ideal", IdealDevice(), tableCases, {0.6, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95}},
        // NV reaches about 0.80 / 0.44 / 0.32 over one / two / three hops.
        {"nv", QuantumDevice{}, tableCases, {0.3, 0.35, 0.4, 0.5, 0.6, 0.75}},
        {"futuristic",
         futuristic,
         {{1, 4, doubleClick},
          {2, 3, doubleClick},
          {3, 3, doubleClick},
          {4, 1, doubleClick},
          {4, 3, doubleClick, 2}},
         {0.7, 0.8, 0.85, 0.9, 0.93, 0.95}},
    };
}

/// A protocol tree of the exhaustive enumeration (shared sub-trees).
struct Tree
{
    ProtocolOp op = ProtocolOp::LinkGeneration;
    uint32_t first = 0;
    uint32_t last = 0;
    uint32_t capability = 0;
    LinkCapability link{0, 0};
    std::shared_ptr<const Tree> left;
    std::shared_ptr<const Tree> right;
};

using TreePtr = std::shared_ptr<const Tree>;

/// Appends \p t, its positions shifted down by \p offset, to \p p (post-order).
uint32_t
Append(const Tree& t, uint32_t offset, Protocol& p)
{
    ProtocolNode n;
    n.op = t.op;
    n.first = t.first - offset;
    n.last = t.last - offset;
    if (t.op == ProtocolOp::LinkGeneration)
    {
        n.capability = t.capability;
        n.link = t.link;
        n.moves = 2; // both ends have storage qubits
    }
    else
    {
        n.left = static_cast<int32_t>(Append(*t.left, offset, p));
        n.right = static_cast<int32_t>(Append(*t.right, offset, p));
    }
    p.nodes.push_back(n);
    return static_cast<uint32_t>(p.nodes.size() - 1);
}

/// Every protocol of a case's space on a line, placed with BuildTaskGraph.
class Enumerator
{
  public:
    Enumerator(const Setting& s, const Case& c)
        : m_ops(s.device),
          m_caps(c.links->Capabilities(5.0)),
          m_rounds(c.rounds),
          m_rootSplits(c.rootSplits),
          m_positions(c.hops + 1),
          m_memo(m_positions * m_positions)
    {
    }

    /// Planned (fidelity, rate) of every protocol of the space that fits the qubits.
    std::vector<std::pair<double, double>> Planned()
    {
        Enumerate(0, m_positions - 1);
        return m_planned;
    }

  private:
    /// \p t (on positions i .. j) placed alone on a line of j - i hops; none if it needs more
    /// qubits at a node than the node has.
    std::optional<TaskGraph> Place(const Tree& t, uint32_t i, uint32_t j) const
    {
        Protocol p;
        for (uint32_t n = 0; n <= j - i; ++n)
        {
            p.path.push_back(n);
        }
        p.linkLengths_km.assign(j - i, 5.0);
        p.root = Append(t, i, p);
        try
        {
            return BuildTaskGraph(p, Line(j - i), m_ops, m_decoherence);
        }
        catch (const std::invalid_argument&)
        {
            return std::nullopt; // not a protocol of the space
        }
    }

    /// Every protocol of the space on positions i .. j: bases (a link generation per
    /// capability, or a swap at any position (at the route's root, the case's first
    /// rootSplits) of any two protocols of the halves), each followed by up to m_rounds rounds
    /// of nesting (distil with a copy of itself) or pumping (with its base). A sub-path keeps
    /// only the protocols that fit its line's qubits alone, and only those are distilled
    /// further: a tree holding one of the others (placement runs a swap's or distillation's
    /// first side before the other) holds at least as many pairs at its nodes at once. The
    /// route's are placed into m_planned.
    const std::vector<TreePtr>& Enumerate(uint32_t i, uint32_t j)
    {
        auto& out = m_memo[i * m_positions + j];
        if (!out.empty())
        {
            return out;
        }
        std::vector<TreePtr> bases;
        if (j == i + 1)
        {
            for (uint32_t k = 0; k < m_caps.size(); ++k)
            {
                bases.push_back(std::make_shared<Tree>(
                    Tree{ProtocolOp::LinkGeneration, i, j, k, m_caps[k], nullptr, nullptr}));
            }
        }
        else
        {
            std::vector<uint32_t> splits;
            for (uint32_t k = i + 1; k < j; ++k)
            {
                splits.push_back(k);
            }
            const bool root = i == 0 && j == m_positions - 1;
            if (root && m_rootSplits > 0)
            {
                // The synthesis ranks swap positions by the slower of the two sides' fastest
                // undistilled protocols, then balance, then leftmost: on a uniform line the
                // middle first, then outwards from the left.
                std::stable_sort(splits.begin(), splits.end(), [&](uint32_t a, uint32_t b) {
                    const auto off = [&](uint32_t k) {
                        return std::max(k - i, j - k) * 2 - (j - i);
                    };
                    return off(a) < off(b);
                });
                splits.resize(std::min<std::size_t>(splits.size(), m_rootSplits));
            }
            for (uint32_t k : splits)
            {
                const auto& left = Enumerate(i, k);
                const auto& right = Enumerate(k, j);
                for (const auto& l : left)
                {
                    for (const auto& r : right)
                    {
                        bases.push_back(
                            std::make_shared<Tree>(Tree{ProtocolOp::Swap, i, j, 0, {0, 0}, l, r}));
                    }
                }
            }
        }
        const bool root = i == 0 && j == m_positions - 1;
        // Keeps t if it fits (and, on the route, records its plan).
        const auto fits = [&](const TreePtr& t) {
            const auto g = Place(*t, i, j);
            if (g && root)
            {
                m_planned.emplace_back(g->fidelity, g->Rate());
            }
            if (g)
            {
                out.push_back(t);
            }
            return g.has_value();
        };
        for (const auto& b : bases)
        {
            if (!fits(b))
            {
                continue;
            }
            std::vector<TreePtr> layer{b};
            for (unsigned r = 0; r < m_rounds; ++r)
            {
                std::vector<TreePtr> next;
                for (const auto& t : layer)
                {
                    const auto nest =
                        std::make_shared<Tree>(Tree{ProtocolOp::Distill, i, j, 0, {0, 0}, t, t});
                    if (fits(nest))
                    {
                        next.push_back(nest);
                    }
                    if (t != b)
                    {
                        const auto pump = std::make_shared<Tree>(
                            Tree{ProtocolOp::Distill, i, j, 0, {0, 0}, t, b});
                        if (fits(pump))
                        {
                            next.push_back(pump);
                        }
                    }
                }
                layer = std::move(next);
            }
        }
        return out;
    }

    const OperationModel m_ops;
    const T1T2Decoherence m_decoherence;
    const std::vector<LinkCapability> m_caps;
    const unsigned m_rounds;
    const unsigned m_rootSplits;
    const uint32_t m_positions;
    std::vector<std::vector<TreePtr>> m_memo;
    std::vector<std::pair<double, double>> m_planned; //!< the route's protocols that fit
};

} // namespace

TEST(QuantumSynthesisSearch, FindsTheExhaustiveBest)
{
    const T1T2Decoherence decoherence;
    unsigned points = 0;
    unsigned found = 0;
    uint64_t maxExamined = 0;
    uint64_t maxPlanned = 0;
    unsigned exactAtDefault = 0;
    unsigned truncatedWide = 0;
    unsigned defaultOptions = 0;
    for (const auto& s : Settings())
    {
        for (const auto& c : s.cases)
        {
            const unsigned hops = c.hops;
            const LinkModel& links = *c.links;
            const auto topo = Line(hops);
            const auto route = topo.ShortestPath(0, hops);
            SynthesisOptions o;
            o.maxDistillRounds = c.rounds;
            // Every swap position, or the route's best rootSplits (the sub-paths of four hops
            // have at most two).
            o.splitsPerSegment = c.rootSplits > 0 ? c.rootSplits : std::max(1u, hops - 1);
            // Where the default options search this same space.
            const SynthesisOptions defaults;
            const bool isDefault = o.maxDistillRounds == defaults.maxDistillRounds &&
                                   (hops <= 3 || c.rootSplits == defaults.splitsPerSegment);
            const auto planned = Enumerator(s, c).Planned();
            for (double fmin : s.fmins)
            {
                SCOPED_TRACE(s.name + " hops " + std::to_string(hops) + " fmin " +
                             std::to_string(fmin) + " rounds " +
                             std::to_string(o.maxDistillRounds) + " links " + links.Name());
                double best = 0;
                bool any = false;
                for (const auto& [f, rate] : planned)
                {
                    if (f >= fmin)
                    {
                        any = true;
                        best = std::max(best, rate);
                    }
                }
                // A wide budget (these lines are short routes: shortRouteBudget applies).
                SynthesisOptions wide = o;
                wide.shortRouteBudget = 400000;
                const auto r =
                    SynthesiseProtocol(topo, route, fmin, links, s.device, decoherence, wide);
                ++points;
                maxExamined = std::max(maxExamined, r.examined);
                maxPlanned = std::max(maxPlanned, r.planned);
                ASSERT_EQ(r.found, any) << r.reason;
                // The fresh-fidelity bound is loose where storage costs much fidelity (NV's
                // attempt dephasing: two hops reach 0.55 without storage against 0.44 planned),
                // so the exact pass may run out of budget there (counted below); the rate must
                // still be the best. Without noise the bound is tight and the pass completes.
                EXPECT_TRUE(r.exact || s.name != "ideal") << "examined " << r.examined;
                truncatedWide += !r.exact;
                if (any)
                {
                    ++found;
                    EXPECT_NEAR(r.plan.Rate(), best, 1e-12 * best) << r.protocol.Summary();
                    EXPECT_GE(r.plan.fidelity, fmin);
                }
                // The default budget (and the default options where they search this space)
                // gives the same rate, exact or not.
                const auto d =
                    isDefault
                        ? SynthesiseProtocol(topo, route, fmin, links, s.device, decoherence)
                        : SynthesiseProtocol(topo, route, fmin, links, s.device, decoherence, o);
                exactAtDefault += d.exact;
                defaultOptions += isDefault;
                ASSERT_EQ(d.found, any) << d.reason;
                EXPECT_EQ(d.plan.Rate(), r.plan.Rate()) << d.protocol.Summary();
            }
        }
    }
    std::cout << "exhaustive comparison: " << points << " points, " << found
              << " with a protocol; search cost at most " << maxExamined << " candidates built, "
              << maxPlanned << " placed; default options at " << defaultOptions
              << "; exact at the default budget at " << exactAtDefault
              << ", truncated at budget 400000 at " << truncatedWide << "\n";
    EXPECT_EQ(points, 108u);
    EXPECT_LE(truncatedWide, 5u);
    EXPECT_EQ(defaultOptions, 70u);
    EXPECT_GT(found, points / 2);
}

TEST(QuantumSynthesisSearch, WiderOptionsNeverLowerTheRate)
{
    const T1T2Decoherence decoherence;
    unsigned truncated = 0;
    for (const auto& s : Settings())
    {
        const LinkModel& links = *s.cases.front().links; // all of the setting's capabilities
        for (unsigned hops = 2; hops <= 4; ++hops)
        {
            const auto topo = Line(hops);
            const auto route = topo.ShortestPath(0, hops);
            for (double fmin : s.fmins)
            {
                SCOPED_TRACE(s.name + " hops " + std::to_string(hops) + " fmin " +
                             std::to_string(fmin));
                auto rate = [&](const SynthesisOptions& o) {
                    const auto r =
                        SynthesiseProtocol(topo, route, fmin, links, s.device, decoherence, o);
                    truncated += !r.exact;
                    return r.found ? r.plan.Rate() : 0.0;
                };
                // A small budget truncates the exact pass on longer lines: the narrower
                // searches must still keep the rate monotone.
                for (uint64_t budget : {300u, 20000u})
                {
                    double last = 0;
                    for (unsigned rounds = 0; rounds <= 3; ++rounds)
                    {
                        SynthesisOptions o;
                        o.shortRouteBudget = budget;
                        o.maxDistillRounds = rounds;
                        const double r = rate(o);
                        EXPECT_GE(r, last) << "rounds " << rounds << " budget " << budget;
                        last = r;
                    }
                    last = 0;
                    for (unsigned splits = 1; splits <= hops - 1; ++splits)
                    {
                        SynthesisOptions o;
                        o.shortRouteBudget = budget;
                        o.splitsPerSegment = splits;
                        const double r = rate(o);
                        EXPECT_GE(r, last) << "splits " << splits << " budget " << budget;
                        last = r;
                    }
                }
                double last = 0;
                for (uint64_t budget : {1u, 100u, 1000u, 20000u})
                {
                    SynthesisOptions o;
                    o.shortRouteBudget = budget;
                    const double r = rate(o);
                    EXPECT_GE(r, last) << "budget " << budget;
                    last = r;
                }
            }
        }
    }
    EXPECT_GT(truncated, 0u);
}
