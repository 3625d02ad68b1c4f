/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "quantum-synthesis.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <sstream>
#include <stdexcept>
#include <tuple>

namespace planet
{

namespace
{

/// Candidates whose analytic fidelity is this far below fmin are not planned by the heuristic
/// pass: the plan adds waiting the estimate does not know about, so it never does that much
/// better.
constexpr double kEstimateSlack = 0.02;

/// Candidates the heuristic pass keeps per inner sub-path (Pareto front, thinned).
constexpr std::size_t kHeuristicFront = 8;

/// Relative slack of the exact pass's rate floor: the incumbent's own bound may round below
/// its planned rate by an ulp.
constexpr double kFloorSlack = 1e-9;

/**
 * A candidate protocol for one sub-path of `span` hops. Positions are relative to the
 * sub-path's first node, so a candidate serves every route through the same nodes.
 *
 * Analytic estimates (fidelity .. work_s) order and prune the heuristic pass; the bounds
 * (freshFidelity .. makespanBound_s) hold for every placement of every tree containing the
 * candidate and are the only figures the exact pass cuts on.
 */
struct Candidate
{
    ProtocolOp op;
    uint32_t span;
    int32_t left;
    int32_t right;
    uint32_t capability;
    LinkCapability link;
    unsigned moves;
    double fidelity;    //!< analytic output fidelity
    double duration_s;  //!< analytic time from start to output
    double success;     //!< product of distillation success probabilities
    unsigned needFirst; //!< pairs held at once at its first node (post-order execution)
    unsigned needLast;  //!< same at its last node
    double work_s;      //!< sum of the durations of all its tasks (placement order of swaps)

    double freshFidelity;   //!< output fidelity without any storage: no placement delivers more
    double freshSuccess;    //!< distillation success at the fresh fidelities: none succeeds more
    double makespanBound_s; //!< no placement ends its root earlier
    uint32_t loads = 0;     //!< exact pass: offset in the pool of (link time, tail) per position

    uint32_t tasks = 1; //!< operations of its tree
    double rate = 0;    //!< success / duration_s (set when the candidate is added)
    double bound = 0;   //!< freshSuccess / makespanBound_s: no placement has a higher rate
};

/// The exact pass exceeded its budget.
struct BudgetExceeded
{
};

void
CheckRoute(const QuantumTopology& topology, const QuantumRoute& route)
{
    if (route.nodes.size() < 2 || route.links.size() + 1 != route.nodes.size())
    {
        throw std::invalid_argument("route needs at least two nodes and one link per hop");
    }
    for (std::size_t h = 0; h < route.links.size(); ++h)
    {
        const auto l = route.links[h];
        if (l >= topology.Links().size())
        {
            throw std::invalid_argument("route link " + std::to_string(l) + " does not exist");
        }
        const auto& link = topology.Links()[l];
        const auto a = route.nodes[h];
        const auto b = route.nodes[h + 1];
        if (!((link.a == a && link.b == b) || (link.a == b && link.b == a)))
        {
            throw std::invalid_argument("route link " + std::to_string(l) +
                                        " does not join nodes " + std::to_string(a) + " and " +
                                        std::to_string(b));
        }
    }
    std::vector<uint32_t> sorted = route.nodes;
    std::sort(sorted.begin(), sorted.end());
    if (std::adjacent_find(sorted.begin(), sorted.end()) != sorted.end())
    {
        throw std::invalid_argument("route visits a node twice");
    }
}

} // namespace

class ProtocolSynthesiser::Impl
{
  public:
    Impl(const QuantumTopology& topology,
         const LinkModel& links,
         const QuantumDevice& device,
         const DecoherenceModel& decoherence,
         const SynthesisOptions& options)
        : m_topology(topology),
          m_links(links),
          m_ops(device),
          m_decoherence(decoherence),
          m_options(options)
    {
        if (options.splitsPerSegment < 1 || options.searchBudget < 1 ||
            options.shortRouteBudget < 1)
        {
            throw std::invalid_argument("SynthesisOptions: splitsPerSegment, searchBudget and "
                                        "shortRouteBudget must be >= 1");
        }
    }

    std::size_t CachedSegments() const
    {
        return m_fronts.size();
    }

    SynthesisResult Run(const QuantumRoute& route, double fmin)
    {
        if (!(fmin > 0.25 && fmin <= 1.0))
        {
            throw std::invalid_argument("fmin must be in (0.25, 1], got " + std::to_string(fmin));
        }
        CheckRoute(m_topology, route);
        SetRoute(route);
        // A route of the same shape (qubits per node, link lengths) has the same answer, up to
        // the names of its nodes: only the chosen tree is placed again, on this route's qubits.
        auto key = std::make_pair(Shape(0, m_positions - 1), fmin);
        auto memo = m_results.find(key);
        if (memo != m_results.end())
        {
            return Reuse(memo->second, fmin);
        }
        m_placed.clear();
        const uint32_t hops = m_positions - 1;
        m_short = hops <= m_options.shortRouteHops;
        // More splits than a sub-path has swap positions change nothing.
        const unsigned rounds = m_options.maxDistillRounds;
        const unsigned splits =
            std::min<unsigned>(m_options.splitsPerSegment, std::max<uint32_t>(hops - 1, 1));
        Diagnostics diag;
        bool complete = false;
        SynthesisResult result = Term(rounds, splits, fmin, diag, complete);
        result.exact = complete;
        if (!complete)
        {
            // The exact pass of the full space ran out of budget. The result is the best over
            // the narrower spaces (fewer rounds, fewer splits), each exact when its own pass
            // completes: a wider option then never returns less. A completed space contains
            // every narrower one, whose terms are then skipped.
            std::vector<std::pair<unsigned, unsigned>> completed;
            for (unsigned r = rounds + 1; r-- > 0;)
            {
                for (unsigned s = splits; s >= 1; --s)
                {
                    const bool covered =
                        (r == rounds && s == splits) ||
                        std::any_of(completed.begin(), completed.end(), [&](const auto& c) {
                            return c.first >= r && c.second >= s;
                        });
                    if (covered)
                    {
                        continue;
                    }
                    bool done = false;
                    SynthesisResult narrower = Term(r, s, fmin, diag, done);
                    result.examined += narrower.examined;
                    result.planned += narrower.planned;
                    if (done)
                    {
                        completed.emplace_back(r, s);
                    }
                    if (Better(narrower, result))
                    {
                        narrower.examined = result.examined;
                        narrower.planned = result.planned;
                        result = std::move(narrower);
                        result.exact = false;
                    }
                }
            }
        }
        if (result.found)
        {
            Annotate(result.protocol, result.plan);
        }
        else
        {
            result.reason = Reason(fmin, diag, result.exact);
        }
        // (A placement error names nodes of this route: such an answer is not reused.)
        if (result.found || diag.placementError.empty())
        {
            m_results.emplace(std::move(key),
                              Answer{result.found, result.exact, result.protocol, diag});
        }
        return result;
    }

