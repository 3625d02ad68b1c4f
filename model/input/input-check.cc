// SPDX-License-Identifier: GPL-2.0-only

#include "input-check.h"

#include <atomic>
#include <cmath>
#include <cstdlib>
#include <sstream>
#include <stdexcept>
#include <unistd.h>

namespace planet
{

namespace
{

std::atomic<uint64_t> g_memoryBudget{0}; //!< 0: the default
std::atomic<uint64_t> g_eventBudget{0};  //!< 0: the default

std::string
Number(double value)
{
    std::ostringstream out;
    out << value;
    return out.str();
}

std::string
Megabytes(uint64_t bytes)
{
    return std::to_string((bytes + (1 << 20) - 1) >> 20) + " MB";
}

} // namespace

void
ThrowParameter(const std::string& name, const std::string& what)
{
    throw std::invalid_argument("parameter '" + name + "': " + what);
}

double
CheckFinite(const std::string& name, double value)
{
    if (!std::isfinite(value))
    {
        ThrowParameter(name, "must be a finite number, got " + Number(value));
    }
    return value;
}

double
CheckPositive(const std::string& name, double value)
{
    if (!(CheckFinite(name, value) > 0))
    {
        ThrowParameter(name, "must be positive, got " + Number(value));
    }
    return value;
}

double
CheckInRange(const std::string& name, double value, double low, double high)
{
    if (!(CheckFinite(name, value) >= low && value <= high))
    {
        ThrowParameter(name,
                       "must be in [" + Number(low) + ", " + Number(high) + "], got " +
                           Number(value));
    }
    return value;
}

double
CheckTimeS(const std::string& name, double seconds)
{
    if (!(std::isfinite(seconds) && seconds >= 0 && seconds <= kMaxTimeS))
    {
        ThrowParameter(name,
                       "must be a time in [0, " + Number(kMaxTimeS) + "] s (ns-3's range), got " +
                           Number(seconds) + " s");
    }
    return seconds;
}

uint64_t
CheckCount(const std::string& name,
           uint64_t value,
           uint64_t low,
           uint64_t high,
           const std::string& limit)
{
    if (value < low || value > high)
    {
        ThrowParameter(name,
                       "must be in [" + std::to_string(low) + ", " + std::to_string(high) + "]" +
                           (limit.empty() ? "" : " (" + limit + ")") + ", got " +
                           std::to_string(value));
    }
    return value;
}

uint64_t
SaturatingMul(uint64_t a, uint64_t b)
{
    uint64_t product = 0;
    return __builtin_mul_overflow(a, b, &product) ? UINT64_MAX : product;
}

uint64_t
SaturatingAdd(uint64_t a, uint64_t b)
{
    uint64_t sum = 0;
    return __builtin_add_overflow(a, b, &sum) ? UINT64_MAX : sum;
}

uint64_t
DefaultMemoryBudgetBytes()
{
    if (const char* env = std::getenv("PLANET_MEMORY_BUDGET_MB"))
    {
        char* end = nullptr;
        const unsigned long long mb = std::strtoull(env, &end, 10);
        if (end != env && *end == '\0' && mb > 0)
        {
            return SaturatingMul(mb, 1 << 20);
        }
    }
    const long pages = sysconf(_SC_PHYS_PAGES);
    const long pageSize = sysconf(_SC_PAGESIZE);
    if (pages <= 0 || pageSize <= 0)
    {
        return uint64_t{4} << 30; // unknown machine: 4 GB
    }
    return SaturatingMul(static_cast<uint64_t>(pages), static_cast<uint64_t>(pageSize)) / 2;
}

uint64_t
MemoryBudgetBytes()
{
    const uint64_t set = g_memoryBudget.load();
    return set != 0 ? set : DefaultMemoryBudgetBytes();
}

void
SetMemoryBudgetBytes(uint64_t bytes)
{
    g_memoryBudget.store(bytes);
}

void
CheckMemoryBudget(const std::string& what, uint64_t bytes)
{
    const uint64_t budget = MemoryBudgetBytes();
    if (bytes > budget)
    {
        throw std::invalid_argument(
            what + " would need about " + Megabytes(bytes) + ", over the memory budget of " +
            Megabytes(budget) +
            " (raise it with --memoryBudget=MB, planet.set_memory_budget(MB) or "
            "PLANET_MEMORY_BUDGET_MB)");
    }
}

uint64_t
DefaultEventBudget()
{
    return 10'000'000'000ULL;
}

uint64_t
EventBudget()
{
    const uint64_t set = g_eventBudget.load();
    return set != 0 ? set : DefaultEventBudget();
}

void
SetEventBudget(uint64_t events)
{
    g_eventBudget.store(events);
}

void
CheckEventBudget(const std::string& what, uint64_t events)
{
    const uint64_t budget = EventBudget();
    if (events > budget)
    {
        std::ostringstream out;
        out << what << " would need about " << static_cast<double>(events)
            << " simulator events, over the event budget of " << static_cast<double>(budget)
            << " (raise it with --eventBudget=N or planet.set_event_budget(N))";
        throw std::invalid_argument(out.str());
    }
}

ScopedBudgets::ScopedBudgets(uint64_t memoryBytes, uint64_t events)
    : m_memory(g_memoryBudget.load()),
      m_events(g_eventBudget.load())
{
    if (memoryBytes != 0)
    {
        g_memoryBudget.store(memoryBytes);
    }
    if (events != 0)
    {
        g_eventBudget.store(events);
    }
}

ScopedBudgets::~ScopedBudgets()
{
    g_memoryBudget.store(m_memory);
    g_eventBudget.store(m_events);
}

} // namespace planet
