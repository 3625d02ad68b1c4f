// SPDX-License-Identifier: GPL-2.0-only

// Scenario runs from Python: any ns3::PlanetScenario subclass, by TypeId name, with the
// runners' parameter names; the result is the record that the runner writes with --json.

#include "bind.h"

#include "ns3/input-check.h"
#include "ns3/object-factory.h"
#include "ns3/planet-scenario.h"

#include <cmath>
#include <map>
#include <mutex>
#include <pybind11/stl.h>
#include <stdexcept>
#include <string>
#include <vector>

namespace py = pybind11;

namespace planet::python
{
namespace
{

/// ns-3 keeps one simulator per process: one scenario runs at a time.
std::mutex g_simulation;

/// Converts a JSON value to the Python value that json.loads() gives for its dump().
py::object
ToPython(const nlohmann::json& j)
{
    using T = nlohmann::json::value_t;
    switch (j.type())
    {
    case T::null:
        return py::none();
    case T::boolean:
        return py::bool_(j.get<bool>());
    case T::number_integer:
        return py::int_(j.get<int64_t>());
    case T::number_unsigned:
        return py::int_(j.get<uint64_t>());
    case T::number_float: {
        const double x = j.get<double>();
        // dump() writes NaN and infinities as null
        return std::isfinite(x) ? py::object(py::float_(x)) : py::object(py::none());
    }
    case T::string:
        return py::str(j.get_ref<const std::string&>());
    case T::array: {
        py::list list;
        for (const auto& item : j)
        {
            list.append(ToPython(item));
        }
        return list;
    }
    case T::object: {
        py::dict dict;
        for (const auto& [key, value] : j.items())
        {
            dict[py::str(key)] = ToPython(value);
        }
        return dict;
    }
    default:
        throw std::runtime_error("record holds a value that JSON cannot represent");
    }
}

/// Type names of every concrete scenario class registered in this process.
std::vector<std::string>
ScenarioNames()
{
    std::vector<std::string> names;
    for (uint16_t i = 0; i < ns3::TypeId::GetRegisteredN(); ++i)
    {
        const ns3::TypeId tid = ns3::TypeId::GetRegistered(i);
        if (tid.IsChildOf(ns3::PlanetScenario::GetTypeId()) && tid.HasConstructor())
        {
            names.push_back(tid.GetName());
        }
    }
    return names;
}

/// Creates a scenario by TypeId name; anything else is an invalid_argument, never an abort.
ns3::Ptr<ns3::PlanetScenario>
CreateScenario(const std::string& typeName)
{
    ns3::TypeId tid;
    if (!ns3::TypeId::LookupByNameFailSafe(typeName, &tid) ||
        !tid.IsChildOf(ns3::PlanetScenario::GetTypeId()) || !tid.HasConstructor())
    {
        std::string known;
        for (const auto& name : ScenarioNames())
        {
            known += (known.empty() ? "" : ", ") + name;
        }
        throw std::invalid_argument("type_name: '" + typeName +
                                    "' is not a scenario (known: " + known + ")");
    }
    ns3::ObjectFactory factory;
    factory.SetTypeId(tid);
    return factory.Create<ns3::PlanetScenario>();
}

py::object
RunScenario(const std::string& typeName, const std::map<std::string, std::string>& params)
{
    nlohmann::json record;
    {
        py::gil_scoped_release release; // other Python threads go on while the simulation runs
        std::lock_guard<std::mutex> lock(g_simulation);
        auto scenario = CreateScenario(typeName);
        scenario->Configure(params);
        record = scenario->Run();
    }
    return ToPython(record);
}

py::object
ScenarioConfig(const std::string& typeName, const std::map<std::string, std::string>& params)
{
    std::lock_guard<std::mutex> lock(g_simulation);
    auto scenario = CreateScenario(typeName);
    scenario->Configure(params);
    return ToPython(scenario->GetConfig());
}

} // namespace

void
BindScenario(py::module_& m)
{
    m.def("run_scenario",
          &RunScenario,
          py::arg("type_name"),
          py::arg("params") = std::map<std::string, std::string>{},
          "Run a scenario (a subclass of ns3::PlanetScenario, by TypeId name) once with the "
          "given parameters (flag names -> values as on the command line) and return its "
          "result record: the same object as json.load() of the runner's --json file. "
          "Raises ValueError naming a bad parameter. One simulation runs at a time per process; "
          "concurrent calls wait.");
    m.def("scenario_config",
          &ScenarioConfig,
          py::arg("type_name"),
          py::arg("params") = std::map<std::string, std::string>{},
          "Every parameter of a scenario with its value after applying params (defaults "
          "included), without running it: the record's \"config\". Raises ValueError like "
          "run_scenario().");
    m.def(
        "set_memory_budget",
        [](uint64_t mb) {
            CheckCount("mb", mb, 0, uint64_t{1} << 40);
            SetMemoryBudgetBytes(mb << 20);
        },
        py::arg("mb"),
        "Set the memory budget (MB) of this process: what a run, a flow graph, a schedule or a "
        "parsed file may be expected to need before it is refused with ValueError; 0 restores "
        "the default (half the machine's memory, or PLANET_MEMORY_BUDGET_MB). A run's "
        "memoryBudget parameter overrides it for that run.");
    m.def(
        "memory_budget",
        [] { return MemoryBudgetBytes() >> 20; },
        "The memory budget in force, in MB.");
    m.def("set_event_budget",
          &SetEventBudget,
          py::arg("events"),
          "Set the event budget (simulator events a run may be expected to need); 0 restores "
          "the default (1e10). A run's eventBudget parameter overrides it for that run.");
    m.def("event_budget", &EventBudget, "The event budget in force.");
    m.def("scenarios",
          &ScenarioNames,
          "TypeId names of the scenario classes that run_scenario() can run.");
}

} // namespace planet::python