  private:
    /// What the passes saw, for the reason when nothing is found.
    struct Diagnostics
    {
        bool anyCandidate = false;    //!< the route had a candidate fitting its qubits
        double bestFidelity = 0;      //!< best planned fidelity
        double bestFreshFidelity = 0; //!< best fidelity bound of a whole-route candidate
        std::string placementError;   //!< a placement that failed
    };

    /// A tree placed on the route: its plan, or why it does not fit.
    struct Placement
    {
        TaskGraph plan;
        std::string error;
    };

    /// What a search of one route shape and fmin found, kept for routes of the same shape.
    struct Answer
    {
        bool found;
        bool exact;
        Protocol protocol; //!< the chosen tree (its path is the first route's)
        Diagnostics diag;
    };

    /// The search's \p answer on the current route: the tree placed on its nodes' qubits.
    SynthesisResult Reuse(const Answer& answer, double fmin) const
    {
        SynthesisResult result;
        result.found = answer.found;
        result.exact = answer.exact;
        if (!answer.found)
        {
            result.reason = Reason(fmin, answer.diag, answer.exact);
            return result;
        }
        result.protocol = answer.protocol;
        result.protocol.path = m_route->nodes;
        result.plan = BuildTaskGraph(result.protocol,
                                     m_topology,
                                     m_ops,
                                     m_decoherence,
                                     m_options.windowQuantile);
        result.planned = 1;
        Annotate(result.protocol, result.plan);
        return result;
    }

    /// Plan \p a has a higher rate than \p b (ties: higher fidelity).
    static bool Beats(const TaskGraph& a, const TaskGraph& b)
    {
        return a.Rate() > b.Rate() || (a.Rate() == b.Rate() && a.fidelity > b.fidelity);
    }

    /// \p a found a protocol that beats \p b's, or \p b found none.
    static bool Better(const SynthesisResult& a, const SynthesisResult& b)
    {
        return a.found && (!b.found || Beats(a.plan, b.plan));
    }

    /// Search of the space with \p rounds and \p splits: the heuristic pass, then the exact
    /// pass above the heuristic's planned rate; \p complete when the exact pass completed.
    SynthesisResult Term(unsigned rounds,
                         unsigned splits,
                         double fmin,
                         Diagnostics& diag,
                         bool& complete)
    {
        m_rounds = rounds;
        m_splits = splits;
        // On a short route, a space narrower than the default options' gets a share of the
        // larger budget in proportion to its (rounds + 1) * splits, never less than the long
        // routes' budget (a function of the space alone, so that every option set searches
        // each of its narrower spaces alike).
        const SynthesisOptions defaults;
        const uint64_t share = (rounds + 1) * splits;
        const uint64_t full = (defaults.maxDistillRounds + 1) * defaults.splitsPerSegment;
        m_budget = m_short ? std::max(m_options.searchBudget,
                                      m_options.shortRouteBudget * std::min(share, full) / full)
                           : m_options.searchBudget;
        const double ceiling = FidelityCeiling();
        if (ceiling < fmin)
        {
            // No protocol of this space reaches fmin, even without storage: the exact answer.
            diag.bestFreshFidelity = std::max(diag.bestFreshFidelity, ceiling);
            diag.anyCandidate = true;
            complete = true;
            return {};
        }
        SynthesisResult result = HeuristicPass(fmin, diag);
        const double floor = result.found ? result.plan.Rate() * (1 - kFloorSlack) : 0.0;
        complete = ExactPass(fmin, floor, result, diag);
        return result;
    }

    /// Places \p c and keeps it in \p best if it meets fmin and is better.
    void Consider(uint32_t c, double fmin, SynthesisResult& best, Diagnostics& diag)
    {
        Protocol protocol = Expand(c);
        // The passes of one route meet the same trees: each is placed once.
        auto [it, fresh] = m_placed.try_emplace(protocol.Summary());
        Placement& placed = it->second;
        if (fresh)
        {
            ++best.planned;
            try
            {
                placed.plan = BuildTaskGraph(protocol,
                                             m_topology,
                                             m_ops,
                                             m_decoherence,
                                             m_options.windowQuantile);
            }
            catch (const std::invalid_argument& e)
            {
                placed.error = e.what();
            }
        }
        if (!placed.error.empty())
        {
            diag.placementError = placed.error;
            return;
        }
        const TaskGraph& plan = placed.plan;
        diag.bestFidelity = std::max(diag.bestFidelity, plan.fidelity);
        if (plan.fidelity < fmin)
        {
            return;
        }
        if (!best.found || Beats(plan, best.plan))
        {
            best.found = true;
            best.protocol = std::move(protocol);
            best.plan = plan;
        }
    }

