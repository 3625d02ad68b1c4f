// SPDX-License-Identifier: GPL-2.0-only

#ifndef PLANET_FUZZ_TARGET_H
#define PLANET_FUZZ_TARGET_H

#include "ns3/input-check.h"

#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>

/**
 * \file
 * \ingroup planet
 * A fuzz target of planet: LLVMFuzzerTestOneInput() feeds bytes to one parser or constructor.
 * A clean error (std::invalid_argument) is the expected answer to bad input; anything else
 * that escapes (another exception, a crash, a sanitizer report) is a finding. Built with
 * libFuzzer (`make fuzz`, clang) or with fuzz-driver.cc, a seeded mutational driver that takes
 * libFuzzer's -runs= and -seed= flags (`make test`).
 */

/// Run f on the input as text, under small budgets; an invalid_argument is a clean answer.
template <class F>
int
PlanetFuzz(const uint8_t* data, size_t size, F f)
{
    const planet::ScopedBudgets budgets(uint64_t{256} << 20, 1000000);
    try
    {
        f(std::string(reinterpret_cast<const char*>(data), size));
    }
    catch (const std::invalid_argument&)
    {
    }
    return 0;
}

#endif /* PLANET_FUZZ_TARGET_H */
