/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "quantum-synthesis.h"

#include <algorithm>
#include <cmath>
#include <sstream>
#include <stdexcept>

namespace planet
{

namespace
{

/// Candidates whose analytic fidelity is this far below fmin are not planned: the plan adds
/// waiting the estimate does not know about, so it never does that much better.
constexpr double kEstimateSlack = 0.02;

/// A candidate protocol for one sub-path, with its analytic figures.
struct Candidate
{
    ProtocolOp op;
    uint32_t first;
    uint32_t last;
    int32_t left;
    int32_t right;
    uint32_t capability;
    LinkCapability link;
    unsigned moves;
    double fidelity;    //!< analytic output fidelity
    double duration_s;  //!< analytic time from start to output
    double success;     //!< product of distillation success probabilities
    unsigned needFirst; //!< pairs held at once at path position first (post-order execution)
    unsigned needLast;  //!< same at position last
    double work_s;      //!< sum of the durations of all its tasks (placement order of swaps)

    double rate = 0; //!< success / duration_s (set when the candidate is added)
};

class Synthesiser
{
  public:
    Synthesiser(const QuantumTopology& topology,
                const QuantumRoute& route,
                const LinkModel& links,
                const QuantumDevice& device,
                const DecoherenceModel& decoherence,
                const SynthesisOptions& options)
        : m_topology(topology),
          m_route(route),
          m_links(links),
          m_ops(device),
          m_decoherence(decoherence),
          m_options(options),
          m_positions(route.nodes.size())
    {
        for (uint32_t n : route.nodes)
        {
            const auto& node = topology.Node(n);
            const bool store = node.storageQubits > 0;
            m_capacity.push_back(store ? node.storageQubits : node.communicationQubits);
            m_memory.push_back(store ? device.carbon : device.electron);
            m_hasStorage.push_back(store);
        }
    }