    /// Fronts pruned and thinned on estimates (cached per node sequence and option pair); every
    /// candidate of the route's front that may meet fmin is placed.
    SynthesisResult HeuristicPass(double fmin, Diagnostics& diag)
    {
        const uint32_t hops = m_positions - 1;
        for (uint32_t len = 1; len <= hops; ++len)
        {
            for (uint32_t i = 0; i + len <= hops; ++i)
            {
                FrontKey key{Shape(i, i + len), m_rounds, m_splits};
                auto it = m_fronts.find(key);
                if (it == m_fronts.end())
                {
                    it = m_fronts.emplace(std::move(key), Commit(Segment(i, i + len, true))).first;
                }
                m_segment[Key(i, i + len)] = &it->second;
            }
        }
        auto finals = Front(0, hops);
        std::stable_sort(finals.begin(), finals.end(), [&](uint32_t a, uint32_t b) {
            return m_cands[a].rate > m_cands[b].rate;
        });
        SynthesisResult result;
        for (uint32_t c : finals)
        {
            const Candidate& cand = m_cands[c];
            diag.anyCandidate = true;
            diag.bestFreshFidelity = std::max(diag.bestFreshFidelity, cand.freshFidelity);
            if (cand.fidelity >= fmin - kEstimateSlack && cand.freshFidelity >= fmin)
            {
                Consider(c, fmin, result, diag);
            }
        }
        return result;
    }

    /// Best of the whole space: searches at decreasing rate floors (from the fastest possible
    /// rate down in factors of 4, then the best rate found, at last \p floor, the incumbent's;
    /// 0 without one). Each search builds, per sub-path, every protocol of the space whose rate
    /// bound reaches its floor and places the route's in decreasing bound while the bound can
    /// beat \p best; the first whose best reaches its floor has the best of the space. False if
    /// the budget ran out (best then holds what was found so far).
    bool ExactPass(double fmin, double floor, SynthesisResult& best, Diagnostics& diag)
    {
        const uint32_t hops = m_positions - 1;
        FidelityNeeds(fmin);
        m_exact = true;
        // The exact pass's candidates live in their own store (the heuristic's committed ones
        // stay where they are, however many a cached synthesiser holds).
        std::swap(m_cands, m_exactStore);
        const uint32_t committed = m_committed;
        m_committed = 0;
        m_examined = 0;
        bool complete = true;
        const double top = 1.0 / m_fastest[Key(0, hops)];
        double tryFloor = top;
        std::vector<std::vector<uint32_t>> segments(m_positions * m_positions);
        try
        {
            for (;;)
            {
                tryFloor = std::max(tryFloor, floor);
                m_floor = tryFloor;
                m_floorCuts = 0;
                m_cands.clear();
                m_pool.clear();
                for (uint32_t len = 1; len <= hops; ++len)
                {
                    for (uint32_t i = 0; i + len <= hops; ++i)
                    {
                        auto& segment = segments[Key(i, i + len)];
                        // (A sub-path no protocol of the route can use stays empty.)
                        segment = m_baseNeed[Key(i, i + len)] > 1.0 ? std::vector<uint32_t>{}
                                                                    : Segment(i, i + len, false);
                        m_segment[Key(i, i + len)] = &segment;
                    }
                }
                PlaceByBound(segments[Key(0, hops)], fmin, best, diag);
                if (tryFloor <= floor || (best.found && best.plan.Rate() >= tryFloor))
                {
                    break;
                }
                // The last floor: the best rate found, else the incumbent's. When this floor
                // cut fewer protocols than it kept, lower floors rebuild nearly the same space
                // again, so the search goes to the last floor at once.
                const double last = best.found ? best.plan.Rate() * (1 - kFloorSlack) : floor;
                tryFloor /= 4;
                if (m_floorCuts < m_cands.size() || (!best.found && tryFloor < top * 1e-6))
                {
                    tryFloor = last;
                }
                tryFloor = std::max(tryFloor, last);
            }
        }
        catch (const BudgetExceeded&)
        {
            complete = false;
        }
        best.examined += m_examined;
        m_exact = false;
        m_cands.clear();
        std::swap(m_cands, m_exactStore);
        m_committed = committed;
        m_pool.clear();
        return complete;
    }

    /// Places the route's candidates \p finals in decreasing rate bound while the bound can
    /// beat \p best.
    void PlaceByBound(std::vector<uint32_t> finals,
                      double fmin,
                      SynthesisResult& best,
                      Diagnostics& diag)
    {
        std::stable_sort(finals.begin(), finals.end(), [&](uint32_t a, uint32_t b) {
            return m_cands[a].bound > m_cands[b].bound;
        });
        for (uint32_t c : finals)
        {
            const Candidate& cand = m_cands[c];
            diag.anyCandidate = true;
            diag.bestFreshFidelity = std::max(diag.bestFreshFidelity, cand.freshFidelity);
            if (best.found && cand.bound < best.plan.Rate())
            {
                break;
            }
            if (cand.freshFidelity < fmin)
            {
                continue; // no placement delivers more than the fresh fidelity
            }
            // (On a short route a placement, some hundred times dearer than building a
            // candidate, counts its tasks: the large budget then bounds the time.)
            Count(m_short ? cand.tasks : 1);
            Consider(c, fmin, best, diag);
        }
    }

    /// Upper bound of \p fidelity after up to m_rounds distillations with pairs no better
    /// (each step is monotone in both inputs).
    double Lifted(double fidelity) const
    {
        for (unsigned r = 0; r < m_rounds; ++r)
        {
            fidelity = std::max(fidelity, m_ops.NoisyDistill(fidelity, fidelity).fidelity);
        }
        return fidelity;
    }

    /// Largest input known to give g < \p target for the non-decreasing \p g on fidelities:
    /// every input below it misses too (bisection). 0 if g(0.25) reaches the target, 2 if g(1)
    /// misses it.
    template <typename G>
    static double Threshold(G g, double target)
    {
        if (g(1.0) < target)
        {
            return 2.0;
        }
        if (g(0.25) >= target)
        {
            return 0.0;
        }
        double lo = 0.25;
        double hi = 1.0;
        for (int it = 0; it < 40; ++it)
        {
            const double mid = (lo + hi) / 2;
            (g(mid) >= target ? hi : lo) = mid;
        }
        return lo;
    }

