/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// PSPLIB benchmark of the RCPSP engine: solves every instance of a set and prints the mean
// deviation from the optimal (j30) or best known (j60, j120) makespans, the deviation from the
// critical-path bound (the figure RCPSP papers report for j60/j120), and the run time.
//
//   planet-bench-psplib --set=j30|j60|j120 [--method=genetic --schedules=N --seed=S --limit=K]
//                       [--generator=... --rule=... --justify=0|1 --population=P]

#include "ns3/quantum-rcpsp-methods.h"
#include "ns3/quantum-rcpsp-psplib.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <iostream>
#include <map>
#include <stdexcept>
#include <string>

using namespace planet;

namespace
{

const std::map<std::string, std::string> kReference{{"j30", "j30opt.sm"},
                                                    {"j60", "j60hrs.sm"},
                                                    {"j120", "j120hrs.sm"}};
const std::map<std::string, std::string> kLowerBounds{{"j60", "j60lb.sm"}, {"j120", "j120lb.sm"}};

int
Run(int argc, char** argv)
{
    // The bench's own flags; the others are the engine's (RcpspOptionsFromStrings).
    std::map<std::string, std::string> flags{{"set", "j30"},
                                             {"method", "genetic"},
                                             {"limit", "0"},
                                             {"dir", PLANET_PSPLIB_DIR},
                                             {"data", PLANET_DATA_DIR "/psplib"}};
    std::map<std::string, std::string> params;
    for (int i = 1; i < argc; ++i)
    {
        const std::string arg = argv[i];
        const auto eq = arg.find('=');
        if (arg.rfind("--", 0) != 0 || eq == std::string::npos)
        {
            throw std::invalid_argument("argument '" + arg + "': expected --name=value");
        }
        const std::string name = arg.substr(2, eq - 2);
        (flags.count(name) ? flags[name] : params[name]) = arg.substr(eq + 1);
    }
    const std::string set = flags["set"];
    if (kReference.count(set) == 0)
    {
        throw std::invalid_argument("--set=" + set + ": allowed values j30, j60, j120");
    }
    const RcpspOptions options = RcpspOptionsFromStrings(params);
    const std::string& limitText = flags["limit"];
    if (limitText.empty() || limitText.find_first_not_of("0123456789") != std::string::npos)
    {
        throw std::invalid_argument("--limit=" + limitText + ": expected a non-negative integer");
    }
    const uint64_t limit = std::stoull(limitText);
    auto method = CreateRcpspMethod(flags["method"]);

    const auto reference = LoadPsplibTable(flags["data"] + "/" + kReference.at(set));
    std::map<std::pair<int, int>, std::vector<RcpspTime>> lowerBounds;
    if (kLowerBounds.count(set))
    {
        lowerBounds = LoadPsplibTable(flags["data"] + "/" + kLowerBounds.at(set));
    }

    std::size_t count = 0;
    std::size_t matched = 0;
    std::size_t belowBound = 0;
    double deviation = 0;
    double worst = 0;
    double cpDeviation = 0;
    double seconds = 0;
    double cpuSeconds = 0;
    double schedules = 0;
    for (const auto& [key, values] : reference)
    {
        if (limit > 0 && count >= limit)
        {
            break;
        }
        const std::string file = flags["dir"] + "/" + set + "/" + set + std::to_string(key.first) +
                                 "_" + std::to_string(key.second) + ".sm";
        const RcpspInstance instance = LoadPsplibSm(file);
        const auto begin = std::chrono::steady_clock::now();
        const std::clock_t cpuBegin = std::clock();
        const RcpspResult result = method->Solve(instance, options);
        cpuSeconds += static_cast<double>(std::clock() - cpuBegin) / CLOCKS_PER_SEC;
        seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - begin).count();
        const double best = static_cast<double>(values.front());
        const double dev = 100.0 * (result.makespan - best) / best;
        deviation += dev;
        worst = std::max(worst, dev);
        cpDeviation += 100.0 * (result.makespan - result.lowerBound) / result.lowerBound;
        matched += result.makespan <= values.front() ? 1 : 0;
        schedules += static_cast<double>(result.schedules);
        auto lb = lowerBounds.find(key);
        const RcpspTime known = lb == lowerBounds.end() ? values.front() : lb->second.back();
        belowBound += result.makespan < std::min(known, values.front()) && set == "j30" ? 1 : 0;
        belowBound += lb != lowerBounds.end() && result.makespan < known ? 1 : 0;
        ++count;
    }
    const double n = static_cast<double>(count);
    std::printf("set %s, method %s (%s SGS, rule %s, justify %d), budget %llu schedules, seed "
                "%llu\n",
                set.c_str(),
                method->GetName().c_str(),
                options.generator.c_str(),
                options.rule.c_str(),
                options.justify ? 1 : 0,
                static_cast<unsigned long long>(options.schedules),
                static_cast<unsigned long long>(options.seed));
    std::printf("instances                     %zu\n", count);
    std::printf("mean deviation from %s   %.3f %%\n",
                set == "j30" ? "optimum  " : "best known",
                deviation / n);
    std::printf("max deviation                 %.3f %%\n", worst);
    std::printf("reference makespan reached    %zu of %zu\n", matched, count);
    std::printf("mean deviation from CP bound  %.3f %%\n", cpDeviation / n);
    std::printf("below a known lower bound     %zu (must be 0)\n", belowBound);
    std::printf("mean schedules per instance   %.0f\n", schedules / n);
    std::printf("time per instance             %.2f ms (total %.2f s)\n",
                1e3 * seconds / n,
                seconds);
    std::printf("CPU time per instance         %.2f ms (total %.2f s, one thread)\n",
                1e3 * cpuSeconds / n,
                cpuSeconds);
    return belowBound == 0 ? 0 : 1;
}

} // namespace

int
main(int argc, char** argv)
{
    try
    {
        return Run(argc, argv);
    }
    catch (const std::invalid_argument& e)
    {
        std::cerr << "planet-bench-psplib: " << e.what() << "\n";
        return 2;
    }
}