    SynthesisResult Run(double fmin)
    {
        const uint32_t hops = m_positions - 1;
        m_fronts.assign(m_positions * m_positions, {});
        for (uint32_t len = 1; len <= hops; ++len)
        {
            for (uint32_t i = 0; i + len <= hops; ++i)
            {
                BuildFront(i, i + len);
            }
        }
        auto finals = m_fronts[Key(0, hops)];
        std::sort(finals.begin(), finals.end(), [&](uint32_t a, uint32_t b) {
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
                plan = BuildTaskGraph(protocol, m_topology, m_ops, m_decoherence);
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
            std::ostringstream os;
            os << "no protocol on route " << RouteText() << " reaches fmin " << fmin;
            if (finals.empty())
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
            result.reason = os.str();
        }
        return result;
    }

  private:
    uint32_t Key(uint32_t i, uint32_t j) const
    {
        return i * m_positions + j;
    }

    unsigned Capacity(uint32_t position) const
    {
        return m_capacity[position];
    }

    const QubitMemory& StoreMemory(uint32_t position) const
    {
        return m_memory[position];
    }

    double Waited(const Candidate& c, double wait_s) const
    {
        if (wait_s <= 0)
        {
            return c.fidelity;
        }
        return m_decoherence.Decohere(c.fidelity,
                                      wait_s,
                                      StoreMemory(c.first),
                                      StoreMemory(c.last));
    }

    double DistillTime(uint32_t i, uint32_t j) const
    {
        double km = 0;
        for (uint32_t h = i; h < j; ++h)
        {
            km += m_topology.Links()[m_route.links[h]].length_km;
        }
        return m_ops.DistillLocalTime() + km * 1e3 / kFiberLightSpeed_m_s;
    }

    bool Fits(const Candidate& c) const
    {
        return c.needFirst <= Capacity(c.first) && c.needLast <= Capacity(c.last);
    }

    void Leaves(uint32_t i, std::vector<uint32_t>& out)
    {
        const auto caps = m_links.Capabilities(m_topology.Links()[m_route.links[i]].length_km);
        unsigned moves = 0;
        for (uint32_t p : {i, i + 1})
        {
            moves += m_hasStorage[p] ? 1 : 0;
        }
        for (uint32_t k = 0; k < caps.size(); ++k)
        {
            Candidate c{ProtocolOp::LinkGeneration,
                        i,
                        i + 1,
                        -1,
                        -1,
                        k,
                        caps[k],
                        moves,
                        m_ops.AfterMoves(caps[k].fidelity, moves),
                        1.0 / caps[k].rate_hz + (moves > 0 ? m_ops.MoveTime() : 0.0),
                        1.0,
                        1,
                        1,
                        0};
            c.work_s = c.duration_s;
            Add(c, out);
        }
    }

    /// Adds \p c as a temporary candidate (see Commit) if it fits the nodes' storage.
    void Add(Candidate c, std::vector<uint32_t>& out)
    {
        if (Fits(c) && c.fidelity > 0.25)
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

    double BestRate(uint32_t i, uint32_t j) const
    {
        double best = 0;
        for (uint32_t c : m_fronts[Key(i, j)])
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
            for (uint32_t a : m_fronts[Key(i, k)])
            {
                for (uint32_t b : m_fronts[Key(k, j)])
                {
                    const Candidate& l = m_cands[a];
                    const Candidate& r = m_cands[b];
                    // Placement runs the heavier side first; its pair waits at k meanwhile.
                    const bool rightFirst = r.work_s > l.work_s;
                    if (1 + (rightFirst ? l.needLast : r.needFirst) > Capacity(k))
                    {
                        continue;
                    }
                    const double d = std::max(l.duration_s, r.duration_s);
                    const double f =
                        m_ops.NoisySwap(Waited(l, d - l.duration_s), Waited(r, d - r.duration_s));
                    Candidate c{ProtocolOp::Swap,
                                i,
                                j,
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
                    Add(c, out);
                }
            }
        }
    }

    Candidate Distilled(uint32_t kept, uint32_t sacrificed, double distillTime) const
    {
        const Candidate& k = m_cands[kept];
        const Candidate& s = m_cands[sacrificed];
        const auto out = m_ops.NoisyDistill(Waited(k, s.duration_s), s.fidelity);
        return {ProtocolOp::Distill,
                k.first,
                k.last,
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

    void BuildFront(uint32_t i, uint32_t j)
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
        auto& front = m_fronts[Key(i, j)];
        front = Commit(Prune(cands));
        if (front.empty())
        {
            return;
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
                Add(Distilled(c, c, distillTime), next);
                if (c != pump)
                {
                    Add(Distilled(c, pump, distillTime), next);
                }
            }
            front = Commit(Prune(next));
        }
    }

    /// Pareto front over (fidelity, rate, stored pairs at both ends), thinned evenly in
    /// fidelity to frontSize. A sweep in decreasing fidelity keeps, per storage need, the best
    /// rate seen so far: a candidate survives if no candidate seen before with needs no larger
    /// has at least its rate.
    std::vector<uint32_t> Prune(const std::vector<uint32_t>& in) const
    {
        std::vector<uint32_t> order = in;
        std::sort(order.begin(), order.end(), [&](uint32_t x, uint32_t y) {
            const auto& a = m_cands[x];
            const auto& b = m_cands[y];
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
        for (uint32_t c : order)
        {
            const auto& cand = m_cands[c];
            const double rate = cand.rate;
            bool dominated = false;
            for (unsigned f = 0; f <= cand.needFirst && !dominated; ++f)
            {
                for (unsigned l = 0; l <= cand.needLast && !dominated; ++l)
                {
                    dominated = best[f * dim + l] >= rate;
                }
            }
            if (!dominated)
            {
                front.push_back(c);
                auto& b = best[cand.needFirst * dim + cand.needLast];
                b = std::max(b, rate);
            }
        }
        const std::size_t keep = m_options.frontSize;
        if (front.size() <= keep)
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

    /// Appends candidate \p c's tree to \p p (post-order) and returns its node index.
    uint32_t ExpandInto(uint32_t c, Protocol& p) const
    {
        const Candidate& cand = m_cands[c];
        ProtocolNode n;
        n.op = cand.op;
        n.first = cand.first;
        n.last = cand.last;
        if (cand.op == ProtocolOp::LinkGeneration)
        {
            n.capability = cand.capability;
            n.link = cand.link;
            n.moves = cand.moves;
        }
        else
        {
            n.left = static_cast<int32_t>(ExpandInto(cand.left, p));
            n.right = static_cast<int32_t>(ExpandInto(cand.right, p));
        }
        p.nodes.push_back(n);
        return static_cast<uint32_t>(p.nodes.size() - 1);
    }

    Protocol Expand(uint32_t c) const
    {
        Protocol p;
        p.path = m_route.nodes;
        for (uint32_t l : m_route.links)
        {
            p.linkLengths_km.push_back(m_topology.Links()[l].length_km);
        }
        p.root = ExpandInto(c, p);
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
        for (uint32_t n : m_route.nodes)
        {
            s += (s.empty() ? "" : "-") + m_topology.Node(n).name;
        }
        return s;
    }

    const QuantumTopology& m_topology;
    const QuantumRoute& m_route;
    const LinkModel& m_links;
    OperationModel m_ops;
    const DecoherenceModel& m_decoherence;
    SynthesisOptions m_options;
    uint32_t m_positions;
    std::vector<unsigned> m_capacity;  //!< per path position: pairs it can hold
    std::vector<QubitMemory> m_memory; //!< per path position: memory that holds them
    std::vector<bool> m_hasStorage;    //!< per path position: pairs move into storage
    std::vector<Candidate> m_cands;    //!< committed candidates, then the temporaries of a step
    uint32_t m_committed = 0;          //!< number of committed candidates
    std::vector<std::vector<uint32_t>> m_fronts; //!< per sub-path (Key), candidate indices
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

SynthesisResult
SynthesiseProtocol(const QuantumTopology& topology,
                   const QuantumRoute& route,
                   double fmin,
                   const LinkModel& links,
                   const QuantumDevice& device,
                   const DecoherenceModel& decoherence,
                   const SynthesisOptions& options)
{
    if (!(fmin > 0.25 && fmin <= 1.0))
    {
        throw std::invalid_argument("fmin must be in (0.25, 1], got " + std::to_string(fmin));
    }
    if (options.frontSize < 2 || options.splitsPerSegment < 1)
    {
        throw std::invalid_argument("SynthesisOptions: frontSize must be >= 2 and "
                                    "splitsPerSegment >= 1");
    }
    CheckRoute(topology, route);
    return Synthesiser(topology, route, links, device, decoherence, options).Run(fmin);
}

} // namespace planet