    /// The exact pass's fidelity cuts for \p fmin (after FidelityCeiling), top-down from the
    /// route: a protocol of a sub-path can only be part of a route protocol reaching fmin if,
    /// with every other part at its ceiling, the route still reaches fmin (every operation is
    /// monotone in its inputs, and distillations lift a base at most to Lifted). Per sub-path,
    /// m_baseNeed is the fresh fidelity its bases must reach (2 for a sub-path that no split
    /// uses); per swap position, m_sideNeed what each side's protocol must reach.
    void FidelityNeeds(double fmin)
    {
        const uint32_t hops = m_positions - 1;
        std::vector<double> need(m_positions * m_positions, 2.0);
        need[Key(0, hops)] = fmin;
        m_baseNeed.assign(m_positions * m_positions, 2.0);
        m_sideNeed.assign(2 * m_positions * m_positions * m_positions, 2.0);
        for (uint32_t len = hops; len >= 1; --len)
        {
            for (uint32_t i = 0; i + len <= hops; ++i)
            {
                const uint32_t j = i + len;
                if (need[Key(i, j)] > 1.0)
                {
                    continue;
                }
                const double base =
                    Threshold([this](double f) { return Lifted(f); }, need[Key(i, j)]);
                m_baseNeed[Key(i, j)] = base;
                for (uint32_t k : len > 1 ? Splits(i, j) : std::vector<uint32_t>{})
                {
                    const double right = m_ceiling[Key(k, j)];
                    const double left = m_ceiling[Key(i, k)];
                    double* side = &m_sideNeed[2 * (Key(i, j) * m_positions + k)];
                    side[0] = Threshold([&](double f) { return m_ops.NoisySwap(f, right); }, base);
                    side[1] = Threshold([&](double f) { return m_ops.NoisySwap(left, f); }, base);
                    need[Key(i, k)] = std::min(need[Key(i, k)], side[0]);
                    need[Key(k, j)] = std::min(need[Key(k, j)], side[1]);
                }
            }
        }
    }

    /// Upper bound of the fresh fidelity of every protocol of the space on the route; the
    /// bound of every sub-path into m_ceiling.
    double FidelityCeiling()
    {
        std::vector<double>& ceiling = m_ceiling;
        ceiling.assign(m_positions * m_positions, 0.0);
        for (uint32_t len = 1; len < m_positions; ++len)
        {
            for (uint32_t i = 0; i + len < m_positions; ++i)
            {
                const uint32_t j = i + len;
                double c = 0;
                if (len == 1)
                {
                    const unsigned moves = (m_hasStorage[i] ? 1 : 0) + (m_hasStorage[j] ? 1 : 0);
                    for (const auto& cap :
                         m_links.Capabilities(m_topology.Links()[m_route->links[i]].length_km))
                    {
                        c = std::max(c, m_ops.AfterMoves(cap.fidelity, moves));
                    }
                }
                for (uint32_t k : len > 1 ? Splits(i, j) : std::vector<uint32_t>{})
                {
                    c = std::max(c, m_ops.NoisySwap(ceiling[Key(i, k)], ceiling[Key(k, j)]));
                }
                ceiling[Key(i, j)] = Lifted(c);
            }
        }
        return ceiling[Key(0, m_positions - 1)];
    }

    /// \p units more of the exact pass's budget.
    void Count(uint64_t units = 1)
    {
        if ((m_examined += units) > m_budget)
        {
            throw BudgetExceeded{};
        }
    }

    void SetRoute(const QuantumRoute& route)
    {
        m_route = &route;
        m_positions = static_cast<uint32_t>(route.nodes.size());
        m_capacity.clear();
        m_comm.clear();
        m_memory.clear();
        m_hasStorage.clear();
        for (uint32_t n : route.nodes)
        {
            const auto& node = m_topology.Node(n);
            const bool store = node.storageQubits > 0;
            m_capacity.push_back(store ? node.storageQubits : node.communicationQubits);
            m_comm.push_back(node.communicationQubits);
            m_memory.push_back(store ? m_ops.Device().carbon : m_ops.Device().electron);
            m_hasStorage.push_back(store);
        }
        m_segment.assign(m_positions * m_positions, nullptr);
        m_fastest.assign(m_positions * m_positions, 0.0);
        for (uint32_t len = 1; len < m_positions; ++len)
        {
            for (uint32_t i = 0; i + len < m_positions; ++i)
            {
                m_fastest[Key(i, i + len)] = Fastest(i, i + len);
            }
        }
    }

    /// Why no protocol was found; \p exact: the search covered the whole space.
    std::string Reason(double fmin, const Diagnostics& diag, bool exact) const
    {
        std::ostringstream os;
        os << "no protocol on route " << RouteText() << " reaches fmin " << fmin;
        if (!diag.anyCandidate)
        {
            os << ": no protocol fits the qubits of its nodes (a repeater needs room to hold "
                  "one pair while it generates the next)";
        }
        else if (diag.bestFidelity > 0)
        {
            os << ": the best planned fidelity " << (exact ? "is " : "found is ")
               << diag.bestFidelity;
        }
        else if (diag.bestFreshFidelity < fmin)
        {
            os << ": the best planned fidelity " << (exact ? "is" : "found is") << " at most "
               << diag.bestFreshFidelity;
        }
        else
        {
            os << ": no candidate fits the nodes' qubits";
            if (!diag.placementError.empty())
            {
                os << " (" << diag.placementError << ")";
            }
        }
        os << " (search: up to " << m_options.maxDistillRounds << " distillation rounds, "
           << m_options.splitsPerSegment << " swap positions per sub-path"
           << (exact ? "" : "; it stopped at its budget, so a protocol of the space may exist")
           << ")";
        return os.str();
    }

