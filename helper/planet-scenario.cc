/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "planet-scenario.h"

#include "planet-progress.h"

#include "ns3/command-line.h"
#include "ns3/config.h"
#include "ns3/input-check.h"
#include "ns3/log.h"
#include "ns3/object-factory.h"
#include "ns3/rng-seed-manager.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/system-path.h"
#include "ns3/uinteger.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <fstream>
#include <iostream>
#include <regex>
#include <set>
#include <stdexcept>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

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
    // ns-3.37 names the boolean checker's type "BooleanValue", without the namespace.
    if (type == "BooleanValue" || type == "ns3::BooleanValue")
    {
        return text == "true";
    }
    return text;
}

/// The number at the start of text and the rest (the unit); false when there is none.
bool
SplitNumber(const std::string& text, double* number, std::string* unit)
{
    static const std::regex form("([+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)?)\\s*(.*)");
    std::smatch m;
    if (!std::regex_match(text, m, form))
    {
        return false;
    }
    *number = std::strtod(m[1].str().c_str(), nullptr);
    *unit = m[4].str();
    return true;
}

/**
 * Why ns-3 cannot take the text as a value of the checker's type ("" when it can). ns-3's
 * numeric, Time and DataRate values abort the process on malformed text, or wrap silently on
 * huge numbers, instead of failing, so those are checked here first; other types fail cleanly
 * in SetAttributeFailSafe().
 */
std::string
ValueProblem(const std::string& text, const Ptr<const AttributeChecker>& checker)
{
    static const std::string number = "[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)?";
    static const std::map<std::string, std::regex> formats{
        {"ns3::UintegerValue", std::regex("\\+?[0-9]{1,19}")},
        {"ns3::IntegerValue", std::regex("[+-]?[0-9]{1,18}")},
        {"ns3::DoubleValue", std::regex(number)},
        {"ns3::TimeValue", std::regex(number + "(s|ms|us|ns|ps|fs|min|h|d|y)?")}};
    const std::string type = checker->GetValueTypeName();
    const auto format = formats.find(type);
    const std::string expects = " (expects " + checker->GetUnderlyingTypeInformation() + ")";
    if (format != formats.end() && !std::regex_match(text, format->second))
    {
        return "cannot use '" + text + "'" + expects;
    }
    double value = 0;
    std::string unit;
    if (!SplitNumber(text, &value, &unit))
    {
        return "";
    }
    if (!std::isfinite(value))
    {
        return "'" + text + "' is not a finite number";
    }
    if (type == "ns3::TimeValue")
    {
        static const std::map<std::string, double> seconds{{"", 1},
                                                           {"s", 1},
                                                           {"ms", 1e-3},
                                                           {"us", 1e-6},
                                                           {"ns", 1e-9},
                                                           {"ps", 1e-12},
                                                           {"fs", 1e-15},
                                                           {"min", 60},
                                                           {"h", 3600},
                                                           {"d", 86400},
                                                           {"y", 365 * 86400.0}};
        const double s = std::abs(value) * seconds.at(unit);
        if (!(s <= planet::kMaxTimeS))
        {
            return "'" + text + "' is outside ns-3's time range (at most " +
                   std::to_string(static_cast<uint64_t>(planet::kMaxTimeS)) + " s)";
        }
    }
    if (type == "DataRateValue" || type == "ns3::DataRateValue") // ns-3 names it either way
    {
        static const std::regex rate("(|k|K|Ki|M|Mi|G|Gi)(bps|b/s|Bps|B/s)");
        static const std::map<std::string, double> prefix{{"", 1},
                                                          {"k", 1e3},
                                                          {"K", 1e3},
                                                          {"Ki", 1024.0},
                                                          {"M", 1e6},
                                                          {"Mi", 1048576.0},
                                                          {"G", 1e9},
                                                          {"Gi", 1073741824.0}};
        std::smatch m;
        if (!unit.empty() && !std::regex_match(unit, m, rate))
        {
            return "cannot use '" + text + "'" + expects + ", e.g. 100Gbps";
        }
        const double bps =
            unit.empty() ? value : value * prefix.at(m[1].str()) * (m[2].str()[0] == 'B' ? 8 : 1);
        if (!(bps < 1.8e19))
        {
            return "'" + text + "' is more than a 64-bit count of bit/s";
        }
    }
    return "";
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
                          MakeUintegerChecker<uint64_t>())
            .AddAttribute("MemoryBudget",
                          "Memory (MB) a run may be expected to need before it is refused with "
                          "its estimate (0: half the machine's memory, or "
                          "PLANET_MEMORY_BUDGET_MB)",
                          UintegerValue(0),
                          MakeUintegerAccessor(&PlanetScenario::m_memoryBudgetMb),
                          MakeUintegerChecker<uint64_t>(0, uint64_t{1} << 40))
            .AddAttribute("EventBudget",
                          "Simulator events a run may be expected to need (its time: a few "
                          "million per second) before it is refused with its estimate (0: 1e10)",
                          UintegerValue(0),
                          MakeUintegerAccessor(&PlanetScenario::m_eventBudget),
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
    for (const auto& [name, value] : ExpandPresets(params))
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
        const std::string problem = ValueProblem(value, info.checker);
        if (!problem.empty())
        {
            throw std::invalid_argument("parameter '" + name + "': " + problem);
        }
        if (!SetAttributeFailSafe(info.name, StringValue(value)))
        {
            throw std::invalid_argument("parameter '" + name + "': cannot use '" + value +
                                        "' (expects " +
                                        info.checker->GetUnderlyingTypeInformation() + ")");
        }
    }
}

