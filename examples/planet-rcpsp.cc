/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// planet-rcpsp: solve one PSPLIB single-mode instance with planet's RCPSP engine and print the
// makespan and the schedule as JSON.
//
//   planet-rcpsp FILE.sm [--method=genetic|priority|sampling] [--schedules=N] [--seed=S]
//                        [--generator=serial|parallel] [--rule=lft|...] [--justify=1|0]
//                        [--population=P]
//
// Bad arguments print one line naming the flag and its allowed values and exit with status 2;
// so does every other error (a file that cannot be read or parsed, a budget exceeded).

#include "ns3/quantum-rcpsp-methods.h"
#include "ns3/quantum-rcpsp-psplib.h"

#include <chrono>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>

using namespace planet;

namespace
{

nlohmann::ordered_json
Run(int argc, char** argv)
{
    std::string file;
    std::string method = "genetic";
    std::map<std::string, std::string> params;
    for (int i = 1; i < argc; ++i)
    {
        const std::string arg = argv[i];
        if (arg.rfind("--", 0) != 0)
        {
            if (!file.empty())
            {
                throw std::invalid_argument("one instance file expected, got '" + file + "' and '" +
                                            arg + "'");
            }
            file = arg;
            continue;
        }
        const auto eq = arg.find('=');
        if (eq == std::string::npos)
        {
            throw std::invalid_argument("flag " + arg + " needs a value: --name=value");
        }
        const std::string name = arg.substr(2, eq - 2);
        (name == "method" ? method : params[name]) = arg.substr(eq + 1);
    }
    if (file.empty())
    {
        throw std::invalid_argument("usage: planet-rcpsp FILE.sm [--method=... --schedules=N "
                                    "--seed=S --generator=... --rule=... --justify=0|1]");
    }
    const RcpspOptions options = RcpspOptionsFromStrings(params);
    const auto solver = CreateRcpspMethod(method);
    const RcpspInstance instance = LoadPsplibSm(file);

    const auto begin = std::chrono::steady_clock::now();
    const RcpspResult result = solver->Solve(instance, options);
    const double wall =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - begin).count();

    nlohmann::ordered_json schedule = nlohmann::ordered_json::array();
    for (std::size_t j = 0; j < instance.activities.size(); ++j)
    {
        schedule.push_back({{"activity", instance.activities[j].name},
                            {"start", result.schedule.start[j]},
                            {"finish", result.schedule.Finish(instance, j)}});
    }
    return {{"instance", instance.name},
            {"makespan", result.makespan},
            {"critical_path_bound", result.lowerBound},
            {"valid", ValidateRcpspSchedule(instance, result.schedule).empty()},
            {"method", solver->GetName()},
            {"generator", options.generator},
            {"rule", options.rule},
            {"justify", options.justify},
            {"budget", options.schedules},
            {"schedules", result.schedules},
            {"seed", options.seed},
            {"schedule", schedule},
            {"sim", {{"wall_s", wall}}}};
}

} // namespace

int
main(int argc, char** argv)
{
    try
    {
        std::cout << Run(argc, argv).dump(1) << "\n";
        return 0;
    }
    catch (const std::bad_alloc&)
    {
        std::cerr << "planet-rcpsp: out of memory (a smaller instance or population)\n";
    }
    catch (const std::exception& e)
    {
        std::cerr << "planet-rcpsp: " << e.what() << "\n";
    }
    catch (...)
    {
        std::cerr << "planet-rcpsp: unknown exception\n";
    }
    return 2;
}
