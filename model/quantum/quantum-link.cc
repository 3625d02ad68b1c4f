/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "quantum-link.h"

#include "ns3/input-file.h"

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>
#include <stdexcept>

namespace planet
{

namespace
{

void
CheckLength(double length_km)
{
    if (!(length_km > 0) || !std::isfinite(length_km))
    {
        throw std::invalid_argument("link length_km must be positive and finite, got " +
                                    std::to_string(length_km));
    }
}

} // namespace

LinkCapability
MakeLinkCapability(double fidelity, double successProbability, double attempt_s)
{
    if (!(successProbability > 0 && successProbability <= 1))
    {
        throw std::invalid_argument("link success probability per attempt must be in (0, 1], got " +
                                    std::to_string(successProbability));
    }
    if (!(attempt_s > 0) || !std::isfinite(attempt_s))
    {
        throw std::invalid_argument("link attempt time must be positive, got " +
                                    std::to_string(attempt_s) + " s");
    }
    return {fidelity, successProbability / attempt_s, successProbability, attempt_s};
}

double
LinkGenerationWindow(const LinkCapability& link, double quantile)
{
    if (!(quantile >= 0 && quantile < 1))
    {
        throw std::invalid_argument("window quantile must be in [0, 1), got " +
                                    std::to_string(quantile));
    }
    if (quantile == 0)
    {
        return 1.0 / link.rate_hz;
    }
    if (link.successProbability >= 1)
    {
        return link.attempt_s;
    }
    // Smallest n with 1 - (1 - p)^n >= q; the tolerance keeps an exact n from rounding up.
    const double n = std::ceil(std::log1p(-quantile) / std::log1p(-link.successProbability) - 1e-9);
    return std::max(1.0, n) * link.attempt_s;
}

uint64_t
WindowAttempts(const LinkCapability& link, double window_s)
{
    return static_cast<uint64_t>(std::floor(window_s / link.attempt_s * (1 + 1e-12) + 1e-9));
}

double
WindowSuccessProbability(const LinkCapability& link, double window_s)
{
    const auto n = static_cast<double>(WindowAttempts(link, window_s));
    return link.successProbability >= 1 ? (n >= 1 ? 1.0 : 0.0)
                                        : -std::expm1(n * std::log1p(-link.successProbability));
}

double
AttemptTime(const OpticalParameters& optics, double length_km)
{
    return 2.0 * (length_km * 1e3 / 2.0 / kFiberLightSpeed_m_s + optics.emissionTime_s);
}

double
DetectionProbability(const OpticalParameters& optics, double length_km)
{
    return optics.emissionEfficiency * optics.detectionEfficiency *
           std::pow(10.0, -optics.attenuation_dB_km * (length_km / 2.0) / 10.0);
}

SingleClickLink::SingleClickLink(const OpticalParameters& optics, std::vector<double> alphas)
    : m_optics(optics),
      m_alphas(std::move(alphas))
{
    if (m_alphas.empty())
    {
        throw std::invalid_argument("SingleClickLink alphas must not be empty");
    }
    for (double a : m_alphas)
    {
        if (!(a > 0 && a < 1))
        {
            throw std::invalid_argument("SingleClickLink alpha must be in (0, 1), got " +
                                        std::to_string(a));
        }
    }
}

std::string
SingleClickLink::Name() const
{
    return "SingleClick";
}

std::vector<LinkCapability>
SingleClickLink::Capabilities(double length_km) const
{
    CheckLength(length_km);
    const double pdet = DetectionProbability(m_optics, length_km);
    const double t = AttemptTime(m_optics, length_km);
    std::vector<LinkCapability> caps;
    for (double a : m_alphas)
    {
        caps.push_back(
            MakeLinkCapability((1.0 - a) * (1.0 + m_optics.visibility) / 2.0, 2.0 * a * pdet, t));
    }
    return caps;
}

DoubleClickLink::DoubleClickLink(const OpticalParameters& optics)
    : m_optics(optics)
{
}

std::string
DoubleClickLink::Name() const
{
    return "DoubleClick";
}

std::vector<LinkCapability>
DoubleClickLink::Capabilities(double length_km) const
{
    CheckLength(length_km);
    const double pdet = DetectionProbability(m_optics, length_km);
    const double p = 0.5 * pdet * pdet;
    return {
        MakeLinkCapability((1.0 + m_optics.visibility) / 2.0, p, AttemptTime(m_optics, length_km))};
}

TableLink::TableLink(std::map<double, std::vector<LinkCapability>> table,
                     const OpticalParameters& optics)
    : m_table(std::move(table)),
      m_optics(optics)
{
    if (m_table.empty())
    {
        throw std::invalid_argument("TableLink table must not be empty");
    }
    const auto n = m_table.begin()->second.size();
    for (const auto& [km, row] : m_table)
    {
        if (row.size() != n || n == 0)
        {
            throw std::invalid_argument("TableLink rows must all have the same, non-zero size (" +
                                        std::to_string(km) + " km differs)");
        }
    }
}

std::string
TableLink::Name() const
{
    return "Table";
}

std::vector<LinkCapability>
TableLink::Capabilities(double length_km) const
{
    CheckLength(length_km);
    const double lo = m_table.begin()->first;
    const double hi = m_table.rbegin()->first;
    if (length_km < lo || length_km > hi)
    {
        throw std::invalid_argument("link length_km " + std::to_string(length_km) +
                                    " is outside the capability table's range [" +
                                    std::to_string(lo) + ", " + std::to_string(hi) + "] km");
    }
    auto upper = m_table.lower_bound(length_km);
    const auto lower = upper->first == length_km ? upper : std::prev(upper);
    const double x =
        upper == lower ? 0.0 : (length_km - lower->first) / (upper->first - lower->first);
    const double attempt = AttemptTime(m_optics, length_km);
    std::vector<LinkCapability> caps;
    for (std::size_t i = 0; i < lower->second.size(); ++i)
    {
        const auto& a = lower->second[i];
        const auto& b = upper->second[i];
        const double rate = a.rate_hz + x * (b.rate_hz - a.rate_hz);
        if (rate * attempt > 1)
        {
            throw std::invalid_argument("link capability table: rate " + std::to_string(rate) +
                                        " Hz at " + std::to_string(length_km) +
                                        " km exceeds one pair per attempt of " +
                                        std::to_string(attempt) + " s");
        }
        caps.push_back(MakeLinkCapability(a.fidelity + x * (b.fidelity - a.fidelity),
                                          rate * attempt,
                                          attempt));
    }
    return caps;
}

TableLink
LoadTableLink(const std::string& path, const OpticalParameters& optics)
{
    const nlohmann::json root = ReadJsonFile("link capability file", path);
    for (const char* key : {"fidelities", "rates"})
    {
        if (!root.is_object() || !root.contains(key) || !root[key].is_object())
        {
            throw std::invalid_argument(path + ": field '" + key +
                                        "' (distance in km -> list) is missing");
        }
    }
    std::map<double, std::vector<LinkCapability>> table;
    for (const auto& [key, fids] : root["fidelities"].items())
    {
        double km = 0;
        std::size_t used = 0;
        try
        {
            km = std::stod(key, &used);
        }
        catch (const std::exception&)
        {
        }
        if (used != key.size() || !(km > 0) || !std::isfinite(km))
        {
            throw std::invalid_argument(path + ": distance key '" + key +
                                        "' is not a positive number of km");
        }
        if (!root["rates"].contains(key))
        {
            throw std::invalid_argument(path + ": 'rates' has no entry for distance " + key);
        }
        const auto& rates = root["rates"][key];
        if (!fids.is_array() || !rates.is_array() || fids.size() != rates.size())
        {
            throw std::invalid_argument(path + ": fidelities and rates for distance " + key +
                                        " must be lists of the same length");
        }
        std::vector<LinkCapability> row;
        for (std::size_t i = 0; i < fids.size(); ++i)
        {
            if (!fids[i].is_number() || !rates[i].is_number())
            {
                throw std::invalid_argument(path + ": entry " + std::to_string(i) +
                                            " for distance " + key + " is not a number");
            }
            const double f = fids[i].get<double>();
            const double r = rates[i].get<double>();
            if (!(f >= 0 && f <= 1) || !(r > 0))
            {
                throw std::invalid_argument(path + ": entry " + std::to_string(i) +
                                            " for distance " + key +
                                            " needs fidelity in [0,1] and rate > 0");
            }
            row.push_back({f, r});
        }
        table[km] = std::move(row);
    }
    return TableLink(std::move(table), optics);
}

std::string
NvLinkTablePath()
{
    return std::string(PLANET_DATA_DIR) + "/quantum/nv-link-capabilities.json";
}

} // namespace planet