    /// What the search sees of positions i .. j: each node's communication and storage qubits
    /// and each link's length. Sub-paths of equal shape have the same candidates.
    std::vector<double> Shape(uint32_t i, uint32_t j) const
    {
        std::vector<double> shape;
        for (uint32_t p = i; p <= j; ++p)
        {
            const auto& node = m_topology.Node(m_route->nodes[p]);
            shape.push_back(node.communicationQubits);
            shape.push_back(node.storageQubits);
            if (p < j)
            {
                shape.push_back(m_topology.Links()[m_route->links[p]].length_km);
            }
        }
        return shape;
    }

    uint32_t Key(uint32_t i, uint32_t j) const
    {
        return i * m_positions + j;
    }

    const std::vector<uint32_t>& Front(uint32_t i, uint32_t j) const
    {
        return *m_segment[Key(i, j)];
    }

    /// Fidelity of \p c's pair, delivered between positions i and i + span, after waiting.
    double Waited(const Candidate& c, uint32_t i, double wait_s) const
    {
        if (wait_s <= 0)
        {
            return c.fidelity;
        }
        return m_decoherence.Decohere(c.fidelity, wait_s, m_memory[i], m_memory[i + c.span]);
    }

    double DistillTime(uint32_t i, uint32_t j) const
    {
        double km = 0;
        for (uint32_t h = i; h < j; ++h)
        {
            km += m_topology.Links()[m_route->links[h]].length_km;
        }
        return m_ops.DistillLocalTime() + km * 1e3 / kFiberLightSpeed_m_s;
    }

    double LeafTime(uint32_t i, const LinkCapability& cap) const
    {
        const bool move = m_hasStorage[i] || m_hasStorage[i + 1];
        return LinkGenerationWindow(cap, m_options.windowQuantile) +
               (move ? m_ops.MoveTime() : 0.0);
    }

    /// Duration of the fastest undistilled protocol on positions i .. j, qubits ignored: ranks
    /// the swap positions independently of every option.
    double Fastest(uint32_t i, uint32_t j) const
    {
        double best = std::numeric_limits<double>::infinity();
        if (j == i + 1)
        {
            for (const auto& cap :
                 m_links.Capabilities(m_topology.Links()[m_route->links[i]].length_km))
            {
                best = std::min(best, LeafTime(i, cap));
            }
            return best;
        }
        for (uint32_t k = i + 1; k < j; ++k)
        {
            best =
                std::min(best,
                         std::max(m_fastest[Key(i, k)], m_fastest[Key(k, j)]) + m_ops.SwapTime());
        }
        return best;
    }

    /// The m_splits swap positions of i .. j: those with the fastest undistilled protocol
    /// first, then the best balanced, then the leftmost.
    std::vector<uint32_t> Splits(uint32_t i, uint32_t j) const
    {
        std::vector<std::tuple<double, double, uint32_t>> ranked;
        for (uint32_t k = i + 1; k < j; ++k)
        {
            const double l = m_fastest[Key(i, k)];
            const double r = m_fastest[Key(k, j)];
            ranked.emplace_back(std::max(l, r), std::abs(std::log(l / r)), k);
        }
        std::sort(ranked.begin(), ranked.end());
        ranked.resize(std::min<std::size_t>(ranked.size(), m_splits));
        std::vector<uint32_t> out;
        for (const auto& r : ranked)
        {
            out.push_back(std::get<2>(r));
        }
        return out;
    }

    /// Makespan bound of a candidate on positions i .. i + span from its (link time, tail)
    /// pairs in m_scratch: at each position, the link generations on its communication qubits
    /// run one after another, and after the last of them at least the shortest chain of
    /// operations up to the root remains.
    double LoadBound(uint32_t i, uint32_t span) const
    {
        double bound = 0;
        for (uint32_t p = 0; p <= span; ++p)
        {
            bound = std::max(bound, m_scratch[2 * p] / m_comm[i + p] + m_scratch[2 * p + 1]);
        }
        return bound;
    }

    /// Adds \p c (on positions i .. i + span, its loads in m_scratch) as a temporary candidate
    /// (see Commit) if it is in the search space (fits the nodes' storage) and passes the
    /// pass's cut: the rate floor in the exact pass, a better-than-mixed estimate otherwise.
    void Add(Candidate c, uint32_t i, std::vector<uint32_t>& out)
    {
        if (m_exact)
        {
            Count();
        }
        if (c.needFirst > m_capacity[i] || c.needLast > m_capacity[i + c.span])
        {
            return;
        }
        c.rate = c.success / c.duration_s;
        c.bound = c.freshSuccess / c.makespanBound_s;
        if (m_exact ? c.bound < m_floor : c.fidelity <= 0.25)
        {
            m_floorCuts += m_exact;
            return;
        }
        if (m_exact)
        {
            c.loads = static_cast<uint32_t>(m_pool.size());
            m_pool.insert(m_pool.end(), m_scratch.begin(), m_scratch.begin() + 2 * (c.span + 1));
        }
        m_cands.push_back(c);
        out.push_back(static_cast<uint32_t>(m_cands.size() - 1));
    }

    /// Keeps the temporary candidates among \p front, drops the other temporaries, and returns
    /// \p front with the kept ones' new indices.
    std::vector<uint32_t> Commit(const std::vector<uint32_t>& front)
    {
        std::vector<Candidate> kept;
        std::vector<uint32_t> out;
        for (uint32_t c : front)
        {
            if (c < m_committed)
            {
                out.push_back(c);
                continue;
            }
            out.push_back(static_cast<uint32_t>(m_committed + kept.size()));
            kept.push_back(m_cands[c]);
        }
        m_cands.resize(m_committed);
        m_cands.insert(m_cands.end(), kept.begin(), kept.end());
        m_committed = static_cast<uint32_t>(m_cands.size());
        return out;
    }