std::map<std::string, std::string>
PlanetScenario::ExpandPresets(const std::map<std::string, std::string>& params) const
{
    return params;
}

nlohmann::json
PlanetScenario::AttributeValues(const ObjectBase& object)
{
    nlohmann::json values = nlohmann::json::object();
    for (const auto& info : AllAttributes(object.GetInstanceTypeId()))
    {
        const Ptr<AttributeValue> value = info.checker->Create();
        object.GetAttribute(info.name, *value);
        values[info.name] = ToJson(value->SerializeToString(info.checker), info.checker);
    }
    return values;
}

std::vector<std::pair<std::string, std::string>>
PlanetScenario::ParseAttributeList(const std::string& parameter,
                                   const std::string& spec,
                                   TypeId tid)
{
    std::vector<std::pair<std::string, std::string>> settings;
    const std::vector<TypeId::AttributeInformation> all = AllAttributes(tid);
    std::size_t begin = 0;
    while (!spec.empty() && begin <= spec.size())
    {
        const std::size_t end = std::min(spec.find(',', begin), spec.size());
        const std::string item = spec.substr(begin, end - begin);
        begin = end + 1;
        const std::size_t eq = item.find('=');
        if (eq == std::string::npos || eq == 0)
        {
            throw std::invalid_argument("parameter '" + parameter + "': '" + item +
                                        "' is not Name=value");
        }
        const std::string name = item.substr(0, eq);
        const std::string value = item.substr(eq + 1);
        const auto info =
            std::find_if(all.begin(), all.end(), [&name](const auto& a) { return a.name == name; });
        if (info == all.end())
        {
            std::string known;
            for (const auto& a : all)
            {
                known += (known.empty() ? "" : ", ") + a.name;
            }
            throw std::invalid_argument("parameter '" + parameter + "': " + tid.GetName() +
                                        " has no attribute '" + name + "' (known: " + known + ")");
        }
        std::string problem = ValueProblem(value, info->checker);
        const Ptr<AttributeValue> parsed = info->checker->Create();
        if (problem.empty() && (!parsed->DeserializeFromString(value, info->checker) ||
                                !info->checker->Check(*parsed)))
        {
            problem = "cannot use '" + value + "' (expects " +
                      info->checker->GetUnderlyingTypeInformation() + ")";
        }
        if (!problem.empty())
        {
            throw std::invalid_argument("parameter '" + parameter + "': " + name + ": " + problem);
        }
        settings.emplace_back(name, value);
    }
    return settings;
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
    const planet::ScopedBudgets budgets(m_memoryBudgetMb << 20, m_eventBudget);

    // Destroy the simulator however DoRunScenario() ends, so that the next run in this process
    // starts from a clean state.
    struct DestroyGuard
    {
        ~DestroyGuard()
        {
            PlanetProgress::Finish();
            Simulator::Destroy();
        }
    } guard;

    const auto start = std::chrono::steady_clock::now();
    nlohmann::json record = DoRunScenario();
    const double wall =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    record["config"] = GetConfig();
    record["sim"] = {{"events", Simulator::GetEventCount()},
                     {"wall_s", wall},
                     {"peak_rss_mb", PeakRssMb()}};
    return record;
}

