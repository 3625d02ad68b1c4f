/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "planet-scenario.h"

#include "ns3/command-line.h"
#include "ns3/log.h"
#include "ns3/rng-seed-manager.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/system-path.h"
#include "ns3/uinteger.h"

#include <sys/resource.h>

#include <chrono>
#include <fstream>
#include <iostream>
#include <regex>
#include <set>
#include <stdexcept>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("PlanetScenario");

NS_OBJECT_ENSURE_REGISTERED(PlanetScenario);

namespace
{

/// Attribute name for a parameter name ("hostsPerLeaf" -> "HostsPerLeaf").
std::string
AttributeName(const std::string& parameter)
{
    std::string name = parameter;
    if (!name.empty())
    {
        name[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(name[0])));
    }
    return name;
}

/// Every attribute of a TypeId and its parents, most derived first.
std::vector<TypeId::AttributeInformation>
AllAttributes(TypeId tid)
{
    std::vector<TypeId::AttributeInformation> all;
    for (TypeId t = tid; t != Object::GetTypeId(); t = t.GetParent())
    {
        for (std::size_t i = 0; i < t.GetAttributeN(); ++i)
        {
            all.push_back(t.GetAttribute(i));
        }
    }
    return all;
}

/// Converts an attribute's string form to a JSON value of the attribute's type.
nlohmann::json
ToJson(const std::string& text, const Ptr<const AttributeChecker>& checker)
{
    const std::string type = checker->GetValueTypeName();
    if (type == "ns3::UintegerValue")
    {
        return std::stoull(text);
    }
    if (type == "ns3::IntegerValue")
    {
        return std::stoll(text);
    }
    if (type == "ns3::DoubleValue")
    {
        return std::stod(text);
    }
    if (type == "ns3::BooleanValue")
    {
        return text == "true";
    }
    return text;
}

/**
 * Whether ns-3 can read the text as a value of the checker's type without aborting: ns-3's
 * numeric and Time values abort the process on malformed text instead of failing, so those are
 * checked here first. Other types fail cleanly in SetAttributeFailSafe().
 */
bool
Parses(const std::string& text, const Ptr<const AttributeChecker>& checker)
{
    static const std::string number = "[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)?";
    static const std::map<std::string, std::regex> formats{
        {"ns3::UintegerValue", std::regex("\\+?[0-9]{1,19}")},
        {"ns3::IntegerValue", std::regex("[+-]?[0-9]{1,18}")},
        {"ns3::DoubleValue", std::regex(number)},
        {"ns3::TimeValue", std::regex(number + "(s|ms|us|ns|ps|fs|min|h|d|y)?")}};
    const auto format = formats.find(checker->GetValueTypeName());
    return format == formats.end() || std::regex_match(text, format->second);
}

double
PeakRssMb()
{
    struct rusage usage;
    getrusage(RUSAGE_SELF, &usage);
    return static_cast<double>(usage.ru_maxrss) / 1024.0; // ru_maxrss is in KiB on Linux
}

bool
StoreParameter(std::map<std::string, std::string>* params, std::string name, std::string value)
{
    (*params)[name] = value;
    return true;
}

} // namespace

TypeId
PlanetScenario::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::PlanetScenario")
            .SetParent<Object>()
            .SetGroupName("Planet")
            .AddAttribute("Seed",
                          "RNG seed (ns3::RngSeedManager::SetSeed)",
                          UintegerValue(1),
                          MakeUintegerAccessor(&PlanetScenario::m_seed),
                          MakeUintegerChecker<uint32_t>(1))
            .AddAttribute("Run",
                          "RNG run number (ns3::RngSeedManager::SetRun): replications differ "
                          "only in it",
                          UintegerValue(1),
                          MakeUintegerAccessor(&PlanetScenario::m_run),
                          MakeUintegerChecker<uint64_t>());
    return tid;
}

std::string
PlanetScenario::ParameterName(const std::string& attribute)
{
    std::string name = attribute;
    if (!name.empty())
    {
        name[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(name[0])));
    }
    return name;
}

void
PlanetScenario::Configure(const std::map<std::string, std::string>& params)
{
    NS_LOG_FUNCTION(this);
    const TypeId tid = GetInstanceTypeId();
    for (const auto& [name, value] : params)
    {
        TypeId::AttributeInformation info;
        if (!tid.LookupAttributeByName(AttributeName(name), &info) ||
            ParameterName(AttributeName(name)) != name)
        {
            std::string known;
            for (const auto& a : AllAttributes(tid))
            {
                known += (known.empty() ? "" : ", ") + ParameterName(a.name);
            }
            throw std::invalid_argument("unknown parameter '" + name + "' (known: " + known + ")");
        }
        if (!Parses(value, info.checker) || !SetAttributeFailSafe(info.name, StringValue(value)))
        {
            throw std::invalid_argument("parameter '" + name + "': cannot use '" + value +
                                        "' (expects " + info.checker->GetUnderlyingTypeInformation() +
                                        ")");
        }
    }
}