    void Leaves(uint32_t i, std::vector<uint32_t>& out)
    {
        const auto caps = m_links.Capabilities(m_topology.Links()[m_route->links[i]].length_km);
        const unsigned moves = (m_hasStorage[i] ? 1 : 0) + (m_hasStorage[i + 1] ? 1 : 0);
        for (uint32_t k = 0; k < caps.size(); ++k)
        {
            const double duration = LeafTime(i, caps[k]);
            const double f = m_ops.AfterMoves(caps[k].fidelity, moves);
            if (m_exact && f < m_baseNeed[Key(i, i + 1)])
            {
                continue; // no route protocol with this link reaches fmin
            }
            m_scratch.assign({duration, 0.0, duration, 0.0});
            Candidate c{ProtocolOp::LinkGeneration,
                        1,
                        -1,
                        -1,
                        k,
                        caps[k],
                        moves,
                        f,
                        duration,
                        1.0,
                        1,
                        1,
                        duration,
                        f,
                        1.0,
                        std::max(duration, LoadBound(i, 1))};
            Add(c, i, out);
        }
    }

    void Swaps(uint32_t i, uint32_t j, std::vector<uint32_t>& out)
    {
        const double swapTime = m_ops.SwapTime();
        for (uint32_t k : Splits(i, j))
        {
            const double* side = m_exact ? &m_sideNeed[2 * (Key(i, j) * m_positions + k)] : nullptr;
            for (uint32_t a : Front(i, k))
            {
                if (m_exact && m_cands[a].freshFidelity < side[0])
                {
                    continue; // with any right side, no route protocol reaches fmin
                }
                for (uint32_t b : Front(k, j))
                {
                    // (References into m_cands last until the next Add.)
                    const Candidate& l = m_cands[a];
                    const Candidate& r = m_cands[b];
                    if (m_exact && r.freshFidelity < side[1])
                    {
                        continue;
                    }
                    const double fresh = m_ops.NoisySwap(l.freshFidelity, r.freshFidelity);
                    // Cheap cuts of the exact pass, before the swap is built: no route protocol
                    // containing it reaches fmin, and its rate bound is at most this.
                    if (m_exact && fresh < m_baseNeed[Key(i, j)])
                    {
                        continue;
                    }
                    if (m_exact &&
                        l.freshSuccess * r.freshSuccess /
                                (std::max(l.makespanBound_s, r.makespanBound_s) + swapTime) <
                            m_floor)
                    {
                        ++m_floorCuts;
                        continue;
                    }
                    // Placement runs the heavier side first; its pair waits at k meanwhile.
                    const bool rightFirst = r.work_s > l.work_s;
                    if (1 + (rightFirst ? l.needLast : r.needFirst) > m_capacity[k])
                    {
                        if (m_exact)
                        {
                            Count();
                        }
                        continue;
                    }
                    const double d = std::max(l.duration_s, r.duration_s);
                    // (The exact pass does not use estimates.)
                    const double f = m_exact ? 0.0
                                             : m_ops.NoisySwap(Waited(l, i, d - l.duration_s),
                                                               Waited(r, k, d - r.duration_s));
                    const uint32_t span = j - i;
                    const double bound = m_exact ? SwapBound(l, r, i, k, j) : 0.0;
                    Candidate c{ProtocolOp::Swap,
                                span,
                                int32_t(a),
                                int32_t(b),
                                0,
                                {0, 0},
                                0,
                                f,
                                d + swapTime,
                                l.success * r.success,
                                l.needFirst,
                                r.needLast,
                                l.work_s + r.work_s + swapTime,
                                fresh,
                                l.freshSuccess * r.freshSuccess,
                                bound};
                    c.tasks = l.tasks + r.tasks + 1;
                    Add(c, i, out);
                }
            }
        }
    }

    /// Makespan bound of swap(l, r) on positions i .. j at k, its loads into m_scratch: the
    /// two sides' link times add up at k, every chain grows by the swap.
    double SwapBound(const Candidate& l, const Candidate& r, uint32_t i, uint32_t k, uint32_t j)
    {
        const double swapTime = m_ops.SwapTime();
        const uint32_t span = j - i;
        const uint32_t mid = k - i;
        m_scratch.resize(2 * (span + 1));
        const double* lp = &m_pool[l.loads];
        const double* rp = &m_pool[r.loads];
        for (uint32_t p = 0; p <= span; ++p)
        {
            double load = 0;
            double tail = std::numeric_limits<double>::infinity();
            if (p <= mid)
            {
                load += lp[2 * p];
                tail = std::min(tail, lp[2 * p + 1]);
            }
            if (p >= mid)
            {
                load += rp[2 * (p - mid)];
                tail = std::min(tail, rp[2 * (p - mid) + 1]);
            }
            m_scratch[2 * p] = load;
            m_scratch[2 * p + 1] = tail + swapTime;
        }
        return std::max(std::max(l.makespanBound_s, r.makespanBound_s) + swapTime,
                        LoadBound(i, span));
    }

    /// Makespan bound of distill(k, s) on positions i .. i + span, its loads into m_scratch.
    double DistillBound(const Candidate& k, const Candidate& s, uint32_t i)
    {
        m_scratch.resize(2 * (k.span + 1));
        const double* kp = &m_pool[k.loads];
        const double* sp = &m_pool[s.loads];
        for (uint32_t p = 0; p <= k.span; ++p)
        {
            m_scratch[2 * p] = kp[2 * p] + sp[2 * p];
            m_scratch[2 * p + 1] = std::min(kp[2 * p + 1], sp[2 * p + 1]) + m_distillTime;
        }
        return std::max(std::max(k.makespanBound_s, s.makespanBound_s) + m_distillTime,
                        LoadBound(i, k.span));
    }

