/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "quantum-qos-metrics.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

namespace planet
{

namespace
{

void
CheckPositive(const char* name, double value)
{
    if (!(value > 0) || !std::isfinite(value))
    {
        throw std::invalid_argument(std::string("start jitter: ") + name +
                                    " must be positive and finite, got " + std::to_string(value));
    }
}

void
SortStarts(std::vector<double>& starts)
{
    for (double s : starts)
    {
        if (!std::isfinite(s))
        {
            throw std::invalid_argument("start jitter: every start must be finite, got " +
                                        std::to_string(s));
        }
    }
    std::sort(starts.begin(), starts.end());
}

} // namespace

double
StudyStartJitter(std::vector<double> starts, double period)
{
    CheckPositive("period", period);
    SortStarts(starts);
    if (starts.size() < 2)
    {
        return 0.0;
    }
    const std::size_t n = starts.size() - 1;
    double mean = 0;
    for (std::size_t k = 0; k < n; ++k)
    {
        mean += starts[k + 1] - starts[k] - period;
    }
    mean /= static_cast<double>(n);
    double variance = 0;
    for (std::size_t k = 0; k < n; ++k)
    {
        const double d = starts[k + 1] - starts[k] - period - mean;
        variance += d * d;
    }
    return variance / static_cast<double>(n);
}

double
CyclicStartJitter(std::vector<double> starts, double period, double hyperperiod)
{
    CheckPositive("period", period);
    CheckPositive("hyperperiod", hyperperiod);
    SortStarts(starts);
    if (starts.empty())
    {
        return 0.0;
    }
    double sum = 0;
    for (std::size_t k = 0; k < starts.size(); ++k)
    {
        const double next = k + 1 < starts.size() ? starts[k + 1] : starts.front() + hyperperiod;
        const double d = next - starts[k] - period;
        sum += d * d;
    }
    return sum / static_cast<double>(starts.size());
}

} // namespace planet
