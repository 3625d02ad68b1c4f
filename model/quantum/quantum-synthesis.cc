/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "quantum-synthesis.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <sstream>
#include <stdexcept>

namespace planet
{

namespace
{

/// Candidates whose analytic fidelity is this far below fmin are not planned: the plan adds
/// waiting the estimate does not know about, so it never does that much better.
constexpr double kEstimateSlack = 0.02;

/// A candidate protocol for one sub-path of `span` hops, with its analytic figures. Positions
/// are relative to the sub-path's first node, so a candidate serves every route through the
/// same nodes.
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

    double rate = 0; //!< success / duration_s (set when the candidate is added)
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
        if (options.frontSize < 2 || options.splitsPerSegment < 1)
        {
            throw std::invalid_argument("SynthesisOptions: frontSize must be >= 2 and "
                                        "splitsPerSegment >= 1");
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
        const uint32_t hops = m_positions - 1;
        for (uint32_t len = 1; len <= hops; ++len)
        {
            for (uint32_t i = 0; i + len <= hops; ++i)
            {
                const std::vector<uint32_t> key(route.nodes.begin() + i,
                                                route.nodes.begin() + i + len + 1);
                auto it = m_fronts.find(key);
                if (it == m_fronts.end())
                {
                    it = m_fronts.emplace(key, BuildFront(i, i + len, true)).first;
                }
                m_segment[Key(i, i + len)] = &it->second;
            }
        }
        // The route's own candidates are the Pareto front without thinning (thinning there
        // dropped the best protocol: the final choice is by planned rate, not by the estimate).
        auto finalIt = m_finalFronts.find(route.nodes);
        if (finalIt == m_finalFronts.end())
        {
            finalIt = m_finalFronts.emplace(route.nodes, BuildFront(0, hops, false)).first;
        }
        auto finals = finalIt->second;
        std::stable_sort(finals.begin(), finals.end(), [&](uint32_t a, uint32_t b) {
            return m_cands[a].rate > m_cands[b].rate;
        });
        SynthesisResult result;
        double bestFidelity = 0;
        double bestEstimate = 0;
        std::string placementError;
        for (uint32_t c : finals)
        {
            bestEstimate = std::max(bestEstimate, m_cands[c].fidelity);
            if (m_cands[c].fidelity < fmin - kEstimateSlack)
            {
                continue;
            }
            Protocol protocol = Expand(c);
            TaskGraph plan;
            try
            {
                plan = BuildTaskGraph(protocol,
                                      m_topology,
                                      m_ops,
                                      m_decoherence,
                                      m_options.windowQuantile);
            }
            catch (const std::invalid_argument& e)
            {
                placementError = e.what();
                continue;
            }
            bestFidelity = std::max(bestFidelity, plan.fidelity);
            if (plan.fidelity < fmin)
            {
                continue;
            }
            const bool better =
                !result.found || plan.Rate() > result.plan.Rate() ||
                (plan.Rate() == result.plan.Rate() && plan.fidelity > result.plan.fidelity);
            if (better)
            {
                Annotate(protocol, plan);
                result.found = true;
                result.protocol = std::move(protocol);
                result.plan = std::move(plan);
            }
        }
        if (!result.found)
        {
            result.reason =
                Reason(fmin, finals.empty(), bestFidelity, bestEstimate, placementError);
        }
        return result;
    }

  private:
    void SetRoute(const QuantumRoute& route)
    {
        m_route = &route;
        m_positions = static_cast<uint32_t>(route.nodes.size());
        m_capacity.clear();
        m_memory.clear();
        m_hasStorage.clear();
        for (uint32_t n : route.nodes)
        {
            const auto& node = m_topology.Node(n);
            const bool store = node.storageQubits > 0;
            m_capacity.push_back(store ? node.storageQubits : node.communicationQubits);
            m_memory.push_back(store ? m_ops.Device().carbon : m_ops.Device().electron);
            m_hasStorage.push_back(store);
        }
        m_segment.assign(m_positions * m_positions, nullptr);
    }

    std::string Reason(double fmin,
                       bool noCandidate,
                       double bestFidelity,
                       double bestEstimate,
                       const std::string& placementError) const
    {
        std::ostringstream os;
        os << "no protocol on route " << RouteText() << " reaches fmin " << fmin;
        if (noCandidate)
        {
            os << ": no protocol fits the qubits of its nodes (a repeater needs room to hold "
                  "one pair while it generates the next)";
        }
        else if (bestFidelity > 0)
        {
            os << ": the best planned fidelity is " << bestFidelity;
        }
        else if (bestEstimate < fmin - kEstimateSlack)
        {
            os << ": the best planned fidelity is at most about " << bestEstimate;
        }
        else
        {
            os << ": no candidate fits the nodes' qubits";
            if (!placementError.empty())
            {
                os << " (" << placementError << ")";
            }
        }
        os << " (search: up to " << m_options.maxDistillRounds << " distillation rounds, "
           << m_options.frontSize << " candidates per sub-path)";
        return os.str();
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

    /// Adds \p c (on positions i .. i + span) as a temporary candidate (see Commit) if it fits
    /// the nodes' storage.
    void Add(Candidate c, uint32_t i, std::vector<uint32_t>& out)
    {
        if (c.needFirst <= m_capacity[i] && c.needLast <= m_capacity[i + c.span] &&
            c.fidelity > 0.25)
        {
            c.rate = c.success / c.duration_s;
            m_cands.push_back(c);
            out.push_back(static_cast<uint32_t>(m_cands.size() - 1));
        }
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
            }
            else
            {
                out.push_back(static_cast<uint32_t>(m_committed + kept.size()));
                kept.push_back(m_cands[c]);
            }
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
            const double duration = LinkGenerationWindow(caps[k], m_options.windowQuantile) +
                                    (moves > 0 ? m_ops.MoveTime() : 0.0);
            Candidate c{ProtocolOp::LinkGeneration,
                        1,
                        -1,
                        -1,
                        k,
                        caps[k],
                        moves,
                        m_ops.AfterMoves(caps[k].fidelity, moves),
                        duration,
                        1.0,
                        1,
                        1,
                        duration};
            Add(c, i, out);
        }
    }

