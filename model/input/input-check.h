// SPDX-License-Identifier: GPL-2.0-only

#ifndef INPUT_CHECK_H
#define INPUT_CHECK_H

#include <cstdint>
#include <string>

/**
 * \file
 * \ingroup planet
 * The validation layer shared by every area, the runners and the Python bindings: numbers that
 * must be finite, times that must fit ns-3's Time, sizes whose products must not wrap, and the
 * process-wide memory and event budgets that refuse a run before it allocates or simulates
 * more than the machine can give. Every check throws std::invalid_argument (ValueError in
 * Python; the runners exit 2 with its one line) naming the parameter. No ns-3 dependency.
 */

namespace planet
{

/**
 * \brief The largest time any parameter may hold, in seconds.
 *
 * ns-3's Time is a signed 64-bit count of nanoseconds (about +-9.2e9 s); a run adds delays,
 * start times and timeouts, so each single value is kept a factor of nine below that.
 */
constexpr double kMaxTimeS = 1e9;

/// \brief Throws std::invalid_argument("parameter 'name': what").
[[noreturn]] void ThrowParameter(const std::string& name, const std::string& what);

/// \brief value when it is a finite number; else throws naming the parameter.
double CheckFinite(const std::string& name, double value);

/// \brief value when it is finite and > 0; else throws naming the parameter.
double CheckPositive(const std::string& name, double value);

/// \brief value when it is finite and in [low, high]; else throws naming the parameter.
double CheckInRange(const std::string& name, double value, double low, double high);

/// \brief seconds when finite and in [0, kMaxTimeS]; else throws naming the parameter.
double CheckTimeS(const std::string& name, double seconds);

/**
 * \brief value when it is in [low, high]; else throws naming the parameter and the limit.
 * \param name the parameter
 * \param value its value
 * \param low smallest allowed value
 * \param high largest allowed value
 * \param limit the name of the upper bound, for the message ("kMaxHosts"); may be empty
 */
uint64_t CheckCount(const std::string& name,
                    uint64_t value,
                    uint64_t low,
                    uint64_t high,
                    const std::string& limit = "");

/// \brief a * b, or UINT64_MAX when the product does not fit (for estimates).
uint64_t SaturatingMul(uint64_t a, uint64_t b);

/// \brief a + b, or UINT64_MAX when the sum does not fit (for estimates).
uint64_t SaturatingAdd(uint64_t a, uint64_t b);

/**
 * \brief The memory budget of this process in bytes: what one run, one flow graph, one
 * schedule or one parsed file may be expected to need before it is refused.
 *
 * Default: half of the machine's physical memory, or PLANET_MEMORY_BUDGET_MB (megabytes) from
 * the environment. The runners set it from --memoryBudget, Python from
 * planet.set_memory_budget().
 */
uint64_t MemoryBudgetBytes();

/// \brief The default memory budget (see MemoryBudgetBytes()).
uint64_t DefaultMemoryBudgetBytes();

/// \brief Set the memory budget; 0 restores the default.
void SetMemoryBudgetBytes(uint64_t bytes);

/**
 * \brief Refuse what would need more memory than the budget.
 * \param what what is being built, for the message ("the flow graph of 4294967295 iterations")
 * \param bytes the estimate
 * \throws std::invalid_argument with the estimate, the budget and how to raise it
 */
void CheckMemoryBudget(const std::string& what, uint64_t bytes);

/**
 * \brief The event budget: simulator events that one run may be expected to need (its time:
 * planet's runs execute a few million events per second: about an hour). Default 1e10; the runners set it
 * from --eventBudget, Python from planet.set_event_budget().
 */
uint64_t EventBudget();

/// \brief The default event budget.
uint64_t DefaultEventBudget();

/// \brief Set the event budget; 0 restores the default.
void SetEventBudget(uint64_t events);

/**
 * \brief Refuse a run that would need more events than the budget.
 * \param what what is being run, for the message
 * \param events the estimate
 * \throws std::invalid_argument with the estimate, the budget and how to raise it
 */
void CheckEventBudget(const std::string& what, uint64_t events);

/**
 * \brief Sets the memory and event budgets for its lifetime and restores the previous ones; a
 * budget of 0 keeps the one in force (set by Python or the default).
 */
class ScopedBudgets
{
  public:
    /// \param memoryBytes memory budget (0: keep) \param events event budget (0: keep)
    ScopedBudgets(uint64_t memoryBytes, uint64_t events);
    ~ScopedBudgets();
    ScopedBudgets(const ScopedBudgets&) = delete;
    ScopedBudgets& operator=(const ScopedBudgets&) = delete;

  private:
    uint64_t m_memory; //!< the budget before
    uint64_t m_events; //!< the budget before
};

} // namespace planet

#endif /* INPUT_CHECK_H */
