/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "quantum-measured-qos.h"

#include "ns3/quantum-qos-metrics.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace planet
{

double
Percentile(std::vector<double> values, double p)
{
    if (!(p >= 0 && p <= 100))
    {
        throw std::invalid_argument("percentile must be in [0, 100], got " + std::to_string(p));
    }
    if (values.empty())
    {
        return 0.0;
    }
    std::sort(values.begin(), values.end());
    const double rank = p / 100.0 * static_cast<double>(values.size() - 1);
    const auto below = static_cast<std::size_t>(std::floor(rank));
    const std::size_t above = std::min(below + 1, values.size() - 1);
    return values[below] + (rank - static_cast<double>(below)) * (values[above] - values[below]);
}

MeasuredQos
SummariseOutcomes(const std::vector<InstanceOutcome>& outcomes,
                  double period_s,
                  double fmin,
                  double duration_s)
{
    MeasuredQos q;
    q.instances = outcomes.size();
    q.duration_s = duration_s;
    std::vector<double> fidelities;
    std::vector<double> deliveries;
    std::vector<double> latencies; // the j-th delivered at j P + latency
    double latency = 0;
    uint64_t atLeastFmin = 0;
    for (const auto& o : outcomes)
    {
        if (o.delivered)
        {
            ++q.delivered;
            fidelities.push_back(o.fidelity);
            deliveries.push_back(o.delivered_s);
            const double l = o.delivered_s - o.release_s;
            latency += l;
            latencies.push_back(static_cast<double>(latencies.size()) * period_s + l);
            q.wcrt_s = std::max(q.wcrt_s, l);
            q.late += o.delivered_s > o.deadline_s ? 1 : 0;
            atLeastFmin += o.fidelity >= fmin ? 1 : 0;
        }
        else if (!o.abortReason.empty())
        {
            ++q.aborted;
            ++q.abortedBy[o.abortReason];
        }
        else
        {
            ++q.unfinished;
        }
    }
    q.rate_hz = duration_s > 0 ? static_cast<double>(q.delivered) / duration_s : 0.0;
    if (q.delivered > 0)
    {
        const auto n = static_cast<double>(q.delivered);
        double sum = 0;
        for (double f : fidelities)
        {
            sum += f;
        }
        q.fidelityMean = sum / n;
        q.fidelityP05 = Percentile(fidelities, 5);
        q.fractionAtLeastFmin = static_cast<double>(atLeastFmin) / n;
        q.latencyMean_s = latency / n;
        q.jitter_s2 = StudyStartJitter(deliveries, period_s);
        q.latencyJitter_s2 = StudyStartJitter(latencies, period_s);
    }
    return q;
}

} // namespace planet