    /// Adds distill(kept, sacrificed) on positions i .. i + span.
    void AddDistilled(uint32_t kept, uint32_t sacrificed, uint32_t i, std::vector<uint32_t>& out)
    {
        const Candidate& k = m_cands[kept];
        const Candidate& s = m_cands[sacrificed];
        const double distillTime = m_distillTime;
        const auto est = m_exact ? DistillationOutcome{0.0, 1.0}
                                 : m_ops.NoisyDistill(Waited(k, i, s.duration_s), s.fidelity);
        const auto fresh = m_ops.NoisyDistill(k.freshFidelity, s.freshFidelity);
        // (The heuristic pass does not use the makespan bound.)
        const double bound = m_exact ? DistillBound(k, s, i) : 0.0;
        Candidate c{ProtocolOp::Distill,
                    k.span,
                    int32_t(kept),
                    int32_t(sacrificed),
                    0,
                    {0, 0},
                    0,
                    est.fidelity,
                    k.duration_s + s.duration_s + distillTime,
                    k.success * s.success * est.successProbability,
                    std::max(k.needFirst, 1 + s.needFirst),
                    std::max(k.needLast, 1 + s.needLast),
                    k.work_s + s.work_s + distillTime,
                    fresh.fidelity,
                    k.freshSuccess * s.freshSuccess * fresh.successProbability,
                    bound};
        c.tasks = k.tasks + s.tasks + 1;
        Add(c, i, out);
    }

    /// Candidates of positions i .. j: the bases (link generations or swaps), each followed by
    /// up to m_rounds rounds of nesting or pumping with itself (see SynthesisOptions). The
    /// heuristic pass prunes the bases and the result to their Pareto fronts, thinned if
    /// \p thin; the exact pass keeps all that reach its floor.
    std::vector<uint32_t> Segment(uint32_t i, uint32_t j, bool thin)
    {
        std::vector<uint32_t> bases;
        if (j == i + 1)
        {
            Leaves(i, bases);
        }
        else
        {
            Swaps(i, j, bases);
        }
        if (!m_exact)
        {
            bases = Commit(Prune(bases, thin));
        }
        m_distillTime = DistillTime(i, j);
        std::vector<uint32_t> all = bases;
        for (uint32_t b : bases)
        {
            std::vector<uint32_t> layer{b};
            for (unsigned round = 0; round < m_rounds && !layer.empty(); ++round)
            {
                std::vector<uint32_t> next;
                for (uint32_t t : layer)
                {
                    AddDistilled(t, t, i, next);
                    if (t != b)
                    {
                        AddDistilled(t, b, i, next);
                    }
                }
                if (!m_exact)
                {
                    next = Commit(next); // the next round's children
                }
                all.insert(all.end(), next.begin(), next.end());
                layer = std::move(next);
            }
        }
        return m_exact ? all : Prune(all, thin);
    }

    /// Pareto front over (fidelity, rate, stored pairs at both ends), thinned to kHeuristicFront if
    /// \p thin.
    /// A sweep in decreasing fidelity keeps, per storage need, the best rate seen so far: a
    /// candidate survives if no candidate seen before with needs no larger has at least its
    /// rate. Ties keep input order, so the result does not depend on the cache's history.
    std::vector<uint32_t> Prune(const std::vector<uint32_t>& in, bool thin) const
    {
        std::vector<uint32_t> order(in.size());
        for (uint32_t x = 0; x < in.size(); ++x)
        {
            order[x] = x;
        }
        std::sort(order.begin(), order.end(), [&](uint32_t x, uint32_t y) {
            const auto& a = m_cands[in[x]];
            const auto& b = m_cands[in[y]];
            if (a.fidelity != b.fidelity)
            {
                return a.fidelity > b.fidelity;
            }
            if (a.rate != b.rate)
            {
                return a.rate > b.rate;
            }
            if (a.needFirst + a.needLast != b.needFirst + b.needLast)
            {
                return a.needFirst + a.needLast < b.needFirst + b.needLast;
            }
            return x < y;
        });
        unsigned maxNeed = 1;
        for (uint32_t c : in)
        {
            maxNeed = std::max({maxNeed, m_cands[c].needFirst, m_cands[c].needLast});
        }
        const unsigned dim = maxNeed + 1;
        std::vector<double> best(dim * dim, -1.0); // best rate per (needFirst, needLast)
        std::vector<uint32_t> front;
        for (uint32_t x : order)
        {
            const auto& cand = m_cands[in[x]];
            bool dominated = false;
            for (unsigned f = 0; f <= cand.needFirst && !dominated; ++f)
            {
                for (unsigned l = 0; l <= cand.needLast && !dominated; ++l)
                {
                    dominated = best[f * dim + l] >= cand.rate;
                }
            }
            if (!dominated)
            {
                front.push_back(in[x]);
                auto& b = best[cand.needFirst * dim + cand.needLast];
                b = std::max(b, cand.rate);
            }
        }
        const std::size_t keep = kHeuristicFront;
        if (!thin || front.size() <= keep)
        {
            return front;
        }
        // Keep the candidates nearest to evenly spaced infidelities on a log scale: swaps
        // multiply infidelities, so each decade of infidelity matters alike.
        auto key = [&](uint32_t c) { return std::log(std::max(1.0 - m_cands[c].fidelity, 1e-12)); };
        const double lo = key(front.front());
        const double hi = key(front.back());
        std::vector<uint32_t> thinned;
        std::size_t next = 0;
        for (std::size_t t = 0; t < keep && next < front.size(); ++t)
        {
            const double target = lo + (hi - lo) * t / (keep - 1);
            // The first remaining candidate at or beyond the target, leaving enough for the rest.
            while (next + 1 < front.size() && key(front[next]) < target &&
                   front.size() - next > keep - t)
            {
                ++next;
            }
            thinned.push_back(front[next++]);
        }
        return thinned;
    }