    double BestRate(uint32_t i, uint32_t j) const
    {
        double best = 0;
        for (uint32_t c : Front(i, j))
        {
            best = std::max(best, m_cands[c].rate);
        }
        return best;
    }

    void Swaps(uint32_t i, uint32_t j, std::vector<uint32_t>& out)
    {
        std::vector<std::pair<double, uint32_t>> splits;
        for (uint32_t k = i + 1; k < j; ++k)
        {
            const double l = BestRate(i, k);
            const double r = BestRate(k, j);
            if (l > 0 && r > 0)
            {
                splits.emplace_back(std::abs(std::log(l / r)), k);
            }
        }
        std::sort(splits.begin(), splits.end());
        splits.resize(std::min<std::size_t>(splits.size(), m_options.splitsPerSegment));
        const double swapTime = m_ops.SwapTime();
        for (const auto& split : splits)
        {
            const uint32_t k = split.second;
            for (uint32_t a : Front(i, k))
            {
                for (uint32_t b : Front(k, j))
                {
                    const Candidate& l = m_cands[a];
                    const Candidate& r = m_cands[b];
                    // Placement runs the heavier side first; its pair waits at k meanwhile.
                    const bool rightFirst = r.work_s > l.work_s;
                    if (1 + (rightFirst ? l.needLast : r.needFirst) > m_capacity[k])
                    {
                        continue;
                    }
                    const double d = std::max(l.duration_s, r.duration_s);
                    const double f = m_ops.NoisySwap(Waited(l, i, d - l.duration_s),
                                                     Waited(r, k, d - r.duration_s));
                    Candidate c{ProtocolOp::Swap,
                                j - i,
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
                                l.work_s + r.work_s + swapTime};
                    Add(c, i, out);
                }
            }
        }
    }

    Candidate Distilled(uint32_t kept, uint32_t sacrificed, uint32_t i, double distillTime) const
    {
        const Candidate& k = m_cands[kept];
        const Candidate& s = m_cands[sacrificed];
        const auto out = m_ops.NoisyDistill(Waited(k, i, s.duration_s), s.fidelity);
        return {ProtocolOp::Distill,
                k.span,
                int32_t(kept),
                int32_t(sacrificed),
                0,
                {0, 0},
                0,
                out.fidelity,
                k.duration_s + s.duration_s + distillTime,
                k.success * s.success * out.successProbability,
                std::max(k.needFirst, 1 + s.needFirst),
                std::max(k.needLast, 1 + s.needLast),
                k.work_s + s.work_s + distillTime};
    }

    /// Candidates of positions i .. j: the Pareto front, thinned to frontSize if \p thin.
    std::vector<uint32_t> BuildFront(uint32_t i, uint32_t j, bool thin)
    {
        std::vector<uint32_t> cands;
        if (j == i + 1)
        {
            Leaves(i, cands);
        }
        else
        {
            Swaps(i, j, cands);
        }
        auto front = Commit(Prune(cands, thin));
        if (front.empty())
        {
            return front;
        }
        // The fastest undistilled protocol serves as the pump.
        const uint32_t pump =
            *std::max_element(front.begin(), front.end(), [&](uint32_t a, uint32_t b) {
                return m_cands[a].rate < m_cands[b].rate;
            });
        const double distillTime = DistillTime(i, j);
        for (unsigned round = 0; round < m_options.maxDistillRounds; ++round)
        {
            std::vector<uint32_t> next = front;
            for (uint32_t c : front)
            {
                Add(Distilled(c, c, i, distillTime), i, next);
                if (c != pump)
                {
                    Add(Distilled(c, pump, i, distillTime), i, next);
                }
            }
            front = Commit(Prune(next, thin));
        }
        return front;
    }

    /// Pareto front over (fidelity, rate, stored pairs at both ends), thinned to frontSize if
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
        const std::size_t keep = m_options.frontSize;
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
    std::vector<Candidate> m_cands; //!< committed candidates, then the temporaries of a step
    uint32_t m_committed = 0;       //!< number of committed candidates
    std::map<std::vector<uint32_t>, std::vector<uint32_t>> m_fronts; //!< node sequence -> front
    /// node sequence -> its unthinned front, when it was a whole route
    std::map<std::vector<uint32_t>, std::vector<uint32_t>> m_finalFronts;

    // The route being synthesised.
    const QuantumRoute* m_route = nullptr;
    uint32_t m_positions = 0;
    std::vector<unsigned> m_capacity;  //!< per path position: pairs it can hold
    std::vector<QubitMemory> m_memory; //!< per path position: memory that holds them
    std::vector<bool> m_hasStorage;    //!< per path position: pairs move into storage
    std::vector<const std::vector<uint32_t>*> m_segment; //!< per (i, j): its cached front
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