void
PlanetScenario::SetProgress(bool on, double wallInterval)
{
    m_progress = on;
    m_progressInterval = wallInterval;
}

void
PlanetScenario::SetOutputStem(const std::string& stem)
{
    m_outputStem = stem;
}

const std::string&
PlanetScenario::GetOutputStem() const
{
    return m_outputStem;
}

void
PlanetScenario::UseScheduler(const std::string& type) const
{
    ObjectFactory factory;
    factory.SetTypeId(m_progress ? PlanetProgress::SchedulerFor(type) : TypeId::LookupByName(type));
    Simulator::SetScheduler(factory);
    if (m_progress)
    {
        PlanetProgress::Start(m_progressInterval);
    }
}

void
PlanetScenario::ShowProgress(std::function<double()> fraction) const
{
    if (m_progress)
    {
        PlanetProgress::SetFraction(std::move(fraction));
    }
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

namespace
{

/// The name of a flag ("--hostsPerLeaf=8" -> "hostsPerLeaf"); "" when it is no flag.
std::string
FlagName(const std::string& arg)
{
    const std::size_t begin = arg.find_first_not_of('-');
    return begin == 0 || begin == std::string::npos ? std::string()
                                                    : arg.substr(begin, arg.find('=') - begin);
}

/// The value of a flag ("" when it has none).
std::string
FlagValue(const std::string& arg)
{
    const std::size_t eq = arg.find('=');
    return eq == std::string::npos ? std::string() : arg.substr(eq + 1);
}

/**
 * Applies `--ns3::Type::Attribute=value` as ns-3 would (the attribute's default), but with
 * the value checked first: ns-3's CommandLine aborts the process on an unknown attribute or a
 * value that does not parse.
 */
void
SetNs3Default(const std::string& arg)
{
    const std::string name = FlagName(arg);
    const std::string value = FlagValue(arg);
    const std::size_t split = name.rfind("::");
    TypeId tid;
    TypeId::AttributeInformation info;
    if (split == std::string::npos || split < 5 ||
        !TypeId::LookupByNameFailSafe(name.substr(0, split), &tid) ||
        !tid.LookupAttributeByName(name.substr(split + 2), &info))
    {
        throw std::invalid_argument("flag '--" + name +
                                    "': no such ns-3 attribute (expects "
                                    "--ns3::TypeName::AttributeName=value; --PrintTypeIds and "
                                    "--PrintAttributes=TypeName list them)");
    }
    const std::string problem = ValueProblem(value, info.checker);
    if (!problem.empty())
    {
        throw std::invalid_argument("flag '--" + name + "': " + problem);
    }
    if (arg.find('=') == std::string::npos || !Config::SetDefaultFailSafe(name, StringValue(value)))
    {
        throw std::invalid_argument("flag '--" + name + "': cannot use '" + value + "' (expects " +
                                    info.checker->GetUnderlyingTypeInformation() + ")");
    }
}

/// ns-3's --PrintAttributes=TypeName aborts on a name that is no TypeId.
void
CheckPrintFlag(const std::string& arg)
{
    TypeId tid;
    if (FlagName(arg) == "PrintAttributes" && !TypeId::LookupByNameFailSafe(FlagValue(arg), &tid))
    {
        throw std::invalid_argument("flag '--PrintAttributes': '" + FlagValue(arg) +
                                    "' is not an ns-3 type (--PrintTypeIds lists them), e.g. "
                                    "--PrintAttributes=ns3::FabricNetDevice");
    }
}

/// A --json path that can be written: no directory, in a directory that exists and is writable.
void
CheckOutputPath(const std::string& path)
{
    if (path.empty())
    {
        return;
    }
    struct stat info;
    if (stat(path.c_str(), &info) == 0)
    {
        if (S_ISDIR(info.st_mode) || access(path.c_str(), W_OK) != 0)
        {
            throw std::invalid_argument("flag '--json': cannot write '" + path + "'" +
                                        (S_ISDIR(info.st_mode) ? ": is a directory" : ""));
        }
        return;
    }
    const std::size_t slash = path.find_last_of('/');
    const std::string dir = slash == std::string::npos ? "." : path.substr(0, slash + 1);
    if (stat(dir.c_str(), &info) != 0 || !S_ISDIR(info.st_mode) || access(dir.c_str(), W_OK) != 0)
    {
        throw std::invalid_argument("flag '--json': cannot write '" + path + "': " + dir +
                                    " is not a writable directory");
    }
}

/// The --progressEvery value: seconds of wall time, finite and not negative.
double
ProgressInterval(const std::string& text)
{
    std::size_t used = 0;
    double seconds = -1;
    try
    {
        seconds = std::stod(text, &used);
    }
    catch (const std::exception&)
    {
        used = 0;
    }
    if (used == 0 || used != text.size() || !std::isfinite(seconds) || seconds < 0)
    {
        throw std::invalid_argument("flag '--progressEvery': '" + text +
                                    "' is not a number of seconds >= 0");
    }
    return seconds;
}

} // namespace

int
PlanetScenarioMain(TypeId tid, int argc, char** argv)
{
    const std::string program = argc > 0 ? SystemPath::Split(argv[0]).back() : "planet";
    try
    {
        const auto attributes = AllAttributes(tid);
        std::set<std::string> known{"json",
                                    "quiet",
                                    "progressEvery",
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
        // ns-3 attribute flags are applied here and not passed on (see SetNs3Default).
        std::vector<char*> args{argc > 0 ? argv[0] : nullptr};
        for (int i = 1; i < argc; ++i)
        {
            const std::string arg = argv[i];
            const std::string name = FlagName(arg);
            if (name.rfind("ns3::", 0) == 0)
            {
                SetNs3Default(arg);
                continue;
            }
            if (known.count(name) == 0)
            {
                std::string list;
                for (const auto& a : attributes)
                {
                    list += " --" + PlanetScenario::ParameterName(a.name);
                }
                throw std::invalid_argument(
                    "unknown flag '" + arg + "' (flags:" + list +
                    " --json --quiet --progressEvery; --PrintHelp explains them)");
            }
            CheckPrintFlag(arg);
            args.push_back(argv[i]);
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
        bool quiet = false;
        cmd.AddValue("quiet", "no progress line on standard error", quiet);
        std::string progressEvery = "2";
        cmd.AddValue("progressEvery",
                     "seconds of wall time between progress lines (and before the first)",
                     progressEvery);
        int count = static_cast<int>(args.size());
        cmd.Parse(count, args.data());
        CheckOutputPath(jsonPath);

        ObjectFactory factory(tid.GetName());
        Ptr<PlanetScenario> scenario = factory.Create<PlanetScenario>();
        scenario->Configure(params);
        scenario->SetProgress(!quiet, ProgressInterval(progressEvery));
        if (!jsonPath.empty())
        {
            const auto dot = jsonPath.rfind(".json");
            scenario->SetOutputStem(dot != std::string::npos && dot + 5 == jsonPath.size()
                                        ? jsonPath.substr(0, dot)
                                        : jsonPath);
        }
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
    }
    catch (const std::bad_alloc&)
    {
        std::cerr << program
                  << ": error: out of memory (a smaller run, or --memoryBudget to refuse it "
                     "earlier)"
                  << std::endl;
    }
    catch (const std::exception& e)
    {
        std::cerr << program << ": error: " << e.what() << std::endl;
    }
    catch (...)
    {
        std::cerr << program << ": error: unknown exception" << std::endl;
    }
    return 2;
}

} // namespace ns3