    /// Appends candidate \p c's tree, starting at path position \p offset, to \p p
    /// (post-order) and returns its node index.
    uint32_t ExpandInto(uint32_t c, uint32_t offset, Protocol& p) const
    {
        const Candidate& cand = m_cands[c];
        ProtocolNode n;
        n.op = cand.op;
        n.first = offset;
        n.last = offset + cand.span;
        if (cand.op == ProtocolOp::LinkGeneration)
        {
            n.capability = cand.capability;
            n.link = cand.link;
            n.moves = cand.moves;
        }
        else
        {
            const uint32_t rightOffset =
                cand.op == ProtocolOp::Swap ? offset + m_cands[cand.left].span : offset;
            n.left = static_cast<int32_t>(ExpandInto(cand.left, offset, p));
            n.right = static_cast<int32_t>(ExpandInto(cand.right, rightOffset, p));
        }
        p.nodes.push_back(n);
        return static_cast<uint32_t>(p.nodes.size() - 1);
    }

    Protocol Expand(uint32_t c) const
    {
        Protocol p;
        p.path = m_route->nodes;
        for (uint32_t l : m_route->links)
        {
            p.linkLengths_km.push_back(m_topology.Links()[l].length_km);
        }
        p.root = ExpandInto(c, 0, p);
        return p;
    }

    void Annotate(Protocol& p, const TaskGraph& plan) const
    {
        const auto& dev = m_ops.Device();
        for (const auto& t : plan.tasks)
        {
            auto& n = p.nodes[t.protocolNode];
            n.fidelity = t.fidelity;
            n.successProbability = t.successProbability;
            n.wait_s = t.wait_s;
            n.memory = {dev.Memory(t.outputQubits[0].local), dev.Memory(t.outputQubits[1].local)};
        }
        p.fidelity = plan.fidelity;
        p.successProbability = plan.successProbability;
        p.duration_s = plan.makespan_s;
        p.rate_hz = plan.Rate();
    }

    std::string RouteText() const
    {
        std::string s;
        for (uint32_t n : m_route->nodes)
        {
            s += (s.empty() ? "" : "-") + m_topology.Node(n).name;
        }
        return s;
    }

    const QuantumTopology& m_topology;
    const LinkModel& m_links;
    OperationModel m_ops;
    const DecoherenceModel& m_decoherence;
    SynthesisOptions m_options;
    std::vector<Candidate> m_cands;      //!< committed candidates, then the temporaries of a step
    uint32_t m_committed = 0;            //!< number of committed candidates
    std::vector<Candidate> m_exactStore; //!< the exact pass's candidates while it does not run
    std::vector<double> m_pool;          //!< exact pass: candidates' (link time, tail) per position
    std::vector<double> m_scratch;       //!< loads of the candidate being built
    /// A heuristic front: sub-path shape (see Shape), rounds, splits.
    using FrontKey = std::tuple<std::vector<double>, unsigned, unsigned>;
    std::map<FrontKey, std::vector<uint32_t>> m_fronts; //!< heuristic fronts, reused by routes
    /// Answers by route shape and fmin, reused by routes of the same shape.
    std::map<std::pair<std::vector<double>, double>, Answer> m_results;

    // The search in progress.
    unsigned m_rounds = 0;          //!< distillation rounds of the current space
    unsigned m_splits = 1;          //!< swap positions of the current space
    bool m_exact = false;           //!< in the exact pass
    double m_floor = 0;             //!< the exact pass's rate floor
    std::vector<double> m_ceiling;  //!< per (i, j): fresh-fidelity bound (FidelityCeiling)
    std::vector<double> m_baseNeed; //!< per (i, j): fresh fidelity its bases need (FidelityNeeds)
    std::vector<double> m_sideNeed; //!< per (i, j, k, side): what a side of a swap at k needs
    uint64_t m_examined = 0;        //!< the exact pass's spent budget
    uint64_t m_budget = 0;          //!< the budget of the space being searched
    bool m_short = false;           //!< the route gets shortRouteBudget
    uint64_t m_floorCuts = 0;       //!< protocols the current floor cut (rate bound below it)
    double m_distillTime = 0;       //!< distillation time of the sub-path being built

    // The route being synthesised.
    const QuantumRoute* m_route = nullptr;
    uint32_t m_positions = 0;
    std::vector<unsigned> m_capacity;  //!< per path position: pairs it can hold
    std::vector<unsigned> m_comm;      //!< per path position: communication qubits
    std::vector<QubitMemory> m_memory; //!< per path position: memory that holds them
    std::vector<bool> m_hasStorage;    //!< per path position: pairs move into storage
    std::vector<const std::vector<uint32_t>*> m_segment; //!< per (i, j): its candidates
    std::vector<double> m_fastest;                       //!< per (i, j): Fastest()
    std::map<std::string, Placement> m_placed; //!< trees placed on the route, by Summary()
};

ProtocolSynthesiser::ProtocolSynthesiser(const QuantumTopology& topology,
                                         const LinkModel& links,
                                         const QuantumDevice& device,
                                         const DecoherenceModel& decoherence,
                                         const SynthesisOptions& options)
    : m_impl(std::make_unique<Impl>(topology, links, device, decoherence, options))
{
}

ProtocolSynthesiser::~ProtocolSynthesiser() = default;

SynthesisResult
ProtocolSynthesiser::Synthesise(const QuantumRoute& route, double fmin)
{
    return m_impl->Run(route, fmin);
}

std::size_t
ProtocolSynthesiser::CachedSegments() const
{
    return m_impl->CachedSegments();
}

SynthesisResult
SynthesiseProtocol(const QuantumTopology& topology,
                   const QuantumRoute& route,
                   double fmin,
                   const LinkModel& links,
                   const QuantumDevice& device,
                   const DecoherenceModel& decoherence,
                   const SynthesisOptions& options)
{
    return ProtocolSynthesiser(topology, links, device, decoherence, options)
        .Synthesise(route, fmin);
}

} // namespace planet