nlohmann::json
PlanetScenario::GetConfig() const
{
    nlohmann::json config = nlohmann::json::object();
    for (const auto& info : AllAttributes(GetInstanceTypeId()))
    {
        StringValue value;
        GetAttribute(info.name, value);
        config[ParameterName(info.name)] = ToJson(value.Get(), info.checker);
    }
    return config;
}

nlohmann::json
PlanetScenario::Run()
{
    NS_LOG_FUNCTION(this);
    RngSeedManager::SetSeed(m_seed);
    RngSeedManager::SetRun(m_run);

    // Destroy the simulator however DoRunScenario() ends, so that the next run in this process
    // starts from a clean state.
    struct DestroyGuard
    {
        ~DestroyGuard()
        {
            Simulator::Destroy();
        }
    } guard;

    const auto start = std::chrono::steady_clock::now();
    nlohmann::json record = DoRunScenario();
    const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
                            .count();
    record["config"] = GetConfig();
    record["sim"] = {{"events", Simulator::GetEventCount()},
                     {"wall_s", wall},
                     {"peak_rss_mb", PeakRssMb()}};
    return record;
}

void
PlanetScenario::PrintSummary(const nlohmann::json& record, std::ostream& os) const
{
    const auto& sim = record.at("sim");
    os << "sim: " << sim.at("events").get<uint64_t>() << " events, "
       << sim.at("wall_s").get<double>() << " s wall, " << sim.at("peak_rss_mb").get<double>()
       << " MB peak RSS" << std::endl;
}

void
CheckChoice(const std::string& name,
            const std::string& value,
            const std::vector<std::string>& allowed)
{
    for (const auto& a : allowed)
    {
        if (a == value)
        {
            return;
        }
    }
    std::string list;
    for (const auto& a : allowed)
    {
        list += (list.empty() ? "" : "|") + a;
    }
    throw std::invalid_argument("parameter '" + name + "': unknown value '" + value +
                                "' (allowed: " + list + ")");
}

int
PlanetScenarioMain(TypeId tid, int argc, char** argv)
{
    const std::string program = argc > 0 ? SystemPath::Split(argv[0]).back() : "planet";
    try
    {
        const auto attributes = AllAttributes(tid);
        std::set<std::string> known{"json",
                                    "PrintHelp",
                                    "help",
                                    "PrintGlobals",
                                    "PrintGroups",
                                    "PrintGroup",
                                    "PrintTypeIds",
                                    "PrintAttributes",
                                    "PrintVersion",
                                    "version"};
        for (const auto& a : attributes)
        {
            known.insert(PlanetScenario::ParameterName(a.name));
        }
        for (int i = 1; i < argc; ++i)
        {
            const std::string arg = argv[i];
            const std::size_t begin = arg.find_first_not_of('-');
            const std::string name = begin == 0 || begin == std::string::npos
                                         ? std::string()
                                         : arg.substr(begin, arg.find('=') - begin);
            if (known.count(name) == 0 && name.rfind("ns3::", 0) != 0)
            {
                std::string list;
                for (const auto& a : attributes)
                {
                    list += " --" + PlanetScenario::ParameterName(a.name);
                }
                throw std::invalid_argument("unknown flag '" + arg + "' (flags:" + list +
                                            " --json; --PrintHelp explains them)");
            }
        }

        std::map<std::string, std::string> params;
        std::string jsonPath;
        CommandLine cmd(program);
        for (const auto& a : attributes)
        {
            const std::string name = PlanetScenario::ParameterName(a.name);
            cmd.AddValue(name,
                         a.help,
                         MakeBoundCallback(&StoreParameter, &params, name),
                         a.initialValue->SerializeToString(a.checker));
        }
        cmd.AddValue("json", "write the result record (JSON) to this file", jsonPath);
        cmd.Parse(argc, argv);

        ObjectFactory factory(tid.GetName());
        Ptr<PlanetScenario> scenario = factory.Create<PlanetScenario>();
        scenario->Configure(params);
        const nlohmann::json record = scenario->Run();
        scenario->PrintSummary(record, std::cout);
        if (!jsonPath.empty())
        {
            std::ofstream out(jsonPath);
            if (!out)
            {
                throw std::invalid_argument("flag '--json': cannot write '" + jsonPath + "'");
            }
            out << record.dump(1) << std::endl;
        }
        return 0;
    }
    catch (const std::invalid_argument& e)
    {
        std::cerr << program << ": error: " << e.what() << std::endl;
        return 2;
    }
    catch (const std::exception& e)
    {
        std::cerr << program << ": failed: " << e.what() << std::endl;
        return 1;
    }
}

} // namespace ns3
