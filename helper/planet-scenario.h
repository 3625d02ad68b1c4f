/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef PLANET_SCENARIO_H
#define PLANET_SCENARIO_H

#include "ns3/object.h"

#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

namespace ns3
{

/**
 * \ingroup planet
 * \brief A whole experiment whose parameters are TypeId attributes and whose result is one
 * JSON record.
 *
 * The scenario runners (planet-fabric, planet-quantum) and the Python bindings share this
 * class, so the same parameters give the same record by either route. A parameter's name is
 * its attribute's name with the first letter in lower case: attribute "HostsPerLeaf" is flag
 * `--hostsPerLeaf` and Python keyword `hostsPerLeaf`.
 *
 * The record holds "config" (every parameter with its value, defaults included), the figures
 * that DoRunScenario() returns, and "sim" (events, wall_s, peak_rss_mb).
 *
 * Reproducibility: ns-3 numbers random streams automatically from a process-wide counter that
 * Simulator::Destroy() does not reset, so a scenario assigns every stream it uses explicitly
 * (helpers' AssignStreams(), starting from 0). Then a second run in the same process gives the
 * same record as a fresh process.
 */
class PlanetScenario : public Object
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    /**
     * \brief Set parameters by name (flag names, values as on the command line).
     * \param params parameter name -> value
     * \throws std::invalid_argument naming the parameter when it is unknown or its value does
     * not parse
     */
    void Configure(const std::map<std::string, std::string>& params);

    /**
     * \brief Run the scenario once: seeds the RNG, calls DoRunScenario(), destroys the simulator.
     * \return the complete result record
     * \throws std::invalid_argument for parameters that are individually valid but do not fit
     */
    nlohmann::json Run();

    /**
     * \brief Every parameter of this scenario and its current value.
     * \return a JSON object: parameter name -> value (number, bool or string)
     */
    nlohmann::json GetConfig() const;

    /**
     * \brief Print a short human-readable summary of a record made by Run().
     * \param record the record
     * \param os where to print
     */
    virtual void PrintSummary(const nlohmann::json& record, std::ostream& os) const;

    /**
     * \brief Report the run's progress on standard error (PlanetProgress); off unless set (the
     * runners set it unless --quiet). It does not change the record.
     * \param on whether to report
     * \param wallInterval seconds of wall time between two reports (and before the first)
     */
    void SetProgress(bool on, double wallInterval = 2);
    /**
     * \brief Where the runner writes the record, without ".json" ("out/run" for
     * --json=out/run.json): files a run writes beside its record start with it. Empty: none.
     */
    void SetOutputStem(const std::string& stem);

    /**
     * \brief Parameter name for an attribute name ("HostsPerLeaf" -> "hostsPerLeaf").
     * \param attribute the attribute name
     * \return the parameter name
     */
    static std::string ParameterName(const std::string& attribute);

    /**
     * \brief Every attribute of an object (its parents' included) with its current value.
     * \param object the object (e.g. a stack's congestion control)
     * \return a JSON object: attribute name -> value (number, bool or string)
     */
    static nlohmann::json AttributeValues(const ObjectBase& object);

    /**
     * \brief Read a list of attribute settings for objects of a type, checked.
     * \param parameter the scenario parameter that holds the list (for error messages)
     * \param spec "Name=value,Name=value" ("" gives none)
     * \param tid the type whose attributes (its parents' included) the names must be
     * \return (attribute name, value) in order
     * \throws std::invalid_argument naming the parameter: a malformed item, an unknown name
     * (listing the known ones) or a value the attribute cannot take
     */
    static std::vector<std::pair<std::string, std::string>> ParseAttributeList(
        const std::string& parameter,
        const std::string& spec,
        TypeId tid);

  protected:
    /**
     * \brief Build and run the experiment.
     *
     * Called with the RNG seeded from the Seed and Run parameters. Simulator::Destroy() is
     * called by Run() afterwards.
     * \return the figures of the run (Run() adds "config" and "sim")
     */
    virtual nlohmann::json DoRunScenario() = 0;

    /**
     * \brief The parameters that Configure() sets, presets expanded: a scenario whose preset
     * parameter (e.g. --fabric) stands for values of others adds those not given explicitly.
     * \param params parameter name -> value, as given
     * \return the parameters to set (default: params)
     */
    virtual std::map<std::string, std::string> ExpandPresets(
        const std::map<std::string, std::string>& params) const;

    /**
     * \brief Use this event scheduler (a TypeId name), behind the progress reporter when
     * SetProgress is on. Call before scheduling events.
     */
    void UseScheduler(const std::string& type) const;
    /// \brief How far the run is, in [0, 1], for the progress line's estimate of the time left.
    void ShowProgress(std::function<double()> fraction) const;
    /// \brief The output stem (SetOutputStem).
    const std::string& GetOutputStem() const;

  private:
    bool m_progress{false};
    double m_progressInterval{2}; //!< wall seconds between progress reports
    std::string m_outputStem;
    uint32_t m_seed;           //!< RngSeedManager seed
    uint64_t m_run;            //!< RngSeedManager run number
    uint64_t m_memoryBudgetMb; //!< planet::SetMemoryBudgetBytes() during Run() (0: as is)
    uint64_t m_eventBudget;    //!< planet::SetEventBudget() during Run() (0: as is)
};

/**
 * \ingroup planet
 * \brief The main() of a scenario runner: flags from the scenario's attributes, plus
 * `--json=PATH`; prints the summary and writes the record.
 *
 * The runner owns its command line: an unknown flag, a bad value, an ns-3 attribute flag
 * (`--ns3::Type::Attribute=value`) that names no attribute or does not parse, an ns-3 `--Print*`
 * flag naming no type, an unwritable --json path and every exception of the run print one line
 * naming the flag or file (and the allowed values where there is a fixed set) and return 2.
 * \param tid the TypeId of a PlanetScenario subclass
 * \param argc argument count
 * \param argv arguments
 * \return the process exit status
 */
int PlanetScenarioMain(TypeId tid, int argc, char** argv);

/**
 * \ingroup planet
 * \brief Check a string parameter against its allowed values.
 * \param name the parameter name, for the message
 * \param value the value given
 * \param allowed the allowed values
 * \throws std::invalid_argument naming the parameter and listing the allowed values
 */
void CheckChoice(const std::string& name,
                 const std::string& value,
                 const std::vector<std::string>& allowed);

} // namespace ns3

#endif /* PLANET_SCENARIO_H */
